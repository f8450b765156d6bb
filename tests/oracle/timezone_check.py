#!/usr/bin/env python3
"""Time zones (issue #9 item 7) against Python's zoneinfo: timestamps written with an offset are
converted into the store's zone by `shopkeeper import --timezone`.

Makes (seeded) 400 order timestamps per store zone spread over 2019-2031 with extra ones within
an hour of each daylight-saving change, each written in one of the forms exports use (Shopify
"-0500", ISO "Z" / "+05:30", "GMT+8", "UTC", or no suffix), imports them into a new store per zone
(America/New_York, Europe/London, Australia/Sydney, Asia/Shanghai, America/Sao_Paulo), exports
the orders and compares every placed_at with zoneinfo's conversion of the same text (a time
without a suffix is kept as written: it is the shop's own clock). Also checks, through the CLI,
that a bad suffix is refused naming its line and column, and that a store holding orders keeps
its zone (a second import with another --timezone exits 1 and changes nothing), and that the
times the CLI writes (list-price changes, a backup's stamp) are the store's wall clock with the
machine's zone (TZ) half a world away.
Exit 1 on any disagreement.
"""
import csv
import datetime as dt
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

CLI = os.environ.get("SHOPKEEPER_CLI", "build/native/shopkeeper")
ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Shanghai", "America/Sao_Paulo"]
UTC = dt.timezone.utc


def run(*args, ok=True):
    p = subprocess.run([CLI, *args], capture_output=True)
    if ok and p.returncode != 0:
        sys.exit(f"timezone_check: {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
    return p


def written(rng, instant):
    """The instant written as an export would, and the offset it carries (None: no suffix)."""
    form = rng.randrange(6)
    if form == 0:  # Shopify: local time at a fixed offset, "-0500"
        off = rng.choice([-5, -4, 8, 0, 1, -3]) * 3600
        t = instant.astimezone(dt.timezone(dt.timedelta(seconds=off)))
        sign = "-" if off < 0 else "+"
        return t.strftime("%Y-%m-%d %H:%M:%S ") + f"{sign}{abs(off) // 3600:02d}00", off
    if form == 1:  # ISO 8601 in UTC
        return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), 0
    if form == 2:  # ISO 8601 with a half-hour offset
        off = 5 * 3600 + 1800
        t = instant.astimezone(dt.timezone(dt.timedelta(seconds=off)))
        return t.strftime("%Y-%m-%dT%H:%M:%S") + "+05:30", off
    if form == 3:  # a Chinese export's "GMT+8"
        t = instant.astimezone(dt.timezone(dt.timedelta(hours=8)))
        return t.strftime("%Y/%m/%d %H:%M:%S") + " GMT+8", 8 * 3600
    if form == 4:
        return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"), 0
    # No suffix: the shop's own wall clock (any text), kept as written.
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"), None


def expected(text, off, zone):
    if off is None:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").strftime("%Y-%m-%d %H:%M:%S")
    # Parse the wall clock before the suffix, attach the offset, convert with zoneinfo.
    wall = text.replace("T", " ").replace("/", "-").split(" ")
    w = dt.datetime.strptime(wall[0] + " " + wall[1][:8], "%Y-%m-%d %H:%M:%S")
    inst = w.replace(tzinfo=dt.timezone(dt.timedelta(seconds=off)))
    return inst.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def instants(rng, zone):
    z = ZoneInfo(zone)
    out = []
    lo = dt.datetime(2019, 1, 1, tzinfo=UTC).timestamp()
    hi = dt.datetime(2031, 12, 31, tzinfo=UTC).timestamp()
    for _ in range(400):
        out.append(dt.datetime.fromtimestamp(rng.uniform(lo, hi) // 1, UTC))
    # Around each change of offset (found hour by hour): the minutes before and after.
    t = dt.datetime(2023, 1, 1, tzinfo=UTC)
    prev = t.astimezone(z).utcoffset()
    while t.year < 2026:
        n = t + dt.timedelta(hours=1)
        cur = n.astimezone(z).utcoffset()
        if cur != prev:
            for m in (-61, -1, 0, 1, 59):
                out.append(n + dt.timedelta(minutes=m))
            prev = cur
        t = n
    return out


def store_clock_checks(tmp):
    """The times the CLI writes (a list-price change from an import and from `pricing set-list`,
    a backup's stamp) are the store's wall clock, with the machine's zone half a world away: each
    must lie between zoneinfo's time now in the store's zone read before and after the command.
    Also: an orders import selling a SKU below its list price logs no list-price change (the old
    schema trigger logged one). Returns (compared, disagreements)."""
    compared = mismatches = 0
    for zone, machine in (("Asia/Shanghai", "America/Los_Angeles"), ("America/New_York", "Asia/Tokyo")):
        env = dict(os.environ, TZ=machine)
        db = os.path.join(tmp, "clock-" + zone.replace("/", "_"))

        def cli(*args):
            p = subprocess.run([CLI, *args], capture_output=True, env=env)
            if p.returncode != 0:
                sys.exit(f"timezone_check: {' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
            return p.stdout

        def now():
            return dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)

        def within(what, text, lo, hi):
            nonlocal compared, mismatches
            compared += 1
            t = dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S") if text else None
            ok = t is not None and lo <= t <= hi + dt.timedelta(seconds=1)
            print(f"  {what} with TZ={machine}: {text}, zoneinfo {lo} .. {hi} in {zone}" + ("" if ok else ": DIFFERS"))
            if not ok:
                mismatches += 1

        def changes():
            return json.loads(cli("pricing", "history", "--db", db, "--sku", "TEA-1"))["list_price_changes"]

        def products(price):
            path = os.path.join(tmp, f"clock-products-{price}.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"sku,title,unit_cost,list_price\nTEA-1,Tea,4.00,{price}\n")
            return path

        print(f"store clock, {zone}:")
        cli("import", "--db", db, "--format", "generic", "--target", "products", "--currency", "CNY",
            "--timezone", zone, products("12.00"))
        lo = now()
        cli("import", "--db", db, "--format", "generic", "--target", "products", products("15.00"))
        hi = now()
        ch = changes()
        compared += 1
        if len(ch) != 1 or ch[0]["old_price"] != 1200 or ch[0]["new_price"] != 1500 or ch[0]["source"] != "write":
            mismatches += 1
            print(f"  import's list-price change: {ch}: DIFFERS (want one change 1200 -> 1500, write)")
        within("import's list-price change", ch[0]["at"] if ch else "", lo, hi)
        orders = os.path.join(tmp, "clock-orders.csv")
        with open(orders, "w", encoding="utf-8") as f:
            f.write("order_id,placed_at,status,sku,qty,unit_price\nC1,2025-06-01 10:00:00,completed,TEA-1,1,9.00\n")
        cli("import", "--db", db, "--format", "generic", "--target", "orders", orders)
        compared += 1
        n = len(changes())
        print(f"  an order sold at 9.00 leaves {n} list-price change(s) (want 1)")
        if n != 1:
            mismatches += 1
        lo = now()
        cli("pricing", "set-list", "--db", db, "--sku", "TEA-1", "--price", "1800")
        hi = now()
        ch = changes()
        within("set-list's change", ch[-1]["at"] if ch and ch[-1]["source"] == "edit" and ch[-1]["new_price"] == 1800 else "", lo, hi)
        bk = os.path.join(tmp, "clock-" + zone.replace("/", "_") + ".skbak")
        lo = now()
        cli("backup", "--db", db, "--out", bk)
        hi = now()
        con = sqlite3.connect(bk)
        stamp = con.execute("SELECT value FROM shopkeeper_backup WHERE key='created_at'").fetchone()[0]
        con.close()
        within("backup's created_at", stamp, lo, hi)
    return compared, mismatches


def main():
    rng = random.Random(9)
    compared = mismatches = 0
    with tempfile.TemporaryDirectory() as tmp:
        for zone in ZONES:
            rows, want = [], {}
            for i, inst in enumerate(instants(rng, zone)):
                text, off = written(rng, inst)
                oid = f"T{i}"
                rows.append({"order_id": oid, "placed_at": text, "status": "completed", "sku": "SKU1", "qty": 1,
                             "unit_price": "10.00"})
                want[oid] = (text, expected(text, off, zone))
            path = os.path.join(tmp, zone.replace("/", "_") + ".csv")
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
            db = os.path.join(tmp, "db-" + zone.replace("/", "_"))
            rep = json.loads(run("import", "--db", db, "--format", "generic", "--currency", "CNY", "--timezone", zone,
                                 path).stdout)
            if rep["orders_imported"] != len(rows):
                sys.exit(f"timezone_check: {zone}: {rep['orders_imported']} of {len(rows)} orders imported: {rep}")
            info = json.loads(run("info", "--db", db).stdout)
            if info.get("timezone") != zone:
                sys.exit(f"timezone_check: {zone}: info says timezone {info.get('timezone')}")
            out = run("export", "--db", db, "--table", "orders", "--format", "csv").stdout.decode("utf-8-sig")
            got = {r["id"]: r["placed_at"] for r in csv.DictReader(io.StringIO(out))}
            bad = [(oid, t, e, got.get(oid)) for oid, (t, e) in want.items() if got.get(oid) != e]
            compared += len(want)
            mismatches += len(bad)
            print(f"{zone}: {len(want)} timestamps, {len(bad)} differ from zoneinfo"
                  + (f"; first: {bad[0][1]!r} -> ours {bad[0][3]!r}, zoneinfo {bad[0][2]!r}" if bad else ""))
            sample = next(iter(want.items()))
            print(f"  e.g. {sample[1][0]!r} -> {sample[1][1]}")
            # "Today" is the store's day in its zone, not the machine's: run with the machine's zone
            # set half a world away (TZ) and compare with zoneinfo's date now in the store's zone
            # (read before and after, so a run across midnight still agrees).
            before = dt.datetime.now(ZoneInfo(zone)).date().isoformat()
            env = dict(os.environ, TZ="Pacific/Kiritimati" if zone.startswith("America") else "Pacific/Pago_Pago")
            sp = subprocess.run([CLI, "pricing", "suggest", "--db", db], capture_output=True, env=env)
            after = dt.datetime.now(ZoneInfo(zone)).date().isoformat()
            today = json.loads(sp.stdout).get("today") if sp.returncode == 0 else None
            compared += 1
            if today not in (before, after):
                mismatches += 1
                print(f"  pricing suggest's today with TZ={env['TZ']}: {today}, zoneinfo {before}: DIFFERS")
            else:
                print(f"  pricing suggest's today with TZ={env['TZ']}: {today} (zoneinfo {before})")

        # The row: Shopify at -05:00 into Asia/Shanghai is 12:30 the next day.
        db = os.path.join(tmp, "db-shanghai")
        p = os.path.join(tmp, "one.csv")
        with open(p, "w", encoding="utf-8") as f:
            f.write("order_id,placed_at,status,sku,qty,unit_price\nA1,2024-03-10 23:30:00 -0500,completed,SKU1,1,10.00\n"
                    "A2,2024-03-10 23:30:00 EST,completed,SKU1,1,10.00\n")
        rep = json.loads(run("import", "--db", db, "--format", "generic", "--currency", "CNY", "--timezone",
                             "Asia/Shanghai", p).stdout)
        out = run("export", "--db", db, "--table", "orders", "--format", "csv").stdout.decode("utf-8-sig")
        got = {r["id"]: r["placed_at"] for r in csv.DictReader(io.StringIO(out))}
        zi = dt.datetime(2024, 3, 10, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))).astimezone(
            ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
        print(f"2024-03-10 23:30:00 -0500 into Asia/Shanghai: ours {got.get('A1')}, zoneinfo {zi}")
        compared += 1
        if got.get("A1") != zi or zi != "2024-03-11 12:30:00":
            mismatches += 1
        errs = rep.get("errors", [])
        ok_err = (len(errs) == 1 and errs[0].get("line") == 3 and errs[0].get("column") == "placed_at"
                  and "EST" in errs[0].get("message", ""))
        print(f"bad suffix 'EST': {errs[0] if errs else 'no error'}")
        if not ok_err:
            mismatches += 1
        # A store holding orders keeps its zone.
        p2 = run("import", "--db", db, "--format", "generic", "--timezone", "Asia/Tokyo", p, ok=False)
        info = json.loads(run("info", "--db", db).stdout)
        msg = p2.stderr.decode(errors="replace").strip()
        print(f"--timezone Asia/Tokyo on a store with orders: exit {p2.returncode}: {msg}; zone now {info.get('timezone')}")
        if p2.returncode != 1 or info.get("timezone") != "Asia/Shanghai" or "Asia/Shanghai" not in msg:
            mismatches += 1
        # An unknown zone is refused by name.
        p3 = run("import", "--db", os.path.join(tmp, "db-mars"), "--timezone", "Mars/Olympus_Mons", p, ok=False)
        print(f"--timezone Mars/Olympus_Mons: exit {p3.returncode}: {p3.stderr.decode(errors='replace').strip()}")
        if p3.returncode != 2:
            mismatches += 1
        c, m = store_clock_checks(tmp)
        compared += c
        mismatches += m
    print(f"timezone: {compared} compared, {mismatches} disagreements")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
