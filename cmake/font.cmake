# CJK font subset: Debian's WenQuanYi Micro Hei cut down (pyftsubset) to GB2312, common
# punctuation, the symbols of assets/font/symbols.txt and every character of the UI's string
# tables, so Chinese renders in both builds. It depends on those files only (not on every
# source): tests/core/font_coverage_test.cpp checks that the other sources need nothing more.
set(SK_FONT_DIR "${CMAKE_BINARY_DIR}/assets")
set(SK_FONT_FILE "${SK_FONT_DIR}/ui-font.ttf")
file(GLOB SK_I18N_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/ui/i18n/*.h ${CMAKE_SOURCE_DIR}/ui/i18n/*.cpp)
add_custom_command(
  OUTPUT ${SK_FONT_FILE} ${SK_FONT_DIR}/ui-font-chars.txt
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SK_FONT_DIR}
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_font.py --out ${SK_FONT_FILE}
          --chars-out ${SK_FONT_DIR}/ui-font-chars.txt ${SK_I18N_SOURCES}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_font.py ${CMAKE_SOURCE_DIR}/assets/font/symbols.txt ${SK_I18N_SOURCES}
  COMMENT "Subsetting the CJK font")
add_custom_target(sk_font ALL DEPENDS ${SK_FONT_FILE})
