# Web build: the app as app.js + app.wasm + app.data (font) with our own HTML shell in web/
# (emcc's -o x.html minifier fails with Debian's emscripten 3.1.6).
set(SK_WEB_OUT "${CMAKE_BINARY_DIR}/web" CACHE PATH "where the served web app is assembled")
file(MAKE_DIRECTORY "${SK_WEB_OUT}")

include(cmake/font.cmake)

if(SK_BUILD_UI)
  add_executable(shopkeeper_web wasm/main_web.cpp wasm/web_platform.cpp wasm/test_api.cpp)
  target_link_libraries(shopkeeper_web PRIVATE sk_host sk_warnings)
  # EM_ASM needs the GNU dialect (-std=gnu++20).
  set_target_properties(shopkeeper_web PROPERTIES CXX_EXTENSIONS ON)
  target_compile_options(shopkeeper_web PRIVATE -Wno-dollar-in-identifier-extension)
  add_dependencies(shopkeeper_web sk_font)
  set_target_properties(shopkeeper_web PROPERTIES OUTPUT_NAME app SUFFIX ".js"
                                                  RUNTIME_OUTPUT_DIRECTORY "${SK_WEB_OUT}")
  target_link_options(shopkeeper_web PRIVATE
    -sUSE_WEBGL2=1 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1
    -sINITIAL_MEMORY=64MB -lidbfs.js -sFORCE_FILESYSTEM=1
    -sEXPORTED_RUNTIME_METHODS=['FS','IDBFS','ccall','cwrap','UTF8ToString','stringToUTF8','lengthBytesUTF8']
    -sEXPORTED_FUNCTIONS=['_main','_malloc','_free','_sk_test_state','_sk_test_navigate','_sk_test_open_demo','_sk_test_set_language','_sk_test_open_demo_lines','_sk_test_set_range','_sk_test_frame_times','_sk_test_confirm_import','_sk_on_persist_result','_sk_on_file_opened','_sk_ime_commit','_sk_ime_preedit','_sk_paste']
    -sENVIRONMENT=web
    --pre-js ${CMAKE_SOURCE_DIR}/wasm/pre.js
    "--preload-file" "${SK_FONT_DIR}@/assets")
  set_property(TARGET shopkeeper_web APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/wasm/pre.js
                                                                   ${SK_FONT_FILE})

  # Static files of the shell, copied next to app.js.
  file(GLOB SK_WEB_STATIC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
  add_custom_target(sk_web_static ALL
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_SOURCE_DIR}/web ${SK_WEB_OUT}
    DEPENDS ${SK_WEB_STATIC})
  # The service worker's cache name carries a hash of the built files, so a new build replaces
  # the old cache.
  add_custom_target(sk_web_version ALL
    COMMAND python3 ${CMAKE_SOURCE_DIR}/scripts/stamp_sw.py ${SK_WEB_OUT}
    DEPENDS shopkeeper_web sk_web_static)
endif()
