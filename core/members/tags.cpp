#include "core/members/tags.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper::members {

namespace {

const char* kTagKinds[] = {"bought_category", "refund_rate_over", "coupon_share_over", "ordered_within_days", "birthday_this_month"};

bool valid(const Dataset& ds, size_t o) {
  return ds.order_customer[o] >= 0 && is_valid_order(static_cast<OrderStatus>(ds.order_status[o]));
}

template <class T>
bool any_of_list(const std::vector<T>& list, const T& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

int32_t find_name(const Dict& d, const std::string& n) {
  for (int32_t i = 0; i < d.size(); ++i)
    if (d.names[static_cast<size_t>(i)] == n) return i;
  return -1;
}

}  // namespace

const char* tag_kind_name(TagKind k) { return kTagKinds[static_cast<size_t>(k)]; }

Status validate_rule(const Dataset& ds, const TagRule& r) {
  auto bad = [&](const std::string& m) -> Status { return make_error(ErrorCode::invalid_argument, "tag rule \"" + r.tag + "\": " + m); };
  if (r.tag.empty()) return make_error(ErrorCode::invalid_argument, "a tag rule has no tag name");
  if (r.kind == TagKind::bought_category) {
    if (find_name(ds.categories, r.category) < 0) return bad("no products in category \"" + r.category + "\"");
    if (r.min_times < 1) return bad("\"bought N times\" needs N of at least 1");
  }
  if ((r.kind == TagKind::refund_rate_over || r.kind == TagKind::coupon_share_over) && (r.bp < 0 || r.bp > 10000))
    return bad("the share must be 0-100 %");
  if (r.kind == TagKind::ordered_within_days && r.days < 1) return bad("the number of days must be at least 1");
  return Ok{};
}

TagTable::TagTable(const std::vector<std::vector<std::string>>& per_customer) {
  start.reserve(per_customer.size() + 1);
  start.push_back(0);
  for (const auto& v : per_customer) {
    for (const std::string& t : v) {
      auto it = std::find(names.begin(), names.end(), t);  // a handful of distinct tags
      if (it == names.end()) it = names.insert(names.end(), t);
      ids.push_back(static_cast<uint32_t>(it - names.begin()));
    }
    start.push_back(static_cast<uint32_t>(ids.size()));
  }
}

size_t TagTable::memory_bytes() const {
  size_t b = start.capacity() * sizeof(uint32_t) + ids.capacity() * sizeof(uint32_t) + names.capacity() * sizeof(std::string);
  for (const std::string& s : names) b += s.capacity() > 15 ? s.capacity() + 1 : 0;
  return b;
}

const std::string& NameColumn::operator[](size_t c) const {
  static const std::string none;
  if (c >= index.size() || index[c] < 0 || static_cast<size_t>(index[c]) >= names.size()) return none;
  return names[static_cast<size_t>(index[c])];
}

size_t NameColumn::memory_bytes() const {
  size_t b = index.capacity() * sizeof(int16_t) + names.capacity() * sizeof(std::string);
  for (const std::string& s : names) b += s.capacity() > 15 ? s.capacity() + 1 : 0;
  return b;
}

Result<TagTable> compute_tags(const Dataset& ds, const std::vector<TagRule>& rules, const TagInputs& in, Day as_of) {
  for (const TagRule& r : rules)
    if (auto v = validate_rule(ds, r); !v) return v.error();
  const size_t nc = ds.customer_id.size();
  std::vector<std::vector<std::string>> out(nc);
  std::vector<int64_t> orders(nc), coupons(nc), times(nc);
  std::vector<Money> sales(nc), refunds(nc);
  std::vector<Day> last(nc, INT32_MIN);
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!valid(ds, o) || ds.order_day[o] > as_of) continue;
    const size_t c = static_cast<size_t>(ds.order_customer[o]);
    orders[c] += 1;
    sales[c] += ds.order_paid[o];
    last[c] = ds.order_day[o];
    if (o < in.order_has_coupon.size() && in.order_has_coupon[o]) coupons[c] += 1;
  }
  for (size_t f = 0; f < ds.refund_order.size(); ++f) {
    const int32_t o = ds.refund_order[f];
    if (o < 0 || !valid(ds, static_cast<size_t>(o)) || ds.order_day[static_cast<size_t>(o)] > as_of || ds.refund_day[f] > as_of) continue;
    refunds[static_cast<size_t>(ds.order_customer[static_cast<size_t>(o)])] += ds.refund_amount[f];
  }
  const int as_of_month = civil_from_days(as_of).m;
  for (const TagRule& r : rules) {
    if (r.kind == TagKind::bought_category) {
      const int32_t cat = find_name(ds.categories, r.category);
      std::fill(times.begin(), times.end(), 0);
      for (size_t o = 0; o < ds.orders(); ++o) {
        if (!valid(ds, o) || ds.order_day[o] > as_of) continue;
        for (uint32_t l = ds.order_line_begin[o]; l < ds.order_line_begin[o + 1]; ++l) {
          const int32_t p = ds.line_product[l];
          if (p >= 0 && ds.product_category[static_cast<size_t>(p)] == cat) {
            times[static_cast<size_t>(ds.order_customer[o])] += 1;
            break;
          }
        }
      }
    }
    for (size_t c = 0; c < nc; ++c) {
      bool has = false;
      switch (r.kind) {
        case TagKind::bought_category: has = times[c] >= r.min_times; break;
        case TagKind::refund_rate_over: has = sales[c] > 0 && refunds[c] * 10000 > r.bp * sales[c]; break;
        case TagKind::coupon_share_over: has = orders[c] > 0 && coupons[c] * 10000 > r.bp * orders[c]; break;
        case TagKind::ordered_within_days: has = last[c] != INT32_MIN && last[c] > as_of - r.days; break;
        case TagKind::birthday_this_month:
          has = c < in.birthdays.size() && in.birthdays[c] >= 0 && civil_from_days(in.birthdays[c]).m == as_of_month;
          break;
      }
      if (has && std::find(out[c].begin(), out[c].end(), r.tag) == out[c].end()) out[c].push_back(r.tag);
    }
  }
  for (size_t c = 0; c < nc && c < in.manual.size(); ++c)
    for (const std::string& t : in.manual[c])
      if (std::find(out[c].begin(), out[c].end(), t) == out[c].end()) out[c].push_back(t);
  return TagTable(out);
}

SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const Rfm& rfm, const NameColumn& tiers, const TagTable& tags) {
  std::vector<int8_t> seg(ds.customer_id.size(), -1);
  for (const RfmRow& r : rfm.rows) seg[static_cast<size_t>(r.customer)] = static_cast<int8_t>(r.segment);
  return evaluate_segment(ds, f, seg, [&](size_t c) -> const std::string& { return tiers[c]; }, tags);
}

SegmentResult evaluate_segment(const Dataset& ds, const SegmentFilter& f, const std::vector<int8_t>& seg,
                               const std::function<const std::string&(size_t)>& tiers, const TagTable& tags) {
  const size_t nc = ds.customer_id.size();
  std::vector<SegmentMember> m(nc);
  std::vector<uint8_t> channel_ok(nc, f.channels.empty() ? 1 : 0);
  std::vector<int32_t> chans;
  for (const std::string& c : f.channels) chans.push_back(find_name(ds.channels, c));
  for (size_t o = 0; o < ds.orders(); ++o) {
    if (!valid(ds, o)) continue;
    SegmentMember& s = m[static_cast<size_t>(ds.order_customer[o])];
    if (s.orders == 0) s.first_order = ds.order_day[o];
    s.orders += 1;
    s.sales += ds.order_paid[o];
    s.last_order = ds.order_day[o];
    if (!f.channels.empty() && std::find(chans.begin(), chans.end(), ds.order_channel[o]) != chans.end())
      channel_ok[static_cast<size_t>(ds.order_customer[o])] = 1;
  }
  SegmentResult out;
  for (size_t c = 0; c < nc; ++c) {
    const SegmentMember& s = m[c];
    if (s.orders == 0 || !channel_ok[c]) continue;
    if (!f.rfm.empty() && (c >= seg.size() || seg[c] < 0 || !any_of_list(f.rfm, static_cast<Segment>(seg[c])))) continue;
    if (!f.tiers.empty() && !any_of_list(f.tiers, tiers(c))) continue;
    if (!f.regions.empty()) {
      const int32_t r = ds.customer_region[c];
      if (r < 0 || !any_of_list(f.regions, ds.regions.names[static_cast<size_t>(r)])) continue;
    }
    bool tags_ok = true;
    for (const std::string& t : f.tags) {
      const TagTable::List l = tags[c];
      tags_ok = tags_ok && std::find(l.begin(), l.end(), t) != l.end();
    }
    if (!tags_ok) continue;
    if ((f.first_order_from && s.first_order < f.first_order_from) || (f.first_order_to && s.first_order > f.first_order_to)) continue;
    if ((f.last_order_from && s.last_order < f.last_order_from) || (f.last_order_to && s.last_order > f.last_order_to)) continue;
    SegmentMember x = s;
    x.customer = static_cast<int32_t>(c);
    out.count += 1;
    out.revenue += s.sales;
    out.members.push_back(x);
  }
  return out;
}

std::string segment_csv(const Dataset& ds, const SegmentResult& s) {
  std::string o = "customer_id,orders,sales,first_order,last_order\n";
  for (const SegmentMember& m : s.members) {
    std::string id = ds.customer_id[static_cast<size_t>(m.customer)];
    if (id.find_first_of(",\"\r\n") != std::string::npos) {
      std::string q = "\"";
      for (char ch : id) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      id = q + "\"";
    }
    o += id + ',' + std::to_string(m.orders) + ',' + std::to_string(m.sales) + ',' + format_day(m.first_order) + ',' +
         format_day(m.last_order) + '\n';
  }
  return o;
}

Result<TagInputs> load_tag_inputs(Store& store, const Dataset& ds) {
  TagInputs in;
  std::vector<std::pair<std::string_view, int32_t>> by_id;
  for (size_t o = 0; o < ds.orders(); ++o) by_id.push_back({ds.order_id[o], static_cast<int32_t>(o)});
  std::sort(by_id.begin(), by_id.end());
  in.order_has_coupon.assign(ds.orders(), 0);
  auto st = store.db().prepare("SELECT id FROM facts.orders WHERE coupon_code <> ''");
  if (!st) return st.error();
  while (st->step()) {
    const std::string id = st->text(0);
    auto it = std::lower_bound(by_id.begin(), by_id.end(), std::pair<std::string_view, int32_t>{id, INT32_MIN});
    if (it != by_id.end() && it->first == id) in.order_has_coupon[static_cast<size_t>(it->second)] = 1;
  }
  std::vector<std::pair<std::string_view, int32_t>> cust;
  for (size_t c = 0; c < ds.customer_id.size(); ++c) cust.push_back({ds.customer_id[c], static_cast<int32_t>(c)});
  std::sort(cust.begin(), cust.end());
  in.manual.assign(ds.customer_id.size(), {});
  auto mt = store.db().prepare("SELECT customer_id, tag FROM member_tags ORDER BY customer_id, tag");
  if (!mt) return mt.error();
  while (mt->step()) {
    const std::string id = mt->text(0);
    auto it = std::lower_bound(cust.begin(), cust.end(), std::pair<std::string_view, int32_t>{id, INT32_MIN});
    if (it != cust.end() && it->first == id) in.manual[static_cast<size_t>(it->second)].push_back(mt->text(1));
  }
  return in;
}

namespace {
using json = nlohmann::json;
}

std::string tag_rules_to_json(const std::vector<TagRule>& rules) {
  json a = json::array();
  for (const TagRule& r : rules)
    a.push_back({{"tag", r.tag}, {"kind", tag_kind_name(r.kind)}, {"category", r.category}, {"min_times", r.min_times},
                 {"bp", r.bp}, {"days", r.days}});
  return a.dump();
}

Result<std::vector<TagRule>> tag_rules_from_json(const std::string& text) {
  json a = json::parse(text, nullptr, false);
  if (a.is_discarded() || !a.is_array()) return make_error(ErrorCode::parse_error, "tag rules: not a JSON array");
  std::vector<TagRule> out;
  for (const json& j : a) {
    if (!j.is_object()) return make_error(ErrorCode::parse_error, "tag rules: an entry is not an object");
    TagRule r;
    r.tag = j.value("tag", std::string());
    const std::string kind = j.value("kind", std::string());
    bool found = false;
    for (size_t i = 0; i < std::size(kTagKinds); ++i)
      if (kind == kTagKinds[i]) {
        r.kind = static_cast<TagKind>(i);
        found = true;
      }
    if (!found) return make_error(ErrorCode::parse_error, "tag rule \"" + r.tag + "\": unknown kind \"" + kind + "\"");
    r.category = j.value("category", std::string());
    r.min_times = j.value("min_times", int64_t{1});
    r.bp = j.value("bp", int64_t{0});
    r.days = j.value("days", 30);
    out.push_back(std::move(r));
  }
  return out;
}

std::string segment_filter_to_json(const SegmentFilter& f) {
  json j;
  j["rfm"] = json::array();
  for (Segment s : f.rfm) j["rfm"].push_back(segment_code(s));
  j["tiers"] = f.tiers;
  j["tags"] = f.tags;
  j["regions"] = f.regions;
  j["channels"] = f.channels;
  auto day = [&](const char* k, Day d) {
    if (d) j[k] = format_day(d);
  };
  day("first_order_from", f.first_order_from);
  day("first_order_to", f.first_order_to);
  day("last_order_from", f.last_order_from);
  day("last_order_to", f.last_order_to);
  return j.dump();
}

Result<SegmentFilter> segment_filter_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error(ErrorCode::parse_error, "segment filter: not a JSON object");
  SegmentFilter f;
  auto strings = [&](const char* k, std::vector<std::string>& out) -> bool {
    if (!j.contains(k)) return true;
    if (!j[k].is_array()) return false;
    for (const json& v : j[k]) {
      if (!v.is_string()) return false;
      out.push_back(v.get<std::string>());
    }
    return true;
  };
  std::vector<std::string> rfm;
  if (!strings("rfm", rfm) || !strings("tiers", f.tiers) || !strings("tags", f.tags) || !strings("regions", f.regions) ||
      !strings("channels", f.channels))
    return make_error(ErrorCode::parse_error, "segment filter: lists must be arrays of strings");
  for (const std::string& c : rfm) {
    Segment s;
    if (!find_segment(c, s)) return make_error(ErrorCode::parse_error, "segment filter: unknown RFM segment \"" + c + "\"");
    f.rfm.push_back(s);
  }
  for (auto [k, d] : {std::pair{"first_order_from", &f.first_order_from}, std::pair{"first_order_to", &f.first_order_to},
                      std::pair{"last_order_from", &f.last_order_from}, std::pair{"last_order_to", &f.last_order_to}}) {
    if (!j.contains(k)) continue;
    if (!j[k].is_string()) return make_error(ErrorCode::parse_error, std::string("segment filter: ") + k + " is not a date");
    auto v = parse_day(j[k].get<std::string>());
    if (!v) return make_error(ErrorCode::parse_error, std::string("segment filter: ") + k + ": " + v.error().message);
    *d = *v;
  }
  return f;
}

}  // namespace shopkeeper::members
