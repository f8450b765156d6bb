#include "core/pricing/shipping.h"

#include "core/base/region.h"

namespace shopkeeper::pricing {

const ShippingTemplate* find_template(const std::vector<ShippingTemplate>& t, std::string_view channel, std::string_view region) {
  if (region.empty()) return nullptr;
  const ShippingTemplate* any = nullptr;
  for (const auto& x : t) {
    if (x.region != region) continue;
    if (x.channel == channel) return &x;
    if (x.channel.empty()) any = &x;
  }
  return any;
}

Status validate_template(const ShippingTemplate& t) {
  const std::string where = "shipping template " + (t.channel.empty() ? std::string("(every channel)") : t.channel) + " / " +
                            (t.region.empty() ? std::string("?") : t.region);
  if (t.region.empty()) return make_error(ErrorCode::invalid_argument, where + ": a region is required");
  if (t.first_kg < 0) return make_error(ErrorCode::invalid_argument, where + ": the first-kg charge is negative");
  if (t.per_extra_kg < 0) return make_error(ErrorCode::invalid_argument, where + ": the per-kg charge is negative");
  return Ok{};
}

Result<std::vector<ShippingTemplate>> load_shipping_templates(Db& db) {
  auto st = db.prepare("SELECT channel, region, first_kg, per_extra_kg FROM shipping_templates ORDER BY channel, region");
  if (!st) return st.error();
  std::vector<ShippingTemplate> out;
  while (st->step()) out.push_back({st->text(0), st->text(1), st->i64(2), st->i64(3)});
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

Status save_shipping_template(Writer& w, ShippingTemplate t) {
  std::string buf;
  t.region = std::string(normalize_region(t.region, buf));
  if (auto v = validate_template(t); !v) return v;
  auto st = w.db().prepare("INSERT OR REPLACE INTO shipping_templates(channel, region, first_kg, per_extra_kg) VALUES(?,?,?,?)");
  if (!st) return st.error();
  st->bind(1, t.channel).bind(2, t.region).bind(3, t.first_kg).bind(4, t.per_extra_kg);
  return st->run();
}

Status remove_shipping_template(Writer& w, const std::string& channel, const std::string& region) {
  std::string buf;
  const std::string r(normalize_region(region, buf));
  auto st = w.db().prepare("DELETE FROM shipping_templates WHERE channel=? AND region=?");
  if (!st) return st.error();
  st->bind(1, channel).bind(2, r);
  return st->run();
}

}  // namespace shopkeeper::pricing
