# Third-party code: header-only libraries from Debian (staged into one folder for the wasm
# build, because -I/usr/include breaks emscripten's sysroot), SQLite, ImGui 1.86 and SDL2.
set(SK_STAGED_INCLUDE "${CMAKE_BINARY_DIR}/staged-include")
# Symbolic links, not copies: only the named libraries become visible.
set(_sk_headers doctest nlohmann fast_float date utf8cpp utf8 utf8.h CLI fmt stb boost eigen3/Eigen)
file(MAKE_DIRECTORY "${SK_STAGED_INCLUDE}")
foreach(h IN LISTS _sk_headers)
  get_filename_component(_name "${h}" NAME)
  if(EXISTS "/usr/include/${h}" AND NOT EXISTS "${SK_STAGED_INCLUDE}/${_name}")
    file(CREATE_LINK "/usr/include/${h}" "${SK_STAGED_INCLUDE}/${_name}" SYMBOLIC)
  endif()
endforeach()

add_library(sk_thirdparty_headers INTERFACE)
target_include_directories(sk_thirdparty_headers SYSTEM INTERFACE "${SK_STAGED_INCLUDE}")
target_compile_definitions(sk_thirdparty_headers INTERFACE FMT_HEADER_ONLY=1)

# SQLite: the amalgamation built from Debian's sqlite3 source package (same 3.40.1 as the
# native libsqlite3), compiled into both targets so both run the same code.
set(SK_SQLITE_DIR "${SK_CACHE}/sqlite-amalgamation")
if(NOT EXISTS "${SK_SQLITE_DIR}/sqlite3.c")
  message(FATAL_ERROR "SQLite amalgamation missing in ${SK_SQLITE_DIR}: run scripts/setup.sh")
endif()
add_library(sk_sqlite STATIC "${SK_SQLITE_DIR}/sqlite3.c")
target_include_directories(sk_sqlite SYSTEM PUBLIC "${SK_SQLITE_DIR}")
target_compile_definitions(sk_sqlite PRIVATE SQLITE_OMIT_LOAD_EXTENSION SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0
                                             SQLITE_OMIT_DEPRECATED SQLITE_ENABLE_MATH_FUNCTIONS)
if(EMSCRIPTEN)
  target_compile_definitions(sk_sqlite PRIVATE SQLITE_THREADSAFE=0)
else()
  target_compile_definitions(sk_sqlite PRIVATE SQLITE_THREADSAFE=1)
  target_link_libraries(sk_sqlite PUBLIC pthread m)
endif()
set_target_properties(sk_sqlite PROPERTIES COMPILE_OPTIONS "-O2;-w")

if(SK_BUILD_UI)
  file(GLOB _imgui_dirs "${SK_CACHE}/src/imgui-*")
  list(GET _imgui_dirs 0 SK_IMGUI_DIR)
  if(NOT EXISTS "${SK_IMGUI_DIR}/imgui.cpp")
    message(FATAL_ERROR "ImGui sources missing in ${SK_CACHE}/src: run scripts/setup.sh")
  endif()
  add_library(sk_imgui STATIC
    ${SK_IMGUI_DIR}/imgui.cpp ${SK_IMGUI_DIR}/imgui_draw.cpp ${SK_IMGUI_DIR}/imgui_widgets.cpp
    ${SK_IMGUI_DIR}/imgui_tables.cpp ${SK_IMGUI_DIR}/imgui_demo.cpp)
  target_include_directories(sk_imgui SYSTEM PUBLIC ${SK_IMGUI_DIR})
  target_compile_definitions(sk_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  set_target_properties(sk_imgui PROPERTIES COMPILE_OPTIONS "-w")

  if(EMSCRIPTEN)
    set(SK_SDL2_WEB "${SK_CACHE}/sdl2-web")
    if(NOT EXISTS "${SK_SDL2_WEB}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for the web missing in ${SK_SDL2_WEB}: run scripts/setup.sh")
    endif()
    add_library(sk_sdl2 INTERFACE)
    target_include_directories(sk_sdl2 SYSTEM INTERFACE "${SK_SDL2_WEB}/include/SDL2" "${SK_SDL2_WEB}/include")
    target_link_libraries(sk_sdl2 INTERFACE "${SK_SDL2_WEB}/lib/libSDL2.a")
  else()
    find_package(SDL2 REQUIRED)
    add_library(sk_sdl2 INTERFACE)
    target_link_libraries(sk_sdl2 INTERFACE SDL2::SDL2)
  endif()

  add_library(sk_imgui_sdl STATIC
    ${SK_IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${SK_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(sk_imgui_sdl SYSTEM PUBLIC ${SK_IMGUI_DIR}/backends)
  target_link_libraries(sk_imgui_sdl PUBLIC sk_imgui sk_sdl2)
  set_target_properties(sk_imgui_sdl PROPERTIES COMPILE_OPTIONS "-w")
  if(NOT EMSCRIPTEN)
    find_package(OpenGL REQUIRED)
    target_link_libraries(sk_imgui_sdl PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
endif()
