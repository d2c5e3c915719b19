# The synthetic-snapshot generator as a library: tiaodu-bench and tiaodu-gen link it, and
# so do its tests (tests/bench.cmake), which include this file too so that the generator
# and the parallel-equals-serial test are built even where the benchmarks are not
# (the sanitizer presets turn TIAODU_BUILD_BENCH off).
include_guard(GLOBAL)
find_package(Threads REQUIRED)
add_library(tiaodu-generator STATIC ${PROJECT_SOURCE_DIR}/bench/generator.cpp)
target_include_directories(tiaodu-generator PUBLIC ${PROJECT_SOURCE_DIR}/bench)
target_link_libraries(tiaodu-generator PUBLIC tiaodu::tiaodu Threads::Threads)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(tiaodu-generator PRIVATE -Wall -Wextra -Wpedantic)
endif()
