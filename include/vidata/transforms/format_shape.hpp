// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::format_shape<L>: MMAction2's FormatShape, frames (M × H × W × C) to a model's input layout L.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/transforms/detail/tensor_storage.hpp>
#include <vidata/transforms/layout_tensor.hpp>
#include <vidata/transforms/video_sample.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::transforms {

namespace detail {

template <class L>
struct collapse_traits {
    using base = L;
    static constexpr bool collapse = false;
};
template <class L>
struct collapse_traits<layouts::collapsed<L>> {
    using base = L;
    static constexpr bool collapse = true;
};

template <class L>
inline constexpr bool is_format_shape_layout =
    std::is_same_v<L, layouts::nchw> || std::is_same_v<L, layouts::ncthw> || std::is_same_v<L, layouts::nchw_flow> ||
    std::is_same_v<L, layouts::nptchw> || std::is_same_v<L, layouts::ncthw_heatmap>;

}  // namespace detail

/// MMAction2 `FormatShape(input_format, collapse)`: reorders the frames a pipeline made into the layout a
/// model takes. The layout is the template argument; `layouts::collapsed<L>` is `collapse=True` (drops the
/// leading axis, which must be 1: a single clip and crop, as the AVA detectors take).
///
/// Inputs (M = N_crops · num_clips · clip_len frames, MMAction2's `imgs`):
/// - `nchw`: M × H × W × C frames → M × C × H × W.
/// - `ncthw`: M × H × W × C → (N_crops·num_clips) × C × clip_len × H × W.
/// - `nchw_flow`: M × H × W × C (normalize_flow's T × H × W × 2) → (N_crops·num_clips) × (clip_len·C) × H × W,
///   channels ordered frame-major (x₀ y₀ x₁ y₁ ...).
/// - `nptchw`: M × H × W × C → num_proposals × (num_clips·clip_len) × C × H × W.
/// - `ncthw_heatmap`: M × K × H × W heatmaps (MMAction2 1.x's GeneratePoseTarget order, a `layouts::nchw`
///   tensor) → (N_crops·num_clips) × K × clip_len × H × W. (0.x writes heatmaps as M × H × W × K and
///   formats them with plain `ncthw`; both give the same array.)
/// The frames may be floats (after normalize) or bytes (a `clip`, or a uint8 layout_tensor): the element
/// type is kept. MMAction2 reads `num_clips` and `clip_len` from the results dict; here they are settings,
/// and N_crops is derived as there: M / (num_clips · clip_len), which must divide evenly (ThreeCrop and
/// TenCrop multiply the frames crop-major, which is the order this reads them in).
///
///   format_shape<layouts::ncthw> to_ncthw{.clip_len = 32, .num_clips = 1};
///   layout_tensor<layouts::ncthw> x = to_ncthw(normalize_stage(frames, g), g);   // 3 crops → 3 × 3 × 32 × H × W
///
/// Draws nothing from the rng. Throws vidata::invalid_argument when the frame count does not divide, or a
/// collapsed layout's leading axis is not 1.
template <class L>
    requires detail::is_format_shape_layout<typename detail::collapse_traits<L>::base>
struct format_shape {
    using layout = L;
    using base_layout = typename detail::collapse_traits<L>::base;
    static constexpr bool collapse = detail::collapse_traits<L>::collapse;

    /// Frames per clip (MMAction2's results['clip_len']). Unused by nchw.
    std::size_t clip_len = 1;
    /// Clips per sample (results['num_clips']). Unused by nchw.
    std::size_t num_clips = 1;
    /// Proposals per sample (results['num_proposals']); nptchw only.
    std::size_t num_proposals = 1;

    /// The input layout: frames, or heatmap frames for ncthw_heatmap.
    using input_layout = std::conditional_t<std::is_same_v<base_layout, layouts::ncthw_heatmap>, layouts::nchw, layouts::nhwc>;

    template <class T>
    [[nodiscard]] layout_tensor<L, T> operator()(const layout_tensor<input_layout, T>& frames, rng& /*unused*/) const {
        return apply(frames);
    }

    /// Decoded bytes, formatted without normalisation (a clip is M × H × W × C).
    [[nodiscard]] layout_tensor<L, std::uint8_t> operator()(clip_view frames, rng& /*unused*/) const
        requires(!std::is_same_v<base_layout, layouts::ncthw_heatmap>)
    {
        layout_tensor<layouts::nhwc, std::uint8_t> t({frames.frames(), frames.height(), frames.width(), frames.channels()},
                                                     std::vector<std::uint8_t>(frames.pixels().begin(), frames.pixels().end()));
        return apply(t);
    }

    /// A sample: the clip counts come from its info, as MMAction2 reads them from the results dict
    /// (`info.num_clips`, `info.clip_len`, or, where clip_len is 0, all of a crop's frames as one clip per
    /// `num_clips`), and the frames must be `info.num_crops` crops of them; this format_shape's own
    /// clip_len and num_clips are not used (num_proposals is, for nptchw). The info travels on, so the
    /// result is MMAction2's `Collect(keys=['imgs', 'label'])`: `.frames` and `.info.labels`.
    template <class T>
    [[nodiscard]] video_sample<layout_tensor<L, T>> operator()(video_sample<layout_tensor<input_layout, T>> sample,
                                                              rng& /*unused*/) const {
        return {for_info(sample.info, sample.frames.extent(0)).apply(sample.frames), std::move(sample.info)};
    }
    [[nodiscard]] video_sample<layout_tensor<L, std::uint8_t>> operator()(video_sample<clip> sample, rng& g) const
        requires(!std::is_same_v<base_layout, layouts::ncthw_heatmap>)
    {
        return {for_info(sample.info, sample.frames.frames())(clip_view(sample.frames), g), std::move(sample.info)};
    }

    /// The transform without an rng (it draws nothing).
    template <class T>
    [[nodiscard]] layout_tensor<L, T> apply(const layout_tensor<input_layout, T>& frames) const {
        if (collapse && num_clips != 1)
            throw invalid_argument("vidata::transforms::format_shape<" + std::string(L::name) +
                                   ">: collapse needs num_clips == 1, got " + std::to_string(num_clips));
        const std::size_t m = frames.extent(0), a1 = frames.extent(1), a2 = frames.extent(2), a3 = frames.extent(3);
        std::vector<std::size_t> shape;
        std::vector<T> out = detail::large_buffer<T>(frames.size());
        const T* in = frames.data();
        if constexpr (std::is_same_v<base_layout, layouts::nchw>) {
            // M × H × W × C → M × C × H × W.
            const std::size_t h = a1, w = a2, c = a3;
            shape = {m, c, h, w};
            to_planes(in, out.data(), m, h * w, c);
        } else if constexpr (std::is_same_v<base_layout, layouts::ncthw>) {
            // (N × L) × H × W × C → N × C × L × H × W.
            const std::size_t h = a1, w = a2, c = a3, l = clip_len, n = clips(m, l * num_clips) * num_clips;
            shape = {n, c, l, h, w};
            // Output (i, k, t) planes, each read from frame i·L + t with stride C: written in order.
            const std::size_t plane = h * w;
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t k = 0; k < c; ++k)
                    for (std::size_t t = 0; t < l; ++t)
                        gather_channel(in + (i * l + t) * plane * c + k, out.data() + ((i * c + k) * l + t) * plane, plane, c);
        } else if constexpr (std::is_same_v<base_layout, layouts::nchw_flow>) {
            // (N × L) × H × W × C → N × (L·C) × H × W, channel index t·C + k.
            const std::size_t h = a1, w = a2, c = a3, l = clip_len, n = clips(m, l * num_clips) * num_clips;
            shape = {n, l * c, h, w};
            // Channel t·C + k of clip i is channel k of frame i·L + t: every frame to planes, in frame order.
            to_planes(in, out.data(), m, h * w, c);
        } else if constexpr (std::is_same_v<base_layout, layouts::nptchw>) {
            // (P × M') × H × W × C → P × M' × C × H × W: every frame to CHW, grouped by proposal.
            const std::size_t h = a1, w = a2, c = a3, per = num_clips * clip_len;
            if (per == 0 || num_proposals * per != m)
                throw invalid_argument("vidata::transforms::format_shape<NPTCHW>: " + std::to_string(m) +
                                       " frames are not num_proposals × num_clips × clip_len = " +
                                       std::to_string(num_proposals) + " × " + std::to_string(num_clips) + " × " +
                                       std::to_string(clip_len));
            shape = {num_proposals, per, c, h, w};
            to_planes(in, out.data(), m, h * w, c);
        } else {
            // ncthw_heatmap: (N × L) × K × H × W → N × K × L × H × W.
            const std::size_t k_count = a1, h = a2, w = a3, l = clip_len, n = clips(m, l * num_clips) * num_clips;
            shape = {n, k_count, l, h, w};
            const std::size_t plane = h * w;
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t t = 0; t < l; ++t)
                    for (std::size_t k = 0; k < k_count; ++k) {
                        const T* src = in + ((i * l + t) * k_count + k) * plane;
                        T* dst = out.data() + ((i * k_count + k) * l + t) * plane;
                        for (std::size_t p = 0; p < plane; ++p) dst[p] = src[p];
                    }
        }
        if constexpr (collapse) {
            if (shape[0] != 1)
                throw invalid_argument("vidata::transforms::format_shape<" + std::string(L::name) +
                                       ">: collapse needs a single clip and crop, the leading axis is " +
                                       std::to_string(shape[0]));
            shape.erase(shape.begin());
        }
        return layout_tensor<L, T>(std::move(shape), std::move(out));
    }

    /// This format_shape with the clip counts a sample's info gives for its `frames` frames (what the
    /// video_sample overloads use). Throws vidata::invalid_argument when they do not add up.
    [[nodiscard]] format_shape with_counts(const clip_info& info, std::size_t frames) const { return for_info(info, frames); }

private:
    // Channel k of a frame of `plane` pixels with `c` interleaved channels, written contiguously.
    template <class T>
    static void gather_channel(const T* in, T* out, std::size_t plane, std::size_t c) noexcept {
        for (std::size_t p = 0; p < plane; ++p) out[p] = in[p * c];
    }

    // `frames` frames from H × W × C to C × H × W, writing in output order.
    template <class T>
    static void to_planes(const T* in, T* out, std::size_t frames, std::size_t plane, std::size_t c) noexcept {
        for (std::size_t i = 0; i < frames; ++i)
            for (std::size_t k = 0; k < c; ++k) gather_channel(in + i * plane * c + k, out + (i * c + k) * plane, plane, c);
    }

    // This format_shape with the clip counts a sample's info gives for its m frames.
    [[nodiscard]] format_shape for_info(const clip_info& info, std::size_t m) const {
        format_shape f = *this;
        if constexpr (std::is_same_v<base_layout, layouts::nptchw>) {
            // Frames are grouped by proposal, not by crop; apply() checks that they add up.
            f.num_clips = info.num_clips;
            f.clip_len = info.clip_len != 0 || num_proposals * info.num_clips == 0 ? info.clip_len
                                                                                    : m / (num_proposals * info.num_clips);
            return f;
        }
        const std::size_t crops = info.num_crops, clips_per_crop = info.num_clips;
        if (crops == 0 || clips_per_crop == 0 || m % (crops * clips_per_crop) != 0)
            throw invalid_argument("vidata::transforms::format_shape<" + std::string(L::name) + ">: " + std::to_string(m) +
                                   " frames are not num_crops × num_clips = " + std::to_string(crops) + " × " +
                                   std::to_string(clips_per_crop) + " clips of equal length");
        const std::size_t length = info.clip_len != 0 ? info.clip_len : m / (crops * clips_per_crop);
        if (crops * clips_per_crop * length != m)
            throw invalid_argument("vidata::transforms::format_shape<" + std::string(L::name) + ">: " + std::to_string(m) +
                                   " frames are not num_crops × num_clips × clip_len = " + std::to_string(crops) + " × " +
                                   std::to_string(clips_per_crop) + " × " + std::to_string(length));
        f.clip_len = length;
        f.num_clips = clips_per_crop;
        return f;
    }

    // N_crops: how many times num_clips · clip_len frames fit in m; they must fit exactly.
    [[nodiscard]] std::size_t clips(std::size_t m, std::size_t per_crop) const {
        if (per_crop == 0 || m % per_crop != 0)
            throw invalid_argument("vidata::transforms::format_shape<" + std::string(L::name) + ">: " + std::to_string(m) +
                                   " frames are not a whole number of crops of num_clips × clip_len = " +
                                   std::to_string(num_clips) + " × " + std::to_string(clip_len) + " frames");
        return m / per_crop;
    }
};

}  // namespace vidata::transforms
