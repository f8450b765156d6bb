// The members section's strings (ui/panels/members.*): its label nav_members, its
// description about_members and its own keys (new keys prefixed members_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_members, "Members", "会员")
SK_STR(about_members, "Who are my best customers, who is slipping away, what is each worth? RFM segments, churn risk, customer lifetime value, points and tiers.", "谁是最好的客户、谁在流失、每位客户价值多少？RFM分层、流失风险、客户终身价值、积分与等级。")
// clang-format on
