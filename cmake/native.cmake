# Native targets: the command-line tool and the desktop app.
file(GLOB SK_CLI_SOURCES CONFIGURE_DEPENDS native/cli/*.cpp)
add_executable(shopkeeper ${SK_CLI_SOURCES})
target_link_libraries(shopkeeper PRIVATE sk_core sk_words sk_warnings)

if(SK_BUILD_UI)
  add_executable(shopkeeper-desktop native/main_desktop.cpp native/desktop_platform.cpp)
  target_link_libraries(shopkeeper-desktop PRIVATE sk_host sk_warnings)
endif()

if(SK_BUILD_UI)
  include(cmake/font.cmake)
  add_dependencies(shopkeeper-desktop sk_font)
endif()
