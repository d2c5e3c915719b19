# The CLI's tests (cli/, docs/cli.md), included by tests/CMakeLists.txt. Label `cli`.
#
#  cli.render.*        GoogleTest: the renderers on hand-made Results (tests/cli/test_render.cpp)
#  cli.commands        every command, option and exit code; stdin; --help/--version; colour
#  cli.golden          the report (zh, en) and the sample's CSV, byte for byte
#  cli.forms           the forms' files: XLSX read back, CSV parsed, injection and path safety
#  cli.json_identity   `evaluate --format json` == tiaodu::to_json(evaluate(...)), byte for byte
#  cli.browser         forms.html printed to PDF by headless Chromium, then checked with
#                      pdfinfo/pdftotext (skipped, and says so, only when chromium is absent)
if(NOT TARGET tiaodu-cli)
  return()
endif()

add_executable(test_cli_render ${CMAKE_CURRENT_LIST_DIR}/cli/test_render.cpp)
target_link_libraries(test_cli_render PRIVATE tiaodu-render GTest::gtest GTest::gtest_main)
gtest_discover_tests(test_cli_render TEST_PREFIX cli.render. DISCOVERY_TIMEOUT 60
                     PROPERTIES LABELS cli)

# The reference for the JSON identity test: the library's own to_json of the evaluation.
add_executable(test_cli_reference_json ${CMAKE_CURRENT_LIST_DIR}/cli/reference_json.cpp)
target_link_libraries(test_cli_reference_json PRIVATE tiaodu::tiaodu)

# The Python suites run under Debian's interpreter (it has pytest); each gets its own
# temporary directory so that ctest -j runs them side by side.
set(TIAODU_CLI_PYTEST_ENV
    TIAODU_CLI=$<TARGET_FILE:tiaodu-cli>
    TIAODU_REFERENCE_JSON=$<TARGET_FILE:test_cli_reference_json>
    TIAODU_SOURCE_DIR=${PROJECT_SOURCE_DIR}
    NO_COLOR=1
    PYTHONDONTWRITEBYTECODE=1)
foreach(suite IN ITEMS commands golden forms json_identity)
  add_test(NAME cli.${suite}
           COMMAND ${TIAODU_PYTHON_EXECUTABLE} -m pytest -q -p no:cacheprovider
                   --basetemp=${CMAKE_CURRENT_BINARY_DIR}/cli-tmp-${suite}
                   ${CMAKE_CURRENT_LIST_DIR}/cli/test_${suite}.py)
  set_tests_properties(cli.${suite} PROPERTIES LABELS cli ENVIRONMENT "${TIAODU_CLI_PYTEST_ENV}")
endforeach()

# Exit 77 = skipped: only when chromium is not installed (the script prints why).
add_test(NAME cli.browser
         COMMAND ${TIAODU_PYTHON_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/cli/browser_test.py
                 --out ${CMAKE_CURRENT_BINARY_DIR}/cli-tmp-browser)
set_tests_properties(cli.browser PROPERTIES LABELS cli SKIP_RETURN_CODE 77 TIMEOUT 600
                     ENVIRONMENT "${TIAODU_CLI_PYTEST_ENV}")
