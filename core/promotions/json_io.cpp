#include "core/promotions/json_io.h"

#include <algorithm>


namespace shopkeeper::promo {

namespace {

// The DOM builder of nlohmann, except that floating-point numbers are kept as their source
// text (a string node): a double cannot hold 0.1 or 19.99 exactly.
class ExactSax : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<json>;
  explicit ExactSax(json& root) : Base(root, false) {}
  bool number_float(double, const std::string& text) {
    std::string copy = text;
    return Base::string(copy);
  }
  template <class Exception>
  bool parse_error(std::size_t pos, const std::string& token, const Exception& ex) {
    message = ex.what();
    return Base::parse_error(pos, token, ex);
  }
  std::string message;
};

// Money nodes are strings "\x01M<decimal>"; to_text turns them into bare numbers.
constexpr const char* kMoneyTag = "\x01M";
constexpr std::string_view kMoneyDumped = "\"\\u0001M";

#define SK_TRY(lhs, expr)            \
  do {                               \
    auto r_ = (expr);                \
    if (!r_) return r_.error();      \
    lhs = std::move(*r_);            \
  } while (0)

Error err(const std::string& where, const std::string& what) { return make_error(ErrorCode::parse_error, where + ": " + what); }

const json* field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::string> read_string(const json& j, const std::string& where) {
  if (j.is_string()) return j.get_ref<const std::string&>();
  if (j.is_number_integer()) return j.dump();
  return err(where, "expected text");
}

Result<int64_t> read_int(const json& j, const std::string& where) {
  if (j.is_number_unsigned()) {
    auto v = j.get<uint64_t>();
    if (v > static_cast<uint64_t>(INT64_MAX)) return err(where, "number too large");
    return static_cast<int64_t>(v);
  }
  if (j.is_number_integer()) return j.get<int64_t>();
  return err(where, "expected a whole number");
}

Result<bool> read_bool(const json& j, const std::string& where) {
  if (j.is_boolean()) return j.get<bool>();
  return err(where, "expected true or false");
}

// A list of strings: a JSON array, or one comma-separated string ("a,b").
Result<std::vector<std::string>> read_strings(const json& j, const std::string& where) {
  std::vector<std::string> out;
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    size_t start = 0;
    while (start <= s.size()) {
      size_t comma = s.find(',', start);
      if (comma == std::string::npos) comma = s.size();
      std::string part = s.substr(start, comma - start);
      while (!part.empty() && part.front() == ' ') part.erase(part.begin());
      while (!part.empty() && part.back() == ' ') part.pop_back();
      if (!part.empty()) out.push_back(part);
      start = comma + 1;
    }
    return out;
  }
  if (!j.is_array()) return err(where, "expected a list of text");
  for (size_t i = 0; i < j.size(); ++i) {
    std::string s;
    SK_TRY(s, read_string(j[i], where + "[" + std::to_string(i) + "]"));
    out.push_back(std::move(s));
  }
  return out;
}

Result<Timestamp> read_time(const json& j, const std::string& where) {
  if (j.is_number_integer()) return j.get<int64_t>();
  if (!j.is_string()) return err(where, "expected a time like \"2025-11-11T00:00:00\"");
  auto t = parse_timestamp(j.get_ref<const std::string&>());
  if (!t) return err(where, t.error().message);
  return *t;
}

Result<Money> read_decimal(const json& j, const std::string& where, const char* what) {
  if (j.is_number_integer()) {
    int64_t v;
    SK_TRY(v, read_int(j, where));
    if (v > INT64_MAX / 100 || v < INT64_MIN / 100) return err(where, "number too large");
    return v * 100;
  }
  if (j.is_string()) {
    auto m = parse_money(j.get_ref<const std::string&>(), 2);
    if (!m) return err(where, m.error().message);
    return *m;
  }
  return err(where, std::string("expected ") + what);
}

Status read_scope(const json& s, Scope& out, const std::string& ws) {
  if (!s.is_object()) return err(ws, "expected an object");
  if (const json* v = field(s, "skus")) SK_TRY(out.skus, read_strings(*v, ws + ".skus"));
  if (const json* v = field(s, "categories")) SK_TRY(out.categories, read_strings(*v, ws + ".categories"));
  if (const json* v = field(s, "tags")) SK_TRY(out.tags, read_strings(*v, ws + ".tags"));
  if (const json* v = field(s, "exclude_skus")) SK_TRY(out.exclude_skus, read_strings(*v, ws + ".exclude_skus"));
  return Ok{};
}

json scope_to_json(const Scope& sc) {
  json s = json::object();
  if (!sc.skus.empty()) s["skus"] = sc.skus;
  if (!sc.categories.empty()) s["categories"] = sc.categories;
  if (!sc.tags.empty()) s["tags"] = sc.tags;
  if (!sc.exclude_skus.empty()) s["exclude_skus"] = sc.exclude_skus;
  return s;
}

Result<Pick> read_pick(const json& j, const std::string& where) {
  std::string v;
  SK_TRY(v, read_string(j, where));
  if (v == "cheapest") return Pick::cheapest;
  if (v == "dearest") return Pick::dearest;
  return err(where, "expected \"cheapest\" or \"dearest\"");
}

// Params keys each kind reads; anything else is a typo worth reporting.
std::vector<std::string> param_keys(Kind k) {
  switch (k) {
    case Kind::threshold_tiers: return {"tiers"};
    case Kind::per_each: return {"step", "amount", "cap"};
    case Kind::percent_off: return {"percent_off"};
    case Kind::amount_off_each: return {"amount"};
    case Kind::flash_price: return {"price", "stock", "per_customer_limit"};
    case Kind::quantity_tiers: return {"tiers"};
    case Kind::nth_item: return {"n", "percent_off"};
    case Kind::buy_x_get_y: return {"buy", "get", "percent_off", "repeat", "pick"};
    case Kind::bundle_price: return {"items", "skus", "price"};
    case Kind::gift: return {"threshold", "gift_sku", "gift_name", "gift_cost"};
    case Kind::coupon: return {"threshold", "amount", "percent_off", "max_discount"};
    case Kind::points: return {"points_per_unit", "max_percent"};
    case Kind::deposit_presale: return {"deposit", "deduct"};
    case Kind::shipping: return {"threshold", "free", "amount", "percent_off"};
  }
  return {};
}

// Long on purpose (over ~120 lines): one case per promotion kind, each a few lines reading that
// kind's parameters; the switch is the table of what each kind takes.
Status read_params(const json& j, Kind k, Params& q, const std::string& w) {
  if (!j.is_object()) return err(w, "expected an object");
  auto keys = param_keys(k);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
      std::string list;
      for (const auto& x : keys) list += (list.empty() ? "" : ", ") + x;
      return err(w + "." + it.key(), std::string("not a parameter of ") + kind_name(k) + " (expected: " + list + ")");
    }
  }
  auto money_f = [&](const char* key, Money& out) -> Status {
    if (const json* v = field(j, key)) SK_TRY(out, read_money(*v, w + "." + key));
    return Ok{};
  };
  auto pct_f = [&](const char* key, int64_t& out) -> Status {
    if (const json* v = field(j, key)) SK_TRY(out, read_percent_bp(*v, w + "." + key));
    return Ok{};
  };
  auto int_f = [&](const char* key, int64_t& out) -> Status {
    if (const json* v = field(j, key)) SK_TRY(out, read_int(*v, w + "." + key));
    return Ok{};
  };
#define SK_CHECK(st)             \
  do {                           \
    Status s_ = (st);            \
    if (!s_) return s_.error();  \
  } while (0)
  switch (k) {
    case Kind::threshold_tiers:
    case Kind::quantity_tiers: {
      const json* t = field(j, "tiers");
      if (!t || !t->is_array() || t->empty()) return err(w + ".tiers", "expected a non-empty list of tiers");
      for (size_t i = 0; i < t->size(); ++i) {
        const json& x = (*t)[i];
        std::string wi = w + ".tiers[" + std::to_string(i) + "]";
        if (!x.is_object()) return err(wi, "expected an object");
        Tier tier;
        if (k == Kind::threshold_tiers) {
          const json* th = field(x, "threshold");
          const json* am = field(x, "amount");
          if (!th || !am) return err(wi, "needs threshold and amount");
          SK_TRY(tier.threshold, read_money(*th, wi + ".threshold"));
          SK_TRY(tier.amount, read_money(*am, wi + ".amount"));
        } else {
          const json* mq = field(x, "min_qty");
          const json* pc = field(x, "percent_off");
          if (!mq || !pc) return err(wi, "needs min_qty and percent_off");
          SK_TRY(tier.threshold, read_int(*mq, wi + ".min_qty"));
          SK_TRY(tier.bp, read_percent_bp(*pc, wi + ".percent_off"));
        }
        q.tiers.push_back(tier);
      }
      break;
    }
    case Kind::per_each:
      SK_CHECK(money_f("step", q.threshold));
      SK_CHECK(money_f("amount", q.amount));
      SK_CHECK(money_f("cap", q.cap));
      break;
    case Kind::percent_off: SK_CHECK(pct_f("percent_off", q.bp)); break;
    case Kind::amount_off_each: SK_CHECK(money_f("amount", q.amount)); break;
    case Kind::flash_price: {
      if (!field(j, "price")) return err(w + ".price", "missing");
      SK_CHECK(money_f("price", q.price));
      int64_t v = 0;
      if (field(j, "stock")) {
        SK_CHECK(int_f("stock", v));
        q.stock = v;
      }
      if (field(j, "per_customer_limit")) {
        SK_CHECK(int_f("per_customer_limit", v));
        q.per_customer_units = v;
      }
      break;
    }
    case Kind::nth_item:
      SK_CHECK(int_f("n", q.n));
      SK_CHECK(pct_f("percent_off", q.bp));
      break;
    case Kind::buy_x_get_y:
      q.bp = 10000;  // free by default
      SK_CHECK(int_f("buy", q.buy));
      SK_CHECK(int_f("get", q.get));
      SK_CHECK(pct_f("percent_off", q.bp));
      if (const json* v = field(j, "repeat")) SK_TRY(q.repeat, read_bool(*v, w + ".repeat"));
      break;
    case Kind::bundle_price: {
      SK_CHECK(money_f("price", q.price));
      if (const json* items = field(j, "items")) {
        if (!items->is_array()) return err(w + ".items", "expected a list");
        for (size_t i = 0; i < items->size(); ++i) {
          const json& x = (*items)[i];
          std::string wi = w + ".items[" + std::to_string(i) + "]";
          if (!x.is_object() || !field(x, "sku")) return err(wi, "expected {\"sku\", \"qty\"}");
          BundleItem b;
          SK_TRY(b.sku, read_string(x["sku"], wi + ".sku"));
          if (const json* qn = field(x, "qty")) SK_TRY(b.qty, read_int(*qn, wi + ".qty"));
          q.bundle.push_back(b);
        }
      }
      if (const json* skus = field(j, "skus")) {
        std::vector<std::string> v;
        SK_TRY(v, read_strings(*skus, w + ".skus"));
        for (auto& s : v) q.bundle.push_back({s, 1});
      }
      if (q.bundle.empty()) return err(w, "a bundle needs items or skus");
      break;
    }
    case Kind::gift:
      SK_CHECK(money_f("threshold", q.threshold));
      SK_CHECK(money_f("gift_cost", q.gift_cost));
      if (const json* v = field(j, "gift_sku")) SK_TRY(q.gift_sku, read_string(*v, w + ".gift_sku"));
      if (const json* v = field(j, "gift_name")) SK_TRY(q.gift_name, read_string(*v, w + ".gift_name"));
      break;
    case Kind::coupon:
      SK_CHECK(money_f("threshold", q.threshold));
      SK_CHECK(money_f("amount", q.amount));
      SK_CHECK(pct_f("percent_off", q.bp));
      SK_CHECK(money_f("max_discount", q.cap));
      if (q.amount == 0 && q.bp == 0) return err(w, "a coupon needs amount or percent_off");
      break;
    case Kind::points:
      SK_CHECK(int_f("points_per_unit", q.points_per_unit));
      SK_CHECK(pct_f("max_percent", q.max_share_bp));
      break;
    case Kind::deposit_presale:
      SK_CHECK(money_f("deposit", q.deposit));
      SK_CHECK(money_f("deduct", q.deduct));
      break;
    case Kind::shipping:
      SK_CHECK(money_f("threshold", q.threshold));
      if (const json* v = field(j, "free")) SK_TRY(q.free_shipping, read_bool(*v, w + ".free"));
      SK_CHECK(money_f("amount", q.amount));
      SK_CHECK(pct_f("percent_off", q.bp));
      break;
  }
#undef SK_CHECK
  return Ok{};
}

}  // namespace

Result<json> parse_exact(std::string_view text) {
  json root;
  ExactSax sax(root);
  bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true, false);
  if (!ok || sax.is_errored()) {
    std::string m = sax.message.empty() ? "invalid JSON" : sax.message;
    return make_error(ErrorCode::parse_error, m);
  }
  return root;
}

json money_node(Money m) { return json(std::string(kMoneyTag) + money_to_decimal(m)); }

std::string to_text(const json& j, int indent) {
  std::string s = j.dump(indent, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t p = s.find(kMoneyDumped, i);
    if (p == std::string::npos) {
      out.append(s, i, std::string::npos);
      break;
    }
    out.append(s, i, p - i);
    size_t start = p + kMoneyDumped.size();
    size_t end = s.find('"', start);
    out.append(s, start, end - start);
    i = end + 1;
  }
  return out;
}

Result<Money> read_money(const json& j, const std::string& where) {
  return read_decimal(j, where, "an amount like 19.99");
}

Result<int64_t> read_percent_bp(const json& j, const std::string& where) {
  return read_decimal(j, where, "a percentage like 12.5");
}

Result<Promotion> parse_promotion(const json& j, const std::string& w) {
  if (!j.is_object()) return err(w, "expected an object");
  Promotion p;
  const json* id = field(j, "id");
  const json* kind = field(j, "kind");
  if (!id) return err(w + ".id", "missing");
  if (!kind) return err(w + ".kind", "missing");
  SK_TRY(p.id, read_string(*id, w + ".id"));
  std::string ks;
  SK_TRY(ks, read_string(*kind, w + ".kind"));
  auto k = kind_from_name(ks);
  if (!k) return err(w + ".kind", "unknown kind \"" + ks + "\"");
  p.kind = *k;
  p.layer = default_layer(p.kind);
  p.name = p.id;
  if (const json* v = field(j, "name")) SK_TRY(p.name, read_string(*v, w + ".name"));
  if (const json* v = field(j, "layer")) {
    std::string ls;
    SK_TRY(ls, read_string(*v, w + ".layer"));
    if (!ls.empty()) {
      auto l = layer_from_name(ls);
      if (!l) return err(w + ".layer", "unknown layer \"" + ls + "\" (item, shop, coupon, platform, points, shipping)");
      p.layer = *l;
    }
  }
  if (const json* v = field(j, "priority")) SK_TRY(p.priority, read_int(*v, w + ".priority"));
  if (const json* v = field(j, "exclusive")) SK_TRY(p.exclusive, read_bool(*v, w + ".exclusive"));
  if (const json* v = field(j, "stackable")) SK_TRY(p.stackable, read_bool(*v, w + ".stackable"));
  if (const json* v = field(j, "coupon_code")) SK_TRY(p.coupon_code, read_string(*v, w + ".coupon_code"));
  if (const json* v = field(j, "funded_by")) {
    std::string f;
    SK_TRY(f, read_string(*v, w + ".funded_by"));
    if (f != "shop" && f != "platform") return err(w + ".funded_by", "expected \"shop\" or \"platform\"");
    p.platform_funded = f == "platform";
  }
  if (const json* s = field(j, "scope")) {
    Status st = read_scope(*s, p.scope, w + ".scope");
    if (!st) return st.error();
  }
  if (const json* v = field(j, "group")) SK_TRY(p.group, read_string(*v, w + ".group"));
  if (const json* v = field(j, "class")) SK_TRY(p.platform_class, read_string(*v, w + ".class"));
  if (const json* v = field(j, "compounding")) SK_TRY(p.compounding, read_bool(*v, w + ".compounding"));
  if (const json* v = field(j, "combines_with")) {
    std::vector<std::string> cw;
    SK_TRY(cw, read_strings(*v, w + ".combines_with"));
    for (const auto& x : cw)
      if (x != "product" && x != "order" && x != "shipping")
        return err(w + ".combines_with", "\"" + x + "\" is not a discount class (product, order, shipping)");
    p.combines_with = cw;
  }
  if (const json* v = field(j, "individual_use")) {
    bool alone = false;
    SK_TRY(alone, read_bool(*v, w + ".individual_use"));
    if (alone) p.combines_with = std::vector<std::string>{};
  }
  if (const json* lim = field(j, "limits")) {
    std::string wl = w + ".limits";
    if (!lim->is_object()) return err(wl, "expected an object");
    for (auto it = lim->begin(); it != lim->end(); ++it)
      if (it.key() != "max_units" && it.key() != "max_units_per_customer" && it.key() != "cheapest_only" && it.key() != "pick")
        return err(wl + "." + it.key(), "not a limit (expected: max_units, max_units_per_customer, cheapest_only, pick)");
    int64_t n = 0;
    if (const json* v = field(*lim, "max_units")) {
      SK_TRY(n, read_int(*v, wl + ".max_units"));
      p.max_units = n;
    }
    if (const json* v = field(*lim, "max_units_per_customer")) {
      SK_TRY(n, read_int(*v, wl + ".max_units_per_customer"));
      p.max_units_per_customer = n;
    }
    if (const json* v = field(*lim, "cheapest_only")) SK_TRY(p.cheapest_only, read_bool(*v, wl + ".cheapest_only"));
    if (const json* v = field(*lim, "pick")) SK_TRY(p.pick, read_pick(*v, wl + ".pick"));
  }
  if (const json* b = field(j, "budget")) {
    std::string wb = w + ".budget";
    if (!b->is_object()) return err(wb, "expected an object");
    Money m = 0;
    if (const json* v = field(*b, "total")) {
      SK_TRY(m, read_money(*v, wb + ".total"));
      p.budget.total = m;
    }
    if (const json* v = field(*b, "per_customer")) {
      SK_TRY(m, read_money(*v, wb + ".per_customer"));
      p.budget.per_customer = m;
    }
    if (const json* v = field(*b, "redeemed_amount")) SK_TRY(p.budget.redeemed_amount, read_money(*v, wb + ".redeemed_amount"));
  }
  if (const json* c = field(j, "conditions")) {
    std::string wc = w + ".conditions";
    if (!c->is_object()) return err(wc, "expected an object");
    Conditions& o = p.conditions;
    int64_t n = 0;
    Money m = 0;
    if (const json* v = field(*c, "starts_at")) SK_TRY(o.starts_at, read_time(*v, wc + ".starts_at"));
    if (const json* v = field(*c, "ends_at")) SK_TRY(o.ends_at, read_time(*v, wc + ".ends_at"));
    if (const json* v = field(*c, "channels")) SK_TRY(o.channels, read_strings(*v, wc + ".channels"));
    if (const json* v = field(*c, "groups")) SK_TRY(o.groups, read_strings(*v, wc + ".groups"));
    if (const json* v = field(*c, "tiers")) SK_TRY(o.tiers, read_strings(*v, wc + ".tiers"));
    if (const json* v = field(*c, "segments")) SK_TRY(o.segments, read_strings(*v, wc + ".segments"));
    if (const json* v = field(*c, "first_order")) SK_TRY(o.first_order, read_bool(*v, wc + ".first_order"));
    if (const json* v = field(*c, "nth_order")) {
      SK_TRY(n, read_int(*v, wc + ".nth_order"));
      o.nth_order = n;
    }
    if (const json* v = field(*c, "min_amount")) {
      SK_TRY(m, read_money(*v, wc + ".min_amount"));
      o.min_amount = m;
    }
    if (const json* v = field(*c, "min_qty")) {
      SK_TRY(n, read_int(*v, wc + ".min_qty"));
      o.min_qty = n;
    }
    if (const json* v = field(*c, "total_limit")) {
      SK_TRY(n, read_int(*v, wc + ".total_limit"));
      o.total_limit = n;
    }
    if (const json* v = field(*c, "redeemed")) SK_TRY(o.redeemed, read_int(*v, wc + ".redeemed"));
    if (const json* v = field(*c, "per_customer_limit")) {
      SK_TRY(n, read_int(*v, wc + ".per_customer_limit"));
      o.per_customer_limit = n;
    }
    if (const json* v = field(*c, "scope")) {
      Scope sc;
      Status st = read_scope(*v, sc, wc + ".scope");
      if (!st) return st.error();
      o.scope = std::move(sc);
    }
    if (const json* v = field(*c, "include_shipping")) SK_TRY(o.include_shipping, read_bool(*v, wc + ".include_shipping"));
  }
  if (const json* q = field(j, "params")) {
    Status st = read_params(*q, p.kind, p.params, w + ".params");
    if (!st) return st.error();
    if (p.kind == Kind::buy_x_get_y)
      if (const json* v = field(*q, "pick")) SK_TRY(p.pick, read_pick(*v, w + ".params.pick"));
  } else if (p.kind == Kind::bundle_price || p.kind == Kind::flash_price || p.kind == Kind::threshold_tiers ||
             p.kind == Kind::quantity_tiers || p.kind == Kind::coupon) {
    return err(w + ".params", std::string("missing (a ") + kind_name(p.kind) + " needs parameters)");
  } else if (p.kind == Kind::buy_x_get_y) {
    p.params.bp = 10000;
  }
  return p;
}

Result<Promotion> parse_promotion_text(std::string_view text) {
  auto j = parse_exact(text);
  if (!j) return j.error();
  return parse_promotion(*j);
}

json promotion_to_json(const Promotion& p) {
  json j;
  j["id"] = p.id;
  j["name"] = p.name;
  j["kind"] = kind_name(p.kind);
  j["layer"] = layer_name(p.layer);
  j["priority"] = p.priority;
  j["exclusive"] = p.exclusive;
  j["stackable"] = p.stackable;
  if (p.platform_funded) j["funded_by"] = "platform";
  if (!p.coupon_code.empty()) j["coupon_code"] = p.coupon_code;
  j["scope"] = scope_to_json(p.scope);
  if (!p.group.empty()) j["group"] = p.group;
  if (!p.platform_class.empty()) j["class"] = p.platform_class;
  if (!p.compounding) j["compounding"] = false;
  if (p.combines_with) j["combines_with"] = *p.combines_with;
  json lim = json::object();
  if (p.max_units) lim["max_units"] = *p.max_units;
  if (p.max_units_per_customer) lim["max_units_per_customer"] = *p.max_units_per_customer;
  if (p.cheapest_only) lim["cheapest_only"] = true;
  if (p.pick == Pick::dearest) lim["pick"] = "dearest";
  if (!lim.empty()) j["limits"] = lim;
  if (p.budget.any() || p.budget.redeemed_amount) {
    json b = json::object();
    if (p.budget.total) b["total"] = money_node(*p.budget.total);
    if (p.budget.per_customer) b["per_customer"] = money_node(*p.budget.per_customer);
    b["redeemed_amount"] = money_node(p.budget.redeemed_amount);
    j["budget"] = b;
  }
  const Conditions& c = p.conditions;
  json cj = json::object();
  if (c.starts_at) cj["starts_at"] = format_timestamp(*c.starts_at);
  if (c.ends_at) cj["ends_at"] = format_timestamp(*c.ends_at);
  if (!c.channels.empty()) cj["channels"] = c.channels;
  if (!c.groups.empty()) cj["groups"] = c.groups;
  if (!c.tiers.empty()) cj["tiers"] = c.tiers;
  if (!c.segments.empty()) cj["segments"] = c.segments;
  if (c.first_order) cj["first_order"] = true;
  if (c.nth_order) cj["nth_order"] = *c.nth_order;
  if (c.min_amount) cj["min_amount"] = money_node(*c.min_amount);
  if (c.min_qty) cj["min_qty"] = *c.min_qty;
  if (c.total_limit) cj["total_limit"] = *c.total_limit;
  if (c.redeemed) cj["redeemed"] = c.redeemed;
  if (c.per_customer_limit) cj["per_customer_limit"] = *c.per_customer_limit;
  if (c.scope) cj["scope"] = scope_to_json(*c.scope);
  if (c.include_shipping) cj["include_shipping"] = true;
  j["conditions"] = cj;
  const Params& q = p.params;
  json pj = json::object();
  switch (p.kind) {
    case Kind::threshold_tiers:
      pj["tiers"] = json::array();
      for (const Tier& t : q.tiers) pj["tiers"].push_back({{"threshold", money_node(t.threshold)}, {"amount", money_node(t.amount)}});
      break;
    case Kind::quantity_tiers:
      pj["tiers"] = json::array();
      for (const Tier& t : q.tiers) pj["tiers"].push_back({{"min_qty", t.threshold}, {"percent_off", money_node(t.bp)}});
      break;
    case Kind::per_each:
      pj = {{"step", money_node(q.threshold)}, {"amount", money_node(q.amount)}};
      if (q.cap) pj["cap"] = money_node(q.cap);
      break;
    case Kind::percent_off: pj["percent_off"] = money_node(q.bp); break;
    case Kind::amount_off_each: pj["amount"] = money_node(q.amount); break;
    case Kind::flash_price:
      pj["price"] = money_node(q.price);
      if (q.stock) pj["stock"] = *q.stock;
      if (q.per_customer_units) pj["per_customer_limit"] = *q.per_customer_units;
      break;
    case Kind::nth_item: pj = {{"n", q.n}, {"percent_off", money_node(q.bp)}}; break;
    case Kind::buy_x_get_y:
      pj = {{"buy", q.buy}, {"get", q.get}, {"percent_off", money_node(q.bp)}};
      if (!q.repeat) pj["repeat"] = false;
      break;
    case Kind::bundle_price:
      pj["price"] = money_node(q.price);
      pj["items"] = json::array();
      for (const auto& b : q.bundle) pj["items"].push_back({{"sku", b.sku}, {"qty", b.qty}});
      break;
    case Kind::gift:
      pj = {{"threshold", money_node(q.threshold)}, {"gift_sku", q.gift_sku}, {"gift_name", q.gift_name},
            {"gift_cost", money_node(q.gift_cost)}};
      break;
    case Kind::coupon:
      pj["threshold"] = money_node(q.threshold);
      if (q.bp) pj["percent_off"] = money_node(q.bp);
      else pj["amount"] = money_node(q.amount);
      if (q.cap) pj["max_discount"] = money_node(q.cap);
      break;
    case Kind::points: pj = {{"points_per_unit", q.points_per_unit}, {"max_percent", money_node(q.max_share_bp)}}; break;
    case Kind::deposit_presale: pj = {{"deposit", money_node(q.deposit)}, {"deduct", money_node(q.deduct)}}; break;
    case Kind::shipping:
      pj["threshold"] = money_node(q.threshold);
      if (q.free_shipping) pj["free"] = true;
      else if (q.bp) pj["percent_off"] = money_node(q.bp);
      else pj["amount"] = money_node(q.amount);
      break;
  }
  j["params"] = pj;
  return j;
}

Result<QuoteInput> parse_quote_input(std::string_view text) {
  auto parsed = parse_exact(text);
  if (!parsed) return parsed.error();
  const json& j = *parsed;
  if (!j.is_object()) return err("input", "expected a JSON object");
  QuoteInput in;
  if (const json* v = field(j, "currency")) SK_TRY(in.currency, read_string(*v, "currency"));
  if (in.currency != "CNY" && in.currency != "USD" && in.currency != "EUR" && in.currency != "GBP")
    return err("currency", "\"" + in.currency + "\" is not supported (CNY, USD, EUR, GBP: two decimals)");
  const json* at = field(j, "at");
  if (!at) return err("at", "missing (the moment of the quote)");
  SK_TRY(in.at, read_time(*at, "at"));
  if (const json* v = field(j, "channel")) SK_TRY(in.channel, read_string(*v, "channel"));
  if (const json* v = field(j, "shipping")) SK_TRY(in.shipping, read_money(*v, "shipping"));
  if (const json* v = field(j, "fee_percent")) SK_TRY(in.fee_bp, read_percent_bp(*v, "fee_percent"));
  if (const json* v = field(j, "points_to_use")) {
    int64_t n;
    SK_TRY(n, read_int(*v, "points_to_use"));
    in.points_to_use = n;
  }
  if (const json* c = field(j, "customer")) {
    if (!c->is_object()) return err("customer", "expected an object");
    Customer& b = in.customer;
    if (const json* v = field(*c, "id")) SK_TRY(b.id, read_string(*v, "customer.id"));
    if (const json* v = field(*c, "group")) SK_TRY(b.group, read_string(*v, "customer.group"));
    if (const json* v = field(*c, "tier")) SK_TRY(b.tier, read_string(*v, "customer.tier"));
    if (const json* v = field(*c, "segments")) SK_TRY(b.segments, read_strings(*v, "customer.segments"));
    if (const json* v = field(*c, "orders_before")) SK_TRY(b.orders_before, read_int(*v, "customer.orders_before"));
    if (const json* v = field(*c, "points")) SK_TRY(b.points, read_int(*v, "customer.points"));
    for (const char* key : {"coupon_uses", "flash_bought", "units_bought", "budget_used"}) {
      const json* m = field(*c, key);
      if (!m) continue;
      if (!m->is_object()) return err(std::string("customer.") + key, "expected an object");
      const std::string k = key;
      auto& dst = k == "coupon_uses" ? b.coupon_uses : k == "flash_bought" ? b.flash_bought : k == "units_bought" ? b.units_bought : b.budget_used;
      for (auto it = m->begin(); it != m->end(); ++it) {
        const std::string where = std::string("customer.") + key + "." + it.key();
        if (k == "budget_used") SK_TRY(dst[it.key()], read_money(it.value(), where));
        else SK_TRY(dst[it.key()], read_int(it.value(), where));
      }
    }
  }
  const json* cart = field(j, "cart");
  if (!cart || !cart->is_array()) return err("cart", "expected a list of lines");
  for (size_t i = 0; i < cart->size(); ++i) {
    const json& x = (*cart)[i];
    std::string w = "cart[" + std::to_string(i) + "]";
    if (!x.is_object()) return err(w, "expected an object");
    CartLine l;
    const json* sku = field(x, "sku");
    const json* price = field(x, "price");
    if (!sku) return err(w + ".sku", "missing");
    if (!price) return err(w + ".price", "missing");
    SK_TRY(l.sku, read_string(*sku, w + ".sku"));
    SK_TRY(l.price, read_money(*price, w + ".price"));
    if (l.price < 0) return err(w + ".price", "negative price");
    if (const json* v = field(x, "qty")) SK_TRY(l.qty, read_int(*v, w + ".qty"));
    if (l.qty <= 0) return err(w + ".qty", "quantity must be at least 1");
    if (const json* v = field(x, "category")) SK_TRY(l.category, read_string(*v, w + ".category"));
    if (const json* v = field(x, "tags")) SK_TRY(l.tags, read_strings(*v, w + ".tags"));
    if (const json* v = field(x, "cost")) {
      Money c;
      SK_TRY(c, read_money(*v, w + ".cost"));
      l.cost = c;
    }
    if (const json* v = field(x, "floor_price")) {
      Money f;
      SK_TRY(f, read_money(*v, w + ".floor_price"));
      if (f < 0) return err(w + ".floor_price", "negative floor price");
      if (f > l.price)
        return err(w + ".floor_price", "floor price " + money_to_decimal(f) + " is above the list price " + money_to_decimal(l.price));
      l.floor_price = f;
    }
    in.cart.push_back(std::move(l));
  }
  if (const json* ps = field(j, "promotions")) {
    if (!ps->is_array()) return err("promotions", "expected a list");
    for (size_t i = 0; i < ps->size(); ++i) {
      Promotion p;
      SK_TRY(p, parse_promotion((*ps)[i], "promotions[" + std::to_string(i) + "]"));
      in.promotions.push_back(std::move(p));
    }
  }
  if (const json* v = field(j, "coupons_held")) SK_TRY(in.coupons_held, read_strings(*v, "coupons_held"));
  if (const json* v = field(j, "profile")) {
    std::string name;
    SK_TRY(name, read_string(*v, "profile"));
    auto r = find_profile(name);
    if (!r) return err("profile", r.error().message);
    in.rules = *r;
  }
  return in;
}

json quote_input_to_json(const QuoteInput& in) {
  json j;
  j["currency"] = in.currency;
  j["at"] = format_timestamp(in.at);
  if (!in.channel.empty()) j["channel"] = in.channel;
  j["customer"] = {{"id", in.customer.id},
                   {"group", in.customer.group},
                   {"tier", in.customer.tier},
                   {"orders_before", in.customer.orders_before},
                   {"points", in.customer.points}};
  if (!in.customer.coupon_uses.empty()) j["customer"]["coupon_uses"] = in.customer.coupon_uses;
  if (!in.customer.flash_bought.empty()) j["customer"]["flash_bought"] = in.customer.flash_bought;
  if (!in.customer.units_bought.empty()) j["customer"]["units_bought"] = in.customer.units_bought;
  if (!in.customer.segments.empty()) j["customer"]["segments"] = in.customer.segments;
  if (!in.customer.budget_used.empty()) {
    json b = json::object();
    for (const auto& [k, v] : in.customer.budget_used) b[k] = money_node(v);
    j["customer"]["budget_used"] = b;
  }
  j["cart"] = json::array();
  for (const auto& l : in.cart) {
    json x = {{"sku", l.sku}, {"price", money_node(l.price)}, {"qty", l.qty}, {"category", l.category}, {"tags", l.tags}};
    if (l.cost) x["cost"] = money_node(*l.cost);
    if (l.floor_price) x["floor_price"] = money_node(*l.floor_price);
    j["cart"].push_back(std::move(x));
  }
  j["shipping"] = money_node(in.shipping);
  if (in.fee_bp) j["fee_percent"] = money_node(in.fee_bp);
  if (in.points_to_use) j["points_to_use"] = *in.points_to_use;
  j["promotions"] = json::array();
  for (const auto& p : in.promotions) j["promotions"].push_back(promotion_to_json(p));
  j["coupons_held"] = in.coupons_held;
  if (!in.rules.profile.empty()) j["profile"] = in.rules.profile;
  return j;
}

json quote_to_json(const Quote& q, const QuoteInput& in) {
  json j;
  j["currency"] = in.currency;
  if (!in.rules.profile.empty()) j["profile"] = in.rules.profile;
  j["items_total"] = money_node(q.items_total);
  j["discounts"] = json::array();
  for (const auto& d : q.discounts) {
    json x = {{"promotion", d.promotion}, {"name", d.name},   {"kind", kind_name(d.kind)},
              {"layer", layer_name(d.layer)}, {"amount", money_node(d.amount)}, {"lines", json::array()}};
    for (const auto& l : d.lines) x["lines"].push_back({{"line", l.line}, {"sku", in.cart[l.line].sku}, {"amount", money_node(l.amount)}});
    if (d.platform_funded) x["funded_by"] = "platform";
    if (d.kind == Kind::points) x["points_used"] = d.points_used;
    if (d.kind == Kind::deposit_presale) x["deposit"] = money_node(d.deposit);
    if (d.floor_withheld) x["floor_withheld"] = money_node(d.floor_withheld);
    if (d.budget_cut) x["budget_cut"] = money_node(d.budget_cut);
    if (d.units) x["units"] = d.units;
    j["discounts"].push_back(std::move(x));
  }
  j["not_applied"] = json::array();
  for (const auto& n : q.not_applied) j["not_applied"].push_back({{"promotion", n.promotion}, {"code", why_name(n.why.code)}, {"reason", n.reason}});
  j["gifts"] = json::array();
  for (const auto& g : q.gifts)
    j["gifts"].push_back({{"promotion", g.promotion}, {"sku", g.sku}, {"name", g.name}, {"cost", money_node(g.cost)}});
  j["shipping_fee"] = money_node(q.shipping_fee);
  j["shipping_discounts"] = json::array();
  for (const auto& s : q.shipping_discounts)
    j["shipping_discounts"].push_back({{"promotion", s.promotion}, {"name", s.name}, {"amount", money_node(s.amount)}});
  j["shipping"] = money_node(q.shipping);
  j["goods_paid"] = money_node(q.goods_paid);
  j["total"] = money_node(q.total);
  j["lines"] = json::array();
  for (size_t i = 0; i < q.line_paid.size(); ++i) {
    json x = {{"line", i}, {"sku", in.cart[i].sku}, {"paid", money_node(q.line_paid[i])}};
    if (in.cart[i].floor_price) {
      x["floor_price"] = money_node(*in.cart[i].floor_price);
      x["floor_withheld"] = money_node(i < q.floor_withheld.size() ? q.floor_withheld[i] : 0);
    }
    j["lines"].push_back(std::move(x));
  }
  j["points_used"] = q.points_used;
  j["fees"] = money_node(q.fees);
  j["profit"] = q.profit ? money_node(*q.profit) : json(nullptr);
  return j;
}

json best_to_json(const BestChoice& b, const QuoteInput& in) {
  json j;
  j["coupons"] = b.coupons;
  j["points"] = b.points;
  j["exhaustive"] = b.exhaustive;
  j["quotes_run"] = b.quotes_run;
  j["quote"] = quote_to_json(b.quote, in);
  return j;
}

json guard_finding_to_json(const GuardFinding& f) {
  json j;
  j["sku"] = f.sku;
  j["list_price"] = money_node(f.list_price);
  j["cost"] = f.cost ? money_node(*f.cost) : json(nullptr);
  j["floor_price"] = f.floor_price ? money_node(*f.floor_price) : json(nullptr);
  j["lowest_unit_price"] = money_node(f.lowest_unit_price);
  j["finding"] = finding_kind(f);
  j["list_price_below_floor"] = f.list_price_below_floor;
  j["violation"] = f.violation;
  j["line_paid"] = money_node(f.line_paid);
  j["qty"] = f.qty;
  j["gift_share"] = money_node(f.gift_share);
  j["at"] = format_timestamp(f.at);
  j["channel"] = f.channel;
  j["customer"] = {{"group", f.customer.group}, {"tier", f.customer.tier}, {"orders_before", f.customer.orders_before}};
  j["cart"] = json::array();
  for (const auto& l : f.cart) j["cart"].push_back({{"sku", l.sku}, {"qty", l.qty}, {"price", money_node(l.price)}});
  j["coupons"] = f.coupons;
  j["points"] = f.points;
  j["promotions"] = f.promotions;
  if (!f.profile.empty()) j["profile"] = f.profile;
  return j;
}

json refund_to_json(const RefundQuote& r, const QuoteInput& order) {
  json j;
  j["lines"] = json::array();
  for (const auto& l : r.lines)
    j["lines"].push_back({{"line", l.line}, {"sku", l.sku}, {"qty", l.qty}, {"paid_share", money_node(l.paid_share)},
                          {"clawback", money_node(l.clawback)}, {"refund", money_node(l.refund)}});
  j["goods_refund"] = money_node(r.goods_refund);
  j["shipping_refund"] = money_node(r.shipping_refund);
  j["total"] = money_node(r.total);
  j["clawback"] = money_node(r.clawback);
  j["points_returned"] = r.points_returned;
  j["lost"] = r.lost;
  j["original_total"] = money_node(r.original.total);
  j["kept_goods"] = money_node(r.kept.goods_paid);
  (void)order;
  return j;
}

json festival_to_json(const Festival& f) {
  return {{"id", f.id},
          {"name_en", f.name_en},
          {"name_zh", f.name_zh},
          {"day", format_day(f.day)},
          {"window", {{"first", format_day(f.window.first)}, {"last", format_day(f.window.last)}}}};
}

json issues_to_json(const std::vector<ValidationIssue>& issues) {
  json a = json::array();
  for (const auto& i : issues)
    a.push_back({{"promotion", i.promotion}, {"field", i.field}, {"code", check_name(i.code)}, {"message", i.message}});
  return a;
}

json profile_to_json(const ProfileInfo& p) {
  json j;
  j["name"] = p.name;
  j["title"] = p.title;
  j["sources"] = p.sources;
  j["layers"] = json::array();
  const StackRules& r = p.rules;
  std::vector<Layer> all = r.order;
  all.push_back(Layer::points);
  all.push_back(Layer::shipping);
  for (Layer L : all) {
    const int li = static_cast<int>(L);
    json x = {{"layer", layer_name(L)}, {"label", p.labels.size() > static_cast<size_t>(li) ? p.labels[li] : ""},
              {"thresholds_see", layer_name(r.gate_from[li])}, {"stack", r.all_stack[li] ? "all" : "best"}};
    if (r.compounding[li] >= 0) x["compounding"] = r.compounding[li] == 1;
    if (r.max_coupons[li] > 0) x["max_coupons"] = r.max_coupons[li];
    j["layers"].push_back(std::move(x));
  }
  j["exclusive"] = json::array();
  for (const auto& [a, b] : r.exclusive_pairs) j["exclusive"].push_back({a, b});
  j["max_codes"] = r.max_codes;
  j["combines_with"] = r.use_combines_with;
  return j;
}

}  // namespace shopkeeper::promo
