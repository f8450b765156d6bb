#include "core/tz/zone.h"

#include <algorithm>
#include <cstring>

#include "core/tz/embedded.h"

namespace shopkeeper::tz {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A POSIX TZ rule date (the TZif footer, RFC 8536 section 3.3): Mm.w.d, Jn or n, and the local
// time of the change in seconds.
struct RuleDate {
  char kind = 'M';  // 'M' month/week/day, 'J' Julian day 1..365 without Feb 29, 'n' day 0..365
  int m = 0, w = 0, d = 0, n = 0;
  int32_t time = 2 * 3600;
};

// The day `r` falls on in year `y`.
Day rule_day(const RuleDate& r, int y) {
  if (r.kind == 'J') {
    const bool leap = days_in_month(y, 2) == 29;
    return days_from_civil(y, 1, 1) + r.n - 1 + (leap && r.n >= 60 ? 1 : 0);
  }
  if (r.kind == 'n') return days_from_civil(y, 1, 1) + r.n;
  const Day first = days_from_civil(y, r.m, 1);
  const int wd1 = (weekday(first) + 1) % 7;  // 0 = Sunday, as POSIX counts
  int dom = 1 + (r.d - wd1 + 7) % 7 + (r.w - 1) * 7;
  while (dom > days_in_month(y, r.m)) dom -= 7;
  return first + dom - 1;
}

}  // namespace

struct Zone::Rules {
  std::vector<int64_t> times;   // transition instants, ascending
  std::vector<uint8_t> index;   // the local time type from each transition on
  std::vector<int32_t> utoff;   // per type: seconds east of UTC
  // The footer's rule for instants after the last transition.
  bool footer = false, footer_dst = false;
  int32_t std_off = 0, dst_off = 0;
  RuleDate start, end;

  int32_t footer_offset(int64_t utc) const {
    if (!footer_dst) return std_off;
    const int y = civil_from_days(day_of(utc + std_off)).y;
    // Start is given in standard time, end in daylight time (POSIX).
    const int64_t s = start_of(rule_day(start, y)) + start.time - std_off;
    const int64_t e = start_of(rule_day(end, y)) + end.time - dst_off;
    const bool dst = s < e ? (utc >= s && utc < e) : !(utc >= e && utc < s);
    return dst ? dst_off : std_off;
  }
};

namespace {

struct Reader {
  const unsigned char* p;
  size_t n, at = 0;
  bool ok = true;
  bool need(size_t k) {
    if (n - at < k) ok = false;
    return ok;
  }
  int64_t be(int bytes) {
    if (!need(static_cast<size_t>(bytes))) return 0;
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[at++];
    if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
    return static_cast<int64_t>(v);
  }
};

// [+-]hh[:mm[:ss]] as POSIX writes offsets and rule times; seconds.
bool posix_time(std::string_view& s, int32_t& out) {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) sign = s[0] == '-' ? -1 : 1, s.remove_prefix(1);
  int32_t v = 0;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (s.empty() || s[0] != ':') break;
      s.remove_prefix(1);
    }
    int x = 0, k = 0;
    while (!s.empty() && is_digit(s[0]) && k < 3) x = x * 10 + (s[0] - '0'), s.remove_prefix(1), ++k;
    if (k == 0) return false;
    v += x * (part == 0 ? 3600 : part == 1 ? 60 : 1);
  }
  out = sign * v;
  return true;
}

bool posix_name(std::string_view& s) {
  if (!s.empty() && s[0] == '<') {
    size_t close = s.find('>');
    if (close == std::string_view::npos) return false;
    s.remove_prefix(close + 1);
    return true;
  }
  size_t k = 0;
  while (k < s.size() && is_alpha(s[k])) ++k;
  if (k < 3) return false;
  s.remove_prefix(k);
  return true;
}

bool posix_date(std::string_view& s, RuleDate& r) {
  auto num = [&](int& x) {
    int k = 0;
    x = 0;
    while (!s.empty() && is_digit(s[0])) x = x * 10 + (s[0] - '0'), s.remove_prefix(1), ++k;
    return k > 0;
  };
  if (!s.empty() && s[0] == 'M') {
    s.remove_prefix(1);
    r.kind = 'M';
    if (!num(r.m) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!num(r.w) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!num(r.d)) return false;
    if (r.m < 1 || r.m > 12 || r.w < 1 || r.w > 5 || r.d > 6) return false;
  } else if (!s.empty() && s[0] == 'J') {
    s.remove_prefix(1);
    r.kind = 'J';
    if (!num(r.n) || r.n < 1 || r.n > 365) return false;
  } else {
    r.kind = 'n';
    if (!num(r.n) || r.n > 365) return false;
  }
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    if (!posix_time(s, r.time)) return false;
  }
  return true;
}

// "EST5EDT,M3.2.0,M11.1.0", "<+08>-8", "GMT0BST,M3.5.0/1,M10.5.0". An empty or unreadable
// footer leaves the last transition's type in force.
void parse_footer(std::string_view s, Zone::Rules& r) {
  int32_t off = 0;
  if (!posix_name(s) || !posix_time(s, off)) return;
  r.std_off = -off;  // POSIX offsets are west of UTC
  if (s.empty()) {
    r.footer = true;
    return;
  }
  if (!posix_name(s)) return;
  r.dst_off = r.std_off + 3600;
  if (!s.empty() && s[0] != ',') {
    if (!posix_time(s, off)) return;
    r.dst_off = -off;
  }
  if (s.empty() || s[0] != ',') return;
  s.remove_prefix(1);
  if (!posix_date(s, r.start) || s.empty() || s[0] != ',') return;
  s.remove_prefix(1);
  if (!posix_date(s, r.end) || !s.empty()) return;
  r.footer = r.footer_dst = true;
}

// RFC 8536: the v1 block, then (version 2+) a second header and block with 64-bit times, then
// the footer "\n<POSIX TZ>\n".
std::shared_ptr<Zone::Rules> parse_tzif(const unsigned char* data, size_t size) {
  Reader rd{data, size};
  auto header = [&](int64_t c[6], char& version) {
    if (!rd.need(44) || std::memcmp(data + rd.at, "TZif", 4) != 0) return false;
    version = static_cast<char>(data[rd.at + 4]);
    rd.at += 20;
    for (int i = 0; i < 6; ++i) c[i] = rd.be(4);
    for (int i = 0; i < 6; ++i)
      if (c[i] < 0) return false;
    return rd.ok;
  };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  char version = 0;
  if (!header(c, version)) return nullptr;
  int tbytes = 4;
  if (version >= '2') {
    const int64_t skip = c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (!rd.need(static_cast<size_t>(skip))) return nullptr;
    rd.at += static_cast<size_t>(skip);
    if (!header(c, version)) return nullptr;
    tbytes = 8;
  }
  const int64_t timecnt = c[3], typecnt = c[4];
  if (typecnt < 1) return nullptr;
  auto r = std::make_shared<Zone::Rules>();
  for (int64_t i = 0; i < timecnt; ++i) r->times.push_back(rd.be(tbytes));
  for (int64_t i = 0; i < timecnt; ++i) r->index.push_back(static_cast<uint8_t>(rd.be(1)));
  for (int64_t i = 0; i < typecnt; ++i) {
    r->utoff.push_back(static_cast<int32_t>(rd.be(4)));
    rd.be(1);  // isdst
    rd.be(1);  // designation index
  }
  if (!rd.ok) return nullptr;
  for (uint8_t ix : r->index)
    if (ix >= typecnt) return nullptr;
  if (!std::is_sorted(r->times.begin(), r->times.end())) return nullptr;
  const int64_t rest = c[5] + c[2] * (tbytes + 4) + c[1] + c[0];
  if (tbytes == 8 && rd.need(static_cast<size_t>(rest))) {
    rd.at += static_cast<size_t>(rest);
    std::string_view tail(reinterpret_cast<const char*>(data + rd.at), size - rd.at);
    if (tail.size() >= 2 && tail[0] == '\n') {
      tail.remove_prefix(1);
      size_t nl = tail.find('\n');
      if (nl != std::string_view::npos) parse_footer(tail.substr(0, nl), *r);
    }
  }
  return r;
}

}  // namespace

std::optional<int32_t> parse_utc_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() >= 3 && (s.substr(0, 3) == "UTC" || s.substr(0, 3) == "GMT" || s.substr(0, 3) == "utc" ||
                        s.substr(0, 3) == "gmt")) {
    s.remove_prefix(3);
    if (s.empty()) return 0;
    if (s[0] == ' ') s.remove_prefix(1);
  }
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int h = 0, m = 0;
  size_t colon = s.find(':');
  std::string_view hs = colon == std::string_view::npos ? s : s.substr(0, colon);
  std::string_view ms = colon == std::string_view::npos ? std::string_view() : s.substr(colon + 1);
  for (char ch : s)
    if (!is_digit(ch) && ch != ':') return std::nullopt;
  if (colon != std::string_view::npos) {
    if (hs.empty() || hs.size() > 2 || ms.size() != 2) return std::nullopt;
  } else {
    if (hs.empty() || hs.size() > 4) return std::nullopt;
    if (hs.size() > 2) ms = hs.substr(hs.size() - 2), hs = hs.substr(0, hs.size() - 2);
  }
  for (char ch : hs) h = h * 10 + (ch - '0');
  for (char ch : ms) m = m * 10 + (ch - '0');
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 3600 + m * 60);
}

Zone::Zone() = default;

Result<Zone> Zone::find(std::string_view name) {
  Zone z;
  z.name_ = std::string(name);
  if (auto off = parse_utc_offset(name)) {
    z.fixed_offset_ = *off;
    return z;
  }
  const EmbeddedZone* first = kEmbeddedZones;
  const EmbeddedZone* last = kEmbeddedZones + kEmbeddedZoneCount;
  const EmbeddedZone* it =
      std::lower_bound(first, last, name, [](const EmbeddedZone& e, std::string_view n) { return std::string_view(e.name) < n; });
  if (it == last || std::string_view(it->name) != name)
    return make_error(ErrorCode::not_found, "time zone \"" + std::string(name) +
                                                "\" is not in the time-zone database (use an IANA name like "
                                                "Asia/Shanghai or America/New_York, or an offset like +08:00)");
  auto rules = parse_tzif(it->data, it->size);
  if (!rules) return make_error(ErrorCode::io_error, "time zone \"" + std::string(name) + "\": its TZif data does not read");
  z.rules_ = std::move(rules);
  return z;
}

int32_t Zone::offset_at(int64_t utc) const {
  if (!rules_) return fixed_offset_;
  const Rules& r = *rules_;
  if (r.times.empty()) return r.footer ? r.footer_offset(utc) : r.utoff[0];
  if (utc < r.times.front()) return r.utoff[0];  // RFC 8536: type 0 before the first transition
  if (utc >= r.times.back() && r.footer) return r.footer_offset(utc);
  const size_t i = static_cast<size_t>(std::upper_bound(r.times.begin(), r.times.end(), utc) - r.times.begin()) - 1;
  return r.utoff[r.index[i]];
}

std::vector<std::string_view> zone_names() {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < kEmbeddedZoneCount; ++i) out.emplace_back(kEmbeddedZones[i].name);
  return out;
}

}  // namespace shopkeeper::tz
