// The promotions panel's shared parts: the loss-guard job (a slice of SKUs per frame), the words
// for kinds, layers, statuses and validation issues, the figure widgets, and the store data the
// panel loads once per revision.
#include "ui/panels/promotions/shared.h"

#include "ui/widgets/list_edit.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <set>

#include "core/model/entities.h"
#include "core/promotions/history.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/reasons.h"
#include "ui/section.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

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

}  // namespace shopkeeper::ui

namespace shopkeeper::ui::promo_panel {

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// A comma list typed by a seller: "," "，" and "、" all separate.
std::vector<std::string> split_list(const std::string& text) { return split_list_text(text); }

std::string join(const std::vector<std::string>& v, const char* sep) {
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
  std::string b;
  std::string out;
  switch (p.kind) {
    case Kind::threshold_tiers:
      for (const auto& t : q.tiers) {
        b = strf(tr(S::promotions_d_spend_off), m(t.threshold).c_str(), m(t.amount).c_str());
        out += (out.empty() ? "" : " / ") + std::string(b);
      }
      return out;
    case Kind::quantity_tiers:
      for (const auto& t : q.tiers) {
        b = strf(tr(S::promotions_d_units_pct), static_cast<long long>(t.threshold), pct_text(t.bp).c_str());
        out += (out.empty() ? "" : " / ") + std::string(b);
      }
      return out;
    case Kind::per_each:
      b = strf(tr(S::promotions_d_per_each), m(q.threshold).c_str(), m(q.amount).c_str());
      out = b;
      if (q.cap > 0) {
        b = strf(tr(S::promotions_d_cap), m(q.cap).c_str());
        out += b;
      }
      return out;
    case Kind::percent_off: b = strf(tr(S::promotions_d_pct_off), pct_text(q.bp).c_str()); return b;
    case Kind::amount_off_each: b = strf(tr(S::promotions_d_amount_each), m(q.amount).c_str()); return b;
    case Kind::flash_price: b = strf(tr(S::promotions_d_flash), m(q.price).c_str()); return b;
    case Kind::nth_item:
      b = strf(tr(S::promotions_d_nth), static_cast<long long>(q.n), pct_text(q.bp).c_str());
      return b;
    case Kind::buy_x_get_y:
      b = strf(tr(S::promotions_d_bxgy), static_cast<long long>(q.buy), static_cast<long long>(q.get),
                    pct_text(q.bp).c_str());
      return b;
    case Kind::bundle_price: {
      std::vector<std::string> items;
      for (const auto& it : q.bundle) items.push_back(it.sku + " x" + std::to_string(it.qty));
      b = strf(tr(S::promotions_d_bundle), join(items, " + ").c_str(), m(q.price).c_str());
      return b;
    }
    case Kind::gift:
      b = strf(tr(S::promotions_d_gift), m(q.threshold).c_str(),
                    (q.gift_name.empty() ? q.gift_sku : q.gift_name).c_str());
      return b;
    case Kind::coupon:
      if (q.bp > 0) b = strf(tr(S::promotions_d_coupon_pct), m(q.threshold).c_str(), pct_text(q.bp).c_str());
      else if (q.threshold > 0) b = strf(tr(S::promotions_d_spend_off), m(q.threshold).c_str(), m(q.amount).c_str());
      else b = strf(tr(S::promotions_d_no_threshold), m(q.amount).c_str());
      return std::string(b) + " [" + p.coupon_code + "]";
    case Kind::points:
      b = strf(tr(S::promotions_d_points), static_cast<long long>(q.points_per_unit), pct_text(q.max_share_bp).c_str());
      return b;
    case Kind::deposit_presale:
      b = strf(tr(S::promotions_d_deposit), m(q.deposit).c_str(), m(q.deduct).c_str());
      return b;
    case Kind::shipping:
      if (q.free_shipping) b = strf(tr(S::promotions_d_free_ship), m(q.threshold).c_str());
      else if (q.bp > 0) b = strf(tr(S::promotions_d_ship_pct), pct_text(q.bp).c_str());
      else b = strf(tr(S::promotions_d_ship_amount), m(q.amount).c_str());
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

// Validation messages: English as the core words them (with the promotion's figures), Chinese by
// code. No default: a new check without its Chinese words is a -Wswitch warning here.
const char* issue_text(const promo::ValidationIssue& i) {
  if (!zh()) return i.message.c_str();
  using promo::Check;
  switch (i.code) {
    case Check::none: return "";
    case Check::missing_id: return tr(S::promotions_vi_missing_id);
    case Check::duplicate_id: return tr(S::promotions_vi_duplicate_id);
    case Check::missing_name: return tr(S::promotions_vi_missing_name);
    case Check::window_inverted: return tr(S::promotions_vi_window_inverted);
    case Check::exclusive_and_stackable: return tr(S::promotions_vi_exclusive_and_stackable);
    case Check::bad_nth_order: return tr(S::promotions_vi_bad_nth_order);
    case Check::first_and_nth: return tr(S::promotions_vi_first_and_nth);
    case Check::negative: return tr(S::promotions_vi_negative);
    case Check::coupon_without_code: return tr(S::promotions_vi_coupon_without_code);
    case Check::duplicate_code: return tr(S::promotions_vi_duplicate_code);
    case Check::no_uses: return tr(S::promotions_vi_no_uses);
    case Check::bad_cap: return tr(S::promotions_vi_bad_cap);
    case Check::cap_not_supported: return tr(S::promotions_vi_cap_not_supported);
    case Check::budget_spent: return tr(S::promotions_vi_budget_spent);
    case Check::compounding_and_exclusive: return tr(S::promotions_vi_compounding_and_exclusive);
    case Check::compounding_not_stackable: return tr(S::promotions_vi_compounding_not_stackable);
    case Check::condition_scope_empty: return tr(S::promotions_vi_condition_scope_empty);
    case Check::shipping_in_shipping: return tr(S::promotions_vi_shipping_in_shipping);
    case Check::no_discount: return tr(S::promotions_vi_no_discount);
    case Check::discount_not_below_threshold: return tr(S::promotions_vi_discount_not_below_threshold);
    case Check::tier_not_rising: return tr(S::promotions_vi_tier_not_rising);
    case Check::tier_discount_not_rising: return tr(S::promotions_vi_tier_discount_not_rising);
    case Check::bad_quantity: return tr(S::promotions_vi_bad_quantity);
    case Check::percent_range: return tr(S::promotions_vi_percent_range);
    case Check::bad_step: return tr(S::promotions_vi_bad_step);
    case Check::cap_below_amount: return tr(S::promotions_vi_cap_below_amount);
    case Check::bad_n: return tr(S::promotions_vi_bad_n);
    case Check::bad_counts: return tr(S::promotions_vi_bad_counts);
    case Check::price_not_positive: return tr(S::promotions_vi_price_not_positive);
    case Check::flash_without_window: return tr(S::promotions_vi_flash_without_window);
    case Check::flash_whole_shop: return tr(S::promotions_vi_flash_whole_shop);
    case Check::bundle_too_small: return tr(S::promotions_vi_bundle_too_small);
    case Check::gift_missing: return tr(S::promotions_vi_gift_missing);
    case Check::gift_cost_missing: return tr(S::promotions_vi_gift_cost_missing);
    case Check::coupon_not_below_threshold: return tr(S::promotions_vi_coupon_not_below_threshold);
    case Check::bad_rate: return tr(S::promotions_vi_bad_rate);
    case Check::no_deposit: return tr(S::promotions_vi_no_deposit);
    case Check::deduct_below_deposit: return tr(S::promotions_vi_deduct_below_deposit);
    case Check::wrong_layer: return tr(S::promotions_vi_wrong_layer);
    case Check::flash_overlap: return tr(S::promotions_vi_flash_overlap);
    case Check::count_: return "";
  }
  return "";
}

void show_issue(const promo::ValidationIssue& i) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.35f, 0.05f, 1));
  ImGui::Bullet();
  text_wrapped("%s", issue_text(i));
  ImGui::PopStyleColor();
  tooltip_target();
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    // The field's path (params.tiers[1].threshold) is the spec's own name: shown in English only.
    if (!zh()) ImGui::Text("%s: %s", tr(S::promotions_field), i.field.c_str());
    else ImGui::TextUnformatted(tr(S::promotions_vi_fix_hint));
    ImGui::EndTooltip();
  }
}

// A label with a value and the value's definition as a tooltip.
void figure(const char* label, const std::string& value, const char* tip, ImVec4* color) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine();
  if (color) ImGui::TextColored(*color, "%s", value.c_str());
  else ImGui::TextUnformatted(value.c_str());
  if (tip) item_tooltip(tip);
}

// The next figure on the same line when it fits in the column, else on a new line.
void figure_next(const char* label, const std::string& value, const char* tip, ImVec4* color) {
  float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  float w = ImGui::CalcTextSize(label).x + ImGui::CalcTextSize(value.c_str()).x + ImGui::GetStyle().ItemSpacing.x + 16.0f;
  if (ImGui::GetItemRectMax().x + w <= right) ImGui::SameLine(0, 16);
  figure(label, value, tip, color);
}


std::vector<promo::Promotion> live_set(const PromoData& d, bool include_drafts, const std::string& skip_id) {
  std::vector<promo::Promotion> out;
  for (const auto& r : d.rows) {
    if (r.promotion.id == skip_id) continue;
    if (r.status == "active" || r.status == "scheduled" || (include_drafts && r.status == "draft"))
      out.push_back(r.promotion);
  }
  promo::apply_usage(out, d.usage);
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
  else d.error = error_text(r.error(), language());
  if (auto r = cx.ws.promotion_usage()) d.usage = std::move(*r);
  else d.error = error_text(r.error(), language());
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
  else d.error = error_text(r.error(), language());
  if (auto r = cx.ws.campaigns()) d.campaigns = std::move(*r);
  else d.error = error_text(r.error(), language());
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
  // Saved Members segments for the segment condition; a store without them offers none.
  if (auto r = cx.ws.member_segments())
    for (const auto& s : *r) {
      d.segment_ids.push_back(s.id);
      d.segment_names.push_back(s.name);
    }
  // What the scope lists' pickers offer: every SKU (with its title), category and tag.
  std::set<std::string> cats, tags;
  for (const auto& g : d.products) {
    d.skus.push_back(g.sku);
    if (!g.category.empty()) cats.insert(g.category);
    tags.insert(g.tags.begin(), g.tags.end());
  }
  d.categories.assign(cats.begin(), cats.end());
  d.tags.assign(tags.begin(), tags.end());
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

}  // namespace shopkeeper::ui::promo_panel
