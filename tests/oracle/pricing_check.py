#!/usr/bin/env python3
"""Oracle check of `shopkeeper pricing elasticity` against statsmodels OLS and Poisson GLM.

Makes a seeded fixture store (generic CSV imports of products and order lines over two years
with per-SKU elasticities and price changes), runs the CLI at weekly and daily grain, rebuilds
the same design here (docs/pricing.md, "Elasticity") from the rows it generated itself, fits it
with statsmodels OLS and compares elasticity, 95% interval and R2 (1e-6), n_obs and price_points
exactly, and `usable` against the rule (on the shelf price: a period's highest line unit price, before item
discounts; T1 has a live-room price on about 5 % of its lines, which must not count as a price level). SKUs
that are not usable show their category's pooled estimate: compared with statsmodels GLM Poisson
on SKU dummies (HC0), R2 = 1 - deviance / the dummies-only GLM's deviance. A SKU with periods without a sale inside its selling
span (first to last period with a sale) is fitted by Poisson pseudo-maximum likelihood over every
period of the span, every period priced at the list price in force (from the price_history rows
written here): compared with statsmodels GLM(family=Poisson) with cov_type HC0
(statsmodels 0.13's GLM gives HC1 the same numbers as HC0), normal 95% intervals and the deviance
pseudo-R2 1 - deviance / null_deviance, to 1e-6.
"""
import csv, datetime as dt, json, math, os, sqlite3, subprocess, sys, tempfile
import numpy as np
import statsmodels.api as sm

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
TOL = 1e-6
rng = np.random.default_rng(20260113)
EPOCH = dt.date(1970, 1, 1)
FIRST = dt.date(2023, 1, 2)   # a Monday
LAST = dt.date(2024, 12, 29)  # a Sunday
DAYS = (LAST - FIRST).days + 1


def run(*args):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"CLI failed: {' '.join(args)}\n{r.stderr}")
    return r.stdout


def dnum(d):
    return (d - EPOCH).days


# SKUs: (sku, category, base price fen, elasticity, price schedule kind, base daily units)
SKUS = [
    ("T1", "tea", 5000, -1.6, "steps", 6.0),
    ("T2", "tea", 3000, -0.8, "steps", 9.0),
    ("T3", "tea", 8000, -2.4, "steps", 3.0),
    ("T4", "tea", 4000, -1.2, "flat", 4.0),     # one price: category estimate
    ("W1", "ware", 12000, -1.1, "steps", 2.0),
    ("W2", "ware", 6000, -1.9, "thin", 3.0),    # sells 8 weeks only: category estimate
    ("T5", "tea", 6000, -2.0, "steps", 0.15),   # about one unit a week: zero weeks, PPML weekly too
]


def price_of(kind, base, week):
    if kind == "flat":
        return base
    levels = [1.0, 0.9, 1.1, 0.95, 1.05, 0.85]
    return int(round(base * levels[(week // 6) % len(levels)]))


def main():
    tmp = tempfile.mkdtemp(prefix="pricing_oracle_")
    db = os.path.join(tmp, "store")
    with open(os.path.join(tmp, "products.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sku", "title", "category", "unit_cost", "list_price"])
        for sku, cat, base, *_ in SKUS:
            w.writerow([sku, sku, cat, f"{base * 0.4 / 100:.2f}", f"{base / 100:.2f}"])
    rows = []  # (order_id, day, sku, qty, unit_price, line_discount)
    n = 0
    for sku, cat, base, e, kind, u0 in SKUS:
        for i in range(DAYS):
            d = FIRST + dt.timedelta(days=i)
            week = i // 7
            if kind == "thin" and not (40 <= week < 48):
                continue
            p = price_of(kind, base, week)
            season = 0.25 * math.sin(2 * math.pi * dnum(d) / 365.25)
            lam = u0 * (p / base) ** e * math.exp(season + 0.15 * (d.weekday() >= 5))
            k = rng.poisson(lam)
            for _ in range(k):
                n += 1
                qty = 1 + int(rng.random() < 0.2)
                disc = int(rng.choice([0, 0, 0, 100, 200])) if p > 1000 else 0
                # T1: a live-room price (90 %) on about 5 % of its lines; the shelf price (the period's
                # highest unit price) stays the list, so its price levels stay the 6 of the path.
                lp_ = int(round(p * 0.9)) if sku == "T1" and rng.random() < 0.05 else p
                rows.append((f"O{n}", d, sku, qty, lp_, disc))
    # Orders on the first and last day keep every week whole.
    for d in (FIRST, LAST):
        n += 1
        rows.append((f"O{n}", d, "T1", 1, price_of("steps", 5000, (d - FIRST).days // 7), 0))
    with open(os.path.join(tmp, "orders.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["order_id", "placed_at", "status", "channel", "sku", "qty", "unit_price", "line_discount"])
        for oid, d, sku, qty, p, disc in rows:
            w.writerow([oid, f"{d.isoformat()} 12:00:00", "completed", "tmall", sku, qty, f"{p / 100:.2f}", f"{disc / 100:.2f}"])
    run("import", "--db", db, "--format", "generic", "--target", "products", os.path.join(tmp, "products.csv"))
    run("import", "--db", db, "--format", "generic", "--target", "orders", os.path.join(tmp, "orders.csv"))
    # The list-price path (a change every 6 weeks, at 09:00 of the Monday) in price_history, as the
    # price book logs an edit: it prices the zero periods of the PPML fits.
    con = sqlite3.connect(os.path.join(db, "store.db"))
    for sku, cat, base, e, kind, u0 in SKUS:
        if kind == "flat":
            continue
        for week in range(1, DAYS // 7):
            old, new = price_of(kind, base, week - 1), price_of(kind, base, week)
            if new != old:
                d = FIRST + dt.timedelta(days=7 * week)
                con.execute("INSERT INTO price_history(sku, at, old_price, new_price, source) VALUES(?,?,?,?,'edit')",
                            (sku, dnum(d) * 86400 + 9 * 3600, old, new))
    con.commit()
    con.close()

    fest = np.zeros(DAYS)
    for y in range(FIRST.year - 1, LAST.year + 2):
        for fe in json.loads(run("promo", "calendar", "--year", str(y))):
            a = dt.date.fromisoformat(fe["window"]["first"])
            b = dt.date.fromisoformat(fe["window"]["last"])
            for i in range(max(0, (a - FIRST).days), min(DAYS - 1, (b - FIRST).days) + 1):
                fest[i] = 1

    cat_of = {s[0]: s[1] for s in SKUS}
    ppml_compared = [0]
    failures = []
    compared = 0

    def close(name, a, b):
        nonlocal compared
        compared += 1
        if a is None or b is None or not math.isfinite(a) or abs(a - b) > TOL:
            failures.append(f"{name}: shopkeeper {a} vs statsmodels {b}")

    def close4(name, r, e, ci, r2):  # a row's elasticity, interval and (pseudo-)R2
        close(f"{name} elasticity", r["elasticity"], e)
        close(f"{name} ci_low", r["ci_low"], ci[0])
        close(f"{name} ci_high", r["ci_high"], ci[1])
        close(f"{name} r2", r["r2"], r2)

    for grain in ("week", "day"):
        step = 7 if grain == "week" else 1
        nper = DAYS // step
        ctl_names = ["trend", "season_sin", "season_cos", "festival", "promotion"] + (
            [] if grain == "week" else [f"weekday_{k}" for k in range(1, 7)])
        ctl = np.zeros((nper, len(ctl_names)))
        for t in range(nper):
            d0 = FIRST + dt.timedelta(days=t * step)
            ctl[t, 0] = t * step / 365.25
            ctl[t, 1] = math.sin(2 * math.pi * dnum(d0) / 365.25)
            ctl[t, 2] = math.cos(2 * math.pi * dnum(d0) / 365.25)
            ctl[t, 3] = fest[t * step:(t + 1) * step].mean()
            ctl[t, 4] = 0.0
            if grain == "day" and d0.weekday() >= 1:
                ctl[t, 4 + d0.weekday()] = 1.0
        units = {s[0]: np.zeros(nper) for s in SKUS}
        rev = {s[0]: np.zeros(nper) for s in SKUS}
        top = {s[0]: np.zeros(nper) for s in SKUS}
        for oid, d, sku, qty, p, disc in rows:
            t = (d - FIRST).days // step
            units[sku][t] += qty
            rev[sku][t] += qty * p - disc
            top[sku][t] = max(top[sku][t], p)  # the shelf price: the period's highest line unit price
        obs, shelf = {}, {}
        for sku in units:
            m = units[sku] > 0
            obs[sku] = (np.nonzero(m)[0], np.log(units[sku][m]), np.log(rev[sku][m] / units[sku][m]))
            shelf[sku] = top[sku][m]
        out = json.loads(run("pricing", "elasticity", "--db", db, "--grain", grain))
        got = {r["sku"]: r for r in out}
        if sorted(got) != sorted(units):
            failures.append(f"{grain}: rows {sorted(got)}")
            continue
        def zero_periods(t):  # the selling span's periods without a sale (less separated weekdays)
            span = np.arange(t[0], t[-1] + 1) if len(t) else np.array([], dtype=int)
            zero = np.setdiff1d(span, t)
            if grain == "day":  # days of a weekday the SKU never sold on are separated: left out
                sold = {(FIRST + dt.timedelta(days=int(d))).weekday() for d in t}
                zero = np.array([z for z in zero if (FIRST + dt.timedelta(days=int(z))).weekday() in sold], dtype=int)
            return zero

        # Category pooled fits: Poisson GLM on [ln shelf price, controls, one dummy per SKU] over
        # every SKU of the category with 2 or more periods, each over its own fit's periods (the
        # span, zero periods included) at the shelf price: the list price in force for a SKU with
        # logged changes (all but the flat T4), else its lines' highest unit price, a zero period
        # carrying the sale period's before it. R2 against the dummies-only GLM's deviance.
        pooled = {}
        for cat in sorted(set(cat_of.values())):
            ys, lps, ts, gs = [], [], [], []
            for sku in sorted(s for s in units if cat_of[s] == cat):
                t = obs[sku][0]
                kind, base = next((s[4], s[2]) for s in SKUS if s[0] == sku)
                zero = zero_periods(t)
                if len(t) + len(zero) < 2:
                    continue
                if kind != "flat":
                    sp = [price_of(kind, base, (tt * step) // 7) for tt in t]
                    zp = [price_of(kind, base, (z * step) // 7) for z in zero]
                else:
                    sp = list(shelf[sku])
                    zp = [shelf[sku][np.searchsorted(t, z) - 1] for z in zero]
                ts += list(t) + list(zero)
                lps += [math.log(v) for v in sp + zp]
                ys += list(units[sku][t]) + [0.0] * len(zero)
                gs += [sku] * (len(t) + len(zero))
            y, lpv, tv, gv = np.array(ys), np.array(lps), np.array(ts, dtype=int), np.array(gs)
            G = sorted(set(gs))

            def within_varies(v):
                return any(np.ptp(v[gv == g]) > 1e-12 for g in G)
            keep = [j for j in range(ctl.shape[1]) if within_varies(ctl[tv, j])]
            dummies = np.column_stack([(gv == g).astype(float) for g in G])
            res = sm.GLM(y, np.column_stack([lpv, ctl[tv][:, keep], dummies]), family=sm.families.Poisson()).fit(
                cov_type="HC0", tol=1e-13, maxiter=200)
            res0 = sm.GLM(y, dummies, family=sm.families.Poisson()).fit(tol=1e-13, maxiter=200)
            pooled[cat] = (res.params[0], res.conf_int(0.05)[0], 1 - res.deviance / res0.deviance)
        for sku in sorted(units):
            t, ly, lp = obs[sku]
            r = got[sku]
            price = shelf[sku]  # the usable rule looks at the shelf price (before item discounts)
            kind, base = next((s[4], s[2]) for s in SKUS if s[0] == sku)
            zero = zero_periods(t)  # periods of the selling span without a sale
            zshelf = np.array([])
            if len(zero):
                # PPML: every period of the span; a zero period at its shelf price (the mean over its
                # days of the list price in force; the path changes on Mondays, so one price a week).
                zshelf = np.array([price_of(kind, base, (z * step) // 7) for z in zero], dtype=float)
                # A SKU with logged changes (every one but the flat T4, which has no zero period
                # here) is priced at the list in force in its sale periods too, not at its lines.
                price = np.array([price_of(kind, base, (tt * step) // 7) for tt in t], dtype=float)
                price = np.concatenate([price, zshelf])
            fit_t = np.union1d(t, zero)  # the PPML fit's periods
            n_obs = len(fit_t) if len(zero) else len(t)
            levels = len(set(int(round(100 * math.log(v))) for v in price))  # llround(100 ln p); no .5 ties here
            if r["n_obs"] != n_obs or r["price_points"] != levels:
                failures.append(f"{grain} {sku}: n_obs/price_points {r['n_obs']}/{r['price_points']} vs {n_obs}/{levels}")
            rng_bp = round((price.max() / price.min() - 1) * 10000)
            usable = len(t) >= (12 if grain == "week" else 30) and levels >= 3 and rng_bp >= 500
            if r["usable"] != usable:
                failures.append(f"{grain} {sku}: usable {r['usable']} vs rule {usable} ({r['reason']})")
            if usable and r["method"] != ("ppml" if len(zero) else "ols_loglog"):
                failures.append(f"{grain} {sku}: method {r['method']} with {len(zero)} zero periods")
            if not usable and r["method"] != "ppml":
                failures.append(f"{grain} {sku}: method {r['method']} for the category's pooled PPML")
            if usable and len(zero):
                span = fit_t
                ys = np.zeros(len(span))
                lps = np.zeros(len(span))
                pos = {int(p): i for i, p in enumerate(span)}
                for tt, sp in zip(t, price[:len(t)]):  # PPML's regressor: the list price in force in every period
                    ys[pos[int(tt)]] = units[sku][tt]
                    lps[pos[int(tt)]] = math.log(sp)
                for z, zs in zip(zero, zshelf):
                    lps[pos[int(z)]] = math.log(zs)
                cols = [j for j in range(ctl.shape[1]) if np.ptp(ctl[span, j]) > 1e-12]
                X = np.column_stack([np.ones(len(span)), lps, ctl[span][:, cols]])
                res = sm.GLM(ys, X, family=sm.families.Poisson()).fit(cov_type="HC0", tol=1e-13, maxiter=200)
                ci = res.conf_int(0.05)[1]
                pr2 = 1 - res.deviance / res.null_deviance
                close4(f"{grain} {sku} ppml", r, res.params[1], ci, pr2)
                print(f"{grain:4} {sku}: PPML e = {r['elasticity']:+.6f} [{r['ci_low']:+.6f}, {r['ci_high']:+.6f}] "
                      f"R2dev {r['r2']:.6f} n {r['n_obs']} ({len(zero)} zero) levels {r['price_points']}  "
                      f"statsmodels GLM {res.params[1]:+.6f} [{ci[0]:+.6f}, {ci[1]:+.6f}] {pr2:.6f}")
                ppml_compared[0] += 1
            elif usable:
                cols = [j for j in range(ctl.shape[1]) if np.ptp(ctl[t, j]) > 1e-12]
                X = np.column_stack([np.ones(len(t)), lp, ctl[t][:, cols]])
                res = sm.OLS(ly, X).fit()
                ci = res.conf_int(0.05)[1]
                close4(f"{grain} {sku}", r, res.params[1], ci, res.rsquared)
                print(f"{grain:4} {sku}: e = {r['elasticity']:+.6f} [{r['ci_low']:+.6f}, {r['ci_high']:+.6f}] "
                      f"R2 {r['r2']:.6f} n {r['n_obs']} levels {r['price_points']}  "
                      f"statsmodels {res.params[1]:+.6f} [{ci[0]:+.6f}, {ci[1]:+.6f}] R2 {res.rsquared:.6f}")
            else:
                e, ci, r2 = pooled[cat_of[sku]]
                close4(f"{grain} {sku} category", r, e, ci, r2)
                print(f"{grain:4} {sku}: not usable ({r['reason']}); category e = {r['elasticity']:+.6f} "
                      f"[{r['ci_low']:+.6f}, {r['ci_high']:+.6f}] R2dev within {r['r2']:.6f}  statsmodels GLM + SKU dummies {e:+.6f} "
                      f"[{ci[0]:+.6f}, {ci[1]:+.6f}] {r2:.6f}")
    # Unit economics by hand through the CLI contract: the seller's fees for tmall, then T1's row
    # recomputed from the generated lines (no refunds, no ad spend, weights 0: one first-kg charge
    # per order, split over the order's units; every order here has one line).
    run("pricing", "fees", "--db", db, "--channel", "tmall", "--commission-percent", "5", "--payment-percent", "1.5",
        "--shipping-per-order", "500", "--packaging-per-unit", "50")
    econ = json.loads(run("pricing", "economics", "--db", db, "--sku", "T1", "--channel", "tmall"))
    t1 = [r for r in rows if r[2] == "T1"]
    units = sum(r[3] for r in t1)
    revenue = sum(r[3] * r[4] - r[5] for r in t1)

    def half_away(num, den):  # num / den rounded half away from zero, exact
        q, rem = divmod(abs(num), den)
        return (q + (2 * rem >= den)) * (1 if num >= 0 else -1)

    def rnd(x):  # a double rounded half away from zero (std::llround)
        return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)

    realised = half_away(revenue, units)
    price = revenue / units
    cost = 2000  # 50.00 x 0.4
    expect = {"units": units, "orders": len(t1), "realised_price": realised, "commission": rnd(price * 0.05),
              "payment_fee": rnd(price * 0.015), "shipping": rnd(500 * len(t1) / units), "packaging": 50,
              "ad_cost": 0, "returns": 0, "cost_of_goods": cost, "commission_bp": 500, "payment_bp": 150,
              "shipping_per_order": 500, "packaging_per_unit": 50, "fees_source": "seller"}
    contrib = realised - cost - expect["commission"] - expect["payment_fee"] - expect["shipping"] - 50
    expect["contribution_per_unit"] = contrib
    expect["contribution_per_order"] = half_away(contrib * units, len(t1))
    expect["break_even_price"] = rnd((cost + 500 * len(t1) / units + 50) / (1 - 0.065))
    if len(econ) != 1:
        failures.append(f"economics: {len(econ)} rows for T1/tmall")
    else:
        for k, v in expect.items():
            compared += 1
            if econ[0][k] != v:
                failures.append(f"economics T1/tmall {k}: shopkeeper {econ[0][k]} vs by hand {v}")
        print(f"economics T1/tmall: units {units}, realised {realised}, contribution/unit {econ[0]['contribution_per_unit']} "
              f"(by hand {contrib}), break-even {econ[0]['break_even_price']} (by hand {expect['break_even_price']})")
    if ppml_compared[0] < 3:
        failures.append(f"only {ppml_compared[0]} PPML fits compared (the fixture should give at least 3)")
    print(f"pricing oracle: {compared} figures compared ({TOL} for the regressions, exact for the economics), "
          f"{len(failures)} disagreements")
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
