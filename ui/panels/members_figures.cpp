// Members section, the figures' tabs: RFM (grid, segments, flow), lifetime value (fitted in
// slices), tiers, points, tags and segments (builder, live count, CSV export). Figures from
// core/members (docs/members.md); words from ui/i18n/strings_members.h.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/panels/members_internal.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

using namespace shopkeeper::members;

namespace {

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders;

void heading(const char* text, const char* tip = nullptr) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  if (tip) item_tooltip(tip);
  ImGui::Separator();
}

void header_row(std::initializer_list<std::pair<S, const char*>> cols) {
  for (const auto& [s, tip] : cols) {
    (void)tip;
    ImGui::TableSetupColumn(tr(s));
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  int i = 0;
  for (const auto& [s, tip] : cols) {
    ImGui::TableSetColumnIndex(i++);
    ImGui::TableHeader(tr(s));
    if (tip) item_tooltip(tip);
  }
}

std::string num(double v, const char* f) {
  if (!std::isfinite(v)) return "—";
  std::string b;
  b = strf(f, v);
  return b;
}
std::string money_d(double v) {
  return std::isfinite(v) ? format_money(static_cast<Money>(std::llround(v)), language()) : std::string("—");
}
std::string percent_bp(int64_t bp) { return format_percent(static_cast<double>(bp) / 10000.0, 0); }

}  // namespace

const char* segment_label(Segment s) {
  static constexpr S k[] = {S::members_seg_champions,   S::members_seg_loyal,          S::members_seg_potential_loyalists,
                            S::members_seg_new,         S::members_seg_promising,      S::members_seg_needs_attention,
                            S::members_seg_about_to_sleep, S::members_seg_at_risk,     S::members_seg_cant_lose,
                            S::members_seg_hibernating, S::members_seg_lost};
  return tr(k[static_cast<size_t>(s)]);
}

const char* segment_definition(Segment s) {
  static constexpr S k[] = {S::members_segdef_champions,   S::members_segdef_loyal,          S::members_segdef_potential_loyalists,
                            S::members_segdef_new,         S::members_segdef_promising,      S::members_segdef_needs_attention,
                            S::members_segdef_about_to_sleep, S::members_segdef_at_risk,     S::members_segdef_cant_lose,
                            S::members_segdef_hibernating, S::members_segdef_lost};
  return tr(k[static_cast<size_t>(s)]);
}

const char* fit_code_label(FitCode c) {
  switch (c) {
    case FitCode::converged: return tr(S::members_code_converged);
    case FitCode::max_iterations: return tr(S::members_code_max_iterations);
    case FitCode::line_search_failed: return tr(S::members_code_line_search_failed);
    case FitCode::non_finite: return tr(S::members_code_non_finite);
    case FitCode::diverged: return tr(S::members_code_diverged);
    case FitCode::too_few_repeaters: return tr(S::members_code_too_few);
    case FitCode::not_fitted: return tr(S::members_code_not_fitted);
    case FitCode::term_bound: return tr(S::members_code_term_bound);
  }
  return "";
}

ClvQuery members_clv_query(const Dataset& ds, int model) {
  ClvQuery q;
  const DayRange all = ds.order_days();
  q.holdout_end = all.last;
  q.calibration_end = std::max(all.first, all.last - 91);
  q.unit = TimeUnit::week;
  q.model = model == 1 ? ClvModel::pnbd : ClvModel::bgnbd;
  return q;
}

// ---- RFM ----------------------------------------------------------------------------------

void draw_members_rfm(PanelContext& cx, MembersUi& ui, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const Rfm& rfm = c.t.rfm_summary;  // grid and cells; the rows are the table's columns
  int64_t scored = 0;
  for (const RfmCell& cell : rfm.by_segment) scored += cell.customers;
  text_wrapped(tr(S::members_rfm_snapshot_fmt), format_date(rfm.snapshot, lang).c_str(), format_int(scored, lang).c_str());
  item_tooltip(tr(S::members_rfm_explain));
  heading(tr(S::members_rfm_grid), tr(S::members_rfm_grid_tip));
  if (begin_fit_table("grid", 6, kTable)) {
    ImGui::TableSetupColumn("FM \\ R");
    for (int r = 1; r <= 5; ++r) ImGui::TableSetupColumn(std::to_string(r).c_str());
    ImGui::TableHeadersRow();
    for (int fm = 5; fm >= 1; --fm) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", fm);
      for (int r = 1; r <= 5; ++r) {
        ImGui::TableNextColumn();
        const Segment s = segment_of(r, fm);
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, (palette(static_cast<int>(s)) & 0x00FFFFFFu) | 0x50000000u);
        const RfmCell& cell = rfm.grid[static_cast<size_t>(r - 1)][static_cast<size_t>(fm - 1)];
        ImGui::TextUnformatted(segment_label(s));
        ImGui::Text("%s", format_int(cell.customers, lang).c_str());
        ImGui::TextDisabled("%s", format_money_compact(cell.revenue, lang).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", segment_definition(s));
      }
    }
    end_fit_table();
  }
  heading(tr(S::members_segments_table));
  if (begin_fit_table("segs", 4, kTable)) {
    header_row({{S::members_col_segment, tr(S::members_tip_segment)},
                {S::members_col_customers, nullptr},
                {S::members_col_share, tr(S::members_tip_share)},
                {S::members_col_revenue, tr(S::members_tip_seg_revenue)}});
    for (int s = 0; s < kSegmentCount; ++s) {
      const RfmCell& cell = rfm.by_segment[static_cast<size_t>(s)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(segment_label(static_cast<Segment>(s)));
      item_tooltip(segment_definition(static_cast<Segment>(s)));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(cell.customers, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(
          format_percent(scored == 0 ? 0 : static_cast<double>(cell.customers) / static_cast<double>(scored), 1).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(cell.revenue, lang).c_str());
    }
    end_fit_table();
  }
  heading(tr(S::members_flow), tr(S::members_flow_tip));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr(S::members_flow_days), &ui.flow_days, 7, 30);
  ui.flow_days = std::clamp(ui.flow_days, 1, 3650);
  if (ui.flow_cached_days != ui.flow_days) {
    ui.flow_cached_days = ui.flow_days;
    c.has_flow = false;
    RfmQuery q;
    q.snapshot = rfm.snapshot - ui.flow_days;
    if (q.snapshot > ds.order_days().first) {
      // Both snapshots computed when the days change (the section keeps no RFM rows).
      auto before = compute_rfm(ds, q);
      auto now = compute_rfm(ds, rfm.query);
      if (before && now) {
        c.flow = rfm_flow(ds, *before, *now);
        c.has_flow = true;
      }
    }
  }
  if (!c.has_flow) return;
  constexpr int n = kSegmentCount + 1;
  if (begin_fit_table("flow", n + 1, kTable | ImGuiTableFlags_ScrollX)) {
    ImGui::TableSetupColumn(tr(S::members_flow_from_to));
    for (int t = 0; t < n; ++t) ImGui::TableSetupColumn(t < kSegmentCount ? segment_label(static_cast<Segment>(t)) : tr(S::members_not_scored));
    ImGui::TableHeadersRow();
    for (int f = 0; f < n; ++f) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(f < kSegmentCount ? segment_label(static_cast<Segment>(f)) : tr(S::members_not_scored));
      for (int t = 0; t < n; ++t) {
        ImGui::TableNextColumn();
        const int64_t v = c.flow.flow[static_cast<size_t>(f)][static_cast<size_t>(t)];
        if (v == 0) continue;
        if (f == t) ImGui::TextDisabled("%s", format_int(v, lang).c_str());
        else ImGui::TextUnformatted(format_int(v, lang).c_str());
      }
    }
    end_fit_table();
  }
}

// ---- lifetime value -------------------------------------------------------------------------

namespace {

void start_fit(PanelContext& cx, MembersUi& ui) {
  ui.clv_error.clear();
  ui.clv_cancelled = false;
  ui.clv.reset();
  ui.clv_revision = cx.ws.revision();
  ui.clv_model = ui.model;
  auto f = ClvFitter::start(cx.ws.dataset(), members_clv_query(cx.ws.dataset(), ui.model));
  if (!f) {
    ui.clv_error = error_text(f.error(), language());
    return;
  }
  auto job = std::make_shared<MembersClvJob>();
  job->fitter = std::move(*f);
  job->running = true;
  ui.clv_job = std::move(job);
}

void advance_fit(PanelContext& cx, MembersUi& ui) {
  MembersClvJob& job = *ui.clv_job;
  AdaptiveSlice::Frame frame(job.slice);
  const bool done = job.fitter.step(job.slice.size());
  frame.adapt();
  if (done) {
    ui.clv = std::make_shared<ClvFit>(std::move(job.fitter.result()));
    ui.clv_job.reset();
  }
  cx.keep_drawing = true;
}

// Grouped bars: predicted and actual mean holdout purchases per calibration-purchase bucket.
void holdout_chart(const ClvFit& f) {
  const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 12);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("holdout_chart", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double hi = 0;
  for (const ClvBucket& b : f.by_frequency) hi = std::max({hi, b.predicted, b.actual});
  if (hi <= 0) hi = 1;
  // The axis runs to the top tick (it can be above the highest bar): a tick above `hi` was drawn
  // above the chart, over the text line before it.
  const std::vector<double> ticks = nice_ticks(0, hi, 4);
  hi = std::max(hi, ticks.back());
  const float fs = ImGui::GetFontSize();
  const float left = p0.x + fs * 3, bottom = p0.y + size.y - fs * 1.6f, top = p0.y + fs;
  const size_t n = f.by_frequency.size();
  const float cw = (p0.x + size.x - left) / static_cast<float>(std::max<size_t>(n, 1));
  const ImU32 cp = palette(0), ca = palette(1), grid = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (double t : ticks) {
    const float y = bottom - static_cast<float>(t / hi) * (bottom - top);
    dl->AddLine(ImVec2(left, y), ImVec2(p0.x + size.x, y), grid & 0x40FFFFFFu);
    const std::string s = num(t, "%.2g");
    dl->AddText(ImVec2(p0.x, y - fs * 0.5f), grid, s.c_str());
  }
  for (size_t i = 0; i < n; ++i) {
    const ClvBucket& b = f.by_frequency[i];
    const float x0 = left + cw * static_cast<float>(i) + cw * 0.15f, bw = cw * 0.35f;
    const float yp = bottom - static_cast<float>(b.predicted / hi) * (bottom - top);
    const float ya = bottom - static_cast<float>(b.actual / hi) * (bottom - top);
    dl->AddRectFilled(ImVec2(x0, yp), ImVec2(x0 + bw, bottom), cp);
    dl->AddRectFilled(ImVec2(x0 + bw, ya), ImVec2(x0 + 2 * bw, bottom), ca);
    const std::string lab = i + 1 == n ? std::to_string(b.x) + "+" : std::to_string(b.x);
    dl->AddText(ImVec2(x0 + bw * 0.7f, bottom + fs * 0.2f), ImGui::GetColorU32(ImGuiCol_Text), lab.c_str());
  }
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetIO().MousePos.x;
    const int i = static_cast<int>((mx - left) / cw);
    if (i >= 0 && static_cast<size_t>(i) < n) {
      const ClvBucket& b = f.by_frequency[static_cast<size_t>(i)];
      ImGui::SetTooltip("%s %d%s: %s %s\n%s %s  %s %s", tr(S::members_col_x), b.x, static_cast<size_t>(i) + 1 == n ? "+" : "",
                        format_int(b.customers, language()).c_str(), tr(S::members_col_customers), tr(S::members_predicted),
                        num(b.predicted, "%.3f").c_str(), tr(S::members_actual), num(b.actual, "%.3f").c_str());
    }
  }
  ImGui::ColorButton("##p", ImGui::ColorConvertU32ToFloat4(cp), ImGuiColorEditFlags_NoTooltip, ImVec2(fs, fs));
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(S::members_predicted));
  ImGui::SameLine();
  ImGui::ColorButton("##a", ImGui::ColorConvertU32ToFloat4(ca), ImGuiColorEditFlags_NoTooltip, ImVec2(fs, fs));
  ImGui::SameLine();
  ImGui::TextUnformatted(tr(S::members_actual));
}

void draw_too_few(const Dataset& ds, const ClvFit& f) {
  const Lang lang = language();
  text_wrapped(tr(S::members_too_few_fmt), format_int(f.n_repeaters, lang).c_str(), format_date(f.query.calibration_end, lang).c_str(),
                     format_int(f.query.min_repeaters, lang).c_str());
  (void)ds;
  if (!begin_fit_table("rates", 4, kTable)) return;
  header_row({{S::members_col_quiet, nullptr},
              {S::members_col_reached, nullptr},
              {S::members_col_repeated, nullptr},
              {S::members_col_rate, tr(S::members_tip_rate)}});
  for (const RepeatRate& r : f.repeat_rates) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (r.to_days < 0) ImGui::Text(tr(S::members_quiet_open_fmt), r.from_days);
    else ImGui::Text(tr(S::members_quiet_fmt), r.from_days, r.to_days - 1);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_int(r.reached, lang).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_int(r.repeated, lang).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(std::isfinite(r.rate) ? format_percent(r.rate, 1).c_str() : "—");
  }
  end_fit_table();
}

void draw_fit(PanelContext& cx, const ClvFit& f) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  if (f.code == FitCode::too_few_repeaters) {
    draw_too_few(ds, f);
    return;
  }
  text_wrapped(tr(S::members_fit_code_fmt), fit_code_label(f.code), f.iterations, num(f.grad_norm, "%.1e").c_str());
  const bool bg = f.query.model == ClvModel::bgnbd;
  const char* names[4] = {"r", "α", bg ? "a" : "s", bg ? "b" : "β"};  // as the papers write them
  if (begin_fit_table("params", 3, kTable, ImVec2(ImGui::GetFontSize() * 24, 0))) {
    header_row({{S::members_col_param, tr(S::members_model_tip)}, {S::members_col_value, nullptr}, {S::members_col_se, tr(S::members_tip_se)}});
    for (size_t i = 0; i < 4; ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(names[i]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(f.params[i], "%.5g").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(f.se[i], "%.3g").c_str());
    }
    end_fit_table();
  }
  ImGui::Text(tr(S::members_loglik_fmt), num(f.loglik, "%.3f").c_str(), format_int(f.n_customers, lang).c_str(),
              format_int(f.n_repeaters, lang).c_str());
  item_tooltip(tr(S::members_loglik_tip));
  text_wrapped(tr(S::members_spend_fmt), format_int(f.spend_n, lang).c_str(), num(f.spend[0], "%.4g").c_str(),
                     num(f.spend[1], "%.4g").c_str(), num(f.spend[2], "%.4g").c_str(), num(f.spend_loglik, "%.3f").c_str());
  item_tooltip(tr(S::members_spend_tip));
  if (f.spend_code != FitCode::converged) ImGui::TextDisabled("%s", fit_code_label(f.spend_code));
  if (f.has_holdout) {
    ImGui::Text(tr(S::members_holdout_fmt), num(f.holdout_predicted, "%.1f").c_str(), format_int(f.holdout_actual, lang).c_str());
    item_tooltip(tr(S::members_holdout_tip));
    heading(tr(S::members_holdout_chart), tr(S::members_holdout_tip));
    holdout_chart(f);
  }
  // Per customer, by CLV descending (the most valuable first: the fit's by_clv); each visible
  // row's figures are derived from the fit when drawn (clv_figures), not kept per customer.
  const std::vector<int32_t>& order = f.by_clv;
  const float h = ImGui::GetTextLineHeightWithSpacing() * 14;
  if (!begin_fit_table("clv_customers", 8, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  header_row({{S::members_col_customer, nullptr},
              {S::members_col_x, tr(S::members_tip_x)},
              {S::members_col_tx, tr(S::members_tip_tx)},
              {S::members_col_T, tr(S::members_tip_T)},
              {S::members_col_alive, tr(S::members_tip_alive)},
              {S::members_col_expected, tr(S::members_tip_expected)},
              {S::members_col_value_exp, tr(S::members_tip_value)},
              {S::members_col_clv, tr(S::members_tip_clv)}});
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(order.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const ClvCustomer& cu = f.customers[static_cast<size_t>(order[static_cast<size_t>(k)])];
      const ClvFigures g = clv_figures(f, cu);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.customer_id[static_cast<size_t>(cu.customer)].c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", cu.x);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(cu.t_x_days / 7.0, "%.1f").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(cu.T_days / 7.0, "%.1f").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(g.p_alive, "%.3f").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(g.expected_purchases, "%.2f").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_d(g.expected_value).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_d(g.clv).c_str());
    }
  end_fit_table();
}

}  // namespace

void draw_members_clv(PanelContext& cx, MembersUi& ui, MembersCache&) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const char* models[] = {tr(S::members_model_bgnbd), tr(S::members_model_pnbd)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::Combo(tr(S::members_model), &ui.model, models, 2);
  item_tooltip(tr(S::members_model_tip));
  const ClvQuery q = members_clv_query(ds, ui.model);
  text_wrapped(tr(S::members_calibration_fmt), format_date(q.calibration_end, lang).c_str(), format_date(*q.holdout_end, lang).c_str());
  const bool stale = ui.clv_revision != cx.ws.revision() || ui.clv_model != ui.model;
  if (ui.clv_job && stale) ui.clv_job.reset();
  if (!ui.clv_job && stale && !ui.clv_cancelled) start_fit(cx, ui);
  if (ui.clv_job) {
    advance_fit(cx, ui);
    if (ui.clv_job) {
      ImGui::TextUnformatted(tr(S::members_fitting));
      if (progress_with_cancel(static_cast<float>(ui.clv_job->fitter.progress()), ImGui::GetFontSize() * 20, nullptr, true)) {
        ui.clv_job.reset();
        ui.clv_cancelled = true;
        ui.clv_revision = -1;
      }
      return;
    }
  }
  if (ui.clv_cancelled || (!ui.clv && ui.clv_error.empty())) {
    if (ui.clv_cancelled) ImGui::TextDisabled("%s", tr(S::members_fit_cancelled));
    if (ImGui::Button(tr(S::members_fit))) {
      ui.clv_cancelled = false;
      start_fit(cx, ui);
    }
    return;
  }
  if (!ui.clv_error.empty()) {
    text_wrapped("%s", ui.clv_error.c_str());
    return;
  }
  draw_fit(cx, *ui.clv);
}

// ---- tiers ----------------------------------------------------------------------------------

void draw_members_tiers(PanelContext& cx, MembersUi&, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const auto& L = c.tables.programme.tiers.levels;
  const ProgrammeResult& pr = c.t.programme;
  const MemberTable& t = c.t;
  text_wrapped(tr(S::members_tiers_as_of_fmt), format_date(pr.as_of, lang).c_str());
  if (begin_fit_table("tiers", 8, kTable)) {
    header_row({{S::members_col_tier, tr(S::members_tip_tier)},
                {S::members_col_min_spend, tr(S::members_tip_spend12)},
                {S::members_col_min_orders, nullptr},
                {S::members_col_discount, nullptr},
                {S::members_col_multiplier, nullptr},
                {S::members_col_free_ship, nullptr},
                {S::members_col_customers, tr(S::members_tip_tier_members)},
                {S::members_col_share, nullptr}});
    int64_t total = 0;
    for (int64_t n : pr.tier_counts) total += n;
    for (size_t i = 0; i < L.size(); ++i) {
      const TierLevel& lv = L[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lv.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lv.min_spend > 0 ? format_money(lv.min_spend, lang).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lv.min_orders > 0 ? format_int(lv.min_orders, lang).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lv.discount_bp > 0 ? percent_bp(lv.discount_bp).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(static_cast<double>(lv.points_multiplier_bp) / 10000.0, "x%.2g").c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lv.free_shipping ? tr(S::members_yes) : "—");
      const int64_t n = i < pr.tier_counts.size() ? pr.tier_counts[i] : 0;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(n, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_percent(total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0, 1).c_str());
    }
    end_fit_table();
  }
  heading(tr(S::members_close), tr(S::members_close_tip));
  // Members below the top level, by spend still to go (the gap derived from the tier, the
  // 12-month figures and the scheme).
  auto gap_of = [&](size_t cu) { return tier_gap(c.tables.programme.tiers, t.tier[cu], t.spend_12m[cu], t.orders_12m[cu]); };
  std::vector<int32_t> close;
  for (size_t cu = 0; cu < t.size(); ++cu)
    if (t.tier[cu] >= 0 && static_cast<size_t>(t.tier[cu]) + 1 < L.size()) close.push_back(static_cast<int32_t>(cu));
  auto gap = [&](int32_t i) {
    const Money m = gap_of(static_cast<size_t>(i)).spend_to_next;
    return m > 0 ? m : INT64_MAX;
  };
  std::stable_sort(close.begin(), close.end(), [&](int32_t a, int32_t b) { return gap(a) < gap(b); });
  const float h = ImGui::GetTextLineHeightWithSpacing() * 16;
  if (!begin_fit_table("close", 6, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  header_row({{S::members_col_customer, nullptr},
              {S::members_col_tier, nullptr},
              {S::members_col_next, nullptr},
              {S::members_col_spend12, tr(S::members_tip_spend12)},
              {S::members_col_to_next, tr(S::members_close_tip)},
              {S::members_col_orders_to_next, nullptr}});
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(close.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const size_t cu = static_cast<size_t>(close[static_cast<size_t>(k)]);
      const TierGap g = gap_of(cu);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ds.customer_id[cu].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(L[static_cast<size_t>(t.tier[cu])].name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(L[static_cast<size_t>(g.next_tier)].name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(t.spend_12m[cu], lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(g.spend_to_next > 0 ? format_money(g.spend_to_next, lang).c_str() : "—");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(g.orders_to_next > 0 ? format_int(g.orders_to_next, lang).c_str() : "—");
    }
  end_fit_table();
}

// ---- points ---------------------------------------------------------------------------------

void draw_members_points(PanelContext& cx, MembersUi& ui, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  const ProgrammeResult& pr = c.t.programme;
  const MemberTable& t = c.t;
  text_wrapped(tr(S::members_outstanding_fmt), format_int(pr.outstanding_points, lang).c_str(),
                     format_money(pr.outstanding_value, lang).c_str());
  item_tooltip(tr(S::members_outstanding_tip));
  const float h = ImGui::GetTextLineHeightWithSpacing() * 14;
  heading(tr(S::members_balances), tr(S::members_tip_points));
  std::vector<int32_t> by_points;  // customer indices
  for (size_t cu = 0; cu < t.size(); ++cu)
    if (t.tier[cu] >= 0 && t.points[cu] != 0) by_points.push_back(static_cast<int32_t>(cu));
  std::stable_sort(by_points.begin(), by_points.end(),
                   [&](int32_t a, int32_t b) { return t.points[static_cast<size_t>(a)] > t.points[static_cast<size_t>(b)]; });
  if (begin_fit_table("balances", 3, kTable | ImGuiTableFlags_ScrollY, ImVec2(ImGui::GetFontSize() * 28, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    header_row({{S::members_col_customer, nullptr}, {S::members_col_points, tr(S::members_tip_points)}, {S::members_col_amount, tr(S::members_outstanding_tip)}});
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(by_points.size()));
    while (clip.Step())
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const int32_t customer = by_points[static_cast<size_t>(k)];
        const int64_t points = t.points[static_cast<size_t>(customer)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(k);
        if (ImGui::Selectable(ds.customer_id[static_cast<size_t>(customer)].c_str(), ui.points_customer == customer,
                              ImGuiSelectableFlags_SpanAllColumns))
          ui.points_customer = customer;
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_int(points, lang).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(points * c.tables.programme.points.point_value_minor, lang).c_str());
      }
    end_fit_table();
  }
  heading(tr(S::members_ledger));
  ImGui::TextDisabled(tr(S::members_n_entries_fmt), format_int(pr.entry_count, lang).c_str());
  if (ui.points_customer < 0 || static_cast<size_t>(ui.points_customer) >= ds.customer_id.size()) {
    ImGui::TextDisabled("%s", tr(S::members_ledger_pick));
    return;
  }
  const std::vector<PointsEntry>& entries = members_ledger_of(ds, c, ui.points_customer);
  if (!begin_fit_table("ledger", 6, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  header_row({{S::members_col_day, nullptr},
              {S::members_col_customer, nullptr},
              {S::members_col_kind, nullptr},
              {S::members_col_delta, nullptr},
              {S::members_col_reason, nullptr},
              {S::members_col_order, nullptr}});
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(entries.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      // Newest first.
      members_entry_row(ds, entries[entries.size() - 1 - static_cast<size_t>(k)], true);
    }
  end_fit_table();
}

// ---- tags and segments ----------------------------------------------------------------------

namespace {

std::string rule_text(const TagRule& r) {
  std::string b;
  switch (r.kind) {
    case TagKind::bought_category: b = strf(tr(S::members_rule_category_fmt), r.category.c_str(), static_cast<int>(r.min_times)); break;
    case TagKind::refund_rate_over: b = strf(tr(S::members_rule_refund_fmt), percent_bp(r.bp).c_str()); break;
    case TagKind::coupon_share_over: b = strf(tr(S::members_rule_coupon_fmt), percent_bp(r.bp).c_str()); break;
    case TagKind::ordered_within_days: b = strf(tr(S::members_rule_within_fmt), r.days); break;
    case TagKind::birthday_this_month: return tr(S::members_rule_birthday);
  }
  return b;
}

Table segment_table(const Dataset& ds, const SegmentResult& s) {
  Table t;
  t.columns = {"customer_id", "orders", "sales", "first_order", "last_order"};
  for (const SegmentMember& m : s.members)
    t.rows.push_back({Cell::text(ds.customer_id[static_cast<size_t>(m.customer)]), Cell::integer(m.orders), Cell::money(m.sales),
                      Cell::day(m.first_order), Cell::day(m.last_order)});
  return t;
}

// A column of checkboxes in a scrolling child; `picks` sized to `n`.
template <class Label>
void pick_list(const char* id, const char* title_text, int n, std::vector<uint8_t>& picks, Label label) {
  picks.resize(static_cast<size_t>(n), 0);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(title_text);
  ImGui::BeginChild(id, ImVec2(ImGui::GetFontSize() * 11, ImGui::GetFontSize() * 9), true, ImGuiWindowFlags_HorizontalScrollbar);  // long names scroll, never cut (#9 item 9)
  for (int i = 0; i < n; ++i) {
    bool v = picks[static_cast<size_t>(i)] != 0;
    ImGui::PushID(i);
    if (ImGui::Checkbox(label(i), &v)) picks[static_cast<size_t>(i)] = v ? 1 : 0;
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::EndGroup();
}

}  // namespace

void draw_members_segments(PanelContext& cx, MembersUi& ui, MembersCache& c) {
  const Dataset& ds = cx.ws.dataset();
  const Lang lang = language();
  // Tags with their rules and counts.
  heading(tr(S::members_tags_count), tr(S::members_tip_tags));
  if (begin_fit_table("tags", 3, kTable)) {
    header_row({{S::members_col_name, nullptr}, {S::members_col_rule, nullptr}, {S::members_col_customers, tr(S::members_tip_tag_count)}});
    for (size_t i = 0; i < c.tag_names.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.tag_names[i].c_str());
      ImGui::TableNextColumn();
      auto it = std::find_if(c.tables.tag_rules.begin(), c.tables.tag_rules.end(), [&](const TagRule& r) { return r.tag == c.tag_names[i]; });
      ImGui::TextUnformatted(it != c.tables.tag_rules.end() ? rule_text(*it).c_str() : tr(S::members_rule_manual));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(c.tag_counts[i], lang).c_str());
    }
    end_fit_table();
  }
  heading(tr(S::members_saved_segments), tr(S::members_tip_seg_count));
  if (begin_fit_table("saved", 4, kTable)) {
    header_row({{S::members_col_name, nullptr},
                {S::members_col_customers, tr(S::members_tip_seg_count)},
                {S::members_col_sales, tr(S::members_tip_seg_sales)},
                {S::members_export_what, nullptr}});
    for (size_t i = 0; i < c.tables.segments.size(); ++i) {
      const StoredSegment& s = c.tables.segments[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(c.saved[i].count, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_money(c.saved[i].revenue, lang).c_str());
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      // The members are evaluated when exported (the section keeps each segment's count and sales).
      cx.export_buttons("segment-" + s.id, [&ds, &s, &c] { return segment_table(ds, evaluate_segment(ds, s.filter, c.t)); });
      ImGui::PopID();
    }
    end_fit_table();
  }
  heading(tr(S::members_builder));
  text_wrapped("%s", tr(S::members_builder_help));
  const auto& L = c.tables.programme.tiers.levels;
  pick_list("b_rfm", tr(S::members_col_segment), kSegmentCount, ui.pick_rfm, [](int i) { return segment_label(static_cast<Segment>(i)); });
  ImGui::SameLine();
  pick_list("b_tier", tr(S::members_col_tier), static_cast<int>(L.size()), ui.pick_tier, [&](int i) { return L[static_cast<size_t>(i)].name.c_str(); });
  ImGui::SameLine();
  pick_list("b_tag", tr(S::members_col_tags), static_cast<int>(c.tag_names.size()), ui.pick_tag,
            [&](int i) { return c.tag_names[static_cast<size_t>(i)].c_str(); });
  ImGui::SameLine();
  pick_list("b_region", tr(S::members_col_region), ds.regions.size(), ui.pick_region,
            [&](int i) { return ds.regions.names[static_cast<size_t>(i)].c_str(); });
  ImGui::SameLine();
  std::vector<std::string> chan_labels;
  for (const std::string& n : ds.channels.names) chan_labels.push_back(source_label(n, lang));
  pick_list("b_chan", tr(S::members_col_channel), ds.channels.size(), ui.pick_channel,
            [&](int i) { return chan_labels[static_cast<size_t>(i)].c_str(); });
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr(S::members_last_within), &ui.last_within_days, 30, 90);
  ui.last_within_days = std::clamp(ui.last_within_days, 0, 36500);
  SegmentFilter f;
  for (int i = 0; i < kSegmentCount; ++i)
    if (ui.pick_rfm[static_cast<size_t>(i)]) f.rfm.push_back(static_cast<Segment>(i));
  for (size_t i = 0; i < L.size(); ++i)
    if (ui.pick_tier[i]) f.tiers.push_back(L[i].name);
  for (size_t i = 0; i < c.tag_names.size(); ++i)
    if (ui.pick_tag[i]) f.tags.push_back(c.tag_names[i]);
  for (size_t i = 0; i < ds.regions.names.size(); ++i)
    if (ui.pick_region[i]) f.regions.push_back(ds.regions.names[i]);
  for (size_t i = 0; i < ds.channels.names.size(); ++i)
    if (ui.pick_channel[i]) f.channels.push_back(ds.channels.names[i]);
  if (ui.last_within_days > 0) f.last_order_from = ds.order_days().last - ui.last_within_days + 1;
  // Live: evaluated every frame the builder shows (one pass over the orders).
  const SegmentResult live = evaluate_segment(ds, f, c.t);
  ImGui::Text(tr(S::members_live_fmt), format_int(live.count, lang).c_str(), format_money(live.revenue, lang).c_str());
  item_tooltip(tr(S::members_tip_seg_count));
  ImGui::SameLine();
  cx.export_buttons("segment-draft", [&ds, live] { return segment_table(ds, live); }, tr(S::members_export_what));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  input_text(tr(S::members_segment_name), ui.segment_name);
  ImGui::SameLine();
  ImGui::BeginDisabled(cx.ws.readonly() || cx.ws.busy());
  if (ImGui::Button(tr(S::members_save_segment))) {
    std::string name = ui.segment_name;
    if (name.empty()) {
      ui.segment_message = tr(S::members_name_needed);
    } else {
      StoredSegment s;
      s.id = name;
      s.name = name;
      s.filter = f;
      if (auto st = cx.ws.save_member_segment(s); !st) cx.report_error(st.error());
      else {
        std::string b;
        b = strf(tr(S::members_saved_fmt), name.c_str());
        ui.segment_message = b;
      }
    }
  }
  ImGui::EndDisabled();
  if (!ui.segment_message.empty()) ImGui::TextDisabled("%s", ui.segment_message.c_str());
}

}  // namespace shopkeeper::ui
