# Core unit tests (doctest): one binary from tests/core/*.cpp, built natively and to wasm
# (run under node with the real file system, NODERAWFS). UI smoke tests natively.
file(GLOB SK_TEST_SOURCES CONFIGURE_DEPENDS tests/core/*.cpp)
add_executable(shopkeeper_tests ${SK_TEST_SOURCES})
target_link_libraries(shopkeeper_tests PRIVATE sk_core sk_warnings)
target_compile_definitions(shopkeeper_tests PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
if(EMSCRIPTEN)
  target_link_options(shopkeeper_tests PRIVATE -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                                               -sENVIRONMENT=node)
  set_target_properties(shopkeeper_tests PROPERTIES SUFFIX ".js")
endif()

if(SK_BUILD_UI AND NOT EMSCRIPTEN)
  file(GLOB SK_UI_TEST_SOURCES CONFIGURE_DEPENDS tests/ui/*.cpp)
  if(SK_UI_TEST_SOURCES)
    add_executable(shopkeeper_ui_tests ${SK_UI_TEST_SOURCES})
    target_link_libraries(shopkeeper_ui_tests PRIVATE sk_ui sk_warnings)
    target_compile_definitions(shopkeeper_ui_tests PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                                                           SK_UI_FONT_DIR="${CMAKE_BINARY_DIR}/assets")
    add_dependencies(shopkeeper_ui_tests sk_font)  # the layout tests draw with the app's font
  endif()
  # The desktop host's input path under Xvfb (tests/desktop/run.sh runs it): SDL's IME events,
  # and a click that jumps onto a tab (tap_test.cpp).
  add_executable(shopkeeper_desktop_tests tests/desktop/ime_test.cpp tests/desktop/tap_test.cpp)
  target_link_libraries(shopkeeper_desktop_tests PRIVATE sk_host sk_warnings)
endif()

# CTest: each suite of scripts/run_tests.sh as one test, so `ctest -R core` (or ui, oracle,
# desktop, e2e) runs one suite; `ctest --preset native-release` runs them all. The scripts that
# need the other build (e2e needs build/web) say so when it is missing.
if(EMSCRIPTEN)
  add_test(NAME core_wasm COMMAND node --no-experimental-fetch $<TARGET_FILE:shopkeeper_tests>)
  set_tests_properties(core_wasm PROPERTIES ENVIRONMENT "NODE_PATH=/usr/share/nodejs")
else()
  add_test(NAME core COMMAND shopkeeper_tests)
  if(TARGET shopkeeper_ui_tests)
    add_test(NAME ui COMMAND shopkeeper_ui_tests)
  endif()
  add_test(NAME oracle COMMAND bash ${CMAKE_SOURCE_DIR}/tests/oracle/run.sh WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  if(SK_BUILD_UI)
    add_test(NAME desktop COMMAND bash ${CMAKE_SOURCE_DIR}/tests/desktop/run.sh WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endif()
  if(EXISTS ${CMAKE_SOURCE_DIR}/tests/e2e/run.sh)
    add_test(NAME e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/run.sh WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endif()
endif()
