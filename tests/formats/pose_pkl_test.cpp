// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::pose_pkl: PYSKL / MMAction2 PoseDataset pickles (split + annotations, plain lists, kpfile indices).
#include <vidata/formats/pose_pkl.hpp>

#include "support.hpp"

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/value.hpp>

#include <string>
#include <vector>

namespace pose_pkl_test {

using vidata::formats::pose_annotation;
using vidata::formats::pose_pkl;
using vidata::pickle::value;

std::vector<pose_annotation> parse(const std::string& bytes) { return vidata::parse_annotations<pose_pkl>(bytes, "ntu60_hrnet.pkl"); }

std::string error_of(const std::string& bytes) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(bytes); });
}

value names(std::initializer_list<const char*> list) {
    std::vector<value> out;
    for (const char* n : list) out.emplace_back(n);
    return value::list(std::move(out));
}

// M = 1 person, T = 2 frames, V = 3 joints, C = 2: keypoint value = 100 t + 10 v + c, score = t + v / 10.
value annotation(const char* dir, int label, bool half) {
    std::vector<float> kp, score;
    for (int t = 0; t < 2; ++t)
        for (int v = 0; v < 3; ++v) {
            for (int c = 0; c < 2; ++c) kp.push_back(static_cast<float>(100 * t + 10 * v + c));
            score.push_back(static_cast<float>(t) + static_cast<float>(v) / 4.0f);
        }
    const auto array = [&](std::vector<std::int64_t> shape, const std::vector<float>& v) {
        return half ? value(vidata::ndarray::float16_from(std::move(shape), v))
                    : value(vidata::ndarray::from_values<float>(std::move(shape), std::span<const float>(v)));
    };
    return value::dict({{value("frame_dir"), value(dir)},
                        {value("label"), value(label)},
                        {value("img_shape"), value::tuple({value(1080), value(1920)})},
                        {value("original_shape"), value::tuple({value(1080), value(1920)})},
                        {value("total_frames"), value(2)},
                        {value("keypoint"), array({1, 2, 3, 2}, kp)},
                        {value("keypoint_score"), array({1, 2, 3}, score)}});
}

}  // namespace pose_pkl_test

TEST_CASE("formats/pose_pkl: PYSKL's split + annotations form reads one record per annotation", "[formats][pose_pkl]") {
    using namespace pose_pkl_test;
    const value root = value::dict({{value("split"), value::dict({{value("xsub_train"), names({"S001C001P001R001A001"})},
                                                                  {value("xsub_val"), names({"S001C001P001R001A002", "S001C001P001R001A001"})}})},
                                    {value("annotations"), value::list({annotation("S001C001P001R001A001", 0, true),
                                                                        annotation("S001C001P001R001A002", 1, false)})}});
    const auto records = parse(vidata::pickle::dump(root));
    REQUIRE(records.size() == 2);
    const auto& a = records[0];
    CHECK(a.frame_dir == "S001C001P001R001A001");
    CHECK(a.label == 0);
    CHECK(a.total_frames == 2);
    CHECK(a.img_shape == vidata::image_size{1080, 1920});
    CHECK(a.half_precision);
    REQUIRE(a.keypoint.has_value());
    CHECK(a.keypoint->shape()[3] == 2);
    CHECK((*a.keypoint)(0, 1, 2, 1) == 121.0f);
    CHECK((*a.keypoint_score)(0, 1, 2) == 1.5f);
    CHECK(a.splits == std::vector<std::string>{"xsub_train", "xsub_val"});
    CHECK(records[1].splits == std::vector<std::string>{"xsub_val"});
    CHECK_FALSE(records[1].half_precision);
    const auto skeleton = a.skeleton();
    CHECK(skeleton.frame_dir == a.frame_dir);
    CHECK(skeleton.num_persons() == 1);
    CHECK(skeleton.num_frames() == 2);
    CHECK(skeleton.num_keypoints() == 3);
    CHECK(skeleton.consistent());
    // Round trip, float16 kept where it was.
    const std::string written = vidata::format_annotations<pose_pkl>(records);
    CHECK(parse(written) == records);
    const auto back = vidata::pickle::load(written);
    CHECK(back.get("annotations")[0].get("keypoint").as_ndarray().type().name() == "float16");
    CHECK(back.get("annotations")[1].get("keypoint").as_ndarray().type().name() == "float32");
}

TEST_CASE("formats/pose_pkl: the plain list and the kpfile variant keep every other key", "[formats][pose_pkl]") {
    using namespace pose_pkl_test;
    const std::vector<std::int16_t> inds{0, 1, 3};
    const value kp = value::dict({{value("frame_dir"), value("jf7RDuUTrsQ")},
                                  {value("label"), value(325)},
                                  {value("raw_file"), value("kpfiles/part_0.pkl")},
                                  {value("frame_inds"), value(vidata::ndarray::from_values<std::int16_t>({3}, std::span<const std::int16_t>(inds)))},
                                  {value("total_frames"), value(300)},
                                  {value("valid"), value::dict({{value(0.5), value(150)}})}});
    const auto records = parse(vidata::pickle::dump(value::list({kp})));
    REQUIRE(records.size() == 1);
    CHECK(records[0].label == 325);
    CHECK_FALSE(records[0].keypoint.has_value());
    CHECK(records[0].splits.empty());
    REQUIRE(records[0].extra.size() == 3);
    REQUIRE(records[0].find("raw_file") != nullptr);
    CHECK(records[0].find("raw_file")->as_str() == "kpfiles/part_0.pkl");
    CHECK(records[0].find("frame_inds")->as_ndarray().shape() == std::vector<std::int64_t>{3});
    CHECK(records[0].find("valid")->as_dict().front().second.as_int() == 150);
    CHECK_THROWS_AS(records[0].skeleton(), vidata::invalid_argument);
    const std::string written = vidata::format_annotations<pose_pkl>(records);
    CHECK(vidata::pickle::load(written).is_list());
    CHECK(parse(written) == records);
}

TEST_CASE("formats/pose_pkl: malformed pickles are parse errors naming the path", "[formats][pose_pkl]") {
    using namespace pose_pkl_test;
    CHECK(error_of(vidata::pickle::dump(value(3))) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /: expected a list of annotations (dicts), got 'int'");
    CHECK(error_of(vidata::pickle::dump(value::dict({{value("annotations"), value::list({})}}))) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /: expected a dict with the keys 'split' and 'annotations' (or a list of "
          "annotations), got 'a dict without 'split''");
    CHECK(error_of(vidata::pickle::dump(value::list({value::dict({{value("label"), value(1)}})}))) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /0: expected an annotation with a 'frame_dir', got 'a dict without one'");
    CHECK(error_of(vidata::pickle::dump(value::list({value::dict({{value("frame_dir"), value("x")}, {value("label"), value("one")}})}))) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /0/label: expected an integer label, got 'str'");
    const std::vector<float> flat(6, 1.0f);
    const value wrong_rank = value::dict({{value("frame_dir"), value("x")},
                                          {value("keypoint"), value(vidata::ndarray::from_values<float>({2, 3}, std::span<const float>(flat)))}});
    CHECK(error_of(vidata::pickle::dump(value::list({wrong_rank}))) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /0/keypoint: expected a 4-D float array, got 'an array of shape (2, 3) of float32'");
    const value unknown = value::dict({{value("split"), value::dict({{value("train"), names({"y"})}})},
                                       {value("annotations"), value::list({annotation("x", 0, false)})}});
    CHECK(error_of(vidata::pickle::dump(unknown)) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /split/train/0: expected the name of an annotation, got 'y'");
    const value duplicate = value::dict({{value("split"), value::dict({{value("train"), names({"x"})}})},
                                         {value("annotations"), value::list({annotation("x", 0, false), annotation("x", 1, false)})}});
    CHECK(error_of(vidata::pickle::dump(duplicate)) ==
          "[vidata.parse_error] ntu60_hrnet.pkl at /annotations/1: expected a name no other annotation has (splits name annotations "
          "by it), got 'x (also /annotations/0)'");
    const std::string good = vidata::pickle::dump(value::list({annotation("x", 0, false)}));
    CHECK(error_of(good.substr(0, good.size() - 1)).find("[vidata.parse_error] ntu60_hrnet.pkl (byte ") == 0);
}

TEST_CASE("formats/pose_pkl: MMAction2's 0.x list and main-branch split pickles read with their counts and round-trip",
          "[formats][pose_pkl][fixtures]") {
    using namespace pose_pkl_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto old = vidata::read_annotations<pose_pkl>(*dir / "mmaction2/annotations/sample.pkl");
    REQUIRE(old.size() == 100);
    CHECK(old[0].frame_dir == "jf7RDuUTrsQ");
    CHECK(old[0].label == 325);
    CHECK(old[0].total_frames == 300);
    CHECK(old[0].img_shape == vidata::image_size{320, 570});
    CHECK(old[0].find("filename")->as_str() == "jf7RDuUTrsQ.pkl");
    CHECK(old[0].find("valid@0.9")->as_int() == 137);
    CHECK(old[0].find("frame_inds")->as_ndarray().shape() == std::vector<std::int64_t>{260});
    CHECK(old[0].find("box_score")->as_ndarray().type().name() == "float16");
    CHECK(old[99].frame_dir == "8CdUbOHDtes");
    CHECK(old[99].label == 222);
    CHECK(old[99].img_shape == vidata::image_size{320, 568});
    CHECK(parse(vidata::format_annotations<pose_pkl>(old)) == old);

    const auto main = vidata::read_annotations<pose_pkl>(*dir / "mmaction2_main/annotations/sample.pkl");
    REQUIRE(main.size() == 100);
    for (const auto& a : main) CHECK(a.splits == std::vector<std::string>{"train"});
    CHECK(main[99].frame_dir == "8CdUbOHDtes");
    REQUIRE(main[0].find("valid") != nullptr);
    CHECK(main[0].find("valid")->as_dict().size() == 5);
    CHECK(parse(vidata::format_annotations<pose_pkl>(main)) == main);
}
