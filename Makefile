# metapool's front door. `make test` and `make run` do all the set-up
# themselves on a fresh Debian 12 machine (as root): `make deps` apt-installs
# only what is missing, then CMake builds.

BUILD ?= build
JOBS  ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

# Debian packages for the native core, CLI and Catch2 tests.
NATIVE_DEPS := cmake make g++ catch2 libboost-math-dev nlohmann-json3-dev

.PHONY: all deps cli build test test-native run bench clean

all: build

deps:
	@scripts/install_deps.sh $(NATIVE_DEPS)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

cli: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target metapool

test-native: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test: test-native

run: cli
	$(BUILD)/metapool --example

clean:
	rm -rf $(BUILD) build-wasm dist
