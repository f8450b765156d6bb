# CJK font subset: Debian's WenQuanYi Micro Hei cut down (pyftsubset) to GB2312, common
# punctuation and every character the app's own strings use, so Chinese renders in both builds.
set(SK_FONT_DIR "${CMAKE_BINARY_DIR}/assets")
set(SK_FONT_FILE "${SK_FONT_DIR}/ui-font.ttf")
file(GLOB SK_I18N_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/ui/i18n/*.cpp)
add_custom_command(
  OUTPUT ${SK_FONT_FILE} ${SK_FONT_DIR}/ui-font-chars.txt
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SK_FONT_DIR}
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_font.py --out ${SK_FONT_FILE}
          --chars-out ${SK_FONT_DIR}/ui-font-chars.txt ${SK_I18N_SOURCES}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_font.py ${SK_I18N_SOURCES}
  COMMENT "Subsetting the CJK font")
add_custom_target(sk_font ALL DEPENDS ${SK_FONT_FILE})
