#!/usr/bin/env python3
"""Writes the import fixtures (tests/data/import/*.csv and bad/*.csv) byte for byte.

The bytes are committed; this script documents how they were made and can rebuild them.
Expected values for each file are worked out by hand in tests/core/io_import_test.cpp."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def crlf(lines):
    return "\r\n".join(lines) + "\r\n"


# UCI Online Retail layout, CRLF line ends, an embedded newline, doubled quotes, a guest, a
# float-looking customer id and two cancellation invoices (one matches an earlier purchase).
online_retail = crlf([
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom",
    "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom",
    "536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850.0,United Kingdom",
    '536367,22728,"ALARM CLOCK ""BAKELIKE"" PINK",24,12/1/2010 8:34,3.75,13047,France',
    '536368,22960,"JAM MAKING SET\nWITH JARS",6,12/2/2010 9:01,4.25,,United Kingdom',
    "C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,12/3/2010 9:41,2.55,17850,United Kingdom",
    "C536380,22139,RETROSPOT TEA SET,-1,12/3/2010 10:00,4.95,12345,Germany",
])
write("online_retail.csv", online_retail.encode("utf-8"))

shopify_header = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Currency,Subtotal,Shipping,"
                  "Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"
                  "Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
                  "Lineitem taxable,Lineitem fulfillment status,Billing Name,Notes,Cancelled at,Refunded Amount,"
                  "Shipping Country")
shopify = "\n".join([
    shopify_header,
    '#1001,Ann@Example.com,paid,2024-03-01 10:16:02 +0800,fulfilled,2024-03-02 09:00:00 +0800,USD,44.10,5.00,0.00,'
    '49.10,WELCOME10,4.90,Standard,2024-03-01 10:15:00 +0800,2,Mug,12.00,,MUG-1,true,true,fulfilled,Ann Lee,'
    '"Leave at door\nThanks",,0.00,United States',
    '#1001,Ann@Example.com,,,,,,,,,,,,,2024-03-01 10:15:00 +0800,1,Tee,25.00,,TEE-1,true,true,fulfilled,,,,,',
    '#1002,bob@example.com,refunded,2024-03-02 09:01:00 -0500,unfulfilled,,USD,15.00,0.00,0.00,15.00,,0.00,,'
    '2024-03-02 09:00:00 -0500,1,Cap,15.00,,CAP-1,true,true,pending,Bob Ray,,,15.00,Canada',
    '#1003,,pending,,unfulfilled,,USD,4.50,0.00,0.00,4.50,,0.00,,2024-03-03 12:00:00 +0800,3,Sticker,1.50,,,'
    'true,true,pending,,,,0.00,',
    '#1004,ann@example.com,voided,,unfulfilled,,USD,12.00,0.00,0.00,12.00,,0.00,,2024-03-04 08:00:00 +0800,1,'
    'Mug,12.00,,MUG-1,true,true,pending,Ann Lee,,2024-03-04 09:00:00 +0800,0.00,United States',
    '#1005,cara@example.com,partially_refunded,2024-03-05 10:00:00 +0800,fulfilled,,USD,50.00,5.00,0.00,55.00,,'
    '0.00,,2024-03-05 09:59:00 +0800,2,Tee,25.00,,TEE-1,true,true,fulfilled,Cara Diaz,,,25.00,Mexico',
]) + "\n"
write("shopify_orders.csv", b"\xef\xbb\xbf" + shopify.encode("utf-8"))

woo = "\n".join([
    "order_id,order_number,order_date,status,shipping_total,discount_total,order_total,refunded_total,customer_id,"
    "billing_email,billing_country,item_name,item_sku,item_quantity,item_subtotal,item_total",
    "101,WC-101,2024-02-10 14:30:00,completed,4.00,2.00,40.00,0.00,7,dan@example.com,US,Hoodie,HD-1,1,30.00,28.00",
    "101,WC-101,2024-02-10 14:30:00,completed,4.00,2.00,40.00,0.00,7,dan@example.com,US,Cap,CP-1,2,8.00,8.00",
    "102,WC-102,2024-02-11 09:00:00,processing,0.00,0.00,15.00,0.00,0,eve@example.com,DE,Mug,MG-1,3,15.00,15.00",
    "103,WC-103,2024-02-12 10:00,wc-refunded,0.00,0.00,20.00,20.00,7,dan@example.com,US,Scarf,SC-1,1,20.00,20.00",
    "104,WC-104,2024-02-13,cancelled,0.00,0.00,9.00,0.00,0,,FR,Pin,PN-1,3,10.00,9.00",
]) + "\n"
write("woocommerce_orders.csv", woo.encode("utf-8"))

woo_packed = "\n".join([
    "order_number,order_date,status,shipping_total,discount_total,order_total,customer_id,billing_email,line_items",
    'W-1,2024-02-20 08:00:00,completed,5.00,0.00,45.00,3,f@example.com,'
    '"name:Hoodie|sku:HD-1|quantity:1|total:30.00|subtotal:30.00;name:Cap|sku:CP-1|quantity:2|total:10.00|subtotal:10.00"',
    'W-2,2024-02-21 08:00:00,completed,0.00,1.00,9.00,3,f@example.com,"name:Mug|sku:MG-1|quantity:2|total:9.00|subtotal:10.00"',
]) + "\n"
write("woocommerce_packed.csv", woo_packed.encode("utf-8"))

taobao = "\r\n".join([
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,收货人姓名,收货地址,"
    "订单创建时间,订单付款时间,宝贝标题,宝贝种类,宝贝总数量,商家编码,退款金额,店铺名称",
    '="1234567890123456789",小王,w***@163.com,199.00,10.00,209.00,189.00,交易成功,王小明,浙江省 杭州市 西湖区 文三路1号,'
    "2024-01-05 10:15:30,2024-01-05 10:16:00,夏季纯棉T恤 白色,1,2,TS-001,0.00,某某旗舰店",
    '="1234567890123456790",阿李,l***@qq.com,99.00,0.00,99.00,99.00,交易关闭,李四,广东省 深圳市 南山区,'
    "2024/1/6 9:00,2024/1/6 9:05,帆布包,1,1,BAG-01,99.00,某某旗舰店",
    '="1234567890123456791",小王,w***@163.com,58.00,8.00,66.00,0.00,等待买家付款,王小明,浙江省 杭州市 西湖区,'
    "2024-01-07 20:00:00,,钥匙扣,1,2,KC-9,0.00,某某旗舰店",
    '="1234567890123456792",老张,z***@126.com,300.00,0.00,300.00,300.00,卖家已发货，等待买家确认,张三,北京 北京市 朝阳区,'
    "2024-01-08 11:11:11,2024-01-08 11:12:00,羽绒服,1,1,,0,某某旗舰店",
    '="1234567890123456789",小王,w***@163.com,199.00,10.00,209.00,189.00,交易成功,王小明,浙江省 杭州市 西湖区 文三路1号,'
    "2024-01-05 10:15:30,2024-01-05 10:16:00,夏季纯棉T恤 白色,1,2,TS-001,0.00,某某旗舰店",
]) + "\r\n"
write("taobao_orders_gbk.csv", taobao.encode("gbk"))

generic_orders = "\n".join([
    "订单号\t下单时间\t客户ID\t商品编码\t商品名称\t数量\t单价\t运费\t订单状态",
    "A-1\t05/03/2024 14:00\tc1\tSKU1\t杯子\t2\t¥1,299.00\t¥10.00\t已完成",
    "A-1\t05/03/2024 14:00\tc1\tSKU2\t盘子\t1\t¥5.50\t¥10.00\t已完成",
    "A-2\t13/03/2024 09:30\tc2\tSKU1\t杯子\t1\t¥1,299.00\t¥0.00\t已付款",
]) + "\n"
write("generic_orders_utf16.csv", generic_orders.encode("utf-16"))  # utf-16 = BOM + little-endian

products = "\n".join([
    "SKU;Name;Category;Cost;Price;Stock",
    "SKU1;Becher;Küche;450,00;1.299,00;12",
    "SKU2;Teller;Küche;;5,50;3",
    'SKU3;"Messer; scharf";Küche;2,10;-1,00;0',
]) + "\n"
write("generic_products.csv", b"\xef\xbb\xbf" + products.encode("utf-8"))

customers = "\n".join([
    "customer_id,name,joined_on,region,tier",
    "c1,Alice,2023-05-01,上海,gold",
    "c2,Bob,2023-06-15,北京,",
]) + "\n"
write("generic_customers.csv", customers.encode("utf-8"))

traffic = "\n".join([
    "日期,访客数,浏览量,加购人数",
    "2024-03-01,120,480,9",
    "2024-03-02,\"1,050\",3200,41",
]) + "\n"
write("traffic.csv", traffic.encode("gb18030"))

ads = "\n".join([
    "date,channel,spend,impressions,clicks",
    "2024-03-01,直通车,$12,\"1,200\",35",
    "2024-03-02,直通车,$7.25,800,20",
]) + "\n"
write("ad_spend.csv", ads.encode("utf-8"))

# ---- malformed files: each makes the whole import fail with file, line and field named --------
OR = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
bad = {
    "empty.csv": b"",
    "only_header.csv": OR.encode(),
    "invalid_bytes.csv": (OR + "536365,85123A,HOLDER,6,12/1/2010 8:26,2.55,17850,UK\n").encode() + b"536366,X\x81\x20Y,6\n",
    "unterminated_quote.csv": (OR + '536365,85123A,"HOLDER,6,12/1/2010 8:26,2.55,17850,UK\n').encode(),
    "text_after_quote.csv": (OR + '536365,85123A,"HOLDER"x,6,12/1/2010 8:26,2.55,17850,UK\n').encode(),
    "missing_date_column.csv": b"InvoiceNo,StockCode,Quantity\n536365,85123A,6\n",
    "bad_quantity.csv": (OR + "536365,85123A,HOLDER,six,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "decimal_comma_price.csv": (OR + '536365,85123A,HOLDER,6,12/1/2010 8:26,"2,55",17850,UK\n').encode(),
    "bad_date.csv": (OR + "536365,85123A,HOLDER,6,31/31/2010 8:26,2.55,17850,UK\n").encode(),
    "not_month_first.csv": (OR + "536365,85123A,HOLDER,6,13/1/2011 8:26,2.55,17850,UK\n").encode(),
    "missing_order_id.csv": (OR + ",85123A,HOLDER,6,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "missing_invoice_date.csv": (OR + "536365,85123A,HOLDER,6,,2.55,17850,UK\n").encode(),
    "cancellation_positive_qty.csv": (OR + "C536365,85123A,HOLDER,6,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "fractional_quantity.csv": (OR + "536365,85123A,HOLDER,2.5,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "huge_quantity.csv": (OR + "536365,85123A,HOLDER,1000000000000,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "huge_price.csv": (OR + "536365,85123A,HOLDER,6,12/1/2010 8:26,99999999999999999999,17850,UK\n").encode(),
    "unquoted_delimiter.csv": (OR + "536365,85123A,HOLDER, WHITE,6,12/1/2010 8:26,2.55,17850,UK\n").encode(),
    "bad_time.csv": (OR + "536365,85123A,HOLDER,6,12/1/2010 25:61,2.55,17850,UK\n").encode(),
    "missing_price.csv": (OR + "536365,85123A,HOLDER,6,12/1/2010 8:26,,17850,UK\n").encode(),
    "one_bad_line_sinks_order.csv": (OR + "536365,85123A,HOLDER,6,12/1/2010 8:26,2.55,17850,UK\n"
                                     "536365,71053,LANTERN,6,12/1/2010 8:26,abc,17850,UK\n").encode(),
    "unknown_status.csv": (shopify_header + "\n" +
                           "#1,a@b.c,weird,,,,USD,1.00,0,0,1.00,,0,,2024-03-01 10:00,1,Mug,1.00,,M,true,true,,,,,0,\n"
                           ).encode(),
    "negative_refund.csv": (shopify_header + "\n" +
                            "#1,a@b.c,paid,,,,USD,1.00,0,0,1.00,,0,,2024-03-01 10:00,1,Mug,1.00,,M,true,true,,,,,-5.00,\n"
                            ).encode(),
    "taobao_bad_amount_gbk.csv": ("订单编号,买家会员名,买家应付货款,买家应付邮费,买家实际支付金额,订单状态,订单创建时间,订单付款时间,"
                                  "宝贝标题,宝贝总数量,商家编码,退款金额\n"
                                  "123,小王,abc,0,1.00,交易成功,2024-01-05 10:15:30,,T恤,1,TS,0\n").encode("gbk"),
    "taobao_bad_status_gbk.csv": ("订单编号,买家会员名,买家应付货款,买家应付邮费,买家实际支付金额,订单状态,订单创建时间,订单付款时间,"
                                  "宝贝标题,宝贝总数量,商家编码,退款金额\n"
                                  "123,小王,1.00,0,1.00,神秘状态,2024-01-05 10:15:30,,T恤,1,TS,0\n").encode("gbk"),
    "woo_packed_bad_quantity.csv": ('order_number,order_date,status,order_total,line_items\n'
                                    'W-9,2024-02-20 08:00:00,completed,5.00,"name:Hoodie|sku:HD-1|quantity:many|total:5.00"\n'
                                    ).encode(),
    "utf16_truncated.csv": "order_id,placed_at\nA,2024-01-01\n".encode("utf-16-le").join([b"\xff\xfe", b""]) + b"\x41",
    "binary.csv": bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
                         0x52, 0xff, 0x00, 0xfe]),
    "no_columns.csv": b"hello world\nthis is not a table\n",
    "generic_ambiguous_date.csv": b"order_id,placed_at,sku,qty,unit_price\nA-1,3/4/2024,S1,1,2.00\n",
    "generic_line_total_zero_qty.csv": b"order_id,placed_at,sku,qty,line_total\nA-1,2024-03-04,S1,0,2.00\n",
    "products_missing_sku.csv": b"sku,title,list_price\n,Mug,12.00\n",
    "products_bad_cost.csv": b"sku,title,unit_cost\nM1,Mug,cheap\n",
    "customers_bad_joined.csv": b"customer_id,name,joined_on\nc9,Zed,2023-02-30\n",
    "traffic_bad_day.csv": b"day,visitors\nyesterday,12\n",
    "traffic_bad_visitors.csv": b"day,visitors\n2024-03-01,12.5\n",
    "ad_spend_bad_spend.csv": b'day,channel,spend\n2024-03-01,ads,"$1,2345"\n',
    "order_lines_unknown_order.csv": b"order_id,line_no,sku,qty,unit_price\nNOPE-1,1,S1,1,2.00\n",
    "refunds_unknown_order.csv": b"order_id,amount,refunded_at\nNOPE-1,2.00,2024-03-01 10:00\n",
}
for name, data in bad.items():
    write(os.path.join("bad", name), data)

# ---- Online-Retail-shaped store for issue #10 (tests/core/trust_test.cpp) ------------------------
# Four months of a UK gift wholesaler in the UCI Online Retail layout, made with a seeded
# generator (random.Random(10), stable across Python 3 versions): no Saturdays (the real shop
# did not trade then), 3-9 invoices a weekday, 1-4 product lines each, about 15 % guests (no
# CustomerID) who still have a Country, invoices whose rows span a minute, and the rows that are
# not products, as the real file has them: POST "POSTAGE" on foreign invoices, DOT "DOTCOM
# POSTAGE" on guest invoices, C2 "CARRIAGE", M "Manual", BANK CHARGES, AMAZONFEE (on a C invoice),
# an "A" invoice "Adjust bad debt", zero-price negative-quantity stock write-offs ("damaged",
# "check") and C cancellations, two of which match no earlier purchase.
def online_retail_shaped():
    import datetime
    import random
    rng = random.Random(10)
    catalogue = [("%05d" % (21000 + 37 * i), "GIFT ITEM %d" % i, rng.choice([85, 125, 165, 210, 295, 375, 495, 850, 1275]))
                 for i in range(40)]
    countries = ["United Kingdom"] * 6 + ["France", "Germany", "EIRE", "Spain", "Netherlands"]
    customers = [(str(12346 + 13 * i), rng.choice(countries)) for i in range(60)]
    rows = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"]
    bought = {}  # customer -> [(stock code, qty, price)]
    invoice = 540000

    def money(p):
        return "%d.%02d" % (p // 100, p % 100)

    def stamp(t):
        return "%d/%d/%d %d:%02d" % (t.month, t.day, t.year, t.hour, t.minute)

    day = datetime.date(2011, 1, 3)
    while day <= datetime.date(2011, 4, 30):
        if day.weekday() != 5:
            for _ in range(rng.randint(3, 9)):
                invoice += 1
                guest = rng.random() < 0.15
                cust, country = ("", rng.choice(countries)) if guest else rng.choice(customers)
                t = datetime.datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 58))
                spans = rng.random() < 0.2
                for k in range(rng.randint(1, 4)):
                    code, title, price = rng.choice(catalogue)
                    qty = rng.choice([1, 2, 3, 4, 6, 12, 24])
                    tk = t + datetime.timedelta(minutes=1) if spans and k > 0 else t
                    rows.append("%d,%s,%s,%d,%s,%s,%s,%s" % (invoice, code, title, qty, stamp(tk), money(price), cust, country))
                    if cust:
                        bought.setdefault(cust, []).append((code, title, qty, price))
                if country != "United Kingdom" and rng.random() < 0.5:
                    rows.append("%d,POST,POSTAGE,%d,%s,18.00,%s,%s" % (invoice, rng.randint(1, 3), stamp(t), cust, country))
                if guest and rng.random() < 0.5:
                    rows.append("%d,DOT,DOTCOM POSTAGE,1,%s,%s,,%s" % (invoice, stamp(t), money(rng.randint(5000, 90000)), country))
                if rng.random() < 0.03:
                    rows.append("%d,C2,CARRIAGE,1,%s,50.00,%s,%s" % (invoice, stamp(t), cust, country))
                if rng.random() < 0.02:
                    rows.append("%d,M,Manual,1,%s,%s,%s,%s" % (invoice, stamp(t), money(rng.randint(100, 30000)), cust, country))
            if rng.random() < 0.08:  # a stock write-off: zero price, negative quantity, no customer
                invoice += 1
                code, _, _ = rng.choice(catalogue)
                rows.append("%d,%s,%s,-%d,%s,0.00,,United Kingdom" % (invoice, code, rng.choice(["damaged", "check", ""]),
                                                                       rng.randint(1, 40), stamp(datetime.datetime(day.year, day.month, day.day, 12, 0))))
            if rng.random() < 0.15 and bought:  # a cancellation of an earlier purchase
                cust = rng.choice(sorted(bought))
                code, title, qty, price = rng.choice(bought[cust])
                country = dict(customers)[cust]
                rows.append("C%d,%s,%s,-%d,%s,%s,%s,%s" % (invoice, code, title, rng.randint(1, qty),
                                                          stamp(datetime.datetime(day.year, day.month, day.day, 17, 0)), money(price), cust, country))
                invoice += 1
        day += datetime.timedelta(days=1)
    rows += [
        "%d,BANK CHARGES,Bank Charges,1,3/15/2011 10:05,15.00,12346,United Kingdom" % (invoice + 1),
        "C%d,AMAZONFEE,AMAZON FEE,-1,3/16/2011 11:00,5575.28,,United Kingdom" % (invoice + 2),
        "A%d,B,Adjust bad debt,1,4/12/2011 14:50,11062.06,,United Kingdom" % (invoice + 3),
        # cancellations that match no purchase: a customer who never bought, a SKU never bought
        "C%d,%s,GIFT ITEM 3,-2,4/20/2011 10:00,2.95,99999,France" % (invoice + 4, catalogue[3][0]),
        "C%d,NEVERSOLD,NEVER SOLD,-1,4/21/2011 10:00,4.95,12346,United Kingdom" % (invoice + 5),
    ]
    return crlf(rows)


write("online_retail_shaped.csv", online_retail_shaped().encode("utf-8"))

# Issue #10 item 8: every row's date must parse, and the rows of one invoice be of one day.
# 540001: a bad date on its second row (February 30th); 540002: "not-a-date" on its third row;
# 540003: rows a minute apart (fine, as in the real file); 540004: its second row a day later;
# 540005: an ordinary invoice.
online_retail_dates = crlf([
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
    "540001,21001,GIFT ITEM 1,2,2/28/2011 10:00,1.25,12346,United Kingdom",
    "540001,21002,GIFT ITEM 2,1,2/30/2011 10:00,2.10,12346,United Kingdom",
    "540002,21001,GIFT ITEM 1,3,3/1/2011 9:15,1.25,12359,France",
    "540002,21003,GIFT ITEM 3,1,3/1/2011 9:15,0.85,12359,France",
    "540002,21004,GIFT ITEM 4,6,not-a-date,2.95,12359,France",
    "540003,21001,GIFT ITEM 1,1,3/2/2011 11:59,1.25,,Germany",
    "540003,21005,GIFT ITEM 5,2,3/2/2011 12:00,4.95,,Germany",
    "540004,21002,GIFT ITEM 2,4,3/3/2011 16:00,2.10,12372,EIRE",
    "540004,21006,GIFT ITEM 6,1,3/4/2011 16:00,8.50,12372,EIRE",
    "540005,21006,GIFT ITEM 6,2,3/4/2011 10:30,8.50,12372,EIRE",
])
write("online_retail_dates.csv", online_retail_dates.encode("utf-8"))
