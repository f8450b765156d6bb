// Insights clusters: the stepwise job (ClusterJob, for the UI's slices), the sampled fit of large
// stores refined over every customer, and a cluster saved as a Members segment
// (core/insights/clusters.h, core/insights/segment.h).
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "core/demo/generator.h"
#include "core/insights/clusters.h"
#include "core/insights/segment.h"
#include "core/members/rfm.h"
#include "core/members/tags.h"
#include "core/store/store.h"

using namespace shopkeeper;
using namespace shopkeeper::insights;

namespace {

Store demo_store() {
  auto s = Store::open_memory();
  REQUIRE(s.ok());
  DemoOptions opt;
  opt.seed = 5;
  opt.order_lines = 6000;
  opt.products = 60;
  opt.end_day = *parse_day("2025-06-30");
  REQUIRE(generate_demo(*s, opt).ok());
  return std::move(*s);
}

// Sum of squared distances of every row to the mean of its cluster, recomputed from the labels.
double inertia_of(const ClusterResult& r) {
  const size_t d = r.features.cols(), n = r.features.rows();
  std::vector<double> mean(static_cast<size_t>(r.k) * d, 0);
  std::vector<double> cnt(static_cast<size_t>(r.k), 0);
  for (size_t i = 0; i < n; ++i) {
    cnt[static_cast<size_t>(r.label[i])] += 1;
    for (size_t j = 0; j < d; ++j) mean[static_cast<size_t>(r.label[i]) * d + j] += r.features.z[i * d + j];
  }
  for (size_t c = 0; c < cnt.size(); ++c)
    for (size_t j = 0; j < d; ++j) mean[c * d + j] /= cnt[c];
  double s = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) {
      const double t = r.features.z[i * d + j] - mean[static_cast<size_t>(r.label[i]) * d + j];
      s += t * t;
    }
  return s;
}

}  // namespace

TEST_SUITE("insights") {
  TEST_CASE("cluster job: steps give cluster_customers' result; large stores fit a sample, then all") {
    Store s = demo_store();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    ClusterQuery q;  // k by silhouette, every customer in one fit (fewer than 20,000)
    ClusterJob job(*ds, q);
    int steps = 0;
    double last = -1;
    while (!job.done()) {
      const double p = job.progress();
      CHECK(p >= last);  // never goes back
      CHECK(p <= 1);
      last = p;
      job.step();
      ++steps;
    }
    CHECK(job.progress() == 1);
    CHECK(steps >= 9);  // features, k = 2..8, the restarts, the description
    auto a = job.take();
    auto b = cluster_customers(*ds, q);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->k == b->k);
    CHECK(a->label == b->label);
    CHECK(a->inertia == b->inertia);
    const size_t n = a->features.rows();
    REQUIRE(n > 600);
    // The sampled path: restarts on 300 customers, then one Lloyd run over all n from the best
    // sample centres. Its labels cover every customer and its inertia is that of its own labels;
    // a run from good sample centres lands close to the full fit (within 5 % here).
    q.k = 4;
    q.fit_sample = 300;
    auto c = cluster_customers(*ds, q);
    q.fit_sample = 0;
    auto full = cluster_customers(*ds, q);
    REQUIRE(c.ok());
    REQUIRE(full.ok());
    CHECK(c->label.size() == n);
    int64_t total = 0;
    for (const Cluster& x : c->clusters) total += x.size;
    CHECK(total == static_cast<int64_t>(n));
    CHECK(c->inertia == doctest::Approx(inertia_of(*c)).epsilon(1e-9));
    CHECK(c->inertia <= full->inertia * 1.05);
    // Key figures: the typical orders is exp(centre of ln(1 + orders)) - 1, at least 1 order.
    for (const Cluster& x : c->clusters) {
      CHECK(x.orders == doctest::Approx(std::expm1(x.centre_raw[1])));
      CHECK(x.orders >= 1 - 1e-9);
      CHECK(x.coupon_share == x.centre_raw[4]);
    }
  }

  TEST_CASE("a cluster saved as a Members segment finds the same customers") {
    Store s = demo_store();
    auto ds = load_dataset(s);
    REQUIRE(ds.ok());
    ClusterQuery q;
    q.k = 3;
    auto r = cluster_customers(*ds, q);
    REQUIRE(r.ok());
    for (int round = 0; round < 2; ++round) {  // saving again replaces, it does not add
      const int cluster = round == 0 ? 1 : 2;
      Status st = s.write([&](Writer& w) { return save_cluster_segment(w, *ds, *r, cluster, "hot group"); });
      REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
      auto in = members::load_tag_inputs(s, *ds);
      REQUIRE(in.ok());
      auto tags = members::compute_tags(*ds, {}, *in, *parse_day("2025-06-30"));
      REQUIRE(tags.ok());
      auto stmt = s.db().prepare("SELECT name, filter_json FROM member_segments WHERE id = 'cluster:hot group'");
      REQUIRE(stmt.ok());
      REQUIRE(stmt->step());
      CHECK(stmt->text(0) == "hot group");
      auto f = members::segment_filter_from_json(stmt->text(1));
      REQUIRE(f.ok());
      auto rfm = members::compute_rfm(*ds, {});
      REQUIRE(rfm.ok());
      const members::SegmentResult seg = members::evaluate_segment(*ds, *f, *rfm, {}, *tags);
      CHECK(seg.count == r->clusters[static_cast<size_t>(cluster)].size);
    }
    CHECK_FALSE(s.write([&](Writer& w) { return save_cluster_segment(w, *ds, *r, 3, "x"); }).ok());
    CHECK_FALSE(s.write([&](Writer& w) { return save_cluster_segment(w, *ds, *r, 0, ""); }).ok());
  }
}
