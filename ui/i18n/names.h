// Names that come from the data but have a usual wording per language (issue #10): traffic
// sources and sales channels as the platforms and the demo name them ("direct", "search",
// "tmall", "mini-program" ...), and the alert sentences, worded here from the alert's figures
// (money formatted as everywhere in the UI: ¥29,212.80) instead of the core's plain decimals.
#pragma once
#include <string>
#include <string_view>

#include "core/analytics/alerts.h"
#include "core/analytics/funnel.h"
#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

// The source or channel name in `lang`: a known name (case-insensitive) in its usual Chinese
// wording, anything else as the data has it.
std::string source_label(std::string_view name, Lang lang);
// A funnel step's label in `lang` (English: the core's funnel_step_label_en).
std::string funnel_step_label(FunnelStep step, Lang lang);
// A platform stacking profile's title (core/promotions/profiles: "tmall", "woocommerce" ...) in
// `lang`; English is the profile's own title.
std::string profile_label(std::string_view name, std::string_view title, Lang lang);

// "2025-03-15 (Saturday): Sales (paid) was ¥1,000.00, 67% below the usual for a Saturday
// (median ¥3,000.00, expected ¥1,950.00 to ¥4,050.00, from the last 8 Saturdays)." and the
// Chinese sentence; `occasion` names an expected peak's occasion (empty: none).
std::string alert_sentence(const Alert& a, Lang lang, const std::string& occasion);
// The same as the CLI prints it (report alerts, the sentence_en / sentence_zh columns): values
// in plain decimals as format_metric_value writes them, days as YYYY-MM-DD, the expected peak's
// occasion as the alert names it.
std::string alert_sentence_plain(const Alert& a, Lang lang);

}  // namespace shopkeeper::ui

#include "core/io/importer.h"

namespace shopkeeper::ui {

// Import and export words (issue #10): a mapping field (order_id, placed_at ...), an import
// target or exported table (products, order_lines ...), an import format preset
// (online-retail ...), "auto" and an encoding, in `lang`. Unknown names come back as given.
std::string field_label(std::string_view field, Lang lang);
std::string table_label(std::string_view table, Lang lang);
std::string preset_label(std::string_view preset, Lang lang);
std::string encoding_label(std::string_view encoding, Lang lang);
// A rejected row's reason in `lang`, from its code and parameters; English is the importer's
// own sentence. Every reason the importer gives has its code; RowWhy::other (none today) would
// give a general sentence, never the English detail.
std::string row_error_text(const RowError& e, Lang lang);
// Why a whole file was refused (Importer::refusal(), with refused_row() for nothing_imported),
// in `lang`, without the file's name. English is the importer's own sentence; where the detail
// is a system message (other, not_saved) the Chinese says what happened without it.
std::string file_refusal_text(const FileRefusal& r, const RowError& row, Lang lang);

}  // namespace shopkeeper::ui
