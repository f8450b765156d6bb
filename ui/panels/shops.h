// Several shops in the UI (issue #16, docs/shops.md): the dashboard's shop filter and Shops tab
// (the comparison and the consolidated daily report, one click to CSV or .xlsx), and the Data
// section's code map (suggestions to confirm or reject, confirmed mappings to unmap). Read through
// the Workspace; each result cached per workspace revision (and range), never per frame.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/shops/shops.h"
#include "core/store/dataset.h"
#include "ui/section.h"

namespace shopkeeper::ui {

// The dashboard's shops state: the filter and what it is computed from.
struct ShopsState {
  int64_t shop = -1;  // the dashboard's shop filter: -1 = all shops together
  int64_t revision = -1;
  std::vector<shops::Shop> list;  // every shop (the own shop 0 first)
  shops::ShopData data;
  bool several = false;  // more than one shop holds rows: the filter is offered
  // The chosen shop's view of the Dataset (core/shops/shop_view.h), for `view_shop` at `revision`.
  std::shared_ptr<const Dataset> view;
  int64_t view_shop = -1;
  // The comparison and the daily report of the range (the whole store, whatever the filter).
  DayRange compare_range{0, -1};
  int64_t compare_revision = -1;
  std::vector<shops::ShopFigures> compare;
};

// The Dataset the dashboard analyses: the workspace's, or the chosen shop's view (refreshed per
// revision and shop; the filter falls back to all shops when the shop is gone).
const Dataset& shops_dataset(PanelContext& cx, ShopsState& s);
// The shop filter (a combo beside the dashboard's filters); nothing when the store has one shop.
void draw_shop_filter(PanelContext& cx, ShopsState& s);
// The dashboard's Shops tab.
void draw_shops_tab(PanelContext& cx, ShopsState& s);

// The Data section's code map.
struct ShopCodesUi {
  int64_t revision = -1;
  std::vector<shops::Shop> list;
  std::vector<shops::Suggestion> suggestions;
  std::vector<shops::CodeLink> links;
  std::string message;  // the last confirm / reject / unmap in words
  bool refused = false;  // the message is a refusal
};
void draw_shop_codes(PanelContext& cx, ShopCodesUi& ui);

}  // namespace shopkeeper::ui
