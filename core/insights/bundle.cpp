#include "core/insights/bundle.h"

#include "core/promotions/validate.h"

namespace shopkeeper::insights {

promo::Promotion bundle_promotion(const std::vector<std::string>& skus, Money price, const std::string& name) {
  promo::Promotion p;
  p.id = "bundle-";
  for (size_t i = 0; i < skus.size(); ++i) p.id += (i ? "+" : "") + skus[i];
  p.name = name;
  p.kind = promo::Kind::bundle_price;
  p.layer = promo::default_layer(p.kind);
  p.params.price = price;
  for (const std::string& s : skus) p.params.bundle.push_back({s, 1});
  return p;
}

BundleGuard guard_bundle(const std::vector<std::string>& skus, Money price, const std::vector<promo::GuardProduct>& products,
                         const std::vector<promo::Promotion>& live, const promo::GuardOptions& opt) {
  BundleGuard out;
  promo::Promotion draft = bundle_promotion(skus, price, "");
  draft.name = draft.id;  // the seller names it when saving; validation only needs one
  out.issues = promo::validate({draft});
  std::vector<promo::Promotion> all = live;
  all.push_back(draft);
  const promo::Guard guard(products, all, opt);
  Money floor_total = 0;
  bool floor_known = true;
  for (const std::string& s : skus) {
    size_t i = 0;
    while (i < products.size() && products[i].sku != s) ++i;
    if (i == products.size()) {
      floor_known = false;
      continue;
    }
    auto f = guard.run(i, i + 1);
    for (auto& x : f) {
      if (x.violation || x.list_price_below_floor) out.below_floor = true;
      out.findings.push_back(std::move(x));
    }
    const auto fl = products[i].cost ? promo::floor_price(*products[i].cost, opt.fee_bp, opt.floor_bp) : std::nullopt;
    if (fl) floor_total += *fl;
    else floor_known = false;
  }
  if (floor_known) {
    out.floor_total = floor_total;
    out.price_below_floor = price < floor_total;
  }
  return out;
}

}  // namespace shopkeeper::insights
