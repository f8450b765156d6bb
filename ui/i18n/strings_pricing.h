// The pricing section's strings (ui/panels/pricing.*): its label nav_pricing, its
// description about_pricing and its own keys (new keys prefixed pricing_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_pricing, "Pricing", "定价")
SK_STR(about_pricing, "What price, at what margin, against which competitor? Cost-plus and target-margin pricing, competitor price tracking, price-change simulation with expected volume.", "定什么价、保多少毛利、对标哪个竞品？成本加成与目标毛利定价、竞品价格跟踪、调价模拟与预期销量。")
// clang-format on
