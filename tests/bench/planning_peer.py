#!/usr/bin/env python3
"""Peers of planning_bench (issue #12): `planning_peer.py DIR` after `planning_bench --out DIR`.

Monthly retail series: R's forecast::ets (automatic AICc choice over its model family) fitted
on the same 84 training months, MASE on the 12 held-out months (scale: in-sample
seasonal-naive MAE), beside the bench's automatic choice; statsmodels' ETSModel (best AICc of
six seasonal models: AAA, AAdA, ANA, MAM, MAdM, MNM) likewise. Weekly SKUs: the time
statsmodels takes for the fits the automatic choice makes (3 backtest origins + the final fit,
SES and Holt/damped Holt per SKU), measured on 200 SKUs and scaled to the bench's count.
Run with Debian's /usr/bin/python3 (statsmodels, pandas) and Rscript (r-cran-forecast).
"""
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")


def sm_fits(sample, w):
    """Seconds statsmodels takes to fit SES, Holt and damped Holt at 4 origins (every w points
    from the end) on each series of `sample`."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing, SimpleExpSmoothing
    t0 = time.time()
    for y in sample:
        n = len(y)
        for o in (n - 3 * w, n - 2 * w, n - w, n):
            tr = y[:o]
            SimpleExpSmoothing(tr, initialization_method="estimated").fit()
            ExponentialSmoothing(tr, trend="add", initialization_method="estimated").fit()
            ExponentialSmoothing(tr, trend="add", damped_trend=True, initialization_method="estimated").fit()
    return time.time() - t0


def series(path):
    df = pd.read_csv(path)
    return [g["y"].to_numpy(float) for _, g in df.groupby("id", sort=True)]


def mase(train, test, fc, m):
    scale = np.mean(np.abs(train[m:] - train[:-m]))
    return float(np.mean(np.abs(test - fc)) / scale)


def r_ets(monthly, test, m):
    lines = []
    for y in monthly:
        lines.append(",".join(repr(float(v)) for v in y[:-test]))
    src = "suppressMessages(library(forecast))\n" \
          "con <- file('stdin'); L <- readLines(con); close(con)\n" \
          "t0 <- proc.time()[['elapsed']]\n" \
          "for (l in L) { y <- ts(as.numeric(strsplit(l, ',')[[1]]), frequency=%d); f <- ets(y); " \
          "fc <- forecast(f, h=%d)$mean; cat(f$method, sprintf('%%.17g', as.numeric(fc)), sep='|'); cat('\\n') }\n" \
          "cat('TIME', proc.time()[['elapsed']] - t0, '\\n')\n" % (m, test)
    p = subprocess.run(["Rscript", "-e", src], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    out, secs = [], None
    for line in p.stdout.strip().split("\n"):
        if line.startswith("TIME"):
            secs = float(line.split()[1])
            continue
        parts = line.split("|")
        out.append((parts[0], np.array([float(v) for v in parts[1:]])))
    return out, secs


def sm_ets(train, h):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    best = None
    for err, trend, damped, seas in [("add", "add", False, "add"), ("add", "add", True, "add"), ("add", None, False, "add"),
                                     ("mul", "add", False, "mul"), ("mul", "add", True, "mul"), ("mul", None, False, "mul")]:
        try:
            r = ETSModel(train, error=err, trend=trend, damped_trend=damped, seasonal=seas, seasonal_periods=12).fit(disp=False)
        except Exception:
            continue
        if np.isfinite(r.aicc) and (best is None or r.aicc < best[0]):
            best = (r.aicc, r, f"ETS({err[0].upper()},{'N' if trend is None else ('Ad' if damped else 'A')},{seas[0].upper()})")
    return best[2], np.asarray(best[1].forecast(h))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/planning-bench"
    ours = json.load(open(os.path.join(d, "ours.json")))
    monthly = series(os.path.join(d, "monthly.csv"))
    test, m = 12, 12
    r, r_secs = r_ets(monthly, test, m)
    t0 = time.time()
    sm = [sm_ets(y[:-test], test) for y in monthly]
    sm_secs = time.time() - t0
    print("monthly retail, out-of-sample MASE per series (12 months held out):")
    print(f"  {'id':>3} {'shopkeeper':>10} {'chosen':>22} {'R ets':>8} {'R model':>12} {'statsmodels':>11} {'sm model':>11}")
    a, b, c = [], [], []
    for i, y in enumerate(monthly):
        tr, te = y[:-test], y[-test:]
        mr = mase(tr, te, r[i][1], m)
        ms = mase(tr, te, sm[i][1], m)
        o = ours["monthly"][i]
        a.append(o["mase"]), b.append(mr), c.append(ms)
        print(f"  {i:>3} {o['mase']:>10.4f} {o['chosen'] + ' ' + o['model']:>22} {mr:>8.4f} {r[i][0]:>12} {ms:>11.4f} {sm[i][0]:>11}")
    print(f"  mean MASE: shopkeeper auto {np.mean(a):.4f}, R forecast::ets {np.mean(b):.4f}, statsmodels ETS {np.mean(c):.4f}")
    ratio = np.mean(a) / np.mean(b)
    print(f"  shopkeeper / R ets = {ratio:.3f} (goal <= 1.10: {'met' if ratio <= 1.10 else 'NOT met'}); "
          f"series where shopkeeper is within 10% of R or better: {sum(x <= 1.1 * y for x, y in zip(a, b))} of {len(a)}")
    print(f"  time: R ets {r_secs:.2f} s for {len(monthly)} series; statsmodels {sm_secs:.2f} s")
    print(f"noisy daily: shopkeeper auto mean MASE {ours['daily_auto']:.4f} vs seasonal naive {ours['daily_snaive']:.4f} "
          f"(ratio {ours['daily_auto'] / ours['daily_snaive']:.3f})")

    weekly = series(os.path.join(d, "weekly.csv"))
    sample = weekly[:200]
    secs = sm_fits(sample, 8) * ours["weekly_skus"] / len(sample)
    print(f"weekly SKUs: statsmodels SES + Holt + damped Holt at 4 origins per SKU: {secs:.1f} s for {ours['weekly_skus']} SKUs "
          f"(measured on {len(sample)}, scaled) vs shopkeeper {ours['weekly_cpu_ms'] / 1000:.2f} s CPU for the whole choice")

    store_json = os.path.join(d, "store.json")
    if os.path.exists(store_json):
        st = json.load(open(store_json))
        sw = series(os.path.join(d, "store_weekly.csv"))
        sample = sw[:200]
        secs = sm_fits(sample, 5) * st["skus"] / len(sample)
        print(f"demo store, {st['skus']} SKUs with sales: statsmodels SES + Holt + damped Holt at 4 origins: {secs:.1f} s "
              f"(measured on {len(sample)}, scaled) vs shopkeeper {st['forecast_cpu_ms'] / 1000:.2f} s CPU for the forecasts "
              f"and {st['reorder_ms']:.1f} ms for the reorder table built from them")


if __name__ == "__main__":
    main()
