// SPDX-License-Identifier: Apache-2.0
// vidata::box and vidata::box_iou: intersection over union of axis-aligned boxes in continuous coordinates.
#pragma once

#include <vidata/core/error.hpp>

#include <cstddef>
#include <span>
#include <string>

namespace vidata {

/// An axis-aligned box by its corners, (x1, y1) top-left and (x2, y2) bottom-right, in continuous
/// coordinates (AVA's normalised [0, 1] coordinates, or pixels). Nothing is checked: a box with x2 < x1 or
/// y2 < y1 is representable, and the functions below say what they make of it.
struct box {
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;

    friend constexpr bool operator==(const box&, const box&) = default;
};

namespace detail {
// np.maximum / np.minimum: a NaN operand propagates (std::max would drop it when it is the second one).
[[nodiscard]] constexpr double np_maximum(double a, double b) noexcept { return (a >= b || a != a) ? a : b; }
[[nodiscard]] constexpr double np_minimum(double a, double b) noexcept { return (a <= b || a != a) ? a : b; }
}  // namespace detail

/// (y2 - y1) * (x2 - x1), signed: an inverted box has a negative (or, inverted both ways, positive) area.
/// The same number as `np_box_ops.area` (TensorFlow object detection API, AVA) and MultiSports'
/// `area2d_voc` (IEEE multiplication commutes, so their different operand orders agree bit for bit).
[[nodiscard]] constexpr double box_area(const box& b) noexcept { return (b.y2 - b.y1) * (b.x2 - b.x1); }

/// The area both boxes cover: max(0, min(y2) - max(y1)) * max(0, min(x2) - max(x1)), with numpy's
/// NaN-propagating maximum/minimum. Never negative unless a coordinate is NaN (then NaN).
[[nodiscard]] constexpr double box_intersection(const box& a, const box& b) noexcept {
    const double h = detail::np_maximum(0.0, detail::np_minimum(a.y2, b.y2) - detail::np_maximum(a.y1, b.y1));
    const double w = detail::np_maximum(0.0, detail::np_minimum(a.x2, b.x2) - detail::np_maximum(a.x1, b.x1));
    return h * w;
}

/// Intersection over union in continuous coordinates (no "+1" pixel convention):
/// inter / (area(a) + area(b) - inter), evaluated in that order, so that the result is bit-identical to
/// `np_box_ops.iou` (AVA frame-mAP) and to `iou2d_voc` (ACT / MultiSports frame-mAP).
///
/// Degenerate input is not special-cased, exactly as numpy computes it: two zero-area boxes give 0/0 =
/// NaN; a box inverted along one axis has a negative area and its IoU with anything is 0, -0 or NaN. AVA's
/// evaluator drops degenerate detections before calling this. constexpr, noexcept, O(1).
///   vidata::box_iou({0, 0, 2, 2}, {1, 1, 3, 3})  // 1 / 7
[[nodiscard]] constexpr double box_iou(const box& a, const box& b) noexcept {
    const double inter = box_intersection(a, b);
    return inter / (box_area(a) + box_area(b) - inter);
}

/// The IoU of every pair: out[i * b.size() + j] = box_iou(a[i], b[j]) (row-major a.size() x b.size(), as
/// np_box_ops.iou(a, b) returns it). The areas are computed once per box. Throws vidata::invalid_argument
/// when out.size() != a.size() * b.size(); allocates nothing.
inline void box_iou(std::span<const box> a, std::span<const box> b, std::span<double> out) {
    if (out.size() != a.size() * b.size())
        throw invalid_argument("vidata::box_iou: the output holds " + std::to_string(out.size()) + " values for " +
                               std::to_string(a.size()) + " x " + std::to_string(b.size()) +
                               " box pairs; pass a span of a.size() * b.size() doubles");
    std::size_t k = 0;
    for (const box& p : a) {
        const double area_p = box_area(p);
        for (const box& q : b) {
            const double inter = box_intersection(p, q);
            out[k++] = inter / (area_p + box_area(q) - inter);
        }
    }
}

}  // namespace vidata
