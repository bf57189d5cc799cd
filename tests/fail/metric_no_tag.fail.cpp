// SPDX-License-Identifier: Apache-2.0
// A structurally perfect metric that did not opt in is rejected, and the sentence shows the line to add.
// expect: is not a metric: it does not opt in \(add 'using vidata_concept = vidata::metric_tag
#include <vidata/core/concepts.hpp>

#include <nlohmann/json.hpp>

#include <vector>

struct result {
    nlohmann::json to_json() const { return {}; }
};

struct accuracy {
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    result operator()(const prediction_type&, const ground_truth_type&) const { return {}; }
};

static_assert(vidata::require_metric<accuracy>());
