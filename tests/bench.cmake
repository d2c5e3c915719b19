# The performance work's tests (bench/, docs/performance.md), included by
# tests/CMakeLists.txt: the generator's tests, the parallel-equals-serial proof, the
# tiaodu-gen command, and a short run of every benchmark (correctness only: each
# benchmark checks what it computed and tiaodu-bench exits 1 if a check failed; no
# timing is asserted anywhere).
#
# The generator library is defined by bench/generator.cmake, included here too, so that
# these tests exist in the sanitizer builds, which do not build the benchmarks.
include(${PROJECT_SOURCE_DIR}/bench/generator.cmake)

foreach(name IN ITEMS generator parallel)
  add_executable(test_bench_${name} ${CMAKE_CURRENT_SOURCE_DIR}/bench/test_${name}.cpp)
  target_link_libraries(test_bench_${name} PRIVATE tiaodu-generator GTest::gtest GTest::gtest_main)
  # Named bench.<Suite>.<Test>, so that `ctest -R "^bench[.]"` runs all of this file's tests.
  gtest_discover_tests(test_bench_${name} TEST_PREFIX bench. DISCOVERY_TIMEOUT 60 PROPERTIES LABELS cpp)
endforeach()

if(TARGET tiaodu-bench)
  # Every benchmark but the national year, at small sizes.
  add_test(NAME bench.smoke
           COMMAND tiaodu-bench --benchmark_min_time=0.01 --benchmark_filter=-^national
                   --tiaodu_sizes=1000,10000 --tiaodu_sharded_sizes=20000 --tiaodu_shard_orgs=7000
                   --tiaodu_json_sizes=1000 --tiaodu_memory_sizes=1000)
  # The national year's code path, on a small "country" cut into three shards.
  add_test(NAME bench.national_smoke
           COMMAND tiaodu-bench --benchmark_filter=^national
                   --tiaodu_national_orgs=20000 --tiaodu_shard_orgs=7000)
  # A filter that matches nothing is an error, not a silent pass.
  add_test(NAME bench.no_match COMMAND tiaodu-bench --benchmark_filter=^no_such_benchmark$)
  set_tests_properties(bench.no_match PROPERTIES WILL_FAIL TRUE)
  set_tests_properties(bench.smoke bench.national_smoke bench.no_match PROPERTIES LABELS bench)
endif()

if(TARGET tiaodu-gen)
  add_test(NAME bench.tiaodu_gen
           COMMAND ${CMAKE_COMMAND} -DGEN=$<TARGET_FILE:tiaodu-gen>
                   -DOUT=${CMAKE_CURRENT_BINARY_DIR}/bench-gen
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/bench/tiaodu_gen.cmake)
  set_tests_properties(bench.tiaodu_gen PROPERTIES LABELS bench)
endif()
