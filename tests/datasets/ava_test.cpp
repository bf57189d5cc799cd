// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ava and ava_kinetics against AVA's and AVA-Kinetics' released files: the action vocabulary, the
// evaluated subset, the keyframe range and the frame a keyframe maps to.
#include "datasets_support.hpp"

#include <vidata/datasets/ava.hpp>
#include <vidata/datasets/ava_kinetics.hpp>
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/ava_exclusions.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/ava_pbtxt.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <vector>

namespace ava_test {

namespace ds = vidata::datasets;
namespace fm = vidata::formats;
using ds::ava;

TEST_CASE("datasets/ava: the ActivityNet-2018 action list holds the num_evaluated_classes classes, ids within num_classes",
          "[datasets][ava][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto& list = vidata::test::official<ava>("annotations/ava_action_list_v2.1_for_activitynet_2018.pbtxt");
    REQUIRE(list.format == fm::ava_pbtxt::name);
    const auto labels =
        vidata::read_annotations<fm::ava_pbtxt>(*dir / "activitynet_repo/Evaluation/ava/ava_action_list_v2.1_for_activitynet_2018.pbtxt.txt");
    CHECK(labels.size() == static_cast<std::size_t>(ava::num_evaluated_classes));
    const auto [lowest, highest] = std::minmax_element(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    CHECK(lowest->id >= 1);
    CHECK(highest->id == ava::num_classes);  // the vocabulary's last action, 80, is evaluated
    CHECK(ava::mmaction2_num_classes == ava::num_classes + 1);
    // MMAction2's label_map.txt is the same 60 classes in the numbered text form
    const auto mm = vidata::read_annotations<fm::ava_pbtxt>(*vidata::test::tools_data_fixture(*dir, ava::mmaction2_label_map));
    CHECK(mm.size() == labels.size());
}

TEST_CASE("datasets/ava: ground-truth rows lie on the keyframes first_keyframe..last_keyframe, actions within num_classes",
          "[datasets][ava][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    REQUIRE(vidata::test::official<ava>("annotations/ava_val_v2.1.csv").format == fm::ava_csv::name);
    std::vector<vidata::box_record> rows;
    for (const char* f : {"ava_kinetics_v1_0/ava_val_v2.2.head40.csv", "ava_kinetics_v1_0/ava_val_v2.2.slice_0968-0972.csv",
                          "mmaction2/ava_dataset/ava_sample.csv"}) {
        const auto part = vidata::read_annotations<fm::ava_csv>(*dir / f);
        rows.insert(rows.end(), part.begin(), part.end());
    }
    REQUIRE(rows.size() > 50);
    for (const auto& r : rows) {
        INFO(r.video_id << "," << r.timestamp);
        CHECK(r.timestamp >= ava::first_keyframe);
        CHECK(r.timestamp <= ava::last_keyframe);
        if (r.action_id != -1) {  // -1: a keyframe row without boxes
            CHECK(r.action_id >= 1);
            CHECK(r.action_id <= ava::num_classes);
        }
    }
    // the validation file starts at the first keyframe of its first video
    CHECK(rows.front().timestamp == ava::first_keyframe);
    // keyframes lie inside the cut segment, two seconds from either end
    STATIC_REQUIRE(ava::first_keyframe == ava::timestamp_start + 2);
    STATIC_REQUIRE(ava::last_keyframe == ava::timestamp_end - 2);

    REQUIRE(vidata::test::official<ava>("annotations/ava_val_excluded_timestamps_v2.1.csv").format == fm::ava_exclusions::name);
    for (const auto& e : vidata::read_annotations<fm::ava_exclusions>(*dir / "mmaction2/ava_dataset/ava_excluded_timestamps_sample.csv")) {
        CHECK(e.timestamp >= ava::first_keyframe);
        CHECK(e.timestamp <= ava::last_keyframe);
    }
}

TEST_CASE("datasets/ava: a keyframe's centre frame is a frame file of the 15-minute cut", "[datasets][ava]") {
    // SampleAVAFrames: centre = (timestamp - timestamp_start) * fps + 1 on AVADataset's start_index 0; the cut
    // (-ss 900 -t 901 at 30 fps) has frames img_00001 ... img_27030.
    auto centre = [](int timestamp) { return (timestamp - ava::timestamp_start) * ava::fps + 1 + ava::mmaction2_start_index; };
    CHECK(ds::frame_file_name(ava::frames.rgb, centre(ava::first_keyframe)) == "img_00061.jpg");
    CHECK(ds::frame_file_name(ava::frames.rgb, centre(ava::last_keyframe)) == "img_26941.jpg");
    CHECK(centre(ava::first_keyframe) - 32 >= ava::frames.start_index);  // a 64-frame clip around the first keyframe fits
    CHECK(centre(ava::last_keyframe) + 32 <= 901 * ava::fps);
}

TEST_CASE("datasets/ava_kinetics: the Kinetics keyframes use AVA's action vocabulary", "[datasets][ava_kinetics][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto& file = vidata::test::official<ds::ava_kinetics>("ava_kinetics_v1_0/kinetics_val_v1.0.csv");
    REQUIRE(file.format == fm::ava_kinetics_csv::name);
    const auto rows = vidata::read_annotations<fm::ava_kinetics_csv>(*dir / "ava_kinetics_v1_0/kinetics_val_v1.0.head40.csv");
    REQUIRE_FALSE(rows.empty());
    std::set<int> actions;
    for (const auto& r : rows)
        if (r.box) actions.insert(r.action_id);
    REQUIRE_FALSE(actions.empty());
    CHECK(*actions.begin() >= 1);
    CHECK(*actions.rbegin() <= ds::ava_kinetics::num_classes);
    STATIC_REQUIRE(ds::ava_kinetics::num_classes == ava::num_classes);
    STATIC_REQUIRE(ds::ava_kinetics::num_evaluated_classes == ava::num_evaluated_classes);
    // the AVA part of the release reads as AVA's CSVs
    REQUIRE(vidata::test::official<ds::ava_kinetics>("ava_kinetics_v1_0/ava_val_v2.2.csv").format == fm::ava_csv::name);
    CHECK_FALSE(vidata::read_annotations<fm::ava_csv>(*dir / "ava_kinetics_v1_0/ava_val_v2.2.head40.csv").empty());
}

}  // namespace ava_test
