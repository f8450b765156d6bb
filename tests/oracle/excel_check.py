#!/usr/bin/env python3
"""Excel export and import against openpyxl (Debian's python3-openpyxl), issue #16.

Makes a small deterministic demo store (seeded), then for every store table and two dashboard
reports: exports CSV and .xlsx with the CLI, reads the workbook with openpyxl and compares it
cell by cell with the CSV (numbers as numbers, money equal to the CSV's decimal, days and times
as datetimes equal to the CSV's text), checks the frozen header (A2), the autofilter over the
whole table, the money cells' currency format with the store's digits, and the date formats.
Then the other way: openpyxl writes a workbook (title rows above the header, a hidden row, a
date cell, a number stored as text) that the CLI imports; the imported orders are compared with
what the script wrote. Exit 1 on any disagreement.
"""
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True)
    if p.returncode != 0:
        sys.exit(f"excel_check: {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
    return p.stdout


def csv_rows(data: bytes):
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def same(csv_cell: str, x) -> bool:
    if csv_cell.startswith("'") and len(csv_cell) > 1 and csv_cell[1] in "=+-@\t\r":
        csv_cell = csv_cell[1:]
    if x is None:
        return csv_cell == ""
    if isinstance(x, bool):
        return csv_cell.lower() == str(x).lower()
    if isinstance(x, (int, float)):
        try:
            return abs(float(csv_cell) - float(x)) <= 1e-9 * max(1.0, abs(float(x)))
        except ValueError:
            return False
    if isinstance(x, dt.datetime):
        return csv_cell in (x.strftime("%Y-%m-%d"), x.strftime("%Y-%m-%d %H:%M:%S")) and (
            len(csv_cell) != 10 or (x.hour, x.minute, x.second) == (0, 0, 0))
    return csv_cell == str(x)


def compare(name, csv_data, xlsx_path, digits, symbol):
    rows = csv_rows(csv_data)
    if rows and rows[0] and rows[0][0].startswith("# "):
        rows = rows[1:]
    wb = openpyxl.load_workbook(xlsx_path)
    ws = wb.worksheets[0]
    bad = []
    if ws.freeze_panes != "A2":
        bad.append(f"freeze_panes {ws.freeze_panes}")
    ncols = len(rows[0])
    want_filter = f"A1:{openpyxl.utils.get_column_letter(ncols)}{len(rows)}"
    if ws.auto_filter.ref != want_filter:
        bad.append(f"autofilter {ws.auto_filter.ref} != {want_filter}")
    got = list(ws.iter_rows(values_only=True))
    if len(got) != len(rows):
        bad.append(f"{len(got)} rows in xlsx, {len(rows)} in csv")
    cells = money = dates = 0
    money_fmt = f'"{symbol}"#,##0' + ("." + "0" * digits if digits else "")
    for r, (crow, xrow) in enumerate(zip(rows, ws.iter_rows())):
        for c, cv in enumerate(crow):
            xc = xrow[c] if c < len(xrow) else None
            xv = xc.value if xc is not None else None
            cells += 1
            if not same(cv, xv):
                bad.append(f"row {r + 1} col {c + 1}: csv {cv!r} xlsx {xv!r}")
            if xc is not None and isinstance(xv, (int, float)) and xc.number_format.startswith('"'):
                money += 1
                if not xc.number_format.startswith(money_fmt):
                    bad.append(f"row {r + 1} col {c + 1}: money format {xc.number_format!r}")
            if isinstance(xv, dt.datetime):
                dates += 1
            if len(bad) > 10:
                break
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ncols)]
    print(f"  {name}: {len(rows) - 1} rows x {ncols} columns, {cells} cells equal to the CSV, "
          f"{money} money cells in {money_fmt}, {dates} date cells, widths {min(widths):.0f}..{max(widths):.0f}")
    return bad


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "store")
        run("demo", "--db", db, "--orders", "3000", "--seed", "16", "--end", "2024-06-30", "--months", "3",
            "--products", "40")
        tables = ["products", "customers", "orders", "order_lines", "refunds", "traffic_daily"]
        for t in tables:
            out = os.path.join(tmp, t + ".xlsx")
            csv_data = run("export", "--db", db, "--table", t)
            run("export", "--db", db, "--table", t, "--format", "xlsx", "--out", out)
            failures += [f"{t}: {b}" for b in compare(t, csv_data, out, 2, "¥")]
        for what in ["kpis", "breakdown"]:
            out = os.path.join(tmp, what + ".xlsx")
            args = ["report", "--db", db, "--what", what, "--from", "2024-06-01", "--to", "2024-06-30"]
            csv_data = run(*args)
            run(*args, "--format", "xlsx", "--out", out)
            failures += [f"report {what}: {b}" for b in compare("report " + what, csv_data, out, 2, "¥")]

        # Import: a workbook openpyxl writes.
        path = os.path.join(tmp, "orders.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "订单"
        ws.append(["2024年6月订单"])
        ws.merge_cells("A1:F1")
        ws.append(["导出时间", "2024-07-01"])
        ws.append(["订单号", "下单时间", "商品编码", "数量", "单价", "运费"])
        expect = {}
        for i in range(1, 41):
            placed = dt.datetime(2024, 6, 1, 9, 0) + dt.timedelta(hours=7 * i)
            qty, price = 1 + i % 3, round(9.9 + i * 1.25, 2)
            price_cell = f"{price:.2f}" if i % 5 == 0 else price  # every 5th a number stored as text
            ws.append([f"X-{i}", placed, f"S{i % 4}", qty, price_cell, 5])
            ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd hh:mm"
            expect[f"X-{i}"] = (placed, round(qty * price * 100))
        ws.row_dimensions[10].hidden = True  # X-7 (row 10) must be skipped
        del expect["X-7"]
        wb.save(path)
        db2 = os.path.join(tmp, "store2")
        rep = json.loads(run("import", "--db", db2, "--format", "generic", path))
        if rep.get("sheet") != "订单" or rep.get("hidden_rows_skipped") != [10] or rep["orders_imported"] != len(expect):
            failures.append(f"import report: sheet {rep.get('sheet')}, hidden {rep.get('hidden_rows_skipped')}, "
                            f"orders {rep['orders_imported']} (want {len(expect)})")
        lines = csv_rows(run("export", "--db", db2, "--table", "orders"))
        head = lines[0]
        got = {r[head.index("id")]: r for r in lines[1:]}
        for oid, (placed, items) in expect.items():
            r = got.get(oid)
            if r is None:
                failures.append(f"import: order {oid} missing")
                continue
            if r[head.index("placed_at")] != placed.strftime("%Y-%m-%d %H:%M:%S"):
                failures.append(f"import: {oid} placed_at {r[head.index('placed_at')]} != {placed}")
            if round(float(r[head.index("items_amount")]) * 100) != items:
                failures.append(f"import: {oid} items {r[head.index('items_amount')]} != {items / 100:.2f}")
        print(f"  import: openpyxl workbook of 40 rows (title lines, hidden row 10, dates, numbers as text): "
              f"{rep['orders_imported']} orders imported, placed_at and items_amount equal to what was written")
    if failures:
        print("excel_check: DISAGREE")
        for f in failures[:30]:
            print("  " + f)
        return 1
    print("excel_check: agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
