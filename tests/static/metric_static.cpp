// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::metric: opt-in required; a type missing each requirement does not model it.
#include <vidata/core/concepts.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace {

struct accuracy_result {
    double top1 = 0;
    nlohmann::json to_json() const { return {{"top1_acc", top1}}; }
};

struct top1 {
    using vidata_concept = vidata::metric_tag;
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    accuracy_result operator()(const prediction_type&, const ground_truth_type&) const { return {}; }
};

// Opting in through a class derived from the tag works as well.
struct derived_tag : vidata::metric_tag {};
struct derived_opt_in : top1 {
    using vidata_concept = derived_tag;
};

// Structurally a metric, but it never opted in.
struct structural_only {
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    accuracy_result operator()(const prediction_type&, const ground_truth_type&) const { return {}; }
};

struct missing_types {
    using vidata_concept = vidata::metric_tag;
    accuracy_result operator()(const std::vector<int>&, const std::vector<int>&) const { return {}; }
};

struct wrong_arguments {
    using vidata_concept = vidata::metric_tag;
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    accuracy_result operator()(const std::vector<double>&) const { return {}; }
};

struct string_result {
    std::string to_json() const { return "{}"; }
};
struct prints_string {
    using vidata_concept = vidata::metric_tag;
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    string_result operator()(const prediction_type&, const ground_truth_type&) const { return {}; }
};

struct wrong_tag {
    using vidata_concept = int;
    using prediction_type = std::vector<int>;
    using ground_truth_type = std::vector<int>;
    accuracy_result operator()(const prediction_type&, const ground_truth_type&) const { return {}; }
};

}  // namespace

// The traits route, for types that cannot be edited.
template <>
inline constexpr bool vidata::enable_metric<structural_only> = true;

namespace {

struct unopted_copy : structural_only {};

static_assert(vidata::metric<top1>);
static_assert(std::is_same_v<vidata::metric_result_t<top1>, accuracy_result>);
static_assert(vidata::metric<derived_opt_in>);
static_assert(vidata::metric<structural_only>);
static_assert(vidata::require_metric<top1>());

static_assert(!vidata::metric<unopted_copy>);
static_assert(!vidata::enable_metric<unopted_copy>);
static_assert(!vidata::metric<wrong_tag>);
static_assert(!vidata::metric<missing_types>);
static_assert(!vidata::detail::metric_has_types<missing_types>);
static_assert(!vidata::metric<wrong_arguments>);
static_assert(vidata::detail::metric_has_types<wrong_arguments> && !vidata::detail::metric_callable<wrong_arguments>);
static_assert(!vidata::metric<prints_string>);
static_assert(vidata::detail::metric_callable<prints_string> && !vidata::detail::metric_result_prints<prints_string>);

}  // namespace
