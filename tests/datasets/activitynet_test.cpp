// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::activitynet against the BSN files the guide downloads and MMAction2's class list.
#include "datasets_support.hpp"

#include <vidata/datasets/activitynet.hpp>
#include <vidata/formats/anet_mmaction_json.hpp>
#include <vidata/formats/bsn_video_info.hpp>
#include <vidata/formats/label_map.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace activitynet_test {

using vidata::datasets::activitynet;
namespace fm = vidata::formats;

TEST_CASE("datasets/activitynet: the annotations' labels are among the num_classes classes; ids carry the v_ prefix",
          "[datasets][activitynet][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto map = vidata::read_annotations<fm::label_map>(*vidata::test::tools_data_fixture(*dir, activitynet::mmaction2_label_map));
    std::set<std::string> classes;
    for (const auto& e : map) classes.insert(e.name);
    REQUIRE(classes.size() == static_cast<std::size_t>(activitynet::num_classes));

    REQUIRE(vidata::test::official<activitynet>("anet_anno_action.json").format == fm::anet_mmaction_json::name);
    const auto videos = vidata::read_annotations<fm::anet_mmaction_json>(*dir / "bsn/data/activitynet_annotations/anet_anno_action.first500.json");
    REQUIRE(videos.size() == 500);
    std::set<std::string> seen;
    for (const auto& v : videos) {
        CHECK(v.key.starts_with(activitynet::video_id_prefix));
        for (const auto& s : v.video.annotations) {
            INFO(v.key << ": " << s.label);
            CHECK(classes.count(s.label) == 1);
            seen.insert(s.label);
        }
    }
    CHECK(seen.size() > 100);  // 500 videos reach most classes: the check above had something to bite on

    REQUIRE(vidata::test::official<activitynet>("video_info_new.csv").format == fm::bsn_video_info::name);
    const auto info = vidata::read_annotations<fm::bsn_video_info>(*dir / "bsn/data/activitynet_annotations/video_info_new.head500.csv");
    REQUIRE_FALSE(info.empty());
    CHECK(std::all_of(info.begin(), info.end(), [](const auto& r) { return r.video.starts_with(activitynet::video_id_prefix); }));
}

TEST_CASE("datasets/activitynet: frame names start at 0, as the guide's tree draws them", "[datasets][activitynet]") {
    // The guide's tree: rawframes/v___c8enCfzqw/img_00000.jpg, flow_x_00000.jpg, flow_y_00000.jpg.
    using vidata::datasets::frame_file_name;
    CHECK(frame_file_name(activitynet::guide_tree_rgb, activitynet::frames.start_index) == "img_00000.jpg");
    CHECK(frame_file_name(activitynet::frames.flow_x, activitynet::frames.start_index) == "flow_x_00000.jpg");
    CHECK(frame_file_name(activitynet::frames.rgb, activitynet::frames.start_index) == "image_00000.jpg");
}

}  // namespace activitynet_test
