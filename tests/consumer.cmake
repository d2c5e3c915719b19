# find_package(tiaodu) from an installed prefix works: tests/consumer/check.cmake.
add_test(NAME consumer.find_package
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -DWORK_DIR=${PROJECT_BINARY_DIR}/consumer-check -P ${CMAKE_CURRENT_SOURCE_DIR}/consumer/check.cmake)
set_tests_properties(consumer.find_package PROPERTIES LABELS "install;nosan" TIMEOUT 600)
