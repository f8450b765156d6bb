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
    target_compile_definitions(shopkeeper_ui_tests PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  endif()
endif()
