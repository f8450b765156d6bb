// The planning section's strings (ui/panels/planning.*): its label nav_planning, its
// description about_planning and its own keys (new keys prefixed planning_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_planning, "Planning", "计划")
SK_STR(about_planning, "What do I stock, push, reorder or retire, and what will sell next month? Sales forecasts, reorder points from supplier lead times, ABC analysis, slow movers.", "备什么货、推什么品、何时补货、哪些下架、下个月能卖多少？销量预测、按供应商交期计算补货点、ABC分析、滞销品。")
// clang-format on
