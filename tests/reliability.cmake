# The reliability work's tests (docs/reliability.md), included by tests/CMakeLists.txt:
#  - test_properties and test_threads (globbed there as tests/test_*.cpp) also link the
#    synthetic-town generator (bench/generator.cmake, also built where the benchmarks
#    are not, e.g. in the sanitizer presets);
#  - fuzz.replay_*: every fuzz target's code run over its seed corpus and its committed
#    regression inputs (tests/fuzz/regressions/), in every build, without libFuzzer, so a
#    crash once found stays fixed also in the ASan/UBSan suite.
include(${PROJECT_SOURCE_DIR}/bench/generator.cmake)
foreach(name IN ITEMS test_properties test_threads)
  if(TARGET ${name})
    target_link_libraries(${name} PRIVATE tiaodu-generator)
  endif()
endforeach()

find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json)
foreach(target IN ITEMS snapshot policy evaluate)
  add_executable(fuzz_replay_${target} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${target}.cpp
                                       ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.cpp)
  target_link_libraries(fuzz_replay_${target} PRIVATE tiaodu::tiaodu Boost::json)
endforeach()
set(fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions)
set(data_dir ${CMAKE_CURRENT_SOURCE_DIR}/data)
add_test(NAME fuzz.replay_snapshot
         COMMAND fuzz_replay_snapshot ${fuzz_dir}/snapshot ${PROJECT_SOURCE_DIR}/examples/sample-town.json
                 ${data_dir}/valid ${data_dir}/invalid)
add_test(NAME fuzz.replay_policy
         COMMAND fuzz_replay_policy ${fuzz_dir}/policy ${data_dir}/valid-policy ${data_dir}/invalid-policy)
# --with-prefixes: the evaluate target's inputs begin with a date and a policy choice
# (fuzz_evaluate.cpp); plain snapshots are run behind a few such prefixes.
add_test(NAME fuzz.replay_evaluate
         COMMAND fuzz_replay_evaluate ${fuzz_dir}/evaluate --with-prefixes
                 ${PROJECT_SOURCE_DIR}/examples/sample-town.json ${data_dir}/valid)
set_tests_properties(fuzz.replay_snapshot fuzz.replay_policy fuzz.replay_evaluate
                     PROPERTIES LABELS "cpp;fuzz")
