// Data section: import (read in slices across frames, then written in slices inside one
// transaction held open across frames, with every rejected row listed), the import log, data quality, export, and what the store holds.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/importer.h"
#include "core/io/quality.h"
#include "core/io/table.h"
#include "ui/i18n/format.h"
#include "ui/panels/data.h"
#include "ui/widgets/widgets.h"

namespace shopkeeper::ui {

// Rows read (then units written) in an import's first frame; later frames adapt it.
constexpr int64_t kFirstSlice = 2000;

struct ImportJob {
  Importer importer;
  ImportOptions options;
  std::string path;
  bool running = false;
  bool persist_held = false;
  int64_t slice = kFirstSlice;  // rows read, then units written, per frame (adapted)
  std::chrono::steady_clock::time_point last_tick_end{};
  ImportProgress progress;
};

struct ImportReportView {
  ImportReport report;
};

struct QualityView {
  QualityReport report;
};

namespace {

const char* kEncodings[] = {"auto", "utf-8", "utf-16le", "utf-16be", "gbk", "gb18030"};
const char* kTargets[] = {"orders", "order_lines", "refunds", "products", "customers", "traffic", "ad_spend"};
// Work per frame, reading and writing alike: the slice size adapts so that one frame's share
// takes about kWorkPerFrameMs (the same file reads and writes ~3x slower in the browser than
// natively, and machines differ), or twice the rest of the frame when drawing itself is slow
// (software WebGL), so the import keeps about two thirds of the time; never over kMaxWorkMs.
constexpr double kWorkPerFrameMs = 40.0, kMaxWorkMs = 150.0;
constexpr int64_t kMinSlice = 200, kMaxSlice = 200000;

// Next slice size from how long the last one took (halving or doubling at most per frame).
int64_t adapt_slice(int64_t slice, double ms, double rest_of_frame_ms) {
  double target = std::clamp(2.0 * rest_of_frame_ms, kWorkPerFrameMs, kMaxWorkMs);
  double scale = ms > 0 ? std::clamp(target / ms, 0.5, 2.0) : 2.0;
  return std::clamp(static_cast<int64_t>(static_cast<double>(slice) * scale), kMinSlice, kMaxSlice);
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

bool read_bytes(const std::string& path, std::string& out, std::string& error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error = "cannot open " + path;
    return false;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

// (Re)reads the file with the job's options and prepares the plan.
void begin_job(PanelContext& cx, DataUi& ui, ImportJob& job) {
  std::string bytes, err;
  if (!read_bytes(job.path, bytes, err)) {
    cx.notify(err);
    ui.job.reset();
    return;
  }
  Status st = job.importer.begin(std::move(bytes), job.options);
  if (!st) {
    cx.notify(std::string(tr(S::data_import_failed)) + ": " + st.error().message);
    ui.job.reset();
  }
}

void draw_plan(PanelContext& cx, DataUi& ui, ImportJob& job) {
  const ImportPlan& plan = job.importer.plan();
  ImGui::Text("%s: %s", tr(S::data_import_file), job.options.file_name.c_str());
  bool changed = false;
  // Format.
  std::vector<std::string> formats = {"auto"};
  for (const auto& p : presets()) formats.emplace_back(p.name);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  if (ImGui::BeginCombo(tr(S::data_import_format), job.options.format == "auto" ? (std::string("auto → ") + plan.format).c_str()
                                                                         : job.options.format.c_str())) {
    for (const auto& f : formats)
      if (ImGui::Selectable(f.c_str(), job.options.format == f)) {
        job.options.format = f;
        job.options.mapping.clear();
        changed = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::BeginCombo(tr(S::data_import_encoding), job.options.encoding == "auto" ? (std::string("auto → ") + plan.encoding).c_str()
                                                                             : job.options.encoding.c_str())) {
    for (const char* e : kEncodings)
      if (ImGui::Selectable(e, job.options.encoding == e)) {
        job.options.encoding = e;
        changed = true;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Text("%s: %s", tr(S::data_import_delimiter), plan.delimiter == '\t' ? "Tab" : std::string(1, plan.delimiter).c_str());
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
    if (ImGui::Combo(tr(S::data_import_target), &t, kTargets, 7)) {
      job.options.target = kTargets[t];
      job.options.mapping.clear();
      changed = true;
    }
  }
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
        ImGui::Text("%s%s", field.c_str(), f.required ? " *" : "");
        item_tooltip(std::string(f.description).c_str());
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
  ImGui::BeginDisabled(cx.ws.readonly());
  if (ImGui::Button(tr(S::data_import_start))) confirm_import(cx.ws, ui);
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
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%s · %d%%", format_int(p.rows_read, language()).c_str(),
                static_cast<int>(p.fraction() * 100));
  ImGui::ProgressBar(static_cast<float>(p.fraction()), ImVec2(ImGui::GetFontSize() * 24, 0), overlay);
  ImGui::SameLine();
  if (ImGui::Button(tr(S::cancel))) {
    job.importer.cancel();  // rolls back a commit in progress: the store is as before
    cx.notify(tr(S::data_import_cancelled));
    end_job(cx, ui, job);
  }
}

void draw_report(PanelContext& cx, DataUi& ui) {
  const ImportReport& r = ui.report->report;
  Lang lang = language();
  ImGui::Text("%s · %s · %s", r.file.c_str(), r.format.c_str(), r.encoding.c_str());
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
        ImGui::TextWrapped("%s", e.message.c_str());
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

void draw_quality(PanelContext& cx, DataUi& ui) {
  if (ImGui::Button(tr(S::data_quality_run))) {
    auto r = cx.ws.check_quality();
    if (r) {
      ui.quality = std::make_shared<QualityView>();
      ui.quality->report = std::move(*r);
    } else {
      cx.report_error(r.error().message);
    }
  }
  help_marker(tr(S::data_quality_tip));
  if (!ui.quality) return;
  const QualityReport& q = ui.quality->report;
  if (q.issues() == 0) ImGui::TextColored(ImVec4(0.15f, 0.55f, 0.25f, 1), "%s", tr(S::data_quality_clean));
  for (const QualityFinding& f : q.findings) {
    if (f.count == 0) continue;
    ImGui::PushID(f.code.c_str());
    std::string head = format_int(f.count, language()) + "  " + f.title;
    bool open = ImGui::TreeNode(head.c_str());
    if (f.code == "products_without_cost") {
      // Straight to the products that need a cost, where it can be typed in or pasted.
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(S::data_fill_in_costs))) cx.show_products_without_cost();
    }
    if (open) {
      ImGui::TextDisabled("%s (%s):", tr(S::data_quality_examples), f.key.c_str());
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
  if (ImGui::BeginCombo(tr(S::data_export_table), names[static_cast<size_t>(ui.export_table)].c_str())) {
    for (size_t i = 0; i < names.size(); ++i)
      if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == ui.export_table)) ui.export_table = static_cast<int>(i);
    ImGui::EndCombo();
  }
  const std::string& name = names[static_cast<size_t>(ui.export_table)];
  ImGui::SameLine();
  bool csv = ImGui::Button(tr(S::export_csv));
  ImGui::SameLine();
  bool json = ImGui::Button(tr(S::export_json));
  help_marker(tr(S::data_export_tip));
  if (csv || json) {
    auto t = cx.ws.export_table(name);
    if (!t) {
      cx.report_error(t.error().message);
      return;
    }
    if (csv) cx.offer_download_text(name + ".csv", to_csv(*t), "text/csv");
    else cx.offer_download_text(name + ".json", to_json(*t), "application/json");
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

void start_import(PanelContext& cx, DataUi& ui, const std::string& path, const std::string& name) {
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
  ui.job = job;
  ui.report.reset();
  cx.notify({});
  begin_job(cx, ui, *job);
}

void tick_import(PanelContext& cx, DataUi& ui) {
  if (!ui.job || !ui.job->running) return;
  auto keep = ui.job;  // end_job() drops the UI's reference
  ImportJob& job = *keep;
  cx.keep_drawing = true;
  auto t0 = std::chrono::steady_clock::now();
  // The rest of the last frame: drawing it and waiting for the next.
  double rest = job.last_tick_end.time_since_epoch().count() ? ms_since(job.last_tick_end) : 0.0;
  struct Mark {
    ImportJob& j;
    ~Mark() { j.last_tick_end = std::chrono::steady_clock::now(); }
  } mark{job};
  if (!job.progress.done) {
    job.progress = job.importer.step(job.slice);
    job.slice = adapt_slice(job.slice, ms_since(t0), rest);
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
      cx.notify(std::string(tr(S::data_import_failed)) + ": " + st.error().message);
      end_job(cx, ui, job);
      return;
    }
    job.progress = job.importer.progress();
    return;
  }
  auto r = job.importer.commit_step(job.slice);
  job.slice = adapt_slice(job.slice, ms_since(t0), rest);
  job.progress = job.importer.progress();
  if (r && !*r) return;  // more to write next frame
  if (!r) {
    cx.notify(std::string(tr(S::data_import_failed)) + ": " + r.error().message);
    end_job(cx, ui, job);
    return;
  }
  auto view = std::make_shared<ImportReportView>();
  view->report = std::move(**r);
  // Released before the Workspace's after-commit save, so that save runs now.
  cx.platform.hold_persist(false);
  job.persist_held = false;
  Status st = cx.ws.committed();
  ui.report = view;
  // Committed either way; a failed refresh of the analysis snapshot is said as such.
  cx.notify(st ? tr(S::data_import_done) : std::string(tr(S::data_import_done)) + ": " + st.error().message);
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
  if (!ui.job || ui.job->running || ws.readonly()) return false;
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
    ImGui::BeginDisabled(cx.ws.readonly());
    std::string p = cx.file_picker("##path", FilePurpose::import, ".csv,.tsv,.txt,text/csv",
                                   tr(cx.platform.is_web() ? S::data_import_choose : S::data_import_read), 24);
    if (!p.empty()) start_import(cx, ui, p, std::filesystem::path(p).filename().string());
    ImGui::EndDisabled();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 44);
    ImGui::TextDisabled("%s", tr(S::data_import_drop_hint));
    ImGui::PopTextWrapPos();
  }
  if (!cx.notice().empty()) ImGui::TextWrapped("%s", cx.notice().c_str());
  if (ui.report && !ui.job) draw_report(cx, ui);

  ImGui::Spacing();
  // An import being saved holds a transaction: quality checks and exports would read its
  // uncommitted rows, so they wait for it.
  ImGui::BeginDisabled(cx.ws.busy());
  if (ImGui::CollapsingHeader(tr(S::data_import_log))) draw_import_log(cx, ui);
  if (ImGui::CollapsingHeader(tr(S::data_quality_title), ImGuiTreeNodeFlags_DefaultOpen)) draw_quality(cx, ui);
  if (ImGui::CollapsingHeader(tr(S::data_export_title), ImGuiTreeNodeFlags_DefaultOpen)) draw_export(cx, ui);
  if (ImGui::CollapsingHeader(tr(S::data_store_contents), ImGuiTreeNodeFlags_DefaultOpen)) draw_contents(cx, ui);
  ImGui::EndDisabled();
}

}  // namespace shopkeeper::ui
