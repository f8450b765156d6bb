#!/usr/bin/env python3
"""Peer for excel_bench: openpyxl (Debian's python3-openpyxl) reads the same .xlsx, every cell
of the first sheet, in read-only (streaming) mode, the fastest way it offers. Prints one JSON line."""
import json
import sys
import time

import openpyxl

path = sys.argv[1]
t = time.perf_counter()
c = time.process_time()
wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
ws = wb.worksheets[0]
rows = cells = 0
for row in ws.iter_rows(values_only=True):
    rows += 1
    cells += sum(1 for v in row if v is not None)
wb.close()
print(json.dumps({"peer": "openpyxl " + openpyxl.__version__ + " read_only", "rows": rows, "cells": cells,
                  "wall_ms": round((time.perf_counter() - t) * 1000), "cpu_ms": round((time.process_time() - c) * 1000)}))
