// SPDX-License-Identifier: Apache-2.0
// The trim plans: for small annotation files, the cuts each guide's script makes, worked out by hand from the scripts'
// commands (reference-behaviour.md §1.10) and written out here.
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/prepare/trim_plans.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace trim_plans_test {

using vidata::prepare::trim_cut;

std::string describe(const std::vector<trim_cut>& cuts) {
    std::string out;
    for (const auto& c : cuts)
        out += c.source.generic_string() + " [" + std::to_string(c.start) + ", " + std::to_string(c.end) + ") -> " + c.output.generic_string() +
               " fps " + std::to_string(c.fps) + " crf " + std::to_string(c.crf) + "\n";
    return out;
}

}  // namespace trim_plans_test

TEST_CASE("kinetics_trim_plan: label directories with underscores - test rows to test/ - names with whole seconds", "[prepare][trim]") {
    using namespace trim_plans_test;
    const auto train = vidata::parse_annotations<vidata::formats::kinetics_csv>(
        "label,youtube_id,time_start,time_end,split\n"
        "\"air drumming\",-0B4kVgtpO8,34,44,train\n"
        "abseiling,0347ZoDXyP0,12.5,22.5,train\n",
        "train.csv");
    const auto cuts = vidata::prepare::kinetics_trim_plan(train);
    // download.py: -ss 34 -t 10 -> [34, 44); '%06d' % 12.5 is 000012.
    const std::vector<trim_cut> expected{
        {"-0B4kVgtpO8.mp4", 34.0, 44.0, "air_drumming/-0B4kVgtpO8_000034_000044.mp4", 0.0, 23},
        {"0347ZoDXyP0.mp4", 12.5, 22.5, "abseiling/0347ZoDXyP0_000012_000022.mp4", 0.0, 23},
    };
    CHECK(describe(cuts) == describe(expected));
    CHECK(cuts == expected);

    const auto test = vidata::parse_annotations<vidata::formats::kinetics_csv>("youtube_id,time_start,time_end,split\nabc_def-123,1,11,test\n", "test.csv");
    CHECK(vidata::prepare::kinetics_trim_plan(test, "webm") ==
          std::vector<trim_cut>{{"abc_def-123.webm", 1.0, 11.0, "test/abc_def-123_000001_000011.mp4", 0.0, 23}});
}

TEST_CASE("activitynet_trim_plan: one clip per segment from v_<id>.mp4", "[prepare][trim]") {
    using namespace trim_plans_test;
    vidata::temporal_record a;
    a.id = "QOlSCBRmfWY";
    a.annotations = {{6.19, 77.73, "Ballet", -1}, {80.0, 82.5, "Ballet", -1}};
    vidata::temporal_record b;
    b.id = "no_segments";
    const std::vector<vidata::temporal_record> videos{a, b};
    CHECK(vidata::prepare::activitynet_trim_plan(videos) == std::vector<trim_cut>{
                                                                {"v_QOlSCBRmfWY.mp4", 6.19, 77.73, "v_QOlSCBRmfWY_0.mp4", 0.0, 23},
                                                                {"v_QOlSCBRmfWY.mp4", 80.0, 82.5, "v_QOlSCBRmfWY_1.mp4", 0.0, 23},
                                                            });
}

TEST_CASE("gym plans: events from timestamps[0] - elements from timestamps[0][0] to timestamps[-1][1] of the event clip", "[prepare][trim]") {
    using namespace trim_plans_test;
    const auto videos = vidata::parse_annotations<vidata::formats::gym_annotation_json>(
        R"({"A0xAXXysHUo": {"E_002184_002237": {"event": 4, "segments": {"A_0035_0036": {"stages": 1, "timestamps": [[35.4, 36.2]]},
                                                                       "A_0040_0044": {"stages": 2, "timestamps": [[40.1, 41.0], [42.5, 44.3]]}},
                                                  "timestamps": [[2184.6, 2237.3]]},
                            "E_000010_000020": {"event": 1, "segments": null, "timestamps": [[10.0, 20.0], [30.0, 40.0]]}}})",
        "annotation.json");
    const auto events = vidata::prepare::gym_event_trim_plan(videos);
    // trim_event.py: -ss 2184.6 -t (2237.3 - 2184.6).
    REQUIRE(events.size() == 2);
    CHECK(events[0].source == "A0xAXXysHUo.mp4");
    CHECK(events[0].output == "A0xAXXysHUo_E_002184_002237.mp4");
    CHECK(events[0].start == 2184.6);
    CHECK(events[0].end == Approx(2237.3).margin(1e-9));
    CHECK(events[1] == trim_cut{"A0xAXXysHUo.mp4", 10.0, 20.0, "A0xAXXysHUo_E_000010_000020.mp4", 0.0, 23});

    const auto elements = vidata::prepare::gym_subaction_trim_plan(videos);
    // trim_subaction.py: only the event with segments; the second element spans its two stages, 40.1 to 44.3.
    REQUIRE(elements.size() == 2);
    CHECK(elements[0].source == "A0xAXXysHUo_E_002184_002237.mp4");
    CHECK(elements[0].output == "A0xAXXysHUo_E_002184_002237_A_0035_0036.mp4");
    CHECK(elements[0].start == 35.4);
    CHECK(elements[0].end == Approx(36.2).margin(1e-9));
    CHECK(elements[1].output == "A0xAXXysHUo_E_002184_002237_A_0040_0044.mp4");
    CHECK(elements[1].start == 40.1);
    CHECK(elements[1].end == Approx(44.3).margin(1e-9));
}

TEST_CASE("ava_trim_plan: minutes 15 to 30 at 30 fps under the same name", "[prepare][trim]") {
    using namespace trim_plans_test;
    const std::vector<std::filesystem::path> videos{"053oq2xB3oU.mkv", "0f39OWEqJ24.mp4"};
    CHECK(vidata::prepare::ava_trim_plan(videos) == std::vector<trim_cut>{
                                                        {"053oq2xB3oU.mkv", 900.0, 1801.0, "053oq2xB3oU.mkv", 30.0, 23},
                                                        {"0f39OWEqJ24.mp4", 900.0, 1801.0, "0f39OWEqJ24.mp4", 30.0, 23},
                                                    });
}

TEST_CASE("omnisource_trim_plan: 10 s parts while 10 i < duration - crf 18", "[prepare][trim]") {
    using namespace trim_plans_test;
    // 25.3 s: parts 0, 1, 2 (0, 10, 20 < 25.3); exactly 20 s: parts 0 and 1 (20 < 20 is false); 0.5 s: part 0.
    const std::vector<vidata::prepare::video_duration> videos{{"insvideo/abc.mp4", 25.3}, {"x.webm", 20.0}, {"short.mp4", 0.5}};
    CHECK(vidata::prepare::omnisource_trim_plan(videos) == std::vector<trim_cut>{
                                                               {"insvideo/abc.mp4", 0.0, 10.0, "insvideo/abc/part_0.mp4", 0.0, 18},
                                                               {"insvideo/abc.mp4", 10.0, 20.0, "insvideo/abc/part_1.mp4", 0.0, 18},
                                                               {"insvideo/abc.mp4", 20.0, 30.0, "insvideo/abc/part_2.mp4", 0.0, 18},
                                                               {"x.webm", 0.0, 10.0, "x/part_0.mp4", 0.0, 18},
                                                               {"x.webm", 10.0, 20.0, "x/part_1.mp4", 0.0, 18},
                                                               {"short.mp4", 0.0, 10.0, "short/part_0.mp4", 0.0, 18},
                                                           });
}

TEST_CASE("ava_kinetics_trim_plan: keyframes inside the clip - 2 s margins - nested cuts dropped - 30 fps", "[prepare][trim]") {
    using namespace trim_plans_test;
    const auto rows = vidata::parse_annotations<vidata::formats::ava_kinetics_csv>(
        "o3lCwWyyc_s,15.500000,0.1,0.2,0.3,0.4,12\n"  // int(15.5) = 15
        "o3lCwWyyc_s,17.000000,0.1,0.2,0.3,0.4,80\n"
        "o3lCwWyyc_s,40.000000,0.1,0.2,0.3,0.4,80\n"  // inside no listed clip
        "other_video,5.016949\n"                       // no box: no keyframe
        "abcdefghijk,3.000000,0.1,0.2,0.3,0.4,1\n",
        "kinetics_train_v1.0.csv");
    const std::vector<std::string> clips{
        "class602/o3lCwWyyc_s_000012_000022.mp4",  // keyframes 15, 17: [max(12, 13), min(22, 19)) = [13, 19)
        "class9/o3lCwWyyc_s_000010_000020.mp4",    // same keyframes: [13, 19) again, the second of two equal: dropped
        "class1/o3lCwWyyc_s_000014_000024.mp4",    // keyframes 15, 17: [max(14, 13), min(24, 19)) = [14, 19)
        "class3/abcdefghijk_000003_000013.mp4",    // 3 is not strictly after 3: nothing
        "class4/other_video_000000_000010.mp4",    // no keyframes
    };
    const auto cuts = vidata::prepare::ava_kinetics_trim_plan(rows, clips);
    // [14, 19) lies within [13, 19): dropped too. Of the two equal [13, 19), the first by clip path stays:
    // class602/... < class9/... . In its clip (start 12) the cut is -ss 1 -t 6: [1, 7).
    CHECK(describe(cuts) == describe({{"class602/o3lCwWyyc_s_000012_000022.mp4", 1.0, 7.0, "o3lCwWyyc_s_000013_000019.mp4", 30.0, 23}}));

    const std::vector<std::string> bad{"class1/name_without_times.mp4"};
    CHECK_THROWS_AS(vidata::prepare::ava_kinetics_trim_plan(rows, std::vector<std::string>{"class1/o3lCwWyyc_s_0000x2_000022.mp4"}),
                    vidata::parse_error);
    CHECK(vidata::prepare::ava_kinetics_trim_plan(rows, bad).empty());  // its id 'name' has no keyframes: skipped first
}
