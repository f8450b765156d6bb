// A customer cluster saved as a Members segment (docs/members.md: manual tags member_tags,
// saved segments member_segments with a filter). The cluster's customers get the manual tag
// `name` (tags the cluster had from an earlier save are removed first), and the segment `id`
// is written with the filter {"tags": [name]}, so the Members section finds the same customers
// (members::evaluate_segment with members::load_tag_inputs' manual tags).
#pragma once
#include <string>

#include "core/base/result.h"
#include "core/insights/clusters.h"
#include "core/store/store.h"

namespace shopkeeper::insights {

// "cluster:" + name: the segment id a saved cluster gets (saving the same name replaces it).
std::string cluster_segment_id(const std::string& name);
// Error for an empty name or a cluster number out of range.
Status save_cluster_segment(Writer& w, const Dataset& ds, const ClusterResult& r, int cluster, const std::string& name);

}  // namespace shopkeeper::insights
