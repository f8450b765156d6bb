// Members section: its state and its draw function (ui/panels/members.cpp for the customers
// list and profile, ui/panels/members_figures.cpp for RFM, lifetime value, tiers, points, tags
// and segments). Every figure comes from core/members (docs/members.md).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/members/clv.h"
#include "ui/section.h"

namespace shopkeeper::ui {

struct MembersCache;  // what is derived per revision (ui/panels/members_internal.h)
struct MembersClvJob;

struct MembersUi {
  static constexpr bool built = true;
  int tab_request = -1;  // tests and links: 0 customers .. 5 segments, selected on the next frame

  std::shared_ptr<MembersCache> cache;
  int64_t cached_revision = -1;

  // customers
  std::string search;
  int filter_segment = -1, filter_tier = -1;
  int sort_column = 4;  // sales
  bool sort_ascending = false;
  std::vector<int32_t> view;  // rows of cache->rows shown, in order
  std::string view_key;
  int32_t selected = -1;  // customer index of the open profile, -1 = the list
  int32_t points_customer = -1;  // customer index whose ledger the points tab lists, -1 none

  // RFM
  int flow_days = 30;
  int flow_cached_days = -1;

  // lifetime value
  int model = 0;  // 0 BG/NBD, 1 Pareto/NBD
  std::shared_ptr<MembersClvJob> clv_job;
  std::shared_ptr<members::ClvFit> clv;
  int64_t clv_revision = -1;
  int clv_model = -1;
  bool clv_cancelled = false;
  std::string clv_error;

  // segments builder
  std::vector<uint8_t> pick_rfm, pick_tier, pick_tag, pick_region, pick_channel;
  int last_within_days = 0;
  std::string segment_name;
  std::string segment_message;
};

void draw_members_panel(PanelContext& cx, MembersUi& ui);

}  // namespace shopkeeper::ui
