// Data section: import (read in slices across frames, then written in slices inside one
// transaction held open across frames, with every rejected row listed), the import log, data quality, export, and what the store holds.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/base/file.h"
#include "core/io/importer.h"
#include "core/io/quality.h"
#include "core/io/currency_sniff.h"
#include "core/io/sniff.h"
#include "core/base/currency.h"
#include "core/io/table.h"
#include "core/shops/shops.h"
#include "ui/panels/shops.h"
#include "ui/i18n/format.h"
#include "ui/i18n/issues.h"
#include "ui/i18n/names.h"
#include "ui/panels/data.h"
#include "ui/panels/settings.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/sliced_job.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/widgets.h"
#include "ui/widgets/wrap_text.h"

namespace shopkeeper::ui {

// Work per frame, reading and writing alike: the slice (rows read, then units written) starts
// at 2000 and adapts so that one frame's share takes about 40 ms (the same file reads and writes
// ~3x slower in the browser than natively, and machines differ), or twice the rest of the frame
// when drawing itself is slow (software WebGL); never over 150 ms.
constexpr AdaptiveSlice::Limits kImportSlice{2000, 200, 200000, 40.0, 150.0};

// Cancelling goes through the importer (it rolls back a commit in progress), so the job's own
// `cancelled` flag stays unused.
struct ImportJob : SlicedJob {
  Importer importer;
  ImportOptions options;
  std::string path;
  // The currency the file's amounts are written in (issue #9 item 7), read from its plan, and
  // whether that refuses the import (a store with data in another currency, two currencies).
  FileCurrency currency;
  bool currency_refused = false;
  bool persist_held = false;
  AdaptiveSlice slice{kImportSlice};
  ImportProgress progress;
  // The shop the import is tagged with (issue #16; "" = the own shop), as typed and as applied
  // to `options.shop_id` (the slot is saved as a shop once the import commits).
  std::string shop_name, shop_applied;
  shops::ShopSlot shop_slot;
};

struct ImportReportView {
  ImportReport report;
};

struct QualityView {
  QualityReport report;
};

// A file refused for its encoding (issue #9 item 8): its first lines decoded each plausible
// way, so the seller picks the one that reads right and the import is read again with it.
struct EncodingChoice {
  std::string path, name;
  std::string refused;  // the encoding that failed (the one asked for or detected)
  std::vector<EncodingPreview> previews;
};

namespace {

const char* kEncodings[] = {"auto", "utf-8", "utf-16le", "utf-16be", "gbk", "gb18030", "big5"};
const char* kTargets[] = {"orders", "order_lines", "refunds", "products", "customers", "traffic", "ad_spend",
                          "product_traffic", "keyword_traffic"};
// An import's refusal as the notice says it: in English the importer's own message (file name
// included), in Chinese "<file>：" and the code worded (ui/i18n/names.cpp), or the Error's input
// issue worded (a workbook's problems, ui/i18n/issues.cpp).
std::string refusal_text(const std::string& file, const FileRefusal& r, const RowError& row, const Error& e,
                         const InputIssue& workbook = {}) {
  const Lang lang = language();
  if (lang == Lang::en) return e.message;
  if (r.empty()) return error_text(e, workbook, lang);  // a workbook's problem: its issue names the file
  return file + "：" + file_refusal_text(r, row, lang);
}
std::string refusal_text(const ImportJob& job, const Error& e) {
  return refusal_text(job.options.file_name, job.importer.refusal(), job.importer.refused_row(), e, job.importer.input_issue());
}

// Whether the file's currency refuses the import: two currencies in it, or another currency
// than the one of a store that already holds data (an empty store may still change its own).
bool currency_refuses(PanelContext& cx, const FileCurrency& f) {
  const CurrencyVerdict v = judge_file_currency(f, cx.ws.money().currency);
  const Counts& n = cx.ws.counts();
  const bool empty = n.orders == 0 && n.products == 0;
  return v.fit == CurrencyFit::mixed || (v.fit == CurrencyFit::differs && !empty);
}

// (Re)reads the file with the job's options and prepares the plan.
void begin_job(PanelContext& cx, DataUi& ui, ImportJob& job) {
  auto bytes = read_file(job.path);
  if (!bytes) {
    cx.notify(std::string(tr(S::data_import_failed)) + ": " +
              refusal_text(job.options.file_name, {FileWhy::cannot_open}, {}, Error{ErrorCode::io_error, "cannot open " + job.path}));
    ui.job.reset();
    return;
  }
  // The seller's list of lines that are not products (Settings), before the preset's rules.
  job.options.line_kind_rules = parse_line_kind_rules(cx.ws.setting(kNonMerchandiseKey)).rules;
  std::string head = bytes->substr(0, 64 * 1024);  // enough for the previews' first lines
  Status st = job.importer.begin(std::move(*bytes), job.options);
  if (st) {
    job.currency = sniff_file_currency(job.importer.plan());
    job.currency_refused = currency_refuses(cx, job.currency);
  }
  if (!st) {
    cx.notify(std::string(tr(S::data_import_failed)) + ": " + refusal_text(job, st.error()));
    const FileRefusal& why = job.importer.refusal();
    if (why.why == FileWhy::bad_utf8 || why.why == FileWhy::bad_bytes) {
      auto choice = std::make_shared<EncodingChoice>();
      choice->path = job.path;
      choice->name = job.options.file_name;
      choice->refused = why.why == FileWhy::bad_utf8 ? "utf-8" : why.a;
      if (sniff_file(head) == FileKind::gzip) {  // the previews read the unpacked text
        if (auto all = read_file(job.path))
          if (auto u = gunzip(*all)) head = u->substr(0, 64 * 1024);
      }
      choice->previews = encoding_previews(head, 5);
      ui.encoding_choice = choice;
    }
    ui.job.reset();
  }
}

}  // namespace

void start_import(PanelContext& cx, DataUi& ui, const std::string& path, const std::string& name,
                  const std::string& encoding) {
  if (cx.ws.readonly()) {
    cx.report_error(tr(S::data_readonly_no_import));
    return;
  }
  if (ui.job && ui.job->running) {  // one import at a time; this one goes on
    cx.report_error(tr(S::import_busy_note));
    return;
  }
  auto job = std::make_shared<ImportJob>();
  job->path = path;
  job->options.file_name = name;
  job->options.encoding = encoding;
  // Amounts are read at the store's scale (JPY whole yen, a --decimals 3 store mills).
  job->options.number.decimals = cx.ws.money().digits;
  job->options.timezone = cx.ws.money().timezone;  // times with an offset land in the store's zone
  ui.job = job;
  ui.report.reset();
  ui.encoding_choice.reset();
  cx.notify({});
  begin_job(cx, ui, *job);
}

namespace {

// The refused file's first lines under each encoding, one button per encoding that decodes.
void draw_encoding_choice(PanelContext& cx, DataUi& ui) {
  auto keep = ui.encoding_choice;  // a choice below replaces it
  const EncodingChoice& c = *keep;
  const Lang lang = language();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  text_wrapped_colored(ImVec4(0.75f, 0.35f, 0.05f, 1), tr(S::data_enc_title), c.name.c_str(), encoding_label(c.refused, lang).c_str());
  ImGui::PopTextWrapPos();
  help_marker(tr(S::data_enc_tip));
  if (ImGui::BeginTable("encodings", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(tr(S::data_import_encoding), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr(S::data_enc_first_lines), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const EncodingPreview& p : c.previews) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(p.encoding.c_str());
      ImGui::BeginDisabled(!p.ok);
      std::string label = strf(tr(S::data_enc_use), encoding_label(p.encoding, lang).c_str());
      bool use = ImGui::Button(label.c_str());
      test_mark(("encoding:" + p.encoding).c_str());
      ImGui::EndDisabled();
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      if (p.ok) wrapped_text(p.text.c_str());
      else text_wrapped_disabled("%s", tr(S::data_enc_fails));
      ImGui::PopTextWrapPos();
      if (use) start_import(cx, ui, c.path, c.name, p.encoding);
    }
    ImGui::EndTable();
  }
  if (ImGui::Button(tr(S::data_enc_dismiss))) ui.encoding_choice.reset();
  ImGui::Spacing();
}

// The file's currency against the store's: nothing when they agree; else a warning with a
// button per currency the file may be in while the store is empty (the first import chooses),
// or the refusal in words when the store already holds data or the file two currencies.
bool draw_file_currency(PanelContext& cx, ImportJob& job) {
  StoreMoney m = cx.ws.money();
  const CurrencyVerdict v = judge_file_currency(job.currency, m.currency);
  const Counts& n = cx.ws.counts();
  const bool empty = n.orders == 0 && n.products == 0;
  job.currency_refused = currency_refuses(cx, job.currency);
  if (v.fit == CurrencyFit::agrees) return false;
  const FileCurrency& f = job.currency;
  const ImVec4 red(0.85f, 0.15f, 0.1f, 1), amber(0.75f, 0.35f, 0.05f, 1);
  std::string codes;
  for (const auto& c : f.codes) codes += (codes.empty() ? "" : "/") + c;
  ImGui::PushTextWrapPos(0.0f);
  if (v.fit == CurrencyFit::mixed) {
    text_wrapped_colored(red, tr(S::data_cur_mixed), f.seen.c_str(), static_cast<int>(f.line), f.second.c_str(),
                       static_cast<int>(f.second_line));
  } else {
    text_wrapped_colored(amber, tr(S::data_cur_differs), codes.c_str(), f.seen.c_str(), static_cast<int>(f.line), m.currency.c_str());
    if (!empty) text_wrapped_colored(red, tr(S::data_cur_refused), m.currency.c_str(), codes.c_str());
  }
  ImGui::PopTextWrapPos();
  if (v.fit != CurrencyFit::differs || !empty || cx.ws.readonly()) return false;
  bool reread = false;
  for (const auto& c : f.codes) {
    const CurrencyInfo* ci = find_currency(c);
    if (!ci) continue;
    if (&c != &f.codes.front()) same_line_if_fits(button_width(strf(tr(S::data_cur_set), ci->code).c_str()));
    std::string label = strf(tr(S::data_cur_set), ci->code);
    if (ImGui::Button(label.c_str())) {
      StoreMoney to = m;
      to.currency = ci->code;
      to.digits = ci->digits;
      Status st = cx.ws.write([&](Writer& w) { return write_store_money(w, to); }, Workspace::Touches::records);
      if (!st) cx.report_error(st.error());
      else job.options.number.decimals = ci->digits, reread = true;  // the amounts are read at the new scale
    }
    test_mark(("set_currency:" + c).c_str());
    item_tooltip(tr(S::data_cur_set_tip));
  }
  return reread;
}

// The typed shop name as the import's shop (`import --shop NAME`): false when refused (more than
// 255 shops), the error shown.
bool apply_import_shop(PanelContext& cx, ImportJob& job) {
  auto slot = cx.ws.resolve_shop(job.shop_name);
  if (!slot) {
    cx.report_error(slot.error());
    job.shop_name = job.shop_applied;
    return false;
  }
  job.shop_slot = *slot;
  job.shop_applied = job.shop_name;
  job.options.shop_id = slot->id;
  return true;
}

// The import's shop: a name field (empty = the own shop); true when a new name was applied and
// the file must be read again with it.
bool draw_import_shop(PanelContext& cx, ImportJob& job) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  input_text(tr(S::shops_import_shop), job.shop_name, 0, tr(S::shops_import_shop_hint));
  const bool edited = ImGui::IsItemDeactivatedAfterEdit();
  test_mark("import_shop");
  help_marker(tr(S::shops_import_shop_tip));
  return edited && job.shop_name != job.shop_applied && apply_import_shop(cx, job);
}

void draw_plan(PanelContext& cx, DataUi& ui, ImportJob& job) {
  const ImportPlan& plan = job.importer.plan();
  ImGui::Text("%s: %s", tr(S::data_import_file), job.options.file_name.c_str());
  bool changed = draw_file_currency(cx, job);
  // The first orders: the store's time zone is chosen with them (docs/timezone.md); times the
  // file writes with an offset are converted into it.
  if (cx.ws.counts().orders == 0 && !cx.ws.readonly()) {
    std::string zone = job.options.timezone;
    if (draw_zone_combo(tr(S::settings_timezone), zone)) {
      Status st = cx.ws.set_setting("timezone", zone);
      if (!st) cx.report_error(st.error());
      else job.options.timezone = zone, changed = true;
    }
    help_marker(tr(S::settings_timezone_tip));
  }
  // Format.
  std::vector<std::string> formats = {"auto"};
  for (const auto& p : presets()) formats.emplace_back(p.name);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  const Lang lang = language();
  const std::string format_shown = job.options.format == "auto"
                                       ? preset_label("auto", lang) + " → " + preset_label(plan.format, lang)
                                       : preset_label(job.options.format, lang);
  if (ImGui::BeginCombo(tr(S::data_import_format), format_shown.c_str())) {
    for (const auto& f : formats)
      if (ImGui::Selectable(preset_label(f, lang).c_str(), job.options.format == f)) {
        job.options.format = f;
        job.options.mapping.clear();
        changed = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  const std::string encoding_shown = job.options.encoding == "auto"
                                         ? encoding_label("auto", lang) + " → " + encoding_label(plan.encoding, lang)
                                         : encoding_label(job.options.encoding, lang);
  if (ImGui::BeginCombo(tr(S::data_import_encoding), encoding_shown.c_str())) {
    for (const char* e : kEncodings)
      if (ImGui::Selectable(encoding_label(e, lang).c_str(), job.options.encoding == e)) {
        job.options.encoding = e;
        changed = true;
      }
    ImGui::EndCombo();
  }
  if (!plan.sheets.empty()) {  // a workbook: its sheet instead of the delimiter
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::BeginCombo(tr(S::data_import_sheet), plan.sheet.c_str())) {
      for (const auto& s : plan.sheets)
        if (ImGui::Selectable(s.c_str(), s == plan.sheet)) {
          job.options.sheet = s;
          job.options.mapping.clear();
          changed = true;
        }
      ImGui::EndCombo();
    }
    help_marker(tr(S::data_import_sheet_tip));
    if (!plan.hidden_rows.empty()) {
      ImGui::SameLine();
      ImGui::Text("%s: %s", tr(S::data_import_hidden_rows), format_int(static_cast<int64_t>(plan.hidden_rows.size()), lang).c_str());
    }
  } else {
  ImGui::SameLine();
  ImGui::Text("%s: %s", tr(S::data_import_delimiter), plan.delimiter == '\t' ? (lang == Lang::zh_CN ? "制表符" : "Tab") : std::string(1, plan.delimiter).c_str());
  }
  int date = static_cast<int>(job.options.date_order);
  const char* dates[] = {tr(S::data_import_dates_auto), tr(S::data_import_dates_mdy), tr(S::data_import_dates_dmy)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::Combo(tr(S::data_import_dates), &date, dates, 3)) {
    job.options.date_order = static_cast<DateOrder>(date);
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::Checkbox(tr(S::data_import_decimal_comma), &job.options.number.decimal_comma)) changed = true;
  if (plan.format == "generic") {
    int t = static_cast<int>(plan.target);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    std::vector<std::string> target_words;
    for (const char* k : kTargets) target_words.push_back(table_label(k, lang));
    std::vector<const char*> target_items;
    for (const auto& w : target_words) target_items.push_back(w.c_str());
    if (ImGui::Combo(tr(S::data_import_target), &t, target_items.data(), static_cast<int>(target_items.size()))) {
      job.options.target = kTargets[t];
      job.options.mapping.clear();
      changed = true;
    }
  }
  if (draw_import_shop(cx, job)) changed = true;
  // Mapping: field -> column, editable.
  if (ImGui::TreeNodeEx(tr(S::data_import_mapping), plan.format == "generic" ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
    if (ImGui::BeginTable("map", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn(tr(S::data_import_field));
      ImGui::TableSetupColumn(tr(S::data_import_column));
      ImGui::TableHeadersRow();
      for (const FieldInfo& f : target_fields(plan.target)) {
        std::string field(f.name);
        auto it = std::find_if(plan.mapping.begin(), plan.mapping.end(), [&](const auto& m) { return m.first == field; });
        std::string current = it == plan.mapping.end() ? std::string() : it->second;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // The field in the seller's words; its internal name (for --map) and description as a tooltip.
        ImGui::Text("%s%s", field_label(field, lang).c_str(), f.required ? " *" : "");
        item_tooltip((field + ": " + std::string(f.description)).c_str());
        ImGui::TableNextColumn();
        ImGui::PushID(field.c_str());
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##col", current.empty() ? tr(S::data_import_not_mapped) : current.c_str())) {
          auto set = [&](const std::string& col) {
            job.options.mapping = plan.mapping;
            auto& m = job.options.mapping;
            m.erase(std::remove_if(m.begin(), m.end(), [&](const auto& x) { return x.first == field; }), m.end());
            if (!col.empty()) m.emplace_back(field, col);
            changed = true;
          };
          if (ImGui::Selectable(tr(S::data_import_not_mapped), current.empty())) set("");
          for (const auto& h : plan.headers)
            if (ImGui::Selectable(h.c_str(), h == current)) set(h);
          ImGui::EndCombo();
        }
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::TreePop();
  }
  // Preview.
  if (!plan.preview.empty() && ImGui::TreeNodeEx(tr(S::data_import_preview), ImGuiTreeNodeFlags_DefaultOpen)) {
    int cols = static_cast<int>(std::min<size_t>(plan.headers.size(), 40));
    if (cols > 0 && ImGui::BeginTable("preview", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                                           ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                                      ImVec2(0, ImGui::GetFontSize() * 10))) {
      for (int c = 0; c < cols; ++c) ImGui::TableSetupColumn(plan.headers[static_cast<size_t>(c)].c_str());
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableHeadersRow();
      for (const auto& row : plan.preview) {
        ImGui::TableNextRow();
        for (int c = 0; c < cols; ++c) {
          ImGui::TableNextColumn();
          if (static_cast<size_t>(c) < row.size()) ImGui::TextUnformatted(row[static_cast<size_t>(c)].c_str());
        }
      }
      ImGui::EndTable();
    }
    ImGui::TreePop();
  }
  if (changed) begin_job(cx, ui, job);
  if (!ui.job) return;
  ImGui::BeginDisabled(cx.ws.readonly() || job.currency_refused);
  if (ImGui::Button(tr(S::data_import_start))) {
    // A shop name typed and not yet applied (the field still had focus): read the file again
    // with it first, so every row carries the shop.
    if (job.shop_name != job.shop_applied && apply_import_shop(cx, job)) begin_job(cx, ui, job);
    if (ui.job) confirm_import(cx.ws, ui);
  }
  test_mark("import_start");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(tr(S::cancel))) ui.job.reset();
}

void end_job(PanelContext& cx, DataUi& ui, ImportJob& job) {
  if (job.persist_held) cx.platform.hold_persist(false);
  job.persist_held = false;
  ui.job.reset();
}

void run_job(PanelContext& cx, DataUi& ui, ImportJob& job) {
  const ImportProgress& p = job.progress;
  ImGui::TextUnformatted(tr(!p.done ? S::data_import_reading : p.committing ? S::data_import_saving : S::data_import_wait_save));
  std::string overlay;
  overlay = strf("%s · %d%%", format_int(p.rows_read, language()).c_str(),
                static_cast<int>(p.fraction() * 100));
  if (progress_with_cancel(static_cast<float>(p.fraction()), ImGui::GetFontSize() * 24, overlay.c_str(), true)) {
    job.importer.cancel();  // rolls back a commit in progress: the store is as before
    cx.notify(tr(S::data_import_cancelled));
    end_job(cx, ui, job);
  }
}

void draw_report(PanelContext& cx, DataUi& ui) {
  const ImportReport& r = ui.report->report;
  Lang lang = language();
  if (!r.sheet.empty())  // a workbook: its sheet instead of the text encoding
    ImGui::Text("%s · %s · %s: %s", r.file.c_str(), preset_label(r.format, lang).c_str(), tr(S::data_import_sheet), r.sheet.c_str());
  else
    ImGui::Text("%s · %s · %s", r.file.c_str(), preset_label(r.format, lang).c_str(), encoding_label(r.encoding, lang).c_str());
  if (ImGui::BeginTable("rep", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    auto row = [&](S label, int64_t v) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(label));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(v, lang).c_str());
    };
    row(S::data_import_rows_read, r.rows_read);
    row(S::data_import_rows_imported, r.rows_imported);
    row(S::data_import_rows_dup, r.rows_skipped_duplicate);
    row(S::data_import_rows_rejected, r.rows_rejected);
    row(S::data_import_orders, r.orders_imported);
    // Issue #10: lines that are not products, stock write-offs and returns matching no purchase.
    const int64_t non_merch = r.lines_by_kind[1] + r.lines_by_kind[2] + r.lines_by_kind[3];
    if (non_merch > 0) row(S::data_import_non_merch_lines, non_merch);
    if (r.stock_write_offs > 0) row(S::data_import_write_offs, r.stock_write_off_rows);
    if (r.returns_unmatched > 0) row(S::data_import_returns_unmatched, r.returns_unmatched);
    if (!r.hidden_rows.empty()) row(S::data_import_hidden_rows, static_cast<int64_t>(r.hidden_rows.size()));
    ImGui::EndTable();
  }
  if (r.errors.empty()) return;
  ImGui::TextUnformatted(tr(S::data_import_errors));
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(S::data_import_download_errors)))
    cx.offer_download_text("rejected-rows.csv", report_errors_csv(r), "text/csv");
  if (ImGui::BeginTable("errs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_SizingStretchProp, ImVec2(0, ImGui::GetFontSize() * 12))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(S::data_import_line), 0, 0.5f);
    ImGui::TableSetupColumn(tr(S::data_import_column), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::data_import_value), 0, 1.0f);
    ImGui::TableSetupColumn(tr(S::data_import_reason), 0, 3.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(r.errors.size()));
    while (clip.Step()) {
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const RowError& e = r.errors[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(e.line));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.column.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.value.c_str());
        ImGui::TableNextColumn();
        text_wrapped("%s", row_error_text(e, lang).c_str());
      }
    }
    ImGui::EndTable();
  }
}

void draw_import_log(PanelContext& cx, DataUi& ui) {
  if (ui.log_revision != cx.ws.revision()) {
    ui.log_revision = cx.ws.revision();
    ui.log_rows.clear();
    if (auto rows = cx.ws.import_log(200)) {
      for (const ImportLogRow& r : *rows) {
        ui.log_rows.push_back({format_timestamp(r.at), r.file, r.format, format_int(r.rows_read, language()),
                               format_int(r.rows_imported, language()), format_int(r.rows_rejected, language())});
      }
    }
  }
  if (ui.log_rows.empty()) {
    ImGui::TextDisabled("%s", tr(S::data_import_log_empty));
    return;
  }
  if (ImGui::BeginTable("log", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
    for (S s : {S::data_import_when, S::data_import_file, S::data_import_format, S::data_import_rows_read, S::data_import_rows_imported, S::data_import_rows_rejected})
      ImGui::TableSetupColumn(tr(s));
    ImGui::TableHeadersRow();
    for (const auto& row : ui.log_rows) {
      ImGui::TableNextRow();
      for (const auto& cell : row) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cell.c_str());
      }
    }
    ImGui::EndTable();
  }
}

// A quality finding's title and sample key in the UI's language, by its code (the core's English
// title only for a code this table does not know).
struct QualityWords {
  const char* code;
  S title, key;
};
constexpr QualityWords kQualityWords[] = {
    {"orders_without_lines", S::data_qc_orders_without_lines, S::data_qk_order},
    {"lines_unknown_sku", S::data_qc_lines_unknown_sku, S::data_qk_order_line},
    {"lines_orphaned", S::data_qc_lines_orphaned, S::data_qk_order_line},
    {"products_without_cost", S::data_qc_products_without_cost, S::data_qk_sku},
    {"nonpositive_prices", S::data_qc_nonpositive_prices, S::data_qk_order_line},
    {"negative_product_prices", S::data_qc_negative_product_prices, S::data_qk_sku},
    {"duplicate_lines", S::data_qc_duplicate_lines, S::data_qk_order_sku},
    {"duplicate_skus", S::data_qc_duplicate_skus, S::data_qk_sku},
    {"duplicate_customers", S::data_qc_duplicate_customers, S::data_qk_customer},
    {"dates_out_of_range", S::data_qc_dates_out_of_range, S::data_qk_order},
    {"refunds_before_order", S::data_qc_refunds_before_order, S::data_qk_order},
    {"refunds_exceed_order", S::data_qc_refunds_exceed_order, S::data_qk_order},
    {"refunds_orphaned", S::data_qc_refunds_orphaned, S::data_qk_order},
    {"returns_unmatched", S::data_qc_returns_unmatched, S::data_qk_order_line},
};
const QualityWords* quality_words(const std::string& code) {
  for (const QualityWords& w : kQualityWords)
    if (code == w.code) return &w;
  return nullptr;
}

void draw_quality(PanelContext& cx, DataUi& ui) {
  if (ImGui::Button(tr(S::data_quality_run))) {
    auto r = cx.ws.check_quality();
    if (r) {
      ui.quality = std::make_shared<QualityView>();
      ui.quality->report = std::move(*r);
    } else {
      cx.report_error(r.error());
    }
  }
  help_marker(tr(S::data_quality_tip));
  if (!ui.quality) return;
  const QualityReport& q = ui.quality->report;
  if (q.issues() == 0) ImGui::TextColored(ImVec4(0.15f, 0.55f, 0.25f, 1), "%s", tr(S::data_quality_clean));
  for (const QualityFinding& f : q.findings) {
    if (f.count == 0) continue;
    ImGui::PushID(f.code.c_str());
    const QualityWords* w = quality_words(f.code);
    std::string head = format_int(f.count, language()) + "  " + (w ? tr(w->title) : f.title.c_str());
    if (f.has_amount) head += "  " + format_money(f.amount, language());
    bool open = ImGui::TreeNode(head.c_str());
    if (f.code == "products_without_cost") {
      // Straight to the products that need a cost, where it can be typed in or pasted.
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(S::data_fill_in_costs))) cx.show_products_without_cost();
    }
    if (open) {
      ImGui::TextDisabled("%s (%s):", tr(S::data_quality_examples), w ? tr(w->key) : f.key.c_str());
      for (const auto& s : f.samples) ImGui::BulletText("%s", s.c_str());
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

void draw_export(PanelContext& cx, DataUi& ui) {
  const auto& names = exportable_tables();
  if (names.empty()) return;
  ui.export_table = std::clamp(ui.export_table, 0, static_cast<int>(names.size()) - 1);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  const Lang lang = language();
  if (ImGui::BeginCombo(tr(S::data_export_table), table_label(names[static_cast<size_t>(ui.export_table)], lang).c_str())) {
    for (size_t i = 0; i < names.size(); ++i)
      if (ImGui::Selectable(table_label(names[i], lang).c_str(), static_cast<int>(i) == ui.export_table))
        ui.export_table = static_cast<int>(i);
    ImGui::EndCombo();
  }
  const std::string& name = names[static_cast<size_t>(ui.export_table)];
  ImGui::SameLine();
  bool csv = ImGui::Button(tr(S::export_csv));
  test_mark("export_csv");
  ImGui::SameLine();
  bool json = ImGui::Button(tr(S::export_json));
  ImGui::SameLine();
  bool xlsx = ImGui::Button(tr(S::export_xlsx));
  test_mark("export_xlsx");
  help_marker(tr(S::data_export_tip));
  if (csv || json || xlsx) {
    auto t = cx.ws.export_table(name);
    if (!t) {
      cx.report_error(t.error());
      return;
    }
    t->money_decimals = cx.ws.money().digits;  // mills stay mills, yen stay whole (as the CLI)
    if (csv) cx.offer_download_text(name + ".csv", to_csv(*t), "text/csv");
    else if (json) cx.offer_download_text(name + ".json", to_json(*t), "application/json");
    else cx.offer_download_xlsx(name, std::move(*t));
  }
}

void draw_contents(PanelContext& cx, DataUi& ui) {
  const Counts& c = cx.ws.counts();
  Lang lang = language();
  if (ImGui::BeginTable("counts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
    struct Row {
      S label;
      int64_t value;
    } rows[] = {{S::data_count_products, c.products},       {S::data_count_customers, c.customers},
                {S::data_count_orders, c.orders},           {S::data_count_order_lines, c.order_lines},
                {S::data_count_refunds, c.refunds},         {S::data_count_traffic_days, c.traffic_days}};
    for (const Row& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(r.label));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_int(r.value, lang).c_str());
    }
    DayRange days = cx.ws.dataset().order_days();
    if (days.length() > 0) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(S::data_order_period));
      ImGui::TableNextColumn();
      ImGui::Text("%s %s %s", format_date(days.first, lang).c_str(), tr(S::data_to), format_date(days.last, lang).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tr(S::data_storage_location));
    ImGui::TableNextColumn();
    if (cx.platform.is_web()) ImGui::TextUnformatted(tr(S::data_storage_browser));
    else ImGui::TextUnformatted(cx.platform.data_dir().c_str());
    ImGui::EndTable();
  }
  if (cx.platform.is_web()) ImGui::TextDisabled("%s", cx.platform.persisted_storage() ? tr(S::data_persisted_yes) : tr(S::data_persisted_no));
}

}  // namespace

void tick_import(PanelContext& cx, DataUi& ui) {
  if (!ui.job || !ui.job->running) return;
  auto keep = ui.job;  // end_job() drops the UI's reference
  ImportJob& job = *keep;
  cx.keep_drawing = true;
  AdaptiveSlice::Frame frame(job.slice);
  if (!job.progress.done) {
    job.progress = job.importer.step(job.slice.size());
    frame.adapt();
    return;
  }
  if (!job.importer.committing()) {
    // Everything read: open the one transaction the rows go in, once no earlier save is being
    // copied out (it would otherwise read the files while they commit).
    if (!cx.platform.persist_idle()) return;
    if (cx.ws.readonly()) {
      cx.notify(std::string(tr(S::data_import_failed)) + ": " + tr(S::data_readonly_no_import));
      end_job(cx, ui, job);
      return;
    }
    cx.platform.hold_persist(true);
    job.persist_held = true;
    if (auto st = cx.ws.begin_import_commit(job.importer); !st) {
      cx.notify(std::string(tr(S::data_import_failed)) + ": " + refusal_text(job, st.error()));
      end_job(cx, ui, job);
      return;
    }
    job.progress = job.importer.progress();
    return;
  }
  auto r = job.importer.commit_step(job.slice.size());
  frame.adapt();
  job.progress = job.importer.progress();
  if (r && !*r) return;  // more to write next frame
  if (!r) {
    cx.notify(std::string(tr(S::data_import_failed)) + ": " + refusal_text(job, r.error()));
    end_job(cx, ui, job);
    return;
  }
  auto view = std::make_shared<ImportReportView>();
  view->report = std::move(**r);
  // Released before the Workspace's after-commit save, so that save runs now.
  cx.platform.hold_persist(false);
  job.persist_held = false;
  Status st = cx.ws.committed();
  // The shop named for the import exists once its rows are in (its platform from the format).
  if (st && !job.shop_applied.empty())
    st = cx.ws.save_shop(job.shop_slot, job.shop_applied, shops::platform_of_format(view->report.format));
  ui.report = view;
  // Committed either way; a failed refresh of the analysis snapshot is said as such.
  cx.notify(st ? tr(S::data_import_done) : std::string(tr(S::data_import_done)) + ": " + error_text(st.error(), language()));
  ui.quality.reset();
  end_job(cx, ui, job);
}

ImportStatus import_status(const DataUi& ui) {
  ImportStatus s;
  const DataUi& d = ui;  // the message is the app's notice (panels.h)
  if (d.job && d.job->running) {
    s.running = true;
    s.committing = d.job->progress.committing;
    s.fraction = d.job->progress.fraction();
  }
  if (d.report) s.report = &d.report->report;
  return s;
}

bool confirm_import(const Workspace& ws, DataUi& ui) {
  if (!ui.job || ui.job->running || ws.readonly() || ui.job->currency_refused) return false;
  ui.job->running = true;
  return true;
}

void draw_data_panel(PanelContext& cx, DataUi& ui) {
  title(tr(S::nav_data));
  ImGui::Separator();

  ImGui::TextUnformatted(tr(S::data_import_title));
  help_marker(tr(S::data_import_atomic_tip));
  if (ui.job && ui.job->running) {
    run_job(cx, ui, *ui.job);
  } else if (ui.job) {
    draw_plan(cx, ui, *ui.job);
  } else {
    if (ui.encoding_choice) draw_encoding_choice(cx, ui);
    ImGui::BeginDisabled(cx.ws.readonly());
    std::string p = cx.file_picker("##path", FilePurpose::import, ".csv,.tsv,.txt,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel",
                                   tr(cx.platform.is_web() ? S::data_import_choose : S::data_import_read), 24);
    if (!p.empty()) start_import(cx, ui, p, std::filesystem::path(p).filename().string());
    ImGui::EndDisabled();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 44);
    text_wrapped_disabled("%s", tr(S::data_import_drop_hint));
    ImGui::PopTextWrapPos();
  }
  if (!cx.notice().empty()) text_wrapped("%s", cx.notice().c_str());
  if (ui.report && !ui.job) draw_report(cx, ui);

  ImGui::Spacing();
  // An import being saved holds a transaction: quality checks and exports would read its
  // uncommitted rows, so they wait for it.
  ImGui::BeginDisabled(cx.ws.busy());
  // Right after an import: the same product under a shop's own code, to confirm (issue #16).
  if (ImGui::CollapsingHeader(stable_label(S::shops_codes_title).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    if (!ui.shop_codes) ui.shop_codes = std::make_shared<ShopCodesUi>();
    draw_shop_codes(cx, *ui.shop_codes);
  }
  if (ImGui::CollapsingHeader(stable_label(S::data_import_log).c_str())) draw_import_log(cx, ui);
  if (ImGui::CollapsingHeader(stable_label(S::data_quality_title).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) draw_quality(cx, ui);
  if (ImGui::CollapsingHeader(stable_label(S::data_export_title).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) draw_export(cx, ui);
  if (ImGui::CollapsingHeader(stable_label(S::data_store_contents).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) draw_contents(cx, ui);
  ImGui::EndDisabled();
}

}  // namespace shopkeeper::ui
