#include "core/pricing/competitors.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace shopkeeper::pricing {

Result<std::vector<CompetitorObs>> load_competitor_prices(Db& db) {
  auto st = db.prepare(
      "SELECT day, competitor, product, sku, price, shipping, in_stock, promotion, url FROM competitor_prices "
      "ORDER BY sku, competitor, day");
  if (!st) return st.error();
  std::vector<CompetitorObs> out;
  while (st->step())
    out.push_back({static_cast<Day>(st->i64(0)), st->text(1), st->text(2), st->text(3), st->i64(4), st->i64(5), st->i64(6) != 0,
                   st->text(7), st->text(8)});
  if (st->failed()) return make_error(ErrorCode::db_error, st->error());
  return out;
}

const char* rank_name(Rank r) {
  switch (r) {
    case Rank::cheapest: return "cheapest";
    case Rank::middle: return "middle";
    case Rank::dearest: return "dearest";
  }
  return "";
}

CompetitorReport competitor_report(const std::vector<CompetitorObs>& log, const std::vector<OurPrice>& ours, Day today) {
  CompetitorReport rep;
  rep.today = today;
  std::unordered_map<std::string, Money> our;
  for (const auto& o : ours) our[o.sku] = o.price;
  // Group by (sku, competitor): the log is sorted that way by load_competitor_prices; sort a copy
  // of indices to accept any order.
  std::vector<size_t> idx(log.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    const auto& x = log[a];
    const auto& y = log[b];
    if (x.sku != y.sku) return x.sku < y.sku;
    if (x.competitor != y.competitor) return x.competitor < y.competitor;
    return x.day < y.day;
  });
  std::map<std::string, std::vector<const CompetitorObs*>> latest_by_sku;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    const CompetitorObs* last = nullptr;
    const CompetitorObs* prev = nullptr;
    while (j < idx.size() && log[idx[j]].sku == log[idx[i]].sku && log[idx[j]].competitor == log[idx[i]].competitor) {
      const CompetitorObs& o = log[idx[j]];
      if (o.day > today) rep.future_dated.push_back(o);
      else {
        prev = last;
        last = &o;
      }
      ++j;
    }
    i = j;
    if (!last) continue;
    if (!our.count(last->sku)) {
      rep.unmatched.push_back(*last);
      continue;
    }
    latest_by_sku[last->sku].push_back(last);
    if (prev && (prev->total() != last->total() || prev->in_stock != last->in_stock)) {
      CompetitorChange c;
      c.sku = last->sku;
      c.competitor = last->competitor;
      c.before_day = prev->day;
      c.day = last->day;
      c.before = prev->total();
      c.after = last->total();
      c.stock_before = prev->in_stock;
      c.stock_after = last->in_stock;
      c.change_bp = c.before > 0 ? div_round((c.after - c.before) * 10000, c.before) : 0;
      rep.changes.push_back(std::move(c));
    }
  }
  for (const auto& [sku, obs] : latest_by_sku) {
    Position p;
    p.sku = sku;
    p.our_price = our[sku];
    Money sum = 0;
    for (const CompetitorObs* o : obs) {
      if (!o->in_stock) {
        ++p.out_of_stock;
        continue;
      }
      const Money t = o->total();
      if (p.competitors == 0 || t < p.cheapest || (t == p.cheapest && o->competitor < p.cheapest_competitor)) {
        p.cheapest = t;
        p.cheapest_competitor = o->competitor;
      }
      if (p.competitors == 0 || t > p.dearest) p.dearest = t;
      sum += t;
      ++p.competitors;
    }
    if (p.competitors == 0) continue;
    p.average = div_round(sum, p.competitors);
    p.gap = p.our_price - p.cheapest;
    p.gap_bp = p.cheapest > 0 ? div_round(p.gap * 10000, p.cheapest) : 0;
    p.rank = p.our_price <= p.cheapest ? Rank::cheapest : p.our_price >= p.dearest ? Rank::dearest : Rank::middle;
    rep.positions.push_back(std::move(p));
  }
  return rep;
}

const char* ending_name(Ending e) {
  switch (e) {
    case Ending::none: return "none";
    case Ending::x9: return "x9";
    case Ending::x90: return "x.90";
    case Ending::whole: return "whole";
  }
  return "";
}

std::optional<Ending> ending_from_name(std::string_view s) {
  for (Ending e : {Ending::none, Ending::x9, Ending::x90, Ending::whole})
    if (s == ending_name(e)) return e;
  if (s == "x90") return Ending::x90;
  return std::nullopt;
}

Money round_ending(Money p, Ending e, bool up) {
  auto fdiv = [](Money a, Money b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  switch (e) {
    case Ending::none: return p;
    case Ending::whole: {
      Money d = fdiv(p, 100) * 100;
      return up && d < p ? d + 100 : d;
    }
    case Ending::x90: {
      // Prices y.90: 90, 190, 290, ...
      Money d = fdiv(p - 90, 100) * 100 + 90;
      return up && d < p ? d + 100 : d;
    }
    case Ending::x9: {
      // Whole yuan ending in 9: 9.00, 19.00, 29.00, ...
      Money d = fdiv(p - 900, 1000) * 1000 + 900;
      return up && d < p ? d + 1000 : d;
    }
  }
  return p;
}

const char* suggest_why_name(SuggestWhy w) {
  switch (w) {
    case SuggestWhy::change: return "change";
    case SuggestWhy::at_target: return "at_target";
    case SuggestWhy::held_by_floor: return "held_by_floor";
    case SuggestWhy::capped_by_step: return "capped_by_step";
  }
  return "";
}

std::vector<Suggestion> suggest_prices(const CompetitorReport& rep, const PriceBook& book, const Elasticity* el, const Rule& rule) {
  std::vector<Suggestion> out;
  std::unordered_map<std::string, const ElasticityRow*> er;
  if (el)
    for (const auto& r : el->rows) er[r.sku] = &r;
  for (const Position& p : rep.positions) {
    Suggestion s;
    s.sku = p.sku;
    s.current = p.our_price;
    s.cheapest = p.cheapest;
    if (const SkuBook* b = find_book(book, p.sku)) s.floor = b->floor;
    switch (rule.kind) {
      case Rule::Kind::match: s.target = p.cheapest; break;
      case Rule::Kind::beat_amount: s.target = p.cheapest - rule.amount; break;
      case Rule::Kind::beat_percent: s.target = p.cheapest - apply_bp(p.cheapest, rule.percent_bp); break;
    }
    Money lo = s.current - apply_bp(s.current, rule.max_step_bp);
    Money hi = s.current + apply_bp(s.current, rule.max_step_bp);
    Money want = std::clamp(s.target, lo, hi);
    s.capped = want != s.target;
    // The ending: rounded down, else up, whichever stays inside the step and on the rule's side
    // of our price; neither: the unrounded price.
    const bool down = s.target < s.current;
    auto fits = [&](Money c) { return c >= lo && c <= hi && (down ? c <= s.current : c >= s.current); };
    Money price = want;
    if (Money dn = round_ending(want, rule.ending, false); fits(dn)) price = dn;
    else if (Money up = round_ending(want, rule.ending, true); fits(up)) price = up;
    bool held = false;
    if (s.floor && price < *s.floor) {
      price = round_ending(*s.floor, rule.ending, true);
      held = true;
    }
    if (held && price >= s.current && s.target < s.current) {
      s.suggested = s.current;
      s.why = SuggestWhy::held_by_floor;
    } else {
      s.suggested = price;
      s.why = price == s.current ? SuggestWhy::at_target : held ? SuggestWhy::held_by_floor
                                                         : s.capped ? SuggestWhy::capped_by_step
                                                                    : SuggestWhy::change;
    }
    auto it = er.find(p.sku);
    if (it != er.end() && it->second->elasticity && s.current > 0) {
      s.elasticity = *it->second->elasticity;
      s.elasticity_usable = it->second->usable;
      s.units_change = std::pow(static_cast<double>(s.suggested) / static_cast<double>(s.current), *s.elasticity) - 1;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace shopkeeper::pricing
