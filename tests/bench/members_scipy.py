#!/usr/bin/python3
"""Peer of members_bench: fits the same BG/NBD and Pareto/NBD likelihoods to the bench's
(x, t_x, T) summary with scipy.optimize (BFGS on log-parameters, numeric gradient) and prints
time and parameters. Identical customers are grouped as in the C++ (weights)."""
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

d = pd.read_csv(sys.argv[1])
g = d.groupby(["x", "t_x", "T"]).size().reset_index(name="w")
x, tx, T, w = (g[c].to_numpy(float) for c in ["x", "t_x", "T", "w"])


def bg(p):
    r, al, a, b = np.exp(p)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(al + T)
    a3 = np.where(x > 0, betaln(a + 1, np.maximum(b + x - 1, 1e-12)) - betaln(a, b) - (r + x) * np.log(al + tx), -np.inf)
    return -np.sum(w * (a1 + np.logaddexp(a2, a3)))


def pn(p):
    r, al, s, be = np.exp(p)
    rsx = r + s + x
    if al >= be:
        f1 = hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + tx)); f2 = hyp2f1(rsx, s + 1, rsx + 1, (al - be) / (al + T)); big = al
    else:
        f1 = hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + tx)); f2 = hyp2f1(rsx, r + x, rsx + 1, (be - al) / (be + T)); big = be
    a0 = f1 / (big + tx) ** rsx - f2 / (big + T) ** rsx
    first = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    return -np.sum(w * (gammaln(r + x) - gammaln(r) + r * np.log(al) + s * np.log(be) + np.log(first + s / rsx * a0)))


N = w.sum()


def scaled(f):
    # The mean (not the sum) of -loglik, non-finite as +inf: over hundreds of thousands of
    # customers the sum's numeric gradient is O(1e5) at the start and BFGS's first steps run
    # off to where the likelihood underflows (it then "converges" at a log-likelihood of 0).
    def g(p):
        v = f(p) / N
        return v if np.isfinite(v) else np.inf
    return g


# Start values as the C++ fit's (clv.cpp): r = 1, alpha = mean T / mean x (clamped), a = 1,
# b = 3 / s = 1, beta = mean T.
mx, mT = max((x * w).sum() / N, 1e-3), (T * w).sum() / N
al0 = float(np.clip(mT / mx, 1e-2, 1e4))
for name, f, x0 in [("bgnbd", bg, [0, np.log(al0), 0, np.log(3)]), ("pnbd", pn, [0, np.log(al0), 0, np.log(mT)])]:
    if len(sys.argv) > 2 and name not in sys.argv[2:]:
        continue
    t = time.perf_counter()
    with np.errstate(all="ignore"):
        res = minimize(scaled(f), x0, method="BFGS", options={"gtol": 1e-6 / N, "maxiter": 1000})
        ll = -f(res.x)
    ms = 1000 * (time.perf_counter() - t)
    print(f"scipy {name}: {ms:.0f} ms ({len(g)} distinct (x, t_x, T)); params {' '.join(f'{v:.6g}' for v in np.exp(res.x))};"
          f" loglik {ll:.4f}; {res.nit} iterations; {res.message}")
