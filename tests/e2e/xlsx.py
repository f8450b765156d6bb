#!/usr/bin/python3
"""Spreadsheets for the browser tests, made and read by openpyxl (Debian's python3-openpyxl), a
reader and writer independent of the app's own (minizip + pugixml in, libxlsxwriter out).

  xlsx.py make OUT.xlsx        an order sheet as a seller keeps one: a title line above a Chinese
                               header, order times as real Excel dates (serial numbers), Chinese
                               product names, quantities and prices as numbers, one price typed as
                               text; prints the rows it wrote as JSON
  xlsx.py read IN.xlsx         every sheet: its name, frozen cell, filter range and the cells with
                               their types (numbers stay numbers), as JSON
"""
import datetime
import json
import sys

import openpyxl

HEADER = ["订单号", "下单时间", "客户ID", "商品编码", "商品名称", "数量", "单价", "运费", "订单状态"]
ROWS = [
    ["XL-1001", datetime.datetime(2026, 11, 20, 9, 30), "xl-c1", "XL-001", "金骏眉 礼盒", 2, 128, 0, "已完成"],
    ["XL-1001", datetime.datetime(2026, 11, 20, 9, 30), "xl-c1", "XL-002", "龙井 Longjing 250g", 1, 99.9, 0, "已完成"],
    ["XL-1002", datetime.datetime(2026, 11, 21, 20, 5), "xl-c2", "XL-003", "白毫银针", 3, "168.00", 10, "已完成"],
]


def make(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["订单导出 2026-11（商家后台）"])  # a title line above the header
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
        ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd hh:mm"
    wb.save(path)
    print(json.dumps(ROWS, ensure_ascii=False, default=str))


def read(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        rows = [[{"v": c.value, "t": type(c.value).__name__, "fmt": c.number_format} for c in row]
                for row in ws.iter_rows()]
        out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows})
    print(json.dumps(out, ensure_ascii=False, default=str))


if __name__ == "__main__":
    {"make": make, "read": read}[sys.argv[1]](sys.argv[2])
