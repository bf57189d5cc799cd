// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::generate_pose_target: MMAction2's GeneratePoseTarget, keypoints to Gaussian keypoint and limb heatmaps.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/transforms/detail/tensor_storage.hpp>
#include <vidata/transforms/layout_tensor.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// A limb: the indices of the two keypoints it joins.
using limb = std::array<std::size_t, 2>;

/// The 17 limbs of the 17-keypoint COCO skeleton as MMAction2 and PYSKL list them (nose–eyes,
/// eyes–ears, nose–shoulders, arms, shoulders–hips, legs, hip–hip).
inline const std::vector<limb> coco17_limbs{{0, 1},  {0, 2},   {1, 3},   {2, 4},   {0, 5},   {5, 7},
                                            {7, 9},  {0, 6},   {6, 8},   {8, 10},  {5, 11},  {11, 13},
                                            {13, 15}, {6, 12}, {12, 14}, {14, 16}, {11, 12}};
/// COCO's left and right keypoints (eyes, ears, shoulders, elbows, wrists, hips, knees, ankles), paired
/// by position: what a horizontal flip swaps.
inline const std::vector<std::size_t> coco17_left_keypoints{1, 3, 5, 7, 9, 11, 13, 15};
inline const std::vector<std::size_t> coco17_right_keypoints{2, 4, 6, 8, 10, 12, 14, 16};

namespace detail {

// Scores below this add nothing. numpy compares the float32 score with the double 1e-4, so a score of
// 1e-4f (just under it) is below it.
inline constexpr double pose_score_floor = 1e-4;

// Python's int() of a float: truncation toward zero (so -0.5 becomes 0 and a point just left of the image
// can still reach column 0).
[[nodiscard]] inline long long py_int(double x) noexcept { return static_cast<long long>(x); }

// A window [lo, hi) of pixel indices around [a, b] ± 3σ, as MMAction2 bounds its patches.
struct pose_window {
    long long x0, x1, y0, y1;
    [[nodiscard]] bool empty() const noexcept { return x0 >= x1 || y0 >= y1; }
};

[[nodiscard]] inline pose_window window_around(double min_x, double max_x, double min_y, double max_y, double sigma,
                                               std::size_t h, std::size_t w) noexcept {
    return {std::max(py_int(min_x - 3 * sigma), 0LL), std::min(py_int(max_x + 3 * sigma) + 1, static_cast<long long>(w)),
            std::max(py_int(min_y - 3 * sigma), 0LL), std::min(py_int(max_y + 3 * sigma) + 1, static_cast<long long>(h))};
}

// One keypoint's Gaussian, maxed into an H × W map: MMAction2's float32 arithmetic, exp included.
inline void add_keypoint_heatmap(std::span<float> map, std::size_t h, std::size_t w, float mx, float my, float value,
                                 double sigma) {
    if (static_cast<double>(value) < pose_score_floor) return;
    // numpy 1.x: a float32 scalar minus a Python float is a double.
    const pose_window win = window_around(mx, mx, my, my, sigma, h, w);
    if (win.empty()) return;
    const float sigma2 = static_cast<float>(sigma * sigma);
    for (long long y = win.y0; y < win.y1; ++y) {
        const float dy = static_cast<float>(y) - my;
        for (long long x = win.x0; x < win.x1; ++x) {
            const float dx = static_cast<float>(x) - mx;
            const float d2 = dx * dx + dy * dy;
            const float patch = std::exp(-d2 / 2.f / sigma2) * value;
            float& cell = map[static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x)];
            cell = std::max(cell, patch);
        }
    }
}

// One limb's heatmap (the Gaussian of the distance to the segment a–b), maxed into an H × W map. The
// distances are float32 as in MMAction2; its selection arithmetic promotes them to double, so exp is double.
inline void add_limb_heatmap(std::span<float> map, std::size_t h, std::size_t w, std::array<float, 2> a,
                             std::array<float, 2> b, float value_a, float value_b, double sigma) {
    const float value = std::min(value_a, value_b);
    if (static_cast<double>(value) < pose_score_floor) return;
    const pose_window win =
        window_around(std::min(a[0], b[0]), std::max(a[0], b[0]), std::min(a[1], b[1]), std::max(a[1], b[1]), sigma, h, w);
    if (win.empty()) return;
    // numpy 1.x squares a float32 scalar into a double: the limb's length² is a double, rounded to float32
    // only where it meets the float32 distance arrays.
    const double dx = static_cast<double>(a[0] - b[0]), dy = static_cast<double>(a[1] - b[1]);
    const double length2 = dx * dx + dy * dy;
    if (length2 < 1.0) {
        // A limb shorter than a pixel is its first keypoint, over the whole map.
        add_keypoint_heatmap(map, h, w, a[0], a[1], value_a, sigma);
        return;
    }
    const float d2ab = static_cast<float>(length2);
    const double sigma2 = sigma * sigma;
    for (long long y = win.y0; y < win.y1; ++y) {
        const float fy = static_cast<float>(y);
        for (long long x = win.x0; x < win.x1; ++x) {
            const float fx = static_cast<float>(x);
            const float d2a = (fx - a[0]) * (fx - a[0]) + (fy - a[1]) * (fy - a[1]);
            const float d2b = (fx - b[0]) * (fx - b[0]) + (fy - b[1]) * (fy - b[1]);
            const float coeff = (d2a - d2b + d2ab) / 2.f / d2ab;
            float d2 = 0.f;
            if (coeff <= 0.f) d2 = d2a;
            else if (coeff >= 1.f) d2 = d2b;
            else {
                const float px = fx - (a[0] + coeff * (b[0] - a[0]));
                const float py = fy - (a[1] + coeff * (b[1] - a[1]));
                d2 = px * px + py * py;
            }
            const double patch = std::exp(-static_cast<double>(d2) / 2. / sigma2) * static_cast<double>(value);
            float& cell = map[static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x)];
            cell = std::max(cell, static_cast<float>(patch));
        }
    }
}

}  // namespace detail

/// MMAction2 0.x `GeneratePoseTarget(sigma, use_score, with_kp, with_limb, skeletons, double, left_kp,
/// right_kp)`: PoseC3D's pseudo-heatmaps. For each frame of the record it makes, over the record's
/// `img_shape`, one map per keypoint (`with_kp`) — `exp(-d²/2σ²)·score` inside a window of ±3σ around it,
/// the maximum over persons — followed by one map per limb (`with_limb`) — the same Gaussian of the
/// distance to the segment, scaled by the smaller of its two scores. A keypoint (or limb) whose score is
/// below 1e-4 adds nothing; `use_score = false` uses 1 for every score, as does a record without scores.
/// With `double_flip`, the frames are followed by those of the horizontally flipped skeleton (x ↦ W − x
/// for x ≠ 0, left and right keypoints swapped), as MMAction2's `double=True` does for test-time flips.
///
/// Output: T × H × W × K float heatmaps (K = V·with_kp + limbs·with_limb; 2T frames with `double_flip`),
/// the layout MMAction2 0.x's `imgs` have here; format_shape<layouts::ncthw> then gives PoseC3D's input.
///
///   generate_pose_target heatmaps{.sigma = 0.6, .with_kp = true, .with_limb = false};
///   layout_tensor<layouts::nhwc> maps = heatmaps(std::move(record), g);        // 48 × 56 × 56 × 17
///
/// Exactness: keypoint maps in float32 as numpy computes them (the exponential's last bit can differ from
/// numpy's vectorised expf); limb maps with the double exponential that numpy's type promotion gives.
/// The tests hold both to 1e-6 of a numpy transcription. Throws vidata::invalid_argument when the record is
/// inconsistent, has an empty img_shape, or a limb or flip index is out of range.
struct generate_pose_target {
    double sigma = 0.6;
    bool use_score = true;
    bool with_kp = true;
    bool with_limb = false;
    std::vector<limb> skeletons = coco17_limbs;
    bool double_flip = false;
    std::vector<std::size_t> left_kp = coco17_left_keypoints;
    std::vector<std::size_t> right_kp = coco17_right_keypoints;

    [[nodiscard]] layout_tensor<layouts::nhwc> operator()(const skeleton_record& record, rng& /*unused*/) const {
        return apply(record);
    }

    [[nodiscard]] layout_tensor<layouts::nhwc> apply(const skeleton_record& record) const {
        check(record);
        const std::size_t t = record.num_frames(), h = static_cast<std::size_t>(record.img_shape.height),
                          w = static_cast<std::size_t>(record.img_shape.width);
        const std::size_t k = channels(record);
        const std::size_t frames = double_flip ? 2 * t : t;
        layout_tensor<layouts::nhwc> out({frames, h, w, k}, detail::large_buffer<float>(frames * h * w * k));
        render(record, out, 0);
        if (double_flip) render(flipped(record), out, t);
        return out;
    }

    /// The heatmap channels a record of V keypoints gets.
    [[nodiscard]] std::size_t channels(const skeleton_record& record) const noexcept {
        return (with_kp ? record.num_keypoints() : 0) + (with_limb ? skeletons.size() : 0);
    }

    /// MMAction2's Flip(flip_ratio=1) of the keypoints, as `double_flip` uses it.
    [[nodiscard]] skeleton_record flipped(skeleton_record record) const {
        const std::size_t v = record.num_keypoints(), coords = record.num_coordinates();
        std::vector<std::size_t> order(v);
        for (std::size_t i = 0; i < v; ++i) order[i] = i;
        for (std::size_t i = 0; i < left_kp.size() && i < right_kp.size(); ++i) {
            order[left_kp[i]] = right_kp[i];
            order[right_kp[i]] = left_kp[i];
        }
        const float width = static_cast<float>(record.img_shape.width);
        const float_tensor kp = record.keypoint;
        const float_tensor score = record.keypoint_score;
        const std::size_t rows = record.num_persons() * record.num_frames();
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t j = 0; j < v; ++j) {
                const float* src = kp.data() + (r * v + order[j]) * coords;
                float* dst = record.keypoint.data() + (r * v + j) * coords;
                for (std::size_t c = 0; c < coords; ++c) dst[c] = src[c];
                if (dst[0] != 0.f) dst[0] = width - dst[0];
                if (!score.empty()) record.keypoint_score.data()[r * v + j] = score.data()[r * v + order[j]];
            }
        return record;
    }

private:
    void check(const skeleton_record& record) const {
        const std::string where = "vidata::transforms::generate_pose_target: '" + record.frame_dir + "': ";
        if (!record.consistent() || record.num_coordinates() < 2)
            throw invalid_argument(where + "keypoint is not M x T x V x C with C >= 2 matching keypoint_score");
        if (record.img_shape.empty()) throw invalid_argument(where + "img_shape is empty");
        if (!with_kp && !with_limb) throw invalid_argument(where + "with_kp and with_limb are both false");
        const std::size_t v = record.num_keypoints();
        for (const limb& l : skeletons)
            if (with_limb && (l[0] >= v || l[1] >= v))
                throw invalid_argument(where + "limb (" + std::to_string(l[0]) + ", " + std::to_string(l[1]) +
                                       ") joins a keypoint beyond the record's " + std::to_string(v));
        if (double_flip)
            for (std::size_t i = 0; i < left_kp.size() && i < right_kp.size(); ++i)
                if (left_kp[i] >= v || right_kp[i] >= v)
                    throw invalid_argument(where + "left_kp/right_kp name a keypoint beyond the record's " + std::to_string(v));
    }

    void render(const skeleton_record& record, layout_tensor<layouts::nhwc>& out, std::size_t first_frame) const {
        const std::size_t m = record.num_persons(), t = record.num_frames(), v = record.num_keypoints(),
                          coords = record.num_coordinates(), h = out.extent(1), w = out.extent(2), k = out.extent(3);
        const bool scored = !record.keypoint_score.empty();
        std::vector<float> map(h * w);
        const auto x_of = [&](std::size_t p, std::size_t f, std::size_t j) { return record.keypoint.data()[((p * t + f) * v + j) * coords]; };
        const auto y_of = [&](std::size_t p, std::size_t f, std::size_t j) { return record.keypoint.data()[((p * t + f) * v + j) * coords + 1]; };
        const auto score_of = [&](std::size_t p, std::size_t f, std::size_t j) {
            return use_score && scored ? record.keypoint_score.data()[(p * t + f) * v + j] : 1.f;
        };
        for (std::size_t f = 0; f < t; ++f) {
            std::size_t channel = 0;
            const auto emit = [&] {
                float* dst = out.data() + (first_frame + f) * h * w * k + channel;
                for (std::size_t i = 0; i < h * w; ++i) dst[i * k] = map[i];
                ++channel;
            };
            if (with_kp)
                for (std::size_t j = 0; j < v; ++j) {
                    std::fill(map.begin(), map.end(), 0.f);
                    for (std::size_t p = 0; p < m; ++p)
                        detail::add_keypoint_heatmap(map, h, w, x_of(p, f, j), y_of(p, f, j), score_of(p, f, j), sigma);
                    emit();
                }
            if (with_limb)
                for (const limb& l : skeletons) {
                    std::fill(map.begin(), map.end(), 0.f);
                    for (std::size_t p = 0; p < m; ++p)
                        detail::add_limb_heatmap(map, h, w, {x_of(p, f, l[0]), y_of(p, f, l[0])}, {x_of(p, f, l[1]), y_of(p, f, l[1])},
                                                 score_of(p, f, l[0]), score_of(p, f, l[1]), sigma);
                    emit();
                }
        }
    }
};

}  // namespace vidata::transforms
