// The section registry: every section of the app, in navigation order, one row each. The rows
// make the Section enum, one state member per section in UiState (ui/app.h) and the table the
// app draws from (ui/sections.cpp). How to add a section: docs/DESIGN.md, "Adding a section".
#pragma once
#include <string_view>

#include "ui/panels/dashboard.h"
#include "ui/panels/data.h"
#include "ui/panels/insights.h"
#include "ui/panels/members.h"
#include "ui/panels/planning.h"
#include "ui/panels/pricing.h"
#include "ui/panels/products.h"
#include "ui/panels/promotions.h"
#include "ui/panels/settings.h"

// X(id, state struct, draw function, label key, description key)
//   id: the section's name in URLs, --section and the test API; also its UiState member.
//   state struct: the panel's own state (from its header); `State::built` false shows "Coming".
//   draw function: void(PanelContext&, State&).
// clang-format off
#define SK_SECTIONS(X)                                                                    \
  X(dashboard,  DashboardUi,  draw_dashboard_panel,  nav_dashboard,  about_dashboard)     \
  X(products,   ProductsUi,   draw_products_panel,   nav_products,   about_products)      \
  X(pricing,    PricingUi,    draw_pricing_panel,    nav_pricing,    about_pricing)       \
  X(promotions, PromotionsUi, draw_promotions_panel, nav_promotions, about_promotions)    \
  X(members,    MembersUi,    draw_members_panel,    nav_members,    about_members)       \
  X(planning,   PlanningUi,   draw_planning_panel,   nav_planning,   about_planning)      \
  X(insights,   InsightsUi,   draw_insights_panel,   nav_insights,   about_insights)      \
  X(data,       DataUi,       draw_data_panel,       nav_data,       about_data)          \
  X(settings,   SettingsUi,   draw_settings_panel,   nav_settings,   nav_settings)
// clang-format on

namespace shopkeeper::ui {

#define SK_SECTION_ENUM(id, State, draw, label, about) id,
enum class Section : int { SK_SECTIONS(SK_SECTION_ENUM) count_ };
#undef SK_SECTION_ENUM

// One section's row as the app uses it.
struct SectionInfo {
  Section section;
  const char* name;  // "dashboard" ...
  S label;
  S about;
  bool built;  // false: marked "Coming" in the navigation
};

const SectionInfo& section_info(Section s);
const SectionInfo* sections_begin();
const SectionInfo* sections_end();
const char* section_name(Section s);  // "dashboard" ...
bool parse_section(std::string_view name, Section& out);

struct UiState;
// Draws section `s`'s panel with its own state from `ui`.
void draw_section(Section s, PanelContext& cx, UiState& ui);

}  // namespace shopkeeper::ui
