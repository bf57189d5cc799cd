// SPDX-License-Identifier: Apache-2.0
// vidata::tube_iou: the spatio-temporal IoU of two action tubes (ACT's iou3dt), and the box IoU it averages.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/metrics/box_iou.hpp>
#include <vidata/metrics/policy.hpp>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace vidata {

/// A policy of the tube metrics (policy.hpp): one constant per place where ACT/MOC and MultiSports differ.
///   P::boxes       — box_extent:       x2 - x1 + 1 (ACT) or x2 - x1 (MultiSports);
///   P::frames      — frame_extent:     last - first + 1 (ACT) or last - first (MultiSports);
///   P::matching    — gt_matching:      best unclaimed ground truth (ACT) or best overall, if unclaimed (MultiSports);
///   P::integration — pr_integration:   trapezoid from (0, 1) (ACT) or VOC all points (MultiSports);
///   P::ties        — detection_ties:   canonical order or numpy's argsort order for equal scores.
/// Derive from a named policy to change one choice: `struct mine : vidata::act_tube_policy {
/// static constexpr detection_ties ties = detection_ties::numpy_quicksort; };`.
template <typename P>
concept tube_metric_policy = requires {
    requires std::same_as<std::remove_cv_t<decltype(P::boxes)>, box_extent>;
    requires std::same_as<std::remove_cv_t<decltype(P::frames)>, frame_extent>;
    requires std::same_as<std::remove_cv_t<decltype(P::matching)>, gt_matching>;
    requires std::same_as<std::remove_cv_t<decltype(P::integration)>, pr_integration>;
    requires std::same_as<std::remove_cv_t<decltype(P::ties)>, detection_ties>;
};

static_assert(tube_metric_policy<act_tube_policy> && tube_metric_policy<multisports_tube_policy>);

/// Intersection over union of two boxes, with widths measured as `E` says (`x2 - x1`, or `x2 - x1 + 1`
/// for inclusive pixel corners; heights alike): the box IoU of the tube metrics.
///
/// Well defined for every finite input, so that a metric never meets a NaN: a side shorter than zero
/// (an inverted box) counts as zero, and two boxes of zero area have IoU 0 — ACT and MultiSports would
/// compute a negative area or 0/0 = NaN there. For boxes with x1 ≤ x2 and y1 ≤ y2 (and, when continuous,
/// a positive area) the value is exactly the references' formula, and under box_extent::continuous
/// bit-identical to vidata::box_iou (which keeps numpy's NaN and negative areas instead). O(1).
///   clamped_box_iou<box_extent::inclusive_pixels>({0, 0, 9, 9}, {5, 0, 14, 9}) == 50.0 / 150.0
template <box_extent E>
[[nodiscard]] constexpr double clamped_box_iou(const box& a, const box& b) noexcept {
    constexpr double one = E == box_extent::inclusive_pixels ? 1.0 : 0.0;
    const auto side = [](double lo, double hi) { return std::max(0.0, hi - lo + one); };
    const double inter = side(std::max(a.x1, b.x1), std::min(a.x2, b.x2)) * side(std::max(a.y1, b.y1), std::min(a.y2, b.y2));
    const double area_a = side(a.x1, a.x2) * side(a.y1, a.y2);
    const double area_b = side(b.x1, b.x2) * side(b.y1, b.y2);
    const double union_area = area_a + area_b - inter;
    return union_area > 0.0 ? inter / union_area : 0.0;
}

static_assert(clamped_box_iou<box_extent::inclusive_pixels>({0, 0, 9, 9}, {5, 0, 14, 9}) == 50.0 / 150.0);
static_assert(clamped_box_iou<box_extent::continuous>({0, 0, 10, 10}, {5, 0, 15, 10}) == 50.0 / 150.0);
static_assert(clamped_box_iou<box_extent::continuous>({3, 3, 3, 3}, {3, 3, 3, 3}) == 0.0);  // 0/0 is defined as 0
static_assert(clamped_box_iou<box_extent::inclusive_pixels>({3, 3, 3, 3}, {3, 3, 3, 3}) == 1.0);

/// The temporal IoU of the frame spans [first_a, last_a] and [first_b, last_b] (integral frame numbers,
/// first ≤ last), lengths measured as `F` says. Disjoint spans give 0. Under frame_extent::continuous two
/// single-frame tubes on the same frame have 0/0: defined as 0, as a non-match (MultiSports yields NaN,
/// which never reaches a threshold either).
template <frame_extent F>
[[nodiscard]] constexpr double frame_span_iou(double first_a, double last_a, double first_b, double last_b) noexcept {
    constexpr double one = F == frame_extent::inclusive_frames ? 1.0 : 0.0;
    const double lo = std::max(first_a, first_b);
    const double hi = std::min(last_a, last_b);
    if (hi < lo) return 0.0;
    const double union_length = std::max(last_a, last_b) - std::min(first_a, first_b) + one;
    return union_length > 0.0 ? (hi - lo + one) / union_length : 0.0;
}

static_assert(frame_span_iou<frame_extent::inclusive_frames>(1, 10, 6, 15) == 5.0 / 15.0);
static_assert(frame_span_iou<frame_extent::continuous>(1, 10, 6, 15) == 4.0 / 14.0);
static_assert(frame_span_iou<frame_extent::inclusive_frames>(1, 5, 6, 10) == 0.0);

/// Throws invalid_argument (naming `what`, e.g. "ground-truth tube 2 of class 4 in video 'x'") unless `t`
/// is a tube the tube metrics accept: at least one row; frame numbers finite, integral and strictly
/// increasing (gaps allowed); box corners finite. O(rows).
inline void check_tube(const tube& t, std::string_view what) {
    const auto fail = [&](const std::string& why) {
        throw invalid_argument(std::string(what) + ": " + why);
    };
    if (t.rows() == 0) fail("a tube needs at least one row (frame, x1, y1, x2, y2)");
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
        const double f = t(i, 0);
        if (!std::isfinite(f) || f != std::floor(f))
            fail("row " + std::to_string(i) + " has frame number " + std::to_string(f) + ", expected an integer");
        if (i > 0 && !(f > t(i - 1, 0)))
            fail("row " + std::to_string(i) + " has frame " + std::to_string(static_cast<long long>(f)) +
                 " after frame " + std::to_string(static_cast<long long>(t(i - 1, 0))) +
                 "; frames must be strictly increasing");
        for (Eigen::Index c = 1; c < 5; ++c)
            if (!std::isfinite(t(i, c))) fail("row " + std::to_string(i) + " has a non-finite box corner");
    }
}

namespace detail {

[[nodiscard]] inline box row_box(const tube& t, Eigen::Index i) noexcept {
    return {t(i, 1), t(i, 2), t(i, 3), t(i, 4)};
}

/// tube_iou for tubes that passed check_tube.
template <tube_metric_policy P>
[[nodiscard]] double tube_iou_unchecked(const tube& a, const tube& b) noexcept {
    const double first_a = a(0, 0), last_a = a(a.rows() - 1, 0);
    const double first_b = b(0, 0), last_b = b(b.rows() - 1, 0);
    const double t_iou = frame_span_iou<P::frames>(first_a, last_a, first_b, last_b);
    if (t_iou == 0.0) return 0.0;
    const double lo = std::max(first_a, first_b);
    const double hi = std::min(last_a, last_b);
    // Walk both tubes through the common span; a frame either tube lacks adds 0 to the mean.
    const auto start = [lo](const tube& t) {
        Eigen::Index i = 0;
        while (t(i, 0) < lo) ++i;
        return i;
    };
    Eigen::Index i = start(a), j = start(b);
    double sum = 0.0;
    while (i < a.rows() && j < b.rows() && a(i, 0) <= hi && b(j, 0) <= hi) {
        if (a(i, 0) == b(j, 0)) {
            sum += clamped_box_iou<P::boxes>(row_box(a, i), row_box(b, j));
            ++i;
            ++j;
        } else if (a(i, 0) < b(j, 0)) {
            ++i;
        } else {
            ++j;
        }
    }
    const double spatial = sum / (hi - lo + 1.0);
    return spatial * t_iou;
}

}  // namespace detail

/// The spatio-temporal IoU of two tubes (rows `frame, x1, y1, x2, y2`), ACT's `iou3dt`:
///
///   tube_iou(a, b) = frame_span_iou(span a, span b) × mean over frames f in the common span of clamped_box_iou(a(f), b(f))
///
/// where the spans are [first frame, last frame] of each tube, and the mean runs over every frame number of
/// the common span [max(firsts), min(lasts)], a frame that either tube lacks (a gap) counting 0. Disjoint
/// spans give 0. Under act_tube_policy both lengths count frames inclusively (`last - first + 1`) and
/// boxes are inclusive pixels (`x2 - x1 + 1`), as ACT-detector and MOC define them; under
/// multisports_tube_policy both are continuous (`last - first`, `x2 - x1`), as MultiSports does.
/// For gap-free tubes this is exactly the references' value; they assume no gaps (and fail on one).
///
/// Symmetric, in [0, 1]. Throws invalid_argument when a tube fails check_tube. O(rows of a + rows of b).
///   vidata::tube_iou(gt_tube, detected_tube)                            // ACT / MOC
///   vidata::tube_iou(gt_tube, detected_tube, vidata::multisports_tubes) // MultiSports
template <tube_metric_policy P = act_tube_policy>
[[nodiscard]] double tube_iou(const tube& a, const tube& b, P = {}) {
    check_tube(a, "vidata::tube_iou: the first tube");
    check_tube(b, "vidata::tube_iou: the second tube");
    return detail::tube_iou_unchecked<P>(a, b);
}

}  // namespace vidata
