#!/usr/bin/env python3
"""Python reference for tests/bench/insights_bench.cpp (mlxtend is not packaged in Debian).

  insights_reference.py BASKETS_FILE SUPPORT_NUM SUPPORT_DEN FEATURES_CSV K [TITLES_FILE]

Times a plain FP-growth (dictionary FP-tree, conditional trees) over the same baskets with the
same exact threshold (count * den >= num * N), and scikit-learn's KMeans (n_init=10) plus
silhouette_score (sample of 2,000, as the core) over the same standardised feature matrix,
and jieba (HMM off, the shipped dictionary) segmenting the same 5,000 titles (segmentation only).
Prints one JSON line: times in ms and the counts, so the bench can check both found the same.
"""
import csv
import json
import sys
import time


def fpgrowth(transactions, min_count, max_len=10):
    counts = {}
    for t in transactions:
        for i in t:
            counts[i] = counts.get(i, 0) + 1
    order = {i: r for r, i in enumerate(sorted((i for i in counts if counts[i] >= min_count), key=lambda i: (-counts[i], i)))}
    found = 0

    def build(weighted):
        root = {}
        header = {}
        for items, w in weighted:
            node = root
            parent = None
            for i in items:
                child = node.get(i)
                if child is None:
                    child = [w, {}, parent, i]
                    node[i] = child
                    header.setdefault(i, []).append(child)
                else:
                    child[0] += w
                parent = child
                node = child[1]
        return header

    def mine(header, depth):
        nonlocal found
        for item, nodes in header.items():
            support = sum(n[0] for n in nodes)
            if support < min_count:
                continue
            found += 1
            if depth + 1 >= max_len:
                continue
            base = []
            cond = {}
            for n in nodes:
                path = []
                p = n[2]
                while p is not None:
                    path.append(p[3])
                    p = p[2]
                if path:
                    path.reverse()
                    base.append((path, n[0]))
                    for i in path:
                        cond[i] = cond.get(i, 0) + n[0]
            base = [([i for i in path if cond[i] >= min_count], w) for path, w in base]
            base = [(p, w) for p, w in base if p]
            if base:
                mine(build(base), depth + 1)

    ts = [sorted((i for i in t if i in order), key=order.get) for t in transactions]
    mine(build([(t, 1) for t in ts if t]), 0)
    return found


def main():
    baskets_file, num, den, features_file, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    with open(baskets_file, newline="") as f:
        transactions = [row for row in csv.reader(f)]
    n = len(transactions)
    min_count = -(-num * n // den)
    t0 = time.perf_counter()
    itemsets = fpgrowth(transactions, min_count)
    fp_ms = (time.perf_counter() - t0) * 1000
    out = {"fpgrowth_ms": fp_ms, "itemsets": itemsets, "baskets": n}
    try:
        import numpy as np
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
        X = np.loadtxt(features_file, delimiter=",")
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        out["kmeans_ms"] = (time.perf_counter() - t0) * 1000
        out["inertia"] = float(km.inertia_)
        t0 = time.perf_counter()
        out["silhouette"] = float(silhouette_score(X, km.labels_, sample_size=min(2000, len(X)), random_state=0))
        out["silhouette_ms"] = (time.perf_counter() - t0) * 1000
        out["customers"] = int(X.shape[0])
    except ImportError as e:
        out["sklearn"] = str(e)
    if len(sys.argv) > 6:
        try:
            import jieba
            import os
            jieba.setLogLevel(60)
            tk = jieba.Tokenizer(dictionary=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "insights", "jieba_dict.txt"))
            tk.initialize()
            titles = open(sys.argv[6], encoding="utf-8").read().splitlines()
            t0 = time.perf_counter()
            words = sum(len(list(tk.cut(t, HMM=False))) for t in titles)
            out["jieba_titles_ms"] = (time.perf_counter() - t0) * 1000
            out["titles"] = len(titles)
        except ImportError as e:
            out["jieba"] = str(e)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
