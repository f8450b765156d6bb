#!/usr/bin/env python3
"""statsmodels' time for the weekly elasticity regressions of pricing_bench (same series, same
design as core/pricing/elasticity.h: const, log price, trend, season sin/cos; the festival and
promotion shares are left out here, so statsmodels fits slightly fewer columns)."""
import math, sys, time
import numpy as np
import pandas as pd
import statsmodels.api as sm

df = pd.read_csv(sys.argv[1])
t0 = time.perf_counter()
n = 0
for sku, g in df.groupby("sku", sort=False):
    if len(g) < 8:
        continue
    d0 = g["first_day"].to_numpy() + 7 * g["week"].to_numpy()
    X = np.column_stack([np.ones(len(g)), np.log(g["revenue"] / g["units"]), 7 * g["week"] / 365.25,
                         np.sin(2 * math.pi * d0 / 365.25), np.cos(2 * math.pi * d0 / 365.25)])
    res = sm.OLS(np.log(g["units"].to_numpy()), X).fit()
    res.conf_int(0.05)
    n += 1
wall = time.perf_counter() - t0
print(f"statsmodels OLS (weekly, pandas groupby + sm.OLS().fit() + conf_int): {n} SKUs in {wall * 1000:.0f} ms "
      "(series already aggregated; the C++ figure includes the aggregation of the order lines)")
