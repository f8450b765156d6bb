#!/usr/bin/env python3
"""Writes the platform-report fixtures (issue #16) byte for byte: 生意参谋 shop daily, product,
traffic-source and keyword reports, and 抖店, 拼多多 order exports (the 京东 one is an .xlsx
built in tests/core/shops_test.cpp). The column lists follow docs/shops.md; the figures are
made up and worked out by hand in tests/core/shops_test.cpp.

The bytes are committed; this script documents how they were made and can rebuild them."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding="utf-8"):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode(encoding))


def crlf(lines):
    return "\r\n".join(lines) + "\r\n"


# Shop daily report as 生意参谋 downloads it: GBK, a title line above the header, rates as "3.00%".
write("sycm_shop_daily_gbk.csv", crlf([
    "统计时间,2025-03-01 ~ 2025-03-03",
    "统计日期,访客数,浏览量,支付金额,支付买家数,支付转化率,客单价,平均停留时长(秒),加购人数,商品访客数",
    "2025-03-01,1200,3600,5400.00,36,3.00%,150.00,45.5,80,900",
    "2025-03-02,1000,3100,4500.00,30,3.00%,150.00,40,70,760",
    "2025-03-03,1500,4200,7200.00,48,3.20%,150.00,50.25,95,1100",
]), "gbk")

# Product report: one row per day and product; 商家编码 empty on one row (商品ID is then not used:
# the preset takes the first of its names present, 商家编码).
write("sycm_product.csv", crlf([
    "统计日期,商品ID,商品名称,商家编码,商品访客数,商品浏览量,商品加购人数,商品加购件数,支付买家数,支付件数,支付金额,商品支付转化率",
    "2025-03-01,610001,明前龙井 250g,TEA-LJ,400,900,40,55,20,24,2160.00,5.00%",
    "2025-03-02,610001,明前龙井 250g,TEA-LJ,600,1300,50,60,30,33,2970.00,5.00%",
    "2025-03-01,610002,金骏眉 100g,TEA-JJM,500,800,10,12,5,5,640.00,1.00%",
]))

# Traffic-source report: per source and day.
write("sycm_source.csv", crlf([
    "统计日期,流量来源,访客数,浏览量,下单买家数,支付买家数,支付转化率",
    "2025-03-01,手淘搜索,700,2000,25,21,3.00%",
    "2025-03-01,直通车,300,800,12,9,3.00%",
    "2025-03-01,手淘推荐,200,800,8,6,3.00%",
]))

# 引流关键词, GBK like the shop report.
write("sycm_keyword_gbk.csv", crlf([
    "统计日期,引流关键词,访客数,浏览量,支付买家数,支付转化率",
    "2025-03-01,龙井,320,700,16,5.00%",
    "2025-03-01,明前龙井,150,300,9,6.00%",
    "2025-03-01,绿茶 新茶,80,120,1,1.25%",
]), "gbk")

# 抖店: one row per 子订单; order D1 has two lines.
write("douyin_orders.csv", crlf([
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,优惠总金额,订单提交时间,支付完成时间,订单状态,收件人,省,市",
    "D1,D1-1,明前龙井 250g,250g,2,3001,TEA-LJ,99.00,198.00,0.00,0.00,2025-03-01 10:00:00,2025-03-01 10:01:00,已完成,张三,浙江省,杭州市",
    "D1,D1-2,金骏眉 100g,100g,1,3002,TEA-JJM,128.00,128.00,0.00,0.00,2025-03-01 10:00:00,2025-03-01 10:01:00,已完成,张三,浙江省,杭州市",
    "D2,D2-1,明前龙井 250g,250g,1,3001,TEA-LJ,99.00,99.00,0.00,0.00,2025-03-02 09:00:00,,待支付,李四,江苏省,南京市",
]))

# 拼多多: one row per order, GBK, money headers with (元), a full-width （元） on one.
write("pinduoduo_orders_gbk.csv", crlf([
    "商品,订单号,订单状态,商品总价（元）,店铺优惠折扣(元),平台优惠折扣(元),邮费(元),用户实付金额(元),商家实收金额(元),商品数量(件),收货人,省,市,支付时间,订单成交时间,商品id,商品规格,商家编码-SKU维度,商家编码-商品维度",
    "明前龙井 250g,250301-001,已签收,198.00,10.00,5.00,0.00,183.00,188.00,2,王五,广东省,广州市,2025-03-01 11:00:00,2025-03-01 11:00:00,88001,250g,PDD-LJ,PDD-LJ",
    "金骏眉 100g,250301-002,已发货，待签收,128.00,0.00,0.00,6.00,134.00,134.00,1,赵六,四川省,成都市,2025-03-01 12:00:00,2025-03-01 12:00:00,88002,100g,PDD-JJM,PDD-JJM",
]), "gbk")

# A report from a platform no preset knows: traffic words, no known layout.
write("unknown_report.csv", crlf([
    "日期,店铺UV,店铺PV,跳失率",
    "2025-03-01,1000,3000,40%",
]))
