#!/usr/bin/env python3
"""Oracle checks for `shopkeeper insights` (issue #14).

rules:    a plain, obviously-correct level-wise apriori with exact fractions that follows R
          arules' definitions and defaults (minlen 1, so rules {} => {y} too; maxlen counts lhs
          and rhs together; support of a rule = support of lhs u rhs; confidence, lift,
          leverage, conviction as in arules' interestMeasure). arules is not installable here,
          so this script is the reference; rule sets must match count for count.
abtest:   scipy / statsmodels (z-test, Fisher, Wilson, Newcombe, Welch, chi-square SRM,
          NormalIndPower on Cohen's h) to 1e-9; Bayesian figures by numerical integration.
clusters: scikit-learn silhouette_score for the CLI's labels (1e-9) and KMeans inertia (0.5%).
Exit status non-zero on any disagreement.
"""
import csv
import io
import itertools
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("  MISMATCH:", what)


def run(args, expect_ok=True):
    p = subprocess.run([CLI] + args, capture_output=True, text=True)
    if expect_ok and p.returncode != 0:
        raise SystemExit(f"CLI failed: {' '.join(args)}\n{p.stderr}")
    return p


# ---------------------------------------------------------------- association rules -------
def apriori(baskets, supp, conf, maxlen, minlift=None):
    """Level-wise apriori; exact thresholds: count >= supp * N, count(Z) >= conf * count(X)."""
    n = len(baskets)
    sets = [frozenset(b) for b in baskets]
    minc = math.ceil(supp * n)  # supp is a Fraction: exact
    counts = {}
    level = {}
    for b in sets:
        for i in b:
            level[frozenset([i])] = level.get(frozenset([i]), 0) + 1
    level = {k: v for k, v in level.items() if v >= minc}
    k = 1
    while level:
        counts.update(level)
        if k >= maxlen:
            break
        keys = sorted(level, key=lambda s: sorted(s))
        cands = set()
        for a, b in itertools.combinations(keys, 2):
            u = a | b
            if len(u) == k + 1 and all(frozenset(s) in level for s in itertools.combinations(u, k)):
                cands.add(u)
        nxt = {}
        for c in cands:
            cnt = sum(1 for b in sets if c <= b)
            if cnt >= minc:
                nxt[c] = cnt
        level = nxt
        k += 1
    rules = []
    for z, cz in counts.items():
        for y in z:
            x = z - {y}
            cx = n if not x else counts[x]
            cy = counts[frozenset([y])]
            c = Fraction(cz, cx)
            if c < conf:
                continue
            lift = c / Fraction(cy, n)
            if minlift is not None and lift < minlift:
                continue
            rules.append((x, y, cz, cx, cy))
    return n, counts, rules


def rule_figures(n, cz, cx, cy):
    supp = Fraction(cz, n)
    c = Fraction(cz, cx)
    lift = c / Fraction(cy, n)
    lev = supp - Fraction(cx, n) * Fraction(cy, n)
    conv = None if c == 1 else (1 - Fraction(cy, n)) / (1 - c)
    return supp, c, lift, lev, conv


def redundant(rule, counts, n):
    x, y, cz, cx, cy = rule
    c = Fraction(cz, cx)
    for r in range(len(x)):
        for sub in itertools.combinations(sorted(x), r):
            s = frozenset(sub)
            csub = n if not s else counts[s]
            if Fraction(counts[s | {y}], csub) >= c:
                return True
    return False


def write_baskets(baskets):
    f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    w = csv.writer(f, lineterminator="\n")
    for b in baskets:
        w.writerow(b)
    f.close()
    return f.name


def close(a, b, tol=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(b))


def check_rules_case(name, baskets, supp_text, conf_text, maxlen, lift_text=None, prune=False):
    path = write_baskets(baskets)
    args = ["insights", "rules", "--baskets", path, "--min-support", supp_text, "--min-confidence", conf_text,
            "--max-len", str(maxlen), "--format", "json"]
    if lift_text:
        args += ["--min-lift", lift_text]
    if prune:
        args.append("--prune")
    out = json.loads(run(args).stdout)
    n, counts, rules = apriori(baskets, Fraction(supp_text), Fraction(conf_text), maxlen,
                               Fraction(lift_text) if lift_text else None)
    if prune:
        rules = [r for r in rules if not redundant(r, counts, n)]
    # arules-style order the issue asks for: lift desc, support desc, lhs, rhs.
    def key(r):
        supp, c, lift, _, _ = rule_figures(n, r[2], r[3], r[4])
        return (-lift, -supp, sorted(r[0]), r[1])
    rules.sort(key=key)
    got = out["rules"]
    check(len(got) == len(rules), f"{name}: {len(got)} rules, oracle {len(rules)}")
    bad = 0
    for g, r in zip(got, rules):
        x, y, cz, cx, cy = r
        supp, c, lift, lev, conv = rule_figures(n, cz, cx, cy)
        same = (g["lhs_items"] == sorted(x) and g["rhs_item"] == y and g["count"] == cz
                and close(g["support"], float(supp)) and close(g["confidence"], float(c))
                and close(g["lift"], float(lift)) and close(g["leverage"], float(lev), 1e-12)
                and close(g["conviction"], None if conv is None else float(conv)))
        if not same:
            bad += 1
            if bad <= 3:
                print("   got", g, "\n   want", sorted(x), y, cz, float(supp), float(c), float(lift))
    check(bad == 0, f"{name}: {bad} rules differ (order or figures)")
    # Itemsets, count for count.
    p = run(["insights", "rules", "--baskets", path, "--min-support", supp_text, "--max-len", str(maxlen),
             "--itemsets", "--format", "json"])
    sets = {tuple(s["item_list"]): s["count"] for s in json.loads(p.stdout)["itemsets"]}
    want = {tuple(sorted(k)): v for k, v in counts.items()}
    check(sets == want, f"{name}: itemsets differ ({len(sets)} vs oracle {len(want)})")
    # CSV: same rows, braces, inf for confidence 1.
    args[args.index("json")] = "csv"
    rows = list(csv.reader(io.StringIO(run(args).stdout)))
    check(rows[0] == ["lhs", "rhs", "support", "confidence", "lift", "leverage", "conviction", "count"], f"{name}: csv header")
    check(len(rows) - 1 == len(rules), f"{name}: csv rows")
    for row, r in zip(rows[1:], rules):
        if row[0] != "{" + ",".join(sorted(r[0])) + "}" or row[1] != "{" + r[1] + "}":
            check(False, f"{name}: csv row {row[:2]}")
            break
        if r[2] == r[3] and row[6] != "inf":
            check(False, f"{name}: csv conviction {row[6]} for confidence 1")
            break
    os.unlink(path)
    print(f"  {name}: N={n} supp={supp_text} conf={conf_text} maxlen={maxlen} lift={lift_text} prune={prune}: "
          f"{len(rules)} rules, {len(counts)} itemsets agree" if not failures else f"  {name}: done")


def random_baskets(rng, n, items, max_size):
    names = [f"i{k:02d}" for k in range(items)]
    weights = [1.0 / (k + 1) ** 0.8 for k in range(items)]
    out = []
    for _ in range(n):
        size = rng.randint(1, max_size)
        b = set()
        while len(b) < size:
            b.add(rng.choices(names, weights)[0])
            if rng.random() < 0.3 and len(b) < size:  # planted pair
                b.add(names[(names.index(min(b)) + 1) % items])
        out.append(sorted(b, key=lambda _: rng.random()))
    return out


def check_rules():
    print("rules vs plain apriori (arules definitions, exact thresholds)")
    rng = random.Random(14)
    check_rules_case("hand", [["a", "b"], ["a", "b", "c"], ["a", "c"], ["b"]], "0.5", "0.6", 10)
    for i, (n, items, size, supp, conf, maxlen, lift, prune) in enumerate([
        (200, 12, 5, "0.05", "0.5", 10, None, False),
        (200, 12, 5, "0.035", "0.3", 3, None, False),      # 0.035 x 200 = 7 exactly
        (300, 20, 8, "0.02", "0.2", 10, "1.2", False),
        (300, 20, 8, "0.02", "0.2", 10, None, True),
        (500, 8, 6, "0.1", "0", 2, None, False),
        (100, 6, 6, "0.07", "0.8", 10, None, True),        # 0.07 x 100: float drift boundary
        (1000, 30, 4, "0.005", "0.1", 10, "1", False),
    ]):
        check_rules_case(f"random{i}", random_baskets(rng, n, items, size), supp, conf, maxlen, lift, prune)
    # Items exactly as written: spaces, quotes, commas inside quotes, Chinese.
    b = [[" a", "b"], ["b", "c,d"], [" a", "c,d", "绿茶"], ["绿茶", "b"], [" a", "b"]]
    check_rules_case("verbatim", b, "0.2", "0.1", 10)
    # Bad input: clear message naming the line, non-zero exit.
    for text, want in [("a,b\n\nc,d\n", "line 2"), ("a,a\n", "appears twice"), ("", "no baskets"),
                       ("a,,b\n", "empty item")]:
        f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        f.write(text)
        f.close()
        p = run(["insights", "rules", "--baskets", f.name, "--min-support", "0.1", "--min-confidence", "0.5"], False)
        check(p.returncode != 0 and want in p.stderr, f"bad basket file {text!r}: {p.stderr.strip()}")
        os.unlink(f.name)
    path = write_baskets([["a", "b"]])
    for s in ["0", "1.5", "-1", "abc"]:
        p = run(["insights", "rules", "--baskets", path, "--min-support", s, "--min-confidence", "0.5"], False)
        check(p.returncode != 0 and "--min-support" in p.stderr, f"support {s}: {p.stderr.strip()}")
    os.unlink(path)
    print("  bad input: messages checked")


# ---------------------------------------------------------------- A/B tests ---------------
def check_abtest():
    import numpy as np
    from scipy import stats, integrate
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest, confint_proportions_2indep
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize
    print("abtest vs scipy / statsmodels (1e-9)")
    rng = np.random.default_rng(14)
    cases = [(1000, 100, 1000, 130, None, 0.05, 0.8, 0.5), (5000, 250, 5100, 240, None, 0.05, 0.8, 0.5),
             (40, 3, 45, 9, None, 0.05, 0.8, 0.5), (20000, 600, 19000, 650, 0.1, 0.01, 0.9, 0.5),
             (12, 6, 12, 6, None, 0.05, 0.8, 0.5), (300, 0, 310, 4, None, 0.05, 0.8, 0.5),
             (10000, 500, 11000, 540, 0.05, 0.05, 0.8, 0.48), (150, 30, 150, 30, None, 0.1, 0.8, 0.5),
             (2000, 1990, 2000, 1995, None, 0.05, 0.8, 0.5)]
    for n in range(6):
        na, nb = int(rng.integers(50, 50000)), int(rng.integers(50, 50000))
        cases.append((na, int(rng.binomial(na, 0.05)), nb, int(rng.binomial(nb, 0.055)), None, 0.05, 0.8, 0.5))
    worst = {}

    def cmp(name, got, want, tol=1e-9):
        if got is None or want is None or (isinstance(want, float) and math.isnan(want)):
            ok = (got is None) == (want is None or (isinstance(want, float) and math.isnan(want)))
            err = 0.0
        else:
            err = abs(got - want)
            ok = err <= tol
        worst[name] = max(worst.get(name, 0.0), err)
        return ok

    for idx, (na, ka, nb, kb, mde, alpha, power, split) in enumerate(cases):
        args = ["insights", "abtest", "--a-visitors", str(na), "--a-conversions", str(ka), "--b-visitors", str(nb),
                "--b-conversions", str(kb), "--alpha", repr(alpha), "--power", repr(power), "--split", repr(split)]
        if mde is not None:
            args += ["--mde", repr(mde)]
        rev = None
        if idx % 3 == 0:
            ra = rng.exponential(30, na) * (rng.random(na) < 0.1)
            rb = rng.exponential(33, nb) * (rng.random(nb) < 0.1)
            fa = tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt")
            fa.write("\n".join(repr(float(x)) for x in ra) + "\n")
            fa.close()
            fb = tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt")
            fb.write("\n".join(repr(float(x)) for x in rb) + "\n")
            fb.close()
            args += ["--a-revenue", fa.name, "--b-revenue", fb.name]
            rev = (ra, rb, fa.name, fb.name)
        j = json.loads(run(args).stdout)
        tag = f"case{idx} ({na},{ka},{nb},{kb})"
        for arm, (n, k) in (("a", (na, ka)), ("b", (nb, kb))):
            lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
            check(cmp("wilson", j[arm]["wilson"][0], float(lo)) and cmp("wilson", j[arm]["wilson"][1], float(hi)),
                  f"{tag} wilson {arm}: {j[arm]['wilson']} vs {lo, hi}")
        if ka + kb in (0, na + nb):
            check(j["z_test"]["p_value"] is None, f"{tag} z undefined")
        else:
            z, p = proportions_ztest([kb, ka], [nb, na], alternative="two-sided", prop_var=False)
            check(cmp("z", j["z_test"]["z"], float(z)) and cmp("z_p", j["z_test"]["p_value"], float(p)),
                  f"{tag} z-test {j['z_test']} vs {z, p}")
        _, pf = stats.fisher_exact([[ka, na - ka], [kb, nb - kb]], alternative="two-sided")
        check(cmp("fisher", j["fisher"]["p_value"], float(pf)), f"{tag} fisher {j['fisher']['p_value']} vs {pf}")
        lo, hi = confint_proportions_2indep(kb, nb, ka, na, method="newcomb", compare="diff", alpha=alpha)
        check(cmp("newcombe", j["newcombe"][0], float(lo)) and cmp("newcombe", j["newcombe"][1], float(hi)),
              f"{tag} newcombe {j['newcombe']} vs {lo, hi}")
        if rev:
            t = stats.ttest_ind(rev[1], rev[0], equal_var=False)
            va, vb = rev[0].var(ddof=1) / na, rev[1].var(ddof=1) / nb
            df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
            check(cmp("welch_t", j["welch"]["t"], float(t.statistic), 1e-9 * max(1, abs(t.statistic)))
                  and cmp("welch_p", j["welch"]["p_value"], float(t.pvalue)) and cmp("welch_df", j["welch"]["df"], float(df), 1e-7 * df),
                  f"{tag} welch {j['welch']} vs {t}")
            os.unlink(rev[2])
            os.unlink(rev[3])
        tot = na + nb
        chi2, p = stats.chisquare([na, nb], f_exp=[tot * split, tot * (1 - split)])
        check(cmp("srm", j["srm"]["chi2"], float(chi2), 1e-9 * max(1, chi2)) and cmp("srm_p", j["srm"]["p_value"], float(p)),
              f"{tag} srm {j['srm']} vs {chi2, p}")
        # Bayes by numerical integration: P(B > A) = int f_B(x) F_A(x) dx; losses likewise.
        A, B = stats.beta(1 + ka, 1 + na - ka), stats.beta(1 + kb, 1 + nb - kb)
        lo_x = max(0.0, min(A.ppf(1e-12), B.ppf(1e-12)))
        hi_x = min(1.0, max(A.isf(1e-12), B.isf(1e-12)))
        pts = sorted({lo_x, hi_x, A.mean(), B.mean()})
        pb = sum(integrate.quad(lambda x: B.pdf(x) * A.cdf(x), u, v, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
                 for u, v in zip(pts, pts[1:]))
        # E[max(pB - pA, 0)] = int f_B(x) E[(x - pA)+] dx, E[(x - pA)+] = x F_A(x) - mA F_A'(x) with A' ~ Beta(a+1, b)
        Ap = stats.beta(2 + ka, 1 + na - ka)
        Bp = stats.beta(2 + kb, 1 + nb - kb)
        la = sum(integrate.quad(lambda x: B.pdf(x) * (x * A.cdf(x) - A.mean() * Ap.cdf(x)), u, v, epsabs=1e-14, limit=200)[0]
                 for u, v in zip(pts, pts[1:]))
        lb = sum(integrate.quad(lambda x: A.pdf(x) * (x * B.cdf(x) - B.mean() * Bp.cdf(x)), u, v, epsabs=1e-14, limit=200)[0]
                 for u, v in zip(pts, pts[1:]))
        check(cmp("bayes_p", j["bayes"]["prob_b_beats_a"], pb, 1e-8), f"{tag} P(B>A) {j['bayes']['prob_b_beats_a']} vs {pb}")
        check(cmp("loss_a", j["bayes"]["expected_loss_a"], la, 1e-9) and cmp("loss_b", j["bayes"]["expected_loss_b"], lb, 1e-9),
              f"{tag} losses {j['bayes']} vs {la, lb}")
        # Power: NormalIndPower on Cohen's h for A's rate and B's (or A's x (1 + mde)).
        pa, pbr = ka / na, kb / nb
        p2 = min(1.0, pa * (1 + mde)) if mde is not None else pbr
        h = abs(float(proportion_effectsize(p2, pa)))
        if h == 0:
            check(j["power"]["sample_size_per_arm"] is None, f"{tag} sample size undefined")
        else:
            nn = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=1.0, alternative="two-sided")
            nn = float(np.asarray(nn).item())
            check(j["power"]["sample_size_per_arm"] == math.ceil(nn) and cmp("n_unrounded", j["power"]["sample_size_unrounded"], nn, 1e-6 * nn),
                  f"{tag} sample size {j['power']['sample_size_per_arm']} ({j['power']['sample_size_unrounded']}) vs {nn}")
        if pa > 0:
            hm = NormalIndPower().solve_power(effect_size=None, nobs1=na, alpha=alpha, power=power, ratio=nb / na, alternative="two-sided")
            hm = float(np.asarray(hm).item())
            ang = math.asin(math.sqrt(pa)) + hm / 2
            want = math.sin(ang) ** 2 / pa - 1 if ang <= math.pi / 2 else None
            # statsmodels' root finder stops early (about 1e-5 here), so the CLI's mde is checked
            # by plugging it into statsmodels' own power function (1e-9) and against its root (1e-4).
            got = j["power"]["mde"]
            if got is None or want is None:
                check(got is None and want is None, f"{tag} mde {got} vs {want}")
            else:
                hg = 2 * math.asin(math.sqrt(pa * (1 + got))) - 2 * math.asin(math.sqrt(pa))
                pw = float(NormalIndPower().power(effect_size=hg, nobs1=na, alpha=alpha, ratio=nb / na, alternative="two-sided"))
                cmp("mde_vs_statsmodels_root", got, want, 1e-4)
                check(cmp("power_at_mde", pw, power, 1e-9) and abs(got - want) <= 1e-4 * max(1, abs(want)),
                      f"{tag} mde {got} (power there {pw}) vs statsmodels root {want}")
    print("  " + ", ".join(f"{k} {v:.1e}" for k, v in sorted(worst.items())) + f"  (largest |difference| over {len(cases)} cases)")
    for args, want in [(["--a-visitors", "0", "--a-conversions", "0", "--b-visitors", "10", "--b-conversions", "1"], "no visitors"),
                       (["--a-visitors", "10", "--a-conversions", "11", "--b-visitors", "10", "--b-conversions", "1"], "more conversions")]:
        p = run(["insights", "abtest"] + args, False)
        check(p.returncode != 0 and want in p.stderr, f"abtest bad input {args}: {p.stderr.strip()}")
    print("  bad input: messages checked")


# ---------------------------------------------------------------- clusters ----------------
def check_clusters():
    print("clusters vs scikit-learn (silhouette 1e-9 for the same labels, inertia within 0.5%)")
    compare_clusters(orders=6000, seed=14, cli_seed=3, ks=[None, 3, 5], sampled=False)
    # A store above 20,000 customers: restarts on a 20,000 sample, one refine over everybody,
    # silhouette over a 2,000-point sample (the JSON lists its rows, scored by sklearn the same).
    print("sampled clusters (> 20,000 customers) vs scikit-learn: silhouette of the sampled rows 1e-9, inertia 0.5%")
    compare_clusters(orders=90000, seed=15, cli_seed=5, ks=[4, None], sampled=True)


def compare_clusters(orders, seed, cli_seed, ks, sampled):
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    with tempfile.TemporaryDirectory() as d:
        run(["demo", "--db", d, "--orders", str(orders), "--seed", str(seed), "--end", "2025-06-30"])
        for k in ks:
            args = ["insights", "clusters", "--db", d, "--format", "json", "--seed", str(cli_seed)]
            if k:
                args += ["--k", str(k)]
            j = json.loads(run(args).stdout)
            X = np.array([r["z"] for r in j["rows"]])
            labels = np.array([r["cluster"] for r in j["rows"]])
            kk = j["k"]
            rows = j.get("silhouette_rows")
            if sampled:
                check(len(X) > 20000, f"sampled store has only {len(X)} customers (needs > 20,000)")
                check(rows is not None and len(rows) == j["silhouette_points"] == 2000,
                      f"k={kk}: silhouette_rows missing or not 2,000 ({j['silhouette_points']})")
            else:
                check(j["silhouette_points"] == len(X) and rows is None,
                      f"k={kk}: silhouette sampled ({j['silhouette_points']} of {len(X)}), enlarge the test store")
            rows = np.array(rows if rows is not None else range(len(X)))
            s = silhouette_score(X[rows], labels[rows])
            check(abs(j["silhouette"] - s) <= 1e-9, f"k={kk}: silhouette {j['silhouette']} vs sklearn {s}")
            km = KMeans(n_clusters=kk, n_init=10, random_state=0).fit(X)
            rel = (j["inertia"] - km.inertia_) / km.inertia_
            check(rel <= 0.005, f"k={kk}: inertia {j['inertia']} vs sklearn {km.inertia_} ({rel:+.3%})")
            # The inertia the CLI reports is that of its own labels on its own matrix.
            cent = np.array([X[labels == c].mean(axis=0) for c in range(kk)])
            own = float(((X - cent[labels]) ** 2).sum())
            check(abs(own - j["inertia"]) <= 1e-9 * own, f"k={kk}: reported inertia {j['inertia']} vs recomputed {own}")
            print(f"  k={kk}{' (chosen)' if j['k_chosen_by_silhouette'] else ''}: {len(X)} customers x {X.shape[1]} features, "
                  f"silhouette over {len(rows)} {'sampled ' if sampled else ''}rows {j['silhouette']:.12f} vs sklearn {s:.12f} "
                  f"(diff {abs(j['silhouette'] - s):.1e}), inertia {j['inertia']:.4f} vs sklearn {km.inertia_:.4f} ({rel:+.3%})")
        if not sampled:
            p = run(["insights", "clusters", "--db", d, "--k", "100000"], False)
            check(p.returncode != 0 and "more than the" in p.stderr, f"k too large: {p.stderr.strip()}")


# ---------------------------------------------------------------- titles ------------------
def check_titles():
    import re
    print("titles: segmentation vs jieba (HMM off) with the shipped dictionary; Taobao length; findings")
    try:
        import jieba
    except ImportError:
        print("  python3-jieba not installed: segmentation not compared (apt-get install python3-jieba)")
        jieba = None
    here = os.path.dirname(os.path.abspath(__file__))
    dict_file = os.path.join(here, "..", "..", "assets", "insights", "jieba_dict.txt")
    with tempfile.TemporaryDirectory() as d:
        run(["demo", "--db", d, "--orders", "3000", "--seed", "5", "--end", "2025-06-30"])
        j = json.loads(run(["insights", "titles", "--db", d, "--format", "json"]).stdout)["titles"]
        bad = 0
        word = re.compile(r"^([\u4e00-\u9fd5]+|[A-Za-z0-9]+)$")
        if jieba:
            jieba.setLogLevel(60)
            tk = jieba.Tokenizer(dictionary=dict_file)
        for t in j:
            want_len = sum(1 if ord(c) < 128 else 2 for c in t["title"])
            check(t["bytes"] == want_len, f"{t['sku']}: bytes {t['bytes']} vs {want_len}")
            if jieba:
                want = [w for w in tk.cut(t["title"], HMM=False) if word.match(w)]
                if want != t["words"]:
                    bad += 1
                    if bad <= 3:
                        print("   ", t["title"], t["words"], want)
        check(bad == 0, f"titles: {bad} segmentations differ from jieba")
        print(f"  {len(j)} demo titles: Taobao length and {'jieba segmentation' if jieba else 'length only'} agree"
              if bad == 0 else "  segmentation differs")
        kw = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        kw.write("keyword,visitors,conversion,extra\n绿茶,100,2%,x\n")
        kw.close()
        p = run(["insights", "titles", "--db", d, "--keywords", kw.name], False)
        check(p.returncode != 0 and "unknown column" in p.stderr, f"keyword file with an unknown column: {p.stderr.strip()}")
        os.unlink(kw.name)


def main():
    check_rules()
    check_abtest()
    check_clusters()
    check_titles()
    if failures:
        print(f"insights: {len(failures)} disagreements")
        sys.exit(1)
    print("insights: all agree")


if __name__ == "__main__":
    main()
