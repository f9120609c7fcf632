# kluis: the two commands are `make run` and `make test`. Both install what is
# missing (Debian 12 packages), build, and are safe to repeat.

BUILD      ?= build
BUILD_SAN  ?= build-asan
BUILD_FUZZ ?= build-fuzz
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=
FUZZ_SECONDS ?= 300

.PHONY: all deps build build-asan test test-asan test-fast check-long bench fuzz run format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD_SAN)/build.ninja:
	cmake -S . -B $(BUILD_SAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DKLUIS_SANITIZE=address,undefined -DKLUIS_BUILD_BENCH=OFF $(CMAKE_ARGS)

build-asan: deps $(BUILD_SAN)/build.ninja
	cmake --build $(BUILD_SAN) -j $(JOBS)

# Every test: the release build, then the whole suite again under ASan+UBSan,
# then a short fuzz run of the header/armor parser when clang is present.
test: build build-asan
	@scripts/run-tests.sh $(BUILD) $(BUILD_SAN)

# Just the release build's suite, for a quick edit-compile-test loop.
test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Every state of every crash workload (tests/crash; make test checks a
# sample). Prints per workload the crash points and states checked.
check-long: build
	KLUIS_CRASH_SAMPLE=1 $(BUILD)/tests/crash/crash_test

bench: build
	@scripts/run-bench.sh $(BUILD)

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/run-fuzz.sh $(BUILD_FUZZ)

# Build, then start kluisd in the foreground with the default vault and socket.
run: build
	@scripts/run.sh $(BUILD)

format:
	find daemon client tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ)
