// SPDX-License-Identifier: Apache-2.0
// Tests of pose_decode (MMAction2's PoseDecode) on hand-built keypoint arrays whose every value says where it came from.
#include <vidata/io/pose_decode.hpp>
#include <vidata/pipeline/source_stage.hpp>

#include "support.hpp"

#include <cstdint>
#include <vector>

static_assert(vidata::record_source<vidata::pose_source>);

namespace pose_decode_test {

constexpr std::size_t persons = 2, frames = 6, joints = 3, coords = 2;

// keypoint(m, t, v, c) = 1000 m + 100 t + 10 v + c + 0.5 and keypoint_score(m, t, v) = m + t / 8 + v / 64 (exact in
// float), so an output value names the person, frame, joint and coordinate it was taken from.
inline float kp_value(std::size_t m, std::size_t t, std::size_t v, std::size_t c) {
    return static_cast<float>(1000 * m + 100 * t + 10 * v + c) + 0.5f;
}
inline float score_value(std::size_t m, std::size_t t, std::size_t v) {
    return static_cast<float>(m) + static_cast<float>(t) / 8.f + static_cast<float>(v) / 64.f;
}

inline vidata::skeleton_record make_record(bool with_scores = true) {
    vidata::skeleton_record r;
    r.frame_dir = "S001C001P001R001A001";
    r.total_frames = frames;
    r.img_shape = {1080, 1920};
    r.original_shape = {1080, 1920};
    r.label = 7;
    r.keypoint = vidata::float_tensor({persons, frames, joints, coords});
    r.keypoint_score = with_scores ? vidata::float_tensor({persons, frames, joints}) : vidata::float_tensor({0});
    for (std::size_t m = 0; m < persons; ++m)
        for (std::size_t t = 0; t < frames; ++t)
            for (std::size_t v = 0; v < joints; ++v) {
                for (std::size_t c = 0; c < coords; ++c) r.keypoint(m, t, v, c) = kp_value(m, t, v, c);
                if (with_scores) r.keypoint_score(m, t, v) = score_value(m, t, v);
            }
    return r;
}

// Checks that `out` holds, for each k, the input's frame frames_taken[k].
inline void check_frames(const vidata::skeleton_record& out, const std::vector<std::size_t>& frames_taken, bool with_scores = true) {
    const std::size_t n = frames_taken.size();
    REQUIRE(std::vector<std::size_t>(out.keypoint.shape().begin(), out.keypoint.shape().end()) ==
            std::vector<std::size_t>{persons, n, joints, coords});
    if (with_scores)
        REQUIRE(std::vector<std::size_t>(out.keypoint_score.shape().begin(), out.keypoint_score.shape().end()) ==
                std::vector<std::size_t>{persons, n, joints});
    for (std::size_t m = 0; m < persons; ++m)
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t v = 0; v < joints; ++v) {
                for (std::size_t c = 0; c < coords; ++c) CHECK(out.keypoint(m, k, v, c) == kp_value(m, frames_taken[k], v, c));
                if (with_scores) CHECK(out.keypoint_score(m, k, v) == score_value(m, frames_taken[k], v));
            }
}

}  // namespace pose_decode_test

using namespace pose_decode_test;

TEST_CASE("pose_decode: keypoint[:, inds] and keypoint_score[:, inds], in order, repeats included", "[io][pose]") {
    const vidata::skeleton_record r = make_record();
    const std::vector<std::int64_t> inds{5, 0, 0, 3};
    const vidata::skeleton_record out = vidata::pose_decode(r, inds);
    check_frames(out, {5, 0, 0, 3});
    // The other keys are MMAction2's untouched ones.
    CHECK(out.frame_dir == r.frame_dir);
    CHECK(out.total_frames == 6);
    CHECK(out.label == 7);
    CHECK(out.img_shape == r.img_shape);
    CHECK(out.original_shape == r.original_shape);
    CHECK(out.consistent());
}

TEST_CASE("pose_decode: frame_indices are flattened and the offset added", "[io][pose]") {
    const vidata::skeleton_record r = make_record();
    // Two clips of two, as a sampler returns them; offset 1 (a with-offset list) shifts every index.
    check_frames(vidata::pose_decode(r, vidata::frame_indices(2, 2, {0, 2, 3, 4}), 1), {1, 3, 4, 5});
    // Without indices: every frame, arange(total_frames).
    check_frames(vidata::pose_decode(r), {0, 1, 2, 3, 4, 5});
    // The pipeline's source stage reads the same.
    const vidata::pose_source stage;
    const auto reader = stage.open(r);
    CHECK(reader.frame_count() == 6);
    check_frames(reader.read(vidata::frame_indices(1, 3, {4, 4, 1})), {4, 4, 1});
}

TEST_CASE("pose_decode: a record without scores keeps none", "[io][pose]") {
    const vidata::skeleton_record r = make_record(false);
    const vidata::skeleton_record out = vidata::pose_decode(r, std::vector<std::int64_t>{2, 1});
    check_frames(out, {2, 1}, false);
    CHECK(out.keypoint_score.empty());
}

TEST_CASE("pose_decode: indices outside the record and inconsistent records are refused, naming the record", "[io][pose]") {
    const vidata::skeleton_record r = make_record();
    const auto message = [&](std::vector<std::int64_t> inds, std::int64_t offset) {
        return vidata::test::message_of<vidata::invalid_argument>([&] { (void)vidata::pose_decode(r, inds, offset); });
    };
    CHECK_THAT(message({0, 6}, 0), Catch::Contains("S001C001P001R001A001: frame 6 is outside the record's 6 frames"));
    CHECK_THAT(message({-1}, 0), Catch::Contains("frame -1 is outside"));
    CHECK_THAT(message({4}, 2), Catch::Contains("frame 6 (index 4 + offset 2)"));
    vidata::skeleton_record bad = r;
    bad.keypoint_score = vidata::float_tensor({persons, frames + 1, joints});
    CHECK_THROWS_AS(vidata::pose_decode(bad, std::vector<std::int64_t>{0}), vidata::invalid_argument);
}
