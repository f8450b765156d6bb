#include "core/insights/segment.h"

#include "core/members/tags.h"

namespace shopkeeper::insights {

std::string cluster_segment_id(const std::string& name) { return "cluster:" + name; }

Status save_cluster_segment(Writer& w, const Dataset& ds, const ClusterResult& r, int cluster, const std::string& name) {
  if (name.empty()) return make_error(ErrorCode::invalid_argument, "a segment needs a name");
  if (cluster < 0 || cluster >= r.k) return make_error(ErrorCode::invalid_argument, "no cluster " + std::to_string(cluster + 1));
  auto del = w.db().prepare("DELETE FROM member_tags WHERE tag = ?");
  if (!del) return del.error();
  del->bind(1, name);
  if (auto st = del->run(); !st) return st;
  auto tag = w.db().prepare("INSERT OR REPLACE INTO member_tags(customer_id, tag) VALUES(?, ?)");
  if (!tag) return tag.error();
  for (size_t i = 0; i < r.label.size(); ++i) {
    if (r.label[i] != cluster) continue;
    tag->reset();
    tag->bind(1, ds.customer_id[static_cast<size_t>(r.features.customer[i])]).bind(2, name);
    if (auto st = tag->run(); !st) return st;
  }
  members::SegmentFilter f;
  f.tags = {name};
  auto seg = w.db().prepare("INSERT OR REPLACE INTO member_segments(id, name, filter_json) VALUES(?, ?, ?)");
  if (!seg) return seg.error();
  seg->bind(1, cluster_segment_id(name)).bind(2, name).bind(3, members::segment_filter_to_json(f));
  return seg->run();
}

}  // namespace shopkeeper::insights
