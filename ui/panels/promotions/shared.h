// The promotions panel's files (one per tab: list, editor, buyer's price, loss guard, calendar,
// plus the panel and what they share) share this header: the words for promotions, the figure
// and table-header widgets, the live set, the data the panel loads per revision, and each
// tab's entry points. Panel-internal: only ui/panels/promotions/*.cpp include it.
#pragma once
#include <imgui.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/promotions/profiles.h"
#include "ui/i18n/format.h"
#include "ui/i18n/strings.h"
#include "ui/panels/promotions.h"
#include "ui/section.h"

namespace shopkeeper::ui::promo_panel {

using promo::Kind;
using promo::Layer;

inline constexpr size_t kGuardSlice = 50;  // SKUs per frame
inline constexpr const char* kFloorKey = promo::kGuardFloorKey;
inline constexpr const char* kFeeKey = promo::kGuardFeeKey;

inline bool zh() { return language() == Lang::zh_CN; }
inline std::string money(Money m) { return format_money(m, language()); }
inline std::string bp_text(int64_t bp) { return money_to_decimal(bp) + "%"; }  // 1250 bp -> "12.50%"
inline ImVec4 red() { return ImVec4(0.82f, 0.16f, 0.1f, 1); }
inline ImVec4 green() { return ImVec4(0.15f, 0.55f, 0.25f, 1); }

inline void set_buf(std::string& buf, const std::string& s) { buf = s; }


// promotions/shared.cpp
std::string trim(std::string s);
std::vector<std::string> split_list(const std::string& text);
std::string join(const std::vector<std::string>& v, const char* sep = ", ");
std::string pct_text(int64_t bp);
const char* kind_label(Kind k);
const char* kind_about(Kind k);
const char* layer_label(Layer l);
const char* status_label(const std::string& s);
unsigned int status_color(const std::string& s);
std::string describe(const promo::Promotion& p);
std::string scope_text(const promo::Scope& s);
std::string window_text(const promo::Conditions& c);
const char* issue_text(const promo::ValidationIssue& i);
void show_issue(const promo::ValidationIssue& i);
void figure(const char* label, const std::string& value, const char* tip, ImVec4* color = nullptr);
void figure_next(const char* label, const std::string& value, const char* tip, ImVec4* color = nullptr);
std::vector<promo::Promotion> live_set(const PromoData& d, bool include_drafts, const std::string& skip_id = {});
void load_data(PanelContext& cx, PromotionsUi& pu);
void ensure_texts(PromoData& d);
int product_index(const PromoData& d, const std::string& sku);
std::string product_title(const PromoData& d, const std::string& sku);

// promotions/editor.cpp
promo::Promotion template_for(Kind k, const PromoData& d, Timestamp now);
void load_editor(PromoEditor& e, const promo::Promotion& p, const std::string& status, bool is_new);
void build_from_editor(PromoEditor& e, const PromoData& d);
std::string guard_key(const PromoData& d, bool drafts, int64_t floor_bp, int64_t fee_bp);
void start_save(PanelContext& cx, PromotionsUi& pu, PromoEditor& e, const PromoData& d);
void draw_editor(PanelContext& cx, PromotionsUi& pu);

// promotions/list.cpp
void draw_list_tab(PanelContext& cx, PromotionsUi& pu);

// promotions/quote.cpp
void draw_quote_tab(PanelContext& cx, PromotionsUi& pu);

// promotions/guard.cpp
void start_guard(PromoGuardUi& g, const PromoData& d, const std::string& key);
void draw_guard_tab(PanelContext& cx, PromotionsUi& pu);

// promotions/calendar.cpp
void draw_calendar_tab(PanelContext& cx, PromotionsUi& pu);

}  // namespace shopkeeper::ui::promo_panel
