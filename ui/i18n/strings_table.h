// The UI's string table: SK_STR(key, English, Simplified Chinese), one file per section plus a
// common one. Every user-visible string of the app goes through here (see strings.h); both
// languages are arguments of one macro, so a missing translation is a compile error. A section's
// keys live in ui/i18n/strings_<section>.h; new keys carry the section's prefix (members_...).
// The CJK font subset is cut to cover these characters.
#include "ui/i18n/strings_common.h"
#include "ui/i18n/strings_dashboard.h"
#include "ui/i18n/strings_products.h"
#include "ui/i18n/strings_pricing.h"
#include "ui/i18n/strings_promotions.h"
#include "ui/i18n/strings_members.h"
#include "ui/i18n/strings_planning.h"
#include "ui/i18n/strings_insights.h"
#include "ui/i18n/strings_data.h"
#include "ui/i18n/strings_settings.h"
#include "ui/i18n/strings_shops.h"
