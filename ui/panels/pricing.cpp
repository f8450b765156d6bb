// Pricing section (core/pricing, docs/pricing.md): four tabs over results computed once per
// store revision: unit economics (loss-makers first; the waterfall of the selected row), the
// elasticity table with a what-if for the selected SKU, the price book with its floors and
// checks, and competitor positions with the suggestions of the default rule.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <span>

#include "core/store/store_clock.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/pricing.h"
#include "ui/i18n/names.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

namespace {

using namespace shopkeeper::pricing;

std::string money(Money m) { return format_money(m, language(), "CNY"); }
std::string money_opt(const std::optional<Money>& m) { return m ? money(*m) : std::string("—"); }

// Fitted columns (ui/widgets/fit_table.h): every column of the section's tables is as wide as its
// widest text, header included, measured over ALL rows (ColumnMeasure, not only the rows the
// clipper draws: nothing is cut further down and no column changes width while scrolling), once
// per revision, language, font size and row count. A pane wide enough shares its width among the
// columns in that proportion; a narrower one (1024x700, 1280x800) keeps those widths and the
// table scrolls sideways with the SKU column frozen. The columns are not resizable.
bool begin_fitted_table(const char* id, const ColumnWidths& w, std::span<const S> headers, float height) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  if (!begin_fit_table(id, static_cast<int>(headers.size()), flags, ImVec2(0, height))) return false;
  fit_table_freeze(1, 1);
  for (S h : headers) ImGui::TableSetupColumn(tr(h));
  ImGui::TableHeadersRow();
  fit_table_cover(w);
  return true;
}

void recompute(PanelContext& cx, PricingUi& ui) {
  const Dataset& ds = cx.ws.dataset();
  ui.revision = cx.ws.revision();  // records writes (fees, price book) count too
  ui.error.clear();
  // The selected economics row is kept across a recompute (a fee edit re-sorts the rows).
  std::string sel_sku, sel_channel;
  if (ui.selected_row >= 0 && ui.selected_row < static_cast<int>(ui.economics.rows.size()))
    sel_sku = ui.economics.rows[static_cast<size_t>(ui.selected_row)].sku,
    sel_channel = ui.economics.rows[static_cast<size_t>(ui.selected_row)].channel_name;
  ui.whatif.reset();
  ui.whatif_for = -1;
  auto tables = cx.ws.pricing_tables();
  if (!tables) {
    ui.error = error_text(tables.error(), language());
    return;
  }
  ui.economics = compute_economics(ds, tables->economics, EconomicsQuery{});
  sort_losses_first(ui.economics.rows);
  // The elasticity is estimated over the next frames (step_elasticity); until then it is empty.
  ui.elasticity = Elasticity{};
  ui.elasticity_inputs = std::move(tables->elasticity);
  ui.elasticity_run.emplace(ds, ui.elasticity_inputs, ElasticityQuery{});
  ui.elasticity_job = SlicedJob{};
  ui.elasticity_job.running = true;
  ui.book = std::move(tables->book);
  ui.book_issues = check_price_book(ui.book);
  std::vector<OurPrice> ours;
  for (size_t i = 0; i < ds.sku.size(); ++i) ours.push_back({ds.sku[i], ds.product_price[i]});
  const DayRange od = ds.order_days();
  ui.competitors = competitor_report(tables->competitors, ours, od.last >= od.first ? od.last : 0);
  ui.suggestions = suggest_prices(ui.competitors, ui.book, &ui.elasticity, Rule{});
  ui.selected_row = 0;
  for (size_t i = 0; i < ui.economics.rows.size(); ++i)
    if (ui.economics.rows[i].sku == sel_sku && ui.economics.rows[i].channel_name == sel_channel) ui.selected_row = static_cast<int>(i);
  ui.fee_edit.row = -1;  // refilled from the figures in force
}

// One frame's share of the elasticity run; when it is done, the result and the suggestions that
// show its effect.
void step_elasticity(PanelContext& cx, PricingUi& ui) {
  if (!ui.elasticity_job.running || !ui.elasticity_run) return;
  bool done = false;
  {
    AdaptiveSlice::Frame frame(ui.elasticity_slice);
    done = ui.elasticity_run->step(ui.elasticity_slice.size());
    frame.adapt();
  }
  if (!done) {
    cx.keep_drawing = true;
    return;
  }
  ui.elasticity = ui.elasticity_run->take();
  ui.elasticity_run.reset();
  ui.elasticity_job.running = false;
  ui.suggestions = suggest_prices(ui.competitors, ui.book, &ui.elasticity, Rule{});
  ui.whatif.reset();
  ui.whatif_for = -1;
  ui.fit_elasticity.revision = ui.fit_competitors.revision = -1;  // new rows and suggestions: measured again
}

S step_label(Step s) {
  switch (s) {
    case Step::list_price: return S::pricing_step_list_price;
    case Step::item_discount: return S::pricing_step_item_discount;
    case Step::realised_price: return S::pricing_step_realised_price;
    case Step::cost_of_goods: return S::pricing_step_cost_of_goods;
    case Step::commission: return S::pricing_step_commission;
    case Step::payment_fee: return S::pricing_step_payment_fee;
    case Step::shipping: return S::pricing_step_shipping;
    case Step::packaging: return S::pricing_step_packaging;
    case Step::ad_cost: return S::pricing_step_ad_cost;
    case Step::refunds: return S::pricing_step_refunds;
    case Step::return_costs: return S::pricing_step_return_costs;
    case Step::contribution: return S::pricing_step_contribution;
  }
  return S::pricing_step_contribution;
}

// Floating bars from the level before each step to the level after it; totals from zero. A
// step that needs the unknown unit cost is a row reading "unknown", never a bar at 0.
struct ShownStep {
  Step step;
  std::optional<Money> amount;
};
std::vector<ShownStep> shown_steps(const EconomicsRow& r) {
  std::vector<ShownStep> out;
  for (const auto& s : waterfall(r)) {
    if (!r.unit_cost && s.step == Step::commission) out.push_back({Step::cost_of_goods, std::nullopt});
    out.push_back({s.step, s.amount});
  }
  if (!r.unit_cost) {
    out.push_back({Step::return_costs, std::nullopt});
    out.push_back({Step::contribution, std::nullopt});
  }
  return out;
}

void step_tooltip(const EconomicsRow& r, Step s) {
  if (s == Step::cost_of_goods) item_tooltip(tr(S::pricing_tip_step_cost_of_goods));
  if (s == Step::return_costs) item_tooltip(tr(S::pricing_tip_step_return_costs));
  if (s == Step::refunds) {
    std::string buf;
    buf = strf(tr(S::pricing_tip_step_refunds), money(r.refund_excess).c_str());
    item_tooltip(buf.c_str());
  }
}

void draw_waterfall(const EconomicsRow& r) {
  const auto steps = shown_steps(r);
  auto is_total = [](Step s) { return s == Step::list_price || s == Step::realised_price || s == Step::contribution; };
  Money hi = 1, lo = 0, level = 0;
  for (const auto& s : steps) {
    if (!s.amount) continue;
    level = is_total(s.step) ? *s.amount : level + *s.amount;
    hi = std::max(hi, level);
    lo = std::min(lo, level);
  }
  const float fh = ImGui::GetFontSize(), row_h = fh + 6, label_w = fh * 9, value_w = fh * 6;
  const float width = ImGui::GetContentRegionAvail().x;
  const float plot_w = std::max(fh * 8, width - label_w - value_w - 16);
  auto x_of = [&](Money v) { return label_w + 8 + plot_w * static_cast<float>(v - lo) / static_cast<float>(hi - lo); };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  level = 0;
  for (const auto& s : steps) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, row_h));
    step_tooltip(r, s.step);
    dl->AddText(ImVec2(p.x, p.y + 3), ImGui::GetColorU32(ImGuiCol_Text), tr(step_label(s.step)));
    if (!s.amount) {
      dl->AddText(ImVec2(p.x + label_w + 8, p.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled), tr(S::pricing_step_unknown));
      continue;
    }
    const bool total = is_total(s.step);
    const Money amount = *s.amount;
    const Money from = total ? 0 : level, to = total ? amount : level + amount;
    level = to;
    ImU32 col = total ? (amount < 0 ? IM_COL32(200, 60, 50, 255) : palette(0))
                      : (amount < 0 ? IM_COL32(220, 120, 90, 255) : IM_COL32(90, 170, 110, 255));
    float x0 = p.x + x_of(std::min(from, to)), x1 = p.x + x_of(std::max(from, to));
    dl->AddRectFilled(ImVec2(x0, p.y + 2), ImVec2(std::max(x1, x0 + 1), p.y + row_h - 2), col);
    const std::string v = money(amount);
    dl->AddText(ImVec2(p.x + label_w + plot_w + 16, p.y + 3), ImGui::GetColorU32(ImGuiCol_Text), v.c_str());
  }
  if (!r.unit_cost) ImGui::TextDisabled(tr(S::pricing_cost_unknown_note), r.sku.c_str());
}

double major(Money m) { return static_cast<double>(m) / 100.0; }
Money minor(double v) { return static_cast<Money>(std::llround(v * 100.0)); }
int64_t bp_of(double pct) { return static_cast<int64_t>(std::llround(pct * 100.0)); }

std::string with_arg(S s, const char* a) {
  std::string buf;
  buf = strf(tr(s), a);
  return buf;
}

S fee_field_label(FeeField f) {
  switch (f) {
    case FeeField::commission: return S::pricing_fee_commission;
    case FeeField::payment: return S::pricing_fee_payment;
    case FeeField::payment_fixed: return S::pricing_fee_payment_fixed;
    case FeeField::shipping_per_order: return S::pricing_fee_shipping;
    case FeeField::shipping_per_extra_kg: return S::pricing_fee_extra_kg;
    case FeeField::packaging: return S::pricing_fee_packaging;
    case FeeField::return_shipping: return S::pricing_fee_return_shipping;
    case FeeField::unresellable: return S::pricing_fee_unresellable;
  }
  return S::pricing_fee_commission;
}

// Each problem line, then Save (disabled while one stands); true when it saved.
void draw_problems(const std::vector<std::string>& problems) {
  if (problems.empty()) return ImGui::TextColored(ImVec4(0.2f, 0.6f, 0.3f, 1), "%s", tr(S::pricing_checks_pass));
  for (const auto& p : problems) ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), "%s", p.c_str());
}

void save_button(PanelContext& cx, PricingUi& ui, bool ok, Status (*save)(Workspace&, PricingUi&)) {
  ImGui::BeginDisabled(!ok || cx.ws.readonly() || cx.ws.busy());
  if (ImGui::Button(tr(S::pricing_save))) {
    if (Status st = save(cx.ws, ui); !st) cx.report_error(st.error());
  }
  ImGui::EndDisabled();
  if (!ui.saved_note.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui.saved_note.c_str());
  }
}

void draw_fee_editor(PanelContext& cx, PricingUi& ui) {
  auto& e = ui.fee_edit;
  if (e.row != ui.selected_row) fill_fee_edit(ui, ui.selected_row);
  const std::string head = with_arg(S::pricing_edit_fees, source_label(e.channel, language()).c_str());
  if (!ImGui::CollapsingHeader((head + "###fee_edit").c_str())) return;
  item_tooltip(tr(S::pricing_tip_edit_fees));
  const float w = ImGui::GetFontSize() * 8;
  auto field = [&](S label, double& v, const char* id, bool pct) {
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputDouble(id, &v, pct ? 0.1 : 0.5, pct ? 1.0 : 5.0, "%.2f")) ui.saved_note.clear();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(label));
  };
  field(S::pricing_fee_commission, e.commission, "##fc", true);
  field(S::pricing_fee_payment, e.payment, "##fp", true);
  field(S::pricing_fee_payment_fixed, e.payment_fixed, "##fx", false);
  field(S::pricing_fee_shipping, e.shipping, "##fs", false);
  field(S::pricing_fee_extra_kg, e.extra_kg, "##fk", false);
  field(S::pricing_fee_packaging, e.packaging, "##fg", false);
  field(S::pricing_fee_return_shipping, e.return_shipping, "##fr", false);
  field(S::pricing_fee_unresellable, e.unresellable, "##fu", true);
  const auto problems = fee_edit_problems(ui);
  draw_problems(problems);
  save_button(cx, ui, problems.empty(), save_fee_edit);
}

constexpr S kEconomicsCols[] = {S::col_sku, S::pricing_col_channel, S::pricing_col_units, S::pricing_col_list, S::pricing_col_realised,
                                S::pricing_col_contrib_unit, S::pricing_col_contrib_order, S::pricing_col_margin, S::pricing_col_break_even};

// Economics widths: up to 30,000 rows, so the figures' columns are measured from their extremes.
void fit_economics(ColumnWidths& f, int64_t revision, const std::vector<EconomicsRow>& rows) {
  ColumnMeasure m(f, revision, rows.size(), std::size(kEconomicsCols));
  NumberExtremes units, list, realised, unit, order, margin, be;
  std::vector<bool> channel_seen;
  bool missing = false;
  for (const EconomicsRow& r : rows) {
    m.text(0, r.sku);
    const size_t ch = static_cast<size_t>(r.channel + 1);
    if (ch >= channel_seen.size()) channel_seen.resize(ch + 1, false);
    if (!channel_seen[ch]) channel_seen[ch] = true, m.text(1, source_label(r.channel_name, language()));
    units.add(r.units);
    list.add(r.list_price);
    realised.add(r.realised_price);
    auto opt = [&](NumberExtremes& e, const std::optional<Money>& v) { v ? e.add(*v) : void(missing = true); };
    opt(unit, r.contribution_per_unit);
    opt(order, r.contribution_per_order);
    opt(margin, r.contribution_margin_bp);
    opt(be, r.break_even_price);
  }
  units.measure(m, 2, [](int64_t v) { return format_int(v, language()); });
  list.measure(m, 3, money);
  realised.measure(m, 4, money);
  unit.measure(m, 5, money);
  order.measure(m, 6, money);
  margin.measure(m, 7, [](int64_t bp) { return format_percent(static_cast<double>(bp) / 10000.0); });
  be.measure(m, 8, money);
  if (missing)
    for (size_t c = 5; c <= 8; ++c) m.text(c, "—");
}

void draw_economics(PanelContext& cx, PricingUi& ui) {
  const auto& rows = ui.economics.rows;
  ImGui::TextDisabled("(?)");
  item_tooltip(tr(S::pricing_tip_economics));
  if (rows.empty()) return text_wrapped("%s", tr(S::pricing_no_sales));
  ui.selected_row = std::clamp(ui.selected_row, 0, static_cast<int>(rows.size()) - 1);
  const float fh = ImGui::GetFontSize();
  if (ui.fit_economics.stale(ui.revision, rows.size())) fit_economics(ui.fit_economics, ui.revision, rows);
  if (begin_fitted_table("economics", ui.fit_economics, kEconomicsCols, fh * 16)) {
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const EconomicsRow& r = rows[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(r.sku.c_str(), ui.selected_row == i, ImGuiSelectableFlags_SpanAllColumns)) ui.selected_row = i;
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(source_label(r.channel_name, language()).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_int(r.units, language()).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(r.list_price).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(r.realised_price).c_str());
        const bool loss = r.contribution_per_order && *r.contribution_per_order < 0;
        const ImVec4 col = loss ? ImVec4(0.85f, 0.15f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        ImGui::TableNextColumn();
        ImGui::TextColored(col, "%s", money_opt(r.contribution_per_unit).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(col, "%s", money_opt(r.contribution_per_order).c_str());
        ImGui::TableNextColumn();
        if (r.contribution_margin_bp) ImGui::TextColored(col, "%s", format_percent(static_cast<double>(*r.contribution_margin_bp) / 10000.0).c_str());
        else ImGui::TextDisabled("—");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money_opt(r.break_even_price).c_str());
      }
    end_fit_table();
  }
  const EconomicsRow& r = rows[static_cast<size_t>(ui.selected_row)];
  ImGui::Spacing();
  ImGui::Text(tr(S::pricing_waterfall), r.sku.c_str(), source_label(r.channel_name, language()).c_str());
  draw_waterfall(r);
  const ChannelFees& f = r.fees;
  if (!f.seller_set && !f.has_default) {
    ImGui::TextDisabled(tr(S::pricing_fees_none), source_label(r.channel_name, language()).c_str());
  } else {
    ImGui::TextDisabled(tr(f.seller_set ? S::pricing_fees_seller : S::pricing_fees_default), source_label(r.channel_name, language()).c_str(),
                        static_cast<double>(f.commission_bp) / 100.0, static_cast<double>(f.payment_bp) / 100.0,
                        money(f.shipping_per_order).c_str(), money(f.shipping_per_extra_kg).c_str(), money(f.packaging_per_unit).c_str());
  }
  if (r.break_even_roas) ImGui::TextDisabled("%s: %.2f", tr(S::pricing_col_roas), *r.break_even_roas);
  draw_fee_editor(cx, ui);
}

std::string why_text(const ElasticityRow& r) {
  std::string buf;
  switch (r.why) {
    case ElasticityWhy::usable: return tr(S::pricing_why_usable);
    case ElasticityWhy::no_periods: return tr(S::pricing_why_no_periods);
    case ElasticityWhy::few_periods: buf = strf(tr(S::pricing_why_few_periods), static_cast<int>(r.a), static_cast<int>(r.b)); return buf;
    case ElasticityWhy::one_price: return tr(S::pricing_why_one_price);
    case ElasticityWhy::narrow_range:
      buf = strf(tr(S::pricing_why_narrow_range), static_cast<double>(r.a) / 100.0, static_cast<double>(r.b) / 100.0);
      return buf;
    case ElasticityWhy::few_levels: buf = strf(tr(S::pricing_why_few_levels), static_cast<int>(r.a), static_cast<int>(r.b)); return buf;
    case ElasticityWhy::collinear: return tr(S::pricing_why_collinear);
    case ElasticityWhy::not_converged: buf = strf(tr(S::pricing_why_not_converged), static_cast<int>(r.a)); return buf;
    case ElasticityWhy::no_shelf_price: buf = strf(tr(S::pricing_why_no_shelf_price), static_cast<int>(r.a)); return buf;
  }
  return "";
}

void band_line(S what, const pricing::Band& b, bool is_money) {
  auto f = [&](double v) {
    if (is_money) return money(static_cast<Money>(std::llround(v)));
    std::string buf;
    buf = strf("%.1f", v);
    return std::string(buf);
  };
  ImGui::Text(tr(S::pricing_whatif_line), tr(what), f(b.mid).c_str(), f(b.low).c_str(), f(b.high).c_str());
}

constexpr S kElasticityCols[] = {S::col_sku, S::pricing_col_elasticity, S::pricing_col_interval, S::pricing_col_r2, S::pricing_col_weeks,
                                 S::pricing_col_usable, S::pricing_col_reason, S::pricing_col_method};

// The texts of one elasticity row, as drawn and as measured for the widths.
std::array<std::string, 8> elasticity_cells(const ElasticityRow& r) {
  std::array<std::string, 8> t;
  t[0] = r.sku;
  t[1] = r.elasticity ? strf("%.2f%s", *r.elasticity, r.source == EstimateSource::category ? " *" : "") : std::string("—");
  if (r.ci_low) t[2] = strf("%.2f .. %.2f", *r.ci_low, *r.ci_high);
  if (r.r2) t[3] = strf("%.2f", *r.r2);
  t[4] = strf("%d / %d", static_cast<int>(r.n_obs), static_cast<int>(r.price_points));
  t[5] = tr(r.usable ? S::pricing_yes : S::pricing_no);
  t[6] = why_text(r);
  if (!r.usable && r.source == EstimateSource::category) t[6] += std::string(" · * ") + tr(S::pricing_from_category);
  t[7] = tr(pricing::estimate_method(r) == pricing::Method::ppml ? S::pricing_method_ppml : S::pricing_method_ols);
  return t;
}

void draw_elasticity(PanelContext& cx, PricingUi& ui) {
  const auto& rows = ui.elasticity.rows;
  ImGui::TextDisabled("(?)");
  item_tooltip(tr(S::pricing_tip_elasticity));
  if (ui.elasticity_job.running && ui.elasticity_run) {
    const std::string overlay = strf(tr(S::pricing_estimating), static_cast<long long>(ui.elasticity_run->fitted()),
                                     static_cast<long long>(ui.elasticity_run->skus()));
    if (progress_with_cancel(static_cast<float>(ui.elasticity_run->progress()), ImGui::GetFontSize() * 24, overlay.c_str(), true)) {
      ui.elasticity_job.cancel();
      ui.elasticity_run.reset();
    }
    return;
  }
  if (ui.elasticity_job.cancelled) {
    ImGui::TextDisabled("%s", tr(S::pricing_estimate_cancelled));
    ImGui::SameLine();
    if (ImGui::Button(tr(S::pricing_estimate_again))) ui.revision = -1;  // recomputed on the next frame
    return;
  }
  if (rows.empty()) return text_wrapped("%s", tr(S::pricing_no_sales));
  const float fh = ImGui::GetFontSize();
  if (ui.fit_elasticity.stale(ui.revision, rows.size())) {
    ColumnMeasure m(ui.fit_elasticity, ui.revision, rows.size(), std::size(kElasticityCols));
    for (const ElasticityRow& r : rows) {
      const auto cells = elasticity_cells(r);
      for (size_t c = 0; c < cells.size(); ++c) m.text(c, cells[c]);
    }
  }
  if (begin_fitted_table("elasticity", ui.fit_elasticity, kElasticityCols, fh * 14)) {
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const ElasticityRow& r = rows[static_cast<size_t>(i)];
        const auto cells = elasticity_cells(r);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(cells[0].c_str(), ui.selected_sku == i, ImGuiSelectableFlags_SpanAllColumns)) ui.selected_sku = i;
        ImGui::PopID();
        for (size_t c = 1; c < cells.size(); ++c) {
          ImGui::TableNextColumn();
          if (c == 1 && !r.elasticity) ImGui::TextDisabled("%s", cells[c].c_str());
          else ImGui::TextUnformatted(cells[c].c_str());
          if (c == 7)
            item_tooltip(tr(pricing::estimate_method(r) == pricing::Method::ppml ? S::pricing_tip_method_ppml : S::pricing_tip_method_ols));
        }
      }
    end_fit_table();
  }
  ImGui::Spacing();
  if (ui.selected_sku < 0 || ui.selected_sku >= static_cast<int>(rows.size())) return ImGui::TextDisabled("%s", tr(S::pricing_whatif_pick));
  const ElasticityRow& r = rows[static_cast<size_t>(ui.selected_sku)];
  const Dataset& ds = cx.ws.dataset();
  if (ui.whatif_for != r.product) {
    ui.whatif_for = r.product;
    ui.whatif_price = static_cast<double>(ds.product_price[static_cast<size_t>(r.product)]) / 100.0;
    ui.whatif.reset();
    ui.history_days.clear();
    ui.history_realised.clear();
    ui.history_list.clear();
    for (const DayPrice& d : realised_by_day(ds, r.product, ds.order_days())) {
      ui.history_days.push_back(d.day);
      ui.history_realised.push_back(static_cast<double>(d.realised) / 100.0);
      ui.history_list.push_back(static_cast<double>(ds.product_price[static_cast<size_t>(r.product)]) / 100.0);
    }
  }
  ImGui::Text(tr(S::pricing_whatif_for), r.sku.c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 8);
  bool changed = ImGui::InputDouble("##whatif_price", &ui.whatif_price, 1.0, 10.0, "%.2f");
  if (changed || !ui.whatif) {
    WhatIfQuery q;
    q.product = r.product;
    q.price = static_cast<Money>(std::llround(std::max(0.0, ui.whatif_price) * 100.0));
    if (const SkuBook* b = find_book(ui.book, r.sku)) q.floor = b->floor;
    ui.whatif = what_if(ds, ui.elasticity, ui.economics, q);  // only when the price changes
  }
  const WhatIf& w = *ui.whatif;
  if (w.why == WhatIfWhy::no_sales || w.why == WhatIfWhy::no_elasticity || w.why == WhatIfWhy::bad_price)
    return ImGui::TextDisabled(tr(S::pricing_whatif_no), whatif_why_name(w.why));
  ImGui::TextDisabled(tr(S::pricing_whatif_baseline), money(w.baseline_price).c_str(), w.baseline_units);
  band_line(S::pricing_whatif_units, w.at_price.units, false);
  band_line(S::pricing_whatif_sales, w.at_price.sales, true);
  if (w.unit_cost) band_line(S::pricing_whatif_gp, w.at_price.gross_profit, true);
  if (w.why == WhatIfWhy::ok) band_line(S::pricing_whatif_contribution, w.at_price.contribution, true);
  if (w.below_floor) {
    const SkuBook* b = find_book(ui.book, r.sku);
    ImGui::TextColored(ImVec4(0.85f, 0.15f, 0.1f, 1), tr(S::pricing_whatif_below_floor), money_opt(b ? b->floor : std::nullopt).c_str());
  }
  if (w.best)
    ImGui::Text(tr(S::pricing_whatif_best), money(w.best->price).c_str(),
                money(static_cast<Money>(std::llround(w.best->contribution.mid))).c_str());
  if (ui.history_days.size() >= 2) {
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(S::pricing_history));
    LineSeries realised{tr(S::pricing_col_realised), ui.history_realised};
    LineSeries list{tr(S::pricing_col_list), ui.history_list, palette(1), true};
    line_chart("price_history", ImVec2(0, fh * 12), ui.history_days, {realised, list},
               [](double v) { return money(static_cast<Money>(std::llround(v * 100))); }, language());
  }
}

S issue_text(BookWhy w) {
  switch (w) {
    case BookWhy::nonpositive_price: return S::pricing_issue_nonpositive;
    case BookWhy::ladder_rises: return S::pricing_issue_ladder;
    case BookWhy::member_above_list: return S::pricing_issue_member;
    case BookWhy::floor_above_price: return S::pricing_issue_floor;
    case BookWhy::unknown_sku: return S::pricing_issue_unknown;
  }
  return S::pricing_issue_unknown;
}

std::string kind_text(const BookIssue& i) {
  std::string buf;
  if (i.list) return tr(S::pricing_kind_list);
  switch (i.kind) {
    case BookKind::member: buf = strf(tr(S::pricing_kind_member), i.key.c_str()); break;
    case BookKind::channel: buf = strf(tr(S::pricing_kind_channel), source_label(i.key, language()).c_str()); break;
    case BookKind::ladder: buf = strf(tr(S::pricing_kind_ladder), static_cast<int>(i.min_qty)); break;
    case BookKind::floor: return tr(S::pricing_col_floor);
  }
  return buf;
}

// Member or channel entries: a key chosen from the store's tiers or channels, a price, Remove.
void draw_entries(PricingUi& ui, std::vector<BookEntry>& v, const Dict& keys, BookKind kind, S add) {
  for (size_t i = 0; i < v.size(); ++i) {
    ImGui::PushID(static_cast<int>(i) + (kind == BookKind::member ? 1000 : kind == BookKind::channel ? 2000 : 3000));
    BookEntry& e = v[i];
    if (kind == BookKind::ladder) {
      int q = static_cast<int>(e.min_qty);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      if (ImGui::InputInt("##q", &q)) e.min_qty = std::max(2, q), ui.saved_note.clear();
    } else {
      const std::string shown = kind == BookKind::channel ? source_label(e.key, language()) : e.key;
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      if (ImGui::BeginCombo("##k", shown.c_str())) {
        for (const auto& k : keys.names)
          if (ImGui::Selectable((kind == BookKind::channel ? source_label(k, language()) : k).c_str(), k == e.key)) e.key = k, ui.saved_note.clear();
        ImGui::EndCombo();
      }
    }
    ImGui::SameLine();
    double p = major(e.price);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::InputDouble("##p", &p, 1.0, 10.0, "%.2f")) e.price = minor(p), ui.saved_note.clear();
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(S::pricing_remove))) {
      v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
      ui.saved_note.clear();
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (kind != BookKind::ladder && keys.names.empty()) {
    if (kind == BookKind::member) ImGui::TextDisabled("%s", tr(S::pricing_no_tiers));
    return;
  }
  if (ImGui::SmallButton(tr(add))) {
    BookEntry e;
    e.sku = ui.book_edit.next.sku;
    e.kind = kind;
    e.price = ui.book_edit.next.list_price;
    if (kind == BookKind::ladder) e.min_qty = v.empty() ? 2 : v.back().min_qty + 1, e.price = v.empty() ? e.price : v.back().price;
    else e.key = keys.names.front();
    v.push_back(e);
    ui.saved_note.clear();
  }
}

void draw_book_editor(PanelContext& cx, PricingUi& ui) {
  auto& e = ui.book_edit;
  if (e.sku < 0 || e.sku >= static_cast<int>(ui.book.skus.size())) return ImGui::TextDisabled("%s", tr(S::pricing_book_pick));
  if (e.for_revision != ui.revision) fill_book_edit(ui, e.sku);
  SkuBook& n = e.next;
  ImGui::TextUnformatted(with_arg(S::pricing_edit_book, n.sku.c_str()).c_str());
  help_marker(tr(S::pricing_tip_edit_book));
  const float w = ImGui::GetFontSize() * 7;
  double list = major(n.list_price);
  ImGui::SetNextItemWidth(w);
  if (ImGui::InputDouble("##list", &list, 1.0, 10.0, "%.2f")) n.list_price = minor(list), ui.saved_note.clear();
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(S::pricing_col_list));
  bool own = n.book_floor.has_value();
  if (ImGui::Checkbox(tr(S::pricing_own_floor), &own)) {
    n.book_floor = own ? std::optional<Money>(n.floor.value_or(n.list_price)) : std::nullopt;
    ui.saved_note.clear();
  }
  if (n.book_floor) {
    ImGui::SameLine();
    double f = major(*n.book_floor);
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputDouble("##floor", &f, 1.0, 10.0, "%.2f")) n.book_floor = minor(f), ui.saved_note.clear();
  }
  resolve_floor(n, ui.book.margin_floor_bp);
  const S src = n.floor_source == FloorSource::book      ? S::pricing_floor_src_book
                : n.floor_source == FloorSource::product ? S::pricing_floor_src_product
                : n.floor_source == FloorSource::none    ? S::pricing_floor_src_none
                                                         : S::pricing_floor_default;
  ImGui::TextDisabled(tr(S::pricing_floor_in_force), money_opt(n.floor).c_str(), tr(src));
  const Dataset& ds = cx.ws.dataset();
  ImGui::TextUnformatted(tr(S::pricing_col_member));
  draw_entries(ui, n.member, ds.tiers, BookKind::member, S::pricing_add_member);
  ImGui::TextUnformatted(tr(S::pricing_col_channel));
  draw_entries(ui, n.channel, ds.channels, BookKind::channel, S::pricing_add_channel);
  ImGui::TextUnformatted(tr(S::pricing_col_ladder));
  draw_entries(ui, n.ladder, ds.channels, BookKind::ladder, S::pricing_add_step);
  const auto problems = book_edit_problems(ui);
  draw_problems(problems);
  save_button(cx, ui, problems.empty(), save_book_edit);
}

constexpr S kBookCols[] = {S::col_sku, S::pricing_col_list, S::col_cost, S::pricing_col_floor, S::pricing_col_member, S::pricing_col_ladder};

// The texts of one price-book row, as drawn and as measured for the widths.
std::array<std::string, 6> book_cells(const SkuBook& s) {
  std::array<std::string, 6> t{s.sku, money(s.list_price), money_opt(s.unit_cost), money_opt(s.floor), "", ""};
  for (const auto& e : s.member) t[4] += (t[4].empty() ? "" : ", ") + e.key + " " + money(e.price);
  for (const auto& e : s.ladder) t[5] += (t[5].empty() ? "" : ", ") + std::to_string(e.min_qty) + "+ " + money(e.price);
  return t;
}

void draw_book(PanelContext& cx, PricingUi& ui) {
  ImGui::Text(tr(S::pricing_book_issues), static_cast<int>(ui.book_issues.size()));
  for (size_t i = 0; i < ui.book_issues.size() && i < 20; ++i)
    ImGui::BulletText("%s: %s (%s)", ui.book_issues[i].sku.c_str(), tr(issue_text(ui.book_issues[i].why)), money(ui.book_issues[i].price).c_str());
  const auto& skus = ui.book.skus;
  if (ui.fit_book.stale(ui.revision, skus.size())) {
    ColumnMeasure m(ui.fit_book, ui.revision, skus.size(), std::size(kBookCols));
    for (const SkuBook& s : skus) {
      const auto cells = book_cells(s);
      for (size_t c = 0; c < cells.size(); ++c) m.text(c, cells[c]);
    }
  }
  if (!begin_fitted_table("book", ui.fit_book, kBookCols, ImGui::GetFontSize() * 14)) return draw_book_editor(cx, ui);
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(skus.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const SkuBook& s = skus[static_cast<size_t>(i)];
      const auto cells = book_cells(s);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      if (ImGui::Selectable(cells[0].c_str(), ui.book_edit.sku == i, ImGuiSelectableFlags_SpanAllColumns)) fill_book_edit(ui, i);
      ImGui::PopID();
      for (size_t c = 1; c < cells.size(); ++c) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cells[c].c_str());
        if (c == 3 && s.floor_is_default) item_tooltip(tr(S::pricing_floor_default));
      }
    }
  end_fit_table();
  ImGui::Spacing();
  draw_book_editor(cx, ui);
}

constexpr S kCompetitorCols[] = {S::col_sku, S::pricing_col_list, S::pricing_col_cheapest, S::pricing_col_average, S::pricing_col_dearest,
                                 S::pricing_col_gap, S::pricing_col_suggested};

// The texts of competitor position `i` with its suggestion, as drawn and as measured.
std::array<std::string, 7> competitor_cells(const PricingUi& ui, size_t i) {
  const Position& p = ui.competitors.positions[i];
  std::array<std::string, 7> t{p.sku,
                               money(p.our_price),
                               strf("%s (%s)", money(p.cheapest).c_str(), p.cheapest_competitor.c_str()),
                               money(p.average),
                               money(p.dearest),
                               strf("%s (%s)", money(p.gap).c_str(), format_change(static_cast<double>(p.gap_bp) / 10000.0).c_str()),
                               ""};
  if (i < ui.suggestions.size()) {
    const Suggestion& s = ui.suggestions[i];
    t[6] = money(s.suggested);
    if (s.why == SuggestWhy::held_by_floor) t[6] += std::string(" · ") + tr(S::pricing_held);
    if (s.units_change) t[6] += " · " + format_change(*s.units_change);
  }
  return t;
}

void draw_competitors(PricingUi& ui) {
  const auto& c = ui.competitors;
  if (c.positions.empty() && c.unmatched.empty()) return text_wrapped("%s", tr(S::pricing_no_competitors));
  ImGui::TextDisabled("%s", tr(S::pricing_suggest_rule));
  ImGui::Text(tr(S::pricing_changes), static_cast<int>(c.changes.size()));
  for (size_t i = 0; i < c.changes.size() && i < 10; ++i)
    ImGui::BulletText("%s · %s: %s -> %s", c.changes[i].sku.c_str(), c.changes[i].competitor.c_str(), money(c.changes[i].before).c_str(),
                      money(c.changes[i].after).c_str());
  if (!c.unmatched.empty()) ImGui::Text(tr(S::pricing_unmatched), static_cast<int>(c.unmatched.size()));
  for (size_t i = 0; i < c.unmatched.size() && i < 10; ++i)
    ImGui::BulletText("%s · %s · %s", c.unmatched[i].competitor.c_str(), c.unmatched[i].product.c_str(), c.unmatched[i].sku.c_str());
  if (!c.future_dated.empty()) ImGui::TextDisabled(tr(S::pricing_future), static_cast<int>(c.future_dated.size()));
  if (ui.fit_competitors.stale(ui.revision, c.positions.size())) {
    ColumnMeasure m(ui.fit_competitors, ui.revision, c.positions.size(), std::size(kCompetitorCols));
    for (size_t i = 0; i < c.positions.size(); ++i) {
      const auto cells = competitor_cells(ui, i);
      for (size_t k = 0; k < cells.size(); ++k) m.text(k, cells[k]);
    }
  }
  if (!begin_fitted_table("competitors", ui.fit_competitors, kCompetitorCols, 0)) return;
  for (size_t i = 0; i < c.positions.size(); ++i) {
    ImGui::TableNextRow();
    for (const std::string& t : competitor_cells(ui, i)) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.c_str());
    }
  }
  end_fit_table();
}

}  // namespace

void fill_fee_edit(PricingUi& ui, int row) {
  auto& e = ui.fee_edit;
  e.row = row;
  if (row < 0 || row >= static_cast<int>(ui.economics.rows.size())) return;
  const EconomicsRow& r = ui.economics.rows[static_cast<size_t>(row)];
  e.channel = r.channel_name;
  e.base = r.fees;
  e.commission = static_cast<double>(r.fees.commission_bp) / 100.0;
  e.payment = static_cast<double>(r.fees.payment_bp) / 100.0;
  e.payment_fixed = major(r.fees.payment_fixed);
  e.shipping = major(r.fees.shipping_per_order);
  e.extra_kg = major(r.fees.shipping_per_extra_kg);
  e.packaging = major(r.fees.packaging_per_unit);
  e.return_shipping = major(r.fees.return_shipping_per_unit);
  e.unresellable = static_cast<double>(r.fees.unresellable_bp) / 100.0;
}

ChannelFees fee_edit_schedule(const PricingUi& ui) {
  const auto& e = ui.fee_edit;
  ChannelFees f = e.base;
  f.channel = e.channel;
  f.commission_bp = bp_of(e.commission);
  f.payment_bp = bp_of(e.payment);
  f.payment_fixed = minor(e.payment_fixed);
  f.shipping_per_order = minor(e.shipping);
  f.shipping_per_extra_kg = minor(e.extra_kg);
  f.packaging_per_unit = minor(e.packaging);
  f.return_shipping_per_unit = minor(e.return_shipping);
  f.unresellable_bp = bp_of(e.unresellable);
  return f;
}

std::vector<std::string> fee_edit_problems(const PricingUi& ui) {
  std::vector<std::string> out;
  for (const FeeIssue& i : check_fees(fee_edit_schedule(ui))) {
    if (i.why == FeeWhy::rates_over_100) out.push_back(tr(S::pricing_fee_rates_over_100));
    else out.push_back(with_arg(i.why == FeeWhy::negative ? S::pricing_fee_negative : S::pricing_fee_over_100, tr(fee_field_label(i.field))));
  }
  return out;
}

Status save_fee_edit(Workspace& ws, PricingUi& ui) {
  if (ui.fee_edit.channel.empty() || !fee_edit_problems(ui).empty())
    return make_error(ErrorCode::invalid_argument, "the fee schedule breaks a check; nothing was changed");
  const ChannelFees f = fee_edit_schedule(ui);
  Status st = ws.write([&](Writer& w) { return save_fee_schedule(w, f); }, Workspace::Touches::records);
  if (st) ui.saved_note = tr(S::pricing_saved), ui.fee_edit.row = -1;  // refilled from the new figures
  return st;
}

void fill_book_edit(PricingUi& ui, int sku) {
  auto& e = ui.book_edit;
  e.sku = sku;
  e.for_revision = ui.revision;
  if (sku < 0 || sku >= static_cast<int>(ui.book.skus.size())) return;
  e.before = e.next = ui.book.skus[static_cast<size_t>(sku)];
}

std::vector<std::string> book_edit_problems(const PricingUi& ui) {
  SkuBook n = ui.book_edit.next;
  resolve_floor(n, ui.book.margin_floor_bp);
  std::vector<std::string> out;
  for (const BookIssue& i : check_sku_book(n)) {
    std::string buf;
    buf = strf(tr(S::pricing_problem_line), tr(issue_text(i.why)), kind_text(i).c_str(), money(i.price).c_str(),
                  money(i.reference).c_str());
    out.push_back(buf);
  }
  return out;
}

Status save_book_edit(Workspace& ws, PricingUi& ui) {
  if (ui.book_edit.sku < 0 || !book_edit_problems(ui).empty())
    return make_error(ErrorCode::invalid_argument, "the price book breaks a check; nothing was changed");
  const auto& e = ui.book_edit;
  const bool list_changed = e.next.list_price != e.before.list_price;
  // Logged at the store's wall-clock time (the clock read in the store's zone), not raw UTC.
  Status st = ws.write([&](Writer& w) { return save_sku_book(w, e.before, e.next, ui.book.margin_floor_bp, store_now(w)); },
                       list_changed ? Workspace::Touches::facts : Workspace::Touches::records);
  if (st) ui.saved_note = tr(S::pricing_saved);
  return st;
}

void draw_pricing_panel(PanelContext& cx, PricingUi& ui) {
  title(tr(S::nav_pricing));
  if (ui.revision != cx.ws.revision()) recompute(cx, ui);
  if (!ui.error.empty()) return text_wrapped("%s", ui.error.c_str());
  step_elasticity(cx, ui);
  const int req = ui.tab_request;
  ui.tab_request = -1;
  if (req == 1 && ui.selected_sku < 0 && !ui.elasticity.rows.empty()) ui.selected_sku = 0;  // the what-if shows
  auto flags = [&](int i) { return req == i ? ImGuiTabItemFlags_SetSelected : 0; };
  if (!ImGui::BeginTabBar("pricing_tabs")) return;
  if (tab_item(S::pricing_tab_economics, flags(0))) {
    draw_economics(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::pricing_tab_elasticity, flags(1))) {
    draw_elasticity(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::pricing_tab_book, flags(2))) {
    draw_book(cx, ui);
    ImGui::EndTabItem();
  }
  if (tab_item(S::pricing_tab_competitors, flags(3))) {
    draw_competitors(ui);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace shopkeeper::ui
