#!/usr/bin/env python3
"""The peer of pricing_bench's unit economics pass: the same sums per SKU and channel in pandas
(vectorised groupby), from the order lines, weights and channel schedules the bench exports
(DIR/economics_lines.csv, economics_products.csv, economics_channels.csv):
units, revenue after item discounts, orders, shipping by weight (first kg + each further kg or
part of one), ad cost per order of the channel and the fixed payment fee, each split over the
order's units. The refunds and the per-row figures (rounding, break-even) are left out, so the
peer does a little less than compute_economics. Timed from the loaded frames (the CSV reading
is not counted); the C++ figure starts from the loaded Dataset."""
import sys
import time

import numpy as np
import pandas as pd

d = sys.argv[1]
lines = pd.read_csv(f"{d}/economics_lines.csv")
products = pd.read_csv(f"{d}/economics_products.csv")
channels = pd.read_csv(f"{d}/economics_channels.csv")

VALID = [1, 2, 3, 5]  # paid, shipped, completed, refunded (core/model/entities.h)
t0, c0 = time.perf_counter(), time.process_time()
v = lines[lines["status"].isin(VALID)]
weight = products["weight_g"].clip(lower=0).to_numpy()
v = v.assign(grams=v["qty"] * weight[v["sku"].to_numpy()], revenue=v["qty"] * v["price"] - v["discount"])
orders = v.groupby("order", sort=False).agg(units=("qty", "sum"), grams=("grams", "sum"), channel=("channel", "first"))
orders = orders[orders["units"] > 0]
ch = channels.set_index("channel").reindex(orders["channel"].to_numpy()).fillna(0)
n_orders = orders.groupby("channel").size().reindex(channels["channel"]).fillna(0).to_numpy()
ad_per_order = np.where(n_orders > 0, channels["ad_spend"].to_numpy() / np.maximum(n_orders, 1), 0.0)
ad_of = pd.Series(ad_per_order, index=channels["channel"]).reindex(orders["channel"].to_numpy()).fillna(0).to_numpy()
grams = orders["grams"].to_numpy()
extra_kg = np.where(grams > 1000, (grams - 1000 + 999) // 1000, 0)
charge = ch["first_kg"].to_numpy() + extra_kg * ch["per_extra_kg"].to_numpy()
units = orders["units"].to_numpy().astype(float)
shares = pd.DataFrame({"ship_u": charge / units, "ad_u": ad_of / units, "pay_u": ch["payment_fixed"].to_numpy() / units},
                      index=orders.index)
v = v.join(shares, on="order", how="inner")
v = v.assign(shipping=v["ship_u"] * v["qty"], ad=v["ad_u"] * v["qty"], pay=v["pay_u"] * v["qty"])
cells = v.groupby(["sku", "channel"], sort=True).agg(units=("qty", "sum"), revenue=("revenue", "sum"), orders=("order", "nunique"),
                                                      shipping=("shipping", "sum"), ad=("ad", "sum"), pay=("pay", "sum"))
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(f"pandas (the economics pass's sums: filter, per-order weight, shipping and ad shares, groupby SKU x channel): "
      f"{len(cells)} cells from {len(lines)} lines in {wall * 1000:.0f} ms (cpu {cpu * 1000:.0f} ms; frames already loaded; no refunds or row "
      "figures)")
