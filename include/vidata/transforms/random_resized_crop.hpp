// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::random_resized_crop: MMAction2's RandomResizedCrop, a box of random area and aspect ratio.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace vidata::transforms {

/// RandomResizedCrop (MMAction2 0.x). Despite the name it only crops; configs follow it with
/// `resize{{224, 224}, false}`. Ten candidates are drawn at once, as numpy does: first ten aspect ratios
/// exp(U(log a0, log a1)), then ten areas U(area0, area1) · H · W; candidate i is w = round(√(A·r)),
/// h = round(√(A/r)) (half to even). The first that fits (and is not empty) is placed at x = U{0..W−w},
/// then y = U{0..H−h} (both ends included, Python's random.randint). If none fits: the centred square of
/// side min(H, W). Each uniform double is drawn even when its range is a single value, so the numbers drawn
/// never depend on the settings' values.
struct random_resized_crop {
    std::pair<double, double> area_range{0.08, 1.0};
    std::pair<double, double> aspect_ratio_range{3.0 / 4.0, 4.0 / 3.0};

    static constexpr int max_attempts = 10;

    [[nodiscard]] crop_box choose(image_size s, rng& g) const {
        const auto [a0, a1] = area_range;
        const auto [r0, r1] = aspect_ratio_range;
        if (!(0.0 < a0 && a0 <= a1 && a1 <= 1.0) || !(0.0 < r0 && r0 <= r1))
            throw invalid_argument("vidata::transforms::random_resized_crop: needs 0 < area_range.first <= area_range.second <= 1 and "
                                   "0 < aspect_ratio_range.first <= aspect_ratio_range.second");
        if (s.empty()) throw invalid_argument("vidata::transforms::random_resized_crop: the frames are empty");
        std::array<double, max_attempts> ratios{}, areas{};
        const double log0 = std::log(r0), log1 = std::log(r1);
        for (double& r : ratios) r = std::exp(log0 + (log1 - log0) * g.uniform_real());
        const double area = static_cast<double>(s.height) * s.width;
        for (double& a : areas) a = (a0 + (a1 - a0) * g.uniform_real()) * area;
        for (int i = 0; i < max_attempts; ++i) {
            const auto w = static_cast<int>(std::nearbyint(std::sqrt(areas[static_cast<std::size_t>(i)] * ratios[static_cast<std::size_t>(i)])));
            const auto h = static_cast<int>(std::nearbyint(std::sqrt(areas[static_cast<std::size_t>(i)] / ratios[static_cast<std::size_t>(i)])));
            if (w >= 1 && h >= 1 && w <= s.width && h <= s.height) {
                const int x = g.uniform_int(0, s.width - w);
                const int y = g.uniform_int(0, s.height - h);
                return {x, y, w, h};
            }
        }
        const int side = std::min(s.height, s.width);
        return {(s.width - side) / 2, (s.height - side) / 2, side, side};
    }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& g) const {
        detail::require_frames(v, "vidata::transforms::random_resized_crop");
        detail::apply_crop(v, choose(detail::current_size(v), g));
        return v;
    }

    void plan(crop_plan& p, rng& g) const {
        const crop_box b = choose(p.output, g);
        p.crop(b.x, b.y, b.width, b.height);
    }
};

}  // namespace vidata::transforms
