// SPDX-License-Identifier: Apache-2.0
// A metric whose result cannot print itself as JSON is rejected with a sentence naming to_json().
// expect: is not a metric: its result has no to_json\(\) const returning nlohmann::json
#include <vidata/core/concepts.hpp>

#include <vector>

struct accuracy {
    using vidata_concept = vidata::metric_tag;
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    double operator()(const prediction_type&, const ground_truth_type&) const { return 0.0; }
};

static_assert(vidata::require_metric<accuracy>());
