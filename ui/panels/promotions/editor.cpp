// Promotions panel, editor: a promotion's fields as text buffers and back (money parsed exactly),
// validation against the other promotions, and saving (drafts at once; going live only after
// the loss guard over the live set, run in slices, finds nothing).
#include "ui/panels/promotions/shared.h"

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
#include "ui/widgets/date_field.h"
#include "ui/widgets/list_edit.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::promo_panel {

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

// A moment as the editor shows it: minutes, and seconds only when the stored moment has them
// (so an unchanged field reads back the same moment).
std::string time_text(Timestamp t) {
  std::string s = format_timestamp(t);
  return s.size() >= 19 && s.compare(16, 3, ":00") == 0 ? s.substr(0, 16) : s;
}

void load_editor(PromoEditor& e, const promo::Promotion& p, const std::string& status, bool is_new) {
  e = PromoEditor{};
  e.open = true;
  e.base = p;
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
  if (c.starts_at) e.starts = time_text(*c.starts_at);
  if (c.ends_at) e.ends = time_text(*c.ends_at);
  e.skus = p.scope.skus;
  e.categories = p.scope.categories;
  e.tags = p.scope.tags;
  e.exclude = p.scope.exclude_skus;
  e.channels = c.channels;
  e.groups = c.groups;
  e.buyer_tiers = c.tiers;
  e.segments = c.segments;
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
// Long on purpose (over ~120 lines): every field of the editor parsed back into a Promotion, one short
// block per field, each naming its own error.
void build_from_editor(PromoEditor& e, const PromoData& d) {
  e.parse_errors.clear();
  promo::Promotion p = e.base;  // what the editor does not show stays as loaded
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
  auto money_opt = [&](const std::string& text, S field) -> std::optional<Money> {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    auto r = parse_money(t);
    if (!r) {
      fail(field, t);
      return std::nullopt;
    }
    return *r;
  };
  auto money_req = [&](const std::string& text, S field) -> Money { return money_opt(text, field).value_or(0); };
  auto int_opt = [&](const std::string& text, S field) -> std::optional<int64_t> {
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
  auto pct = [&](const std::string& text, S field) -> int64_t { return money_opt(text, field).value_or(0); };
  auto time_opt = [&](const std::string& text, S field) -> std::optional<Timestamp> {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    auto r = parse_timestamp(t);
    if (!r) {
      fail(field, t);
      return std::nullopt;
    }
    return *r;
  };
  p.scope.skus = e.skus;
  p.scope.categories = e.categories;
  p.scope.tags = e.tags;
  p.scope.exclude_skus = e.exclude;
  promo::Conditions& c = p.conditions;
  c.starts_at = time_opt(e.starts, S::promotions_f_starts);
  c.ends_at = time_opt(e.ends, S::promotions_f_ends);
  c.channels = e.channels;
  c.groups = e.groups;
  c.tiers = e.buyer_tiers;
  c.segments = e.segments;
  c.first_order = e.first_order;
  c.nth_order = int_opt(e.nth_order, S::promotions_f_nth_order);
  c.min_amount = money_opt(e.min_amount, S::promotions_f_min_amount);
  c.min_qty = int_opt(e.min_qty, S::promotions_f_min_qty);
  c.total_limit = int_opt(e.total_limit, S::promotions_f_total_limit);
  c.redeemed = int_opt(e.redeemed, S::promotions_f_redeemed).value_or(0);
  c.per_customer_limit = int_opt(e.per_customer_limit, S::promotions_f_per_customer_limit);
  promo::Params& q = p.params;
  switch (p.kind) {  // each kind sets the fields it shows; the others keep their loaded values
    case Kind::threshold_tiers:
      q.tiers.clear();
      for (const auto& t : e.tiers) q.tiers.push_back({money_req(t.a, S::promotions_f_threshold), money_req(t.b, S::promotions_f_amount_off), 0});
      break;
    case Kind::quantity_tiers:
      q.tiers.clear();
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
      q.bundle.clear();
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
        q.amount = 0;
      } else {
        q.amount = money_req(e.amount, S::promotions_f_amount_off);
        q.bp = 0, q.cap = 0;
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
      } else {
        q.amount = 0, q.bp = 0;
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
    if (i.promotion == p.id || (i.code == promo::Check::flash_overlap && i.message.find("\"" + p.name + "\"") != std::string::npos))
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

void text_field(PromoEditor& e, S label, std::string& buf, S tip, float width_em = 10.0f) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(label));
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * width_em);
  ImGui::PushID(static_cast<int>(label));
  changed(e, input_text("##f", buf));
  ImGui::PopID();
  if (tip != S::count_) item_tooltip(tr(tip));
}

// A moment ("YYYY-MM-DD HH:MM"), typed or picked on the calendar beside it.
void moment_field(PromoEditor& e, S label, std::string& text, S tip, Day today) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(label));
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::PushID(static_cast<int>(label));
  changed(e, date_field("##t", text, ImGui::GetFontSize() * 10.5f, true, today));
  ImGui::PopID();
  item_tooltip(tr(tip));
}

// A list of the scope or the conditions, edited as a list (chips, add by typing or pasting, a
// picker over what the store knows).
void list_field(PromoEditor& e, S label, std::vector<std::string>& items, ListEditState& st, const ListChoices* choices) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(label));
  item_tooltip(tr(S::promotions_tip_list));
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::PushID(static_cast<int>(label));
  float w = std::max(ImGui::GetFontSize() * 12.0f, ImGui::GetContentRegionAvail().x);
  changed(e, list_edit("##l", items, st, w, choices && choices->values && !choices->values->empty() ? choices : nullptr));
  ImGui::PopID();
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
      changed(e, input_text("##a", e.tiers[i].a));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
      changed(e, input_text("##b", e.tiers[i].b));
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
    cx.report_error(st.error());
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
                 return i.code == promo::Check::duplicate_id || i.code == promo::Check::missing_id;
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
    cx.keep_drawing = true;  // the next slice at once, not at the idle app's 250 ms redraw
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
    if (progress_with_cancel(n ? static_cast<float>(e.check.next) / static_cast<float>(n) : 1.0f, -1, nullptr, false)) {
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

// Long on purpose (over ~120 lines): the editor form as one ImGui layout (kind, ids, scope, window,
// parameters through draw_params, buttons), top to bottom.
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
          e.id = keep.id;
          if (!keep.name.empty()) e.name = keep.name;
          if (!keep.starts.empty() || !keep.ends.empty() || !t.conditions.starts_at) {
            e.starts = keep.starts;
            e.ends = keep.ends;
          }
          if (!keep.skus.empty() || !keep.categories.empty() || !keep.tags.empty()) {
            e.skus = keep.skus;
            e.categories = keep.categories;
            e.tags = keep.tags;
          }
          e.exclude = keep.exclude;
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
    moment_field(e, S::promotions_f_starts, e.starts, S::promotions_tip_time, cx.platform.today());
    moment_field(e, S::promotions_f_ends, e.ends, S::promotions_tip_time_end, cx.platform.today());
    if (static_cast<Kind>(e.kind) == Kind::coupon || !e.coupon_code.empty())
      text_field(e, S::promotions_f_coupon_code, e.coupon_code, S::promotions_tip_coupon_code, 8);

    if (ImGui::CollapsingHeader(stable_label(S::promotions_h_params).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) draw_params(e);
    if (ImGui::CollapsingHeader(stable_label(S::promotions_h_scope).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
      ListChoices skus{&d.skus, &d.titles}, cats{&d.categories, nullptr}, tags{&d.tags, nullptr};
      list_field(e, S::promotions_f_skus, e.skus, e.skus_edit, &skus);
      list_field(e, S::promotions_f_categories, e.categories, e.categories_edit, &cats);
      list_field(e, S::promotions_f_tags, e.tags, e.tags_edit, &tags);
      list_field(e, S::promotions_f_exclude, e.exclude, e.exclude_edit, &skus);
    }
    if (ImGui::CollapsingHeader(stable_label(S::promotions_h_conditions).c_str())) {
      text_field(e, S::promotions_f_min_amount, e.min_amount, S::promotions_tip_min_amount, 7);
      text_field(e, S::promotions_f_min_qty, e.min_qty, S::promotions_tip_min_qty, 5);
      ListChoices channels{&d.channels, nullptr}, tiers{&d.tiers, nullptr};
      list_field(e, S::promotions_f_channels, e.channels, e.channels_edit, &channels);
      list_field(e, S::promotions_f_groups, e.groups, e.groups_edit, nullptr);
      list_field(e, S::promotions_f_buyer_tiers, e.buyer_tiers, e.buyer_tiers_edit, &tiers);
      ListChoices segments{&d.segment_ids, &d.segment_names};
      list_field(e, S::promotions_f_segments, e.segments, e.segments_edit, &segments);
      item_tooltip(tr(S::promotions_tip_segments));
      changed(e, ImGui::Checkbox(tr(S::promotions_f_first_order), &e.first_order));
      text_field(e, S::promotions_f_nth_order, e.nth_order, S::promotions_tip_nth_order, 4);
      text_field(e, S::promotions_f_total_limit, e.total_limit, S::promotions_tip_total_limit, 6);
      text_field(e, S::promotions_f_redeemed, e.redeemed, S::promotions_tip_redeemed, 6);
      text_field(e, S::promotions_f_per_customer_limit, e.per_customer_limit, S::promotions_tip_per_customer_limit, 6);
    }

    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", tr(S::promotions_what_it_does));
    if (e.built) {
      text_wrapped("%s", describe(*e.built).c_str());
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
          if (!st) cx.report_error(st.error());
          e.open = false;
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(S::cancel))) e.confirm_delete = false;
      }
      ImGui::SameLine();
    }
    ImGui::EndDisabled();
    if (ImGui::Button(tr(S::promotions_close))) e.open = false;
    if (!e.message.empty()) text_wrapped("%s", e.message.c_str());
    ImGui::EndTable();
  }
  draw_save_check(cx, pu, e);
  ImGui::PopID();
}

}  // namespace shopkeeper::ui::promo_panel
