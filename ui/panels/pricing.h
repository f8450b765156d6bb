// Pricing section: its state and its draw function (ui/panels/pricing.cpp). Unit economics
// (loss-makers first, a waterfall for the selected row), elasticity with the what-if, the price
// book with its floors and checks, competitor positions and suggestions (core/pricing).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/pricing/competitors.h"
#include "core/pricing/economics.h"
#include "core/pricing/elasticity.h"
#include "core/pricing/pricebook.h"
#include "core/pricing/whatif.h"
#include "ui/section.h"
#include "ui/widgets/fit_table.h"
#include "ui/widgets/sliced_job.h"

namespace shopkeeper::ui {

struct PricingUi {
  static constexpr bool built = true;  // false: "Coming" in the navigation
  int tab_request = -1;  // open this tab on the next frame (0 economics .. 3 competitors; --pricing-tab)
  // Everything below is recomputed once per store revision (never per frame).
  int64_t revision = -1;
  pricing::Economics economics;        // rows sorted losses first
  pricing::Elasticity elasticity;      // weekly, all history (empty while the run below works)
  // The elasticity run, over frames (progress and cancel on the elasticity tab): started by
  // each recompute, stepped once per frame by draw_pricing_panel; the suggestions (which show the
  // elasticity's effect) are made again when it finishes.
  pricing::ElasticityInputs elasticity_inputs;  // the run reads them: kept beside it
  std::optional<pricing::ElasticityRun> elasticity_run;
  SlicedJob elasticity_job;
  AdaptiveSlice elasticity_slice{{64, 4, 100000, 8.0, 40.0}};  // SKUs per frame
  pricing::PriceBook book;
  std::vector<pricing::BookIssue> book_issues;
  pricing::CompetitorReport competitors;
  std::vector<pricing::Suggestion> suggestions;
  std::string error;
  int selected_row = 0;        // economics row of the waterfall
  int selected_sku = -1;       // elasticity row of the what-if
  double whatif_price = 0;     // major units
  int64_t whatif_for = -1;     // product the price field was filled for
  std::optional<pricing::WhatIf> whatif;
  // Price history chart of the what-if's SKU: realised price per day (days with sales) and the
  // list price, over the store's order days.
  std::vector<Day> history_days;
  std::vector<double> history_realised, history_list;
  // Fee schedule editor of the selected economics row's channel (percent and major units).
  struct FeeEdit {
    int row = -1;  // the economics row it was filled from
    std::string channel;
    double commission = 0, payment = 0, payment_fixed = 0, shipping = 0, extra_kg = 0, packaging = 0, return_shipping = 0,
           unresellable = 0;
    pricing::ChannelFees base;  // the schedule in force when it was filled
  } fee_edit;
  // Price-book editor of one SKU (index into book.skus).
  struct BookEdit {
    int sku = -1;
    int64_t for_revision = -1;
    pricing::SkuBook before, next;
  } book_edit;
  std::string saved_note;  // "Saved." after a save, cleared on the next edit
  ColumnWidths fit_economics, fit_elasticity, fit_book, fit_competitors;  // pricing.cpp "Fitted columns"
};

// The editors' logic, apart from drawing (tests/ui drive it): fill, the schedule or book they
// would save, their checks in words, and the save (one Workspace write; refused while a check fails).
void fill_fee_edit(PricingUi& ui, int row);
pricing::ChannelFees fee_edit_schedule(const PricingUi& ui);
std::vector<std::string> fee_edit_problems(const PricingUi& ui);
Status save_fee_edit(Workspace& ws, PricingUi& ui);
void fill_book_edit(PricingUi& ui, int sku);
std::vector<std::string> book_edit_problems(const PricingUi& ui);
Status save_book_edit(Workspace& ws, PricingUi& ui);

void draw_pricing_panel(PanelContext& cx, PricingUi& ui);

}  // namespace shopkeeper::ui
