// SPDX-License-Identifier: Apache-2.0
// plan_trim: each dataset's annotation files read into the plan that dataset's test of trim_plans checks by hand, and
// OmniSource end to end (its part count from the duration ffprobe prints, its parts holding the frames of each 10 s).
#include "prepare/prepare_support.hpp"

#include <vidata/io/video/video_reader.hpp>
#include <vidata/prepare/trim.hpp>
#include <vidata/prepare/trim_dataset.hpp>

#include <catch2/catch.hpp>

extern "C" {
#include <libavutil/log.h>
}

#include <filesystem>
#include <string>
#include <vector>

namespace trim_dataset_test {

namespace fs = std::filesystem;
using vidata::prepare::trim_cut;

}  // namespace trim_dataset_test

TEST_CASE("plan_trim: Kinetics CSV - ActivityNet in both json forms - gym stages - AVA lists - unknown names", "[prepare][trim]") {
    using namespace trim_dataset_test;
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "k.csv", "label,youtube_id,time_start,time_end,split\nabseiling,0347ZoDXyP0,12,22,train\n");
    CHECK(vidata::prepare::plan_trim("kinetics700", dir / "k.csv", dir.path()) ==
          std::vector<trim_cut>{{"0347ZoDXyP0.mp4", 12.0, 22.0, "abseiling/0347ZoDXyP0_000012_000022.mp4", 0.0, 23}});

    const std::vector<trim_cut> anet{{"v_QOlSCBRmfWY.mkv", 6.19, 77.73, "v_QOlSCBRmfWY_0.mp4", 0.0, 23}};
    vidata::test::write_file(dir / "official.json",
                             R"({"version": "VERSION 1.3", "taxonomy": [], "database": {"QOlSCBRmfWY": {"duration": 82.73, "subset": "training",)"
                             R"( "resolution": "1920x1080", "url": "https://www.youtube.com/watch?v=QOlSCBRmfWY",)"
                             R"( "annotations": [{"segment": [6.19, 77.73], "label": "Ballet"}]}}})");
    vidata::test::write_file(dir / "anet_anno_action.json",
                             R"({"v_QOlSCBRmfWY": {"duration_second": 82.73, "duration_frame": 2067, "annotations": [{"segment": [6.19, 77.73], "label": "Ballet"}], "feature_frame": 2064}})");
    vidata::prepare::trim_plan_options mkv;
    mkv.source_ext = "mkv";
    CHECK(vidata::prepare::plan_trim("activitynet", dir / "official.json", dir.path(), mkv) == anet);
    CHECK(vidata::prepare::plan_trim("activitynet", dir / "anet_anno_action.json", dir.path(), mkv) == anet);

    vidata::test::write_file(dir / "gym.json",
                             R"({"v1": {"E_1": {"event": 1, "segments": {"A_1": {"stages": 1, "timestamps": [[1.0, 2.0]]}}, "timestamps": [[5.0, 9.0]]}}})");
    vidata::prepare::trim_plan_options stage;
    CHECK(vidata::prepare::plan_trim("gym", dir / "gym.json", dir.path(), stage) == std::vector<trim_cut>{{"v1.mp4", 5.0, 9.0, "v1_E_1.mp4", 0.0, 23}});
    stage.stage = "subactions";
    CHECK(vidata::prepare::plan_trim("gym", dir / "gym.json", dir.path(), stage) ==
          std::vector<trim_cut>{{"v1_E_1.mp4", 1.0, 2.0, "v1_E_1_A_1.mp4", 0.0, 23}});
    stage.stage = "elements";
    CHECK_THROWS_AS(vidata::prepare::plan_trim("gym", dir / "gym.json", dir.path(), stage), vidata::invalid_argument);

    // AVA: a list file (ava_file_names_trainval_v2.1.txt), or "-" for every video in SRC (hidden files left out).
    vidata::test::write_file(dir / "ava_names.txt", "053oq2xB3oU.mkv\n\n0f39OWEqJ24.mp4\n");
    const auto listed = vidata::prepare::plan_trim("ava", dir / "ava_names.txt", dir.path());
    REQUIRE(listed.size() == 2);
    CHECK(listed[1] == trim_cut{"0f39OWEqJ24.mp4", 900.0, 1801.0, "0f39OWEqJ24.mp4", 30.0, 23});
    fs::create_directories(dir / "ava_videos");
    vidata::test::write_file(dir / "ava_videos" / "b.webm", "");
    vidata::test::write_file(dir / "ava_videos" / "a.mkv", "");
    vidata::test::write_file(dir / "ava_videos" / ".partial", "");
    const auto all = vidata::prepare::plan_trim("ava", "-", dir / "ava_videos");
    REQUIRE(all.size() == 2);
    CHECK(all[0].source == "a.mkv");
    CHECK(all[1].output == "b.webm");

    CHECK_THROWS_AS(vidata::prepare::plan_trim("kinetics", dir / "k.csv", dir.path()), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::prepare::plan_trim("ava-kinetics", dir / "k.csv", dir.path()), vidata::invalid_argument);  // no --kinetics-list
    CHECK_THROWS_AS(vidata::prepare::plan_trim("kinetics400", dir / "missing.csv", dir.path()), vidata::io_error);
}

TEST_CASE("plan_trim omnisource then trim: 10 s parts as long as ffprobe's duration - each part's frames", "[prepare][trim]") {
    using namespace trim_dataset_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    av_log_set_level(AV_LOG_ERROR);
    vidata::test::temp_dir dir;
    const fs::path src = dir / "raw";
    fs::create_directories(src / "class_a");
    // 10.6 s at 5 fps (53 frames): ffprobe prints 00:00:10.60, so parts 0 and 1 (10 < 10.6).
    vidata::test::prepare::ffmpeg("-f lavfi -i testsrc2=size=64x48:rate=5 -t 10.6 -c:v libx264 -preset ultrafast -pix_fmt yuv420p " +
                                  vidata::test::shell_quote((src / "class_a" / "vid.mp4").string()));
    vidata::test::write_file(src / "class_a" / "broken.mp4", "truncated");
    const auto cuts = vidata::prepare::plan_trim("omnisource", "-", src);
    CHECK(cuts == std::vector<trim_cut>{
                      {"class_a/broken.mp4", 0.0, 10.0, "class_a/broken/part_0.mp4", 0.0, 18},  // no duration: one part, to fail
                      {"class_a/vid.mp4", 0.0, 10.0, "class_a/vid/part_0.mp4", 0.0, 18},
                      {"class_a/vid.mp4", 10.0, 20.0, "class_a/vid/part_1.mp4", 0.0, 18},
                  });
    vidata::prepare::trim_options o;
    o.encoder.preset = "ultrafast";
    const fs::path out = dir / "parts";
    const auto s = vidata::prepare::trim(cuts, src, out, o);
    CHECK(s.totals.failed == 1);
    REQUIRE(s.failures.size() == 1);
    CHECK(s.failures[0].input == "class_a/broken/part_0.mp4");  // a cut is named by its clip
    CHECK(s.failures[0].source == "class_a/broken.mp4");
    CHECK(vidata::video_reader(out / "class_a/vid/part_0.mp4").frame_count() == 50);  // 0 .. 9.8 s at 5 fps
    CHECK(vidata::video_reader(out / "class_a/vid/part_1.mp4").frame_count() == 3);   // 10.0, 10.2, 10.4
    CHECK(fs::exists(src / "class_a" / "vid.mp4"));  // unlike trim_raw_video.py, the source stays
}
