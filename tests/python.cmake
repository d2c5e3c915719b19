# The Python tests (docs/python.md), included by tests/CMakeLists.txt. Label `python`.
#
#   python.<name>  pytest on tests/python/test_<name>.py, one CTest test per file, with the
#                  interpreter the module is built for (TIAODU_PYTHON_EXECUTABLE), importing
#                  the module from this build tree (PYTHONPATH=<build>/bindings/python)
#   python.docs    the examples of docs/python.md, run as doctests (so the docs cannot rot)
#   python.install is test_install.py: `cmake --install` to a temporary prefix, then import
#                  and evaluate the sample from there in a clean interpreter
#
# Every run loads tests/python/no_skips.py: a skipped or xfailed test fails it. Under
# AddressSanitizer (the asan preset) the sanitizer runtimes are preloaded into the
# interpreter, so the module is checked there too.
if(NOT TARGET _tiaodu)
  return()
endif()

set(TIAODU_PY_TEST_DIR ${CMAKE_CURRENT_LIST_DIR}/python)
set(TIAODU_PY_ENV
    "PYTHONPATH=$<TARGET_FILE_DIR:_tiaodu>/..:${TIAODU_PY_TEST_DIR}"
    TIAODU_SOURCE_DIR=${PROJECT_SOURCE_DIR}
    TIAODU_BUILD_DIR=${PROJECT_BINARY_DIR}
    TIAODU_VERSION=${PROJECT_VERSION}
    TIAODU_CMAKE=${CMAKE_COMMAND}
    TIAODU_PYTHON_INSTALL_DIR=${TIAODU_PYTHON_INSTALL_DIR}
    PYTHONDONTWRITEBYTECODE=1)
if(TARGET tiaodu-cli)
  list(APPEND TIAODU_PY_ENV TIAODU_CLI=$<TARGET_FILE:tiaodu-cli>)
endif()

set(TIAODU_PY_PRELOAD "")
foreach(san IN ITEMS address:asan undefined:ubsan)
  string(REPLACE ":" ";" san ${san})
  list(GET san 0 flag)
  list(GET san 1 lib)
  if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=[^ ]*${flag}")
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=lib${lib}.so
                    OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
    list(APPEND TIAODU_PY_PRELOAD ${path})
  endif()
endforeach()
if(TIAODU_PY_PRELOAD)
  list(JOIN TIAODU_PY_PRELOAD ":" preload)
  # CPython keeps memory to the end on purpose: leak checks would only report that.
  list(APPEND TIAODU_PY_ENV LD_PRELOAD=${preload} ASAN_OPTIONS=detect_leaks=0
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
endif()

set(TIAODU_PYTEST ${TIAODU_PYTHON_EXECUTABLE} -m pytest -q -rs -p no:cacheprovider -p pytester -p no_skips)

file(GLOB TIAODU_PY_TESTS CONFIGURE_DEPENDS ${TIAODU_PY_TEST_DIR}/test_*.py)
foreach(file IN LISTS TIAODU_PY_TESTS)
  get_filename_component(name ${file} NAME_WE)
  string(REGEX REPLACE "^test_" "" name ${name})
  if(name STREQUAL "install" AND NOT TIAODU_INSTALL)
    continue()  # nothing to install without the install rules
  endif()
  set(select "")
  if(name STREQUAL "evaluate" AND NOT TARGET tiaodu-cli)
    set(select -k "not clis_json")
  endif()
  add_test(NAME python.${name}
           COMMAND ${TIAODU_PYTEST} --basetemp=${CMAKE_CURRENT_BINARY_DIR}/python-tmp-${name} ${select} ${file}
           WORKING_DIRECTORY ${TIAODU_PY_TEST_DIR})
  set_tests_properties(python.${name} PROPERTIES LABELS python ENVIRONMENT "${TIAODU_PY_ENV}"
                       REQUIRED_FILES $<TARGET_FILE:_tiaodu>)
endforeach()
if(TIAODU_INSTALL)
  set_tests_properties(python.install PROPERTIES LABELS "python;install")
endif()
# test_evaluate.py compares result.to_json() with the output of the `tiaodu` command, byte
# for byte. In a build without the command (TIAODU_BUILD_CLI=OFF) there is nothing to
# compare with: that one test is deselected, by name, rather than skipped.
if(TARGET tiaodu-cli)
  set_property(TEST python.evaluate APPEND PROPERTY REQUIRED_FILES $<TARGET_FILE:tiaodu-cli>)
endif()

# The tutorial's examples run from the repository root, where it says to run them.
add_test(NAME python.docs
         COMMAND ${TIAODU_PYTEST} --basetemp=${CMAKE_CURRENT_BINARY_DIR}/python-tmp-docs
                 --doctest-glob=python.md "-o" "doctest_optionflags=ELLIPSIS NORMALIZE_WHITESPACE"
                 ${PROJECT_SOURCE_DIR}/docs/python.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(python.docs PROPERTIES LABELS python ENVIRONMENT "${TIAODU_PY_ENV}"
                     REQUIRED_FILES "$<TARGET_FILE:_tiaodu>;${PROJECT_SOURCE_DIR}/docs/python.md")
