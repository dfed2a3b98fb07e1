# metapool's front door. `make test` and `make run` do all the set-up
# themselves on a fresh Debian 12 machine (as root): `make deps` apt-installs
# only what is missing, then CMake builds.

BUILD ?= build
JOBS  ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

# Debian packages for the native core, CLI and Catch2 tests.
NATIVE_DEPS := cmake make g++ catch2 libboost-math-dev nlohmann-json3-dev

# Debian packages for the WebAssembly module and the browser tests. node and
# npm may come with the image (a nodejs package that bundles npm); Debian's
# own npm is installed only when there is no npm at all. zopfli packs the wasm
# into dist/metapool.html (scripts/inline_dist.js).
WEB_DEPS := emscripten node-acorn chromium zopfli $(if $(shell command -v npm),,nodejs npm)
WASM_BUILD ?= build-wasm
# Debian's em++ runs its JS tools with the machine's node, which may not
# search Debian's /usr/share/nodejs (where acorn lives) by itself.
EM_ENV := NODE_PATH=/usr/share/nodejs

.PHONY: all deps cli build test test-native run bench clean fuzz fuzz-build fuzz-smoke test-sanitize wasm dist test-web test-wasm test-browser

all: build

deps:
	@scripts/install_deps.sh $(NATIVE_DEPS) $(WEB_DEPS) $(FUZZ_DEPS)
	@[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && [ -d node_modules/terser ] || { if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi; }

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

cli: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target metapool

test-native: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The fuzz smoke run goes first so that the test runners' summaries close the output.
test: fuzz-smoke test-native test-web

# The WebAssembly module (build-wasm/metapool.js, wasm inlined) and the
# single-file page dist/metapool.html.
$(WASM_BUILD)/CMakeCache.txt:
	$(EM_ENV) emcmake cmake -S . -B $(WASM_BUILD) -DCMAKE_BUILD_TYPE=Release

wasm: deps $(WASM_BUILD)/CMakeCache.txt
	$(EM_ENV) cmake --build $(WASM_BUILD) -j $(JOBS)

dist: wasm
	node scripts/inline_dist.js --module $(WASM_BUILD)/metapool.js --out dist/metapool.html

# node's test runner on the module (compared with the native CLI), then the
# page in Debian's Chromium driven by playwright-core.
test-wasm: wasm cli
	node --test $(wildcard tests/wasm/*.test.js)

test-browser: dist
	node --test $(wildcard tests/browser/*.test.js)

test-web: test-wasm test-browser

run: dist
	@echo "metapool: serving http://127.0.0.1:8000/metapool.html (Ctrl+C stops)"
	@echo "metapool: the same page as one file: $(abspath dist/metapool.html)"
	python3 -m http.server --bind 127.0.0.1 8000 --directory dist

# libFuzzer over parse + analyse + JSON + report + SVG with every option
# combination (clang, ASan, UBSan). FUZZ_SECONDS sets the length of a run;
# new inputs it finds go to build-fuzz/corpus, the seeds stay in tests/.
FUZZ_DEPS := clang-14 libclang-rt-14-dev
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DMETAPOOL_FUZZ=ON -DMETAPOOL_TESTS=OFF

fuzz-build: deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_analyze

fuzz: fuzz-build
	mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_BUILD)/fuzz_analyze -max_total_time=$(FUZZ_SECONDS) -timeout=10 -artifact_prefix=$(FUZZ_BUILD)/ -rss_limit_mb=4096 \
	  -max_len=65536 $(FUZZ_BUILD)/corpus tests/fuzz_corpus

# The short run inside `make test`: every seed once, then 20 s of fuzzing.
fuzz-smoke: fuzz-build
	$(FUZZ_BUILD)/fuzz_analyze -runs=0 tests/fuzz_corpus
	mkdir -p $(FUZZ_BUILD)/smoke-corpus
	$(FUZZ_BUILD)/fuzz_analyze -max_total_time=20 -timeout=10 -artifact_prefix=$(FUZZ_BUILD)/ -max_len=4096 $(FUZZ_BUILD)/smoke-corpus tests/fuzz_corpus

# The Catch2 suite under AddressSanitizer and UndefinedBehaviorSanitizer.
SANITIZE_BUILD ?= build-sanitize
$(SANITIZE_BUILD)/CMakeCache.txt:
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMETAPOOL_SANITIZE=ON

test-sanitize: deps $(SANITIZE_BUILD)/CMakeCache.txt
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Speed against metafor, in node and in Chromium: writes BENCHMARKS.md (not
# part of `make test`; metafor is skipped when R is missing).
# BENCH_FLAGS=--quick: short budgets, for trying it out.
bench: cli dist
	cmake --build $(BUILD) -j $(JOBS) --target metapool_bench
	$(EM_ENV) cmake --build $(WASM_BUILD) -j $(JOBS) --target metapool_bench_wasm
	node bench/run_benchmarks.js $(BENCH_FLAGS)

clean:
	rm -rf $(BUILD) build-wasm dist $(FUZZ_BUILD) $(SANITIZE_BUILD)
