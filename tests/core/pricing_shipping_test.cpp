// Regional shipping templates (core/pricing/shipping.h) feeding unit economics' shipping per
// order; every figure by hand in the comments.
#include <doctest/doctest.h>

#include "core/pricing/economics.h"
#include "core/pricing/shipping.h"
#include "core/store/dataset.h"
#include "core/store/store.h"

using namespace shopkeeper;
using namespace shopkeeper::pricing;

namespace {

Order jd_order(const char* id, const char* at, const char* region) {
  Order o;
  o.id = id;
  o.placed_at = *parse_timestamp(at);
  o.status = OrderStatus::completed;
  o.channel = "jd";
  o.region = region;
  return o;
}

}  // namespace

TEST_SUITE("pricing") {
  TEST_CASE("shipping charge: first kg, then each further kg or part of one") {
    CHECK(shipping_charge(450, 200, 0) == 450);     // weight unknown: the first kg
    CHECK(shipping_charge(450, 200, 1000) == 450);  // exactly 1 kg
    CHECK(shipping_charge(450, 200, 1001) == 650);  // 1 g over: one more kg
    CHECK(shipping_charge(450, 200, 3000) == 850);  // 2 further kg
  }

  TEST_CASE("regional shipping templates price each order by channel, region and weight") {
    // BOX cost 10.00, list 30.00, 1,500 g, sold on jd (default schedule: 6% commission, no
    // payment fee, shipping 4.50 first kg + 2.00 per further kg, packaging 0.80).
    // Templates: every channel to 新疆 15.00 + 10.00/kg; jd to 广东 3.00 + 1.00/kg, and
    // another channel's 广东 template (tmall 99.00) that jd orders must not use.
    //   S1 广东省 (normalised 广东), 1 BOX = 1,500 g (1 further kg): jd/广东 3.00 + 1.00 = 4.00
    //   S2 新疆, 2 BOX = 3,000 g (2 further kg): every-channel 新疆 15.00 + 2 x 10.00 = 35.00
    //   S3 浙江 (no template), 1 BOX: the schedule 4.50 + 2.00 = 6.50
    //   S4 no region, 1 BOX: 6.50
    // Shipping 4.00 + 35.00 + 6.50 + 6.50 = 52.00 over 5 units = 10.40 a unit (2 orders by template).
    auto s = Store::open_memory();
    REQUIRE(s.ok());
    REQUIRE(s->write([](Writer& w) -> Status {
                 Product p;
                 p.sku = "BOX";
                 p.category = "tea";
                 p.unit_cost = 1000;
                 p.list_price = 3000;
                 p.weight_g = 1500;
                 if (auto r = w.put(p); !r) return r;
                 const char* regions[] = {"广东省", "新疆", "浙江", ""};
                 const char* ids[] = {"S1", "S2", "S3", "S4"};
                 for (int i = 0; i < 4; ++i) {
                   std::string at = "2025-03-0" + std::to_string(i + 3) + " 10:00:00";
                   if (auto r = w.add_order(jd_order(ids[i], at.c_str(), regions[i])); !r) return r.error();
                   if (auto r = w.put(OrderLine{ids[i], 1, "BOX", "", i == 1 ? 2 : 1, 3000, 0, 1000}); !r) return r;
                 }
                 for (const ShippingTemplate& t : {ShippingTemplate{"", "新疆维吾尔自治区", 1500, 1000}, ShippingTemplate{"jd", "广东", 300, 100},
                                                   ShippingTemplate{"tmall", "广东", 9900, 0}})
                   if (auto r = save_shipping_template(w, t); !r) return r;
                 return Ok{};
               }).ok());
    auto stored = load_shipping_templates(s->db());
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 3);
    CHECK((*stored)[0].region == "新疆");  // normalised on save; by channel then region
    CHECK(find_template(*stored, "jd", "广东")->first_kg == 300);
    CHECK(find_template(*stored, "douyin", "新疆")->first_kg == 1500);
    CHECK(find_template(*stored, "jd", "浙江") == nullptr);
    CHECK(find_template(*stored, "jd", "") == nullptr);

    auto ds = load_dataset(*s);
    REQUIRE(ds.ok());
    auto in = load_economics_inputs(s->db(), *ds);
    REQUIRE(in.ok());
    auto e = compute_economics(*ds, *in, {});
    REQUIRE(e.rows.size() == 1);
    const EconomicsRow& r = e.rows[0];
    CHECK(r.units == 5);
    CHECK(r.orders == 4);
    CHECK(r.template_orders == 2);
    CHECK(r.shipping == 1040);                  // 5,200 / 5
    CHECK(r.commission == 180);                 // 6% of 30.00
    CHECK(*r.contribution_per_unit == 700);     // 3000 - 1000 - 180 - 0 - 1040 - 80
    CHECK(*r.contribution_per_order == 875);    // 700 x 5 / 4

    // Bad templates are refused whole, naming the template.
    auto bad = s->write([](Writer& w) { return save_shipping_template(w, ShippingTemplate{"jd", "", 100, 0}); });
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("region is required") != std::string::npos);
    bad = s->write([](Writer& w) { return save_shipping_template(w, ShippingTemplate{"jd", "浙江", -1, 0}); });
    CHECK(bad.error().message.find("jd / 浙江") != std::string::npos);
    CHECK(load_shipping_templates(s->db())->size() == 3);
    // Removing the jd/广东 template sends S1 back to the schedule: 6.50 instead of 4.00.
    REQUIRE(s->write([](Writer& w) { return remove_shipping_template(w, "jd", "广东省"); }).ok());
    in = load_economics_inputs(s->db(), *ds);
    CHECK(compute_economics(*ds, *in, {}).rows[0].shipping == 1090);  // (6.50 + 35.00 + 6.50 + 6.50) / 5
  }
}
