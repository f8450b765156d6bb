// The time zones the app offers (the zones cmake/tzdata.cmake embeds), each with its name in
// English and Chinese: "Shanghai, Beijing (China)" / "上海、北京（中国）". The Chinese label has
// no Latin letters (the words test), so the IANA id appears only in English.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

struct ZoneName {
  const char* id;  // IANA name, as stored in the settings
  const char* en;
  const char* zh;
};

// In the order the Settings list shows them (China first, then by region).
const std::vector<ZoneName>& offered_zones();
// "Shanghai, Beijing (China)  UTC+08:00" / "上海、北京（中国）  +08:00" with the zone's offset
// at `utc` (seconds since 1970); a zone not offered (a fixed offset, another IANA name) is shown
// as its id (English) or its offset (Chinese).
std::string zone_label(std::string_view id, Lang lang, int64_t utc);

}  // namespace shopkeeper::ui
