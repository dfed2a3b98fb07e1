# metafor's side of `make bench` (bench/run_benchmarks.js runs it; needs
# r-base-core and r-cran-metafor, and is skipped without them).
#
#   Rscript bench/bench_metafor.R one   FILE BUDGET_S MAX_REPEATS
#   Rscript bench/bench_metafor.R batch FILE BUDGET_S MAX_ANALYSES
#
# One analysis is what metapool computes by default: rma.mh (Mantel-Haenszel
# common effect, Q and I2), escalc + rma(method = "REML") (random effects)
# and confint() (Q-profile tau2 interval), risk ratios, on the table in FILE
# (study, ai, n1i, ci, n2i; batch files have an analysis column first).
# Times come from proc.time() around the calls only: reading the file and
# R's start-up are not counted. Repeats stop at MAX_REPEATS or once BUDGET_S
# seconds have been spent (at least one run). Prints one JSON object.
suppressPackageStartupMessages(library(metafor))

args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
file <- args[2]
budget <- as.numeric(args[3])
max_n <- as.integer(args[4])

now <- function() proc.time()[["elapsed"]]

analyse <- function(ai, n1i, ci, n2i) {
  t0 <- now()
  mh <- rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, measure = "RR")
  t1 <- now()
  es <- escalc(measure = "RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i)
  re <- rma(yi, vi, data = es, method = "REML")
  t2 <- now()
  qp <- confint(re)
  t3 <- now()
  list(times = c(total = t3 - t0, mh = t1 - t0, reml = t2 - t1, confint = t3 - t2),
       mh = as.numeric(mh$beta), reml = as.numeric(re$beta), tau2 = re$tau2,
       tau2_lower = qp$random[1, 2], tau2_upper = qp$random[1, 3], Q = mh$QE)
}

num <- function(x) if (is.null(x) || length(x) == 0 || !is.finite(x)) "null" else sprintf("%.17g", x)
str <- function(s) paste0("\"", gsub("[\"\\\\]", "'", gsub("[\r\n\t]", " ", s)), "\"")
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
emit <- function(fields) {
  cat("{", paste0("\"", names(fields), "\":", unlist(fields), collapse = ","), "}\n", sep = "")
}

versions <- list(r = str(R.version.string), metafor = str(as.character(packageVersion("metafor"))))

d <- read.csv(file, stringsAsFactors = FALSE)

if (mode == "one") {
  k <- nrow(d)
  runs <- list()
  spent <- 0
  err <- NULL
  while (length(runs) < max_n && (length(runs) == 0 || spent < budget)) {
    r <- tryCatch(analyse(d$ai, d$n1i, d$ci, d$n2i), error = function(e) e)
    if (inherits(r, "error")) { err <- conditionMessage(r); break }
    runs[[length(runs) + 1]] <- r
    spent <- spent + r$times[["total"]]
  }
  if (length(runs) == 0) {
    emit(c(list(mode = str("one"), k = k, error = str(err)), versions))
  } else {
    part <- function(p) arr(vapply(runs, function(r) r$times[[p]], 0))
    last <- runs[[length(runs)]]
    emit(c(list(mode = str("one"), k = k, repeats = length(runs), total = part("total"), mh = part("mh"),
                reml = part("reml"), confint = part("confint"), mh_y = num(last$mh), reml_y = num(last$reml),
                tau2 = num(last$tau2), tau2_lower = num(last$tau2_lower), tau2_upper = num(last$tau2_upper),
                Q = num(last$Q), stopped_by_budget = if (length(runs) < max_n) "true" else "false"),
           versions))
  }
} else if (mode == "batch") {
  # The first MAX_ANALYSES analyses of the file (a subsample), one after the
  # other, as a simulation study would run them.
  groups <- split(seq_len(nrow(d)), factor(d$analysis, levels = unique(d$analysis)))
  total <- length(groups)
  groups <- groups[seq_len(min(max_n, total))]
  t0 <- now()
  done <- 0
  tau2 <- numeric(0)
  for (g in groups) {
    r <- analyse(d$ai[g], d$n1i[g], d$ci[g], d$n2i[g])
    tau2 <- c(tau2, r$tau2)
    done <- done + 1
    if (now() - t0 > budget) break
  }
  elapsed <- now() - t0
  emit(c(list(mode = str("batch"), analyses_in_file = total, analysed = done, seconds = num(elapsed),
              per_analysis = num(elapsed / done), first_tau2 = arr(head(tau2, 5))), versions))
}
