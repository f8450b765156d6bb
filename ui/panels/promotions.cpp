// Promotions section: the shop's promotions with an editor (validated, loss-checked before they
// go live), the buyer's real price for a cart (到手价), the loss guard over every SKU in slices
// across frames, and the festival calendar with campaign simulation and evaluation.
// Every figure comes from core/promotions; results are cached per (revision, inputs).
#include "ui/panels/promotions.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>

#include "core/model/entities.h"
#include "core/promotions/history.h"
#include "ui/i18n/format.h"
#include "ui/i18n/reasons.h"
#include "ui/section.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

// ---- GuardJob ---------------------------------------------------------------------------------

void GuardJob::start(std::vector<promo::GuardProduct> products, std::vector<promo::Promotion> promotions,
                     const promo::GuardOptions& opt, std::string inputs_key) {
  guard = std::make_unique<promo::Guard>(std::move(products), std::move(promotions), opt);
  key = std::move(inputs_key);
  next = 0;
  findings.clear();
  running = true;
  cancelled = false;
}

bool GuardJob::step(size_t slice) {
  if (!guard || !running) return true;
  size_t end = std::min(guard->size(), next + slice);
  auto part = guard->run(next, end);
  findings.insert(findings.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  next = end;
  if (next >= guard->size()) running = false;
  return !running;
}

int64_t GuardJob::violations() const {
  int64_t n = 0;
  for (const auto& f : findings) n += f.violation ? 1 : 0;
  return n;
}

namespace {

using promo::Kind;
using promo::Layer;

constexpr size_t kGuardSlice = 50;  // SKUs per frame
constexpr const char* kFloorKey = promo::kGuardFloorKey;
constexpr const char* kFeeKey = promo::kGuardFeeKey;

bool zh() { return language() == Lang::zh_CN; }
std::string money(Money m) { return format_money(m, language()); }
std::string bp_text(int64_t bp) { return money_to_decimal(bp) + "%"; }  // 1250 bp -> "12.50%"
ImVec4 red() { return ImVec4(0.82f, 0.16f, 0.1f, 1); }
ImVec4 green() { return ImVec4(0.15f, 0.55f, 0.25f, 1); }

template <size_t N>
void set_buf(char (&buf)[N], const std::string& s) {
  std::snprintf(buf, N, "%s", s.c_str());
}

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// A comma list typed by a seller: "," "，" and "、" all separate.
std::vector<std::string> split_list(const char* text) {
  std::string s = text;
  for (const char* sep : {"，", "、"}) {
    for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, std::strlen(sep), ",");
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t c = s.find(',', start);
    if (c == std::string::npos) c = s.size();
    std::string t = trim(s.substr(start, c - start));
    if (!t.empty()) out.push_back(t);
    start = c + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Percent text "12.5" <-> basis points, exactly (percent has two decimals like money).
std::string pct_text(int64_t bp) {
  std::string s = money_to_decimal(bp);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

const char* kind_label(Kind k) {
  static constexpr S keys[] = {S::promotions_kind_threshold_tiers, S::promotions_kind_per_each,      S::promotions_kind_percent_off,
                               S::promotions_kind_amount_off_each, S::promotions_kind_flash_price,   S::promotions_kind_quantity_tiers,
                               S::promotions_kind_nth_item,        S::promotions_kind_buy_x_get_y,   S::promotions_kind_bundle_price,
                               S::promotions_kind_gift,            S::promotions_kind_coupon,        S::promotions_kind_points,
                               S::promotions_kind_deposit_presale, S::promotions_kind_shipping};
  return tr(keys[static_cast<int>(k)]);
}
const char* kind_about(Kind k) {
  static constexpr S keys[] = {S::promotions_about_threshold_tiers, S::promotions_about_per_each,      S::promotions_about_percent_off,
                               S::promotions_about_amount_off_each, S::promotions_about_flash_price,   S::promotions_about_quantity_tiers,
                               S::promotions_about_nth_item,        S::promotions_about_buy_x_get_y,   S::promotions_about_bundle_price,
                               S::promotions_about_gift,            S::promotions_about_coupon,        S::promotions_about_points,
                               S::promotions_about_deposit_presale, S::promotions_about_shipping};
  return tr(keys[static_cast<int>(k)]);
}
const char* layer_label(Layer l) {
  static constexpr S keys[] = {S::promotions_layer_item, S::promotions_layer_shop, S::promotions_layer_coupon, S::promotions_layer_platform, S::promotions_layer_points,
                               S::promotions_layer_shipping};
  return tr(keys[static_cast<int>(l)]);
}
const char* status_label(const std::string& s) {
  if (s == "draft") return tr(S::promotions_status_draft);
  if (s == "scheduled") return tr(S::promotions_status_scheduled);
  if (s == "active") return tr(S::promotions_status_active);
  if (s == "paused") return tr(S::promotions_status_paused);
  if (s == "ended") return tr(S::promotions_status_ended);
  return s.c_str();
}
unsigned int status_color(const std::string& s) {
  if (s == "active") return IM_COL32(46, 140, 70, 255);
  if (s == "scheduled") return IM_COL32(50, 110, 190, 255);
  if (s == "draft") return IM_COL32(130, 130, 145, 255);
  if (s == "paused") return IM_COL32(190, 130, 30, 255);
  return IM_COL32(110, 110, 110, 255);
}

// What the offer is, in the seller's words: "满300减30 / 满500减60", "8.5折", ...
std::string describe(const promo::Promotion& p) {
  const promo::Params& q = p.params;
  // Whole amounts without ".00", as sellers write them: 满¥300减¥30.
  auto m = [](Money v) {
    std::string t = money(v);
    if (t.size() > 3 && t.compare(t.size() - 3, 3, ".00") == 0) t.resize(t.size() - 3);
    return t;
  };
  char b[256];
  std::string out;
  switch (p.kind) {
    case Kind::threshold_tiers:
      for (const auto& t : q.tiers) {
        std::snprintf(b, sizeof b, tr(S::promotions_d_spend_off), m(t.threshold).c_str(), m(t.amount).c_str());
        out += (out.empty() ? "" : " / ") + std::string(b);
      }
      return out;
    case Kind::quantity_tiers:
      for (const auto& t : q.tiers) {
        std::snprintf(b, sizeof b, tr(S::promotions_d_units_pct), static_cast<long long>(t.threshold), pct_text(t.bp).c_str());
        out += (out.empty() ? "" : " / ") + std::string(b);
      }
      return out;
    case Kind::per_each:
      std::snprintf(b, sizeof b, tr(S::promotions_d_per_each), m(q.threshold).c_str(), m(q.amount).c_str());
      out = b;
      if (q.cap > 0) {
        std::snprintf(b, sizeof b, tr(S::promotions_d_cap), m(q.cap).c_str());
        out += b;
      }
      return out;
    case Kind::percent_off: std::snprintf(b, sizeof b, tr(S::promotions_d_pct_off), pct_text(q.bp).c_str()); return b;
    case Kind::amount_off_each: std::snprintf(b, sizeof b, tr(S::promotions_d_amount_each), m(q.amount).c_str()); return b;
    case Kind::flash_price: std::snprintf(b, sizeof b, tr(S::promotions_d_flash), m(q.price).c_str()); return b;
    case Kind::nth_item:
      std::snprintf(b, sizeof b, tr(S::promotions_d_nth), static_cast<long long>(q.n), pct_text(q.bp).c_str());
      return b;
    case Kind::buy_x_get_y:
      std::snprintf(b, sizeof b, tr(S::promotions_d_bxgy), static_cast<long long>(q.buy), static_cast<long long>(q.get),
                    pct_text(q.bp).c_str());
      return b;
    case Kind::bundle_price: {
      std::vector<std::string> items;
      for (const auto& it : q.bundle) items.push_back(it.sku + " x" + std::to_string(it.qty));
      std::snprintf(b, sizeof b, tr(S::promotions_d_bundle), join(items, " + ").c_str(), m(q.price).c_str());
      return b;
    }
    case Kind::gift:
      std::snprintf(b, sizeof b, tr(S::promotions_d_gift), m(q.threshold).c_str(),
                    (q.gift_name.empty() ? q.gift_sku : q.gift_name).c_str());
      return b;
    case Kind::coupon:
      if (q.bp > 0) std::snprintf(b, sizeof b, tr(S::promotions_d_coupon_pct), m(q.threshold).c_str(), pct_text(q.bp).c_str());
      else if (q.threshold > 0) std::snprintf(b, sizeof b, tr(S::promotions_d_spend_off), m(q.threshold).c_str(), m(q.amount).c_str());
      else std::snprintf(b, sizeof b, tr(S::promotions_d_no_threshold), m(q.amount).c_str());
      return std::string(b) + " [" + p.coupon_code + "]";
    case Kind::points:
      std::snprintf(b, sizeof b, tr(S::promotions_d_points), static_cast<long long>(q.points_per_unit), pct_text(q.max_share_bp).c_str());
      return b;
    case Kind::deposit_presale:
      std::snprintf(b, sizeof b, tr(S::promotions_d_deposit), m(q.deposit).c_str(), m(q.deduct).c_str());
      return b;
    case Kind::shipping:
      if (q.free_shipping) std::snprintf(b, sizeof b, tr(S::promotions_d_free_ship), m(q.threshold).c_str());
      else if (q.bp > 0) std::snprintf(b, sizeof b, tr(S::promotions_d_ship_pct), pct_text(q.bp).c_str());
      else std::snprintf(b, sizeof b, tr(S::promotions_d_ship_amount), m(q.amount).c_str());
      return b;
  }
  return out;
}

std::string scope_text(const promo::Scope& s) {
  if (s.all()) return tr(S::promotions_scope_all);
  std::vector<std::string> parts;
  if (!s.skus.empty()) parts.push_back(join(s.skus));
  if (!s.categories.empty()) parts.push_back(std::string(tr(S::promotions_scope_categories_short)) + join(s.categories));
  if (!s.tags.empty()) parts.push_back(std::string(tr(S::promotions_scope_tags_short)) + join(s.tags));
  return join(parts, "; ");
}

std::string window_text(const promo::Conditions& c) {
  auto t = [](std::optional<Timestamp> x) { return x ? format_timestamp(*x).substr(0, 16) : std::string("…"); };
  if (!c.starts_at && !c.ends_at) return tr(S::promotions_always);
  return t(c.starts_at) + " – " + t(c.ends_at);
}

// Validation messages: Chinese by code where there is a translation, else the English message.
const char* issue_text(const promo::ValidationIssue& i) {
  if (!zh()) return i.message.c_str();
  static const std::map<std::string, S> codes = {
      {"missing_id", S::promotions_vi_missing_id},
      {"duplicate_id", S::promotions_vi_duplicate_id},
      {"missing_name", S::promotions_vi_missing_name},
      {"window_inverted", S::promotions_vi_window_inverted},
      {"exclusive_and_stackable", S::promotions_vi_exclusive_and_stackable},
      {"bad_nth_order", S::promotions_vi_bad_nth_order},
      {"first_and_nth", S::promotions_vi_first_and_nth},
      {"negative", S::promotions_vi_negative},
      {"coupon_without_code", S::promotions_vi_coupon_without_code},
      {"duplicate_code", S::promotions_vi_duplicate_code},
      {"no_uses", S::promotions_vi_no_uses},
      {"no_discount", S::promotions_vi_no_discount},
      {"discount_not_below_threshold", S::promotions_vi_discount_not_below_threshold},
      {"tier_not_rising", S::promotions_vi_tier_not_rising},
      {"tier_discount_not_rising", S::promotions_vi_tier_discount_not_rising},
      {"bad_quantity", S::promotions_vi_bad_quantity},
      {"percent_range", S::promotions_vi_percent_range},
      {"bad_step", S::promotions_vi_bad_step},
      {"cap_below_amount", S::promotions_vi_cap_below_amount},
      {"bad_n", S::promotions_vi_bad_n},
      {"bad_counts", S::promotions_vi_bad_counts},
      {"price_not_positive", S::promotions_vi_price_not_positive},
      {"flash_without_window", S::promotions_vi_flash_without_window},
      {"flash_whole_shop", S::promotions_vi_flash_whole_shop},
      {"bundle_too_small", S::promotions_vi_bundle_too_small},
      {"gift_missing", S::promotions_vi_gift_missing},
      {"gift_cost_missing", S::promotions_vi_gift_cost_missing},
      {"coupon_not_below_threshold", S::promotions_vi_coupon_not_below_threshold},
      {"bad_rate", S::promotions_vi_bad_rate},
      {"no_deposit", S::promotions_vi_no_deposit},
      {"deduct_below_deposit", S::promotions_vi_deduct_below_deposit},
      {"wrong_layer", S::promotions_vi_wrong_layer},
      {"flash_overlap", S::promotions_vi_flash_overlap},
  };
  auto it = codes.find(i.code);
  return it == codes.end() ? i.message.c_str() : tr(it->second);
}

void show_issue(const promo::ValidationIssue& i) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.35f, 0.05f, 1));
  ImGui::Bullet();
  ImGui::TextWrapped("%s", issue_text(i));
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s", tr(S::promotions_field), i.field.c_str());
    if (zh()) ImGui::TextUnformatted(i.message.c_str());
    ImGui::EndTooltip();
  }
}

// A label with a value and the value's definition as a tooltip.
void figure(const char* label, const std::string& value, const char* tip, ImVec4* color = nullptr) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine();
  if (color) ImGui::TextColored(*color, "%s", value.c_str());
  else ImGui::TextUnformatted(value.c_str());
  if (tip) item_tooltip(tip);
}

// The next figure on the same line when it fits in the column, else on a new line.
void figure_next(const char* label, const std::string& value, const char* tip, ImVec4* color = nullptr) {
  float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  float w = ImGui::CalcTextSize(label).x + ImGui::CalcTextSize(value.c_str()).x + ImGui::GetStyle().ItemSpacing.x + 16.0f;
  if (ImGui::GetItemRectMax().x + w <= right) ImGui::SameLine(0, 16);
  figure(label, value, tip, color);
}

void header_row(int columns, const S* tips) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < columns; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (tips && tips[c] != S::count_) item_tooltip(tr(tips[c]));
  }
}

std::vector<promo::Promotion> live_set(const PromoData& d, bool include_drafts, const std::string& skip_id = {}) {
  std::vector<promo::Promotion> out;
  for (const auto& r : d.rows) {
    if (r.promotion.id == skip_id) continue;
    if (r.status == "active" || r.status == "scheduled" || (include_drafts && r.status == "draft"))
      out.push_back(r.promotion);
  }
  return out;
}

// ---- data ---------------------------------------------------------------------------------------

void load_data(PanelContext& cx, PromotionsUi& pu) {
  if (!pu.data) pu.data = std::make_shared<PromoData>();
  PromoData& d = *pu.data;
  if (d.revision == cx.ws.revision()) return;
  d = PromoData{};
  d.revision = cx.ws.revision();
  if (auto r = cx.ws.stored_promotions()) d.rows = std::move(*r);
  else d.error = r.error().message;
  // Live promotions first (active, scheduled), then drafts, paused, ended; by id within each.
  auto rank = [](const std::string& st) {
    const char* order[] = {"active", "scheduled", "draft", "paused", "ended"};
    for (int i = 0; i < 5; ++i)
      if (st == order[i]) return i;
    return 5;
  };
  std::stable_sort(d.rows.begin(), d.rows.end(), [&](const promo::StoredPromotion& a, const promo::StoredPromotion& b) {
    return rank(a.status) < rank(b.status);
  });
  if (auto r = cx.ws.guard_products()) d.products = std::move(*r);
  else d.error = r.error().message;
  if (auto r = cx.ws.campaigns()) d.campaigns = std::move(*r);
  else d.error = r.error().message;
  const Dataset& ds = cx.ws.dataset();
  std::map<std::string, size_t> ds_index;
  for (size_t i = 0; i < ds.sku.size(); ++i) ds_index[ds.sku[i]] = i;
  std::vector<int64_t> units(ds.sku.size(), 0);
  for (size_t l = 0; l < ds.lines(); ++l)
    if (ds.line_product[l] >= 0) units[static_cast<size_t>(ds.line_product[l])] += ds.line_qty[l];
  std::vector<int64_t> product_units;
  for (const auto& g : d.products) {
    auto it = ds_index.find(g.sku);
    d.titles.push_back(it == ds_index.end() ? std::string() : ds.product_title[it->second]);
    product_units.push_back(it == ds_index.end() ? 0 : units[it->second]);
    d.catalogue.push_back(promo::to_cart_line(g, 1));
  }
  for (size_t i = 0; i < d.products.size(); ++i) d.best_sellers.push_back(static_cast<int32_t>(i));
  std::stable_sort(d.best_sellers.begin(), d.best_sellers.end(),
                   [&](int32_t a, int32_t b) { return product_units[static_cast<size_t>(a)] > product_units[static_cast<size_t>(b)]; });
  d.tiers = ds.tiers.names;
  d.channels = ds.channels.names;
  std::vector<promo::Promotion> all;
  for (const auto& r : d.rows) all.push_back(r.promotion);
  d.issues = promo::validate(all);
  const promo::GuardOptions g = cx.ws.guard_settings();
  d.floor_bp = g.floor_bp;
  d.fee_bp = g.fee_bp;
}

// The list's words per row, made once per revision and language (not per frame).
void ensure_texts(PromoData& d) {
  if (d.texts_lang == lang_code(language()) && d.offer_text.size() == d.rows.size()) return;
  d.texts_lang = lang_code(language());
  d.offer_text.clear();
  d.scope_text.clear();
  d.window_text.clear();
  d.issue_count.clear();
  d.coupon_codes.clear();
  for (const auto& r : d.rows) {
    d.offer_text.push_back(describe(r.promotion));
    d.scope_text.push_back(scope_text(r.promotion.scope));
    d.window_text.push_back(window_text(r.promotion.conditions));
    int n = 0;
    for (const auto& is : d.issues) n += is.promotion == r.promotion.id ? 1 : 0;
    d.issue_count.push_back(n);
    if (!r.promotion.coupon_code.empty()) d.coupon_codes.push_back({r.promotion.coupon_code, r.status});
  }
}

int product_index(const PromoData& d, const std::string& sku) {
  auto it = std::lower_bound(d.products.begin(), d.products.end(), sku,
                             [](const promo::GuardProduct& g, const std::string& s) { return g.sku < s; });
  return it != d.products.end() && it->sku == sku ? static_cast<int>(it - d.products.begin()) : -1;
}

std::string product_title(const PromoData& d, const std::string& sku) {
  int i = product_index(d, sku);
  return i < 0 ? std::string() : d.titles[static_cast<size_t>(i)];
}

// ---- editor -------------------------------------------------------------------------------------

// Realistic starting values for a new promotion of kind `k`.
promo::Promotion template_for(Kind k, const PromoData& d, Timestamp now) {
  promo::Promotion p;
  p.kind = k;
  p.layer = promo::default_layer(k);
  p.name = kind_label(k);
  std::string top = d.best_sellers.empty() ? std::string() : d.products[static_cast<size_t>(d.best_sellers[0])].sku;
  promo::Params& q = p.params;
  switch (k) {
    case Kind::threshold_tiers: q.tiers = {{30000, 3000, 0}, {50000, 6000, 0}}; break;
    case Kind::quantity_tiers: q.tiers = {{2, 0, 1000}, {3, 0, 2000}}; break;
    case Kind::per_each: q.threshold = 20000, q.amount = 2000, q.cap = 10000; break;
    case Kind::percent_off: q.bp = 1000; break;
    case Kind::amount_off_each: q.amount = 500; break;
    case Kind::flash_price:
      if (!d.best_sellers.empty()) q.price = d.products[static_cast<size_t>(d.best_sellers[0])].price * 8 / 10;
      q.stock = 100, q.per_customer_units = 2;
      if (!top.empty()) p.scope.skus = {top};
      p.conditions.starts_at = now - now % 86400 + 86400 + 20 * 3600;
      p.conditions.ends_at = *p.conditions.starts_at + 2 * 3600;
      break;
    case Kind::nth_item: q.n = 2, q.bp = 5000; break;
    case Kind::buy_x_get_y: q.buy = 2, q.get = 1, q.bp = 10000; break;
    case Kind::bundle_price:
      for (size_t i = 0; i < std::min<size_t>(2, d.best_sellers.size()); ++i) {
        const auto& g = d.products[static_cast<size_t>(d.best_sellers[i])];
        q.bundle.push_back({g.sku, 1});
        q.price += g.price;
      }
      q.price = q.price * 85 / 100;
      break;
    case Kind::gift: q.threshold = 30000, q.gift_name = tr(S::promotions_gift_default_name), q.gift_cost = 1500; break;
    case Kind::coupon: q.threshold = 19900, q.amount = 2000, p.coupon_code = "SAVE20"; break;
    case Kind::points: q.points_per_unit = 100, q.max_share_bp = 2000; break;
    case Kind::deposit_presale: q.deposit = 2000, q.deduct = 5000; break;
    case Kind::shipping: q.threshold = 9900, q.free_shipping = true; break;
  }
  return p;
}

void load_editor(PromoEditor& e, const promo::Promotion& p, const std::string& status, bool is_new) {
  e = PromoEditor{};
  e.open = true;
  e.original_id = is_new ? std::string() : p.id;
  set_buf(e.id, p.id);
  set_buf(e.name, p.name);
  set_buf(e.coupon_code, p.coupon_code);
  e.kind = static_cast<int>(p.kind);
  e.layer = static_cast<int>(p.layer);
  e.status = 0;
  for (int i = 0; i < 5; ++i)
    if (status == promo::kPromotionStatuses[i]) e.status = i;
  e.priority = static_cast<int>(p.priority);
  e.exclusive = p.exclusive;
  e.stackable = p.stackable;
  e.platform_funded = p.platform_funded;
  const promo::Conditions& c = p.conditions;
  if (c.starts_at) set_buf(e.starts, format_timestamp(*c.starts_at).substr(0, 16));
  if (c.ends_at) set_buf(e.ends, format_timestamp(*c.ends_at).substr(0, 16));
  set_buf(e.skus, join(p.scope.skus));
  set_buf(e.categories, join(p.scope.categories));
  set_buf(e.tags, join(p.scope.tags));
  set_buf(e.exclude, join(p.scope.exclude_skus));
  set_buf(e.channels, join(c.channels));
  set_buf(e.groups, join(c.groups));
  set_buf(e.buyer_tiers, join(c.tiers));
  e.first_order = c.first_order;
  if (c.nth_order) set_buf(e.nth_order, std::to_string(*c.nth_order));
  if (c.min_amount) set_buf(e.min_amount, money_to_decimal(*c.min_amount));
  if (c.min_qty) set_buf(e.min_qty, std::to_string(*c.min_qty));
  if (c.total_limit) set_buf(e.total_limit, std::to_string(*c.total_limit));
  if (c.redeemed) set_buf(e.redeemed, std::to_string(c.redeemed));
  if (c.per_customer_limit) set_buf(e.per_customer_limit, std::to_string(*c.per_customer_limit));
  const promo::Params& q = p.params;
  for (const auto& t : q.tiers) {
    PromoTierRow r;
    if (p.kind == Kind::quantity_tiers) {
      set_buf(r.a, std::to_string(t.threshold));
      set_buf(r.b, pct_text(t.bp));
    } else {
      set_buf(r.a, money_to_decimal(t.threshold));
      set_buf(r.b, money_to_decimal(t.amount));
    }
    e.tiers.push_back(r);
  }
  auto mset = [](auto& buf, Money v) {
    if (v) set_buf(buf, money_to_decimal(v));
  };
  mset(e.threshold, q.threshold);
  mset(e.amount, q.amount);
  mset(e.cap, q.cap);
  if (q.bp) set_buf(e.percent, pct_text(q.bp));
  mset(e.price, q.price);
  if (q.stock) set_buf(e.stock, std::to_string(*q.stock));
  if (q.per_customer_units) set_buf(e.per_customer_units, std::to_string(*q.per_customer_units));
  e.n = static_cast<int>(q.n);
  e.buy = static_cast<int>(q.buy);
  e.get = static_cast<int>(q.get);
  e.points_per_unit = static_cast<int>(q.points_per_unit);
  set_buf(e.max_percent, pct_text(q.max_share_bp));
  e.coupon_mode = q.bp > 0 ? 1 : 0;
  std::vector<std::string> items;
  for (const auto& b : q.bundle) items.push_back(b.sku + ":" + std::to_string(b.qty));
  set_buf(e.bundle, join(items));
  set_buf(e.gift_sku, q.gift_sku);
  set_buf(e.gift_name, q.gift_name);
  mset(e.gift_cost, q.gift_cost);
  mset(e.deposit, q.deposit);
  mset(e.deduct, q.deduct);
  e.free_shipping = q.free_shipping;
  e.dirty = true;
}

// Reads the editor's text fields into a Promotion; every field that does not parse is named.
void build_from_editor(PromoEditor& e, const PromoData& d) {
  e.parse_errors.clear();
  promo::Promotion p;
  p.id = trim(e.id);
  p.name = trim(e.name);
  p.kind = static_cast<Kind>(e.kind);
  p.layer = static_cast<Layer>(e.layer);
  p.priority = e.priority;
  p.exclusive = e.exclusive;
  p.stackable = e.stackable;
  p.platform_funded = e.platform_funded;
  p.coupon_code = trim(e.coupon_code);
  auto fail = [&](S field, const std::string& text) {
    e.parse_errors.push_back(std::string(tr(field)) + ": " + tr(S::promotions_not_understood) + " \"" + text + "\"");
  };
  auto money_opt = [&](const char* text, S field) -> std::optional<Money> {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    auto r = parse_money(t);
    if (!r) {
      fail(field, t);
      return std::nullopt;
    }
    return *r;
  };
  auto money_req = [&](const char* text, S field) -> Money { return money_opt(text, field).value_or(0); };
  auto int_opt = [&](const char* text, S field) -> std::optional<int64_t> {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    long long v = std::strtoll(t.c_str(), &end, 10);
    if (*end) {
      fail(field, t);
      return std::nullopt;
    }
    return static_cast<int64_t>(v);
  };
  auto pct = [&](const char* text, S field) -> int64_t { return money_opt(text, field).value_or(0); };
  auto time_opt = [&](const char* text, S field) -> std::optional<Timestamp> {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    auto r = parse_timestamp(t);
    if (!r) {
      fail(field, t);
      return std::nullopt;
    }
    return *r;
  };
  p.scope.skus = split_list(e.skus);
  p.scope.categories = split_list(e.categories);
  p.scope.tags = split_list(e.tags);
  p.scope.exclude_skus = split_list(e.exclude);
  promo::Conditions& c = p.conditions;
  c.starts_at = time_opt(e.starts, S::promotions_f_starts);
  c.ends_at = time_opt(e.ends, S::promotions_f_ends);
  c.channels = split_list(e.channels);
  c.groups = split_list(e.groups);
  c.tiers = split_list(e.buyer_tiers);
  c.first_order = e.first_order;
  c.nth_order = int_opt(e.nth_order, S::promotions_f_nth_order);
  c.min_amount = money_opt(e.min_amount, S::promotions_f_min_amount);
  c.min_qty = int_opt(e.min_qty, S::promotions_f_min_qty);
  c.total_limit = int_opt(e.total_limit, S::promotions_f_total_limit);
  c.redeemed = int_opt(e.redeemed, S::promotions_f_redeemed).value_or(0);
  c.per_customer_limit = int_opt(e.per_customer_limit, S::promotions_f_per_customer_limit);
  promo::Params& q = p.params;
  switch (p.kind) {
    case Kind::threshold_tiers:
      for (const auto& t : e.tiers) q.tiers.push_back({money_req(t.a, S::promotions_f_threshold), money_req(t.b, S::promotions_f_amount_off), 0});
      break;
    case Kind::quantity_tiers:
      for (const auto& t : e.tiers) q.tiers.push_back({int_opt(t.a, S::promotions_f_min_units).value_or(0), 0, pct(t.b, S::promotions_f_percent_off)});
      break;
    case Kind::per_each:
      q.threshold = money_req(e.threshold, S::promotions_f_step);
      q.amount = money_req(e.amount, S::promotions_f_amount_off);
      q.cap = money_req(e.cap, S::promotions_f_cap);
      break;
    case Kind::percent_off: q.bp = pct(e.percent, S::promotions_f_percent_off); break;
    case Kind::amount_off_each: q.amount = money_req(e.amount, S::promotions_f_amount_off); break;
    case Kind::flash_price:
      q.price = money_req(e.price, S::promotions_f_price);
      q.stock = int_opt(e.stock, S::promotions_f_stock);
      q.per_customer_units = int_opt(e.per_customer_units, S::promotions_f_per_customer_units);
      break;
    case Kind::nth_item:
      q.n = e.n;
      q.bp = pct(e.percent, S::promotions_f_percent_off);
      break;
    case Kind::buy_x_get_y:
      q.buy = e.buy;
      q.get = e.get;
      q.bp = pct(e.percent, S::promotions_f_percent_off);
      break;
    case Kind::bundle_price:
      for (const std::string& item : split_list(e.bundle)) {
        size_t colon = item.find(':');
        promo::BundleItem b;
        b.sku = trim(item.substr(0, colon));
        if (colon != std::string::npos) {
          std::string qs = trim(item.substr(colon + 1));
          char* end = nullptr;
          long long v = std::strtoll(qs.c_str(), &end, 10);
          if (*end || qs.empty()) fail(S::promotions_f_bundle_items, item);
          else b.qty = v;
        }
        q.bundle.push_back(b);
      }
      q.price = money_req(e.price, S::promotions_f_price);
      break;
    case Kind::gift:
      q.threshold = money_req(e.threshold, S::promotions_f_threshold);
      q.gift_sku = trim(e.gift_sku);
      q.gift_name = trim(e.gift_name);
      q.gift_cost = money_req(e.gift_cost, S::promotions_f_gift_cost);
      break;
    case Kind::coupon:
      q.threshold = money_req(e.threshold, S::promotions_f_threshold);
      if (e.coupon_mode == 1) {
        q.bp = pct(e.percent, S::promotions_f_percent_off);
        q.cap = money_req(e.cap, S::promotions_f_max_discount);
      } else {
        q.amount = money_req(e.amount, S::promotions_f_amount_off);
      }
      break;
    case Kind::points:
      q.points_per_unit = e.points_per_unit;
      q.max_share_bp = pct(e.max_percent, S::promotions_f_max_share);
      break;
    case Kind::deposit_presale:
      q.deposit = money_req(e.deposit, S::promotions_f_deposit);
      q.deduct = money_req(e.deduct, S::promotions_f_deduct);
      break;
    case Kind::shipping:
      q.threshold = money_req(e.threshold, S::promotions_f_threshold);
      q.free_shipping = e.free_shipping;
      if (!e.free_shipping) {
        q.amount = money_req(e.amount, S::promotions_f_amount_off);
        q.bp = pct(e.percent, S::promotions_f_percent_off);
      }
      break;
  }
  // Validate against the other promotions of the store (duplicate ids and codes, flash overlaps).
  std::vector<promo::Promotion> set;
  for (const auto& r : d.rows)
    if (r.promotion.id != e.original_id) set.push_back(r.promotion);
  set.push_back(p);
  e.issues.clear();
  for (auto& i : promo::validate(set))
    if (i.promotion == p.id || (i.code == "flash_overlap" && i.message.find("\"" + p.name + "\"") != std::string::npos))
      e.issues.push_back(std::move(i));
  e.built = std::move(p);
  e.dirty = false;
  e.lang = lang_code(language());
}

// Marks the editor dirty when the last widget changed.
bool changed(PromoEditor& e, bool edited) {
  if (edited) e.dirty = true;
  return edited;
}

template <size_t N>
void text_field(PromoEditor& e, S label, char (&buf)[N], S tip, float width_em = 10.0f) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(label));
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * width_em);
  ImGui::PushID(static_cast<int>(label));
  changed(e, ImGui::InputText("##f", buf, N));
  ImGui::PopID();
  if (tip != S::count_) item_tooltip(tr(tip));
}

void int_field(PromoEditor& e, S label, int& v, S tip, int lo, int hi) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(label));
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  ImGui::PushID(static_cast<int>(label));
  if (changed(e, ImGui::InputInt("##i", &v))) v = std::clamp(v, lo, hi);
  ImGui::PopID();
  if (tip != S::count_) item_tooltip(tr(tip));
}

void draw_tiers(PromoEditor& e, bool quantity) {
  ImGui::TextUnformatted(tr(S::promotions_f_tiers));
  help_marker(tr(quantity ? S::promotions_tip_qty_tiers : S::promotions_tip_money_tiers));
  if (ImGui::BeginTable("tiers", 3, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn(tr(quantity ? S::promotions_f_min_units : S::promotions_f_threshold));
    ImGui::TableSetupColumn(tr(quantity ? S::promotions_f_percent_off : S::promotions_f_amount_off));
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    int remove = -1;
    for (size_t i = 0; i < e.tiers.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      changed(e, ImGui::InputText("##a", e.tiers[i].a, sizeof e.tiers[i].a));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      changed(e, ImGui::InputText("##b", e.tiers[i].b, sizeof e.tiers[i].b));
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(tr(S::promotions_remove))) remove = static_cast<int>(i);
      ImGui::PopID();
    }
    ImGui::EndTable();
    if (remove >= 0) {
      e.tiers.erase(e.tiers.begin() + remove);
      e.dirty = true;
    }
  }
  if (ImGui::SmallButton(tr(S::promotions_add_tier))) {
    e.tiers.emplace_back();
    e.dirty = true;
  }
}

void draw_params(PromoEditor& e) {
  Kind k = static_cast<Kind>(e.kind);
  switch (k) {
    case Kind::threshold_tiers: draw_tiers(e, false); break;
    case Kind::quantity_tiers: draw_tiers(e, true); break;
    case Kind::per_each:
      text_field(e, S::promotions_f_step, e.threshold, S::promotions_tip_step);
      text_field(e, S::promotions_f_amount_off, e.amount, S::promotions_tip_amount_each_step);
      text_field(e, S::promotions_f_cap, e.cap, S::promotions_tip_cap);
      break;
    case Kind::percent_off: text_field(e, S::promotions_f_percent_off, e.percent, S::promotions_tip_percent, 6); break;
    case Kind::amount_off_each: text_field(e, S::promotions_f_amount_off, e.amount, S::promotions_tip_amount_off_each); break;
    case Kind::flash_price:
      text_field(e, S::promotions_f_price, e.price, S::promotions_tip_flash_price);
      text_field(e, S::promotions_f_stock, e.stock, S::promotions_tip_stock_units, 6);
      text_field(e, S::promotions_f_per_customer_units, e.per_customer_units, S::promotions_tip_per_customer_units, 6);
      break;
    case Kind::nth_item:
      int_field(e, S::promotions_f_n, e.n, S::promotions_tip_n, 2, 99);
      text_field(e, S::promotions_f_percent_off, e.percent, S::promotions_tip_percent, 6);
      break;
    case Kind::buy_x_get_y:
      int_field(e, S::promotions_f_buy, e.buy, S::promotions_tip_buy, 1, 99);
      int_field(e, S::promotions_f_get, e.get, S::promotions_tip_get, 1, 99);
      text_field(e, S::promotions_f_percent_off, e.percent, S::promotions_tip_bxgy_percent, 6);
      break;
    case Kind::bundle_price:
      text_field(e, S::promotions_f_bundle_items, e.bundle, S::promotions_tip_bundle_items, 18);
      text_field(e, S::promotions_f_price, e.price, S::promotions_tip_bundle_price);
      break;
    case Kind::gift:
      text_field(e, S::promotions_f_threshold, e.threshold, S::promotions_tip_threshold);
      text_field(e, S::promotions_f_gift_sku, e.gift_sku, S::count_);
      text_field(e, S::promotions_f_gift_name, e.gift_name, S::count_, 14);
      text_field(e, S::promotions_f_gift_cost, e.gift_cost, S::promotions_tip_gift_cost);
      break;
    case Kind::coupon: {
      text_field(e, S::promotions_f_threshold, e.threshold, S::promotions_tip_coupon_threshold);
      int mode = e.coupon_mode;
      ImGui::RadioButton(tr(S::promotions_coupon_amount), &mode, 0);
      ImGui::SameLine();
      ImGui::RadioButton(tr(S::promotions_coupon_percent), &mode, 1);
      if (mode != e.coupon_mode) {
        e.coupon_mode = mode;
        e.dirty = true;
      }
      if (e.coupon_mode == 0) {
        text_field(e, S::promotions_f_amount_off, e.amount, S::promotions_tip_coupon_amount);
      } else {
        text_field(e, S::promotions_f_percent_off, e.percent, S::promotions_tip_percent, 6);
        text_field(e, S::promotions_f_max_discount, e.cap, S::promotions_tip_max_discount);
      }
      break;
    }
    case Kind::points:
      int_field(e, S::promotions_f_points_per_unit, e.points_per_unit, S::promotions_tip_points_per_unit, 1, 1000000);
      text_field(e, S::promotions_f_max_share, e.max_percent, S::promotions_tip_max_share, 6);
      break;
    case Kind::deposit_presale:
      text_field(e, S::promotions_f_deposit, e.deposit, S::promotions_tip_deposit);
      text_field(e, S::promotions_f_deduct, e.deduct, S::promotions_tip_deduct);
      break;
    case Kind::shipping:
      text_field(e, S::promotions_f_threshold, e.threshold, S::promotions_tip_ship_threshold);
      changed(e, ImGui::Checkbox(tr(S::promotions_f_free_shipping), &e.free_shipping));
      if (!e.free_shipping) {
        text_field(e, S::promotions_f_amount_off, e.amount, S::promotions_tip_ship_amount);
        text_field(e, S::promotions_f_percent_off, e.percent, S::promotions_tip_percent, 6);
      }
      break;
  }
}

Status write_promotion(PanelContext& cx, PromotionsUi& pu, const promo::Promotion& p, const std::string& status, const std::string& original_id) {
  return cx.ws.write([&](Writer& w) -> Status {
    if (!original_id.empty() && original_id != p.id)
      if (auto st = promo::delete_promotion(w, original_id); !st) return st;
    return promo::save_promotion(w, p, status);
  }, Workspace::Touches::records);
}

std::string guard_key(const PromoData& d, bool drafts, int64_t floor_bp, int64_t fee_bp) {
  return std::to_string(d.revision) + "|" + (drafts ? "d" : "-") + "|" + std::to_string(floor_bp) + "|" +
         std::to_string(fee_bp);
}

void finish_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& e) {
  Status st = write_promotion(cx, pu, *e.built, e.save_status, e.original_id);
  e.save_stage = 0;
  if (!st) {
    cx.report_error(st.error().message);
    return;
  }
  e.message = std::string(tr(S::promotions_saved_as)) + " " + status_label(e.save_status);
  e.original_id = e.built->id;
  for (int i = 0; i < 5; ++i)
    if (e.save_status == promo::kPromotionStatuses[i]) e.status = i;
}

void start_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& e, const PromoData& d) {
  if (e.dirty) build_from_editor(e, d);
  e.message.clear();
  if (!e.parse_errors.empty() || !e.built) {
    e.message = tr(S::promotions_fix_fields_first);
    return;
  }
  // Saving is INSERT OR REPLACE by id: an id taken by another promotion would overwrite it.
  bool taken = e.built->id.empty() || std::any_of(e.issues.begin(), e.issues.end(), [](const promo::ValidationIssue& i) {
                 return i.code == "duplicate_id" || i.code == "missing_id";
               });
  if (taken) {
    e.message = tr(S::promotions_id_taken);
    return;
  }
  e.save_status = promo::kPromotionStatuses[e.status];
  if (e.save_status != "active" && e.save_status != "scheduled") {
    finish_save(cx, pu, e);
    return;
  }
  // Going live: the loss guard over the live set with this promotion in it.
  std::vector<promo::Promotion> set = live_set(d, false, e.original_id);
  std::vector<promo::Promotion> without;
  for (auto& p : set)
    if (p.id != e.built->id) without.push_back(p);
  without.push_back(*e.built);
  promo::GuardOptions opt;
  opt.floor_bp = d.floor_bp;
  opt.fee_bp = d.fee_bp;
  e.check.start(d.products, std::move(without), opt, "save");
  e.save_stage = 1;
}

void draw_save_check(PanelContext& cx, PromotionsUi& pu, PromoEditor& e) {
  if (e.save_stage == 0) return;
  if (e.save_stage == 1) {
    if (e.check.step(kGuardSlice)) {
      if (e.check.violations() == 0 && e.issues.empty()) finish_save(cx, pu, e);
      else e.save_stage = 2;
    }
  }
  if (e.save_stage == 0) return;
  if (!ImGui::IsPopupOpen("##savecheck")) ImGui::OpenPopup("##savecheck");
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0));
  if (!ImGui::BeginPopupModal("##savecheck", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize))
    return;
  if (e.save_stage == 1) {
    ImGui::TextUnformatted(tr(S::promotions_checking_losses));
    size_t n = e.check.guard ? e.check.guard->size() : 0;
    ImGui::ProgressBar(n ? static_cast<float>(e.check.next) / static_cast<float>(n) : 1.0f, ImVec2(-1, 0));
    if (ImGui::Button(tr(S::cancel))) {
      e.check.cancel();
      e.save_stage = 0;
      ImGui::CloseCurrentPopup();
    }
  } else {
    title(tr(S::promotions_before_going_live));
    if (!e.issues.empty()) {
      ImGui::Text(tr(S::promotions_n_issues), static_cast<int>(e.issues.size()));
      for (const auto& i : e.issues) show_issue(i);
    }
    int64_t v = e.check.violations();
    if (v > 0) {
      ImGui::TextColored(red(), tr(S::promotions_n_violations_fmt), static_cast<long long>(v));
      int shown = 0;
      for (const auto& f : e.check.findings) {
        if (!f.violation || shown >= 8) continue;
        ++shown;
        ImGui::BulletText(tr(S::promotions_violation_line), f.sku.c_str(), money(f.lowest_unit_price).c_str(),
                          money(f.floor_price.value_or(0)).c_str());
      }
      ImGui::TextDisabled("%s", tr(S::promotions_see_guard_tab));
    }
    ImGui::Separator();
    std::string anyway = std::string(tr(S::promotions_save_anyway)) + " (" + status_label(e.save_status) + ")";
    if (ImGui::Button(anyway.c_str())) {
      finish_save(cx, pu, e);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::promotions_keep_as_draft))) {
      e.save_status = "draft";
      finish_save(cx, pu, e);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(S::promotions_back_to_editing))) {
      e.save_stage = 0;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndPopup();
}

void draw_editor(PanelContext& cx, PromotionsUi& pu) {
  PromoEditor& e = *pu.editor;
  const PromoData& d = *pu.data;
  if (e.dirty || e.lang != lang_code(language())) build_from_editor(e, d);
  ImGui::PushID("editor");
  title(e.original_id.empty() ? tr(S::promotions_new_promotion) : tr(S::promotions_edit_promotion));
  ImGui::Separator();
  // Left: the fields; right: what it does, and what is wrong with it, in words.
  if (ImGui::BeginTable("ed", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("a", 0, 1.35f);
    ImGui::TableSetupColumn("b", 0, 1.0f);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(S::promotions_f_kind));
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo("##kind", kind_label(static_cast<Kind>(e.kind)))) {
      for (int k = 0; k < promo::kKindCount; ++k) {
        if (ImGui::Selectable(kind_label(static_cast<Kind>(k)), e.kind == k) && e.kind != k) {
          // A new kind starts from that kind's template, keeping id, name, window and scope.
          PromoEditor keep = std::move(e);
          promo::Promotion t = template_for(static_cast<Kind>(k), d, start_of(cx.platform.today()));
          load_editor(e, t, promo::kPromotionStatuses[keep.status], true);
          e.original_id = keep.original_id;
          std::memcpy(e.id, keep.id, sizeof e.id);
          if (keep.name[0]) std::memcpy(e.name, keep.name, sizeof e.name);
          if (keep.starts[0] || keep.ends[0] || !t.conditions.starts_at) {
            std::memcpy(e.starts, keep.starts, sizeof e.starts);
            std::memcpy(e.ends, keep.ends, sizeof e.ends);
          }
          if (keep.skus[0] || keep.categories[0] || keep.tags[0]) {
            std::memcpy(e.skus, keep.skus, sizeof e.skus);
            std::memcpy(e.categories, keep.categories, sizeof e.categories);
            std::memcpy(e.tags, keep.tags, sizeof e.tags);
          }
        }
        item_tooltip(kind_about(static_cast<Kind>(k)));
      }
      ImGui::EndCombo();
    }
    item_tooltip(kind_about(static_cast<Kind>(e.kind)));
    text_field(e, S::promotions_f_id, e.id, S::promotions_tip_id);
    text_field(e, S::promotions_f_name, e.name, S::promotions_tip_name, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(S::promotions_f_layer));
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##layer", layer_label(static_cast<Layer>(e.layer)))) {
      for (int l = 0; l < promo::kLayerCount; ++l)
        if (ImGui::Selectable(layer_label(static_cast<Layer>(l)), e.layer == l)) {
          e.layer = l;
          e.dirty = true;
        }
      ImGui::EndCombo();
    }
    item_tooltip(tr(S::promotions_tip_layer));
    int_field(e, S::promotions_f_priority, e.priority, S::promotions_tip_priority, -1000, 1000);
    changed(e, ImGui::Checkbox(tr(S::promotions_f_exclusive), &e.exclusive));
    item_tooltip(tr(S::promotions_tip_exclusive));
    ImGui::SameLine();
    changed(e, ImGui::Checkbox(tr(S::promotions_f_stackable), &e.stackable));
    item_tooltip(tr(S::promotions_tip_stackable));
    ImGui::SameLine();
    changed(e, ImGui::Checkbox(tr(S::promotions_f_platform_funded), &e.platform_funded));
    item_tooltip(tr(S::promotions_tip_platform_funded));
    text_field(e, S::promotions_f_starts, e.starts, S::promotions_tip_time, 9);
    text_field(e, S::promotions_f_ends, e.ends, S::promotions_tip_time_end, 9);
    if (static_cast<Kind>(e.kind) == Kind::coupon || e.coupon_code[0])
      text_field(e, S::promotions_f_coupon_code, e.coupon_code, S::promotions_tip_coupon_code, 8);

    if (ImGui::CollapsingHeader(tr(S::promotions_h_params), ImGuiTreeNodeFlags_DefaultOpen)) draw_params(e);
    if (ImGui::CollapsingHeader(tr(S::promotions_h_scope), ImGuiTreeNodeFlags_DefaultOpen)) {
      text_field(e, S::promotions_f_skus, e.skus, S::promotions_tip_list, 18);
      text_field(e, S::promotions_f_categories, e.categories, S::promotions_tip_list, 18);
      text_field(e, S::promotions_f_tags, e.tags, S::promotions_tip_list, 18);
      text_field(e, S::promotions_f_exclude, e.exclude, S::promotions_tip_list, 18);
    }
    if (ImGui::CollapsingHeader(tr(S::promotions_h_conditions))) {
      text_field(e, S::promotions_f_min_amount, e.min_amount, S::promotions_tip_min_amount, 7);
      text_field(e, S::promotions_f_min_qty, e.min_qty, S::promotions_tip_min_qty, 5);
      text_field(e, S::promotions_f_channels, e.channels, S::promotions_tip_list, 14);
      text_field(e, S::promotions_f_groups, e.groups, S::promotions_tip_list, 14);
      text_field(e, S::promotions_f_buyer_tiers, e.buyer_tiers, S::promotions_tip_list, 14);
      changed(e, ImGui::Checkbox(tr(S::promotions_f_first_order), &e.first_order));
      text_field(e, S::promotions_f_nth_order, e.nth_order, S::promotions_tip_nth_order, 4);
      text_field(e, S::promotions_f_total_limit, e.total_limit, S::promotions_tip_total_limit, 6);
      text_field(e, S::promotions_f_redeemed, e.redeemed, S::promotions_tip_redeemed, 6);
      text_field(e, S::promotions_f_per_customer_limit, e.per_customer_limit, S::promotions_tip_per_customer_limit, 6);
    }

    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", tr(S::promotions_what_it_does));
    if (e.built) {
      ImGui::TextWrapped("%s", describe(*e.built).c_str());
      ImGui::TextDisabled("%s: %s", tr(S::promotions_h_scope), scope_text(e.built->scope).c_str());
      ImGui::TextDisabled("%s: %s", tr(S::promotions_col_window), window_text(e.built->conditions).c_str());
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(S::promotions_checks));
    if (e.parse_errors.empty() && e.issues.empty()) ImGui::TextColored(green(), "%s", tr(S::promotions_no_problems));
    for (const auto& pe : e.parse_errors) ImGui::TextColored(red(), "%s", pe.c_str());
    for (const auto& i : e.issues) show_issue(i);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(S::promotions_f_status));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo("##status", status_label(promo::kPromotionStatuses[e.status]))) {
      for (int i = 0; i < 5; ++i)
        if (ImGui::Selectable(status_label(promo::kPromotionStatuses[i]), e.status == i)) e.status = i;
      ImGui::EndCombo();
    }
    item_tooltip(tr(S::promotions_tip_status));
    ImGui::BeginDisabled(cx.ws.readonly());
    if (ImGui::Button(tr(S::save))) start_save(cx, pu, e, d);
    ImGui::SameLine();
    if (!e.original_id.empty()) {
      if (!e.confirm_delete) {
        if (ImGui::Button(tr(S::promotions_del))) e.confirm_delete = true;
      } else {
        if (ImGui::Button(tr(S::promotions_confirm_delete))) {
          std::string id = e.original_id;
          Status st = cx.ws.write([&](Writer& w) { return promo::delete_promotion(w, id); }, Workspace::Touches::records);
          if (!st) cx.report_error(st.error().message);
          e.open = false;
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(S::cancel))) e.confirm_delete = false;
      }
      ImGui::SameLine();
    }
    ImGui::EndDisabled();
    if (ImGui::Button(tr(S::promotions_close))) e.open = false;
    if (!e.message.empty()) ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::EndTable();
  }
  draw_save_check(cx, pu, e);
  ImGui::PopID();
}

void draw_list_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  if (!pu.editor) pu.editor = std::make_shared<PromoEditor>();
  PromoEditor& e = *pu.editor;
  ImGui::BeginDisabled(cx.ws.readonly());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::BeginCombo("##new", tr(S::promotions_new_promotion_of_kind))) {
    for (int k = 0; k < promo::kKindCount; ++k) {
      if (ImGui::Selectable(kind_label(static_cast<Kind>(k)))) {
        promo::Promotion t = template_for(static_cast<Kind>(k), d, start_of(cx.platform.today()));
        // A fresh id: P<n> not used yet.
        for (int n = static_cast<int>(d.rows.size()) + 1;; ++n) {
          std::string id = "P" + std::to_string(n);
          bool used = std::any_of(d.rows.begin(), d.rows.end(), [&](const auto& r) { return r.promotion.id == id; });
          if (!used) {
            t.id = id;
            break;
          }
        }
        load_editor(e, t, "draft", true);
        pu.selected = -1;
      }
      item_tooltip(kind_about(static_cast<Kind>(k)));
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  int live = 0, drafts = 0;
  for (const auto& r : d.rows) {
    live += (r.status == "active" || r.status == "scheduled") ? 1 : 0;
    drafts += r.status == "draft" ? 1 : 0;
  }
  ImGui::TextDisabled(tr(S::promotions_n_promotions_fmt), static_cast<int>(d.rows.size()), live, drafts);
  // What the loss guard found for the live set (it runs in the background of the panel).
  const GuardJob& job = pu.guard->job;
  if (job.guard && job.guard->size() > 0 && !pu.guard->include_drafts) {
    ImGui::SameLine(0, 24);
    if (job.running) {
      ImGui::TextDisabled(tr(S::promotions_guard_progress_fmt), job.next, job.guard->size());
    } else if (job.done()) {
      int64_t v = job.violations();
      if (v > 0) ImGui::TextColored(red(), tr(S::promotions_guard_summary_fmt), static_cast<long long>(v), job.guard->size());
      else ImGui::TextColored(green(), "%s", tr(S::promotions_guard_all_clear));
      item_tooltip(tr(S::promotions_tip_below_floor_count));
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(S::promotions_show_guard))) pu.tab_request = 2;
    }
  }
  if (!d.error.empty()) ImGui::TextColored(red(), "%s", d.error.c_str());
  if (d.rows.empty()) {
    ImGui::TextWrapped("%s", tr(S::promotions_no_promotions));
  } else {
    float h = e.open ? ImGui::GetFontSize() * 11 : 0;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("list", 7, flags, ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr(S::promotions_f_status), 0, 0.7f);
      ImGui::TableSetupColumn(tr(S::promotions_f_name), 0, 1.6f);
      ImGui::TableSetupColumn(tr(S::promotions_f_kind), 0, 1.1f);
      ImGui::TableSetupColumn(tr(S::promotions_col_offer), 0, 2.2f);
      ImGui::TableSetupColumn(tr(S::promotions_h_scope), 0, 1.3f);
      ImGui::TableSetupColumn(tr(S::promotions_col_window), 0, 1.9f);
      ImGui::TableSetupColumn(tr(S::promotions_checks), 0, 0.6f);
      const S tips[] = {S::promotions_tip_status, S::count_, S::count_, S::count_, S::count_, S::promotions_tip_time, S::promotions_tip_checks_col};
      header_row(7, tips);
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(d.rows.size()));
      while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const auto& r = d.rows[static_cast<size_t>(i)];
          ImGui::PushID(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          badge(status_label(r.status), status_color(r.status));
          ImGui::TableNextColumn();
          if (ImGui::Selectable(r.promotion.name.c_str(), pu.selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
            pu.selected = i;
            load_editor(e, r.promotion, r.status, false);
          }
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(kind_label(r.promotion.kind));
          item_tooltip(layer_label(r.promotion.layer));
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.offer_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.scope_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(d.window_text[static_cast<size_t>(i)].c_str());
          ImGui::TableNextColumn();
          int n = d.issue_count[static_cast<size_t>(i)];
          if (n == 0) ImGui::TextColored(green(), "OK");
          else {
            ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.05f, 1), "%d", n);
            if (ImGui::IsItemHovered()) {
              ImGui::BeginTooltip();
              ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
              for (const auto& is : d.issues)
                if (is.promotion == r.promotion.id) ImGui::BulletText("%s", issue_text(is));
              ImGui::PopTextWrapPos();
              ImGui::EndTooltip();
            }
          }
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
    }
  }
  if (e.open) {
    ImGui::Spacing();
    draw_editor(cx, pu);
  }
}

// ---- quote (到手价) ---------------------------------------------------------------------------

void seed_quote(PromoQuoteUi& q, const PromoData& d, const Platform& platform) {
  q.seeded = true;
  set_buf(q.moment, format_day(platform.today()) + " 20:00");
  // A typical basket: the best sellers (two of the first) until it reaches 300.00, at most 4
  // lines, so the shop's usual thresholds show up in the first quote. Best sellers that some
  // promotion covers come first: thin-margin traffic items are often left out of every offer,
  // and a first quote with no discount at all shows nothing.
  std::vector<int32_t> order;
  for (int pass = 0; pass < 2; ++pass)
    for (int32_t b : d.best_sellers) {
      promo::CartLine line = promo::to_cart_line(d.products[static_cast<size_t>(b)], 1);
      bool covered = false;
      for (const auto& row : d.rows)
        if (row.status != "draft" && row.status != "ended" && row.promotion.kind != promo::Kind::shipping &&
            row.promotion.kind != promo::Kind::flash_price && promo::in_scope(row.promotion, line))
          covered = true;
      if (covered == (pass == 0)) order.push_back(b);
    }
  Money items = 0;
  for (size_t i = 0; i < order.size() && q.cart.size() < 4 && (q.cart.size() < 2 || items < 30000); ++i) {
    const auto& g = d.products[static_cast<size_t>(order[i])];
    QuoteCartRow r;
    r.sku = g.sku;
    r.qty = i == 0 ? 2 : 1;
    set_buf(r.price, money_to_decimal(g.price));
    items += g.price * r.qty;
    q.cart.push_back(r);
  }
  for (const auto& r : d.rows)
    if (!r.promotion.coupon_code.empty()) q.coupons_held.insert(r.promotion.coupon_code);
}

std::string quote_key(const PromoQuoteUi& q, const PromoData& d) {
  std::string k = std::to_string(d.revision) + "|" + q.moment + "|" + q.tier + "|" + q.group + "|" + q.channel + "|" +
                  q.shipping + "|" + std::to_string(q.orders_before) + "|" + std::to_string(q.points) + "|" +
                  (q.include_drafts ? "d" : "-");
  for (const auto& r : q.cart) k += "|" + r.sku + "*" + std::to_string(r.qty) + "@" + r.price;
  for (const auto& c : q.coupons_held) k += "|c:" + c;
  return k;
}

// The engine input for the quote tab's cart and buyer; an error names the field that is wrong.
Result<promo::QuoteInput> quote_input(const PromoQuoteUi& q, const PromoData& d) {
  promo::QuoteInput in;
  auto at = parse_timestamp(q.moment);
  if (!at) return make_error(ErrorCode::parse_error, std::string(tr(S::promotions_q_moment)) + ": " + at.error().message);
  in.at = *at;
  auto ship = parse_money(trim(q.shipping).empty() ? "0" : q.shipping);
  if (!ship) return make_error(ErrorCode::parse_error, std::string(tr(S::promotions_q_shipping)) + ": " + ship.error().message);
  in.shipping = *ship;
  in.channel = q.channel;
  in.customer.id = "buyer";
  in.customer.tier = q.tier;
  in.customer.group = q.group;
  in.customer.orders_before = q.orders_before;
  in.customer.points = q.points;
  for (const auto& r : q.cart) {
    int i = product_index(d, r.sku);
    promo::CartLine l;
    if (i >= 0) l = promo::to_cart_line(d.products[static_cast<size_t>(i)], r.qty);
    l.sku = r.sku;
    l.qty = r.qty;
    auto price = parse_money(r.price);
    if (!price) return make_error(ErrorCode::parse_error, r.sku + ": " + tr(S::promotions_col_unit_price) + ": " + price.error().message);
    l.price = *price;
    in.cart.push_back(std::move(l));
  }
  in.promotions = live_set(d, q.include_drafts);
  for (const auto& p : in.promotions)
    if (!p.coupon_code.empty() && q.coupons_held.count(p.coupon_code)) in.coupons_held.push_back(p.coupon_code);
  std::sort(in.coupons_held.begin(), in.coupons_held.end());
  in.coupons_held.erase(std::unique(in.coupons_held.begin(), in.coupons_held.end()), in.coupons_held.end());
  in.fee_bp = d.fee_bp;
  return in;
}

void recompute_quote(PromoQuoteUi& q, const PromoData& d) {
  std::string key = quote_key(q, d);
  if (key == q.key) return;
  q.key = key;
  q.has_result = false;
  q.error.clear();
  auto in = quote_input(q, d);
  if (!in) {
    q.error = in.error().message;
    return;
  }
  q.input = std::move(*in);
  q.quote = promo::quote(q.input);
  q.best = promo::best_price(q.input);
  q.offers.clear();
  std::set<std::string> seen;
  for (const auto& l : q.input.cart) {
    if (!seen.insert(l.sku).second) continue;
    promo::CartLine one = l;
    one.qty = 1;
    q.offers.push_back(promo::product_offer(q.input, one, d.catalogue));
  }
  q.has_result = true;
}

std::string promo_name(const PromoQuoteUi& q, const std::string& id) {
  for (const auto& p : q.input.promotions)
    if (p.id == id) return p.name;
  return id;
}

void draw_quote_inputs(PanelContext& cx, PromotionsUi& pu, PromoQuoteUi& q, const PromoData& d) {
  ImGui::TextUnformatted(tr(S::promotions_q_cart));
  help_marker(tr(S::promotions_tip_cart));
  int remove = -1;
  if (ImGui::BeginTable("cart", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(tr(S::col_sku), 0, 2.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_qty), 0, 1.1f);
    ImGui::TableSetupColumn(tr(S::promotions_col_unit_price), 0, 1.1f);
    ImGui::TableSetupColumn("", 0, 0.4f);
    const S tips[] = {S::count_, S::count_, S::promotions_tip_cart_price, S::count_};
    header_row(4, tips);
    for (size_t i = 0; i < q.cart.size(); ++i) {
      QuoteCartRow& r = q.cart[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(r.sku.c_str());
      item_tooltip(product_title(d, r.sku).c_str());
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputInt("##q", &r.qty)) r.qty = std::clamp(r.qty, 1, 999);
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputText("##p", r.price, sizeof r.price);
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
      item_tooltip(tr(S::promotions_remove));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) q.cart.erase(q.cart.begin() + remove);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("##add", tr(S::promotions_add_product), ImGuiComboFlags_HeightLarge)) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", tr(S::filter_hint), q.add_filter, sizeof q.add_filter);
    std::string f = q.add_filter;
    std::vector<int> match;
    for (size_t i = 0; i < d.products.size(); ++i)
      if (f.empty() || d.products[i].sku.find(f) != std::string::npos || d.titles[i].find(f) != std::string::npos)
        match.push_back(static_cast<int>(i));
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(match.size()));
    while (clip.Step())
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const auto& g = d.products[static_cast<size_t>(match[static_cast<size_t>(k)])];
        std::string label = g.sku + "  " + d.titles[static_cast<size_t>(match[static_cast<size_t>(k)])] + "  " + money(g.price);
        ImGui::PushID(k);
        if (ImGui::Selectable(label.c_str())) {
          QuoteCartRow r;
          r.sku = g.sku;
          set_buf(r.price, money_to_decimal(g.price));
          q.cart.push_back(r);
        }
        ImGui::PopID();
      }
    ImGui::EndCombo();
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_buyer));
  auto combo_of = [](const char* id, char* buf, size_t n, const std::vector<std::string>& options, const char* any) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::BeginCombo(id, buf[0] ? buf : any)) {
      if (ImGui::Selectable(any, !buf[0])) buf[0] = 0;
      for (const auto& o : options)
        if (ImGui::Selectable(o.c_str(), o == buf)) std::snprintf(buf, n, "%s", o.c_str());
      ImGui::EndCombo();
    }
  };
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_tier));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  combo_of("##tier", q.tier, sizeof q.tier, d.tiers, tr(S::promotions_any_tier));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_channel));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  combo_of("##channel", q.channel, sizeof q.channel, d.channels, tr(S::promotions_any_channel));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_group));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputText("##group", q.group, sizeof q.group);
  item_tooltip(tr(S::promotions_tip_group));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_orders_before));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputInt("##ob", &q.orders_before)) q.orders_before = std::max(0, q.orders_before);
  item_tooltip(tr(S::promotions_tip_orders_before));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_points));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputInt("##pts", &q.points, 100)) q.points = std::max(0, q.points);
  item_tooltip(tr(S::promotions_tip_points_held));
  std::set<std::string> codes;
  for (const auto& [code, status] : d.coupon_codes)
    if (status == "active" || status == "scheduled" || (q.include_drafts && status == "draft")) codes.insert(code);
  if (!codes.empty()) {
    ImGui::TextUnformatted(tr(S::promotions_q_coupons_held));
    help_marker(tr(S::promotions_tip_coupons_held));
    for (const auto& c : codes) {
      bool held = q.coupons_held.count(c) > 0;
      if (ImGui::Checkbox(c.c_str(), &held)) {
        if (held) q.coupons_held.insert(c);
        else q.coupons_held.erase(c);
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_moment));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputText("##at", q.moment, sizeof q.moment);
  item_tooltip(tr(S::promotions_tip_moment));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_q_shipping));
  ImGui::SameLine(ImGui::GetFontSize() * 8);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputText("##ship", q.shipping, sizeof q.shipping);
  item_tooltip(tr(S::promotions_tip_shipping_fee));
  ImGui::Checkbox(tr(S::promotions_include_drafts), &q.include_drafts);
  item_tooltip(tr(S::promotions_tip_include_drafts));
}

std::string lines_text(const std::vector<promo::LineAmount>& lines, const promo::QuoteInput& in) {
  std::string s;
  for (const auto& l : lines) {
    if (!s.empty()) s += "  ·  ";
    s += in.cart[static_cast<size_t>(l.line)].sku + " " + money(l.amount);
  }
  return s;
}

// The refund for sending back some units of the quoted order, recomputed when the quote or the
// returned quantities change.
void update_refund(PromoQuoteUi& q) {
  q.returns.resize(q.input.cart.size(), 0);
  std::string key = q.key;
  bool any = false;
  for (size_t i = 0; i < q.returns.size(); ++i) {
    q.returns[i] = std::clamp<int>(q.returns[i], 0, static_cast<int>(q.input.cart[i].qty));
    key += "|" + std::to_string(q.returns[i]);
    any = any || q.returns[i] > 0;
  }
  if (key == q.refund_key) return;
  q.refund_key = key;
  q.refund.reset();
  q.refund_error.clear();
  if (!any) return;
  std::vector<int64_t> back(q.returns.begin(), q.returns.end());
  auto r = promo::refund_quote(q.input, back);
  if (r) q.refund = std::move(*r);
  else q.refund_error = r.error().message;
}

void draw_refund(PromoQuoteUi& q) {
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_refund));
  help_marker(tr(S::promotions_tip_refund));
  update_refund(q);
  const promo::QuoteInput& in = q.input;
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("refund", 6, tf)) {
    ImGui::TableSetupColumn(tr(S::col_sku), 0, 1.2f);
    ImGui::TableSetupColumn(tr(S::promotions_col_qty), 0, 0.5f);
    ImGui::TableSetupColumn(tr(S::promotions_col_return_qty), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_paid_share), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_clawback), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_refund), 0, 1.0f);
    const S tips[] = {S::count_, S::count_, S::count_, S::promotions_tip_paid_share, S::promotions_tip_clawback, S::promotions_tip_refund_line};
    header_row(6, tips);
    for (size_t i = 0; i < in.cart.size() && i < q.returns.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(in.cart[i].sku.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(in.cart[i].qty));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputInt("##back", &q.returns[i]))
        q.returns[i] = std::clamp<int>(q.returns[i], 0, static_cast<int>(in.cart[i].qty));
      const promo::RefundLine* rl = nullptr;
      if (q.refund)
        for (const auto& x : q.refund->lines)
          if (x.line == static_cast<int32_t>(i)) rl = &x;
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(money(rl->paid_share).c_str());
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(rl->clawback ? ("-" + money(rl->clawback)).c_str() : money(0).c_str());
      ImGui::TableNextColumn();
      if (rl) ImGui::TextUnformatted(money(rl->refund).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (!q.refund_error.empty()) {
    ImGui::TextColored(red(), "%s", q.refund_error.c_str());
    return;
  }
  if (!q.refund) {
    ImGui::TextDisabled("%s", tr(S::promotions_r_none_returned));
    return;
  }
  const promo::RefundQuote& r = *q.refund;
  figure(tr(S::promotions_r_total_refund), money(r.total), tr(S::promotions_tip_total_refund));
  figure_next(tr(S::promotions_r_goods_refund), money(r.goods_refund), tr(S::promotions_tip_refund_line));
  figure_next(tr(S::promotions_r_shipping_refund), money(r.shipping_refund), tr(S::promotions_tip_shipping_refund));
  if (r.clawback > 0) figure_next(tr(S::promotions_col_clawback), "-" + money(r.clawback), tr(S::promotions_tip_clawback));
  if (r.points_returned > 0)
    figure_next(tr(S::promotions_r_points_back), format_int(r.points_returned, language()), tr(S::promotions_tip_points_back));
  if (!r.lost.empty()) {
    std::vector<std::string> names;
    for (const auto& id : r.lost) names.push_back(promo_name(q, id));
    ImGui::TextDisabled("%s:", tr(S::promotions_r_lost));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", join(names).c_str());
  }
}

void draw_quote_result(PanelContext& cx, PromotionsUi& pu, PromoQuoteUi& q) {
  const promo::Quote& r = q.quote;
  const promo::QuoteInput& in = q.input;
  Money discounts = r.items_total - r.goods_paid;
  ImGui::TextUnformatted(tr(S::promotions_q_result));
  ImGui::SetWindowFontScale(1.6f);
  ImGui::TextColored(ImVec4(0.84f, 0.36f, 0.15f, 1), "%s", money(r.total).c_str());
  ImGui::SetWindowFontScale(1.0f);
  item_tooltip(tr(S::promotions_tip_total));
  figure(tr(S::promotions_q_items_total), money(r.items_total), tr(S::promotions_tip_items_total));
  figure_next(tr(S::promotions_q_discounts), "-" + money(discounts), tr(S::promotions_tip_discounts));
  figure_next(tr(S::promotions_q_shipping_paid), money(r.shipping), tr(S::promotions_tip_shipping_paid));
  figure(tr(S::promotions_q_goods_paid), money(r.goods_paid), tr(S::promotions_tip_goods_paid));
  if (r.profit) {
    ImVec4 c = *r.profit < 0 ? red() : green();
    figure_next(tr(S::promotions_q_profit), money(*r.profit), tr(S::promotions_tip_profit), &c);
  } else {
    figure_next(tr(S::promotions_q_profit), tr(S::unknown), tr(S::promotions_tip_profit_unknown));
  }
  figure_next(tr(S::promotions_q_fees), money(r.fees), tr(S::promotions_tip_fees));
  if (r.points_used > 0) {
    figure_next(tr(S::promotions_q_points_used), format_int(r.points_used, language()), tr(S::promotions_tip_points_used));
  }

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_applied));
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("applied", 4, tf)) {
    ImGui::TableSetupColumn(tr(S::promotions_col_promotion), 0, 1.6f);
    ImGui::TableSetupColumn(tr(S::promotions_f_layer), 0, 0.8f);
    ImGui::TableSetupColumn(tr(S::promotions_col_amount), 0, 0.8f);
    ImGui::TableSetupColumn(tr(S::promotions_col_per_line), 0, 2.4f);
    const S tips[] = {S::count_, S::promotions_tip_layer, S::promotions_tip_applied_amount, S::promotions_tip_per_line};
    header_row(4, tips);
    for (const auto& a : r.discounts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a.name.c_str());
      item_tooltip(kind_label(a.kind));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer_label(a.layer));
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(a.amount).c_str());
      if (a.platform_funded) item_tooltip(tr(S::promotions_platform_pays));
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", lines_text(a.lines, in).c_str());
    }
    for (const auto& sd : r.shipping_discounts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(sd.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer_label(Layer::shipping));
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(sd.amount).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", tr(S::promotions_q_shipping));
    }
    ImGui::EndTable();
  }
  if (r.discounts.empty() && r.shipping_discounts.empty()) ImGui::TextDisabled("%s", tr(S::promotions_none_applied));
  for (const auto& g : r.gifts)
    ImGui::BulletText("%s: %s (%s %s)", tr(S::promotions_gift), g.name.empty() ? g.sku.c_str() : g.name.c_str(), tr(S::promotions_gift_cost_is),
                      money(g.cost).c_str());
  if (!r.not_applied.empty() && ImGui::TreeNode("na", tr(S::promotions_q_not_applied_fmt), static_cast<int>(r.not_applied.size()))) {
    for (const auto& n : r.not_applied) {
      ImGui::BulletText("%s", promo_name(q, n.promotion).c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", reason_sentence(n.why, language(), kind_label).c_str());
    }
    ImGui::TreePop();
  }

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_lines));
  if (ImGui::BeginTable("lines", 6, tf)) {
    ImGui::TableSetupColumn(tr(S::col_sku), 0, 1.2f);
    ImGui::TableSetupColumn(tr(S::promotions_col_qty), 0, 0.5f);
    ImGui::TableSetupColumn(tr(S::promotions_col_line_amount), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_line_discount), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_paid), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_paid_unit), 0, 1.0f);
    const S tips[] = {S::count_, S::count_, S::promotions_tip_line_amount, S::promotions_tip_line_discount, S::promotions_tip_line_paid, S::promotions_tip_paid_unit};
    header_row(6, tips);
    for (size_t i = 0; i < in.cart.size() && i < r.line_paid.size(); ++i) {
      const auto& l = in.cart[i];
      Money amount = l.price * l.qty;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.sku.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(l.qty));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(amount).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("-%s", money(amount - r.line_paid[i]).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(r.line_paid[i]).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(l.qty ? div_round(r.line_paid[i], l.qty) : 0).c_str());
    }
    ImGui::EndTable();
  }

  draw_refund(q);

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_best));
  help_marker(tr(S::promotions_tip_best));
  const promo::BestChoice& b = q.best;
  std::string coupons = b.coupons.empty() ? std::string(tr(S::promotions_no_coupon)) : join(b.coupons);
  ImGui::BulletText("%s: %s", tr(S::promotions_q_use_coupons), coupons.c_str());
  ImGui::BulletText("%s: %s", tr(S::promotions_q_use_points), format_int(b.points, language()).c_str());
  ImGui::Bullet();
  figure(tr(S::promotions_q_best_total), money(b.quote.total), tr(S::promotions_tip_best_total));
  Money save = r.total - b.quote.total;
  if (save > 0) {
    ImGui::SameLine();
    ImGui::TextColored(green(), tr(S::promotions_saves_fmt), money(save).c_str());
  } else {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(S::promotions_already_best));
  }
  if (!b.exhaustive) ImGui::TextDisabled("%s", tr(S::promotions_greedy_note));

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(S::promotions_q_offers));
  help_marker(tr(S::promotions_tip_offers));
  if (ImGui::BeginTable("offers", 4, tf)) {
    ImGui::TableSetupColumn(tr(S::col_sku), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_list_price), 0, 0.8f);
    ImGui::TableSetupColumn(tr(S::promotions_col_lowest_one), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::promotions_col_add_on), 0, 3.0f);
    const S tips[] = {S::count_, S::count_, S::promotions_tip_lowest_one, S::promotions_tip_add_on};
    header_row(4, tips);
    for (const auto& o : q.offers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.sku.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(o.list_price).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(o.lowest_unit_price).c_str());
      ImGui::TableNextColumn();
      if (o.add_ons.empty()) ImGui::TextDisabled("—");
      for (const auto& a : o.add_ons) {
        char buf[512];
        std::snprintf(buf, sizeof buf, tr(S::promotions_add_on_fmt), money(a.missing).c_str(), a.name.c_str(), money(a.threshold).c_str());
        std::string t = buf;
        if (!a.suggest_sku.empty()) {
          std::snprintf(buf, sizeof buf, tr(S::promotions_add_on_suggest_fmt), a.suggest_sku.c_str(), money(a.suggest_price).c_str(),
                        money(a.product_unit_price).c_str());
          t += buf;
        }
        ImGui::TextWrapped("%s", t.c_str());
      }
    }
    ImGui::EndTable();
  }
}

void draw_quote_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoQuoteUi& q = *pu.quote;
  if (!q.seeded) seed_quote(q, d, cx.platform);
  recompute_quote(q, d);
  if (ImGui::BeginTable("quote", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("in", 0, 0.8f);
    ImGui::TableSetupColumn("out", 0, 1.4f);
    ImGui::TableNextColumn();
    draw_quote_inputs(cx, pu, q, d);
    ImGui::TableNextColumn();
    if (!q.error.empty()) ImGui::TextColored(red(), "%s", q.error.c_str());
    else if (q.cart.empty()) ImGui::TextDisabled("%s", tr(S::promotions_cart_empty));
    else if (q.has_result) draw_quote_result(cx, pu, q);
    ImGui::EndTable();
  }
}

// ---- loss guard ---------------------------------------------------------------------------------

void start_guard(PromoGuardUi& g, const PromoData& d, const std::string& key) {
  promo::GuardOptions opt;
  opt.floor_bp = d.floor_bp;
  opt.fee_bp = d.fee_bp;
  g.job.start(d.products, live_set(d, g.include_drafts), opt, key);
  g.order.clear();
  g.sorted_count = static_cast<size_t>(-1);
  g.selected = -1;
}

// How far the lowest price is below the floor price (negative: headroom).
std::optional<Money> below_floor(const promo::GuardFinding& f) {
  if (!f.floor_price) return std::nullopt;
  return *f.floor_price - f.lowest_unit_price;
}

void sort_findings(PromoGuardUi& g) {
  if (g.sorted_count == g.job.findings.size()) return;
  g.sorted_count = g.job.findings.size();
  g.order.resize(g.job.findings.size());
  for (size_t i = 0; i < g.order.size(); ++i) g.order[i] = i;
  const auto& f = g.job.findings;
  std::stable_sort(g.order.begin(), g.order.end(), [&](size_t a, size_t b) {
    auto x = below_floor(f[a]), y = below_floor(f[b]);
    if (x.has_value() != y.has_value()) return x.has_value();
    return x && *x > *y;
  });
}

void open_in_quote(PanelContext& cx, PromotionsUi& pu, const promo::GuardFinding& f, bool drafts) {
  PromoQuoteUi& q = *pu.quote;
  q.seeded = true;
  q.cart.clear();
  for (const auto& l : f.cart) {
    QuoteCartRow r;
    r.sku = l.sku;
    r.qty = static_cast<int>(l.qty);
    set_buf(r.price, money_to_decimal(l.price));
    q.cart.push_back(r);
  }
  set_buf(q.moment, format_timestamp(f.at).substr(0, 16));
  set_buf(q.tier, f.customer.tier);
  set_buf(q.group, f.customer.group);
  set_buf(q.channel, f.channel);
  q.orders_before = static_cast<int>(f.customer.orders_before);
  q.points = static_cast<int>(f.points);
  q.coupons_held = std::set<std::string>(f.coupons.begin(), f.coupons.end());
  q.include_drafts = drafts;
  pu.tab_request = 1;
}

void draw_guard_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoGuardUi& g = *pu.guard;
  if (g.settings_revision != d.revision) {
    g.settings_revision = d.revision;
    g.floor_bp = static_cast<int>(d.floor_bp);
    g.fee_bp = static_cast<int>(d.fee_bp);
  }
  std::string key = guard_key(d, g.include_drafts, d.floor_bp, d.fee_bp);

  ImGui::TextWrapped("%s", tr(S::promotions_guard_intro));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_floor_bp));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::BeginDisabled(cx.ws.readonly());
  if (ImGui::InputInt("##floor", &g.floor_bp, 50, 500)) g.floor_bp = std::clamp(g.floor_bp, 0, 9000);
  ImGui::EndDisabled();
  item_tooltip(tr(S::promotions_tip_floor_bp));
  ImGui::SameLine();
  ImGui::TextDisabled("= %s", bp_text(g.floor_bp).c_str());
  ImGui::SameLine(0, 20);
  ImGui::TextUnformatted(tr(S::promotions_fee_bp));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::BeginDisabled(cx.ws.readonly());
  if (ImGui::InputInt("##fee", &g.fee_bp, 50, 500)) g.fee_bp = std::clamp(g.fee_bp, 0, 9000);
  ImGui::EndDisabled();
  item_tooltip(tr(S::promotions_tip_fee_bp));
  ImGui::SameLine();
  ImGui::TextDisabled("= %s", bp_text(g.fee_bp).c_str());
  ImGui::SameLine(0, 20);
  ImGui::Checkbox(tr(S::promotions_include_drafts), &g.include_drafts);
  item_tooltip(tr(S::promotions_tip_guard_drafts));
  // Saved once the seller has finished typing (no widget active), so each keystroke is not a
  // write; the new settings change the guard's key and it runs again.
  if (!ImGui::IsAnyItemActive() && !cx.ws.readonly() && (g.floor_bp != d.floor_bp || g.fee_bp != d.fee_bp)) {
    Status st = cx.ws.write([&](Writer& w) -> Status {
      if (auto r = w.set_setting(kFloorKey, std::to_string(g.floor_bp)); !r) return r;
      return w.set_setting(kFeeKey, std::to_string(g.fee_bp));
    }, Workspace::Touches::records);
    if (!st) {
      cx.report_error(st.error().message);
      g.floor_bp = static_cast<int>(d.floor_bp), g.fee_bp = static_cast<int>(d.fee_bp);
    }
    return;  // the panel reloads the settings next frame
  }

  size_t n = g.job.guard ? g.job.guard->size() : 0;
  if (g.job.running) {
    char ov[64];
    std::snprintf(ov, sizeof ov, "%zu / %zu SKU", g.job.next, n);
    ImGui::ProgressBar(n ? static_cast<float>(g.job.next) / static_cast<float>(n) : 1.0f, ImVec2(ImGui::GetFontSize() * 20, 0), ov);
    ImGui::SameLine();
    if (ImGui::Button(tr(S::cancel))) g.job.cancel();
  } else {
    if (ImGui::Button(tr(S::promotions_run_again))) start_guard(g, d, key);
    ImGui::SameLine();
    if (g.job.cancelled) ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.05f, 1), tr(S::promotions_guard_cancelled_fmt), g.job.next, n);
  }
  int64_t v = g.job.violations();
  int64_t unknown = 0;
  for (const auto& f : g.job.findings) unknown += f.cost ? 0 : 1;
  ImGui::SameLine(0, 20);
  figure(tr(S::promotions_skus_checked), format_int(static_cast<int64_t>(g.job.findings.size()), language()), tr(S::promotions_tip_skus_checked));
  ImVec4 vc = v > 0 ? red() : green();
  figure_next(tr(S::promotions_below_floor_count), format_int(v, language()), tr(S::promotions_tip_below_floor_count), &vc);
  figure_next(tr(S::promotions_unknown_cost), format_int(unknown, language()), tr(S::promotions_tip_unknown_cost));
  if (!g.job.findings.empty()) {
    ImGui::SameLine(0, 20);
    cx.export_buttons("loss-guard", [&] { return promo::guard_findings_table(g.job.findings); });
  }
  if (d.products.empty()) ImGui::TextDisabled("%s", tr(S::no_products));
  bool any_live = std::any_of(d.rows.begin(), d.rows.end(), [&](const promo::StoredPromotion& r) {
    return r.status == "active" || r.status == "scheduled" || (g.include_drafts && r.status == "draft");
  });
  if (!any_live) ImGui::TextDisabled("%s", tr(S::promotions_guard_no_promotions));

  sort_findings(g);
  float details_h = g.selected >= 0 ? ImGui::GetFontSize() * 9 : 0;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("findings", 8, flags, ImVec2(0, -details_h - 4))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(S::col_sku), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::col_title), 0, 2.0f);
    ImGui::TableSetupColumn(tr(S::promotions_col_list_price), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::col_cost), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::promotions_col_floor_price), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::promotions_col_lowest_price), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::promotions_col_below_floor), 0, 0.9f);
    ImGui::TableSetupColumn(tr(S::promotions_col_how), 0, 2.2f);
    const S tips[] = {S::count_, S::count_, S::count_, S::tip_cost, S::promotions_tip_floor_price, S::promotions_tip_lowest_price,
                      S::promotions_tip_below_floor, S::promotions_tip_how};
    header_row(8, tips);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(g.order.size()));
    while (clip.Step()) {
      for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
        size_t i = g.order[static_cast<size_t>(r)];
        const promo::GuardFinding& f = g.job.findings[i];
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(f.sku.c_str(), g.selected == static_cast<int>(i), ImGuiSelectableFlags_SpanAllColumns))
          g.selected = static_cast<int>(i);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(product_title(d, f.sku).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(f.list_price).c_str());
        ImGui::TableNextColumn();
        if (f.cost) ImGui::TextUnformatted(money(*f.cost).c_str());
        else ImGui::TextDisabled("%s", tr(S::unknown));
        ImGui::TableNextColumn();
        if (f.floor_price) ImGui::TextUnformatted(money(*f.floor_price).c_str());
        else ImGui::TextDisabled("—");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(f.lowest_unit_price).c_str());
        ImGui::TableNextColumn();
        auto gap = below_floor(f);
        if (!gap) ImGui::TextDisabled("—");
        else if (*gap > 0) ImGui::TextColored(red(), "%s", money(*gap).c_str());
        else ImGui::TextColored(green(), "%s %s", tr(S::promotions_ok_by), money(-*gap).c_str());
        ImGui::TableNextColumn();
        std::vector<std::string> names;
        for (const auto& id : f.promotions) {
          std::string nm = id;
          for (const auto& row : d.rows)
            if (row.promotion.id == id) nm = row.promotion.name;
          names.push_back(nm);
        }
        ImGui::Text("x%lld  %s", static_cast<long long>(f.qty), join(names, " + ").c_str());
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  if (g.selected >= 0 && static_cast<size_t>(g.selected) < g.job.findings.size()) {
    const promo::GuardFinding& f = g.job.findings[static_cast<size_t>(g.selected)];
    ImGui::BeginChild("detail", ImVec2(0, details_h), true);
    ImGui::Text("%s  %s", f.sku.c_str(), product_title(d, f.sku).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::promotions_open_in_quote))) open_in_quote(cx, pu, f, g.include_drafts);
    std::string cart;
    for (const auto& l : f.cart) cart += (cart.empty() ? "" : " + ") + l.sku + " x" + std::to_string(l.qty) + " @ " + money(l.price);
    ImGui::TextWrapped("%s: %s", tr(S::promotions_q_cart), cart.c_str());
    ImGui::TextWrapped("%s: %s   %s: %s   %s: %s", tr(S::promotions_q_moment), format_timestamp(f.at).substr(0, 16).c_str(),
                       tr(S::promotions_q_use_coupons), f.coupons.empty() ? tr(S::promotions_no_coupon) : join(f.coupons).c_str(), tr(S::promotions_q_use_points),
                       format_int(f.points, language()).c_str());
    std::string buyer;
    if (!f.customer.tier.empty()) buyer += std::string(tr(S::promotions_q_tier)) + " " + f.customer.tier + "  ";
    if (!f.customer.group.empty()) buyer += std::string(tr(S::promotions_q_group)) + " " + f.customer.group + "  ";
    if (!f.channel.empty()) buyer += std::string(tr(S::promotions_q_channel)) + " " + f.channel + "  ";
    buyer += std::string(tr(S::promotions_q_orders_before)) + " " + std::to_string(f.customer.orders_before);
    ImGui::TextWrapped("%s: %s", tr(S::promotions_q_buyer), buyer.c_str());
    ImGui::TextWrapped(tr(S::promotions_line_pays_fmt), money(f.line_paid).c_str(), static_cast<long long>(f.qty), money(f.gift_share).c_str(),
                       money(f.lowest_unit_price).c_str());
    ImGui::EndChild();
  }
}

// ---- calendar and planner -----------------------------------------------------------------------

void load_history(PromoCalendarUi& c, const PanelContext& cx, const PromoData& d) {
  if (c.revision == d.revision) return;
  c.revision = d.revision;
  c.key.clear();
  const Dataset& ds = cx.ws.dataset();
  DayRange data = ds.order_days();
  c.has_data = data.length() > 0;
  c.history.clear();
  if (!c.has_data) return;
  c.last_data_day = data.last;
  Day last = data.last;
  for (const auto& cp : d.campaigns) last = std::max(last, cp.window.last + 14);
  c.history = promo::daily_sales_from_dataset(ds, DayRange{data.first, last});
}

const promo::Campaign* find_campaign(const PromoData& d, const std::string& id) {
  for (const auto& c : d.campaigns)
    if (c.id == id) return &c;
  return nullptr;
}

void recompute_campaign(PromoCalendarUi& c, const PromoData& d) {
  const promo::Campaign* cp = find_campaign(d, c.selected);
  std::string key = std::to_string(d.revision) + "|" + c.selected + "|" + c.uplift + "|" + c.discount + "|" + c.budget;
  if (!cp || key == c.key) return;
  c.key = key;
  c.sim.reset();
  c.eval.reset();
  c.sim_error.clear();
  c.eval_error.clear();
  if (!c.has_data) {
    c.sim_error = tr(S::promotions_no_history);
    return;
  }
  promo::Campaign x = *cp;
  auto up = parse_money(c.uplift), disc = parse_money(c.discount), budget = parse_money(c.budget);
  if (!up || !disc || !budget) {
    c.sim_error = tr(S::promotions_plan_inputs_invalid);
    return;
  }
  x.uplift_bp = *up;
  x.discount_bp = *disc;
  x.budget = *budget;
  // A campaign after the data: its look-back uses the last 4 weeks of data for the missing days.
  auto planned = promo::carry_forward(c.history, c.last_data_day, 4);
  if (auto s = promo::simulate(planned, x)) c.sim = std::move(*s);
  else c.sim_error = s.error().message;
  c.past = cp->window.last <= c.last_data_day;
  if (c.past) {
    c.after_days = std::clamp(c.last_data_day - cp->window.last, 0, 14);
    promo::Campaign actual = *cp;  // judged with its recorded budget
    std::vector<promo::DailySales> upto;
    for (const auto& s : c.history)
      if (s.day <= c.last_data_day) upto.push_back(s);
    if (auto e = promo::evaluate_campaign(upto, actual, 4, c.after_days)) c.eval = std::move(*e);
    else c.eval_error = e.error().message;
  }
}

void select_campaign(PromoCalendarUi& c, const promo::Campaign& cp) {
  c.selected = cp.id;
  if (c.inputs_for != cp.id) {
    c.inputs_for = cp.id;
    set_buf(c.uplift, pct_text(cp.uplift_bp));
    set_buf(c.budget, money_to_decimal(cp.budget));
  }
}

void draw_month(PromoCalendarUi& c, const PromoData& d) {
  Lang lang = language();
  if (ImGui::ArrowButton("prev", ImGuiDir_Left)) {
    if (--c.month < 1) c.month = 12, --c.year;
  }
  ImGui::SameLine();
  char title_buf[64];
  std::snprintf(title_buf, sizeof title_buf, zh() ? "%d年%d月" : "%d-%02d", c.year, c.month);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title_buf);
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right)) {
    if (++c.month > 12) c.month = 1, ++c.year;
  }
  Day first = days_from_civil(c.year, c.month, 1);
  Day last = first + days_in_month(c.year, c.month) - 1;
  auto fests = promo::festivals_between(DayRange{first, last});
  const S wd[] = {S::promotions_wd_mon, S::promotions_wd_tue, S::promotions_wd_wed, S::promotions_wd_thu, S::promotions_wd_fri, S::promotions_wd_sat, S::promotions_wd_sun};
  if (!ImGui::BeginTable("month", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) return;
  for (S s : wd) ImGui::TableSetupColumn(tr(s));
  ImGui::TableHeadersRow();
  Day start = first - weekday(first);
  float cell_h = ImGui::GetTextLineHeightWithSpacing() * 3.6f;
  for (Day w = start; w <= last; w += 7) {
    ImGui::TableNextRow(0, cell_h);
    for (Day dd = w; dd < w + 7; ++dd) {
      ImGui::TableNextColumn();
      if (dd < first || dd > last) continue;
      ImGui::PushID(dd);
      ImGui::TextDisabled("%d", civil_from_days(dd).d);
      for (size_t i = 0; i < fests.size(); ++i) {
        const auto& f = fests[i];
        if (!f.window.contains(dd)) continue;
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(static_cast<int>(i) + 2)), dd == f.day ? "● %s" : "%s",
                           zh() ? f.name_zh.c_str() : f.name_en.c_str());
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          ImGui::Text("%s / %s", f.name_zh.c_str(), f.name_en.c_str());
          ImGui::Text("%s: %s", tr(S::promotions_peak_day), format_date(f.day, lang).c_str());
          ImGui::Text("%s: %s – %s", tr(S::promotions_suggested_window), format_date(f.window.first, lang).c_str(),
                      format_date(f.window.last, lang).c_str());
          ImGui::EndTooltip();
        }
      }
      for (const auto& cp : d.campaigns) {
        if (!cp.window.contains(dd)) continue;
        bool sel = cp.id == c.selected;
        ImGui::PushID(cp.id.c_str());
        if (ImGui::Selectable(cp.name.c_str(), sel)) select_campaign(c, cp);
        ImGui::PopID();
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void draw_plan(PromoCalendarUi& c, const PromoData& d) {
  Lang lang = language();
  const promo::Campaign* cp = find_campaign(d, c.selected);
  ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  ImGui::TextUnformatted(tr(S::promotions_campaigns));
  if (d.campaigns.empty()) ImGui::TextDisabled("%s", tr(S::promotions_no_campaigns));
  else if (ImGui::BeginTable("camps", 4, tf, ImVec2(0, ImGui::GetFontSize() * 8))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(S::promotions_f_name), 0, 1.6f);
    ImGui::TableSetupColumn(tr(S::promotions_col_window), 0, 1.6f);
    ImGui::TableSetupColumn(tr(S::promotions_col_budget), 0, 0.8f);
    ImGui::TableSetupColumn(tr(S::promotions_col_target), 0, 0.8f);
    const S tips[] = {S::count_, S::count_, S::promotions_tip_budget, S::promotions_tip_target};
    header_row(4, tips);
    int sel = -1;
    for (size_t i = 0; i < d.campaigns.size(); ++i)
      if (d.campaigns[i].id == c.selected) sel = static_cast<int>(i);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(d.campaigns.size()));
    if (c.scroll_to_selected && sel >= 0) clip.ForceDisplayRangeByIndices(sel, sel + 1);
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const auto& x = d.campaigns[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (c.scroll_to_selected && i == sel) {
          ImGui::SetScrollHereY(0.5f);
          c.scroll_to_selected = false;
        }
        if (ImGui::Selectable(x.name.c_str(), x.id == c.selected, ImGuiSelectableFlags_SpanAllColumns)) {
          select_campaign(c, x);
          Ymd y = civil_from_days(x.window.first);
          c.year = y.y;
          c.month = y.m;
        }
        ImGui::TableNextColumn();
        ImGui::Text("%s – %s", format_date_short(x.window.first, lang).c_str(), format_date(x.window.last, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money_compact(x.budget, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(x.target_sales ? format_money_compact(x.target_sales, lang).c_str() : "—");
        ImGui::PopID();
      }
    ImGui::EndTable();
  }
  if (!cp) return;
  recompute_campaign(c, d);
  ImGui::Separator();
  ImGui::Text("%s  (%s – %s)", cp->name.c_str(), format_date(cp->window.first, lang).c_str(), format_date(cp->window.last, lang).c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(S::promotions_uplift_pct));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputText("##up", c.uplift, sizeof c.uplift);
  item_tooltip(tr(S::promotions_tip_uplift));
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(S::promotions_discount_pct));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputText("##disc", c.discount, sizeof c.discount);
  item_tooltip(tr(S::promotions_tip_discount_pct));
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(S::promotions_col_budget));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputText("##budget", c.budget, sizeof c.budget);
  item_tooltip(tr(S::promotions_tip_budget));
  if (!c.sim_error.empty()) ImGui::TextColored(red(), "%s", c.sim_error.c_str());
  if (c.sim) {
    const promo::Simulation& s = *c.sim;
    ImGui::TextDisabled("%s", tr(S::promotions_simulation));
    help_marker(tr(S::promotions_tip_simulation));
    figure(tr(S::promotions_baseline_sales), money(s.baseline_sales), tr(S::promotions_tip_baseline_sales));
    figure_next(tr(S::promotions_projected_sales), money(s.sales), tr(S::promotions_tip_projected_sales));
    figure_next(tr(S::promotions_discount_cost), money(s.discount_cost), tr(S::promotions_tip_discount_cost));
    ImVec4 pc = s.incremental_profit < 0 ? red() : green();
    figure(tr(S::promotions_profit_after_budget), money(s.profit), tr(S::promotions_tip_profit_after_budget));
    figure_next(tr(S::promotions_incremental_profit), money(s.incremental_profit), tr(S::promotions_tip_incremental_profit), &pc);
    figure_next(tr(S::promotions_break_even_uplift), s.break_even_uplift_bp ? bp_text(*s.break_even_uplift_bp) : std::string(tr(S::promotions_none_exists)),
           tr(S::promotions_tip_break_even));
    if (cp->target_sales > 0) {
      ImVec4 tc = s.meets_target ? green() : red();
      figure(tr(S::promotions_col_target), std::string(money(cp->target_sales)) + "  " + (s.meets_target ? tr(S::promotions_target_met) : tr(S::promotions_target_missed)),
             tr(S::promotions_tip_target), &tc);
    }
    std::vector<Day> x;
    LineSeries base, proj;
    base.label = tr(S::promotions_baseline_sales);
    base.color = IM_COL32(120, 120, 140, 255);
    base.dashed = true;
    proj.label = tr(S::promotions_projected_sales);
    for (const auto& dp : s.days) {
      x.push_back(dp.day);
      base.y.push_back(static_cast<double>(dp.baseline_sales));
      proj.y.push_back(static_cast<double>(dp.sales));
    }
    line_chart("sim", ImVec2(0, ImGui::GetFontSize() * 8), x, {proj, base},
               [](double v) { return format_money_compact(static_cast<Money>(std::llround(v)), language()); }, lang);
  }
  if (c.past) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(S::promotions_evaluation));
    help_marker(tr(S::promotions_tip_evaluation));
    if (!c.eval_error.empty()) ImGui::TextColored(red(), "%s", c.eval_error.c_str());
    if (c.eval) {
      const promo::Evaluation& e = *c.eval;
      figure(tr(S::promotions_actual_sales), money(e.sales), tr(S::promotions_tip_actual_sales));
      figure_next(tr(S::promotions_baseline_sales), money(e.baseline_sales), tr(S::promotions_tip_baseline_sales));
      ImVec4 lc = e.sales_lift_bp < 0 ? red() : green();
      figure_next(tr(S::promotions_sales_lift), format_change(static_cast<double>(e.sales_lift_bp) / 10000.0), tr(S::promotions_tip_sales_lift), &lc);
      figure(tr(S::promotions_actual_profit), money(e.profit), tr(S::promotions_tip_actual_profit));
      figure_next(tr(S::promotions_baseline_profit), money(e.baseline_profit), tr(S::promotions_tip_baseline_profit));
      figure_next(tr(S::promotions_discount_cost), money(e.discount_cost), tr(S::promotions_tip_discount_given));
      ImVec4 ic = e.incremental_profit < 0 ? red() : green();
      figure(tr(S::promotions_incremental_profit), money(e.incremental_profit), tr(S::promotions_tip_eval_incremental), &ic);
      figure_next(tr(S::promotions_roi), e.roi_bp ? format_change(static_cast<double>(*e.roi_bp) / 10000.0) : std::string("—"), tr(S::promotions_tip_roi));
      char nc[64];
      std::snprintf(nc, sizeof nc, "%lld (%+lld)", static_cast<long long>(e.new_customers), static_cast<long long>(e.new_customers_gained));
      figure_next(tr(S::promotions_new_customers), nc, tr(S::promotions_tip_new_customers));
      if (c.after_days > 0) {
        char lbl[96];
        std::snprintf(lbl, sizeof lbl, tr(S::promotions_after_fmt), c.after_days);
        ImVec4 ac = e.after_lift_bp < 0 ? red() : green();
        figure(lbl, format_change(static_cast<double>(e.after_lift_bp) / 10000.0) + "  (" + money(e.after_sales) + " / " +
                        money(e.after_baseline_sales) + ")",
               tr(S::promotions_tip_after), &ac);
      } else {
        ImGui::TextDisabled("%s", tr(S::promotions_no_after_days));
      }
    }
  }
}

void draw_calendar_tab(PanelContext& cx, PromotionsUi& pu) {
  const PromoData& d = *pu.data;
  PromoCalendarUi& c = *pu.calendar;
  load_history(c, cx, d);
  Day anchor = c.has_data ? c.last_data_day : cx.platform.today();
  if (c.year == 0) {
    // Open on the next campaign after the data (what is being planned), else the month of the data's end.
    const promo::Campaign* next = nullptr;
    for (const auto& x : d.campaigns)
      if (x.window.last > anchor && (!next || x.window.first < next->window.first)) next = &x;
    if (!next && !d.campaigns.empty()) next = &d.campaigns.back();
    Ymd y = civil_from_days(next ? next->window.first : anchor);
    c.year = y.y;
    c.month = y.m;
    if (next) select_campaign(c, *next);
    c.scroll_to_selected = true;
  }
  if (ImGui::BeginTable("cal", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("m", 0, 1.15f);
    ImGui::TableSetupColumn("p", 0, 1.0f);
    ImGui::TableNextColumn();
    draw_month(c, d);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr(S::promotions_calendar_note));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    draw_plan(c, d);
    ImGui::EndTable();
  }
}

}  // namespace

void promo_editor_load(PromoEditor& editor, const promo::Promotion& p, const std::string& status) {
  load_editor(editor, p, status, false);
}
void promo_editor_build(PromoEditor& editor, const PromoData& data) { build_from_editor(editor, data); }
void promo_editor_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& editor) { start_save(cx, pu, editor, *pu.data); }

void draw_promotions_panel(PanelContext& cx, PromotionsUi& pu) {
  load_data(cx, pu);
  ensure_texts(*pu.data);
  if (!pu.editor) pu.editor = std::make_shared<PromoEditor>();
  if (!pu.quote) pu.quote = std::make_shared<PromoQuoteUi>();
  if (!pu.guard) pu.guard = std::make_shared<PromoGuardUi>();
  if (!pu.calendar) pu.calendar = std::make_shared<PromoCalendarUi>();
  // The loss guard runs whenever its inputs change, a slice per frame, whichever tab is shown,
  // so the list can say how many SKUs the live promotions push below the floor.
  {
    PromoGuardUi& g = *pu.guard;
    const PromoData& d = *pu.data;
    std::string key = guard_key(d, g.include_drafts, d.floor_bp, d.fee_bp);
    if (g.job.key != key && !g.job.running) start_guard(g, d, key);
    if (g.job.running) g.job.step(kGuardSlice);
  }

  // The light theme's white input frames vanish on the white panel: a grey frame makes the
  // editor's empty fields and check boxes visible.
  if (!cx.dark()) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.92f, 0.92f, 0.94f, 1));
  title(tr(S::nav_promotions));
  if (ImGui::CollapsingHeader(tr(S::promotions_how_stacking))) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr(S::promotions_stacking_rules));
    ImGui::PopTextWrapPos();
  }
  int req = pu.tab_request;
  pu.tab_request = -1;
  auto flags = [&](int i) { return req == i ? ImGuiTabItemFlags_SetSelected : 0; };
  if (ImGui::BeginTabBar("promo_tabs")) {
    if (ImGui::BeginTabItem(tr(S::promotions_tab_promotions), nullptr, flags(0))) {
      draw_list_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(S::promotions_tab_quote), nullptr, flags(1))) {
      draw_quote_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(S::promotions_tab_guard), nullptr, flags(2))) {
      draw_guard_tab(cx, pu);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(S::promotions_tab_calendar), nullptr, flags(3))) {
      draw_calendar_tab(cx, pu);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (!cx.dark()) ImGui::PopStyleColor();
}

}  // namespace shopkeeper::ui
