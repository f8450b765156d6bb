// Members: RFM on a hand store (every figure derived in the comments), the BTYD likelihoods and
// expectations against values computed independently (scipy.special, see each case), and
// parameter recovery from data simulated with known parameters.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "core/members/btyd.h"
#include "core/members/clv.h"
#include "core/members/rfm.h"
#include "core/members/simulate.h"
#include "core/store/store.h"
#include "fixture.h"

using namespace shopkeeper;
using namespace shopkeeper::members;

namespace {

using fixture::D;

Status add_order(Writer& w, const std::string& id, const std::string& cust, const char* at, OrderStatus s, Money paid) {
  auto r = w.add_order(fixture::order(id, at).with_customer(cust).with_status(s).with_amounts(paid));
  if (!r) return r.error();
  return Ok{};
}

// A: 01-01 100.00, 03-01 50.00, 03-30 200.00 (20.00 refunded 03-31); B: 02-01 30.00;
// C: 03-25 80.00 and 10.00 (two orders, one day); D: 01-15 500.00, 02-15 cancelled 99.99;
// E: 03-31 15.00; a guest order 03-31 7.00. All 2025.
Store rfm_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  auto st = s->write([](Writer& w) -> Status {
    const OrderStatus P = OrderStatus::completed;
    for (auto r : {add_order(w, "a1", "A", "2025-01-01 10:00", P, 10000), add_order(w, "a2", "A", "2025-03-01 10:00", P, 5000),
                   add_order(w, "a3", "A", "2025-03-30 10:00", P, 20000), add_order(w, "b1", "B", "2025-02-01 10:00", P, 3000),
                   add_order(w, "c1", "C", "2025-03-25 09:00", P, 8000), add_order(w, "c2", "C", "2025-03-25 18:00", P, 1000),
                   add_order(w, "d1", "D", "2025-01-15 10:00", P, 50000),
                   add_order(w, "d2", "D", "2025-02-15 10:00", OrderStatus::cancelled, 9999),
                   add_order(w, "e1", "E", "2025-03-31 10:00", P, 1500), add_order(w, "g1", "", "2025-03-31 11:00", P, 700)})
      if (!r) return r;
    return w.put(Refund{"a3", "", 0, 2000, "", *parse_timestamp("2025-03-31 12:00")});
  });
  REQUIRE(st.ok());
  return std::move(*s);
}

const RfmRow& row(const Dataset& ds, const Rfm& r, const char* id) {
  for (const RfmRow& x : r.rows)
    if (ds.customer_id[static_cast<size_t>(x.customer)] == id) return x;
  FAIL("no row for " << id);
  return r.rows.front();
}

}  // namespace

TEST_CASE("members: quintile scores share ties and are neutral when everyone is equal") {
  // score = 1 + floor(5 worse / n); everyone equal -> 3
  CHECK(quintile_score(0, 1, 1) == 3);    // one customer
  CHECK(quintile_score(0, 10, 10) == 3);  // all equal
  CHECK(quintile_score(0, 1, 5) == 1);
  CHECK(quintile_score(4, 1, 5) == 5);
  CHECK(quintile_score(0, 60, 100) == 1);   // 60 % tied at the bottom share the lowest score
  CHECK(quintile_score(60, 20, 100) == 4);  // the next group: 1 + floor(300 / 100)
  CHECK(quintile_score(99, 1, 100) == 5);   // 1 + floor(4.95)
  CHECK(segment_of(5, 5) == Segment::champions);
  CHECK(segment_of(1, 1) == Segment::lost);
  CHECK(segment_of(1, 5) == Segment::cant_lose);
  CHECK(segment_of(5, 1) == Segment::new_customers);
  CHECK(std::string(segment_code(Segment::new_customers)) == "new");
  // every one of the 11 segments appears in the grid
  bool seen[kSegmentCount] = {};
  for (int r = 1; r <= 5; ++r)
    for (int fm = 1; fm <= 5; ++fm) seen[static_cast<int>(segment_of(r, fm))] = true;
  for (bool b : seen) CHECK(b);
}

TEST_CASE("members: RFM of the hand store, all history") {
  Store s = rfm_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  auto r = compute_rfm(*ds, {});
  REQUIRE(r.ok());
  CHECK(r->snapshot == D(2025, 4, 1));  // the day after the last order (03-31)
  REQUIRE(r->rows.size() == 5);         // the guest is left out
  // recency: A 04-01 - 03-30 = 2; B 59; C 7; D 16 + 28 + 31 + 1 = 76; E 1
  // frequency: A 3, B 1, C 2 (two orders on one day count twice), D 1 (cancelled left out), E 1
  // R: worst..best D B C A E, worse 0..4 -> 1 + floor(5 w / 5) = 1..5. F: B D E tied (worse 0) 1;
  // C worse 3 -> 4; A worse 4 -> 5. M: E 1500, B 3000, C 9000, A 35000, D 50000 -> 1..5.
  // fm = (f + m + 1) / 2.
  const RfmRow& a = row(*ds, *r, "A");
  CHECK(a.recency_days(r->snapshot) == 2);
  CHECK(a.frequency == 3);
  CHECK(a.monetary == 35000);
  CHECK(a.refunds == 2000);
  CHECK(a.net() == 33000);
  CHECK((a.r == 4 && a.f == 5 && a.m == 4 && a.fm == 5));
  CHECK(a.segment == Segment::loyal);
  const RfmRow& b = row(*ds, *r, "B");
  CHECK((b.recency_days(r->snapshot) == 59 && b.r == 2 && b.f == 1 && b.m == 2 && b.fm == 2));
  CHECK(b.segment == Segment::hibernating);
  const RfmRow& c = row(*ds, *r, "C");
  CHECK((c.recency_days(r->snapshot) == 7 && c.frequency == 2 && c.monetary == 9000 && c.r == 3 && c.f == 4 && c.m == 3));
  CHECK(c.segment == Segment::loyal);  // r 3, fm (4 + 3 + 1) / 2 = 4
  const RfmRow& d = row(*ds, *r, "D");
  CHECK((d.recency_days(r->snapshot) == 76 && d.frequency == 1 && d.monetary == 50000 && d.r == 1 && d.m == 5 && d.fm == 3));
  CHECK(d.segment == Segment::at_risk);  // r 1, fm (1 + 5 + 1) / 2 = 3
  const RfmRow& e = row(*ds, *r, "E");
  CHECK((e.recency_days(r->snapshot) == 1 && e.r == 5 && e.f == 1 && e.m == 1 && e.fm == 1));
  CHECK(e.segment == Segment::new_customers);
  // grid: loyal cells (r 4, fm 5) A and (r 3, fm 4) C
  CHECK(r->grid[3][4].customers == 1);
  CHECK(r->grid[3][4].revenue == 35000);
  CHECK(r->by_segment[static_cast<size_t>(Segment::loyal)].customers == 2);
  CHECK(r->by_segment[static_cast<size_t>(Segment::loyal)].revenue == 44000);
}

TEST_CASE("members: RFM window and the flow between two snapshots") {
  Store s = rfm_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  // 30-day window before 04-01 = 03-02..03-31: A (03-30, 200.00, refund 20.00), C (2 orders), E.
  auto w = compute_rfm(*ds, {D(2025, 4, 1), 30});
  REQUIRE(w.ok());
  REQUIRE(w->rows.size() == 3);
  const RfmRow& a = row(*ds, *w, "A");
  CHECK((a.frequency == 1 && a.monetary == 20000 && a.refunds == 2000 && a.recency_days(w->snapshot) == 2));
  // n = 3, score 1 + floor(5 w / 3): R C 1, A 2, E 4; F A E tied 1, C 4; M E 1, C 2, A 4
  CHECK((a.r == 2 && a.f == 1 && a.m == 4 && a.fm == 3 && a.segment == Segment::at_risk));
  CHECK(row(*ds, *w, "C").segment == Segment::at_risk);  // r 1, fm (4 + 2 + 1) / 2 = 3
  CHECK(row(*ds, *w, "E").segment == Segment::promising);  // r 4, fm 1

  // Snapshot 03-01 (orders before it): A 01-01 100.00 (rec 59), B 02-01 (28), D 01-15 (45).
  // R A 1, D 2, B 4; F all tied 3 (neutral); M B 1, A 2, D 4 -> A at_risk (r 1, fm 3),
  // B potential_loyalists (4, 2), D at_risk (2, 4). After: A loyal, B hibernating, D at_risk, C loyal, E new.
  auto before = compute_rfm(*ds, {D(2025, 3, 1), 0});
  auto after = compute_rfm(*ds, {});
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  CHECK(row(*ds, *before, "A").segment == Segment::at_risk);
  const RfmFlow f = rfm_flow(*ds, *before, *after);
  auto at = [&](Segment x, Segment y) { return f.flow[static_cast<size_t>(x)][static_cast<size_t>(y)]; };
  CHECK(at(Segment::at_risk, Segment::loyal) == 1);                  // A
  CHECK(at(Segment::potential_loyalists, Segment::hibernating) == 1);  // B
  CHECK(at(Segment::at_risk, Segment::at_risk) == 1);                // D stays
  CHECK(f.flow[kSegmentCount][static_cast<size_t>(Segment::loyal)] == 1);  // C is new
  CHECK(f.flow[kSegmentCount][static_cast<size_t>(Segment::new_customers)] == 1);  // E
  CHECK(compute_rfm(*ds, {0, -1}).ok() == false);
}

TEST_CASE("members: hypergeometric 2F1 against closed forms") {
  // 2F1(1, 1; 2; z) = -ln(1 - z) / z: at z = 0.7, ln(-ln(0.3) / 0.7) = 0.542301702801098
  auto h = log_hyp2f1(1, 1, 2, 0.7);
  REQUIRE(h.ok);
  CHECK(h.log == doctest::Approx(0.542301702801098).epsilon(1e-13));
  // 2F1(a, b; b; z) = (1 - z)^-a: a = 2.5, z = 0.95 -> log = -2.5 ln 0.05
  h = log_hyp2f1(2.5, 3.2, 3.2, 0.95);
  REQUIRE(h.ok);
  CHECK(h.log == doctest::Approx(-2.5 * std::log(0.05)).epsilon(1e-12));
  CHECK(log_hyp2f1(1, 1, 2, 1.0).ok == false);
  CHECK(digamma(1) == doctest::Approx(-0.5772156649015329).epsilon(1e-14));
}

TEST_CASE("members: BTYD likelihoods and expectations against scipy.special") {
  // Values from scipy.special (gammaln, betaln, hyp2f1) with the published CDNOW parameters
  // (tests/oracle/members_check.py computes the same formulas independently).
  const std::array<double, 4> bg{0.243, 4.414, 0.793, 2.426}, pn{0.553, 10.578, 0.606, 11.669};
  const Rft c1{2, 30.43, 38.86, 1}, c0{0, 0, 38.86, 1}, c7{7, 35.0, 38.0, 1};
  CHECK(bgnbd_loglik1(bg, c1) == doctest::Approx(-9.45860630706627).epsilon(1e-12));
  CHECK(bgnbd_loglik1(bg, c0) == doctest::Approx(-0.5547132764381584).epsilon(1e-12));
  CHECK(bgnbd_loglik1(bg, c7) == doctest::Approx(-22.012920134497154).epsilon(1e-12));
  CHECK(bgnbd_p_alive(bg, c1) == doctest::Approx(0.726578570080673).epsilon(1e-12));
  CHECK(bgnbd_p_alive(bg, c0) == 1.0);
  CHECK(bgnbd_expected(bg, c1, 52) == doctest::Approx(1.5587208064320937).epsilon(1e-10));
  CHECK(bgnbd_expected(bg, c0, 52) == doctest::Approx(0.2520730222824504).epsilon(1e-10));
  CHECK(bgnbd_expected(bg, c7, 52) == doctest::Approx(5.728681664346136).epsilon(1e-10));
  CHECK(pnbd_loglik1(pn, c1) == doctest::Approx(-9.554283245150405).epsilon(1e-11));
  CHECK(pnbd_loglik1(pn, c0) == doctest::Approx(-0.5210462940808908).epsilon(1e-11));
  CHECK(pnbd_loglik1(pn, c7) == doctest::Approx(-21.691734150854224).epsilon(1e-11));
  CHECK(pnbd_p_alive(pn, c1) == doctest::Approx(0.8691675591530111).epsilon(1e-10));
  CHECK(pnbd_p_alive(pn, c0) == doctest::Approx(0.29528660461689427).epsilon(1e-10));
  CHECK(pnbd_expected(pn, c1, 52) == doctest::Approx(1.8508267207019506).epsilon(1e-10));
  CHECK(pnbd_expected(pn, c7, 52) == doctest::Approx(6.090220118989108).epsilon(1e-10));
  const std::array<double, 3> gg{6.25, 3.74, 15.44};
  CHECK(gg_loglik(gg, {{2, 22.35, 1}}) == doctest::Approx(-3.551316759731698).epsilon(1e-12));
  CHECK(gg_expected_value(gg, 2, 22.35) == doctest::Approx(24.663713910761153).epsilon(1e-12));

  // Analytic gradients agree with central differences of the log-likelihood.
  const std::vector<Rft> d{c1, c0, c7, {1, 5, 20, 3}};
  std::array<double, 4> g{};
  bgnbd_loglik(bg, d, &g);
  for (size_t i = 0; i < 4; ++i) {
    std::array<double, 4> hi = bg, lo = bg;
    hi[i] *= std::exp(1e-5);
    lo[i] *= std::exp(-1e-5);
    CHECK(g[i] == doctest::Approx((bgnbd_loglik(hi, d) - bgnbd_loglik(lo, d)) / 2e-5).epsilon(1e-6));
  }
  const std::vector<Spend> sd{{2, 22.35, 1}, {1, 10, 2}, {5, 40, 1}};
  std::array<double, 3> gs{};
  gg_loglik(gg, sd, &gs);
  for (size_t i = 0; i < 3; ++i) {
    std::array<double, 3> hi = gg, lo = gg;
    hi[i] *= std::exp(1e-5);
    lo[i] *= std::exp(-1e-5);
    CHECK(gs[i] == doctest::Approx((gg_loglik(hi, sd) - gg_loglik(lo, sd)) / 2e-5).epsilon(1e-6));
  }
}

TEST_CASE("members: the Pareto/NBD analytic gradient equals the numerical one") {
  // d loglik / d log(param) by hand (btyd.cpp) against five-point central differences
  // (error O(h^4) ~ 1e-12 relative at h = 1e-3), at the CDNOW parameters (alpha < beta: the
  // 2F1's b = r + x branch), with alpha and beta swapped (alpha >= beta: b = s + 1), at
  // alpha = beta (z = 0, where d 2F1 / dz is the first term's coefficient), and in days
  // (large T, z near 1). Customers include x = 0, t_x = T (the second term vanishes) and a
  // weighted group.
  const std::vector<Rft> d{{2, 30.43, 38.86, 1}, {0, 0, 38.86, 1}, {7, 35.0, 38.0, 1}, {1, 5, 20, 3}, {3, 12, 12, 1},
                           {20, 300, 310, 2}};
  const std::array<double, 4> points[] = {
      {0.553, 10.578, 0.606, 11.669}, {0.553, 11.669, 0.606, 10.578}, {0.8, 9.0, 1.3, 9.0}, {0.3, 70.0, 0.4, 2.0}};
  for (const std::array<double, 4>& pt : points) {
    std::array<double, 4> g{};
    const double ll = pnbd_loglik(pt, d, &g);
    CHECK(ll == doctest::Approx(pnbd_loglik(pt, d)).epsilon(1e-13));  // same value with and without the gradient
    for (size_t i = 0; i < 4; ++i) {
      const double h = 1e-3;
      double f[4];
      const double steps[4] = {2 * h, h, -h, -2 * h};
      for (int k = 0; k < 4; ++k) {
        std::array<double, 4> q = pt;
        q[i] *= std::exp(steps[k]);
        f[k] = pnbd_loglik(q, d);
      }
      const double num = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
      INFO("alpha " << pt[1] << " beta " << pt[3] << " param " << i << ": analytic " << g[i] << " numerical " << num);
      CHECK(g[i] == doctest::Approx(num).epsilon(1e-8));
    }
  }
}

TEST_CASE("members: Pareto/NBD near z = 1 agrees with mpmath's 2F1 and its gradient with differences") {
  // z = |alpha - beta| / (max + t_x) of the t_x term is 0.9, 0.99, 0.999, 0.9999 (t_x = 0) and
  // 0.9955..0.895 (t_x = 0.5), both branches (alpha >= beta: b = s + 1; alpha < beta: b = r + x).
  // Expected: the note's formula with mpmath 1.3 hyp2f1 at 60 digits (tests/oracle/members_check.py
  // has the scipy form; scipy.special.hyp2f1 in doubles agrees to 4e-10 here: its difference of
  // two 2F1 terms loses digits near z = 1). The old series needed up to ~400,000 terms at 0.9999.
  struct Case {
    std::array<double, 4> p;
    Rft c;
    double want;
  };
  const Case cases[] = {
      {{0.5, 100, 0.7, 10}, {0, 0, 50, 1}, -0.09712382958868391},    {{0.5, 10, 0.7, 100}, {0, 0, 50, 1}, -0.7811992717789337},
      {{0.5, 100, 0.7, 10}, {3, 0.5, 50, 1}, -13.808293955467111},   {{0.5, 10, 0.7, 100}, {3, 0.5, 50, 1}, -10.024096189932534},
      {{0.5, 100, 0.7, 1}, {0, 0, 50, 1}, -0.031383038655575991},    {{0.5, 1, 0.7, 100}, {0, 0, 50, 1}, -1.7612085466452053},
      {{0.5, 100, 0.7, 1}, {3, 0.5, 50, 1}, -13.704048529067101},    {{0.5, 1, 0.7, 100}, {3, 0.5, 50, 1}, -6.2870351551918669},
      {{0.5, 100, 0.7, 0.1}, {0, 0, 50, 1}, -0.0077400414380204165}, {{0.5, 0.1, 0.7, 100}, {0, 0, 50, 1}, -2.8607136471904647},
      {{0.5, 100, 0.7, 0.1}, {3, 0.5, 50, 1}, -14.586379750625241},  {{0.5, 0.1, 0.7, 100}, {3, 0.5, 50, 1}, -5.1387722960654594},
      {{0.5, 100, 0.7, 0.01}, {0, 0, 50, 1}, -0.0017031051515249016}, {{0.5, 0.01, 0.7, 100}, {0, 0, 50, 1}, -3.9956989562614716},
      {{0.5, 100, 0.7, 0.01}, {3, 0.5, 50, 1}, -16.072715845003246}, {{0.5, 0.01, 0.7, 100}, {3, 0.5, 50, 1}, -5.8828179752479486},
  };
  for (const Case& k : cases) {
    INFO("alpha " << k.p[1] << " beta " << k.p[3] << " x " << k.c.x);
    CHECK(pnbd_loglik1(k.p, k.c) == doctest::Approx(k.want).epsilon(1e-13));
    std::array<double, 4> g{};
    CHECK(pnbd_loglik(k.p, {k.c}, &g) == doctest::Approx(k.want).epsilon(1e-13));
    for (size_t i = 0; i < 4; ++i) {
      const double h = 1e-3;
      double f[4];
      const double steps[4] = {2 * h, h, -h, -2 * h};
      for (int j = 0; j < 4; ++j) {
        std::array<double, 4> q = k.p;
        q[i] *= std::exp(steps[j]);
        f[j] = pnbd_loglik(q, {k.c});
      }
      const double num = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
      INFO("param " << i << ": analytic " << g[i] << " numerical " << num);
      CHECK(g[i] == doctest::Approx(num).epsilon(1e-8));
    }
    // P(alive) and the expectation are finite and in range (same split).
    const double pa = pnbd_p_alive(k.p, k.c);
    CHECK((pa > 0 && pa <= 1));
    CHECK(std::isfinite(pnbd_expected(k.p, k.c, 52)));
  }
}

namespace {

// Orders of `n` simulated customers: first purchase on a day in [2024-01-01, +83], purchase
// times from `sim`, floored to days; one order per purchase, its value from the Gamma-Gamma
// story with p = 6, q = 4, gamma = 15 (major units): nu ~ Gamma(4, 15), z ~ Gamma(6, nu).
template <class Sim>
Store simulated_store(int n, Sim sim, uint64_t seed) {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  demo::Rng rng(seed, 7);
  auto st = s->write([&](Writer& w) -> Status {
    int64_t k = 0;
    for (int c = 0; c < n; ++c) {
      const Day f = D(2024, 1, 1) + static_cast<Day>(rng.below(84));
      const std::vector<double> t = sim(rng);
      const double nu = draw_gamma(rng, 4.0, 15.0);
      for (double e : t) {
        Order o;
        o.id = "o" + std::to_string(k++);
        o.customer_id = "c" + std::to_string(c);
        o.placed_at = start_of(f + static_cast<Day>(std::floor(e))) + 36000;
        o.status = OrderStatus::completed;
        o.paid_amount = o.items_amount = std::max<Money>(1, std::llround(draw_gamma(rng, 6.0, nu) * 100));
        auto r = w.add_order(o);
        if (!r) return r.error();
      }
    }
    return Ok{};
  });
  REQUIRE(st.ok());
  return std::move(*s);
}

}  // namespace

TEST_CASE("members: BG/NBD recovers the parameters it was simulated with") {
  // 4,000 customers, r = 0.25, alpha = 4 weeks, a = 0.8, b = 2.5, observed up to 2024-12-31.
  // Rates per day: lambda ~ Gamma(r, 7 alpha). Tolerance: 4 standard errors of the fit.
  const double r = 0.25, al = 4.0, a = 0.8, b = 2.5;
  Store s = simulated_store(
      4000, [&](demo::Rng& rng) { return simulate_bgnbd(rng, r, al * 7, a, b, 400); }, 11);
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  ClvQuery q;
  q.calibration_end = D(2024, 9, 30);
  q.holdout_end = D(2024, 12, 31);
  auto f = fit_clv(*ds, q);
  REQUIRE(f.ok());
  CHECK(f->code == FitCode::converged);
  CHECK(f->grad_norm < 1e-6);
  CHECK(f->n_customers == 4000);
  const double truth[4] = {r, al, a, b};
  for (size_t i = 0; i < 4; ++i) {
    INFO("param " << i << " = " << f->params[i] << " se " << f->se[i]);
    CHECK(std::isfinite(f->se[i]));
    CHECK(std::fabs(f->params[i] - truth[i]) < 4 * f->se[i]);
  }
  // The holdout check: predicted within 10 % of the actual repeat transactions.
  CHECK(f->holdout_actual > 0);
  CHECK(std::fabs(f->holdout_predicted - static_cast<double>(f->holdout_actual)) < 0.1 * static_cast<double>(f->holdout_actual));
  // Gamma-Gamma recovers p = 6, q = 4, gamma = 15 within 4 standard errors.
  CHECK(f->spend_n == f->n_repeaters);
  CHECK(f->spend_code == FitCode::converged);
  const double gt[3] = {6, 4, 15};
  for (size_t i = 0; i < 3; ++i) {
    INFO("spend param " << i << " = " << f->spend[i] << " se " << f->spend_se[i]);
    CHECK(std::fabs(f->spend[i] - gt[i]) < 4 * f->spend_se[i]);
  }
  bool sane = true;
  for (const ClvCustomer& cu : f->customers) {
    const ClvFigures c = clv_figures(*f, cu);
    sane = sane && c.p_alive >= 0 && c.p_alive <= 1 && std::isfinite(c.clv) && c.clv >= 0 && c.expected_value > 0;
  }
  CHECK(sane);
  // The figures are derived when read (issue #11 memory): once per distinct (x, t_x, T) for the
  // CLI gives exactly the doubles of one customer at a time, and by_clv lists the customers by
  // CLV descending, ties in customer order.
  const std::vector<ClvFigures> all = clv_figures_all(*f);
  REQUIRE(all.size() == f->customers.size());
  REQUIRE(f->by_clv.size() == f->customers.size());
  bool same = true, sorted = true;
  for (size_t i = 0; i < all.size(); ++i) {
    const ClvFigures one = clv_figures(*f, f->customers[i]);
    same = same && one.p_alive == all[i].p_alive && one.expected_purchases == all[i].expected_purchases &&
           one.expected_value == all[i].expected_value && one.clv == all[i].clv;
  }
  for (size_t k = 1; k < f->by_clv.size(); ++k) {
    const double a = all[static_cast<size_t>(f->by_clv[k - 1])].clv, b = all[static_cast<size_t>(f->by_clv[k])].clv;
    sorted = sorted && (a > b || (a == b && f->by_clv[k - 1] < f->by_clv[k]));
  }
  CHECK(same);
  CHECK(sorted);
}

TEST_CASE("members: Pareto/NBD recovers the parameters it was simulated with") {
  // 4,000 customers, r = 0.55, alpha = 10.5 weeks, s = 0.6, beta = 12 weeks.
  const double r = 0.55, al = 10.5, sh = 0.6, be = 12.0;
  Store s = simulated_store(
      4000, [&](demo::Rng& rng) { return simulate_pnbd(rng, r, al * 7, sh, be * 7, 400); }, 12);
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  ClvQuery q;
  q.calibration_end = D(2024, 9, 30);
  q.model = ClvModel::pnbd;
  auto f = fit_clv(*ds, q);
  REQUIRE(f.ok());
  CHECK(f->code == FitCode::converged);
  const double truth[4] = {r, al, sh, be};
  for (size_t i = 0; i < 4; ++i) {
    INFO("param " << i << " = " << f->params[i] << " se " << f->se[i]);
    CHECK(std::fabs(f->params[i] - truth[i]) < 4 * f->se[i]);
  }
}

TEST_CASE("members: small shops and bad input give codes, not fits") {
  Store s = rfm_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  ClvQuery q;
  q.calibration_end = D(2025, 3, 31);
  auto f = fit_clv(*ds, q);
  REQUIRE(f.ok());
  CHECK(f->code == FitCode::too_few_repeaters);  // repeaters: A (3 days), C? one day -> x = 0; so 1
  CHECK(f->n_repeaters == 1);
  CHECK(f->n_customers == 5);
  CHECK(std::isnan(clv_figures(*f, f->customers.front()).p_alive));
  // Repeat rates: A's gaps 59 and 29 days ended; silences at the end: A 1, B 58, C 6, D 75, E 0.
  // Bucket [0, 30): reached by all 7 spells, ended inside by A's 29 -> 1 / 7.
  CHECK(f->repeat_rates[0].reached == 7);
  CHECK(f->repeat_rates[0].repeated == 1);
  // [30, 90): reached by A's 59, B 58, D 75 -> repeated 1 (A's 59).
  CHECK(f->repeat_rates[1].reached == 3);
  CHECK(f->repeat_rates[1].repeated == 1);
  q.calibration_end = D(2024, 12, 31);
  CHECK(fit_clv(*ds, q).ok() == false);  // before the first order
  q.calibration_end = D(2025, 4, 2);
  CHECK(fit_clv(*ds, q).ok() == false);  // after the last order
  q.calibration_end = D(2025, 3, 1);
  q.holdout_end = D(2025, 3, 1);
  CHECK(fit_clv(*ds, q).ok() == false);  // holdout not after calibration
}

// ---- member programme ------------------------------------------------------------------------

#include "core/members/programme.h"

namespace {

MemberProgramme hand_programme() {
  MemberProgramme p;
  // member; silver from 500.00 of rolling-12-month spend (x1.5 points); gold from 1,500.00 (x2)
  p.tiers.levels = {{"member", 0, 0, 0, 10000, false}, {"silver", 50000, 0, 300, 15000, false}, {"gold", 150000, 0, 500, 20000, true}};
  p.points.points_per_major = 1;
  p.points.point_value_minor = 1;
  p.points.signup_bonus = 100;
  p.points.expire_after_years = 1;
  p.points.bonus_days = {{D(2024, 11, 11), 20000}};
  return p;
}

Status order_ship(Writer& w, const char* id, const char* cust, const char* at, Money paid, Money ship) {
  Order o;
  o.id = id;
  o.customer_id = cust;
  o.placed_at = *parse_timestamp(at);
  o.status = OrderStatus::completed;
  o.items_amount = paid - ship;
  o.shipping_amount = ship;
  o.paid_amount = paid;
  auto r = w.add_order(o);
  if (!r) return r.error();
  return Ok{};
}

}  // namespace

TEST_CASE("members: tiers upgrade at once, downgrade on the review day; points earn, reverse and expire") {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  REQUIRE(s->write([](Writer& w) -> Status {
               for (auto r : {order_ship(w, "a1", "A", "2024-03-01 10:00", 30000, 1000), order_ship(w, "a2", "A", "2024-06-01 10:00", 30000, 0),
                              order_ship(w, "a3", "A", "2024-11-11 10:00", 100000, 0), order_ship(w, "a4", "A", "2026-02-01 10:00", 10000, 0),
                              order_ship(w, "b1", "B", "2024-05-01 10:00", 20000, 0)})
                 if (!r) return r;
               return w.put(Refund{"a3", "", 0, 40000, "", *parse_timestamp("2024-11-20 10:00")});
             }).ok());
  auto ds = load_dataset(*s);
  REQUIRE(ds.ok());
  MemberProgramme p = hand_programme();
  auto r = run_programme(*ds, p);
  REQUIRE(r.ok());
  CHECK(r->as_of == D(2026, 2, 1));
  // A: a1 spend 300.00 - 10.00 shipping = 290 points + 100 sign-up (member x1); a2 300 points
  // (still member before it; after it 590.00 >= 500.00 -> silver at once); a3 1,000 x 1.5
  // (silver) x 2 (11-11) = 3,000 (1,590.00 -> gold at once); refund 400.00 of 1,000.00 ->
  // reverse round(3,000 x 0.4) = 1,200. Review 2025-01-01: 1,190.00 in the window -> silver.
  // Review 2026-01-01: nothing in the window -> member. Expiry 2026-01-01 of 2024's points:
  // 100 + 290 + 300 + 3,000 - 1,200 = 2,490. a4: 100 points. Balance 100.
  std::vector<int64_t> deltas;
  std::vector<std::string> kinds;
  for (const PointsEntry& e : r->entries)
    if (ds->customer_id[static_cast<size_t>(e.customer)] == "A") {
      deltas.push_back(e.delta);
      kinds.push_back(entry_kind_name(e.kind));
    }
  CHECK(deltas == std::vector<int64_t>{100, 290, 300, 3000, -1200, -2490, 100});
  CHECK(kinds == std::vector<std::string>{"earn", "earn", "earn", "earn", "reverse", "expire", "earn"});
  const MemberStatus* a = nullptr;
  size_t ai = 0;
  for (size_t i = 0; i < r->members.size(); ++i)
    if (ds->customer_id[static_cast<size_t>(r->members[i].customer)] == "A") {
      a = &r->members[i];
      ai = i;
    }
  REQUIRE(a != nullptr);
  CHECK(a->points == 100);
  CHECK(a->tier == 0);
  CHECK(a->spend_12m == 10000);
  CHECK(a->next_tier == 1);
  CHECK(a->spend_to_next == 40000);
  REQUIRE(r->changes.size() == r->members.size());
  const std::vector<TierChange>& ch = r->changes[ai];
  REQUIRE(ch.size() == 5);
  CHECK((ch[1].day == D(2024, 6, 1) && ch[1].to == 1));
  CHECK((ch[2].day == D(2024, 11, 11) && ch[2].to == 2));
  CHECK((ch[3].day == D(2025, 1, 1) && ch[3].to == 1));
  CHECK((ch[4].day == D(2026, 1, 1) && ch[4].to == 0));
  CHECK(r->entry_count == static_cast<int64_t>(r->entries.size()));

  // What the Members section keeps: no ledger, no histories, the same statuses; a profile reads
  // one customer's entries (customer_ledger): A's seven above, the same as in the whole ledger.
  ProgrammeKeep lean;
  lean.ledger = false;
  lean.history = false;
  auto k = run_programme(*ds, p, 0, lean);
  REQUIRE(k.ok());
  CHECK(k->entries.empty());
  CHECK(k->changes.empty());
  CHECK(k->entry_count == r->entry_count);
  CHECK(k->outstanding_points == r->outstanding_points);
  REQUIRE(k->members.size() == r->members.size());
  CHECK(k->members[ai].points == 100);
  CHECK(k->members[ai].spend_to_next == 40000);
  auto la = customer_ledger(*ds, p, a->customer);
  REQUIRE(la.ok());
  std::vector<int64_t> one;
  for (const PointsEntry& e : *la) {
    CHECK(e.customer == a->customer);
    one.push_back(e.delta);
  }
  CHECK(one == deltas);
  // B: 100 sign-up + 200 earned in 2024, expired 2026-01-01 -> 0. Outstanding = 100 points = 1.00.
  CHECK(r->outstanding_points == 100);
  CHECK(r->outstanding_value == 100);
  CHECK(r->tier_counts == std::vector<int64_t>{2, 0, 0});

  // A redemption beyond the balance is refused; one within it is a ledger entry.
  p.manual = {{"B", D(2024, 6, 1), EntryKind::redeem, -250, "gift", ""}};
  auto r2 = run_programme(*ds, p, D(2024, 12, 31));
  REQUIRE(r2.ok());
  CHECK(r2->outstanding_points == 3690 - 1200 + 300 - 250);  // A 2,490 + B 50
  p.manual.push_back({"B", D(2024, 7, 1), EntryKind::redeem, -100, "gift", ""});
  CHECK(run_programme(*ds, p, D(2024, 12, 31)).ok() == false);
  p.manual = {{"nobody", D(2024, 7, 1), EntryKind::adjust, 5, "", ""}};
  CHECK(run_programme(*ds, p).ok() == false);

  // Through the store (default programme: sign-up 100 + 1 point per yuan): B holds 300 points on
  // 2024-06-01. A 400-point redemption is refused and nothing is written; 250 is recorded.
  CHECK(!add_point_entry(*s, *ds, {"B", D(2024, 6, 1), EntryKind::redeem, -400, "gift", ""}).ok());
  CHECK(!add_point_entry(*s, *ds, {"B", D(2024, 6, 1), EntryKind::redeem, 10, "gift", ""}).ok());  // wrong sign
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM member_point_entries") == 0);
  CHECK(add_point_entry(*s, *ds, {"B", D(2024, 6, 1), EntryKind::redeem, -250, "gift", ""}).ok());
  CHECK(*s->db().scalar("SELECT COUNT(*) FROM member_point_entries") == 1);
  auto loaded = load_programme(*s, *ds);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->manual.size() == 1);
  CHECK((loaded->manual[0].kind == EntryKind::redeem && loaded->manual[0].delta == -250 && loaded->manual[0].day == D(2024, 6, 1)));
}

TEST_CASE("members: bad tier schemes and points rules are refused with the level named") {
  MemberProgramme p = hand_programme();
  CHECK(validate(p).ok());
  p.tiers.levels[2].min_spend = 50000;  // same as silver: overlapping thresholds
  auto v = validate(p);
  REQUIRE(!v.ok());
  CHECK(v.error().message.find("overlap") != std::string::npos);
  p = hand_programme();
  p.tiers.levels[1].points_multiplier_bp = -1;
  CHECK(!validate(p).ok());
  p = hand_programme();
  p.points.points_per_major = -1;
  CHECK(!validate(p).ok());
  p = hand_programme();
  p.points.bonus_days[0].multiplier_bp = -5;
  CHECK(!validate(p).ok());
  p = hand_programme();
  p.manual = {{"A", D(2024, 1, 1), EntryKind::earn, 5, "", ""}};
  CHECK(!validate(p).ok());  // earn entries come from orders only
  // settings JSON round trip
  auto t = tiers_from_json(tiers_to_json(hand_programme().tiers));
  REQUIRE(t.ok());
  CHECK(t->levels.size() == 3);
  CHECK(t->levels[2].min_spend == 150000);
  auto pr = points_rules_from_json(points_rules_to_json(hand_programme().points));
  REQUIRE(pr.ok());
  CHECK(pr->bonus_days.size() == 1);
  CHECK(pr->bonus_days[0].day == D(2024, 11, 11));
}

TEST_CASE("members: property: balances are the sum of entries, never negative without redemptions, and expired points stay gone") {
  // 60 customers, 600 random orders over 2023-2025, a quarter refunded in part.
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  demo::Rng rng(2024, 3);
  REQUIRE(s->write([&](Writer& w) -> Status {
               for (int k = 0; k < 600; ++k) {
                 const Day d = D(2023, 1, 1) + static_cast<Day>(rng.below(1095));
                 const std::string id = "o" + std::to_string(k);
                 Order o;
                 o.id = id;
                 o.customer_id = "c" + std::to_string(rng.below(60));
                 o.placed_at = start_of(d) + 3600;
                 o.status = OrderStatus::completed;
                 o.shipping_amount = rng.chance(0.5) ? 800 : 0;
                 o.paid_amount = 1000 + static_cast<Money>(rng.below(200000));
                 o.items_amount = o.paid_amount - o.shipping_amount;
                 auto r = w.add_order(o);
                 if (!r) return r.error();
                 if (rng.chance(0.25))
                   if (auto st = w.put(Refund{id, "", 0, 1 + static_cast<Money>(rng.below(static_cast<uint32_t>(o.paid_amount))), "",
                                              start_of(d + static_cast<Day>(rng.below(30))) + 7200});
                       !st)
                     return st;
               }
               return Ok{};
             }).ok());
  auto ds = load_dataset(*s);
  REQUIRE(ds.ok());
  MemberProgramme p = hand_programme();
  p.points.birthday_bonus = 50;
  p.birthdays.assign(ds->customer_id.size(), D(1990, 5, 17));
  auto r = run_programme(*ds, p, D(2026, 3, 1));
  REQUIRE(r.ok());
  std::vector<int64_t> sum(ds->customer_id.size(), 0), earned_after_2024(ds->customer_id.size(), 0);
  std::map<std::string, int64_t> earned, reversed;
  bool never_negative = true;
  for (const PointsEntry& e : r->entries) {
    sum[static_cast<size_t>(e.customer)] += e.delta;
    never_negative = never_negative && sum[static_cast<size_t>(e.customer)] >= 0;
    if (e.kind == EntryKind::earn && e.reason == "order") earned[e.order_id] += e.delta;
    if (e.kind == EntryKind::reverse) reversed[e.order_id] -= e.delta;
    if (e.delta > 0 && e.day >= D(2025, 1, 1)) earned_after_2024[static_cast<size_t>(e.customer)] += e.delta;
  }
  CHECK(never_negative);
  int64_t total = 0;
  for (const MemberStatus& m : r->members) {
    CHECK(m.points == sum[static_cast<size_t>(m.customer)]);
    // 2023's and 2024's points expired on 2025-01-01 and 2026-01-01: what is left was earned since.
    CHECK(m.points <= earned_after_2024[static_cast<size_t>(m.customer)]);
    total += m.points;
  }
  CHECK(total == r->outstanding_points);
  for (const auto& [order, pts] : reversed) CHECK(pts <= earned[order]);
  CHECK(r->members.size() == 60);
}

// ---- tags and segments -----------------------------------------------------------------------

#include "core/members/tags.h"

TEST_CASE("members: rule tags, manual tags and a saved segment with count, revenue and CSV") {
  Store s = rfm_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  const Day as_of = D(2025, 3, 31);
  // recent: a valid order in (03-24, 03-31] -> A (03-30), C (03-25), E (03-31); not B, D.
  // refunder: refunds over 5 % of sales -> A (20.00 / 350.00 = 5.7 %).
  std::vector<TagRule> rules = {{"recent", TagKind::ordered_within_days, "", 1, 0, 7},
                                {"refunder", TagKind::refund_rate_over, "", 1, 500, 30}};
  TagInputs in;
  in.manual.assign(ds->customer_id.size(), {});
  auto idx = [&](const char* id) {
    for (size_t c = 0; c < ds->customer_id.size(); ++c)
      if (ds->customer_id[c] == id) return c;
    return size_t{0};
  };
  in.manual[idx("D")] = {"vip"};
  auto tags = compute_tags(*ds, rules, in, as_of);
  REQUIRE(tags.ok());
  CHECK((*tags)[idx("A")].strings() == std::vector<std::string>{"recent", "refunder"});
  CHECK((*tags)[idx("B")].empty());
  CHECK((*tags)[idx("C")].strings() == std::vector<std::string>{"recent"});
  CHECK((*tags)[idx("D")].strings() == std::vector<std::string>{"vip"});
  // Kept compact: the names once ("recent", "refunder", "vip"), four tags given, one start per customer.
  CHECK(tags->names == std::vector<std::string>{"recent", "refunder", "vip"});
  CHECK(tags->ids.size() == 5);  // A 2, C 1, D 1, E 1 (recent)
  CHECK(tags->start.size() == ds->customer_id.size() + 1);
  // Segment: loyal (A and C in the all-history RFM) and recent -> A 350.00 + C 90.00.
  auto rfm = compute_rfm(*ds, {});
  REQUIRE(rfm.ok());
  SegmentFilter f;
  f.rfm = {Segment::loyal};
  f.tags = {"recent"};
  SegmentResult seg = evaluate_segment(*ds, f, *rfm, {}, *tags);
  CHECK(seg.count == 2);
  CHECK(seg.revenue == 44000);
  f.last_order_to = D(2025, 3, 26);  // C only
  seg = evaluate_segment(*ds, f, *rfm, {}, *tags);
  REQUIRE(seg.count == 1);
  CHECK(segment_csv(*ds, seg) == "customer_id,orders,sales,first_order,last_order\nC,2,9000,2025-03-25,2025-03-25\n");
  // bad rules
  CHECK(!validate_rule(*ds, {"tea lover", TagKind::bought_category, "tea", 3, 0, 30}).ok());  // no such category
  CHECK(!validate_rule(*ds, {"", TagKind::ordered_within_days, "", 1, 0, 30}).ok());
  CHECK(!compute_tags(*ds, {{"x", TagKind::coupon_share_over, "", 1, 12000, 30}}, in, as_of).ok());
}

#include "core/members/customers.h"

TEST_CASE("members: customer rows, a profile, saved segments and the member view of the hand store") {
  Store s = rfm_store();
  auto ds = load_dataset(s);
  REQUIRE(ds.ok());
  // Valid orders of known customers: A 3 (350.00, 20.00 refunded), B 1 (30.00), C 2 (90.00, one
  // day), D 1 (500.00; the cancelled 99.99 is not counted), E 1 (15.00); the guest is left out.
  const auto rows = customer_rows(*ds);
  REQUIRE(rows.size() == 5);
  auto find = [&](const char* id) -> const CustomerRow& {
    for (const CustomerRow& r : rows)
      if (ds->customer_id[static_cast<size_t>(r.customer)] == id) return r;
    FAIL("no row");
    return rows.front();
  };
  const CustomerRow& a = find("A");
  CHECK(a.first_day == D(2025, 1, 1));
  CHECK(a.last_day == D(2025, 3, 30));
  CHECK(a.orders == 3);
  CHECK(a.sales == 35000);
  CHECK(a.refunds == 2000);
  CHECK(find("C").orders == 2);
  CHECK(find("C").sales == 9000);
  CHECK(find("D").orders == 1);
  CHECK(find("D").sales == 50000);
  CHECK(a.category == -1);  // the hand store's orders have no lines
  // D's profile lists both orders (the cancelled one too) and buys nothing valid with lines.
  TagInputs none;
  const CustomerProfile pd = customer_profile(*ds, find("D").customer, none);
  CHECK(pd.orders.size() == 2);
  CHECK(pd.refunds.empty());
  CHECK(customer_profile(*ds, a.customer, none).refunds.size() == 1);

  // Saved segments: round trip, replace by id, empty id refused (nothing written).
  SegmentFilter f;
  f.rfm = {Segment::loyal};
  f.tiers = {"gold"};
  REQUIRE(s.write([&](Writer& w) { return save_segment(w, {"loyal", "Loyal ones", f}); }).ok());
  f.tiers.clear();
  REQUIRE(s.write([&](Writer& w) { return save_segment(w, {"loyal", "Loyal", f}); }).ok());
  CHECK(!s.write([&](Writer& w) { return save_segment(w, {"", "x", f}); }).ok());
  auto segs = load_segments(s);
  REQUIRE(segs.ok());
  REQUIRE(segs->size() == 1);
  CHECK((*segs)[0].name == "Loyal");
  CHECK((*segs)[0].filter.tiers.empty());
  CHECK((*segs)[0].filter.rfm == std::vector<Segment>{Segment::loyal});
  auto rules = load_tag_rules(s);
  REQUIRE(rules.ok());
  CHECK(rules->empty());

  // The member view: RFM as compute_rfm, every customer with a valid order at the entry tier.
  const MemberProgramme prog = default_programme();
  auto view = member_view(*ds, prog, {{"recent", TagKind::ordered_within_days, "", 1, 0, 7}}, none);
  REQUIRE(view.ok());
  CHECK(view->rfm.rows.size() == 5);
  CHECK(view->tier_name[static_cast<size_t>(a.customer)] == prog.tiers.levels[0].name);
  // "recent" at the last order day 03-31: A (03-30), C (03-25), E (03-31).
  CHECK(view->tags[static_cast<size_t>(a.customer)].strings() == std::vector<std::string>{"recent"});
  CHECK(view->tags[static_cast<size_t>(find("B").customer)].empty());
  // The saved segment (loyal: A and C) counted against the view.
  const SegmentResult r = evaluate_segment(*ds, (*segs)[0].filter, view->rfm, view->tier_name, view->tags);
  CHECK(r.count == 2);
  CHECK(r.revenue == 44000);
}

#include "core/members/membership.h"
#include "core/promotions/engine.h"
#include "core/promotions/json_io.h"

TEST_CASE("members: a promotion limited to a saved segment applies to its members only") {
  // 10 % off a 100.00 cart, only for buyers in segment "loyal". The hand store's RFM (case
  // "RFM of the hand store") names A and C Loyal; B, D and E are in other segments; "Z" has
  // no order.
  promo::Promotion p;
  p.id = "LOYAL10";
  p.kind = promo::Kind::percent_off;
  p.params.bp = 1000;
  p.conditions.segments = {"loyal"};
  promo::QuoteInput in;
  in.promotions = {p};
  in.cart = {{"SKU", 10000, 1}};

  // The engine: a buyer in "loyal" (and another segment) gets 10.00 off; a buyer in another
  // segment or in none gets nothing, with the code "segment" naming the segment asked for.
  in.customer.segments = {"big", "loyal"};
  promo::Quote q = promo::quote(in);
  REQUIRE(q.discounts.size() == 1);
  CHECK(q.discounts[0].amount == 1000);
  CHECK(q.total == 9000);
  for (const std::vector<std::string>& segs : {std::vector<std::string>{"big"}, std::vector<std::string>{}}) {
    in.customer.segments = segs;
    q = promo::quote(in);
    CHECK(q.discounts.empty());
    CHECK(q.total == 10000);
    REQUIRE(q.not_applied.size() == 1);
    CHECK(q.not_applied[0].why.code == promo::Why::segment);
    CHECK(q.not_applied[0].why.text == "loyal");
    CHECK(q.not_applied[0].reason == "the buyer is in none of the segments: loyal");
  }

  // The JSON form keeps the condition and the buyer's segments.
  in.customer.segments = {"loyal"};
  auto back = promo::parse_quote_input(promo::to_text(promo::quote_input_to_json(in)));
  REQUIRE(back.ok());
  REQUIRE(back->promotions.size() == 1);
  CHECK(back->promotions[0].conditions.segments == std::vector<std::string>{"loyal"});
  CHECK(back->customer.segments == std::vector<std::string>{"loyal"});

  // On a store: membership resolved from the saved segment's filter, as `promo quote --db`
  // does for customer.id.
  Store s = rfm_store();
  SegmentFilter f;
  f.rfm = {Segment::loyal};
  REQUIRE(s.write([&](Writer& w) { return save_segment(w, {"loyal", "Loyal", f}); }).ok());
  SegmentFilter big;
  big.first_order_to = D(2025, 1, 31);  // first order in January: A and D
  REQUIRE(s.write([&](Writer& w) { return save_segment(w, {"early", "January buyers", big}); }).ok());
  auto segs_of = [&](const char* id) {
    auto r = customer_segments(s, id);
    REQUIRE(r.ok());
    return *r;
  };
  CHECK(segs_of("A") == std::vector<std::string>{"early", "loyal"});  // saved order: by id
  CHECK(segs_of("C") == std::vector<std::string>{"loyal"});
  CHECK(segs_of("D") == std::vector<std::string>{"early"});
  CHECK(segs_of("B").empty());
  CHECK(segs_of("Z").empty());
  for (const char* id : {"A", "C", "B", "D", "Z"}) {
    CAPTURE(id);
    in.customer.id = id;
    in.customer.segments = segs_of(id);
    q = promo::quote(in);
    const bool member = std::string(id) == "A" || std::string(id) == "C";
    CHECK(q.total == (member ? 9000 : 10000));
  }
}
