// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::normalize_format<L>: Normalize then FormatShape in one pass, from bytes straight to layout L.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/detail/tensor_storage.hpp>
#include <vidata/transforms/format_shape.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/normalize.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::transforms {

/// `format_shape<L>(normalize(frames))` without the frames-sized float intermediate: each byte is read once
/// and its normalised value written where FormatShape puts it. The result is bit-identical to the two
/// stages (a test compares them), and about twice as fast on a TSN test sample, whose intermediate is
/// 150 MB (benchmarks/photometric.cpp). For RGB frames and the layouts that keep a frame's channels as
/// planes: nchw, ncthw, nptchw and their collapsed forms.
///
///   normalize_format<layouts::ncthw> to_input{kinetics_norm, {.clip_len = 32}};
///   layout_tensor<layouts::ncthw> x = to_input(std::move(frames), g);
///
/// A video_sample takes its clip counts from its info, as format_shape does; a flow sample goes through
/// the two stages. Throws what normalize and format_shape throw.
template <class L>
    requires(std::is_same_v<typename format_shape<L>::base_layout, layouts::nchw> ||
             std::is_same_v<typename format_shape<L>::base_layout, layouts::ncthw> ||
             std::is_same_v<typename format_shape<L>::base_layout, layouts::nptchw>)
struct normalize_format {
    normalize norm;
    format_shape<L> shape;

    [[nodiscard]] layout_tensor<L> operator()(clip_view frames, rng& /*unused*/) const { return apply(frames, shape); }

    [[nodiscard]] video_sample<layout_tensor<L>> operator()(video_sample<clip> sample, rng& g) const {
        if (sample.info.flow) return shape(norm(std::move(sample), g), g);
        const format_shape<L> counted = shape.with_counts(sample.info, sample.frames.frames());
        return {apply(sample.frames, counted), std::move(sample.info)};
    }

private:
    [[nodiscard]] layout_tensor<L> apply(clip_view frames, const format_shape<L>& f) const {
        // The shape, and every check, from format_shape itself on a tensor with no pixels.
        const std::size_t m = frames.frames(), h = frames.height(), w = frames.width(), c = frames.channels();
        const layout_tensor<L> empty = f.apply(layout_tensor<layouts::nhwc>({m, 0, 0, c}));
        std::vector<std::size_t> out_shape(empty.shape().begin(), empty.shape().end());
        // Replace the two zero-length spatial axes by H and W (they are the last two in every layout here).
        out_shape[out_shape.size() - 2] = h;
        out_shape[out_shape.size() - 1] = w;
        // normalize's checks (channel count, mean/std sizes) on a frame-less view.
        (void)norm.apply(clip_view(frames.data(), 0, h, w, c));

        std::vector<float> out = detail::large_buffer<float>(frames.size());
        std::vector<float> sub(c);
        std::vector<double> mul(c);
        for (std::size_t k = 0; k < c; ++k) {
            sub[k] = norm.mean[k];
            mul[k] = 1.0 / static_cast<double>(norm.std[k]);
        }
        const std::size_t plane = h * w;
        const std::size_t l = std::is_same_v<typename format_shape<L>::base_layout, layouts::ncthw> ? f.clip_len : 1;
        const auto scale = [](std::uint8_t x, float s, double q) {
            return static_cast<float>(static_cast<double>(static_cast<float>(x) - s) * q);
        };
        std::vector<float*> planes(c);
        for (std::size_t i = 0; i < m; ++i) {
            const std::uint8_t* frame = frames.data() + i * plane * c;
            // Output plane of (frame i, channel k): frame-major (nchw, nptchw), or clip, channel, time (ncthw).
            const std::size_t clip_index = i / l, t = i % l;
            for (std::size_t k = 0; k < c; ++k) planes[k] = out.data() + ((clip_index * c + k) * l + t) * plane;
            if (c == 3) {
                // Each pixel's three bytes read together, written to three planes.
                const std::size_t r = norm.to_bgr ? 2 : 0, b = norm.to_bgr ? 0 : 2;
                float* const d0 = planes[0];
                float* const d1 = planes[1];
                float* const d2 = planes[2];
                for (std::size_t p = 0; p < plane; ++p) {
                    const std::uint8_t* px = frame + 3 * p;
                    d0[p] = scale(px[r], sub[0], mul[0]);
                    d1[p] = scale(px[1], sub[1], mul[1]);
                    d2[p] = scale(px[b], sub[2], mul[2]);
                }
            } else {
                for (std::size_t k = 0; k < c; ++k)
                    for (std::size_t p = 0; p < plane; ++p) planes[k][p] = scale(frame[p * c + k], sub[k], mul[k]);
            }
        }
        return layout_tensor<L>(std::move(out_shape), std::move(out));
    }
};

}  // namespace vidata::transforms
