#include "core/analytics/decomposition.h"

#include <cmath>
#include <limits>

namespace shopkeeper {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Spec {
  const char* key;
  double before, after;
  bool rate = false;
};

double log_mean(double a, double b) {
  if (a == b) return a;
  return (a - b) / (std::log(a) - std::log(b));
}

// Changes under 0.05 % print as 0.0 %: call them unchanged.
bool flat(double x) { return std::isnan(x) || std::fabs(x) < 0.0005; }

Decomposition decompose(Metric metric, double before, double after, const std::vector<Spec>& specs) {
  Decomposition d;
  d.metric = metric;
  d.before = before;
  d.after = after;
  d.change = before != 0 ? after / before - 1.0 : kNaN;
  for (const Spec& s : specs) {
    if (!(s.before > 0) || !(s.after > 0)) {
      d.blocked = s.key;
      return d;
    }
  }
  const double L = log_mean(after, before);
  for (const Spec& s : specs) {
    Factor f;
    f.key = s.key;
    f.before = s.before;
    f.after = s.after;
    f.change = s.after / s.before - 1.0;
    f.rate = s.rate;
    f.own_change = s.rate ? s.after - s.before : f.change;
    f.contribution = L * std::log(s.after / s.before);
    f.share = after != before ? f.contribution / (after - before) : kNaN;
    f.points = f.contribution / before;
    d.factors.push_back(f);
  }
  d.ok = true;
  return d;
}

// The factor that moved the metric most in the direction of its change, and the strongest
// factor pushing the other way (if any).
void drivers(const Decomposition& d, const Factor*& main, const Factor*& against) {
  main = against = nullptr;
  const double total = d.after - d.before;
  for (const Factor& f : d.factors) {
    if (f.contribution * total > 0) {
      if (!main || std::fabs(f.contribution) > std::fabs(main->contribution)) main = &f;
    } else if (f.contribution * total < 0 && !flat(f.change)) {
      if (!against || std::fabs(f.contribution) > std::fabs(against->contribution)) against = &f;
    }
  }
}

// The sentence's shape: which factors it names (ui/i18n/decomposition_words.cpp words it).
void choose_sentence(Decomposition& d, const Factor* orders) {
  if (std::isnan(d.change)) {
    d.sentence = DecompSentence::no_comparison;
    return;
  }
  if (flat(d.change)) {
    d.sentence = DecompSentence::unchanged;
    return;
  }
  if (!d.ok) {
    d.sentence = DecompSentence::change_only;
    return;
  }
  const Factor *main = nullptr, *against = nullptr;
  drivers(d, main, against);
  auto index = [&](const Factor* f) { return f ? static_cast<int>(f - d.factors.data()) : -1; };
  d.main = index(main);
  // "Orders fell 8% but sales rose 3%: average order value rose 12%."
  if (orders && !flat(orders->change) && orders->change * d.change < 0 && main) {
    d.sentence = DecompSentence::orders_against;
    d.orders_change = orders->change;
    return;
  }
  d.sentence = DecompSentence::drivers;
  d.against = index(against);
}

double dbl(int64_t v) { return static_cast<double>(v); }

}  // namespace

Decomposition decompose_sales(const Totals& b, const Totals& a) {
  std::vector<Spec> specs;
  const bool traffic = a.has_traffic && b.has_traffic && a.visitors > 0 && b.visitors > 0;
  const double aov_b = b.valid_orders ? dbl(b.sales) / dbl(b.valid_orders) : 0;
  const double aov_a = a.valid_orders ? dbl(a.sales) / dbl(a.valid_orders) : 0;
  if (traffic) {
    specs.push_back({"visitors", dbl(b.visitors), dbl(a.visitors)});
    specs.push_back({"conversion_rate", dbl(b.valid_orders) / dbl(b.visitors), dbl(a.valid_orders) / dbl(a.visitors), true});
  } else {
    specs.push_back({"orders", dbl(b.valid_orders), dbl(a.valid_orders)});
  }
  specs.push_back({"aov", aov_b, aov_a});
  Decomposition d = decompose(Metric::sales, dbl(b.sales), dbl(a.sales), specs);
  Factor orders;
  orders.key = "orders";
  orders.before = dbl(b.valid_orders);
  orders.after = dbl(a.valid_orders);
  orders.change = b.valid_orders ? orders.after / orders.before - 1.0 : kNaN;
  choose_sentence(d, &orders);
  return d;
}

Decomposition decompose_gross_profit(const Totals& b, const Totals& a) {
  // gross profit = sales x (net sales / sales) x coverage x gross margin, with coverage = covered
  // net sales / net sales and gross margin = gross profit / covered net sales (metrics.h). The
  // coverage factor is listed only when some cost is unknown in either period.
  auto kept = [](const Totals& t) { return t.sales ? dbl(t.net_sales()) / dbl(t.sales) : 0.0; };
  auto coverage = [](const Totals& t) { return t.net_sales() ? dbl(t.covered_net_sales()) / dbl(t.net_sales()) : 0.0; };
  auto margin = [](const Totals& t) {
    return t.has_gross_profit() ? dbl(t.gross_profit()) / dbl(t.covered_net_sales()) : 0.0;
  };
  std::vector<Spec> specs = {
      {"sales", dbl(b.sales), dbl(a.sales)},
      {"kept_after_refunds", kept(b), kept(a), true},
  };
  if (b.covered_net_sales() != b.net_sales() || a.covered_net_sales() != a.net_sales())
    specs.push_back({"cost_coverage", coverage(b), coverage(a), true});
  specs.push_back({"gross_margin", margin(b), margin(a), true});
  Decomposition d = decompose(Metric::gross_profit, dbl(b.gross_profit()), dbl(a.gross_profit()), specs);
  choose_sentence(d, nullptr);
  return d;
}

Explanation explain(const KpiResult& k) {
  Explanation e;
  e.sales = decompose_sales(k.comparison, k.current);
  e.gross_profit = decompose_gross_profit(k.comparison, k.current);
  return e;
}

Explanation explain(const Dataset& ds, const KpiQuery& q) { return explain(compute_kpis(ds, q)); }

}  // namespace shopkeeper
