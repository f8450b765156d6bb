#include "core/members/btyd.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace shopkeeper::members {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double lbeta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

// log(e^u + e^v)
double logaddexp(double u, double v) {
  if (u == -kInf) return v;
  if (v == -kInf) return u;
  const double m = std::max(u, v);
  return m + std::log1p(std::exp(-std::fabs(u - v)));
}

// Neumaier-compensated sum: totals of thousands of log-likelihood terms stay exact to ~1e-15
// relative, which the gradient-norm stop needs.
struct Sum {
  double s = 0, c = 0;
  void add(double v) {
    const double t = s + v;
    if (std::fabs(s) >= std::fabs(v)) c += (s - t) + v;
    else c += (v - t) + s;
    s = t;
  }
  double value() const { return s + c; }
};

}  // namespace

const char* fit_code(FitCode c) {
  switch (c) {
    case FitCode::converged: return "converged";
    case FitCode::max_iterations: return "max_iterations";
    case FitCode::line_search_failed: return "line_search_failed";
    case FitCode::non_finite: return "non_finite";
    case FitCode::diverged: return "diverged";
    case FitCode::too_few_repeaters: return "too_few_repeaters";
    case FitCode::not_fitted: return "not_fitted";
    case FitCode::term_bound: return "term_bound";
  }
  return "not_fitted";
}

double digamma(double x) {
  if (!(x > 0)) return kNaN;
  double r = 0;
  while (x < 12) {  // the asymptotic series below is then exact to ~2e-15
    r -= 1 / x;
    x += 1;
  }
  const double f = 1 / (x * x);
  return r + std::log(x) - 0.5 / x -
         f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

LogValue log_hyp2f1(double a, double b, double c, double z, int max_terms) {
  LogValue out;
  if (!(z >= 0 && z < 1) || !std::isfinite(a) || !std::isfinite(b) || !std::isfinite(c)) {
    out.ok = false;
    out.log = kNaN;
    return out;
  }
  if (z == 0) return out;
  double sum = 1, term = 1, logscale = 0;
  const double big = 1e200, ln_big = std::log(1e200);
  for (int n = 0; n < max_terms; ++n) {
    const double dn = n;
    term *= (a + dn) * (b + dn) / ((c + dn) * (dn + 1)) * z;
    sum += term;
    if (!std::isfinite(term) || !std::isfinite(sum)) break;
    if (term == 0) {
      out.ok = true;
      out.sign = sum < 0 ? -1 : 1;
      out.log = std::log(std::fabs(sum)) + logscale;
      return out;
    }
    const double ratio = std::fabs((a + dn + 1) * (b + dn + 1) / ((c + dn + 1) * (dn + 2)) * z);
    if (ratio < 1 && std::fabs(term) * (1 / (1 - ratio)) <= 1e-17 * std::fabs(sum)) {
      out.sign = sum < 0 ? -1 : 1;
      out.log = std::log(std::fabs(sum)) + logscale;
      return out;
    }
    if (std::fabs(sum) > big) {
      sum /= big;
      term /= big;
      logscale += ln_big;
    }
  }
  out.ok = false;
  out.log = kNaN;
  return out;
}

// ---- BG/NBD ---------------------------------------------------------------------------------

double bgnbd_loglik1(const std::array<double, 4>& p, const Rft& c) {
  const double r = p[0], al = p[1], a = p[2], b = p[3], x = c.x;
  const double a1 = std::lgamma(r + x) - std::lgamma(r) + r * std::log(al);
  const double a2 = lbeta(a, b + x) - lbeta(a, b) - (r + x) * std::log(al + c.T);
  if (x <= 0) return a1 + a2;
  const double a3 = lbeta(a + 1, b + x - 1) - lbeta(a, b) - (r + x) * std::log(al + c.t_x);
  return a1 + logaddexp(a2, a3);
}

double bgnbd_loglik(const std::array<double, 4>& p, const std::vector<Rft>& d, std::array<double, 4>* grad) {
  const double r = p[0], al = p[1], a = p[2], b = p[3];
  Sum ll, g[4];
  const double lb = lbeta(a, b), psi_ab = digamma(a + b), psi_a = digamma(a), psi_b = digamma(b), psi_r = digamma(r);
  const double psi_a1 = digamma(a + 1);
  // Everything that depends on x alone (the gamma and digamma functions) is computed once per
  // distinct x: callers pass groups sorted by x (fit_clv does), so this is a handful of x values
  // instead of one lgamma/digamma set per group.
  const double log_al = std::log(al);
  double cx = -1, a1 = 0, la2 = 0, la3 = 0, psi_rx = 0, psi_abx = 0, psi_bx = 0, psi_bx1 = 0;
  for (const Rft& c : d) {
    const double x = c.x;
    if (x != cx) {
      cx = x;
      a1 = std::lgamma(r + x) - std::lgamma(r) + r * log_al;
      la2 = lbeta(a, b + x) - lb;
      la3 = x > 0 ? lbeta(a + 1, b + x - 1) - lb : -kInf;
      if (grad) {
        psi_rx = digamma(r + x);
        psi_abx = digamma(a + b + x);
        psi_bx = digamma(b + x);
        psi_bx1 = x > 0 ? digamma(b + x - 1) : 0;
      }
    }
    const double lT = std::log(al + c.T);
    const double a2 = la2 - (r + x) * lT;
    double l = a1 + a2, w2 = 1, a3 = -kInf, ltx = 0;
    if (x > 0) {
      ltx = std::log(al + c.t_x);
      a3 = la3 - (r + x) * ltx;
      const double m = logaddexp(a2, a3);
      l = a1 + m;
      w2 = std::exp(a2 - m);
    }
    ll.add(c.w * l);
    if (!grad) continue;
    const double w3 = 1 - w2;
    double dr = psi_rx - psi_r + log_al - w2 * lT;
    double dal = r / al - w2 * (r + x) / (al + c.T);
    double da = w2 * (psi_ab - psi_abx);
    double db = w2 * (psi_bx - psi_abx - psi_b + psi_ab);
    if (x > 0) {
      dr -= w3 * ltx;
      dal -= w3 * (r + x) / (al + c.t_x);
      da += w3 * (psi_a1 - psi_abx - psi_a + psi_ab);
      db += w3 * (psi_bx1 - psi_abx - psi_b + psi_ab);
    }
    g[0].add(c.w * dr * r);
    g[1].add(c.w * dal * al);
    g[2].add(c.w * da * a);
    g[3].add(c.w * db * b);
  }
  if (grad)
    for (int i = 0; i < 4; ++i) (*grad)[static_cast<size_t>(i)] = g[i].value();
  return ll.value();
}

double bgnbd_p_alive(const std::array<double, 4>& p, const Rft& c) {
  const double r = p[0], al = p[1], a = p[2], b = p[3];
  if (c.x <= 0) return 1;
  const double lr = std::log(a / (b + c.x - 1)) + (r + c.x) * (std::log(al + c.T) - std::log(al + c.t_x));
  return 1 / (1 + std::exp(lr));
}

double bgnbd_expected(const std::array<double, 4>& p, const Rft& c, double t) {
  const double r = p[0], al = p[1], a = p[2], b = p[3], x = c.x;
  if (t <= 0) return 0;
  const double z = t / (al + c.T + t);
  const LogValue h = log_hyp2f1(r + x, b + x, a + b + x - 1, z);
  if (!h.ok) return kNaN;
  // 1 - ((al+T)/(al+T+t))^(r+x) * 2F1
  const double lpow = (r + x) * (std::log(al + c.T) - std::log(al + c.T + t));
  const double inner = 1 - h.sign * std::exp(lpow + h.log);
  const double num = (a + b + x - 1) / (a - 1) * inner;
  double den = 1;
  if (x > 0) den += a / (b + x - 1) * std::exp((r + x) * (std::log(al + c.T) - std::log(al + c.t_x)));
  return num / den;
}

// ---- Pareto/NBD -----------------------------------------------------------------------------
//
// With f(tau) = (al + tau)^-(r+x) (be + tau)^-(s+1) the likelihood of one customer is
//   Gamma(r+x) al^r be^s / Gamma(r) [ (al+T)^-(r+x) (be+T)^-s + s Int_{t_x}^{T} f(tau) dtau ]
// (the Fader-Hardie-Lee note integrates the death time over (t_x, T]). The note writes
// (r+s+x) Int f as a difference of two 2F1(r+s+x, pb; r+s+x+1; z(t)) / (big+t)^(r+s+x), with
// z(t) = |al - be| / (big + t) < 1, big = max(al, be), pb = s+1 when al >= be else r+x. That
// series needs about 1/(1 - z) terms, so it runs to hundreds of thousands near z = 1 (al far
// from be, t small: the 1M-line store and the demo store in days). Here the integral is split
// at tau_h, where z(tau_h) = h:
//   - on [tau_h, T] (z <= h) the note's series difference, h chosen so that it needs at most
//     about 1,000 terms (h = min(0.95, exp(-(pb + 40) / 1000)));
//   - on [t_x, tau_h] (z > h) Gauss-Legendre quadrature of f in y = log(small + tau), where
//     log f is concave (panels sized by its slope and curvature, stopped by a geometric tail bound).
// Both parts are bounded (kSeriesTerms terms, kMaxPanels panels); a customer whose part hits
// its bound gets NaN and the fit says so (pnbd_loglik's `bound_hit`). CDNOW (al close to be)
// never reaches the quadrature: its figures are the series' as before.

namespace {

constexpr int kSeriesTerms = 20000;
constexpr int kMaxPanels = 4000;

// 2F1(a, b; a + 1; z) for 0 <= z < 1 and its partial derivatives in a, b and z, from one pass
// of the series F = sum_n T_n, T_n = a / (a + n) (b)_n / n! z^n:
//   dT_n/da = T_n n / (a (a + n)),  dT_n/db = T_n sum_{k<n} 1 / (b + k),  dT_n/dz = T_n n / z.
// All four sums share the series' rescaling, so they are returned divided by F (d log F).
struct Hyp2f1Grad {
  double log = 0;            // log F (F > 0 here: every term is positive for a, b > 0)
  double da = 0, db = 0, dz = 0;  // d log F / d a, b, z
  bool ok = true;
};

Hyp2f1Grad log_hyp2f1_c1_grad(double a, double b, double z, int max_terms = kSeriesTerms) {
  Hyp2f1Grad out;
  if (!(z >= 0 && z < 1) || !(a > 0) || !(b > 0)) {
    out.ok = false;
    out.log = kNaN;
    return out;
  }
  if (z == 0) {
    out.dz = a * b / (a + 1);  // the first term's coefficient
    return out;
  }
  // t_n = (b)_n / n! z^n (without the a / (a + n) factor), kept rescaled.
  double t = 1, S = 0;  // S = sum_{k<n} 1/(b+k)
  double F = 1, Fa = 0, Fb = 0, Fzn = 0;  // Fzn = sum T_n n (dz = Fzn / (z F))
  double logscale = 0;
  const double big = 1e200, ln_big = std::log(1e200);
  for (int n = 1; n <= max_terms; ++n) {
    const double dn = n;
    S += 1 / (b + dn - 1);
    t *= (b + dn - 1) / dn * z;
    const double T = t * a / (a + dn);
    F += T;
    Fa += T * dn / (a * (a + dn));
    Fb += T * S;
    Fzn += T * dn;
    if (!std::isfinite(F) || !std::isfinite(Fzn)) break;
    // The terms of the slowest sum (n T_n, or T_n S_n) fall by about `ratio` each step; stop
    // when the geometric tail bound is below 1e-17 of every sum.
    const double ratio = (b + dn) / (dn + 1) * z * (dn + 1) / dn;
    const double tail = ratio < 1 ? 1 / (1 - ratio) : kInf;
    const double tn = T * std::max(dn, 1.0) * (1 + S);
    if (tn == 0 || (ratio < 1 && tn * tail <= 1e-17 * F && T * (dn + 1) * tail <= 1e-17 * std::max(Fzn, 1e-300) &&
                    T * (1 + S) * tail <= 1e-17 * std::max(Fb, 1e-300))) {
      out.log = std::log(F) + logscale;
      out.da = Fa / F;
      out.db = Fb / F;
      out.dz = Fzn / (z * F);
      return out;
    }
    if (F > big) {
      F /= big;
      Fa /= big;
      Fb /= big;
      Fzn /= big;
      t /= big;
      logscale += ln_big;
    }
  }
  out.ok = false;
  out.log = kNaN;
  return out;
}

// b2 = log((r+s+x) Int_{t0}^{t1} f) and, when asked, d b2 / d(r, al, s, be) (natural parameters,
// the limits held fixed). b2 = -inf when the interval is empty.
struct PnbdPart {
  double b2 = -kInf;
  std::array<double, 4> d{};
  bool ok = true;
};

// The note's series difference e^u - e^v, u = log F(z(t0)) - (r+s+x) log(big + t0), v the same at t1.
PnbdPart pnbd_series(const std::array<double, 4>& p, double x, double t0, double t1, bool grad) {
  const double r = p[0], al = p[1], s = p[2], be = p[3];
  const double rsx = r + s + x;
  const bool al_big = al >= be;
  const double big = al_big ? al : be, diff = al_big ? al - be : be - al, pb = al_big ? s + 1 : r + x;
  PnbdPart out;
  if (!grad) {
    const LogValue h1 = log_hyp2f1(rsx, pb, rsx + 1, diff / (big + t0), kSeriesTerms);
    const LogValue h2 = log_hyp2f1(rsx, pb, rsx + 1, diff / (big + t1), kSeriesTerms);
    if (!h1.ok || !h2.ok) {
      out.ok = false;
      return out;
    }
    const double u = h1.log - rsx * std::log(big + t0);
    const double v = h2.log - rsx * std::log(big + t1);
    out.b2 = v >= u ? -kInf : u + std::log1p(-std::exp(v - u));
    return out;
  }
  // u and v with their gradients in (r, al, s, be).
  double uv[2], duv[2][4];
  const double times[2] = {t0, t1};
  for (int k = 0; k < 2; ++k) {
    const double bt = big + times[k], z = diff / bt;
    const Hyp2f1Grad h = log_hyp2f1_c1_grad(rsx, pb, z);
    if (!h.ok) {
      out.ok = false;
      return out;
    }
    const double lbt = std::log(bt);
    uv[k] = h.log - rsx * lbt;
    // dz and d log(big + t) by al and be
    double dz_al, dz_be, dl_al = 0, dl_be = 0;
    if (al_big) {
      dz_al = (be + times[k]) / (bt * bt);
      dz_be = -1 / bt;
      dl_al = 1 / bt;
    } else {
      dz_be = (al + times[k]) / (bt * bt);
      dz_al = -1 / bt;
      dl_be = 1 / bt;
    }
    duv[k][0] = h.da + (al_big ? 0 : h.db) - lbt;
    duv[k][1] = h.dz * dz_al - rsx * dl_al;
    duv[k][2] = h.da + (al_big ? h.db : 0) - lbt;
    duv[k][3] = h.dz * dz_be - rsx * dl_be;
  }
  if (uv[1] < uv[0]) {
    const double e = std::exp(uv[1] - uv[0]);
    out.b2 = uv[0] + std::log1p(-e);
    for (size_t i = 0; i < 4; ++i) out.d[i] = (duv[0][i] - e * duv[1][i]) / (1 - e);
  }
  return out;
}

// 16-point Gauss-Legendre on [-1, 1]: nodes (positive half) and weights (numpy leggauss(16)).
constexpr double kGl[8][2] = {
    {0.09501250983763745, 0.18945061045506859}, {0.2816035507792589, 0.1826034150449236},
    {0.45801677765722737, 0.16915651939500262}, {0.6178762444026438, 0.14959598881657676},
    {0.755404408355003, 0.12462897125553403},   {0.8656312023878318, 0.09515851168249259},
    {0.9445750230732326, 0.062253523938647706}, {0.9894009349916499, 0.027152459411754037},
};

// Int_{t0}^{t1} f by quadrature in y = log(small + tau), small = min(al, be), d = |al - be| > 0:
// f dtau = exp(phi(y)) dy, phi(y) = (1 - qs) y - qb log(d + e^y), qs / qb the exponents of the
// small / big factor. phi is concave (phi'' = -qb sig (1 - sig), sig = e^y / (d + e^y)), so it
// has one mode, and beyond a point with slope -lam the rest is at most e^phi / lam. Panels
// march out from the mode, 16 points each, at most 2 wide (log(d + e^y) is singular pi off the
// real axis) and 8 / (lam + 2 sqrt(curvature)): the 16-point rule's error on e^(lam y) over a
// width w is about (lam w / 2)^32 / 32! e^(lam w / 2), below 1e-16 relative for lam w <= 12.
PnbdPart pnbd_quad(const std::array<double, 4>& p, double x, double t0, double t1, bool grad) {
  const double r = p[0], al = p[1], s = p[2], be = p[3];
  const bool al_big = al >= be;
  const double small = al_big ? be : al, d = al_big ? al - be : be - al;
  const double qs = al_big ? s + 1 : r + x, qb = al_big ? r + x : s + 1;
  const double y0 = std::log(small + t0), y1 = std::log(small + t1);
  PnbdPart out;
  auto phi = [&](double y) { return (1 - qs) * y - qb * std::log(d + std::exp(y)); };
  auto slope = [&](double y) { return (1 - qs) - qb / (1 + d * std::exp(-y)); };
  // the mode
  double ym;
  if (slope(y0) <= 0) ym = y0;
  else if (slope(y1) >= 0) ym = y1;
  else {
    const double k = (1 - qs) / qb;  // sig at the mode, in (0, 1) here
    ym = std::clamp(std::log(d) + std::log(k) - std::log1p(-k), y0, y1);
  }
  const double ref = phi(ym);
  double s0 = 0, sy = 0, sl = 0, sis = 0, sib = 0;  // sums of w e^(phi - ref) times 1, y, log(d+e^y), e^-y, 1/(d+e^y)
  auto panel = [&](double a, double b) {
    const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
    for (const auto& nw : kGl) {
      for (double sg : {-1.0, 1.0}) {
        const double y = mid + sg * half * nw[0], ey = std::exp(y), de = d + ey, L = std::log(de);
        const double g = nw[1] * half * std::exp((1 - qs) * y - qb * L - ref);
        s0 += g;
        if (grad) {
          sy += g * y;
          sl += g * L;
          sis += g / ey;
          sib += g / de;
        }
      }
    }
  };
  // Panel width from a: phi's slope there and its largest curvature over the next two units
  // (sig grows at most e^2-fold over a width <= 2).
  auto width = [&](double a, double lam) {
    const double sig = 1 / (1 + d * std::exp(-a));
    const double curv = qb * std::min(0.25, sig * 7.38905609893065);
    return std::min(2.0, 8.0 / (std::fabs(lam) + 2 * std::sqrt(curv) + 1e-300));
  };
  int panels = 0;
  for (int dir : {1, -1}) {
    double a = ym;
    const double end = dir > 0 ? y1 : y0;
    while (dir > 0 ? a < end : a > end) {
      if (++panels > kMaxPanels) {
        out.ok = false;
        return out;
      }
      const double w = width(a, slope(a));
      const double b = dir > 0 ? std::min(end, a + w) : std::max(end, a - w);
      panel(std::min(a, b), std::max(a, b));
      a = b;
      const double lam = -dir * slope(a);  // the integrand falls at rate lam beyond a
      if (lam > 0 && std::exp(phi(a) - ref) / lam <= 1e-17 * s0) break;
    }
  }
  if (!(s0 > 0) || !std::isfinite(s0)) {
    out.ok = false;
    return out;
  }
  const double rsx = r + s + x;
  out.b2 = std::log(rsx) + ref + std::log(s0);
  if (grad) {
    // d log Int f / d param = Int f d log f / Int f, with d log f = -log(al+tau) dr,
    // -(r+x)/(al+tau) dal, -log(be+tau) ds, -(s+1)/(be+tau) dbe.
    const double e_small = -sy / s0, e_big = -sl / s0, i_small = -qs * sis / s0, i_big = -qb * sib / s0;
    out.d = al_big ? std::array<double, 4>{e_big, i_big, e_small, i_small} : std::array<double, 4>{e_small, i_small, e_big, i_big};
    out.d[0] += 1 / rsx;  // d log(r+s+x)
    out.d[2] += 1 / rsx;
  }
  return out;
}

// b2 for the customer's (t_x, T]: the series where z <= h, the quadrature where z > h.
PnbdPart pnbd_b2(const std::array<double, 4>& p, double x, double t_x, double T, bool grad) {
  const double r = p[0], al = p[1], s = p[2], be = p[3];
  const bool al_big = al >= be;
  const double big = al_big ? al : be, diff = al_big ? al - be : be - al, pb = al_big ? s + 1 : r + x;
  const double h = std::min(0.95, std::exp(-(pb + 40) / 1000));
  if (!(T > t_x)) return PnbdPart{};  // an empty interval (t_x = T): no second term
  if (diff / (big + t_x) <= h) return pnbd_series(p, x, t_x, T, grad);
  const double tau_h = diff / h - big;  // z(tau_h) = h, > t_x
  if (tau_h >= T) return pnbd_quad(p, x, t_x, T, grad);
  // Both parts' derivatives hold tau_h fixed: the terms from moving it cancel (f(tau_h) each).
  const PnbdPart a = pnbd_series(p, x, tau_h, T, grad), b = pnbd_quad(p, x, t_x, tau_h, grad);
  PnbdPart out;
  if (!a.ok || !b.ok) {
    out.ok = false;
    return out;
  }
  out.b2 = logaddexp(a.b2, b.b2);
  if (grad) {
    const double wa = a.b2 == -kInf ? 0 : std::exp(a.b2 - out.b2), wb = 1 - wa;
    for (size_t i = 0; i < 4; ++i) out.d[i] = wa * a.d[i] + wb * b.d[i];
  }
  return out;
}

// log of the first term (b1) and b2 = log A0 of the note.
bool pnbd_parts(const std::array<double, 4>& p, const Rft& c, double& b1, double& b2) {
  const double r = p[0], al = p[1], s = p[2], be = p[3], x = c.x;
  b1 = -(r + x) * std::log(al + c.T) - s * std::log(be + c.T);
  const PnbdPart part = pnbd_b2(p, x, c.t_x, c.T, false);
  b2 = part.b2;
  return part.ok;
}

}  // namespace

double pnbd_loglik1(const std::array<double, 4>& p, const Rft& c) {
  const double r = p[0], al = p[1], s = p[2], be = p[3], x = c.x;
  double b1, b2;
  if (!pnbd_parts(p, c, b1, b2)) return kNaN;
  return std::lgamma(r + x) - std::lgamma(r) + r * std::log(al) + s * std::log(be) +
         logaddexp(b1, std::log(s / (r + s + x)) + b2);
}

// The same likelihood as pnbd_loglik1, differentiated by hand. With A = log of the first term
// b1 = -(r+x) log(al+T) - s log(be+T) and B = log(s / (r+s+x)) + b2 (pnbd_b2 above, with its
// gradient):
//   l = lgamma(r+x) - lgamma(r) + r log al + s log be + log(e^A + e^B),
//   dl = d(...) + wA dA + wB dB with wA + wB = 1.
double pnbd_loglik(const std::array<double, 4>& p, const std::vector<Rft>& d, std::array<double, 4>* grad, bool* bound_hit) {
  if (bound_hit) *bound_hit = false;
  if (!grad) {
    Sum ll;
    for (const Rft& c : d) {
      double b1, b2;
      if (!pnbd_parts(p, c, b1, b2)) {
        if (bound_hit) *bound_hit = true;
        return kNaN;
      }
      const double r = p[0], al = p[1], s = p[2], be = p[3], x = c.x;
      const double l = std::lgamma(r + x) - std::lgamma(r) + r * std::log(al) + s * std::log(be) +
                       logaddexp(b1, std::log(s / (r + s + x)) + b2);
      if (!std::isfinite(l)) return kNaN;
      ll.add(c.w * l);
    }
    return ll.value();
  }
  const double r = p[0], al = p[1], s = p[2], be = p[3];
  const double log_al = std::log(al), log_be = std::log(be), psi_r = digamma(r), lg_r = std::lgamma(r);
  Sum ll, g[4];
  double cx = -1, lg_rx = 0, psi_rx = 0;
  for (const Rft& c : d) {
    const double x = c.x;
    if (x != cx) {
      cx = x;
      lg_rx = std::lgamma(r + x);
      psi_rx = digamma(r + x);
    }
    const double rsx = r + s + x;
    const PnbdPart part = pnbd_b2(p, x, c.t_x, c.T, true);
    if (!part.ok) {
      if (bound_hit) *bound_hit = true;
      return kNaN;
    }
    const double lT_al = std::log(al + c.T), lT_be = std::log(be + c.T);
    const double A = -(r + x) * lT_al - s * lT_be;
    double l = lg_rx - lg_r + r * log_al + s * log_be;
    double dA[4] = {-lT_al, -(r + x) / (al + c.T), -lT_be, -s / (be + c.T)};
    double wB = 0, dB[4] = {0, 0, 0, 0};
    if (part.b2 > -kInf) {
      const double B = std::log(s / rsx) + part.b2;
      const double m = logaddexp(A, B);
      l += m;
      wB = std::exp(B - m);
      for (size_t i = 0; i < 4; ++i) dB[i] = part.d[i];
      dB[0] -= 1 / rsx;
      dB[2] += 1 / s - 1 / rsx;
    } else {
      l += A;
    }
    if (!std::isfinite(l)) return kNaN;
    const double wA = 1 - wB;
    ll.add(c.w * l);
    const double dl[4] = {psi_rx - psi_r + log_al + wA * dA[0] + wB * dB[0], r / al + wA * dA[1] + wB * dB[1],
                          log_be + wA * dA[2] + wB * dB[2], s / be + wA * dA[3] + wB * dB[3]};
    for (size_t i = 0; i < 4; ++i) g[i].add(c.w * dl[i] * p[i]);
  }
  for (size_t i = 0; i < 4; ++i) (*grad)[i] = g[i].value();
  return ll.value();
}

double pnbd_p_alive(const std::array<double, 4>& p, const Rft& c) {
  const double r = p[0], s = p[2], x = c.x;
  double b1, b2;
  if (!pnbd_parts(p, c, b1, b2)) return kNaN;
  return 1 / (1 + (s / (r + s + x)) * std::exp(b2 - b1));
}

double pnbd_expected(const std::array<double, 4>& p, const Rft& c, double t) {
  const double r = p[0], al = p[1], s = p[2], be = p[3], x = c.x;
  if (t <= 0) return 0;
  const double lk = std::log(be + c.T) - std::log(be + c.T + t);  // log((b+T)/(b+T+t)) < 0
  // (1 - k^(s-1)) / (s-1), continuous at s = 1 (-> -log k)
  const double e = std::fabs(s - 1) < 1e-12 ? -lk : -std::expm1((s - 1) * lk) / (s - 1);
  return (r + x) * (be + c.T) / (al + c.T) * e * pnbd_p_alive(p, c);
}

// ---- Gamma-Gamma ----------------------------------------------------------------------------

double gg_loglik(const std::array<double, 3>& pr, const std::vector<Spend>& d, std::array<double, 3>* grad) {
  const double p = pr[0], q = pr[1], g = pr[2];
  Sum ll, gp, gq, gg;
  const double lgq = std::lgamma(q), psi_q = digamma(q), lg = std::log(g);
  // The gamma and digamma terms depend on x alone: computed once per distinct x (fit_clv
  // passes the repeat buyers sorted by x).
  double cx = -1, lx = 0, lg_pxq = 0, lg_px = 0, psi_pxq = 0, psi_px = 0;
  for (const Spend& c : d) {
    const double x = c.x, z = c.zbar, px = p * x;
    if (x != cx) {
      cx = x;
      lx = std::log(x);
      lg_pxq = std::lgamma(px + q);
      lg_px = std::lgamma(px);
      if (grad) {
        psi_pxq = digamma(px + q);
        psi_px = digamma(px);
      }
    }
    const double lz = std::log(z);
    const double lgz = std::log(g + x * z);
    const double l = lg_pxq - lg_px - lgq + q * lg + (px - 1) * lz + px * lx - (px + q) * lgz;
    ll.add(c.w * l);
    if (!grad) continue;
    gp.add(c.w * p * x * (psi_pxq - psi_px + lz + lx - lgz));
    gq.add(c.w * q * (psi_pxq - psi_q + lg - lgz));
    gg.add(c.w * g * (q / g - (px + q) / (g + x * z)));
  }
  if (grad) *grad = {gp.value(), gq.value(), gg.value()};
  return ll.value();
}

double gg_expected_value(const std::array<double, 3>& pr, double x, double zbar) {
  const double p = pr[0], q = pr[1], g = pr[2];
  if (!(q > 1)) return kNaN;
  return p * (g + x * zbar) / (p * x + q - 1);
}

// ---- minimiser ------------------------------------------------------------------------------

Minimum minimise(Objective fg, const void* ctx, std::vector<double> theta0, double tol, int max_iter) {
  using Eigen::MatrixXd;
  using Eigen::VectorXd;
  const size_t n = theta0.size();
  const Eigen::Index ni = static_cast<Eigen::Index>(n);
  Minimum out;
  std::vector<double> x = std::move(theta0), g(n), xn(n), gn(n);
  auto eval = [&](const std::vector<double>& at, std::vector<double>& grad) {
    double f = fg(at, grad, ctx);
    bool fin = std::isfinite(f);
    for (double v : grad) fin = fin && std::isfinite(v);
    return fin ? f : kInf;
  };
  auto norm = [](const std::vector<double>& v) {
    double s = 0;
    for (double e : v) s += e * e;
    return std::sqrt(s);
  };
  double f = eval(x, g);
  out.theta = x;
  if (!std::isfinite(f)) {
    out.code = FitCode::non_finite;
    out.value = kNaN;
    return out;
  }
  MatrixXd H = MatrixXd::Identity(ni, ni);
  bool fresh = true;  // H is the identity (no curvature learnt yet)
  int iter = 0;
  bool diverged = false;
  for (; iter < max_iter && norm(g) >= tol; ++iter) {
    const VectorXd gv = Eigen::Map<const VectorXd>(g.data(), ni);
    VectorXd dv = -H * gv;
    if (dv.dot(gv) >= 0) {
      H = MatrixXd::Identity(ni, ni);
      fresh = true;
      dv = -gv;
    }
    const double dmax = dv.cwiseAbs().maxCoeff();
    if (dmax > 1) dv *= 1 / dmax;  // at most a factor e per parameter per step
    const double slope = dv.dot(gv);
    double t = 1, fnew = kInf;
    bool accepted = false;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      for (size_t i = 0; i < n; ++i) xn[i] = x[i] + t * dv[static_cast<Eigen::Index>(i)];
      fnew = eval(xn, gn);
      if (fnew <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      if (!fresh) {
        H = MatrixXd::Identity(ni, ni);
        fresh = true;
        continue;
      }
      break;
    }
    // At the likelihood's rounding floor the Armijo test passes only by noise, with ever
    // shorter steps (hundreds of iterations that move nothing): take this step and leave the
    // rest to the Newton polishing below, which judges steps by the gradient.
    const bool stalled = !fresh && (t < 1e-3 || f - fnew <= 1e-12 * std::fabs(f));
    VectorXd s(ni), y(ni);
    for (size_t i = 0; i < n; ++i) {
      s[static_cast<Eigen::Index>(i)] = xn[i] - x[i];
      y[static_cast<Eigen::Index>(i)] = gn[i] - g[i];
    }
    const double sy = s.dot(y);
    if (sy > 1e-300 && std::isfinite(sy)) {
      if (fresh) H = MatrixXd::Identity(ni, ni) * (sy / y.dot(y));
      const double rho = 1 / sy;
      const MatrixXd I = MatrixXd::Identity(ni, ni);
      H = (I - rho * s * y.transpose()) * H * (I - rho * y * s.transpose()) + rho * s * s.transpose();
      fresh = false;
    }
    x = xn;
    g = gn;
    f = fnew;
    double big = 0;
    for (double v : x) big = std::max(big, std::fabs(v));
    if (big > 25) {
      diverged = true;
      break;
    }
    if (stalled) {
      ++iter;
      break;
    }
  }
  // Hessian of f by central differences of the gradient (relative step in log-parameters).
  auto hessian = [&](const std::vector<double>& at) {
    MatrixXd Hm(ni, ni);
    std::vector<double> xp = at, gp(n), gm(n);
    const double h = 1e-4;
    for (size_t j = 0; j < n; ++j) {
      xp[j] = at[j] + h;
      eval(xp, gp);
      xp[j] = at[j] - h;
      eval(xp, gm);
      xp[j] = at[j];
      for (size_t i = 0; i < n; ++i) Hm(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = (gp[i] - gm[i]) / (2 * h);
    }
    return MatrixXd(0.5 * (Hm + Hm.transpose()));
  };
  // Newton polishing: near the optimum the likelihood's change drops below its rounding, while
  // the gradient still carries information, so a step is accepted when it lowers the gradient norm.
  // The Hessian is computed once and reused (recomputed once when a step fails): with numeric
  // gradients (Pareto/NBD) each costs 2n gradients.
  MatrixXd Hpol;
  bool hfresh = false;
  for (int k = 0; k < 20 && !diverged && norm(g) >= tol && std::isfinite(f); ++k) {
    if (Hpol.size() == 0) {
      Hpol = hessian(x);
      hfresh = true;
    }
    const MatrixXd& Hm = Hpol;
    Eigen::LDLT<MatrixXd> ldlt(Hm);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) break;
    const VectorXd dv = ldlt.solve(-Eigen::Map<const VectorXd>(g.data(), ni));
    if (!dv.allFinite() || dv.cwiseAbs().maxCoeff() > 1) break;
    bool better = false;
    for (double t = 1; t > 1e-3; t *= 0.5) {
      for (size_t i = 0; i < n; ++i) xn[i] = x[i] + t * dv[static_cast<Eigen::Index>(i)];
      const double fnew = eval(xn, gn);
      if (std::isfinite(fnew) && norm(gn) < norm(g) && fnew <= f + 1e-9 * std::fabs(f)) {
        x = xn;
        g = gn;
        f = fnew;
        better = true;
        break;
      }
    }
    ++iter;
    if (!better) {
      if (hfresh) break;
      Hpol.resize(0, 0);  // stale curvature: recompute once
      continue;
    }
    hfresh = false;
  }
  out.theta = x;
  out.value = f;
  out.grad_norm = norm(g);
  out.iterations = iter;
  if (diverged) out.code = FitCode::diverged;
  else if (out.grad_norm < tol) out.code = FitCode::converged;
  else if (iter >= max_iter) out.code = FitCode::max_iterations;
  else out.code = FitCode::line_search_failed;  // BFGS stalled (search_failed) or Newton could not lower the gradient
  const MatrixXd Hm = hessian(x);
  out.hessian.assign(n * n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) out.hessian[i * n + j] = Hm(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  return out;
}

}  // namespace shopkeeper::members
