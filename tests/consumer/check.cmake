# Installs the build tree into a fresh prefix, builds tests/consumer against it with
# find_package, and runs it on the sample town. Called by CTest (tests/consumer.cmake).
#   -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix --component Unspecified)
if(NOT EXISTS ${WORK_DIR}/prefix/lib/cmake/tiaodu/tiaodu-config.cmake
   AND NOT EXISTS ${WORK_DIR}/prefix/lib/x86_64-linux-gnu/cmake/tiaodu/tiaodu-config.cmake)
  message(FATAL_ERROR "tiaodu-config.cmake was not installed")
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/build -G Ninja
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer ${SOURCE_DIR}/examples/sample-town.json 2023-12-31)
message(STATUS "${last_output}")
if(NOT last_output MATCHES "decisions, 72 items")
  message(FATAL_ERROR "unexpected consumer output: ${last_output}")
endif()
