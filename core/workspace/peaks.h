// Expected peaks for the alerts (issue #10): the days on which a spike is the plan, not news.
// Festivals of the selling calendar (their peak day and the day before, core/promotions/
// calendar.h; for the lunar new year the Spring Festival holiday, 8 days before to 7 after, when
// couriers stop and orders fall), the shop's campaigns (campaigns table) and its promotion windows (promotions
// that reached buyers: scheduled, active, paused or ended; drafts never did). Named as the data
// names them (campaign / promotion name) or by the festival's id. In core/workspace because it
// reads promotions (calendar, campaigns, promotion windows) for analytics (the alerts): the two
// sit side by side and include neither each other (docs/DESIGN.md, Layers).
#pragma once
#include <vector>

#include "core/analytics/alerts.h"
#include "core/base/result.h"
#include "core/store/db.h"
#include "core/promotions/calendar.h"
#include "core/promotions/store_io.h"

namespace shopkeeper {

// Windows overlapping `range` (widened by `history_days` before it, so the history of the
// range's first days leaves them out too), sorted by first day.
Result<std::vector<ExpectedWindow>> expected_peaks(Db& db, DayRange range, int32_t history_days = 56);

}  // namespace shopkeeper
