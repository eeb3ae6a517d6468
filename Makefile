# xfactor — the two commands a user needs:
#   make run    install what is missing, build, run every scenario and say where its report is
#   make test   install what is missing, build, run every test (also under ASan/UBSan, and fuzzers)
# Everything else here is a building block of those two.

JOBS        ?= $(shell nproc)
BUILD       ?= build
FUZZ_SECONDS ?= 20
CMAKE_FLAGS ?=

# ccache keyed on paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: run test deps build release test-unit test-sanitize fuzz bench bench-core format clean

# Every scenario in scenarios/ at its default scale, into ./workspace (the embedded default store).
run: release
	@$(BUILD)/release/xfactor run scenarios --workspace workspace
	@echo "open a report.html above in a browser; list runs with: $(BUILD)/release/xfactor runs"

test: deps test-unit test-sanitize fuzz
	@n=$$(grep -o 'tests failed out of [0-9]*' $(BUILD)/test/ctest.log | grep -o '[0-9]*$$'); \
	  echo "every test also passed under ASan+UBSan, and every fuzzer ran clean"; \
	  echo "tests: $$n passed, 0 failed"

deps:
	@bash scripts/install-deps.sh

release: deps
	@cmake -S . -B $(BUILD)/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DXF_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD)/release -j $(JOBS) xfactor

# Warnings are errors wherever tests run, so CI and a developer's `make test` agree.
test-unit: deps
	@cmake -S . -B $(BUILD)/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXF_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD)/test -j $(JOBS)
	@cd $(BUILD)/test && { ctest -j $(JOBS) --output-on-failure --timeout 900 >ctest.log 2>&1; \
	  rc=$$?; cat ctest.log; exit $$rc; }

test-sanitize: deps
	@cmake -S . -B $(BUILD)/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DXF_WERROR=ON -DXF_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD)/asan -j $(JOBS)
	@cd $(BUILD)/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest -j $(JOBS) --output-on-failure --timeout 1800

# libFuzzer needs clang; each fuzzer runs for a bounded time from its seed corpus.
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXF_FUZZ=ON -DXF_TESTS=OFF -DXF_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD)/fuzz -j $(JOBS)
	@bash scripts/run-fuzzers.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

# docs/performance.md: xfactor side by side with DuckDB and pandas on the same files, outputs
# checked equal first (bench/compare/run.py; BENCH_SCALE=0.1 for a quick look, BENCH_REPS=N).
BENCH_SCALE ?= 1
BENCH_REPS  ?= 3
bench: deps
	@bash bench/compare/install.sh
	@/usr/bin/python3 bench/compare/run.py --scale $(BENCH_SCALE) --reps $(BENCH_REPS) --build $(CURDIR)/$(BUILD)/bench

# The engine's own micro benchmarks (Google Benchmark) and the single-engine CSV ingest numbers.
bench-core: deps
	@bash bench/run-core.sh $(CURDIR)/$(BUILD)/bench

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
