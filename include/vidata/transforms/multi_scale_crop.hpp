// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::multi_scale_crop: MMAction2's MultiScaleCrop, TSN's corner/centre crops of a few scales.
#pragma once

#include <vidata/core/crop_plan.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/geometric_value.hpp>

#include <array>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// MultiScaleCrop (MMAction2 0.x, TSN's augmentation). Only crops; configs follow it with
/// `resize{{224, 224}, false}`.
///
/// With base = min(H, W), the crop sides are int(base · s) for each of `scales`; the candidates are every
/// (w, h) pair of sides whose scale indices differ by at most `max_wh_scale_gap`, listed h-index-major, and one
/// is drawn uniformly (Python's random.choice). Each side within 3 px of `input_size` snaps to it. Then the
/// offset: with `random_crop`, x = U{0..W−w} then y = U{0..H−h}; otherwise one of the fixed offsets,
/// with step = (W − w) // 4 and (H − h) // 4: upper left, upper right, lower left, lower right, centre, and for
/// `num_fixed_crops == 13` also centre left, centre right, lower centre, upper centre and the four quarter
/// points (1,1), (3,1), (1,3), (3,3) steps. Throws invalid_argument when the chosen box does not fit.
///
///   multi_scale_crop{{224, 224}, {1, 0.875, 0.75, 0.66}}                   // TSN
///   multi_scale_crop{{224, 224}, {1, 0.875, 0.75, 0.66}, 1, false, 13}     // TSN on Something-Something
struct multi_scale_crop {
    std::pair<int, int> input_size{224, 224};  ///< (w, h)
    std::vector<double> scales{1.0};
    int max_wh_scale_gap = 1;
    bool random_crop = false;
    int num_fixed_crops = 5;

    /// The fixed offsets in MMAction2's order, in steps: (x steps, y steps).
    static constexpr std::array<std::pair<int, int>, 13> fixed_offsets{{{0, 0},
                                                                        {4, 0},
                                                                        {0, 4},
                                                                        {4, 4},
                                                                        {2, 2},
                                                                        {0, 2},
                                                                        {4, 2},
                                                                        {2, 4},
                                                                        {2, 0},
                                                                        {1, 1},
                                                                        {3, 1},
                                                                        {1, 3},
                                                                        {3, 3}}};

    /// The candidate (w, h) sizes for frames of `s`, before snapping, in the order random.choice indexes them.
    [[nodiscard]] std::vector<std::pair<int, int>> candidate_sizes(image_size s) const {
        if (scales.empty()) throw invalid_argument("vidata::transforms::multi_scale_crop: no scales");
        const int base = std::min(s.height, s.width);
        std::vector<int> sides;
        for (const double sc : scales) sides.push_back(static_cast<int>(base * sc));
        std::vector<std::pair<int, int>> out;
        for (std::size_t i = 0; i < sides.size(); ++i)
            for (std::size_t j = 0; j < sides.size(); ++j)
                if (std::abs(static_cast<long>(i) - static_cast<long>(j)) <= max_wh_scale_gap) out.emplace_back(sides[j], sides[i]);
        return out;
    }

    [[nodiscard]] crop_box choose(image_size s, rng& g) const {
        if (num_fixed_crops != 5 && num_fixed_crops != 13)
            throw invalid_argument("vidata::transforms::multi_scale_crop: num_fixed_crops must be 5 or 13, not " + std::to_string(num_fixed_crops));
        const auto candidates = candidate_sizes(s);
        auto [w, h] = candidates[static_cast<std::size_t>(g.uniform_int<std::size_t>(0, candidates.size() - 1))];
        if (std::abs(w - input_size.first) < 3) w = input_size.first;
        if (std::abs(h - input_size.second) < 3) h = input_size.second;
        detail::require_fits("vidata::transforms::multi_scale_crop", w, h, s);
        if (random_crop) {
            const int x = g.uniform_int(0, s.width - w);
            const int y = g.uniform_int(0, s.height - h);
            return {x, y, w, h};
        }
        const int w_step = (s.width - w) / 4, h_step = (s.height - h) / 4;
        const auto [kx, ky] = fixed_offsets[g.uniform_int<std::size_t>(0, static_cast<std::size_t>(num_fixed_crops) - 1)];
        return {kx * w_step, ky * h_step, w, h};
    }

    template <geometric_value V>
    [[nodiscard]] V operator()(V v, rng& g) const {
        detail::require_frames(v, "vidata::transforms::multi_scale_crop");
        detail::apply_crop(v, choose(detail::current_size(v), g));
        return v;
    }

    void plan(crop_plan& p, rng& g) const {
        const crop_box b = choose(p.output, g);
        p.crop(b.x, b.y, b.width, b.height);
    }
};

}  // namespace vidata::transforms
