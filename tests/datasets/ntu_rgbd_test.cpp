// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ntu60, ntu120 against the official lists of samples with missing skeletons: the sample naming,
// the action, setup and camera ranges.
#include "datasets_support.hpp"

#include <vidata/datasets/ntu_rgbd.hpp>
#include <vidata/formats/ntu_missing_list.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace ntu_rgbd_test {

namespace ds = vidata::datasets;
namespace fm = vidata::formats;

// The five numbers of a sample name, read with the descriptor's template (letter, then a {:03d} field, five times).
std::optional<std::array<int, 5>> parse_sample(std::string_view name, std::string_view tmpl) {
    std::array<int, 5> fields{};
    std::size_t n = 0, at = 0;
    for (std::size_t i = 0; i < tmpl.size();) {
        if (tmpl.substr(i, 6) == "{:03d}") {
            if (n == fields.size() || at + 3 > name.size()) return std::nullopt;
            int v = 0;
            for (std::size_t k = 0; k < 3; ++k) {
                if (!std::isdigit(static_cast<unsigned char>(name[at + k]))) return std::nullopt;
                v = v * 10 + (name[at + k] - '0');
            }
            fields[n++] = v;
            at += 3;
            i += 6;
        } else {
            if (at >= name.size() || name[at] != tmpl[i]) return std::nullopt;
            ++at;
            ++i;
        }
    }
    if (at != name.size() || n != fields.size()) return std::nullopt;
    return fields;
}

// Reads the missing-skeleton list D names and checks each sample against D's ranges; returns the largest action.
template <class D>
int check_missing_list(const std::filesystem::path& path) {
    INFO(D::name << ": " << path);
    const std::string_view file = vidata::test::base_name(D::official_files[1].path);
    REQUIRE(D::official_files[1].format == fm::ntu_missing_list::name);
    REQUIRE(path.filename() == file);
    const auto samples = vidata::read_annotations<fm::ntu_missing_list>(path);
    REQUIRE_FALSE(samples.empty());
    int max_action = 0, max_setup = 0;
    for (const auto& s : samples) {
        INFO(s.name);
        const auto f = parse_sample(s.name, D::sample_name_template);
        REQUIRE(f);
        const auto [setup, camera, performer, replication, action] = *f;
        CHECK(setup >= 1);
        CHECK(setup <= D::num_setups);
        CHECK(camera >= 1);
        CHECK(camera <= 3);
        CHECK(performer >= 1);
        CHECK((replication == 1 || replication == 2));
        CHECK(action >= 1);
        CHECK(action <= D::num_classes);  // label = action - 1 lies in [0, num_classes)
        max_action = std::max(max_action, action);
        max_setup = std::max(max_setup, setup);
    }
    CHECK(max_setup == D::num_setups);  // the lists reach the last setup of their release
    return max_action;
}

TEST_CASE("datasets/ntu_rgbd: the official missing-skeleton lists name samples within each release's ranges",
          "[datasets][ntu_rgbd][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const int max60 = check_missing_list<ds::ntu60>(*dir / "ntu_rgbd/NTU_RGBD_samples_with_missing_skeletons.txt");
    const int max120 = check_missing_list<ds::ntu120>(*dir / "ntu_rgbd/NTU_RGBD120_samples_with_missing_skeletons.txt");
    CHECK(max60 <= ds::ntu60::num_classes);
    CHECK(max120 > ds::ntu60::num_classes);  // NTU120 has actions NTU60 does not
    CHECK(parse_sample("S001C001P001R001A001", ds::ntu60::sample_name_template) == std::array<int, 5>{1, 1, 1, 1, 1});
    CHECK_FALSE(parse_sample("S001C001P001R001A01", ds::ntu60::sample_name_template));
}

TEST_CASE("datasets/ntu_rgbd: the benchmark partitions are consistent", "[datasets][ntu_rgbd]") {
    // NTU120 keeps NTU60's 20 cross-subject training performers and adds 33 (the two papers' protocols).
    const auto& s60 = ds::ntu60::xsub_training_subjects_60;
    const auto& s120 = ds::ntu120::xsub_training_subjects;
    CHECK(std::equal(s60.begin(), s60.end(), s120.begin()));
    CHECK(std::is_sorted(s120.begin(), s120.end()));
    CHECK(std::adjacent_find(s120.begin(), s120.end()) == s120.end());
    CHECK(s120.back() <= 106);  // NTU120 has 106 performers
    // cross-setup: the even setups of the 32, half of them
    CHECK(ds::ntu120::xset_training_setups.size() * 2 == static_cast<std::size_t>(ds::ntu120::num_setups));
    CHECK(std::all_of(ds::ntu120::xset_training_setups.begin(), ds::ntu120::xset_training_setups.end(), [](int s) { return s % 2 == 0; }));
    CHECK(ds::ntu60::xview_training_cameras == std::array<int, 2>{2, 3});
}

}  // namespace ntu_rgbd_test
