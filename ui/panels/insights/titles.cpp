// Insights, titles tab: each product's listing-title findings (what and why), the seller's
// banned-term list (stored in settings; the default list ships in assets/insights) and the keyword
// coverage from a pasted keyword report (stored in settings) with missing valuable keywords.
#include <imgui.h>

#include <cstdio>
#include <cstdlib>

#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/panels/insights/tabs.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui::insights_panel {

namespace {

// One finding in words: what is wrong and why it matters.
std::string finding_words(const insights::TitleFinding& f) {
  auto p = [&](size_t i) { return i < f.params.size() ? f.params[i].c_str() : ""; };
  std::string b;
  const char* t = nullptr;
  if (f.code == "too_long") t = tr(S::insights_f_too_long);
  else if (f.code == "room_unused") t = tr(S::insights_f_room_unused);
  else if (f.code == "missing_category_word") t = tr(S::insights_f_missing_category);
  else if (f.code == "missing_brand") t = tr(S::insights_f_missing_brand);
  else if (f.code == "missing_attribute") t = tr(S::insights_f_missing_attribute);
  else if (f.code == "unrelated_word") t = tr(S::insights_f_unrelated_word);
  else if (f.code == "stress_symbols") t = tr(S::insights_f_stress_symbols);
  else if (f.code == "unusual_script") t = tr(S::insights_f_unusual_script);
  else if (f.code == "repeated_word") t = tr(S::insights_f_repeated_word);
  else if (f.code == "banned_term") t = tr(S::insights_f_banned_term);
  else if (f.code == "duplicate_title") t = tr(S::insights_f_duplicate);
  else if (f.code == "near_duplicate") t = tr(S::insights_f_near_duplicate);
  if (f.code == "missing_keyword") {
    const double conv = std::atof(p(2));
    b = strf(tr(S::insights_f_missing_keyword), p(0), p(1), format_percent(conv, 2).c_str());
    return b;
  }
  if (f.code == "low_conversion") {
    b = strf(tr(S::insights_f_low_conversion), p(0), format_percent(std::atof(p(1)), 2).c_str(),
             format_percent(std::atof(p(2)), 2).c_str());
    return b;
  }
  if (!t) return f.code;
  b = strf(t, p(0), p(1));
  return b;
}

void load(PanelContext& cx, InsightsTitlesUi& t) {
  t.banned = insights::banned_terms_from_setting(cx.ws.setting(insights::kBannedTermsKey));
  t.keywords.clear();
  t.keywords_error.clear();
  const std::string report = cx.ws.setting(insights::kKeywordReportKey);
  if (!report.empty()) {
    InputIssue why;
    auto k = insights::parse_keywords(report, &why);
    if (k) t.keywords = std::move(*k);
    else t.keywords_error = error_text(k.error(), why, language());
  }
  auto attrs = cx.ws.product_attributes();
  if (!attrs) cx.report_error(attrs.error());  // titles are still checked, without the attribute checks
  auto traffic = cx.ws.sku_traffic();  // the product report: low_conversion
  if (!traffic) cx.report_error(traffic.error());
  t.reports = insights::check_titles(cx.ws.dataset(), attrs ? *attrs : std::vector<insights::ProductAttributes>{}, t.keywords,
                                     t.banned, traffic ? &*traffic : nullptr);
  t.with_findings = 0;
  for (const auto& r : t.reports)
    if (!r.findings.empty()) ++t.with_findings;
  t.revision = cx.ws.revision();
}

void save_banned(PanelContext& cx, const std::vector<std::string>& terms) {
  Status st = cx.ws.set_setting(insights::kBannedTermsKey, insights::banned_terms_to_setting(terms));
  if (!st) cx.report_error(st.error());
}

void draw_banned(PanelContext& cx, InsightsTitlesUi& t) {
  if (!ImGui::CollapsingHeader(tr(S::insights_banned_header))) return;
  text_wrapped("%s", tr(S::insights_banned_help));
  const bool disabled = cx.ws.readonly() || cx.ws.busy();
  if (disabled) ImGui::BeginDisabled();
  std::vector<std::string> terms = t.banned;
  int remove = -1;
  for (size_t i = 0; i < terms.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (i > 0 && ImGui::GetItemRectMax().x + ImGui::CalcTextSize(terms[i].c_str()).x + 40 <
                     ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine();
    if (ImGui::SmallButton((terms[i] + "  x").c_str())) remove = static_cast<int>(i);
    item_tooltip(tr(S::insights_banned_remove));
    ImGui::PopID();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  const bool enter = input_text("##term", t.new_term, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(tr(S::insights_banned_add)) || enter) && insights::add_banned_term(terms, t.new_term)) {
    t.new_term.clear();
    save_banned(cx, terms);
  }
  ImGui::SameLine();
  if (ImGui::Button(tr(S::insights_banned_reset))) save_banned(cx, insights::default_banned_terms());
  item_tooltip(tr(S::insights_banned_reset_tip));
  if (remove >= 0) {
    terms.erase(terms.begin() + remove);
    save_banned(cx, terms);
  }
  if (disabled) ImGui::EndDisabled();
}

void draw_keywords(PanelContext& cx, InsightsTitlesUi& t) {
  if (!ImGui::CollapsingHeader(tr(S::insights_keywords_header))) return;
  text_wrapped("%s", tr(S::insights_keywords_help));
  std::string& paste = t.paste;
  input_text_multiline("##kw", paste, -1, ImGui::GetFontSize() * 5);
  const bool disabled = cx.ws.readonly() || cx.ws.busy();
  if (disabled) ImGui::BeginDisabled();
  if (ImGui::Button(tr(S::insights_keywords_import))) {
    InputIssue why;
    auto k = insights::parse_keywords(paste, &why);
    if (!k) {
      t.keywords_error = error_text(k.error(), why, language());
    } else {
      Status st = cx.ws.set_setting(insights::kKeywordReportKey, paste);
      if (!st) cx.report_error(st.error());
      paste.clear();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(tr(S::insights_keywords_clear))) {
    Status st = cx.ws.set_setting(insights::kKeywordReportKey, "");
    if (!st) cx.report_error(st.error());
  }
  if (disabled) ImGui::EndDisabled();
  if (!t.keywords_error.empty()) text_wrapped(tr(S::insights_keywords_error), t.keywords_error.c_str());
}

void draw_table(PanelContext& cx, InsightsTitlesUi& t) {
  std::vector<int> rows;
  for (size_t i = 0; i < t.reports.size(); ++i)
    if (!t.only_findings || !t.reports[i].findings.empty()) rows.push_back(static_cast<int>(i));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!begin_fit_table("titles", 5, flags, ImVec2(0, 0), 4, ImGui::GetFontSize() * 14)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const S cols[5] = {S::insights_col_sku, S::insights_col_title, S::insights_col_bytes, S::insights_col_coverage, S::insights_col_findings};
  const S tips[5] = {S::count_, S::count_, S::insights_tip_bytes, S::insights_tip_coverage, S::insights_tip_findings};
    // The findings wrap in what the other columns leave; those are as wide as they need.
  for (int c = 0; c < 5; ++c)
    ImGui::TableSetupColumn(tr(cols[c]), c == 4 ? ImGuiTableColumnFlags_WidthFixed : 0, c == 4 ? fit_table_wrap_width() : 0.0f);
  header_row(5, tips);
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(rows.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const insights::TitleReport& r = t.reports[static_cast<size_t>(rows[static_cast<size_t>(i)])];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.sku.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.title.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.bytes);
      ImGui::TableNextColumn();
      if (r.keyword_coverage >= 0) ImGui::TextUnformatted(format_percent(r.keyword_coverage).c_str());
      else ImGui::TextDisabled("-");
      ImGui::TableNextColumn();
      std::string words;
      for (const auto& f : r.findings) words += (words.empty() ? "" : "\n") + finding_words(f);
      if (words.empty()) ImGui::TextDisabled("%s", tr(S::insights_title_ok));
      else text_wrapped("%s", words.c_str());
    }
  end_fit_table();
}

}  // namespace

void draw_titles(PanelContext& cx, InsightsUi& ui) {
  InsightsTitlesUi& t = ui.titles;
  if (t.revision != cx.ws.revision()) load(cx, t);
  const Lang lang = language();
  text_wrapped("%s", tr(S::insights_titles_help));
  ImGui::Text(tr(S::insights_titles_summary), format_int(static_cast<int64_t>(t.reports.size()), lang).c_str(),
              format_int(t.with_findings, lang).c_str());
  item_tooltip(tr(S::insights_tip_findings));
  ImGui::SameLine(0, 16);
  if (t.keywords.empty()) ImGui::TextDisabled("%s", tr(S::insights_keywords_none));
  else ImGui::TextDisabled(tr(S::insights_keywords_count), format_int(static_cast<int64_t>(t.keywords.size()), lang).c_str());
  draw_banned(cx, t);
  draw_keywords(cx, t);
  ImGui::Checkbox(tr(S::insights_only_findings), &t.only_findings);
  draw_table(cx, t);
}

}  // namespace shopkeeper::ui::insights_panel
