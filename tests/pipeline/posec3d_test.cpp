// SPDX-License-Identifier: Apache-2.0
// PoseC3D's named pipelines on synthetic skeletons, and the keypoint geometry they use, worked out by hand.
#include <vidata/pipeline/loader.hpp>
#include <vidata/pipeline/mmaction/keypoint_geometry.hpp>
#include <vidata/pipeline/mmaction/posec3d.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace posec3d_test {

using vidata::float_tensor;
using vidata::rng;
using vidata::skeleton_record;
namespace mm = vidata::mmaction;
namespace tr = vidata::transforms;

// One person, `frames` frames, 17 joints spread over a 480 × 640 frame, score 1 (joint 16 scores 0.5).
skeleton_record skeleton(const std::string& name, std::size_t frames) {
    skeleton_record r;
    r.frame_dir = name;
    r.total_frames = static_cast<std::int64_t>(frames);
    r.img_shape = {480, 640};
    r.original_shape = r.img_shape;
    r.label = 3;
    r.keypoint = float_tensor({1, frames, 17, 2});
    r.keypoint_score = float_tensor({1, frames, 17}, 1.f);
    for (std::size_t t = 0; t < frames; ++t)
        for (std::size_t v = 0; v < 17; ++v) {
            r.keypoint(0, t, v, 0) = float(200 + 12 * v + t % 5);
            r.keypoint(0, t, v, 1) = float(100 + 15 * v);
            if (v == 16) r.keypoint_score(0, t, v) = 0.5f;
        }
    return r;
}

template <class T>
std::vector<std::size_t> shape_of(const T& t) {
    return {t.shape().begin(), t.shape().end()};
}

TEST_CASE("keypoint resize, crop and flip move keypoints as MMAction2 does", "[pipeline][mmaction][pose]") {
    skeleton_record r;
    r.img_shape = {100, 200};
    r.keypoint = float_tensor({1, 1, 3, 2}, std::vector<float>{10.f, 20.f, 0.f, 0.f, 50.f, 60.f});
    r.keypoint_score = float_tensor({1, 1, 3}, std::vector<float>{0.9f, 0.f, 0.7f});
    rng g;

    // Short side 100 → 50: factor 0.5 on both axes, 50 × 100.
    r = mm::keypoint_resize{tr::resize{{-1, 50}}}(std::move(r), g);
    CHECK(r.img_shape == vidata::image_size{50, 100});
    CHECK(r.keypoint.values()[0] == 5.f);
    CHECK(r.keypoint.values()[1] == 10.f);

    // CenterCrop 40 of 100 × 50: left (100 - 40) / 2 = 30, top (50 - 40) / 2 = 5; every keypoint moves, zeros too.
    r = mm::keypoint_crop<tr::center_crop>{tr::center_crop{40}}(std::move(r), g);
    CHECK(r.img_shape == vidata::image_size{40, 40});
    const std::vector<float> cropped{-25.f, 5.f, -30.f, -5.f, -5.f, 25.f};
    CHECK(std::vector<float>(r.keypoint.values().begin(), r.keypoint.values().end()) == cropped);

    // Flip with ratio 1, joints 0 and 2 a left/right pair: x ↦ 40 − x where x ≠ 0, then 0 and 2 swap, scores too.
    r = mm::keypoint_flip{tr::flip{.flip_ratio = 1.0}, {0}, {2}}(std::move(r), g);
    const std::vector<float> flipped{45.f, 25.f, 70.f, -5.f, 65.f, 5.f};
    CHECK(std::vector<float>(r.keypoint.values().begin(), r.keypoint.values().end()) == flipped);
    CHECK(r.keypoint_score(0, 0, 0) == 0.7f);
    CHECK(r.keypoint_score(0, 0, 2) == 0.9f);
}

TEST_CASE("the PoseC3D pipelines make NCTHW heatmaps of the config's sizes", "[pipeline][mmaction][pose]") {
    const skeleton_record r = skeleton("S001C001P001R001A001", 60);
    rng g = rng::for_item(0, 0, 0);
    const auto train = mm::posec3d_train()(r, g);
    static_assert(std::same_as<std::remove_cvref_t<decltype(train)>, vidata::layout_tensor<vidata::layouts::ncthw>>);
    CHECK(shape_of(train) == std::vector<std::size_t>{1, 17, 48, 56, 56});
    const auto val = mm::posec3d_val()(r, g);
    CHECK(shape_of(val) == std::vector<std::size_t>{1, 17, 48, 64, 64});
    // A heatmap peaks at 1 × score where a keypoint lands on a pixel centre; somewhere each map is positive.
    float peak = 0.f;
    for (const float v : val.values()) peak = std::max(peak, v);
    CHECK(peak > 0.5f);
    CHECK(peak <= 1.f);
    // Ten clips, then the same ten flipped.
    CHECK(shape_of(mm::posec3d_test()(r, g)) == std::vector<std::size_t>{20, 17, 48, 64, 64});
}

TEST_CASE("PoseC3D train batches are the same on 1 and 2 threads", "[pipeline][mmaction][pose][loader]") {
    std::vector<skeleton_record> records;
    for (std::size_t i = 0; i < 4; ++i) records.push_back(skeleton("S00" + std::to_string(i), 50 + 7 * i));
    const auto p = mm::posec3d_train();
    const auto run = [&](std::size_t threads) {
        vidata::loader load(p, records, {.batch_size = 2, .threads = threads, .seed = 3, .shuffle = true});
        std::vector<vidata::layout_tensor<vidata::layouts::ncthw>> values;
        for (auto& b : load)
            for (auto& v : b.values) values.push_back(std::move(v));
        return values;
    };
    const auto one = run(1);
    CHECK(one.size() == 4);
    CHECK(one == run(2));
}

}  // namespace posec3d_test
