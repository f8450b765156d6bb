// Time zones (issue #9 item 7): the store keeps every time as the shop's wall-clock time in the
// store's zone (core/base/date.h); a timestamp an export writes with its own offset ("-0500",
// "Z", "+08:00") is converted into that zone at import, and "today" is the store's today.
//
// A zone is an IANA name with its daylight-saving rules (America/New_York, Europe/London) read
// from the TZif files (RFC 8536) of the OS time-zone database that the build embeds
// (cmake/tzdata.cmake: a fixed list of zones from Debian's tzdata, the same bytes natively and in
// the wasm core), or a fixed offset ("UTC", "+08:00", "UTC-5", "GMT+8"). docs/timezone.md says
// why the reader is our own (about 200 lines) and what it reads.
//
// Conversion goes one way only, from an instant (seconds since 1970 UTC) to the zone's wall
// clock: an offset-carrying timestamp is first made an instant, then the zone's offset at that
// instant is added. Nothing converts wall-clock times back: the store never needs it (a zone of a
// store that holds orders is not changed, core/store/store_money.h).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/result.h"

namespace shopkeeper::tz {

// The zone of a store that has not chosen one.
inline constexpr const char* kDefaultZone = "Asia/Shanghai";

class Zone {
 public:
  // UTC.
  Zone();
  // An embedded IANA zone ("Asia/Shanghai"), "UTC"/"GMT"/"Z", or a fixed offset "+08:00",
  // "+0800", "+8", "UTC+8", "GMT-05:00" (hours up to 14, minutes 0..59). Anything else is
  // not_found with a message naming the text.
  static Result<Zone> find(std::string_view name);

  const std::string& name() const { return name_; }
  bool fixed() const { return rules_ == nullptr; }
  // Seconds east of UTC in this zone at the instant `utc` (seconds since 1970-01-01 UTC).
  int32_t offset_at(int64_t utc) const;
  // The zone's wall-clock time at the instant `utc`.
  Timestamp local(int64_t utc) const { return utc + offset_at(utc); }
  // A wall-clock time written with its own offset (seconds east of UTC), as this zone's wall clock.
  Timestamp from_offset(Timestamp wall, int32_t utc_offset) const { return local(wall - utc_offset); }

  struct Rules;  // the parsed TZif data (zone.cpp)

 private:
  std::string name_ = "UTC";
  int32_t fixed_offset_ = 0;
  std::shared_ptr<const Rules> rules_;
};

// A zone suffix as exports write it after a time: "Z", "UTC", "GMT", "+08:00", "-0500", "+08",
// "GMT+8", "UTC+08:00" (a space may stand between UTC/GMT and the sign). Seconds east of UTC, or
// nullopt when `text` is not such a suffix.
std::optional<int32_t> parse_utc_offset(std::string_view text);

// The IANA zones the build embeds, sorted by name.
std::vector<std::string_view> zone_names();

}  // namespace shopkeeper::tz
