// The TZif files the build embeds (cmake/tzdata.cmake generates the table from the OS
// time-zone database, /usr/share/zoneinfo, at configure time), sorted by name.
#pragma once
#include <cstddef>

namespace shopkeeper::tz {

struct EmbeddedZone {
  const char* name;
  const unsigned char* data;
  size_t size;
};

extern const EmbeddedZone kEmbeddedZones[];
extern const size_t kEmbeddedZoneCount;
// The database's version as tzdata.zi names it ("2025b"), or "" when the build did not find it.
extern const char kTzdataVersion[];

}  // namespace shopkeeper::tz
