#include "core/io/presets.h"

#include <algorithm>

#include "core/base/text.h"
#include "core/io/csv.h"

namespace shopkeeper {

namespace {

using K = FieldKind;

// Synonyms are normalized header names (see normalize_header), best first.
const std::vector<FieldInfo> kOrders = {
    {"order_id", "order number; the rows of one order share it", K::id, true, "id",
     "orderid|ordernumber|orderno|ordernum|order|invoiceno|invoice|invoicenumber|id|订单号|订单编号|订单id|主订单编号|订单编码"},
    {"customer_id", "customer or buyer id; empty = guest order", K::id, false, "customer_id",
     "customerid|customer|buyerid|buyer|userid|memberid|customerno|客户id|客户编号|买家id|买家会员名|会员id|会员名|买家昵称|用户id"},
    {"customer_name", "customer's name", K::text, false, "", "customername|buyername|billingname|客户名称|客户姓名|收货人姓名|收货人|买家姓名"},
    {"email", "e-mail (identifies the customer when there is no id)", K::text, false, "",
     "email|customeremail|billingemail|emailbilling|邮箱|电子邮箱"},
    {"region", "country, province or region of the customer", K::text, false, "",
     "country|region|province|state|shippingcountry|billingcountry|地区|省份|国家|收货地址|省"},
    {"placed_at", "when the order was placed", K::time, true, "placed_at",
     "placedat|orderdate|date|createdat|ordertime|orderdatetime|invoicedate|created|下单时间|订单创建时间|创建时间|订单日期|日期|成交时间"},
    {"paid_at", "when it was paid", K::time, false, "paid_at", "paidat|paymentdate|paiddate|paytime|datepaid|付款时间|支付时间|订单付款时间"},
    {"cancelled_at", "when it was cancelled (non-empty = cancelled)", K::time, false, "", "cancelledat|canceledat|取消时间"},
    {"status", "order status (paid, completed, cancelled, 交易成功 ...)", K::status, false, "status",
     "status|orderstatus|financialstatus|订单状态|状态|交易状态"},
    {"fulfillment_status", "shipping status (fulfilled, shipped ...)", K::text, false, "", "fulfillmentstatus|发货状态|物流状态"},
    {"channel", "sales channel or platform", K::text, false, "channel", "channel|saleschannel|platform|渠道|平台|销售渠道"},
    {"traffic_source", "where the buyer came from", K::text, false, "traffic_source",
     "trafficsource|source|referrer|utmsource|流量来源|来源"},
    {"items_amount", "goods amount before discounts (default: sum of the lines)", K::money, false, "items_amount",
     "itemsamount|goodsamount|merchandisetotal|商品金额|商品总价|商品总额|货款|买家应付货款"},
    {"discount_amount", "all discounts on the order", K::money, false, "discount_amount",
     "discountamount|discount|discounttotal|totaldiscount|优惠|优惠金额|折扣|折扣金额|优惠总额"},
    {"shipping_amount", "shipping charged", K::money, false, "shipping_amount",
     "shippingamount|shipping|shippingtotal|shippingcost|freight|运费|邮费|买家应付邮费"},
    {"paid_amount", "what the buyer paid (default: items - discount + shipping)", K::money, false, "paid_amount",
     "paidamount|total|ordertotal|totalamount|amountpaid|grandtotal|实付金额|实付款|实际支付金额|买家实际支付金额|订单金额|支付金额|实收金额|amount|金额"},
    {"coupon_code", "coupon or discount code", K::text, false, "coupon_code", "couponcode|coupon|discountcode|coupons|优惠券|优惠码|优惠券码"},
    {"campaign_id", "campaign", K::text, false, "campaign_id", "campaignid|campaign|活动|活动id"},
    {"refunded_amount", "amount refunded on the order (becomes a refund)", K::money, false, "",
     "refundedamount|refund|refundamount|refundedtotal|退款金额|退款"},
    {"sku", "product SKU of the line", K::id, false, "sku",
     "sku|stockcode|itemsku|productsku|productcode|itemcode|商家编码|货号|商品编码|sku编码|款号|商品编号"},
    {"title", "product title of the line", K::text, false, "title",
     "title|description|productname|itemname|product|商品名称|宝贝标题|商品标题|标题|品名|商品"},
    {"qty", "quantity of the line", K::count, false, "qty", "qty|quantity|itemquantity|units|数量|购买数量|宝贝总数量|商品数量|件数"},
    {"unit_price", "unit price of the line", K::money, false, "unit_price", "unitprice|price|itemprice|itemcost|单价|价格|商品单价|售价"},
    {"line_total", "line amount before discounts (when there is no unit price)", K::money, false, "",
     "linetotal|linesubtotal|itemsubtotal|lineamount|小计|商品小计"},
    {"line_discount", "discount on the line", K::money, false, "discount_amount", "linediscount|itemdiscount|lineitemdiscount|单品优惠"},
    {"unit_cost", "unit cost of the line", K::money, false, "unit_cost", "unitcost|cost|costprice|成本|成本价|进价"},
    {"line_items_packed", "WooCommerce one-row-per-order line_items column", K::text, false, "", "lineitems"},
};

const std::vector<FieldInfo> kOrderLines = {
    {"order_id", "order the line belongs to (must exist)", K::id, true, "order_id", "orderid|order|ordernumber|订单号|订单编号"},
    {"line_no", "line number within the order", K::count, true, "line_no", "lineno|line|linenumber|行号|序号"},
    {"sku", "product SKU", K::id, false, "sku", "sku|stockcode|productcode|商家编码|货号|商品编码"},
    {"title", "product title", K::text, false, "title", "title|description|productname|itemname|商品名称|宝贝标题|标题"},
    {"qty", "quantity", K::count, true, "qty", "qty|quantity|数量|购买数量"},
    {"unit_price", "unit price", K::money, true, "unit_price", "unitprice|price|单价|价格"},
    {"discount_amount", "discount on the line", K::money, false, "discount_amount", "discountamount|discount|linediscount|优惠"},
    {"unit_cost", "unit cost", K::money, false, "unit_cost", "unitcost|cost|成本|成本价"},
};

const std::vector<FieldInfo> kRefunds = {
    {"order_id", "refunded order (must exist)", K::id, true, "order_id", "orderid|order|ordernumber|订单号|订单编号"},
    {"sku", "refunded SKU (empty = whole order)", K::id, false, "sku", "sku|商家编码|货号"},
    {"qty", "refunded quantity", K::count, false, "qty", "qty|quantity|数量|退货数量"},
    {"amount", "amount refunded", K::money, true, "amount", "amount|refundamount|refundedamount|退款金额|金额"},
    {"reason", "reason", K::text, false, "reason", "reason|退款原因|原因"},
    {"refunded_at", "when it was refunded", K::time, true, "refunded_at", "refundedat|refunddate|date|退款时间|时间"},
};

const std::vector<FieldInfo> kProducts = {
    {"sku", "product SKU", K::id, true, "sku", "sku|stockcode|productcode|itemcode|商家编码|货号|商品编码|sku编码|款号|商品编号"},
    {"title", "title", K::text, false, "title", "title|name|productname|description|商品名称|商品标题|宝贝标题|标题|品名|名称"},
    {"category", "category", K::text, false, "category", "category|productcategory|type|producttype|类目|分类|商品类目|品类"},
    {"brand", "brand", K::text, false, "brand", "brand|vendor|品牌"},
    {"tags", "tags (comma-separated)", K::text, false, "tags", "tags|标签"},
    {"unit_cost", "unit cost (empty = unknown)", K::money, false, "unit_cost", "unitcost|cost|costprice|成本|成本价|进价|采购价"},
    {"list_price", "list price", K::money, false, "list_price", "listprice|price|retailprice|saleprice|售价|价格|一口价|吊牌价|零售价"},
    {"stock", "units in stock", K::count, false, "stock", "stock|inventory|inventoryquantity|qty|quantity|库存|库存数量|可售库存"},
    {"launched_on", "launch date", K::day, false, "launched_on", "launchedon|launchdate|createdat|上架时间|上市时间|发布时间"},
    {"status", "active, paused or retired", K::text, false, "status", "status|状态"},
    {"weight_g", "weight in grams", K::count, false, "weight_g", "weightg|weight|重量|重量g"},
    {"supplier_id", "supplier number (0 = none)", K::count, false, "supplier_id", "supplierid|supplier|供应商id|供应商编号"},
    {"role", "role: traffic, profit, image or clearance", K::text, false, "role", "role|商品角色|角色"},
};

const std::vector<FieldInfo> kCustomers = {
    {"customer_id", "customer id", K::id, true, "id",
     "customerid|id|customer|userid|memberid|buyerid|客户id|客户编号|会员id|买家会员名|会员名"},
    {"name", "name", K::text, false, "name", "name|customername|fullname|姓名|客户名称|客户姓名"},
    {"joined_on", "date joined", K::day, false, "joined_on", "joinedon|joindate|signupdate|createdat|registered|注册时间|入会时间|注册日期"},
    {"channel", "channel", K::text, false, "channel", "channel|source|渠道|来源"},
    {"region", "region", K::text, false, "region", "region|country|province|city|地区|省份|城市|国家"},
    {"tier", "member tier", K::text, false, "tier", "tier|level|memberlevel|会员等级|等级"},
    {"points_balance", "points balance", K::count, false, "points_balance", "pointsbalance|points|积分|积分余额"},
    {"birthday", "birthday", K::day, false, "birthday", "birthday|dateofbirth|生日"},
    {"tags", "tags", K::text, false, "tags", "tags|标签"},
};

const std::vector<FieldInfo> kTraffic = {
    {"day", "day", K::day, true, "day", "day|date|日期|统计日期"},
    {"source", "traffic source (default \"all\")", K::text, false, "source", "source|channel|trafficsource|来源|流量来源|渠道"},
    {"visitors", "visitors", K::count, false, "visitors", "visitors|uv|users|访客数|访客|uv数"},
    {"page_views", "page views", K::count, false, "page_views", "pageviews|pv|views|浏览量|pv数"},
    {"sessions", "sessions", K::count, false, "sessions", "sessions|visits|会话数|访问次数"},
    {"product_views", "product page views", K::count, false, "product_views", "productviews|商品浏览量|商品访客数"},
    {"add_to_carts", "add-to-carts", K::count, false, "add_to_carts", "addtocarts|addtocart|carts|加购人数|加购件数|加购数"},
    {"avg_seconds", "average seconds on site", K::real, false, "avg_seconds", "avgseconds|avgsessionduration|avgtime|平均停留时长|人均停留时长"},
    {"buyers", "paying buyers (the report's own count)", K::count, false, "buyers", "buyers|payingbuyers|支付买家数|成交买家数"},
};

// Per-product traffic (生意参谋 商品 report): one row per day and product code. `sku` is the code
// the report gives (商家编码, else the platform's 商品ID); a shop's code map (core/shops) ties it to
// a product. Conversion is buyers / visitors; `conversion` keeps the report's own figure.
const std::vector<FieldInfo> kProductTraffic = {
    {"day", "day", K::day, true, "day", "day|date|日期|统计日期"},
    {"sku", "product code (SKU or the platform's item id)", K::id, true, "sku",
     "sku|productcode|itemid|productid|商家编码|货号|商品id|商品编码|宝贝id"},
    {"title", "product title", K::text, false, "title", "title|productname|商品名称|商品标题|宝贝标题"},
    {"visitors", "product visitors", K::count, false, "visitors", "visitors|uv|商品访客数|访客数"},
    {"page_views", "product page views", K::count, false, "page_views", "pageviews|pv|商品浏览量|浏览量"},
    {"add_to_cart_buyers", "buyers who added it to the cart", K::count, false, "add_to_cart_buyers", "addtocartbuyers|商品加购人数|加购人数"},
    {"add_to_cart_units", "units added to carts", K::count, false, "add_to_cart_units", "addtocartunits|商品加购件数|加购件数"},
    {"buyers", "paying buyers", K::count, false, "buyers", "buyers|payingbuyers|支付买家数"},
    {"units", "units paid", K::count, false, "units", "units|unitspaid|支付件数"},
    {"paid_amount", "amount paid", K::money, false, "paid_amount", "paidamount|sales|支付金额"},
    {"conversion", "the report's conversion (fraction or percent)", K::real, false, "conversion",
     "conversion|conversionrate|商品支付转化率|支付转化率"},
};

// Search keywords that brought visitors (生意参谋 引流关键词): one row per day and keyword.
const std::vector<FieldInfo> kKeywordTraffic = {
    {"day", "day", K::day, true, "day", "day|date|日期|统计日期"},
    {"keyword", "search keyword", K::id, true, "keyword", "keyword|searchterm|关键词|引流关键词|搜索词|来源关键词"},
    {"visitors", "visitors it brought", K::count, false, "visitors", "visitors|uv|访客数"},
    {"page_views", "page views", K::count, false, "page_views", "pageviews|pv|浏览量"},
    {"buyers", "paying buyers", K::count, false, "buyers", "buyers|payingbuyers|支付买家数|引导支付买家数"},
    {"conversion", "the report's conversion (fraction or percent)", K::real, false, "conversion",
     "conversion|conversionrate|支付转化率|引导支付转化率|转化率"},
};

const std::vector<FieldInfo> kAdSpend = {
    {"day", "day", K::day, true, "day", "day|date|日期|统计日期"},
    {"channel", "ad channel (default \"all\")", K::text, false, "channel", "channel|platform|source|campaign|渠道|平台|推广渠道"},
    {"spend", "spend", K::money, false, "spend", "spend|cost|amount|花费|消耗|推广花费|费用"},
    {"impressions", "impressions", K::count, false, "impressions", "impressions|展现量|曝光量|展现"},
    {"clicks", "clicks", K::count, false, "clicks", "clicks|点击量|点击数|点击"},
};

// Competitor price log (core/pricing/competitors.h): one observation of a competitor's offer.
// The matched SKU is the key with competitor and day; SKUs not in products are kept (listed for
// matching by `pricing suggest`), a row without one is rejected with its line.
const std::vector<FieldInfo> kCompetitorPrices = {
    {"day", "day observed", K::day, true, "day", "day|date|observedon|日期|采集日期|监控日期"},
    {"competitor", "competitor (shop or brand)", K::id, true, "competitor", "competitor|shop|store|seller|竞品店铺|竞争对手|店铺|店铺名称"},
    {"product", "their product name or link text", K::text, false, "product",
     "product|productname|theirproduct|title|item|竞品名称|竞品标题|商品名称|宝贝标题"},
    {"sku", "our matched SKU", K::id, true, "sku", "sku|matchedsku|oursku|商家编码|货号|对应sku|我方sku"},
    {"price", "their price", K::money, true, "price", "price|theirprice|competitorprice|价格|竞品价格|售价|到手价"},
    {"shipping", "their shipping charge", K::money, false, "shipping", "shipping|shippingcost|delivery|运费|邮费"},
    {"in_stock", "in stock: 1 = yes, 0 = no (default 1)", K::count, false, "in_stock", "instock|stock|available|有货|库存状态"},
    {"promotion", "their promotion text", K::text, false, "promotion", "promotion|promo|offer|促销|活动|优惠"},
    {"url", "link", K::text, false, "url", "url|link|链接|商品链接"},
};

struct PresetAliases {
  PresetId id;
  std::vector<std::pair<std::string_view, std::string_view>> fields;  // field, normalized names
  std::vector<std::string_view> signature;                             // each: alternatives with '|'
};

const std::vector<PresetAliases>& preset_aliases() {
  static const std::vector<PresetAliases> a = {
      {PresetId::taobao,
       {{"order_id", "订单编号"}, {"customer_id", "买家会员名"}, {"customer_name", "收货人姓名"}, {"region", "收货地址"},
        {"placed_at", "订单创建时间"}, {"paid_at", "订单付款时间"}, {"status", "订单状态"}, {"items_amount", "买家应付货款"},
        {"shipping_amount", "买家应付邮费"}, {"paid_amount", "买家实际支付金额"}, {"title", "宝贝标题"}, {"qty", "宝贝总数量"},
        {"sku", "商家编码"}, {"refunded_amount", "退款金额"}},
       {"订单编号", "订单创建时间", "订单状态"}},
      {PresetId::shopify,
       {{"order_id", "name"}, {"email", "email"}, {"status", "financialstatus"}, {"paid_at", "paidat"},
        {"fulfillment_status", "fulfillmentstatus"}, {"shipping_amount", "shipping"}, {"paid_amount", "total"},
        {"coupon_code", "discountcode"}, {"discount_amount", "discountamount"}, {"placed_at", "createdat"},
        {"qty", "lineitemquantity"}, {"title", "lineitemname"}, {"unit_price", "lineitemprice"}, {"sku", "lineitemsku"},
        {"line_discount", "lineitemdiscount"}, {"customer_name", "billingname"}, {"region", "shippingcountry|billingcountry"},
        {"cancelled_at", "cancelledat"}, {"refunded_amount", "refundedamount"}},
       {"name", "financialstatus", "lineitemname"}},
      {PresetId::online_retail,
       {{"order_id", "invoiceno|invoice"}, {"sku", "stockcode"}, {"title", "description"}, {"qty", "quantity"},
        {"placed_at", "invoicedate"}, {"unit_price", "unitprice|price"}, {"customer_id", "customerid"}, {"region", "country"}},
       {"invoiceno|invoice", "stockcode", "invoicedate"}},
      {PresetId::woocommerce,
       {{"order_id", "ordernumber|orderid"}, {"placed_at", "orderdate"}, {"paid_at", "paiddate|datepaid|orderpaiddate"},
        {"status", "status|orderstatus"}, {"shipping_amount", "shippingtotal|ordershippingamount"},
        {"discount_amount", "discounttotal|cartdiscountamount|cartdiscount"}, {"paid_amount", "ordertotal|ordertotalamount"},
        {"refunded_amount", "refundedtotal|orderrefundamount"}, {"customer_id", "customerid|customeruserid|userid"},
        {"email", "billingemail|emailbilling"}, {"region", "billingcountry|countrycodebilling"},
        {"coupon_code", "couponcode"}, {"sku", "itemsku|sku"}, {"title", "itemname"},
        {"qty", "itemquantity|quantity|quantityrefund"}, {"unit_price", "itemcost|itemprice"}, {"line_total", "itemsubtotal"},
        {"line_items_packed", "lineitems"}},
       {"ordernumber|orderid", "orderdate", "ordertotal|ordertotalamount"}},
      // 抖店 order export: one row per 子订单 (a line); 主订单编号 groups them into an order.
      {PresetId::douyin,
       {{"order_id", "主订单编号"}, {"title", "选购商品"}, {"sku", "商家编码"}, {"qty", "商品数量"},
        {"unit_price", "商品单价"}, {"placed_at", "订单提交时间|下单时间"}, {"paid_at", "支付完成时间|支付时间"},
        {"status", "订单状态"}, {"shipping_amount", "运费"}, {"region", "省|收件人省"}, {"customer_name", "收件人"}},
       {"主订单编号", "子订单编号", "选购商品"}},
      // 拼多多 order export: one row per order (one product each). 店铺优惠折扣 is the seller's own
      // discount; 平台优惠折扣 is paid by the platform, so it is not the seller's (docs/shops.md).
      {PresetId::pinduoduo,
       {{"order_id", "订单号"}, {"title", "商品"}, {"status", "订单状态"}, {"line_total", "商品总价元"},
        {"discount_amount", "店铺优惠折扣元"}, {"shipping_amount", "邮费元"}, {"qty", "商品数量件"},
        {"placed_at", "订单成交时间|支付时间"}, {"paid_at", "支付时间"}, {"sku", "商家编码sku维度|商家编码商品维度|商品id"},
        {"region", "省"}, {"customer_name", "收货人"}},
       {"订单号", "商品总价元", "用户实付金额元"}},
      // 京东 order export: one row per item; 订单号 groups them.
      {PresetId::jd,
       {{"order_id", "订单号"}, {"sku", "商家sku|商品货号|商品id"}, {"title", "商品名称"}, {"qty", "订购数量"},
        {"unit_price", "京东价"}, {"placed_at", "下单时间"}, {"paid_at", "付款确认时间"}, {"status", "订单状态"},
        {"customer_id", "下单帐号|下单账号"}, {"customer_name", "客户姓名"}, {"region", "客户地址"},
        {"shipping_amount", "运费金额"}},
       {"订单号", "京东价", "订购数量"}},
      // 生意参谋 reports, most specific first (the shop report's columns appear in the others).
      {PresetId::sycm_keyword,
       {{"day", "统计日期|日期"}, {"keyword", "引流关键词|关键词|搜索词|来源关键词"}, {"visitors", "访客数"},
        {"page_views", "浏览量"}, {"buyers", "支付买家数|引导支付买家数"}, {"conversion", "支付转化率|引导支付转化率"}},
       {"引流关键词|关键词|搜索词|来源关键词", "访客数"}},
      {PresetId::sycm_source,
       {{"day", "统计日期|日期"}, {"source", "来源明细|流量来源|来源名称"}, {"visitors", "访客数"},
        {"page_views", "浏览量"}, {"add_to_carts", "加购人数"}, {"buyers", "支付买家数"}},
       {"流量来源|来源名称", "访客数"}},
      {PresetId::sycm_product,
       {{"day", "统计日期|日期"}, {"sku", "商家编码|货号|商品id"}, {"title", "商品名称|商品标题"},
        {"visitors", "商品访客数"}, {"page_views", "商品浏览量"}, {"add_to_cart_buyers", "商品加购人数"},
        {"add_to_cart_units", "商品加购件数"}, {"buyers", "支付买家数"}, {"units", "支付件数"},
        {"paid_amount", "支付金额"}, {"conversion", "商品支付转化率|支付转化率"}},
       {"商品访客数", "商家编码|货号|商品id"}},
      {PresetId::sycm_shop,
       {{"day", "统计日期|日期"}, {"visitors", "访客数"}, {"page_views", "浏览量"}, {"product_views", "商品访客数"},
        {"add_to_carts", "加购人数"}, {"avg_seconds", "平均停留时长秒|平均停留时长"}, {"buyers", "支付买家数"}},
       {"访客数", "浏览量", "支付买家数"}},
  };
  return a;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// Index of the first header (normalized) equal to one of `alts`, trying alternatives in order.
int find_header(const std::vector<std::string>& norm, std::string_view alts, const std::vector<bool>* used = nullptr) {
  for (std::string_view a : split(alts, '|')) {
    for (size_t i = 0; i < norm.size(); ++i)
      if (norm[i] == a && !(used && (*used)[i])) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> normalized(const std::vector<std::string>& headers) {
  std::vector<std::string> n;
  n.reserve(headers.size());
  for (const auto& h : headers) n.push_back(normalize_header(h));
  return n;
}

}  // namespace

const char* target_name(Target t) {
  switch (t) {
    case Target::orders: return "orders";
    case Target::order_lines: return "order_lines";
    case Target::refunds: return "refunds";
    case Target::products: return "products";
    case Target::customers: return "customers";
    case Target::traffic: return "traffic";
    case Target::ad_spend: return "ad_spend";
    case Target::competitor_prices: return "competitor_prices";
    case Target::product_traffic: return "product_traffic";
    case Target::keyword_traffic: return "keyword_traffic";
  }
  return "orders";
}

std::optional<Target> target_from_name(std::string_view n) {
  for (Target t : {Target::orders, Target::order_lines, Target::refunds, Target::products, Target::customers,
                   Target::traffic, Target::ad_spend, Target::competitor_prices, Target::product_traffic,
                   Target::keyword_traffic})
    if (n == target_name(t)) return t;
  if (n == "lines") return Target::order_lines;
  if (n == "traffic_daily") return Target::traffic;
  if (n == "keywords") return Target::keyword_traffic;
  return std::nullopt;
}

const std::vector<FieldInfo>& target_fields(Target t) {
  switch (t) {
    case Target::orders: return kOrders;
    case Target::order_lines: return kOrderLines;
    case Target::refunds: return kRefunds;
    case Target::products: return kProducts;
    case Target::customers: return kCustomers;
    case Target::traffic: return kTraffic;
    case Target::ad_spend: return kAdSpend;
    case Target::competitor_prices: return kCompetitorPrices;
    case Target::product_traffic: return kProductTraffic;
    case Target::keyword_traffic: return kKeywordTraffic;
  }
  return kOrders;
}

int field_index(Target t, std::string_view name) {
  const auto& f = target_fields(t);
  for (size_t i = 0; i < f.size(); ++i)
    if (f[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string normalize_header(std::string_view h) {
  h = unwrap_cell(h);
  if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
  std::string out;
  out.reserve(h.size());
  for (size_t i = 0; i < h.size(); ++i) {
    char c = ascii_lower(h[i]);
    if (std::string_view(" _-.#()/:*'\"[]").find(c) != std::string_view::npos) continue;
    // Full-width parentheses and colon: （ ） ：
    if (h.substr(i, 3) == "（" || h.substr(i, 3) == "）" || h.substr(i, 3) == "：") {
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

Result<Mapping> parse_mapping_spec(std::string_view spec, Target t) {
  Mapping m;
  for (std::string_view part : split(spec, ',')) {
    part = trim(part);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      return make_error(ErrorCode::invalid_argument, "mapping \"" + std::string(part) + "\" is not field=header");
    std::string field(trim(part.substr(0, eq)));
    std::string header(trim(part.substr(eq + 1)));
    if (field_index(t, field) < 0) {
      std::string names;
      for (const auto& f : target_fields(t)) names += (names.empty() ? "" : ", ") + std::string(f.name);
      return make_error(ErrorCode::invalid_argument, "unknown field \"" + field + "\" for target " + target_name(t) +
                                                         " (fields: " + names + ")");
    }
    m.emplace_back(std::move(field), std::move(header));
  }
  return m;
}

Mapping suggest_mapping(Target t, const std::vector<std::string>& headers) {
  std::vector<std::string> norm = normalized(headers);
  std::vector<bool> used(headers.size(), false);
  Mapping m;
  const auto& fields = target_fields(t);
  // Pass 1: a header spelled like the field itself; pass 2: synonyms in field order.
  std::vector<bool> done(fields.size(), false);
  for (size_t f = 0; f < fields.size(); ++f) {
    int i = find_header(norm, normalize_header(fields[f].name), &used);
    if (i >= 0) used[static_cast<size_t>(i)] = true, done[f] = true, m.emplace_back(fields[f].name, headers[static_cast<size_t>(i)]);
  }
  for (size_t f = 0; f < fields.size(); ++f) {
    if (done[f]) continue;
    int i = find_header(norm, fields[f].synonyms, &used);
    if (i >= 0) used[static_cast<size_t>(i)] = true, m.emplace_back(fields[f].name, headers[static_cast<size_t>(i)]);
  }
  return m;
}

const std::vector<PresetInfo>& presets() {
  static const std::vector<PresetInfo> p = {
      {PresetId::online_retail, "online-retail", "UCI Online Retail (InvoiceNo, StockCode, ..., Country)", "web"},
      {PresetId::shopify, "shopify-orders", "Shopify orders export (one row per line item)", "shopify"},
      {PresetId::woocommerce, "woocommerce-orders", "WooCommerce order CSV export", "woocommerce"},
      {PresetId::taobao, "taobao-orders", "淘宝/天猫 卖家中心 订单报表 (usually GBK)", "taobao"},
      {PresetId::douyin, "douyin-orders", "抖店 order export (one row per 子订单)", "douyin"},
      {PresetId::pinduoduo, "pinduoduo-orders", "拼多多 order export (one row per order)", "pinduoduo"},
      {PresetId::jd, "jd-orders", "京东 order export (one row per item)", "jd"},
      {PresetId::sycm_shop, "sycm-shop", "生意参谋 shop daily report -> traffic", "", Target::traffic},
      {PresetId::sycm_product, "sycm-product", "生意参谋 product report -> product_traffic", "", Target::product_traffic},
      {PresetId::sycm_source, "sycm-source", "生意参谋 traffic-source report -> traffic", "", Target::traffic},
      {PresetId::sycm_keyword, "sycm-keyword", "生意参谋 引流关键词 report -> keyword_traffic", "", Target::keyword_traffic},
      {PresetId::generic, "generic", "any CSV with a column mapping", ""},
  };
  return p;
}

std::optional<PresetId> preset_from_name(std::string_view name) {
  for (const auto& p : presets())
    if (p.name == name) return p.id;
  if (name == "shopify") return PresetId::shopify;
  if (name == "woocommerce") return PresetId::woocommerce;
  if (name == "taobao" || name == "tmall") return PresetId::taobao;
  if (name == "douyin") return PresetId::douyin;
  if (name == "pinduoduo" || name == "pdd") return PresetId::pinduoduo;
  if (name == "jd") return PresetId::jd;
  return std::nullopt;
}

const PresetInfo& preset_info(PresetId id) {
  for (const auto& p : presets())
    if (p.id == id) return p;
  return presets().back();
}

PresetId detect_preset(const std::vector<std::string>& headers) {
  std::vector<std::string> norm = normalized(headers);
  for (const auto& p : preset_aliases()) {
    bool all = std::all_of(p.signature.begin(), p.signature.end(),
                           [&](std::string_view alts) { return find_header(norm, alts) >= 0; });
    if (all) return p.id;
  }
  return PresetId::generic;
}

bool looks_like_report(const std::vector<std::string>& headers) {
  static const std::string_view kWords[] = {"访客数", "浏览量", "访客", "曝光量", "展现量", "点击人数", "跳失率",
                                            "visitors", "uv", "pv", "pageviews", "sessions", "impressions"};
  for (const std::string& n : normalized(headers))
    for (std::string_view w : kWords)
      if (n == w || (w.size() > 3 && n.find(w) != std::string::npos)) return true;
  return false;
}

Mapping preset_mapping(PresetId id, const std::vector<std::string>& headers) {
  Mapping m;
  std::vector<std::string> norm = normalized(headers);
  for (const auto& p : preset_aliases()) {
    if (p.id != id) continue;
    for (const auto& [field, alts] : p.fields) {
      int i = find_header(norm, alts);
      if (i >= 0) m.emplace_back(std::string(field), headers[static_cast<size_t>(i)]);
    }
  }
  return m;
}

std::optional<OrderStatus> map_status_word(std::string_view word) {
  std::string w = ascii_lower(trim(word));
  if (w.substr(0, 3) == "wc-") w.erase(0, 3);
  for (char& c : w)
    if (c == ' ' || c == '-') c = '_';
  struct Entry {
    const char* word;
    OrderStatus status;
  };
  static const Entry kExact[] = {
      {"pending", OrderStatus::pending}, {"unpaid", OrderStatus::pending}, {"awaiting_payment", OrderStatus::pending},
      {"on_hold", OrderStatus::pending}, {"authorized", OrderStatus::pending}, {"partially_paid", OrderStatus::pending},
      {"wait_buyer_pay", OrderStatus::pending}, {"paid", OrderStatus::paid}, {"processing", OrderStatus::paid},
      {"partially_refunded", OrderStatus::paid}, {"wait_seller_send_goods", OrderStatus::paid},
      {"shipped", OrderStatus::shipped}, {"in_transit", OrderStatus::shipped},
      {"wait_buyer_confirm_goods", OrderStatus::shipped}, {"completed", OrderStatus::completed},
      {"complete", OrderStatus::completed}, {"fulfilled", OrderStatus::completed}, {"delivered", OrderStatus::completed},
      {"trade_finished", OrderStatus::completed}, {"success", OrderStatus::completed},
      {"cancelled", OrderStatus::cancelled}, {"canceled", OrderStatus::cancelled}, {"voided", OrderStatus::cancelled},
      {"failed", OrderStatus::cancelled}, {"closed", OrderStatus::cancelled}, {"trade_closed", OrderStatus::cancelled},
      {"trade_closed_by_taobao", OrderStatus::cancelled}, {"refunded", OrderStatus::refunded},
  };
  for (const auto& e : kExact)
    if (w == e.word) return e.status;
  // Chinese statuses are matched by the phrase they contain; order matters (交易成功 first).
  static const Entry kContains[] = {
      {"交易成功", OrderStatus::completed}, {"已完成", OrderStatus::completed}, {"已签收", OrderStatus::completed},
      {"确认收货", OrderStatus::shipped},   {"已发货", OrderStatus::shipped},   {"等待买家确认", OrderStatus::shipped},
      {"等待卖家发货", OrderStatus::paid},  {"已付款", OrderStatus::paid},    {"待发货", OrderStatus::paid},
      {"等待买家付款", OrderStatus::pending}, {"待付款", OrderStatus::pending}, {"未付款", OrderStatus::pending},
      {"退款成功", OrderStatus::refunded}, {"已退款", OrderStatus::refunded},  {"交易关闭", OrderStatus::cancelled},
      {"已取消", OrderStatus::cancelled},  {"已关闭", OrderStatus::cancelled},
      // 拼多多, 抖店 and 京东 words (docs/shops.md).
      {"待签收", OrderStatus::shipped},    {"等待确认收货", OrderStatus::shipped}, {"等待出库", OrderStatus::paid},
      {"待支付", OrderStatus::pending},    {"取消", OrderStatus::cancelled},     {"完成", OrderStatus::completed},
  };
  for (const auto& e : kContains)
    if (w.find(e.word) != std::string::npos) return e.status;
  return std::nullopt;
}

}  // namespace shopkeeper
