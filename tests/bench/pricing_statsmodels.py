#!/usr/bin/env python3
"""statsmodels' time for the weekly elasticity regressions of pricing_bench (same series, same
design as core/pricing/elasticity.h: const, log price, trend, season sin/cos; the festival and
promotion shares are left out here, so statsmodels fits slightly fewer columns). A SKU with a week
without a sale inside its selling span is fitted as the core does: Poisson GLM (HC0 sandwich) over
every week of the span on the log list price in force; the others by OLS on ln units and the log
realised price over the weeks with sales."""
import math, sys, time, warnings
import numpy as np
import pandas as pd
import statsmodels.api as sm

warnings.simplefilter("ignore")
df = pd.read_csv(sys.argv[1])
t0 = time.perf_counter()
n = n_ppml = 0
for sku, g in df.groupby("sku", sort=False):
    sold = g[g["units"] > 0]
    if len(sold) < 8:
        continue
    zero = len(sold) < len(g)
    h = g if zero else sold
    d0 = h["first_day"].to_numpy() + 7 * h["week"].to_numpy()
    price = h["list"].to_numpy(dtype=float) if zero else (h["revenue"] / h["units"]).to_numpy()
    X = np.column_stack([np.ones(len(h)), np.log(price), 7 * h["week"] / 365.25,
                         np.sin(2 * math.pi * d0 / 365.25), np.cos(2 * math.pi * d0 / 365.25)])
    if zero:
        res = sm.GLM(h["units"].to_numpy(dtype=float), X, family=sm.families.Poisson()).fit(cov_type="HC0")
        n_ppml += 1
    else:
        res = sm.OLS(np.log(h["units"].to_numpy()), X).fit()
    res.conf_int(0.05)
    n += 1
wall = time.perf_counter() - t0
print(f"statsmodels (weekly, pandas groupby + sm.OLS or sm.GLM(Poisson, HC0) fit + conf_int): {n} SKUs "
      f"({n_ppml} Poisson) in {wall * 1000:.0f} ms (series already aggregated; the C++ figure includes the aggregation "
      "of the order lines)")
