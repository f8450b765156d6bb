// The insights section's strings (ui/panels/insights.*): its label nav_insights, its
// description about_insights and its own keys (new keys prefixed insights_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_insights, "Insights", "洞察")
SK_STR(about_insights, "What sells together, which variant wins, is my listing title good? Basket analysis, variant comparison, title keyword checks.", "哪些商品一起卖、哪个款式更好、标题写得好不好？购物篮分析、款式对比、标题关键词检查。")
// clang-format on
