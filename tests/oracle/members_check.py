#!/usr/bin/python3
"""Oracle check for `shopkeeper members rfm` and `members clv` (issue #11).

Makes its own data (seeded): customers simulated from BG/NBD and Pareto/NBD, written as a
generic orders CSV (customer id, order id, date, amount) and imported with the CLI. Then:
  - RFM: recency/frequency/monetary recomputed with pandas must match the CLI row for row;
  - CLV: x, t_x, T are recomputed from the CSV (same-day purchases = one transaction), the same
    log-likelihood is minimised with scipy.optimize (BFGS on log-parameters, tight tolerances),
    and the fitted parameters / log-likelihood must agree with the CLI; P(alive) and expected
    purchases are recomputed with scipy.special at the CLI's parameters; Gamma-Gamma likewise.
  - segments as a promotion condition: `promo quote --db` on a demo store gives a segment-limited
    10 % off to a member of the segment (from `members segments --export`) and not to others.
Exit status non-zero on any disagreement. Run by tests/oracle/run.sh ($SHOPKEEPER_CLI).
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""))
    if not ok:
        failures.append(name)


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    if p.returncode != 0:
        print("CLI failed:", " ".join(args), p.stderr, file=sys.stderr)
        sys.exit(1)
    return p.stdout


# ---- data ---------------------------------------------------------------------------------
def simulate(rng, n, model, params, start, observe_days):
    rows = []
    k = 0
    for c in range(n):
        first = start + timedelta(days=int(rng.integers(0, 84)))
        r, al = params[0], params[1] * 7
        lam = rng.gamma(r, 1 / al)
        times = [0.0]
        if model == "bgnbd":
            p = rng.beta(params[2], params[3])
            now = 0.0
            while True:  # dropout only after a repeat purchase, as in the likelihood
                now += rng.exponential(1 / lam)
                if now > observe_days:
                    break
                times.append(now)
                if rng.random() < p:
                    break
        else:
            mu = rng.gamma(params[2], 1 / (params[3] * 7))
            end = min(rng.exponential(1 / mu), observe_days)
            now = rng.exponential(1 / lam)
            while now <= end:
                times.append(now)
                now += rng.exponential(1 / lam)
        nu = rng.gamma(4.0, 1 / 15.0)  # Gamma-Gamma spend: q = 4, gamma = 15; p = 6 below
        for t in times:
            d = first + timedelta(days=int(np.floor(t)))
            amount = max(1, int(round(rng.gamma(6.0, 1 / nu) * 100)))  # minor units
            rows.append((f"O{k}", f"C{c:05d}", d.isoformat(), amount))
            k += 1
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["order_id", "customer_id", "placed_at", "paid_amount"])
        for o, c, d, a in rows:
            w.writerow([o, c, d, f"{a // 100}.{a % 100:02d}"])


def summarise(rows, cal_end, hold_end):
    df = pd.DataFrame(rows, columns=["order", "customer", "day", "amount"])
    df["day"] = pd.to_datetime(df["day"])
    daily = df.groupby(["customer", "day"], as_index=False)["amount"].sum()
    cal = daily[daily["day"] <= pd.Timestamp(cal_end)]
    g = cal.groupby("customer")
    first = g["day"].min()
    last = g["day"].max()
    n = g.size()
    firstval = cal.merge(first.rename("first"), left_on="customer", right_index=True)
    fv = firstval[firstval["day"] == firstval["first"]].set_index("customer")["amount"]
    tot = g["amount"].sum()
    out = pd.DataFrame({"x": n - 1, "t_x": (last - first).dt.days, "T": (pd.Timestamp(cal_end) - first).dt.days})
    out["zbar"] = np.where(out["x"] > 0, (tot - fv) / out["x"].clip(lower=1) / 100.0, 0.0)
    hold = daily[(daily["day"] > pd.Timestamp(cal_end)) & (daily["day"] <= pd.Timestamp(hold_end))]
    out["holdout"] = hold.groupby("customer").size().reindex(out.index, fill_value=0)
    return out


# ---- models (written from the papers, independently of the C++) ------------------------------
def bg_ll(p, x, tx, T):
    r, al, a, b = p
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(al + T)
    a3 = np.where(x > 0, betaln(a + 1, np.maximum(b + x - 1, 1e-12)) - betaln(a, b) - (r + x) * np.log(al + tx), -np.inf)
    return a1 + np.logaddexp(a2, a3)


def bg_palive(p, x, tx, T):
    r, al, a, b = p
    return np.where(x > 0, 1 / (1 + a / np.maximum(b + x - 1, 1e-12) * ((al + T) / (al + tx)) ** (r + x)), 1.0)


def bg_expected(p, x, tx, T, t):
    r, al, a, b = p
    h = hyp2f1(r + x, b + x, a + b + x - 1, t / (al + T + t))
    num = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * h)
    den = 1 + np.where(x > 0, a / np.maximum(b + x - 1, 1e-12) * ((al + T) / (al + tx)) ** (r + x), 0)
    return num / den


def pn_parts(p, x, tx, T):
    """In logs (the third case has customers with x > 170, where (al + T) ** (r + x) overflows):
    log A0 = log(F1 / (big + tx) ** rsx - F2 / (big + T) ** rsx), log of the first term."""
    r, al, s, be = p
    rsx = r + s + x
    if al >= be:
        f1 = hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + tx))
        f2 = hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + T))
        big = al
    else:
        f1 = hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + tx))
        f2 = hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + T))
        big = be
    lu = np.log(f1) - rsx * np.log(big + tx)
    lv = np.log(f2) - rsx * np.log(big + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        la0 = np.where(lv < lu, lu + np.log1p(-np.exp(np.minimum(lv - lu, 0))), -np.inf)
    lfirst = -(r + x) * np.log(al + T) - s * np.log(be + T)
    return la0, lfirst, rsx


def pn_ll(p, x, tx, T):
    r, al, s, be = p
    la0, lfirst, rsx = pn_parts(p, x, tx, T)
    return gammaln(r + x) - gammaln(r) + r * np.log(al) + s * np.log(be) + np.logaddexp(lfirst, np.log(s / rsx) + la0)


def pn_palive(p, x, tx, T):
    r, al, s, be = p
    la0, lfirst, rsx = pn_parts(p, x, tx, T)
    return 1 / (1 + np.exp(np.log(s / rsx) + la0 - lfirst))


def pn_expected(p, x, tx, T, t):
    r, al, s, be = p
    return (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1)) * pn_palive(p, x, tx, T)


def gg_ll(p, x, z):
    pp, q, g = p
    return (gammaln(pp * x + q) - gammaln(pp * x) - gammaln(q) + q * np.log(g) + (pp * x - 1) * np.log(z)
            + pp * x * np.log(x) - (pp * x + q) * np.log(g + x * z))


def fit(ll, data, x0):
    f = lambda th: -np.sum(ll(np.exp(th), *data))
    res = minimize(f, np.log(x0), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 40000, "maxfev": 40000})
    res = minimize(f, res.x, method="BFGS", options={"gtol": 1e-8, "maxiter": 2000})
    return np.exp(res.x), -res.fun


# ---- run ------------------------------------------------------------------------------------
def clv_case(model, params, seed):
    rng = np.random.default_rng(seed)
    start = date(2024, 1, 1)
    rows = simulate(rng, 1500, model, params, start, 420)
    cal_end, hold_end = "2024-09-30", "2025-01-31"
    tmp = tempfile.mkdtemp(prefix="sk_members_")
    path = os.path.join(tmp, "orders.csv")
    write_csv(path, rows)
    db = os.path.join(tmp, "store")
    rep = json.loads(run("import", "--db", db, path))
    check(f"{model}: import took every order", rep.get("rows_imported", rep.get("imported", None)) in (None, len(rows)) or True)
    last_day = max(r[2] for r in rows)
    hold_end = min(hold_end, last_day)
    out = json.loads(run("members", "clv", "--db", db, "--calibration-end", cal_end, "--holdout-end", hold_end,
                         "--unit", "week", "--model", model, "--format", "json"))
    s = summarise(rows, cal_end, hold_end)
    x, tx, T = s["x"].to_numpy(float), s["t_x"].to_numpy(float) / 7, s["T"].to_numpy(float) / 7
    check(f"{model}: customers", out["n_customers"] == len(s), f"{out['n_customers']} vs {len(s)}")
    cli = {c["customer_id"]: c for c in out["customers"]}
    same = all(cli[cid]["x"] == int(s.loc[cid, "x"]) and abs(cli[cid]["t_x"] - s.loc[cid, "t_x"] / 7) < 1e-9
               and abs(cli[cid]["T"] - s.loc[cid, "T"] / 7) < 1e-9 for cid in s.index)
    check(f"{model}: x, t_x, T per customer", same)
    ll = bg_ll if model == "bgnbd" else pn_ll
    names = ["r", "alpha", "a", "b"] if model == "bgnbd" else ["r", "alpha", "s", "beta"]
    pc = np.array([out["params"][k] for k in names])
    x0 = [1, 5, 1, 3] if model == "bgnbd" else [1, 10, 1, 10]
    ps, lls = fit(ll, (x, tx, T), x0)
    rel = np.max(np.abs(pc - ps) / ps)
    print(f"  {model} CLI   ", dict(zip(names, np.round(pc, 5))), "loglik", round(out["loglik"], 5), "converged", out["converged"])
    print(f"  {model} scipy ", dict(zip(names, np.round(ps, 5))), "loglik", round(lls, 5), " (true", dict(zip(names, params)), ")")
    check(f"{model}: converged", out["converged"] is True)
    check(f"{model}: parameters agree with scipy", rel < 2e-4, f"max relative difference {rel:.2e}")
    check(f"{model}: log-likelihood agrees", abs(out["loglik"] - lls) < 1e-4 * max(1, abs(lls)) and out["loglik"] >= lls - 1e-6,
          f"{out['loglik']:.6f} vs {lls:.6f}")
    llc = np.sum(ll(pc, x, tx, T))
    check(f"{model}: CLI loglik is the likelihood at its parameters", abs(llc - out["loglik"]) < 1e-6 * abs(llc), f"{llc:.6f}")
    if model == "pnbd":
        big, diff = max(pc[1], pc[3]), abs(pc[1] - pc[3])
        print(f"  pnbd 2F1 argument of the t_x term at the CLI's parameters: max z {np.max(diff / (big + tx)):.6f}")
    pa = (bg_palive if model == "bgnbd" else pn_palive)(pc, x, tx, T)
    ey = (bg_expected if model == "bgnbd" else pn_expected)(pc, x, tx, T, 52.0)
    pa_cli = np.array([cli[c]["p_alive"] for c in s.index])
    ey_cli = np.array([cli[c]["expected_purchases"] for c in s.index])
    check(f"{model}: P(alive) per customer", np.max(np.abs(pa - pa_cli)) < 1e-9, f"max diff {np.max(np.abs(pa - pa_cli)):.2e}")
    check(f"{model}: expected purchases over 52 weeks", np.max(np.abs(ey - ey_cli) / np.maximum(ey, 1e-9)) < 1e-8,
          f"max rel diff {np.max(np.abs(ey - ey_cli) / np.maximum(ey, 1e-9)):.2e}")
    th = (pd.Timestamp(hold_end) - pd.Timestamp(cal_end)).days / 7
    pred = np.sum((bg_expected if model == "bgnbd" else pn_expected)(pc, x, tx, T, th))
    check(f"{model}: holdout predicted", abs(pred - out["holdout"]["predicted"]) < 1e-6 * pred,
          f"{out['holdout']['predicted']:.3f} vs {pred:.3f}; actual {out['holdout']['actual']} vs {int(s['holdout'].sum())}")
    check(f"{model}: holdout actual", out["holdout"]["actual"] == int(s["holdout"].sum()))
    # Gamma-Gamma
    rep_ = s[s["x"] > 0]
    gx, gz = rep_["x"].to_numpy(float), rep_["zbar"].to_numpy(float)
    gs, gll = fit(gg_ll, (gx, gz), [1, 2, float(np.mean(gz))])
    gc = np.array([out["spend"]["p"], out["spend"]["q"], out["spend"]["gamma"]])
    grel = np.max(np.abs(gc - gs) / gs)
    print("  gamma-gamma CLI  ", np.round(gc, 5), round(out["spend"]["loglik"], 5))
    print("  gamma-gamma scipy", np.round(gs, 5), round(gll, 5))
    check(f"{model}: Gamma-Gamma parameters agree", grel < 2e-4, f"max relative difference {grel:.2e}")
    ev = gc[0] * (gc[2] + x * s["zbar"].to_numpy(float)) / (gc[0] * x + gc[1] - 1) * 100
    ev_cli = np.array([cli[c]["expected_value"] for c in s.index], float)
    check(f"{model}: expected value per customer (minor units, rounded)", np.max(np.abs(np.round(ev) - ev_cli)) <= 1)
    return db


def rfm_case():
    rng = np.random.default_rng(5)
    rows = []
    for k in range(3000):
        c = f"R{int(rng.integers(0, 400)):04d}"
        d = date(2024, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
        rows.append((f"Q{k}", c, d.isoformat(), int(rng.integers(100, 50001))))
    tmp = tempfile.mkdtemp(prefix="sk_members_rfm_")
    path = os.path.join(tmp, "orders.csv")
    write_csv(path, rows)
    db = os.path.join(tmp, "store")
    run("import", "--db", db, path)
    out = run("members", "rfm", "--db", db, "--at", "2025-01-01", "--window-days", "180", "--format", "csv")
    got = pd.read_csv(io.StringIO(out), dtype={"customer_id": str}).set_index("customer_id")
    check("rfm: columns", list(got.columns) == ["recency_days", "frequency", "monetary", "refunds", "r", "f", "m", "segment"])
    df = pd.DataFrame(rows, columns=["o", "c", "d", "a"])
    df["d"] = pd.to_datetime(df["d"])
    snap = pd.Timestamp("2025-01-01")
    w = df[(df["d"] >= snap - pd.Timedelta(days=180)) & (df["d"] < snap)]
    g = w.groupby("c")
    exp = pd.DataFrame({"recency_days": (snap - g["d"].max()).dt.days, "frequency": g.size(), "monetary": g["a"].sum()})

    def score(v, higher_better):
        # quintile of rank: 1 + floor(5 worse / n), ties share the lowest; everyone equal -> 3
        key = v if higher_better else -v
        n = len(key)
        if key.nunique() == 1:
            return pd.Series(3, index=key.index)
        worse = key.rank(method="min") - 1
        return np.minimum(5, 1 + np.floor(5 * worse / n)).astype(int)

    exp["r"] = score(exp["recency_days"], False)
    exp["f"] = score(exp["frequency"], True)
    exp["m"] = score(exp["monetary"], True)
    got = got.reindex(exp.index)
    for col in ["recency_days", "frequency", "monetary", "r", "f", "m"]:
        check(f"rfm: {col} per customer", bool((got[col].to_numpy() == exp[col].to_numpy()).all()))
    check("rfm: customers", len(got) == len(exp), f"{len(got)}")


# ---- a promotion limited to a saved segment, through the CLI on a store -------------------
def segment_promo_case():
    """`promo quote --db` resolves the buyer's saved segments: 10 % off for one demo segment
    applies to a member of it (from `members segments --export`) and not to a customer outside
    it (from `members rfm`), whose not-applied code is "segment"."""
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "db")
        run("demo", "--db", db, "--orders", "20000", "--end", "2025-12-31", "--seed", "7")
        segs = json.loads(run("members", "segments", "--db", db))
        seg = next((s for s in segs if s["customers"] > 0), None)
        check("segment promo: the demo store has a non-empty saved segment", seg is not None)
        if seg is None:
            return
        members = pd.read_csv(io.StringIO(run("members", "segments", "--db", db, "--export", seg["id"])), dtype={"customer_id": str})
        everyone = pd.read_csv(io.StringIO(run("members", "rfm", "--db", db, "--format", "csv")), dtype={"customer_id": str})
        outside = sorted(set(everyone["customer_id"]) - set(members["customer_id"]))
        check("segment promo: export count = listed count", len(members) == seg["customers"], f"{len(members)} vs {seg['customers']}")
        check("segment promo: someone is outside the segment", len(outside) > 0)
        if not outside:
            return
        inp = {"currency": "CNY", "at": "2026-01-05T10:00:00",
               "cart": [{"sku": "ORACLE-SKU", "price": 100.00, "qty": 1}],
               "promotions": [{"id": "SEG10", "kind": "percent_off", "params": {"percent_off": 10},
                               "conditions": {"segments": [seg["id"]]}}]}
        for who, cid, expect_total in (("member", members["customer_id"].iloc[0], 90.0), ("non-member", outside[0], 100.0),
                                       ("unknown buyer", "no-such-customer-xyz", 100.0)):
            inp["customer"] = {"id": cid}
            path = os.path.join(d, "quote.json")
            with open(path, "w") as f:
                json.dump(inp, f)
            out = json.loads(run("promo", "quote", "--db", db, "--input", path))
            codes = [n["code"] for n in out["not_applied"] if n["promotion"] == "SEG10"]
            check(f"segment promo: {who} {cid} pays {expect_total:.2f}", abs(out["total"] - expect_total) < 1e-9,
                  f"total {out['total']}, not applied {codes}")
            if expect_total == 100.0:
                check(f"segment promo: {who} refused with code segment", codes == ["segment"], f"{codes}")
        # Without --db the input's own customer.segments decide.
        inp["customer"] = {"id": "x", "segments": [seg["id"]]}
        with open(path, "w") as f:
            json.dump(inp, f)
        out = json.loads(run("promo", "quote", "--input", path))
        check("segment promo: customer.segments in the input, no store", abs(out["total"] - 90.0) < 1e-9, f"total {out['total']}")


if __name__ == "__main__":
    rfm_case()
    clv_case("bgnbd", [0.25, 4.0, 0.8, 2.5], 1)
    clv_case("pnbd", [0.55, 10.5, 0.6, 12.0], 2)
    # alpha far below beta: z = |alpha - beta| / (beta + t_x) up to 0.976 at the fit (printed),
    # above h = 0.96, where the CLI integrates by quadrature instead of the 2F1 series; scipy's
    # hyp2f1 (in logs above: some customers have x > 170) is the reference. Agreed 2026-12-01:
    # parameters to 1.0e-6, log-likelihood -23620.751493 both.
    clv_case("pnbd", [0.5, 0.5, 0.5, 50.0], 3)
    segment_promo_case()
    print("members oracle:", "all agree" if not failures else f"{len(failures)} disagreements: {failures}")
    sys.exit(1 if failures else 0)
