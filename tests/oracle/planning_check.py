#!/usr/bin/env python3
"""Oracle check of `shopkeeper forecast` (issue #12, docs/planning.md).

1. Holt-Winters additive and multiplicative, Holt and SES with fixed alpha/beta/gamma against
   R's stats::HoltWinters given the classical start values (level = mean of season 1, trend =
   (mean of season 2 - mean of season 1) / m, seasonal indices y_i - level or y_i / level; SES
   l_1 = y_1; Holt l_2 = y_2, b_2 = y_2 - y_1): fitted values and point forecasts to 1e-9
   relative, and for the additive forms the 80% / 95% prediction intervals of
   predict.HoltWinters to 1e-9 relative.
2. SES forecasts against statsmodels' SimpleExpSmoothing with the known initial level y_1.
3. The holdout accuracy figures (MAE, RMSE, MAPE over non-zero actuals in percent, MASE scaled
   by the in-sample seasonal-naive MAE) recomputed in Python from the CLI's own forecasts.
4. Bad input: a negative value and a date gap are refused with the file's line named.
Series are generated here with a seeded numpy generator.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
TOL = 1e-9
failures = 0
worst = {}


def rel(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(b), 1e-12)


def check(label, ours, theirs, tol=TOL):
    global failures
    ours = np.asarray(ours, float)
    theirs = np.asarray(theirs, float)
    if ours.shape != theirs.shape:
        print(f"FAIL {label}: {ours.shape} values vs {theirs.shape}")
        failures += 1
        return
    r = max((rel(a, b) for a, b in zip(ours, theirs)), default=0.0)
    worst[label.split(" ")[0]] = max(worst.get(label.split(" ")[0], 0.0), r)
    ok = r <= tol
    if not ok:
        failures += 1
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {len(ours)} values, max relative difference {r:.3g}")


def write_series(path, y, start_month=(2018, 1)):
    with open(path, "w") as f:
        f.write("ds,y\n")
        yy, mm = start_month
        for v in y:
            f.write(f"{yy:04d}-{mm:02d},{v!r}\n")
            mm += 1
            if mm > 12:
                yy, mm = yy + 1, 1


def run_cli(args):
    p = subprocess.run([CLI, "forecast"] + args, capture_output=True, text=True)
    return p


def r_holtwinters(y, m, alpha, beta, gamma, seasonal, H):
    """Returns (fitted xhat, forecast, lo80, hi80, lo95, hi95) from R."""
    ys = ",".join(repr(float(v)) for v in y)
    b = "FALSE" if beta is None else repr(beta)
    g = "FALSE" if gamma is None else repr(gamma)
    if gamma is not None:
        start = (f"l1 <- mean(x[1:{m}]); l2 <- mean(x[{m + 1}:{2 * m}]); "
                 f"s <- if ('{seasonal}' == 'additive') x[1:{m}] - l1 else x[1:{m}] / l1; "
                 f"hw <- HoltWinters(x, alpha={alpha!r}, beta={b}, gamma={g}, seasonal='{seasonal}', "
                 f"l.start=l1, b.start=(l2 - l1) / {m}, s.start=s)")
        freq = m
    else:
        start = f"hw <- HoltWinters(x, alpha={alpha!r}, beta={b}, gamma=FALSE)"
        freq = 1
    code = (f"options(digits=17); x <- ts(c({ys}), frequency={freq}); {start}; "
            f"p95 <- predict(hw, {H}, prediction.interval=TRUE, level=0.95); "
            f"p80 <- predict(hw, {H}, prediction.interval=TRUE, level=0.80); "
            f"cat(sprintf('%.17g', as.numeric(hw$fitted[, 'xhat'])), sep=' '); cat('\\n'); "
            f"cat(sprintf('%.17g', as.numeric(p95[, 'fit'])), sep=' '); cat('\\n'); "
            f"cat(sprintf('%.17g', as.numeric(p80[, 'lwr'])), sep=' '); cat('\\n'); "
            f"cat(sprintf('%.17g', as.numeric(p80[, 'upr'])), sep=' '); cat('\\n'); "
            f"cat(sprintf('%.17g', as.numeric(p95[, 'lwr'])), sep=' '); cat('\\n'); "
            f"cat(sprintf('%.17g', as.numeric(p95[, 'upr'])), sep=' '); cat('\\n')")
    out = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True, check=True).stdout.strip().split("\n")
    return [np.array([float(v) for v in line.split()]) for line in out]


def main():
    rng = np.random.default_rng(20261201)
    tmp = tempfile.mkdtemp(prefix="planning_check_")
    H = 18
    cases = []
    for k in range(4):
        m = [12, 4, 7, 12][k]
        n = [60, 40, 63, 37][k]
        t = np.arange(n)
        season = 1 + 0.3 * np.sin(2 * np.pi * t / m + k)
        level = 200 + 1.5 * t * (k + 1)
        noise = rng.normal(0, 6, n)
        y_add = level + 40 * np.sin(2 * np.pi * t / m + k) + noise
        y_mul = level * season + noise
        a, b, g = [(0.3, 0.1, 0.2), (0.5, 0.05, 0.4), (0.15, 0.2, 0.1), (0.7, 0.3, 0.5)][k]
        cases.append((f"hw-add#{k} m={m} n={n}", "hw-add", "additive", y_add, m, a, b, g))
        cases.append((f"hw-mul#{k} m={m} n={n}", "hw-mul", "multiplicative", y_mul, m, a, b, g))
        cases.append((f"holt#{k} n={n}", "holt", None, y_add, 1, a, b, None))
        cases.append((f"ses#{k} n={n}", "ses", None, y_add, 1, a, None, None))

    for label, method, seasonal, y, m, a, b, g in cases:
        path = os.path.join(tmp, "s.csv")
        write_series(path, y)
        args = ["--series", path, "--season", str(m), "--horizon", str(H), "--method", method, "--alpha", repr(a),
                "--format", "json"]
        if b is not None:
            args += ["--beta", repr(b)]
        if g is not None:
            args += ["--gamma", repr(g)]
        p = run_cli(args)
        if p.returncode != 0:
            print(f"FAIL {label}: the CLI refused: {p.stderr.strip()}")
            global failures
            failures += 1
            continue
        j = json.loads(p.stdout)
        fitted = [v for v in j["fitted"] if v is not None]
        fc = [r["forecast"] for r in j["forecast"]]
        R = r_holtwinters(y, m, a, b, g, seasonal or "additive", H)
        check(f"{label} fitted vs R stats::HoltWinters", fitted, R[0])
        check(f"{label} forecast vs R predict.HoltWinters", fc, R[1])
        if seasonal != "multiplicative":
            # Our bounds are clipped at 0 (demand is never negative): compare with max(0, R's).
            theirs = np.concatenate([R[2], R[3], R[4], R[5]])
            clipped = int(np.sum(theirs < 0))
            check(f"{label} lo80/hi80/lo95/hi95 vs R predict.HoltWinters (max(0, R); {clipped} clipped)",
                  [r[k] for k in ("lo80", "hi80", "lo95", "hi95") for r in j["forecast"]], np.maximum(theirs, 0.0))
        if method == "ses":
            from statsmodels.tsa.holtwinters import SimpleExpSmoothing
            sm = SimpleExpSmoothing(np.asarray(y), initialization_method="known", initial_level=y[0]).fit(
                smoothing_level=a, optimized=False)
            check(f"{label} forecast vs statsmodels SimpleExpSmoothing", fc, sm.forecast(H))

    # 3. Holdout accuracy recomputed from the CLI's own forecasts.
    n, m, N = 72, 12, 12
    t = np.arange(n)
    y = np.maximum(0, 100 + t + 30 * np.sin(2 * np.pi * t / m) + rng.normal(0, 8, n))
    y[5] = 0.0  # a zero actual in the fitted part
    path = os.path.join(tmp, "h.csv")
    write_series(path, y)
    p = run_cli(["--series", path, "--season", str(m), "--horizon", "12", "--holdout", str(N), "--format", "json"])
    if p.returncode != 0:
        print(f"FAIL holdout run: {p.stderr.strip()}")
        failures += 1
    else:
        j = json.loads(p.stdout)
        train, test = y[: n - N], y[n - N:]
        scale = np.mean(np.abs(train[m:] - train[:-m]))
        ours, theirs = [], []
        for a in j["accuracy"]:
            pa = subprocess.run([CLI, "forecast", "--series", path, "--season", str(m), "--horizon", "12", "--holdout",
                                 str(N), "--method", a["method"], "--format", "json"], capture_output=True, text=True)
            f = np.array([r["forecast"] for r in json.loads(pa.stdout)["forecast"]])
            e = test - f
            nz = test != 0
            ours += [a["mae"], a["rmse"], a["mape"], a["mase"]]
            theirs += [np.mean(np.abs(e)), np.sqrt(np.mean(e * e)), 100 * np.mean(np.abs(e[nz] / test[nz])),
                       np.mean(np.abs(e)) / scale]
        check(f"accuracy MAE/RMSE/MAPE/MASE of {len(j['accuracy'])} methods vs numpy", ours, theirs)
        print(f"     chosen by the backtest: {j['chosen']} ({j['model']})")

    # 4. Bad input.
    bad = os.path.join(tmp, "bad.csv")
    for what, rows, needles in [("negative value", "2024-01-01,3\n2024-01-02,-1\n", ("line 3", "negative")),
                                ("date gap", "2024-01-01,3\n2024-01-02,4\n2024-01-04,5\n", ("line 4", "2024-01-03"))]:
        with open(bad, "w") as f:
            f.write("ds,y\n" + rows)
        p = run_cli(["--series", bad, "--season", "1", "--horizon", "3"])
        ok = p.returncode != 0 and all(n in p.stderr for n in needles)
        print(f"{'ok  ' if ok else 'FAIL'} {what} refused: {p.stderr.strip()}")
        failures += 0 if ok else 1

    print("worst relative differences: " + ", ".join(f"{k} {v:.2g}" for k, v in sorted(worst.items())))
    print(f"planning oracle: {'all agree' if failures == 0 else str(failures) + ' disagreements'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
