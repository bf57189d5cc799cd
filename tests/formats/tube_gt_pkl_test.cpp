// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::tube_gt_pkl: JHMDB / UCF101-24 tube ground truth, one record per video.
#include <vidata/formats/tube_gt_pkl.hpp>

#include "support.hpp"

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/metrics/tube_inputs.hpp>

#include <string>
#include <vector>

namespace tube_gt_pkl_test {

using vidata::formats::tube_gt_pkl;
using vidata::formats::tube_gt_video;
using vidata::pickle::value;

std::vector<tube_gt_video> parse(const std::string& bytes) { return vidata::parse_annotations<tube_gt_pkl>(bytes, "JHMDB-GT.pkl"); }

std::string error_of(const std::string& bytes) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(bytes); });
}

value tube_array(const std::vector<float>& rows) {
    return value(vidata::ndarray::from_values<float>({static_cast<std::int64_t>(rows.size() / 5), 5}, std::span<const float>(rows)));
}

value names(std::initializer_list<const char*> list) {
    std::vector<value> out;
    for (const char* n : list) out.emplace_back(n);
    return value::list(std::move(out));
}

// Two videos, two splits: b is listed before a in the first test split, only a is in the second.
value small_gt() {
    return value::dict({
        {value("labels"), names({"brush_hair", "catch"})},
        {value("gttubes"),
         value::dict({{value("brush_hair/a"), value::dict({{value(0), value::list({tube_array({1, 10, 20, 30, 40, 2, 11, 21, 31, 41})})}})},
                      {value("catch/b"), value::dict({{value(1), value::list({tube_array({5, 1.5f, 2, 3, 4})})}})}})},
        {value("nframes"), value::dict({{value("brush_hair/a"), value(40)}, {value("catch/b"), value(33)}})},
        {value("train_videos"), value::list({names({"brush_hair/a"}), names({})})},
        {value("test_videos"), value::list({names({"catch/b", "brush_hair/a"}), names({"brush_hair/a"})})},
        {value("resolution"), value::dict({{value("brush_hair/a"), value::tuple({value(240), value(320)})}})},
    });
}

}  // namespace tube_gt_pkl_test

TEST_CASE("formats/tube_gt_pkl: one record per video, with its tubes, counts, splits and the shared labels", "[formats][tube_gt_pkl]") {
    using namespace tube_gt_pkl_test;
    const auto records = parse(vidata::pickle::dump(small_gt()));
    REQUIRE(records.size() == 2);
    const auto& a = records[0];
    CHECK(a.video == "brush_hair/a");
    CHECK(a.nframes == 40);
    CHECK(a.resolution == vidata::image_size{240, 320});
    REQUIRE(a.tubes.has_value());
    REQUIRE(a.tubes->count(0) == 1);
    const auto& t = a.tubes->at(0).at(0);
    REQUIRE(t.rows() == 2);
    CHECK(t(1, 0) == 2.0);
    CHECK(t(1, 4) == 41.0);
    CHECK(a.train_index == std::vector<std::int64_t>{0, -1});
    CHECK(a.test_index == std::vector<std::int64_t>{1, 0});
    REQUIRE(a.labels);
    CHECK(*a.labels == std::vector<std::string>{"brush_hair", "catch"});
    const auto& b = records[1];
    CHECK(b.video == "catch/b");
    CHECK(b.nframes == 33);
    CHECK_FALSE(b.resolution.has_value());
    CHECK(b.tubes->at(1).at(0)(0, 1) == 1.5);
    CHECK(b.test_index == std::vector<std::int64_t>{0, -1});
    CHECK(b.labels == a.labels);  // shared, not copied
}

TEST_CASE("formats/tube_gt_pkl: records convert to the evaluator's ground truth and write back to the same", "[formats][tube_gt_pkl]") {
    using namespace tube_gt_pkl_test;
    const std::string bytes = vidata::pickle::dump(small_gt());
    const auto records = parse(bytes);
    const auto expected = vidata::tube_ground_truth_from(vidata::pickle::load(bytes), "JHMDB-GT.pkl");
    CHECK(tube_gt_pkl::to_ground_truth(records) == expected);
    CHECK(tube_gt_pkl::to_ground_truth(records).test_videos[0] == std::vector<std::string>{"catch/b", "brush_hair/a"});
    const std::string written = vidata::format_annotations<tube_gt_pkl>(records);
    CHECK(parse(written) == records);
    // The tubes held float32 values: they are written as float32 again.
    const auto root = vidata::pickle::load(written);
    CHECK(root.get("gttubes").get("catch/b").as_dict().front().second[0].as_ndarray().type().name() == "float32");
}

TEST_CASE("formats/tube_gt_pkl: malformed ground truth is a parse error naming the path", "[formats][tube_gt_pkl]") {
    using namespace tube_gt_pkl_test;
    CHECK(error_of(vidata::pickle::dump(value::list({}))) ==
          "[vidata.parse_error] JHMDB-GT.pkl at /: expected a dict with labels, gttubes, nframes and test_videos, got 'list'");
    CHECK(error_of(vidata::pickle::dump(value::dict({{value("labels"), names({"a"})}}))).find(
              "JHMDB-GT.pkl at /: expected the key 'gttubes'") != std::string::npos);
    const value twice = value::dict({
        {value("labels"), names({"a"})},
        {value("gttubes"), value::dict({})},
        {value("nframes"), value::dict({})},
        {value("test_videos"), value::list({names({"a/x", "a/y", "a/x"})})},
    });
    CHECK(error_of(vidata::pickle::dump(twice)) ==
          "[vidata.parse_error] JHMDB-GT.pkl at /test_videos/0/2: expected each video once per split (it is also at index 0), got 'a/x'");
    const value bad_label = value::dict({
        {value("labels"), names({"a"})},
        {value("gttubes"), value::dict({{value("a/x"), value::dict({{value(3), value::list({})}})}})},
        {value("nframes"), value::dict({})},
        {value("test_videos"), value::list({})},
    });
    CHECK(error_of(vidata::pickle::dump(bad_label)) == "[vidata.parse_error] JHMDB-GT.pkl at /gttubes/a/x: expected labels in [0, 1), got '3'");
    const std::string good = vidata::pickle::dump(small_gt());
    CHECK(error_of(good.substr(0, 40)).find("[vidata.parse_error] JHMDB-GT.pkl (byte ") == 0);
}

TEST_CASE("formats/tube_gt_pkl: detects ACT-detector's file names", "[formats][tube_gt_pkl]") {
    CHECK(tube_gt_pkl_test::tube_gt_pkl::detect("data/JHMDB/JHMDB-GT.pkl", ""));
    CHECK(tube_gt_pkl_test::tube_gt_pkl::detect("UCF101v2-GT.pkl", ""));
    CHECK_FALSE(tube_gt_pkl_test::tube_gt_pkl::detect("gt.pkl", ""));
}

TEST_CASE("formats/tube_gt_pkl: MMAction2's MultiSports GT reads per video and round-trips", "[formats][tube_gt_pkl][fixtures]") {
    using namespace tube_gt_pkl_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto path = *dir / "mmaction2_main/eval_multisports/gt.pkl";
    const auto records = vidata::read_annotations<tube_gt_pkl>(path);
    REQUIRE(records.size() == 1);
    const auto& v = records[0];
    CHECK(v.video == "aerobic_gymnastics/v_crsi07chcV8_c004");
    CHECK(v.nframes == 725);
    CHECK(v.resolution == vidata::image_size{720, 1280});
    REQUIRE(v.labels);
    CHECK(v.labels->size() == 66);
    CHECK((*v.labels)[10] == "aerobic bent leg(s) jump");
    CHECK(v.labels->back() == "basketball jump ball");
    CHECK(v.train_index.empty());  // MultiSports' GT has no train_videos
    CHECK(v.test_index == std::vector<std::int64_t>{0});
    REQUIRE(v.tubes.has_value());
    CHECK(v.tubes->size() == 4);  // labels 9, 10, 11, 14
    REQUIRE(v.tubes->at(10).size() == 2);
    const auto& t = v.tubes->at(10)[0];
    CHECK(t.rows() == 21);
    CHECK(t(0, 0) == 288.0);
    CHECK(t(0, 4) == 600.0);
    CHECK(t(20, 4) == 591.0);
    CHECK(v.tubes->at(9)[1].rows() == 42);
    const auto back = parse(vidata::format_annotations<tube_gt_pkl>(records));
    CHECK(back.size() == 1);
    CHECK(back[0].video == v.video);
    CHECK(back[0].tubes == v.tubes);
    CHECK(back[0].test_index == v.test_index);
    CHECK(tube_gt_pkl::to_ground_truth(back) == vidata::read_tube_ground_truth(path));
}
