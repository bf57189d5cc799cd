// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::kinetics400/600 against the official crawler CSVs and MMAction2's class lists: class counts, the
// class-id rule (sorted, underscored names), the clip naming.
#include "datasets_support.hpp"

#include <vidata/datasets/kinetics.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/formats/label_map.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace kinetics_test {

namespace ds = vidata::datasets;
namespace fm = vidata::formats;

// MMAction2's convert_label: quotes removed, spaces to underscores (what the descriptor says class names become).
std::string underscored(std::string s) {
    std::erase(s, '"');
    std::replace(s.begin(), s.end(), ' ', '_');
    return s;
}

// Reads an official validation CSV with the format the descriptor names, and checks its classes against
// num_classes and MMAction2's class list for the same version.
template <class D>
void check_version(const std::filesystem::path& fixtures, const std::string& val_csv) {
    INFO(D::name);
    REQUIRE(vidata::test::official<D>("annotations/kinetics_val.csv").format == fm::kinetics_csv::name);
    const auto rows = vidata::read_annotations<fm::kinetics_csv>(fixtures / "activitynet_repo/Crawler/Kinetics/data" / val_csv);
    std::set<std::string> labels;
    for (const auto& r : rows) {
        REQUIRE(r.label);
        labels.insert(D::class_names_underscored ? underscored(*r.label) : *r.label);
    }
    CHECK(labels.size() == static_cast<std::size_t>(D::num_classes));

    // Class ids: the position in the sorted set of (underscored) names, which is the order of MMAction2's class list.
    const auto map = vidata::read_annotations<fm::label_map>(*vidata::test::tools_data_fixture(fixtures, D::mmaction2_label_map));
    std::vector<std::string> by_id;
    for (const auto& e : map) by_id.push_back(underscored(e.name));
    STATIC_REQUIRE(D::class_ids_sorted_by_name);
    CHECK(by_id == std::vector<std::string>(labels.begin(), labels.end()));

    // The clip stem of the download script, from the descriptor's template: '{}_{:06d}_{:06d}' → id_start_end.
    const auto& first = rows.front();
    std::string stem(D::clip_name_template);
    stem.replace(stem.find("{}"), 2, first.youtube_id);
    for (double t : {first.time_start, first.time_end}) {
        const std::size_t field = stem.find("{:06d}");
        REQUIRE(field != std::string::npos);
        stem.replace(field, 6, ds::frame_file_name("{:06d}", static_cast<std::int64_t>(t)));
    }
    CHECK(stem == fm::kinetics_clip_name(first));
}

TEST_CASE("datasets/kinetics: Kinetics-400 and -600 validation CSVs hold num_classes classes in MMAction2's id order",
          "[datasets][kinetics][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    check_version<ds::kinetics400>(*dir, "kinetics-400_val.csv");
    check_version<ds::kinetics600>(*dir, "kinetics-600_val.csv");
}

TEST_CASE("datasets/kinetics: the test CSV has no labels (test_label)", "[datasets][kinetics][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    REQUIRE(vidata::test::official<ds::kinetics400>("annotations/kinetics_test.csv").format == fm::kinetics_csv::name);
    const auto rows = vidata::read_annotations<fm::kinetics_csv>(*dir / "activitynet_repo/Crawler/Kinetics/data/kinetics-400_test.head200.csv");
    REQUIRE_FALSE(rows.empty());
    CHECK(std::none_of(rows.begin(), rows.end(), [](const auto& r) { return r.label.has_value(); }));
    CHECK(ds::kinetics400::test_label == -1);
}

TEST_CASE("datasets/kinetics: the three versions differ only in their name, classes and tree root", "[datasets][kinetics]") {
    STATIC_REQUIRE(ds::kinetics400::layout.root == "data/kinetics400");
    STATIC_REQUIRE(ds::kinetics700::layout.root == "data/kinetics700");
    CHECK(ds::kinetics600::lists[0].path == "kinetics600_train_list_rawframes.txt");
    CHECK(ds::fill(ds::kinetics700::layout.videos, ds::kinetics700::layout.subsets[1]) == "videos_val");
}

}  // namespace kinetics_test
