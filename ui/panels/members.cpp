// Members section: the tabs, the per-revision cache, the customers list (ImGuiListClipper,
// search, filters, sort) and one customer's profile. The other tabs are in
// ui/panels/members_figures.cpp. Figures from core/members (docs/members.md); words from
// ui/i18n/strings_members.h.
#include "ui/panels/members.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/model/entities.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/panels/members_internal.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

using namespace shopkeeper::members;

void recompute(PanelContext& cx, MembersUi& ui) {
  if (ui.cache && ui.cached_revision == cx.ws.revision()) return;
  auto c = std::make_shared<MembersCache>();
  const Dataset& ds = cx.ws.dataset();
  ui.cached_revision = cx.ws.revision();
  ui.cache = c;
  ui.view_key.clear();
  ui.flow_cached_days = -1;
  ui.selected = -1;
  auto t = cx.ws.members_tables();
  if (!t) {
    c->error = error_text(t.error(), language());
    return;
  }
  c->tables = std::move(*t);
  auto table = member_table(ds, c->tables.programme, c->tables.tag_rules, c->tables.tag_inputs);
  if (!table) {
    c->error = error_text(table.error(), language());
    return;
  }
  c->t = std::move(*table);
  // Read once into the table (tags, birth months): not kept twice.
  decltype(c->tables.tag_inputs.manual)().swap(c->tables.tag_inputs.manual);  // freed (assigning {} would keep the capacity)
  decltype(c->tables.tag_inputs.birthdays)().swap(c->tables.tag_inputs.birthdays);  // freed (assigning {} would keep the capacity)
  decltype(c->tables.programme.birthdays)().swap(c->tables.programme.birthdays);  // freed (assigning {} would keep the capacity)
  if (c->t.customers == 0) return;
  const TagTable& tags = c->t.tags;
  c->tag_names = tags.names;
  std::sort(c->tag_names.begin(), c->tag_names.end());
  c->tag_counts.assign(c->tag_names.size(), 0);
  for (auto id : tags.ids) {
    const std::string& s = tags.names[id];
    c->tag_counts[static_cast<size_t>(std::lower_bound(c->tag_names.begin(), c->tag_names.end(), s) - c->tag_names.begin())] += 1;
  }
  for (const StoredSegment& s : c->tables.segments) {
    SegmentResult r = evaluate_segment(ds, s.filter, c->t);
    decltype(r.members)().swap(r.members);  // evaluated again when exported
    c->saved.push_back(std::move(r));
  }
}

std::string tags_text(const MembersCache& c, int32_t customer) {
  std::string o;
  for (const std::string& t : c.t.tags[static_cast<size_t>(customer)]) o += (o.empty() ? "" : ", ") + t;
  return o;
}

bool contains_ci(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  return lower(hay).find(lower(needle)) != std::string::npos;
}

void rebuild_view(const Dataset& ds, MembersUi& ui, const MembersCache& c) {
  std::string k;
  k = strf("%d|%d|%d|%d|", ui.filter_segment, ui.filter_tier, ui.sort_column, ui.sort_ascending ? 1 : 0);
  const std::string key = k + ui.search;  // the search whole, however long
  if (ui.view_key == key) return;
  ui.view_key = key;
  ui.view.clear();
  const MemberTable& t = c.t;
  for (size_t cu = 0; cu < t.size(); ++cu) {
    if (t.orders[cu] == 0) continue;
    if (ui.filter_segment >= 0 && (!t.has_rfm(cu) || static_cast<int>(t.segment(cu)) != ui.filter_segment)) continue;
    if (ui.filter_tier >= 0 && t.tier[cu] != ui.filter_tier) continue;
    if (!ui.search.empty()) {
      bool hit = contains_ci(ds.customer_id[cu], ui.search) ||
                 (ds.customer_region[cu] >= 0 && contains_ci(ds.regions.names[static_cast<size_t>(ds.customer_region[cu])], ui.search));
      for (const std::string& tag : t.tags[cu]) hit = hit || contains_ci(tag, ui.search);
      if (!hit) continue;
    }
    ui.view.push_back(static_cast<int32_t>(cu));
  }
  auto less = [&](int32_t ia, int32_t ib) {
    const size_t a = static_cast<size_t>(ia), b = static_cast<size_t>(ib);
    switch (ui.sort_column) {
      case 0: return ds.customer_id[a] < ds.customer_id[b];
      case 1: return ds.customer_first_order_day[a] < ds.customer_first_order_day[b];
      case 2: return t.last_day[a] < t.last_day[b];
      case 3: return t.orders[a] < t.orders[b];
      case 4: return t.sales[a] < t.sales[b];
      case 5: return t.refunds[a] < t.refunds[b];
      case 6: return t.sales[a] * t.orders[b] < t.sales[b] * t.orders[a];
      case 10: return t.tier[a] < t.tier[b];
      case 11: return t.points[a] < t.points[b];
      default: return ia < ib;
    }
  };
  std::stable_sort(ui.view.begin(), ui.view.end(), [&](int32_t a, int32_t b) { return ui.sort_ascending ? less(a, b) : less(b, a); });
}

const char* status_label(uint8_t s) {
  switch (static_cast<OrderStatus>(s)) {
    case OrderStatus::pending: return tr(S::members_status_pending);
    case OrderStatus::paid: return tr(S::members_status_paid);
    case OrderStatus::shipped: return tr(S::members_status_shipped);
    case OrderStatus::completed: return tr(S::members_status_completed);
    case OrderStatus::cancelled: return tr(S::members_status_cancelled);
    case OrderStatus::refunded: return tr(S::members_status_refunded);
  }
  return "";
}

void section_heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void header_with_tip(const char* label, const char* tip) {
  ImGui::TableHeader(label);
  if (tip) item_tooltip(tip);
}

void draw_customers(PanelContext& cx, MembersUi& ui, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  input_text("##search", ui.search, 0, tr(S::members_search));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("##seg", ui.filter_segment < 0 ? tr(S::members_all_segments) : segment_label(static_cast<Segment>(ui.filter_segment)))) {
    if (ImGui::Selectable(tr(S::members_all_segments), ui.filter_segment < 0)) ui.filter_segment = -1;
    for (int s = 0; s < kSegmentCount; ++s)
      if (ImGui::Selectable(segment_label(static_cast<Segment>(s)), ui.filter_segment == s)) ui.filter_segment = s;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const auto& L = c.tables.programme.tiers.levels;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::BeginCombo("##tier", ui.filter_tier < 0 || ui.filter_tier >= static_cast<int>(L.size()) ? tr(S::members_all_tiers)
                                                                                                     : L[static_cast<size_t>(ui.filter_tier)].name.c_str())) {
    if (ImGui::Selectable(tr(S::members_all_tiers), ui.filter_tier < 0)) ui.filter_tier = -1;
    for (int t = 0; t < static_cast<int>(L.size()); ++t)
      if (ImGui::Selectable(L[static_cast<size_t>(t)].name.c_str(), ui.filter_tier == t)) ui.filter_tier = t;
    ImGui::EndCombo();
  }
  rebuild_view(ds, ui, c);
  ImGui::SameLine();
  ImGui::TextDisabled(tr(S::members_n_customers_fmt), format_int(static_cast<int64_t>(ui.view.size()), lang).c_str(),
                      format_int(c.t.customers, lang).c_str());
  ImGui::TextDisabled("%s", tr(S::members_open_profile));

  struct Col {
    S label, tip;
    bool sortable;
  };
  const Col cols[] = {{S::members_col_customer, S::members_col_customer, true}, {S::members_col_first, S::members_tip_first, true},
                      {S::members_col_last, S::members_tip_last, true},         {S::members_col_orders, S::members_tip_orders, true},
                      {S::members_col_sales, S::members_tip_sales, true},       {S::members_col_refunds, S::members_tip_refunds, true},
                      {S::members_col_aov, S::members_tip_aov, true},           {S::members_col_category, S::members_tip_category, false},
                      {S::members_col_channel, S::members_tip_channel, false},  {S::members_col_region, S::members_tip_region, false},
                      {S::members_col_tier, S::members_tip_tier, true},         {S::members_col_points, S::members_tip_points, true},
                      {S::members_col_segment, S::members_tip_segment, false},  {S::members_col_tags, S::members_tip_tags, false}};
  constexpr int kCols = 14;
  // A fitted table (every column as wide as its widest cell or header, in either language): a
  // column resized by hand kept its English width after a switch to Chinese and cut 首单/末单/客单价
  // in the browser's font.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable;
  if (!begin_fit_table("customers", kCols, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (int i = 0; i < kCols; ++i) {
    ImGuiTableColumnFlags f = cols[i].sortable ? ImGuiTableColumnFlags_None : ImGuiTableColumnFlags_NoSort;
    if (i == 4) f |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn(tr(cols[i].label), f, 0, static_cast<ImGuiID>(i));
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int i = 0; i < kCols; ++i) {
    ImGui::TableSetColumnIndex(i);
    header_with_tip(tr(cols[i].label), i == 0 ? nullptr : tr(cols[i].tip));
  }
  if (ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsDirty) {
    if (spec->SpecsCount > 0) {
      ui.sort_column = static_cast<int>(spec->Specs[0].ColumnUserID);
      ui.sort_ascending = spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    spec->SpecsDirty = false;
    rebuild_view(ds, ui, c);
  }
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ui.view.size()));
  while (clip.Step()) {
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const int32_t customer = ui.view[static_cast<size_t>(k)];
      const size_t cu = static_cast<size_t>(customer);
      const MemberTable& t = c.t;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(customer);
      if (ImGui::Selectable(ds.customer_id[cu].c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) ui.selected = customer;
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_date(ds.customer_first_order_day[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_date(t.last_day[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(t.orders[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(t.sales[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(t.refunds[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(div_round(t.sales[cu], t.orders[cu]), lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.category[cu] >= 0 ? ds.categories.names[static_cast<size_t>(t.category[cu])].c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.channel[cu] >= 0 ? source_label(ds.channels.names[static_cast<size_t>(t.channel[cu])], lang).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.customer_region[cu] >= 0 ? ds.regions.names[static_cast<size_t>(ds.customer_region[cu])].c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.tier_name(cu).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.tier[cu] >= 0 ? format_int(t.points[cu], lang).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.has_rfm(cu) ? segment_label(t.segment(cu)) : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tags_text(c, customer).c_str());
    }
  }
  end_fit_table();
}

const char* kind_label(EntryKind k) {
  switch (k) {
    case EntryKind::earn: return tr(S::members_kind_earn);
    case EntryKind::redeem: return tr(S::members_kind_redeem);
    case EntryKind::expire: return tr(S::members_kind_expire);
    case EntryKind::adjust: return tr(S::members_kind_adjust);
    case EntryKind::reverse: return tr(S::members_kind_reverse);
  }
  return "";
}

void draw_profile(PanelContext& cx, MembersUi& ui, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const size_t cu = static_cast<size_t>(ui.selected);
  if (ImGui::Button(tr(S::members_back))) {
    ui.selected = -1;
    return;
  }
  ImGui::SameLine();
  ImGui::Text(tr(S::members_profile_fmt), ds.customer_id[cu].c_str());
  const CustomerProfile p = customer_profile(ds, ui.selected, c.tables.tag_inputs);
  const MemberTable& t = c.t;
  const bool has = cu < t.size() && t.orders[cu] > 0;
  if (has) {
    ImGui::Text("%s %s  ·  %s %s  ·  %s %s  ·  %s %s", tr(S::members_col_orders), format_int(t.orders[cu], lang).c_str(),
                tr(S::members_col_sales), format_money(t.sales[cu], lang).c_str(), tr(S::members_col_refunds),
                format_money(t.refunds[cu], lang).c_str(), tr(S::members_col_aov),
                format_money(div_round(t.sales[cu], t.orders[cu]), lang).c_str());
    item_tooltip(tr(S::members_tip_sales));
  }
  if (has && t.tier[cu] >= 0) {
    ImGui::Text("%s %s  ·  %s %s  ·  %s %s", tr(S::members_col_tier), t.tier_name(cu).c_str(), tr(S::members_col_points),
                format_int(t.points[cu], lang).c_str(), tr(S::members_col_spend12), format_money(t.spend_12m[cu], lang).c_str());
    item_tooltip(tr(S::members_tip_tier));
  }
  if (!t.tags[cu].empty()) ImGui::Text("%s: %s", tr(S::members_col_tags), tags_text(c, ui.selected).c_str());
  if (has && t.has_rfm(cu)) {
    // All history at the default snapshot: frequency = orders, monetary = sales.
    text_wrapped(tr(S::members_rfm_line_fmt), t.recency_days(cu), t.r(cu), t.orders[cu], t.f(cu), format_money(t.sales[cu], lang).c_str(), t.m(cu),
                 segment_label(t.segment(cu)));
    item_tooltip(tr(S::members_rfm_explain));
    ImGui::TextDisabled("%s", segment_definition(t.segment(cu)));
  }
  const ClvCustomer* cl = nullptr;
  if (ui.clv && ui.clv_revision == cx.ws.revision())
    for (const ClvCustomer& x : ui.clv->customers)
      if (x.customer == ui.selected) cl = &x;
  if (cl) {
    const ClvFigures g = clv_figures(*ui.clv, *cl);
    auto num = [](double v, const char* f) {
      std::string b;
      b = strf(f, v);
      return std::isfinite(v) ? std::string(b) : std::string("—");
    };
    auto money = [&](double v) { return std::isfinite(v) ? format_money(static_cast<Money>(std::llround(v)), lang) : std::string("—"); };
    text_wrapped(tr(S::members_clv_line_fmt), num(g.p_alive, "%.3f").c_str(), num(ui.clv->horizon, "%.0f").c_str(),
                       num(g.expected_purchases, "%.2f").c_str(), money(g.expected_value).c_str(), money(g.clv).c_str());
    item_tooltip(tr(S::members_clv_explain));
  } else {
    ImGui::TextDisabled("%s", tr(S::members_clv_not_fitted));
  }
  ImGui::Text(tr(S::members_coupon_orders_fmt), format_int(p.coupon_orders, lang).c_str(), format_int(has ? t.orders[cu] : 0, lang).c_str());

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY;
  const float h = ImGui::GetTextLineHeightWithSpacing() * 10;
  section_heading(tr(S::members_profile_orders));
  if (begin_fit_table("orders", 5, flags, ImVec2(0, h))) {
    for (S s : {S::members_col_day, S::members_col_order, S::members_col_status, S::members_col_paid, S::members_col_coupon})
      ImGui::TableSetupColumn(tr(s));
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(p.orders.size()));
    while (clip.Step())
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const size_t o = static_cast<size_t>(p.orders[static_cast<size_t>(k)]);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_date(ds.order_day[o], lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ds.order_id[o].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(status_label(ds.order_status[o]));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(ds.order_paid[o], lang).c_str());
        ImGui::TableNextColumn();
        const auto& hc = c.tables.tag_inputs.order_has_coupon;
        ImGui::TextUnformatted(o < hc.size() && hc[o] ? tr(S::members_yes) : "");
      }
    end_fit_table();
  }
  section_heading(tr(S::members_profile_bought));
  if (begin_fit_table("bought", 3, flags, ImVec2(0, h))) {
    for (S s : {S::members_col_product, S::members_col_units, S::members_col_revenue}) ImGui::TableSetupColumn(tr(s));
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const BoughtProduct& b : p.bought) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s  %s", ds.sku[static_cast<size_t>(b.product)].c_str(), ds.product_title[static_cast<size_t>(b.product)].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(b.units, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(b.revenue, lang).c_str());
    }
    end_fit_table();
  }
  section_heading(tr(S::members_profile_refunds));
  if (!p.refunds.empty() && begin_fit_table("refunds", 3, flags)) {
    for (S s : {S::members_col_day, S::members_col_order, S::members_col_amount}) ImGui::TableSetupColumn(tr(s));
    ImGui::TableHeadersRow();
    for (int32_t r : p.refunds) {
      const size_t ri = static_cast<size_t>(r);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_date(ds.refund_day[ri], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.order_id[static_cast<size_t>(ds.refund_order[ri])].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(ds.refund_amount[ri], lang).c_str());
    }
    end_fit_table();
  }
  section_heading(tr(S::members_profile_points));
  if (begin_fit_table("points", 5, flags, ImVec2(0, h))) {
    for (S s : {S::members_col_day, S::members_col_kind, S::members_col_delta, S::members_col_reason, S::members_col_order})
      ImGui::TableSetupColumn(tr(s));
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const PointsEntry& e : members_ledger_of(ds, c, ui.selected)) members_entry_row(ds, e, false);
    end_fit_table();
  }
}

}  // namespace


const std::vector<PointsEntry>& members_ledger_of(const Dataset& ds, MembersCache& c, int32_t customer) {
  if (customer != c.ledger_customer) {
    c.ledger_customer = customer;
    // The programme's birthdays were read once into the table (as months, all the bonus reads):
    // this customer's month, on the 1st of a leap year, for the one-customer run.
    MemberProgramme p = c.tables.programme;
    p.birthdays.assign(ds.customer_id.size(), -1);
    const size_t cu = static_cast<size_t>(customer);
    if (cu < c.t.birth_month.size() && c.t.birth_month[cu] > 0) p.birthdays[cu] = days_from_civil(2000, c.t.birth_month[cu], 1);
    auto l = customer_ledger(ds, p, customer);
    c.ledger = l ? std::move(*l) : std::vector<PointsEntry>{};  // the programme ran on this data already
  }
  return c.ledger;
}

void members_entry_row(const Dataset& ds, const PointsEntry& e, bool with_customer) {
  const Lang lang = language();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(format_date(e.day, lang).c_str());
  if (with_customer) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ds.customer_id[static_cast<size_t>(e.customer)].c_str());
  }
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(kind_label(e.kind));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(format_int(e.delta, lang).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(members_reason_label(e.reason));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(e.order_id.c_str());
}

const char* members_reason_label(const std::string& reason) {
  if (reason == "order") return tr(S::members_reason_order);
  if (reason == "signup") return tr(S::members_reason_signup);
  if (reason == "birthday") return tr(S::members_reason_birthday);
  if (reason == "refund") return tr(S::members_reason_refund);
  if (reason == "expiry") return tr(S::members_reason_expiry);
  return reason.c_str();  // the seller's own words
}

void draw_members_panel(PanelContext& cx, MembersUi& ui) {
  title(tr(S::nav_members));
  recompute(cx, ui);
  MembersCache& c = *ui.cache;
  if (!c.error.empty()) {
    text_wrapped(tr(S::members_error_fmt), c.error.c_str());
    return;
  }
  if (c.t.customers == 0) {
    text_wrapped("%s", tr(S::members_no_customers));
    return;
  }
  if (!ImGui::BeginTabBar("members_tabs")) return;
  const S tabs[] = {S::members_tab_customers, S::members_tab_rfm, S::members_tab_clv,
                    S::members_tab_tiers, S::members_tab_points, S::members_tab_segments};
  for (int t = 0; t < 6; ++t) {
    ImGuiTabItemFlags f = ui.tab_request == t ? ImGuiTabItemFlags_SetSelected : 0;
    if (!tab_item(tabs[t], f)) continue;  // an id of its own: a language switch keeps the tab (#9 item 10)
    switch (t) {
      case 0:
        if (ui.selected >= 0) draw_profile(cx, ui, c);
        else draw_customers(cx, ui, c);
        break;
      case 1: draw_members_rfm(cx, ui, c); break;
      case 2: draw_members_clv(cx, ui, c); break;
      case 3: draw_members_tiers(cx, ui, c); break;
      case 4: draw_members_points(cx, ui, c); break;
      case 5: draw_members_segments(cx, ui, c); break;
    }
    ImGui::EndTabItem();
  }
  ui.tab_request = -1;
  ImGui::EndTabBar();
}

}  // namespace shopkeeper::ui
