// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::sthv1, sthv2 and jester against their class lists: counts, the official label file, and the
// flip pairs, which must be the left/right mirror images of each other.
#include "datasets_support.hpp"

#include <vidata/datasets/jester.hpp>
#include <vidata/datasets/something_something.hpp>
#include <vidata/formats/label_map.hpp>
#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace something_something_test {

namespace ds = vidata::datasets;
namespace fm = vidata::formats;

// `s` with the words left and right (any case) swapped: what a horizontal flip does to a class name.
std::string mirrored(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        auto at = [&](std::string_view w) { return s.compare(i, w.size(), w) == 0; };
        if (at("left")) { out += "right"; i += 4; }
        else if (at("right")) { out += "left"; i += 5; }
        else if (at("Left")) { out += "Right"; i += 4; }
        else if (at("Right")) { out += "Left"; i += 5; }
        else out += s[i++];
    }
    return out;
}

// The class names of D in class-id order, from MMAction2's class list in the fixtures.
template <class D>
std::vector<std::string> class_names(const std::filesystem::path& fixtures) {
    std::vector<std::string> names;
    for (const auto& e : vidata::read_annotations<fm::label_map>(*vidata::test::tools_data_fixture(fixtures, D::mmaction2_label_map)))
        names.push_back(e.name);
    return names;
}

template <class D>
void check_flip_pairs(const std::vector<std::string>& names) {
    INFO(D::name);
    REQUIRE(names.size() == static_cast<std::size_t>(D::num_classes));
    for (const auto& [a, b] : D::flip_label_pairs) {
        REQUIRE(a >= 0);
        REQUIRE(b < D::num_classes);
        INFO(names[static_cast<std::size_t>(a)] << " <-> " << names[static_cast<std::size_t>(b)]);
        CHECK(names[static_cast<std::size_t>(a)] != names[static_cast<std::size_t>(b)]);
        CHECK(mirrored(names[static_cast<std::size_t>(a)]) == names[static_cast<std::size_t>(b)]);
    }
}

TEST_CASE("datasets/something_something: the flip pairs are mirror-image classes", "[datasets][sthv1][sthv2][jester][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    check_flip_pairs<ds::sthv1>(class_names<ds::sthv1>(*dir));
    check_flip_pairs<ds::sthv2>(class_names<ds::sthv2>(*dir));
    check_flip_pairs<ds::jester>(class_names<ds::jester>(*dir));
    CHECK(mirrored("Swiping Left") == "Swiping Right");
}

TEST_CASE("datasets/something_something: sthv2's official labels file has num_classes templates, and the validation "
          "templates resolve against it", "[datasets][sthv2][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto& labels_file = vidata::test::official<ds::sthv2>("annotations/something-something-v2-labels.json");
    REQUIRE(labels_file.format == fm::sthv2_labels::name);
    const auto labels = vidata::read_annotations<fm::sthv2_labels>(*dir / "sthv2/something-something-v2-labels.json");
    CHECK(labels.size() == static_cast<std::size_t>(ds::sthv2::num_classes));
    const auto [lowest, highest] = std::minmax_element(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    CHECK(lowest->index == 0);
    CHECK(highest->index == ds::sthv2::num_classes - 1);
    // V1 and V2 share the 174 templates: MMAction2's two class lists hold the same names (in different orders).
    auto v1 = class_names<ds::sthv1>(*dir);
    auto v2 = class_names<ds::sthv2>(*dir);
    std::sort(v1.begin(), v1.end());
    std::sort(v2.begin(), v2.end());
    CHECK(v1 == v2);

    const auto& val = vidata::test::official<ds::sthv2>("annotations/something-something-v2-validation.json");
    REQUIRE(val.format == fm::sthv2_json::name);
    const auto path = *dir / "sthv2/something-something-v2-validation.first1000.json";
    const auto items = fm::sthv2_json::parse(vidata::test::read_file(path), path.string(), labels);
    REQUIRE(items.size() == 1000);
    CHECK(std::all_of(items.begin(), items.end(), [](const auto& i) { return i.label_id >= 0 && i.label_id < ds::sthv2::num_classes; }));
    const auto test_items = vidata::read_annotations<fm::sthv2_json>(*dir / "sthv2/something-something-v2-test.first1000.json");
    CHECK(vidata::test::official<ds::sthv2>("annotations/something-something-v2-test.json").format == fm::sthv2_json::name);
    CHECK(test_items.size() == 1000);
}

}  // namespace something_something_test
