# CJK font subset: Debian's WenQuanYi Micro Hei cut down (pyftsubset) to GB2312, common
# punctuation and every character the app's own sources use (UI strings, metric definitions), so Chinese renders in both builds.
set(SK_FONT_DIR "${CMAKE_BINARY_DIR}/assets")
set(SK_FONT_FILE "${SK_FONT_DIR}/ui-font.ttf")
file(GLOB_RECURSE SK_I18N_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/ui/*.h ${CMAKE_SOURCE_DIR}/ui/*.cpp
     ${CMAKE_SOURCE_DIR}/core/*.h ${CMAKE_SOURCE_DIR}/core/*.cpp)
add_custom_command(
  OUTPUT ${SK_FONT_FILE} ${SK_FONT_DIR}/ui-font-chars.txt
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SK_FONT_DIR}
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_font.py --out ${SK_FONT_FILE}
          --chars-out ${SK_FONT_DIR}/ui-font-chars.txt ${SK_I18N_SOURCES}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_font.py ${SK_I18N_SOURCES}
  COMMENT "Subsetting the CJK font")
add_custom_target(sk_font ALL DEPENDS ${SK_FONT_FILE})
