// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::formats::ava_proposals_pkl: MMAction2's AVA proposal pickles ("video,timestamp" -> N x 5 array).
#include <vidata/formats/ava_proposals_pkl.hpp>

#include "support.hpp"

#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/value.hpp>

#include <string>
#include <vector>

namespace ava_proposals_pkl_test {

using vidata::formats::ava_frame_proposals;
using vidata::formats::ava_proposals_pkl;
using vidata::pickle::value;

std::vector<ava_frame_proposals> parse(const std::string& bytes) {
    return vidata::parse_annotations<ava_proposals_pkl>(bytes, "ava_dense_proposals_val.pkl");
}

std::string error_of(const std::string& bytes) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(bytes); });
}

value array(std::vector<std::int64_t> shape, const std::vector<double>& v) {
    return value(vidata::ndarray::from_values<double>(std::move(shape), std::span<const double>(v)));
}

}  // namespace ava_proposals_pkl_test

TEST_CASE("formats/ava_proposals_pkl: one record per key, boxes with and without scores", "[formats][ava_proposals_pkl]") {
    using namespace ava_proposals_pkl_test;
    const std::string bytes = vidata::pickle::dump(value::dict({
        {value("-5KQ66BBWC4,0902"), array({2, 5}, {0.077, 0.151, 0.283, 0.811, 0.998, 0.1, 0.2, 0.3, 0.4, 0.5})},
        {value("-5KQ66BBWC4,0903"), array({1, 4}, {0.0, 0.25, 1.0, 0.75})},
    }));
    const auto records = parse(bytes);
    REQUIRE(records.size() == 2);
    CHECK(records[0].video_id == "-5KQ66BBWC4");
    CHECK(records[0].timestamp == 902);
    CHECK(records[0].has_scores());
    REQUIRE(records[0].boxes.rows() == 2);
    CHECK(records[0].boxes(0, 4) == 0.998);
    CHECK(records[0].boxes(1, 0) == 0.1);
    CHECK(records[1].timestamp == 903);
    CHECK_FALSE(records[1].has_scores());
    CHECK(records[1].boxes(0, 3) == 0.75);
    // Round trip: the same records; float32-exact values are written as float32.
    const std::string written = vidata::format_annotations<ava_proposals_pkl>(records);
    CHECK(parse(written) == records);
    const auto root = vidata::pickle::load(written);
    CHECK(root.get("-5KQ66BBWC4,0902").as_ndarray().type().name() == "float64");
    CHECK(root.get("-5KQ66BBWC4,0903").as_ndarray().type().name() == "float32");
}

TEST_CASE("formats/ava_proposals_pkl: malformed pickles are parse errors naming the key", "[formats][ava_proposals_pkl]") {
    using namespace ava_proposals_pkl_test;
    CHECK(error_of(vidata::pickle::dump(value::list({}))) ==
          "[vidata.parse_error] ava_dense_proposals_val.pkl at /: expected a dict 'video_id,timestamp' -> array of proposals, got 'list'");
    CHECK(error_of(vidata::pickle::dump(value::dict({{value("vid0902"), array({1, 5}, {0, 0, 1, 1, 1})}}))) ==
          "[vidata.parse_error] ava_dense_proposals_val.pkl at /vid0902: expected a key 'video_id,timestamp' with an integer "
          "timestamp, got 'vid0902'");
    CHECK(error_of(vidata::pickle::dump(value::dict({{value("v,0902"), array({1, 3}, {0, 0, 1})}}))) ==
          "[vidata.parse_error] ava_dense_proposals_val.pkl at /v,0902: expected a 2-D numeric array of proposals with 4 "
          "(x1, y1, x2, y2) or 5 (and a score) columns, got 'an array of shape (1, 3) of float64'");
    CHECK(error_of(vidata::pickle::dump(value::dict({{value("v,0902"), value(3)}}))) ==
          "[vidata.parse_error] ava_dense_proposals_val.pkl at /v,0902: expected a 2-D numeric array of proposals with 4 "
          "(x1, y1, x2, y2) or 5 (and a score) columns, got 'int'");
    const std::string good = vidata::pickle::dump(value::dict({{value("v,0902"), array({1, 5}, {0, 0, 1, 1, 1})}}));
    const std::string truncated = error_of(good.substr(0, good.size() / 2));
    CHECK(truncated.find("[vidata.parse_error] ava_dense_proposals_val.pkl") == 0);
    CHECK(truncated.find("(byte ") != std::string::npos);
}

TEST_CASE("formats/ava_proposals_pkl: detects AVA proposal file names", "[formats][ava_proposals_pkl]") {
    CHECK(vidata::formats::ava_proposals_pkl::detect("ava_dense_proposals_train.FAIR.recall_93.9.pkl", ""));
    CHECK_FALSE(vidata::formats::ava_proposals_pkl::detect("proposal.pkl", ""));
    CHECK_FALSE(vidata::formats::ava_proposals_pkl::detect("ava_train_v2.2.csv", ""));
}

TEST_CASE("formats/ava_proposals_pkl: MMAction2's proposal pickles read with their keys and round-trip",
          "[formats][ava_proposals_pkl][fixtures]") {
    using namespace ava_proposals_pkl_test;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto sample = vidata::read_annotations<ava_proposals_pkl>(*dir / "mmaction2/ava_dataset/ava_proposals_sample.pkl");
    REQUIRE(sample.size() == 3);
    CHECK(sample[0].video_id == "0f39OWEqJ24");
    CHECK(sample[0].timestamp == 902);
    CHECK(sample[2].video_id == "_-Z6wFjXtGQ");
    CHECK(sample[2].boxes.rows() == 3);
    CHECK(sample[0].boxes(0, 0) == 0.011);
    CHECK(sample[0].boxes(0, 4) == 0.998163);
    CHECK(sample[2].boxes(2, 4) == 0.996238);
    CHECK(parse(vidata::format_annotations<ava_proposals_pkl>(sample)) == sample);

    const auto eval = vidata::read_annotations<ava_proposals_pkl>(*dir / "mmaction2/eval_detection/proposal.pkl");
    REQUIRE(eval.size() == 3);
    CHECK(eval[1].video_id == "HmR8SmNIoxu");
    CHECK(eval[1].timestamp == 1384);
    CHECK(eval[0].boxes.rows() == 10);
    CHECK(parse(vidata::format_annotations<ava_proposals_pkl>(eval)) == eval);

    const auto sports = vidata::read_annotations<ava_proposals_pkl>(*dir / "mmaction2_main/multisports_dataset/multisports_proposals_sample.pkl");
    REQUIRE(sports.size() == 9);
    CHECK(sports[0].video_id == "aerobic_gymnastics/v_aqMgwPExjD0_c001.mp4");
    CHECK(sports[0].timestamp == 377);
    CHECK(sports[4].boxes.rows() == 5);
    CHECK(sports[8].boxes(4, 4) == 0.08913899213075638);
    CHECK(parse(vidata::format_annotations<ava_proposals_pkl>(sports)) == sports);
}
