#!/usr/bin/env python3
"""Several shops (issue #16) against pandas: the per-shop comparison and the consolidated daily
report of `shopkeeper shops compare|report` recomputed with a pandas groupby.

Makes (seeded) three shops' order files and traffic files, imports them with `--shop` (the
first without: the store's own shop 0), then compares every figure of `shops compare` over the
whole range and of `shops report` day by day: orders (valid: paid, shipped, completed,
refunded), revenue (their paid amounts), units, buyers (distinct customers, each guest order
one; across shops a customer once), visitors, conversion (buyers / visitors, 4 decimals) and
average order value (revenue / orders, half away from zero), and share (revenue / all shops'
revenue of the same rows, 4 decimals). Each shop also imports a traffic-source report for some
days, some of them days its shop daily report covers: visitors are counted once (docs/shops.md
"Visitors counted once": per day and shop the whole-shop row where there is one, else the sum of
the sources). Exit 1 on any disagreement.
"""
import csv
import datetime as dt
import io
import os
import random
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
VALID = {"paid", "shipped", "completed", "refunded"}


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True)
    if p.returncode != 0:
        sys.exit(f"shops_check: {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8-sig")


def make(rng, shop, first_day, days):
    orders, traffic = [], []
    for d in range(days):
        day = first_day + dt.timedelta(days=d)
        for k in range(rng.randint(0, 12)):
            cust = "" if rng.random() < 0.2 else f"C{rng.randint(1, 40)}"  # customers shared across shops
            status = rng.choice(["completed", "completed", "paid", "shipped", "cancelled", "pending", "refunded"])
            oid = f"S{shop}-{d}-{k}"
            for line in range(rng.randint(1, 3)):
                orders.append({"order_id": oid, "customer_id": cust, "placed_at": f"{day} {10 + k % 10:02d}:00:00",
                               "status": status, "sku": f"SKU{rng.randint(1, 8)}", "qty": rng.randint(1, 4),
                               "unit_price": f"{rng.randint(100, 9999) / 100:.2f}"})
        if rng.random() < 0.8:
            traffic.append({"day": str(day), "source": "all", "visitors": rng.randint(50, 900)})
        if rng.random() < 0.5:  # the source report: a breakdown where the daily report exists
            for src in ["search", "ads"]:
                traffic.append({"day": str(day), "source": src, "visitors": rng.randint(20, 600)})
    return orders, traffic


def write_csv(path, rows, fields):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def expected(orders, traffic, by):
    o = orders.copy()
    o["amount"] = o["qty"] * o["unit_price"].map(lambda s: int(round(float(s) * 100)))
    per_order = o.groupby(["order_id"]).agg(shop=("shop", "first"), day=("day", "first"), status=("status", "first"),
                                            customer=("customer_id", "first"), paid=("amount", "sum"),
                                            units=("qty", "sum")).reset_index()
    for b in by:  # a constant grouping column ("all") the per-order frame does not carry
        if b not in per_order:
            per_order[b] = 1
    v = per_order[per_order["status"].isin(VALID)].copy()
    v["buyer"] = v.apply(lambda r: r["customer"] if r["customer"] else "guest:" + r["order_id"], axis=1)
    g = v.groupby(by).agg(orders=("order_id", "count"), revenue=("paid", "sum"), units=("units", "sum"),
                          buyers=("buyer", "nunique"))
    # Visitors counted once: per day and shop the whole-shop row ("all") where there is one, else
    # the sum of the source rows; then summed over the grouping.
    tr = traffic.copy()
    has_all = tr.groupby(["day", "shop"])["source"].transform(lambda s: (s == "all").any())
    tr = tr[~has_all | (tr["source"] == "all")]
    for b in by:
        if b not in tr:
            tr[b] = 1
    t = tr.groupby(by).agg(visitors=("visitors", "sum")) if len(tr) else pd.DataFrame(columns=["visitors"])
    keys = set(per_order.groupby(by).size().index) | set(t.index)
    out = {}
    for key in keys:
        row = {"orders": 0, "revenue": 0, "units": 0, "buyers": 0, "visitors": 0}
        if key in g.index:
            row.update({c: int(g.loc[key, c]) for c in ["orders", "revenue", "units", "buyers"]})
        if key in t.index:
            row["visitors"] = int(t.loc[key, "visitors"])
        row["conversion"] = "" if row["visitors"] == 0 else str(
            Decimal(row["buyers"]) / Decimal(row["visitors"]))
        row["aov"] = 0 if row["orders"] == 0 else int(
            (Decimal(row["revenue"]) / Decimal(row["orders"])).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        out[key] = row
    return out


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else "-" + money(-cents)


def share(revenue, total):
    return "" if total == 0 else f"{float((Decimal(revenue) / Decimal(total)).quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP)):g}"


def check(label, got, want, failures, total_revenue):
    g = f"{float(got['share']):g}" if got["share"] != "" else ""
    if g != share(want["revenue"], total_revenue):
        failures.append(f"{label} share: shopkeeper {got['share']} pandas {share(want['revenue'], total_revenue)}")
    for col in ["orders", "revenue", "units", "buyers", "visitors", "conversion", "aov"]:
        w = want[col]
        if col in ("revenue", "aov"):
            w = money(w)
        elif col == "conversion" and w != "":
            w = f"{float(Decimal(w).quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP)):g}"
            g = f"{float(got[col]):g}" if got[col] != "" else ""
            if g != w:
                failures.append(f"{label} {col}: shopkeeper {got[col]} pandas {w}")
            continue
        if str(got[col]) != str(w):
            failures.append(f"{label} {col}: shopkeeper {got[col]} pandas {w}")


def main():
    rng = random.Random(16)
    first = dt.date(2025, 3, 1)
    days = 20
    tmp = tempfile.mkdtemp(prefix="sk-shops-oracle-")
    db = os.path.join(tmp, "store")
    all_orders, all_traffic = [], []
    for shop, name in [(0, ""), (1, "天猫旗舰店"), (2, "京东自营店")]:
        orders, traffic = make(rng, shop, first, days)
        op, tp = os.path.join(tmp, f"orders{shop}.csv"), os.path.join(tmp, f"traffic{shop}.csv")
        write_csv(op, orders, ["order_id", "customer_id", "placed_at", "status", "sku", "qty", "unit_price"])
        write_csv(tp, traffic, ["day", "source", "visitors"])
        shop_args = ["--shop", name] if name else []
        run("import", "--db", db, "--format", "generic", "--currency", "CNY", *shop_args, op)
        run("import", "--db", db, "--format", "generic", "--target", "traffic", *shop_args, tp)
        for r in orders:
            all_orders.append({**r, "shop": shop, "day": r["placed_at"][:10]})
        for r in traffic:
            all_traffic.append({**r, "shop": shop})
    orders = pd.DataFrame(all_orders)
    orders["customer_id"] = orders["customer_id"].fillna("")
    traffic = pd.DataFrame(all_traffic)
    last = first + dt.timedelta(days=days - 1)
    failures = []

    got = list(csv.DictReader(io.StringIO(run("shops", "compare", "--db", db, "--from", str(first), "--to", str(last)))))
    want = expected(orders, traffic, ["shop"])
    orders_all, traffic_all = orders.assign(all=1), traffic.assign(all=1)
    want_all = expected(orders_all, traffic_all, ["all"])[1]
    if len(got) != len(want) + 1:
        failures.append(f"compare: {len(got)} rows, pandas {len(want) + 1}")
    for row in got:
        if row["shop"] == "all":
            check("compare all", row, want_all, failures, want_all["revenue"])
        else:
            check(f"compare shop {row['shop_id']}", row, want[int(row["shop_id"])], failures, want_all["revenue"])

    daily = list(csv.DictReader(io.StringIO(run("shops", "report", "--db", db, "--from", str(first), "--to", str(last)))))
    want_d = expected(orders, traffic, ["day", "shop"])
    want_da = expected(orders_all, traffic_all, ["day"])
    n_all = 0
    for row in daily:
        day_revenue = want_da[row["day"]]["revenue"]
        if row["shop"] == "all":
            n_all += 1
            check(f"report {row['day']} all", row, want_da[row["day"]], failures, day_revenue)
        else:
            check(f"report {row['day']} shop {row['shop_id']}", row, want_d[(row["day"], int(row["shop_id"]))], failures,
                  day_revenue)
    if len(daily) - n_all != len(want_d):
        failures.append(f"report: {len(daily) - n_all} shop-day rows, pandas {len(want_d)}")

    n_src = int((traffic["source"] != "all").sum())
    print(f"shops_check: compared {len(got)} compare rows and {len(daily)} daily rows "
          f"({len(orders)} order lines in 3 shops over {days} days; {len(traffic) - n_src} whole-shop and {n_src} "
          f"per-source traffic rows) x 8 figures with pandas")
    for f in failures[:20]:
        print("  MISMATCH", f)
    if failures:
        sys.exit(1)
    print("shops_check: all agree")


if __name__ == "__main__":
    main()
