#include "core/planning/forecast.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/planning/ets.h"

namespace shopkeeper::planning {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ80 = 1.2815515655446004;  // qnorm(0.90)
constexpr double kZ95 = 1.9599639845400540;  // qnorm(0.975)

const char* const kMethodNames[kMethods] = {"naive", "snaive", "ses", "holt", "hw-add", "hw-mul", "croston", "sba", "tsb"};

Forecast skipped(Method m, Skip s, int needed = 0) {
  Forecast f;
  f.method = m;
  f.skip = s;
  f.needed = needed;
  return f;
}

// Fills lo/hi from mean and the h-step variances; clips everything at 0.
void finish(Forecast& f, const std::vector<double>& var) {
  const size_t H = f.mean.size();
  f.lo80.resize(H), f.hi80.resize(H), f.lo95.resize(H), f.hi95.resize(H);
  for (size_t h = 0; h < H; ++h) {
    const double mu = f.mean[h];
    const double sd = std::sqrt(std::max(0.0, var[h]));
    f.lo80[h] = std::max(0.0, mu - kZ80 * sd);
    f.hi80[h] = std::max(0.0, mu + kZ80 * sd);
    f.lo95[h] = std::max(0.0, mu - kZ95 * sd);
    f.hi95[h] = std::max(0.0, mu + kZ95 * sd);
    f.mean[h] = std::max(0.0, mu);
  }
}

double mean_square(const std::vector<double>& y, const std::vector<double>& fitted) {
  double s = 0;
  int c = 0;
  for (size_t t = 0; t < y.size(); ++t)
    if (!std::isnan(fitted[t])) s += (y[t] - fitted[t]) * (y[t] - fitted[t]), ++c;
  return c ? s / c : 0.0;
}

// Sample variance (n - 1, mean removed) of the residuals, as R's var(residuals(HoltWinters)).
double residual_var(const std::vector<double>& y, const std::vector<double>& fitted) {
  double s = 0, s2 = 0;
  int c = 0;
  for (size_t t = 0; t < y.size(); ++t)
    if (!std::isnan(fitted[t])) {
      const double e = y[t] - fitted[t];
      s += e, s2 += e * e, ++c;
    }
  if (c < 2) return 0.0;
  const double mean = s / c;
  return (s2 - c * mean * mean) / (c - 1);
}

bool is_constant(const std::vector<double>& y) {
  for (double v : y)
    if (v != y[0]) return false;
  return true;
}

bool positive(const std::vector<double>& y) {
  for (double v : y)
    if (!(v > 0)) return false;
  return true;
}

// ---- classical Holt-Winters: the recursions of R's stats::HoltWinters (C_HoltWinters) --------
struct Classic {
  std::vector<double> fitted;  // NaN before start
  double level = 0, trend = 0;
  std::vector<double> season;  // last m seasonal states, season[k] for step k+1 ahead
  double sse = 0;
};

// start = the first (1-based) time that is forecast; a = level at start-1, b = trend, s = m seasonal
// start values (for times start-m .. start-1).
Classic hw_run(const std::vector<double>& x, int start, double alpha, double beta, double gamma, bool trend,
               int season /*0 none, 1 add, 2 mul*/, int m, double a, double b, const std::vector<double>& s) {
  Classic c;
  const int n = static_cast<int>(x.size());
  c.fitted.assign(static_cast<size_t>(n), kNaN);
  double lev = a, tr = trend ? b : 0.0;
  std::vector<double> ring(s);  // ring[k] = seasonal for time start - m + k (mod m)
  int pos = 0;
  for (int i = start - 1; i < n; ++i) {
    const double stmp = season ? ring[pos] : (season == 2 ? 1.0 : 0.0);
    double xhat = lev + tr;
    if (season == 1) xhat += stmp;
    else if (season == 2) xhat *= stmp;
    c.fitted[i] = xhat;
    const double res = x[i] - xhat;
    c.sse += res * res;
    const double lnew = season == 2 ? alpha * (x[i] / stmp) + (1 - alpha) * (lev + tr)
                                    : alpha * (x[i] - (season ? stmp : 0.0)) + (1 - alpha) * (lev + tr);
    if (trend) tr = beta * (lnew - lev) + (1 - beta) * tr;
    if (season) {
      ring[pos] = season == 1 ? gamma * (x[i] - lnew) + (1 - gamma) * stmp : gamma * (x[i] / lnew) + (1 - gamma) * stmp;
      pos = (pos + 1) % m;
    }
    lev = lnew;
  }
  c.level = lev;
  c.trend = tr;
  if (season) {
    c.season.resize(static_cast<size_t>(m));
    for (int k = 0; k < m; ++k) c.season[k] = ring[(pos + k) % m];
  }
  return c;
}

Classic hw_classic(const std::vector<double>& y, int m, double alpha, double beta, double gamma, int season) {
  double l1 = 0, l2 = 0;
  for (int i = 0; i < m; ++i) l1 += y[i] / m, l2 += y[m + i] / m;
  const double b = (l2 - l1) / m;
  std::vector<double> s(static_cast<size_t>(m));
  for (int i = 0; i < m; ++i) s[i] = season == 1 ? y[i] - l1 : y[i] / l1;
  return hw_run(y, m + 1, alpha, beta, gamma, true, season, m, l1, b, s);
}

// Prediction variance of R's predict.HoltWinters (additive form): var(res) (1 + sum_{j<h} psi_j^2),
// psi_j = alpha (1 + j beta) + [j mod m = 0] gamma (1 - alpha).
std::vector<double> hw_var(double v, int H, double alpha, double beta, double gamma, int m) {
  std::vector<double> out(static_cast<size_t>(H));
  double acc = 1;
  for (int h = 1; h <= H; ++h) {
    out[h - 1] = v * acc;
    const int j = h;
    const double psi = alpha * (1 + j * beta) + ((m >= 1 && j % m == 0) ? gamma * (1 - alpha) : 0.0);
    acc += psi * psi;
  }
  return out;
}

Forecast from_classic(Method method, const std::vector<double>& y, const Classic& c, int H, double alpha, double beta,
                      double gamma, int m, int season, bool trend) {
  Forecast f;
  f.method = method;
  f.model = "HoltWinters";
  f.alpha = alpha, f.beta = trend ? beta : 0.0, f.gamma = season ? gamma : 0.0;
  f.fitted = c.fitted;
  f.mean.resize(static_cast<size_t>(H));
  for (int h = 1; h <= H; ++h) {
    double v = c.level + (trend ? h * c.trend : 0.0);
    if (season == 1) v += c.season[(h - 1) % m];
    else if (season == 2) v *= c.season[(h - 1) % m];
    f.mean[h - 1] = v;
  }
  f.sigma2 = residual_var(y, c.fitted);
  finish(f, hw_var(f.sigma2, H, f.alpha, f.beta, f.gamma, season ? m : 1));
  return f;
}

// ---- ETS families ---------------------------------------------------------------------------
bool in_family(Method method, const EtsSpec& s) {
  switch (method) {
    case Method::ses: return s.trend == EtsTrend::none && s.season == EtsSeason::none;
    case Method::holt: return s.trend != EtsTrend::none && s.season == EtsSeason::none;
    case Method::hw_add: return s.season == EtsSeason::add;
    case Method::hw_mul: return s.season == EtsSeason::mul;
    default: return false;
  }
}

Forecast ets_family(const std::vector<double>& y, int m, int H, Method method) {
  const auto specs = ets_candidates(y, m);
  EtsFit best;
  for (const EtsSpec& s : specs) {
    if (!in_family(method, s)) continue;
    EtsFit f = ets_fit(y, m, s);
    if (f.ok && (!best.ok || f.aicc < best.aicc)) best = std::move(f);
  }
  if (!best.ok) return skipped(method, Skip::no_fit);
  Forecast f;
  f.method = method;
  f.model = ets_name(best.spec);
  f.alpha = best.alpha, f.beta = best.beta, f.gamma = best.gamma, f.phi = best.phi;
  f.aicc = best.aicc;
  f.fitted = best.fitted;
  f.sigma2 = best.sigma2;
  std::vector<double> var;
  ets_forecast(best, H, f.mean, var);
  finish(f, var);
  return f;
}

// Classical Holt-Winters with alpha, beta, gamma minimising the in-sample squared error
// (R's HoltWinters(optim.start = c(0.3, 0.1, 0.1))): used for seasons longer than 24.
Forecast hw_estimated(const std::vector<double>& y, int m, int H, Method method) {
  const int season = method == Method::hw_add ? 1 : 2;
  auto obj = [&](const std::vector<double>& p) {
    for (double v : p)
      if (!(v >= 0 && v <= 1)) return std::numeric_limits<double>::infinity();
    const Classic c = hw_classic(y, m, p[0], p[1], p[2], season);
    return std::isfinite(c.sse) ? c.sse : std::numeric_limits<double>::infinity();
  };
  double best = 0;
  std::vector<double> p = nelder_mead(obj, {0.3, 0.1, 0.1}, {0.1, 0.05, 0.05}, 300, &best, 1e-8);
  if (!std::isfinite(best)) return skipped(method, Skip::no_fit);
  return from_classic(method, y, hw_classic(y, m, p[0], p[1], p[2], season), H, p[0], p[1], p[2], m, season, true);
}

// ---- intermittent demand -------------------------------------------------------------------
Forecast intermittent(const std::vector<double>& y, int H, Method method, const Params& p) {
  const int n = static_cast<int>(y.size());
  int nonzero = 0;
  for (double v : y) nonzero += v > 0;
  if (nonzero < 2) return skipped(method, Skip::no_demand);
  Forecast f;
  f.method = method;
  f.fitted.assign(static_cast<size_t>(n), kNaN);
  const double a = p.alpha.value_or(0.1);
  double level;
  if (method == Method::tsb) {
    const double b = p.beta.value_or(0.1);
    f.model = "TSB";
    f.alpha = a, f.beta = b;
    double z = 0, pr = static_cast<double>(nonzero) / n;
    for (double v : y)
      if (v > 0) z += v / nonzero;
    for (int t = 0; t < n; ++t) {
      f.fitted[t] = pr * z;
      if (y[t] > 0) {
        z += a * (y[t] - z);
        pr += b * (1 - pr);
      } else {
        pr += b * (0 - pr);
      }
    }
    level = pr * z;
  } else {
    f.model = method == Method::sba ? "SBA" : "Croston";
    f.alpha = a;
    const double k = method == Method::sba ? 1 - a / 2 : 1.0;
    double z = 0, q = 0;
    int last = -1;
    for (int t = 0; t < n; ++t) {
      if (last >= 0) f.fitted[t] = k * z / q;
      if (y[t] > 0) {
        if (last < 0) z = y[t], q = t + 1;
        else z += a * (y[t] - z), q += a * ((t - last) - q);
        last = t;
      }
    }
    level = k * z / q;
  }
  f.mean.assign(static_cast<size_t>(H), level);
  f.sigma2 = mean_square(y, f.fitted);
  std::vector<double> var(static_cast<size_t>(H));
  for (int h = 1; h <= H; ++h) var[h - 1] = f.sigma2 * (1 + (h - 1) * a * a);
  finish(f, var);
  return f;
}

}  // namespace

const char* method_name(Method m) { return kMethodNames[static_cast<int>(m)]; }

std::optional<Method> parse_method(std::string_view s) {
  for (int i = 0; i < kMethods; ++i)
    if (s == kMethodNames[i]) return static_cast<Method>(i);
  return std::nullopt;
}

const char* skip_name(Skip s) {
  switch (s) {
    case Skip::none: return "none";
    case Skip::too_short: return "too_short";
    case Skip::no_season: return "no_season";
    case Skip::season_too_long: return "season_too_long";
    case Skip::non_positive: return "non_positive";
    case Skip::constant: return "constant";
    case Skip::no_demand: return "no_demand";
    case Skip::not_intermittent: return "not_intermittent";
    case Skip::no_fit: return "no_fit";
    case Skip::missing_parameter: return "missing_parameter";
  }
  return "?";
}

Forecast forecast(const std::vector<double>& y, int m, int H, Method method, const Params& p) {
  const int n = static_cast<int>(y.size());
  const bool seasonal = method == Method::snaive || method == Method::hw_add || method == Method::hw_mul;
  if (seasonal && m < 2) return skipped(method, Skip::no_season);
  if (seasonal && m > n) return skipped(method, Skip::season_too_long);
  switch (method) {
    case Method::naive: {
      if (n < 2) return skipped(method, Skip::too_short, 2);
      Forecast f;
      f.method = method;
      f.model = "Naive";
      f.fitted.assign(static_cast<size_t>(n), kNaN);
      for (int t = 1; t < n; ++t) f.fitted[t] = y[t - 1];
      f.sigma2 = mean_square(y, f.fitted);
      f.mean.assign(static_cast<size_t>(H), y[n - 1]);
      std::vector<double> var(static_cast<size_t>(H));
      for (int h = 1; h <= H; ++h) var[h - 1] = f.sigma2 * h;
      finish(f, var);
      return f;
    }
    case Method::snaive: {
      if (n < m + 1) return skipped(method, Skip::too_short, m + 1);
      Forecast f;
      f.method = method;
      f.model = "SeasonalNaive";
      f.fitted.assign(static_cast<size_t>(n), kNaN);
      for (int t = m; t < n; ++t) f.fitted[t] = y[t - m];
      f.sigma2 = mean_square(y, f.fitted);
      f.mean.resize(static_cast<size_t>(H));
      std::vector<double> var(static_cast<size_t>(H));
      for (int h = 1; h <= H; ++h) {
        f.mean[h - 1] = y[n - m + (h - 1) % m];
        var[h - 1] = f.sigma2 * ((h - 1) / m + 1);
      }
      finish(f, var);
      return f;
    }
    case Method::ses:
    case Method::holt:
    case Method::hw_add:
    case Method::hw_mul: {
      const bool trend = method != Method::ses;
      const int season = method == Method::hw_add ? 1 : method == Method::hw_mul ? 2 : 0;
      if (season == 2 && !positive(y)) return skipped(method, Skip::non_positive);
      if (p.any()) {
        if (!p.alpha || (trend && !p.beta) || (season && !p.gamma)) return skipped(method, Skip::missing_parameter);
        const double a = *p.alpha, b = p.beta.value_or(0.0), g = p.gamma.value_or(0.0);
        if (season) {
          if (n < 2 * m) return skipped(method, Skip::too_short, 2 * m);
          return from_classic(method, y, hw_classic(y, m, a, b, g, season), H, a, b, g, m, season, true);
        }
        if (trend) {
          if (n < 3) return skipped(method, Skip::too_short, 3);
          const Classic c = hw_run(y, 3, a, b, 0, true, 0, 1, y[1], y[1] - y[0], {});
          return from_classic(method, y, c, H, a, b, 0, 1, 0, true);
        }
        if (n < 2) return skipped(method, Skip::too_short, 2);
        const Classic c = hw_run(y, 2, a, 0, 0, false, 0, 1, y[0], 0, {});
        return from_classic(method, y, c, H, a, 0, 0, 1, 0, false);
      }
      if (is_constant(y)) return skipped(method, Skip::constant);
      if (season && m > 24) {
        if (n < 2 * m + 2) return skipped(method, Skip::too_short, 2 * m + 2);
        return hw_estimated(y, m, H, method);
      }
      const int need = season ? 2 * m + 2 : trend ? 10 : 6;
      if (n < need) return skipped(method, Skip::too_short, need);
      return ets_family(y, m, H, method);
    }
    case Method::croston:
    case Method::sba:
    case Method::tsb: return intermittent(y, H, method, p);
  }
  return skipped(method, Skip::no_fit);
}

double mase_scale(const std::vector<double>& train, int m) {
  const int n = static_cast<int>(train.size());
  const int lag = (m >= 2 && m < n) ? m : 1;
  double s = 0;
  int c = 0;
  for (int t = lag; t < n; ++t) s += std::fabs(train[t] - train[t - lag]), ++c;
  return c ? s / c : kNaN;
}

Accuracy accuracy(const std::vector<double>& actual, const std::vector<double>& fc, double scale) {
  Accuracy a;
  double ae = 0, se = 0, pe = 0;
  int nz = 0;
  const size_t n = std::min(actual.size(), fc.size());
  for (size_t i = 0; i < n; ++i) {
    const double e = actual[i] - fc[i];
    ae += std::fabs(e), se += e * e;
    if (actual[i] != 0) pe += std::fabs(e / actual[i]), ++nz;
  }
  a.mae = n ? ae / n : kNaN;
  a.rmse = n ? std::sqrt(se / n) : kNaN;
  a.mape = nz ? 100.0 * pe / nz : kNaN;
  a.mase = scale > 0 ? a.mae / scale : kNaN;
  return a;
}

std::vector<Adjustment> adjust(Forecast& f, const std::vector<std::pair<int32_t, int32_t>>& periods,
                               const std::vector<Adjustment>& adj) {
  std::vector<Adjustment> used;
  for (const Adjustment& a : adj) {
    bool touched = false;
    for (size_t h = 0; h < f.mean.size() && h < periods.size(); ++h) {
      const int32_t lo = std::max(a.first, periods[h].first), hi = std::min(a.last, periods[h].second);
      if (hi < lo) continue;
      const double share = static_cast<double>(hi - lo + 1) / static_cast<double>(periods[h].second - periods[h].first + 1);
      const double k = 1 + (a.factor - 1) * share;
      for (auto* v : {&f.mean, &f.lo80, &f.hi80, &f.lo95, &f.hi95}) (*v)[h] = std::max(0.0, (*v)[h] * k);
      touched = true;
    }
    if (touched) used.push_back(a);
  }
  return used;
}

Choice choose(const std::vector<double>& y, int m, int H) {
  Choice c;
  const int n = static_cast<int>(y.size());
  const int w = std::max(1, std::min(H, n / 5));
  // As many origins (up to 3) as leave the seasonal models their 2m + 2 points.
  const int need = std::max(8, m >= 2 ? 2 * m + 2 : 0);
  int K = 3;
  while (K > 1 && n - K * w < need) --K;
  c.origins = K, c.window = w;
  int zeros = 0;
  for (double v : y) zeros += v == 0;
  const bool intermittent_ok = n > 0 && zeros * 10 >= n * 3;
  for (int i = 0; i < kMethods; ++i) {
    const Method method = static_cast<Method>(i);
    BacktestLine line;
    line.method = method;
    if ((method == Method::croston || method == Method::sba || method == Method::tsb) && !intermittent_ok) {
      line.skip = Skip::not_intermittent;
      c.lines.push_back(line);
      continue;
    }
    double ae = 0;
    int pts = 0;
    for (int k = K; k >= 1; --k) {
      const int o = n - k * w;
      if (o < 2) {
        line.skip = Skip::too_short;
        line.needed = k * w + 2;
        break;
      }
      const std::vector<double> train(y.begin(), y.begin() + o);
      const Forecast f = forecast(train, m, w, method);
      if (!f.ok()) {
        line.skip = f.skip;
        line.needed = f.needed ? f.needed + k * w : 0;
        break;
      }
      for (int h = 0; h < w; ++h) ae += std::fabs(y[o + h] - f.mean[h]), ++pts;
    }
    if (line.skip == Skip::none) line.mae = pts ? ae / pts : kNaN, line.points = pts;
    c.lines.push_back(line);
  }
  const Method base = m >= 2 ? Method::snaive : Method::naive;
  while (true) {
    const BacktestLine* b = &c.lines[static_cast<int>(base)];
    if (b->skip != Skip::none) b = &c.lines[static_cast<int>(Method::naive)];
    const BacktestLine* best = nullptr;
    for (const BacktestLine& l : c.lines)
      if (l.skip == Skip::none && (!best || l.mae < best->mae)) best = &l;
    c.fallback = !best || (b->skip == Skip::none && !(best->mae < b->mae));
    c.chosen = c.fallback ? b->method : best->method;
    c.forecast = forecast(y, m, H, c.chosen);
    if (c.forecast.ok() || c.chosen == Method::naive) break;
    BacktestLine& l = c.lines[static_cast<int>(c.chosen)];
    l.skip = c.forecast.skip;
    l.needed = c.forecast.needed;
  }
  return c;
}

}  // namespace shopkeeper::planning
