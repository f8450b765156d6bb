#include "core/io/table.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <algorithm>

#include "core/model/entities.h"
#include "core/store/store.h"

namespace shopkeeper {

namespace {

bool needs_quotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  return s.find_first_of(",\"\r\n;\t") != std::string_view::npos;
}

void append_csv_field(std::string& out, std::string_view s) {
  if (!needs_quotes(s)) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct ColumnKinds {
  std::vector<std::string_view> money, day, time;
};

const ColumnKinds& column_kinds() {
  static const ColumnKinds k = {
      {"unit_cost", "list_price", "items_amount", "discount_amount", "shipping_amount", "paid_amount", "unit_price",
       "amount", "spend", "budget", "target_sales", "price"},
      {"launched_on", "joined_on", "birthday", "day", "starts_on", "ends_on"},
      {"placed_at", "paid_at", "refunded_at", "at", "starts_at", "ends_at"},
  };
  return k;
}

bool has(const std::vector<std::string_view>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

struct TableDef {
  const char* name;
  const char* order_by;
};

const std::vector<TableDef>& table_defs() {
  static const std::vector<TableDef> d = {
      {"products", "sku"},
      {"suppliers", "id"},
      {"customers", "id"},
      {"orders", "placed_at, id"},
      {"order_lines", "order_id, line_no"},
      {"refunds", "order_id, refunded_at, sku, amount, qty, reason"},
      {"traffic_daily", "day, source"},
      {"ad_spend", "day, channel"},
      {"promotions", "id"},
      {"coupons", "code"},
      {"campaigns", "id"},
      {"points_ledger", "id"},
      {"competitor_prices", "sku, competitor, day"},
      {"checklist_items", "day, item"},
      {"settings", "key"},
      {"import_log", "id"},
  };
  return d;
}

}  // namespace

std::string Cell::to_string(int money_decimals) const {
  switch (kind) {
    case Kind::empty: return {};
    case Kind::text: return str;
    case Kind::integer: return std::to_string(num);
    case Kind::money: return money_to_decimal(num, money_decimals);
    case Kind::day: return format_day(static_cast<Day>(num));
    case Kind::time: return format_timestamp(num);
    case Kind::real: return fmt::format("{}", real_value);
  }
  return {};
}

bool is_plain_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0, frac = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
    if (frac == 0) return false;
  }
  return digits > 0 && i == s.size();
}

std::string escape_formula(std::string_view s) {
  if (s.empty()) return {};
  char c = s.front();
  bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  if (risky && !is_plain_number(s)) return "'" + std::string(s);
  return std::string(s);
}

double round_real(double v, int digits) {
  if (digits < 0 || !std::isfinite(v)) return v;
  const double scale = std::pow(10.0, digits);
  const double r = std::round(v * scale) / scale;  // std::round: half away from zero
  return r == 0 ? 0.0 : r;                          // no "-0"
}

// A rounded real in plain decimals (never 1.3e-05): fixed to `digits` places, trailing zeros dropped.
std::string fixed_real(double v, int digits) {
  std::string s = fmt::format("{:.{}f}", round_real(v, digits), digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  if (!t.note.empty()) {
    out += "# ";
    out += t.note;
    out += "\r\n";
  }
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, escape_formula(t.columns[i]));
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      const Cell& c = row[i];
      if (c.kind == Cell::Kind::text) append_csv_field(out, escape_formula(c.str));
      else if (c.kind == Cell::Kind::real && t.real_digits >= 0) append_csv_field(out, fixed_real(c.real_value, t.real_digits));
      else append_csv_field(out, c.to_string(t.money_decimals));
    }
    out += "\r\n";
  }
  return out;
}

std::string to_json(const Table& t) {
  // Keys in column order, as the CSV and the screen show them.
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
      const Cell& c = row[i];
      nlohmann::ordered_json v;
      switch (c.kind) {
        case Cell::Kind::empty: v = nullptr; break;
        case Cell::Kind::text: v = c.str; break;
        case Cell::Kind::integer: v = c.num; break;
        case Cell::Kind::real: v = round_real(c.real_value, t.real_digits); break;
        case Cell::Kind::money:
        case Cell::Kind::day:
        case Cell::Kind::time: v = c.to_string(t.money_decimals); break;
      }
      o[t.columns[i]] = std::move(v);
    }
    arr.push_back(std::move(o));
  }
  // Invalid UTF-8 in a cell is replaced rather than aborting (dump would throw otherwise).
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::vector<std::string>& exportable_tables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& d : table_defs()) n.emplace_back(d.name);
    return n;
  }();
  return names;
}

Result<Table> export_table(Store& store, std::string_view name) {
  auto def = std::find_if(table_defs().begin(), table_defs().end(), [&](const TableDef& d) { return name == d.name; });
  if (def == table_defs().end()) {
    std::string all;
    for (const auto& n : exportable_tables()) all += (all.empty() ? "" : ", ") + n;
    return make_error(ErrorCode::not_found, "no table \"" + std::string(name) + "\" (tables: " + all + ")");
  }
  auto st = store.db().prepare("SELECT * FROM " + std::string(def->name) + " ORDER BY " + def->order_by);
  if (!st) return st.error();
  sqlite3_stmt* raw = st->raw();
  Table t;
  const int ncol = sqlite3_column_count(raw);
  std::vector<int> keep;
  // Schema 25's columns (issue #16) are left out while every value is 0: a one-shop store's
  // orders and traffic export as before.
  auto all_zero = [&](const std::string& col) {
    if (col != "shop_id" && col != "buyers") return false;
    auto n = store.db().scalar("SELECT COUNT(*) FROM " + std::string(def->name) + " WHERE " + col + "<>0");
    return n && *n == 0;
  };
  for (int i = 0; i < ncol; ++i) {
    std::string col = sqlite3_column_name(raw, i);
    if (std::string_view(def->name) == "refunds" && col == "id") continue;  // internal row id
    if ((std::string_view(def->name) == "orders" || std::string_view(def->name) == "traffic_daily") && all_zero(col)) continue;
    keep.push_back(i);
    t.columns.push_back(std::move(col));
  }
  const ColumnKinds& kinds = column_kinds();
  const bool orders = std::string_view(def->name) == "orders";
  while (st->step()) {
    std::vector<Cell> row;
    row.reserve(keep.size());
    for (size_t k = 0; k < keep.size(); ++k) {
      int i = keep[k];
      const std::string& col = t.columns[k];
      switch (sqlite3_column_type(raw, i)) {
        case SQLITE_NULL: row.push_back(Cell::null()); break;
        case SQLITE_INTEGER: {
          int64_t v = st->i64(i);
          if (orders && col == "status") row.push_back(Cell::text(order_status_name(static_cast<OrderStatus>(v))));
          else if (has(kinds.money, col)) row.push_back(Cell::money(v));
          else if (has(kinds.day, col)) row.push_back(Cell::day(static_cast<Day>(v)));
          else if (has(kinds.time, col)) row.push_back(Cell::time(v));
          else row.push_back(Cell::integer(v));
          break;
        }
        case SQLITE_FLOAT: row.push_back(Cell::real(st->f64(i))); break;
        default: row.push_back(Cell::text(st->text(i))); break;
      }
    }
    t.rows.push_back(std::move(row));
  }
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return t;
}

}  // namespace shopkeeper
