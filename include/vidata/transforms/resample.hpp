// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::resample: one separable resample of a region of every frame, the cv2.resize kernels mmcv uses.
#pragma once

#include <vidata/core/assert.hpp>
#include <vidata/core/clip.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/transforms/interpolation.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// What "equal to OpenCV" means, checked against cv2.resize of Debian's python3-opencv 4.6 (x86-64, SSE2
// baseline) by tests/transforms/resample_test.cpp on random images of random sizes:
//
// - nearest (INTER_NEAREST): source index floor(d · (1 / (dst/src))) clamped to the last pixel, computed in
//   double as OpenCV does (so 29 · 54/58 lands on 26, not 27). Bit-exact.
// - bilinear (INTER_LINEAR, uint8): coefficients are float (d + 0.5) · scale − 0.5, split into an integer tap
//   and a fraction, rounded to 11-bit fixed point; the horizontal pass is exact integer arithmetic; the
//   vertical pass is OpenCV's SIMD formula ((S0 >> 4) · b0 >> 16) + ((S1 >> 4) · b1 >> 16), + 2, >> 2,
//   which OpenCV applies to every element of a row (its scalar formula (S0·b0 + S1·b1 + 2^21) >> 22 differs by
//   one in about 1 pixel in 20 and is never reached on this build). In x a coordinate outside the image
//   takes the edge pixel with weight 1; in y the fraction is kept and both taps clamp to the edge row, as
//   OpenCV does. Bit-exact.
// - bicubic (INTER_CUBIC, a = −0.75, uint8): same coefficient rounding, taps clamped (border replicate); the
//   vertical pass is OpenCV's float formula for the first ⌊n/8⌋·8 bytes of a row (products rounded to float,
//   summed from the last tap, rounded half to even) and the fixed-point formula for the rest. Bit-exact in the
//   tests; the stated tolerance is 1, for OpenCV builds whose float path differs (NEON, other SIMD widths).
//
// FMA: with -march=native a compiler may fuse a·b + c and round once where OpenCV rounds twice, moving a weight
// by one ulp and a pixel by one. Every product that feeds a sum is therefore rounded on its own (rounded_product in
// the tables; in the bicubic pass, products formed exactly in double and rounded to float), so baseline and
// -march=native builds (GCC 12, Clang 14) give the same bytes.
//
// Geometry: `resample` takes a crop_plan. In `region_mode::rounded` (MMAction2's Fuse) the plan's region is
// rounded to whole source pixels, cut out, resized to the output as cv2.resize would resize the cut-out,
// then mirrored: identical to MMAction2's lazy pipeline. In `region_mode::exact` the fractional region is
// sampled directly (output pixel centre d + 0.5 maps to region.x + (d + 0.5) · region.width / output.width),
// borders replicating at the frame's edges: the closest one resample comes to an eager Resize → Crop →
// Resize chain. Either way, a plan whose region is whole pixels of the output's size is a plain copy.
//
// Cost: per call, tables of output-size length and a buffer of 2 (bilinear) or 4 (bicubic) horizontally
// resampled rows, allocated once and reused for every frame; no allocation per pixel or per row. Each source
// row the output needs is resampled horizontally once per frame.

namespace vidata::transforms {

/// How `resample` treats a plan whose region is not whole pixels.
enum class region_mode : unsigned char {
    rounded,  ///< MMAction2's Fuse: round the region's edges to whole pixels, then resize that cut-out
    exact,    ///< sample the fractional region itself
};

namespace detail {

inline constexpr int resize_coef_bits = 11;
inline constexpr int resize_coef_scale = 1 << resize_coef_bits;

// cv2's saturate_cast<short>(float): round half to even, as cvRound does.
[[nodiscard]] inline std::int16_t fixed_weight(float w) {
    return static_cast<std::int16_t>(std::clamp(std::nearbyint(w * static_cast<float>(resize_coef_scale)), -32768.f, 32767.f));
}

// A product the compiler must round on its own: with FMA available (-march=native), GCC contracts a·b + c into one
// fused operation by default, which rounds once instead of twice and moves a weight or a coordinate by one ulp,
// enough to change a fixed-point weight and a pixel. OpenCV's build rounds each product; the empty asm makes the
// product opaque, so it cannot be fused. (Used where tables are built, not in the pixel loops.)
template <class T>
[[nodiscard]] inline T rounded_product(T a, T b) noexcept {
    T p = a * b;
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    __asm__("" : "+x"(p));
#elif defined(__GNUC__) && defined(__aarch64__)
    __asm__("" : "+w"(p));
#endif
    return p;
}

// Keys' cubic with a = -0.75, evaluated in float in OpenCV's order and rounding, so the fixed-point weights come out
// the same.
inline void cubic_weights(float x, float (&w)[4]) {
    constexpr float a = -0.75f;
    const auto mul = rounded_product<float>;
    const float x1 = x + 1.f, y = 1.f - x;
    w[0] = mul(mul(mul(a, x1) - 5.f * a, x1) + 8.f * a, x1) - 4.f * a;
    w[1] = mul(mul(mul(a + 2.f, x) - (a + 3.f), x), x) + 1.f;
    w[2] = mul(mul(mul(a + 2.f, y) - (a + 3.f), y), y) + 1.f;
    w[3] = 1.f - w[0] - w[1] - w[2];
}

/// Where each output index of one axis reads: `taps` source indices (absolute, clamped into the window) and
/// their fixed-point weights, output index after output index.
struct axis_map {
    int taps = 1;
    std::vector<int> index;
    std::vector<std::int16_t> weight;
};

/// The map of one axis. The window [`start`, `start + length`) is the source span the kernel may read (borders
/// replicate at its edges); `offset` (window pixels) and `scale` (window pixels per output pixel) place the
/// outputs: output d is centred on offset + (d + 0.5) · scale. `clamp_fraction` is OpenCV's x-axis rule for
/// bilinear (a coordinate beyond the edge gets the edge pixel with weight 1); its y axis keeps the fraction.
[[nodiscard]] inline axis_map make_axis_map(interpolation interp, int start, int length, double offset, double scale, int out_length,
                                            bool clamp_fraction) {
    axis_map m;
    m.taps = interp == interpolation::nearest ? 1 : interp == interpolation::bilinear ? 2 : 4;
    const auto n = static_cast<std::size_t>(out_length);
    m.index.resize(n * static_cast<std::size_t>(m.taps));
    if (interp != interpolation::nearest) m.weight.resize(m.index.size());
    const auto in_window = [&](long long i) { return start + static_cast<int>(std::clamp<long long>(i, 0, length - 1)); };
    for (int d = 0; d < out_length; ++d) {
        const auto at = static_cast<std::size_t>(d) * static_cast<std::size_t>(m.taps);
        if (interp == interpolation::nearest) {
            // Top-left aligned, as INTER_NEAREST: floor(d * scale), no half-pixel shift.
            m.index[at] = in_window(static_cast<long long>(std::floor(rounded_product(static_cast<double>(d), scale) + offset)));
            continue;
        }
        float f = static_cast<float>(rounded_product(d + 0.5, scale) - 0.5 + offset);
        long long s = static_cast<long long>(std::floor(f));
        f -= static_cast<float>(s);
        if (interp == interpolation::bilinear) {
            if (clamp_fraction && s < 0) f = 0.f, s = 0;
            if (clamp_fraction && s >= length - 1) f = 0.f, s = length - 1;
            m.index[at] = in_window(s);
            m.index[at + 1] = in_window(s + 1);
            m.weight[at] = fixed_weight(1.f - f);
            m.weight[at + 1] = fixed_weight(f);
        } else {
            float w[4];
            cubic_weights(f, w);
            for (int k = 0; k < 4; ++k) {
                m.index[at + static_cast<std::size_t>(k)] = in_window(s - 1 + k);
                m.weight[at + static_cast<std::size_t>(k)] = fixed_weight(w[k]);
            }
        }
    }
    return m;
}

/// One output frame's geometry: the source window, the output size, flips, and the two axis maps.
struct resample_tables {
    interpolation interp = interpolation::bilinear;
    int out_width = 0;
    int out_height = 0;
    bool flip_horizontal = false;
    bool flip_vertical = false;
    bool plain_copy = false;  // whole pixels at the same size: the window is copied (mirrored where asked)
    int window_x = 0;
    int source_width = 0;
    int window_y = 0;
    axis_map x;
    axis_map y;
};

[[nodiscard]] inline resample_tables make_tables(const crop_plan& plan, interpolation interp, region_mode mode) {
    VIDATA_ASSERT(!plan.source.empty() && !plan.output.empty(), "vidata::transforms::resample: empty source or output size");
    resample_tables t;
    t.interp = interp;
    t.out_width = plan.output.width;
    t.out_height = plan.output.height;
    t.flip_horizontal = plan.flip_horizontal;
    t.flip_vertical = plan.flip_vertical;
    t.source_width = plan.source.width;
    const auto& r = plan.region;
    // MMAction2 rounds each edge of crop_bbox (numpy's round: half to even), then slices.
    const auto edge = [](double v, int limit) { return static_cast<int>(std::clamp(std::nearbyint(v), 0.0, static_cast<double>(limit))); };
    const int left = edge(r.x, plan.source.width - 1), right = std::max(edge(r.x + r.width, plan.source.width), left + 1);
    const int top = edge(r.y, plan.source.height - 1), bottom = std::max(edge(r.y + r.height, plan.source.height), top + 1);
    const bool whole = left == r.x && right == r.x + r.width && top == r.y && bottom == r.y + r.height;
    if (mode == region_mode::rounded || whole) {
        const int w = right - left, h = bottom - top;
        t.window_x = left;
        t.window_y = top;
        if (w == t.out_width && h == t.out_height) {
            t.plain_copy = true;
            return t;
        }
        // OpenCV's scale is 1 / (dst / src), not src / dst: the two differ in the last bit for some sizes.
        const double sx = 1.0 / (static_cast<double>(t.out_width) / w), sy = 1.0 / (static_cast<double>(t.out_height) / h);
        t.x = make_axis_map(interp, left, w, 0.0, sx, t.out_width, true);
        t.y = make_axis_map(interp, top, h, 0.0, sy, t.out_height, false);
    } else {
        t.x = make_axis_map(interp, 0, plan.source.width, r.x, r.width / t.out_width, t.out_width, true);
        t.y = make_axis_map(interp, 0, plan.source.height, r.y, r.height / t.out_height, t.out_height, false);
    }
    return t;
}

// Horizontal pass of one source row into `out` (out_width · C values), from byte offsets (tap index · C) and weights.
// Bilinear keeps OpenCV's S >> 4 in 16 bits (what its vertical SIMD pass packs), bicubic the full 32-bit sums.
template <int C, class Acc>
void horizontal_pass(const std::uint8_t* row, int channels_runtime, int taps, const int* offset, const std::int16_t* w, int out_width, Acc* out,
                     [[maybe_unused]] int wide_begin = 0, [[maybe_unused]] int wide_end = 0, bool mirror = false) {
    const int channels = C > 0 ? C : channels_runtime;
    // Mirrored (bilinear only), pixel d is written at W − 1 − d: the row comes out flipped at no cost.
    const std::ptrdiff_t step = mirror ? -channels : channels;
    if (mirror) out += static_cast<std::ptrdiff_t>(out_width - 1) * channels;
    // Scalar for [0, wide_begin), SSE2 for [wide_begin, wide_end), scalar for the rest; the SSE2 steps write one
    // value ahead, which the step after them overwrites.
    int scalar_end = out_width;
#if defined(__SSE2__)
    if constexpr (C == 3) scalar_end = wide_begin;
#endif
    if (taps == 2) {
        int d = 0;
        for (; d < scalar_end; ++d, offset += 2, w += 2, out += step) {
            const std::uint8_t* p0 = row + offset[0];
            const std::uint8_t* p1 = row + offset[1];
            const int w0 = w[0], w1 = w[1];
            for (int c = 0; c < channels; ++c) out[c] = static_cast<Acc>((p0[c] * w0 + p1[c] * w1) >> 4);
        }
#if defined(__SSE2__)
        if constexpr (C == 3 && std::is_same_v<Acc, std::int16_t>) {
            // One RGB pixel per step: both taps' 4 bytes widened to 16 bits and interleaved (a0 b0 a1 b1 a2 b2 . .),
            // pmaddwd with (w0 w1) pairs gives the three exact integer sums; the 4th lane is junk that the next step
            // overwrites (the row buffer has one spare value). The range excludes pixels with a tap whose 4-byte load
            // would pass the end of the row.
            // Mirrored, the junk lane goes first and the store starts one value early, so that it lands on the pixel
            // written next (the buffer also has one spare value in front).
            const __m128i zero = _mm_setzero_si128();
            for (; d < wide_end; ++d, offset += 2, w += 2, out += step) {
                std::uint32_t a, b;
                std::memcpy(&a, row + offset[0], 4);
                std::memcpy(&b, row + offset[1], 4);
                const __m128i va = _mm_unpacklo_epi8(_mm_cvtsi32_si128(static_cast<int>(a)), zero);
                const __m128i vb = _mm_unpacklo_epi8(_mm_cvtsi32_si128(static_cast<int>(b)), zero);
                std::int32_t pair;
                std::memcpy(&pair, w, 4);
                const __m128i sums = _mm_madd_epi16(_mm_unpacklo_epi16(va, vb), _mm_set1_epi32(pair));
                const __m128i packed = _mm_packs_epi32(_mm_srai_epi32(sums, 4), zero);
                if (mirror) _mm_storel_epi64(reinterpret_cast<__m128i*>(out - 1), _mm_slli_si128(packed, 2));
                else _mm_storel_epi64(reinterpret_cast<__m128i*>(out), packed);
            }
        }
#endif
        for (; d < out_width; ++d, offset += 2, w += 2, out += step) {
            const std::uint8_t* p0 = row + offset[0];
            const std::uint8_t* p1 = row + offset[1];
            const int w0 = w[0], w1 = w[1];
            for (int c = 0; c < channels; ++c) out[c] = static_cast<Acc>((p0[c] * w0 + p1[c] * w1) >> 4);
        }
    } else {
        int d = 0;
        for (; d < scalar_end; ++d, offset += 4, w += 4, out += channels) {
            const std::uint8_t* p0 = row + offset[0];
            const std::uint8_t* p1 = row + offset[1];
            const std::uint8_t* p2 = row + offset[2];
            const std::uint8_t* p3 = row + offset[3];
            const int w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
            for (int c = 0; c < channels; ++c) out[c] = static_cast<Acc>(p0[c] * w0 + p1[c] * w1 + p2[c] * w2 + p3[c] * w3);
        }
#if defined(__SSE2__)
        if constexpr (C == 3 && std::is_same_v<Acc, std::int32_t>) {
            // As for bilinear, with two pmaddwd (taps 0-1 and 2-3) summed; four 32-bit lanes stored, one junk.
            const __m128i zero = _mm_setzero_si128();
            const auto widen = [&](int at) {
                std::uint32_t v;
                std::memcpy(&v, row + at, 4);
                return _mm_unpacklo_epi8(_mm_cvtsi32_si128(static_cast<int>(v)), zero);
            };
            for (; d < wide_end; ++d, offset += 4, w += 4, out += 3) {
                std::int32_t pair01, pair23;
                std::memcpy(&pair01, w, 4);
                std::memcpy(&pair23, w + 2, 4);
                const __m128i s01 = _mm_madd_epi16(_mm_unpacklo_epi16(widen(offset[0]), widen(offset[1])), _mm_set1_epi32(pair01));
                const __m128i s23 = _mm_madd_epi16(_mm_unpacklo_epi16(widen(offset[2]), widen(offset[3])), _mm_set1_epi32(pair23));
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_add_epi32(s01, s23));
            }
        }
#endif
        for (; d < out_width; ++d, offset += 4, w += 4, out += channels) {
            const std::uint8_t* p0 = row + offset[0];
            const std::uint8_t* p1 = row + offset[1];
            const std::uint8_t* p2 = row + offset[2];
            const std::uint8_t* p3 = row + offset[3];
            const int w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
            for (int c = 0; c < channels; ++c) out[c] = static_cast<Acc>(p0[c] * w0 + p1[c] * w1 + p2[c] * w2 + p3[c] * w3);
        }
    }
}

// Nearest neighbour of one row: pixel copies of a constant size where the channel count is known.
template <int C>
void nearest_row(const std::uint8_t* row, std::size_t channels_runtime, const int* offset, int out_width, bool mirror, std::uint8_t* out) {
    const std::size_t channels = C > 0 ? static_cast<std::size_t>(C) : channels_runtime;
    for (int x = 0; x < out_width; ++x, out += channels) {
        const std::uint8_t* p = row + offset[mirror ? out_width - 1 - x : x];
        for (std::size_t c = 0; c < channels; ++c) out[c] = p[c];
    }
}

inline void vertical_linear(const std::int16_t* r0, const std::int16_t* r1, std::int16_t b0, std::int16_t b1, std::uint8_t* out,
                            std::size_t n) {
    // _mm_mulhi_epi16 per tap, a 16-bit sum, then a rounding shift by 2 with unsigned saturation. The sums never
    // overflow 16 bits (each row value is at most 255 · 2048 / 16, each weight at most 2048, so |h0 + h1| <= 2040),
    // so OpenCV's saturating adds and the plain ones below agree. Written out in SSE2 because GCC's -O2 cost model
    // leaves the scalar loop scalar, and at 360p this loop was a third of a frame extraction's time.
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i w0 = _mm_set1_epi16(b0), w1 = _mm_set1_epi16(b1), two = _mm_set1_epi16(2);
    const auto sum8 = [&](std::size_t at) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r0 + at));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r1 + at));
        const __m128i s = _mm_add_epi16(_mm_mulhi_epi16(a, w0), _mm_mulhi_epi16(b, w1));
        return _mm_srai_epi16(_mm_add_epi16(s, two), 2);
    };
    for (; i + 16 <= n; i += 16)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm_packus_epi16(sum8(i), sum8(i + 8)));
#endif
    for (; i < n; ++i) {
        const auto h0 = static_cast<std::int16_t>((r0[i] * b0) >> 16);
        const auto h1 = static_cast<std::int16_t>((r1[i] * b1) >> 16);
        const int v = (static_cast<std::int16_t>(h0 + h1) + 2) >> 2;
        out[i] = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
    }
}

inline void vertical_cubic(const std::int32_t* const (&r)[4], const std::int16_t* b, std::uint8_t* out, std::size_t n) {
    const std::size_t vectorised = n / 8 * 8;
    constexpr double scale = 1.0 / (static_cast<double>(resize_coef_scale) * resize_coef_scale);
    float bf[4];
    for (int k = 0; k < 4; ++k) bf[k] = static_cast<float>(b[k] * scale);
    // Each product exact in double, then rounded to float: what a float multiply gives, immune to FMA contraction.
    const auto mul = [](std::int32_t s, float w) { return static_cast<float>(static_cast<double>(s) * static_cast<double>(w)); };
    for (std::size_t i = 0; i < vectorised; ++i) {
        float t = mul(r[3][i], bf[3]);
        t = mul(r[2][i], bf[2]) + t;
        t = mul(r[1][i], bf[1]) + t;
        t = mul(r[0][i], bf[0]) + t;
        // Round half to even as cvRound does: adding and removing 1.5 · 2^23 leaves the float's integer part rounded
        // in the default rounding mode (|t| stays far below 2^22 here); a call to nearbyintf would cost more than the sum.
        const float v = (t + 12582912.f) - 12582912.f;
        out[i] = static_cast<std::uint8_t>(std::clamp(v, 0.f, 255.f));
    }
    for (std::size_t i = vectorised; i < n; ++i) {
        const long long s = static_cast<long long>(r[0][i]) * b[0] + static_cast<long long>(r[1][i]) * b[1] +
                            static_cast<long long>(r[2][i]) * b[2] + static_cast<long long>(r[3][i]) * b[3];
        out[i] = static_cast<std::uint8_t>(std::clamp<long long>((s + (1 << 21)) >> 22, 0, 255));
    }
}

// Copies a row of `width` pixels of `channels` bytes, mirrored when asked; pixel copies of a constant size for the
// common channel counts (a memcpy call per pixel would cost several times the resample).
template <std::size_t C>
void mirror_row(const std::uint8_t* from, std::uint8_t* to, int width, std::size_t channels_runtime) {
    const std::size_t channels = C > 0 ? C : channels_runtime;
    const std::uint8_t* p = from + static_cast<std::size_t>(width - 1) * channels;
    for (int x = 0; x < width; ++x, to += channels, p -= channels)
        for (std::size_t c = 0; c < channels; ++c) to[c] = p[c];
}

inline void copy_row(const std::uint8_t* from, std::uint8_t* to, int width, std::size_t channels, bool mirror) {
    if (!mirror) std::memcpy(to, from, static_cast<std::size_t>(width) * channels);
    else if (channels == 3) mirror_row<3>(from, to, width, 3);
    else if (channels == 1) mirror_row<1>(from, to, width, 1);
    else mirror_row<0>(from, to, width, channels);
}

/// Reusable scratch of one resample call: rows of the horizontal pass and one output row.
class resampler {
public:
    resampler(const resample_tables& t, std::size_t channels) : t_(t), channels_(channels) {
        const std::size_t n = static_cast<std::size_t>(t.out_width) * channels;
        // Bilinear's vertical formula is the same for every byte, so a mirror can happen in the horizontal pass (which
        // writes pixel d at W − 1 − d); bicubic's is not (its last n mod 8 bytes differ), so it is computed
        // unmirrored, as OpenCV then MMAction2 do, and copied mirrored.
        const auto taps = static_cast<std::size_t>(t.x.taps);
        mirror_in_pass_ = t.flip_horizontal && t.interp == interpolation::bilinear;
        x_offset_.resize(t.x.index.size());
        for (std::size_t i = 0; i < x_offset_.size(); ++i) x_offset_[i] = t.x.index[i] * static_cast<int>(channels);
        // The pixels whose taps all lie before the frame's last source pixel, so that a 4-byte load at each stays in
        // the frame: a contiguous run, as the taps move monotonically along the row.
        if (taps > 1 && !t.plain_copy) {
            const auto eligible = [&](int d) { return t.x.index[static_cast<std::size_t>(d) * taps + taps - 1] < t.source_width - 1; };
            while (wide_begin_ < t.out_width && !eligible(wide_begin_)) ++wide_begin_;
            wide_end_ = wide_begin_;
            while (wide_end_ < t.out_width && eligible(wide_end_)) ++wide_end_;
        }
        row_out_.resize(n);
        // Each buffered row has a spare value at each end: the SSE2 horizontal pass writes one value past the pixel it
        // computes (before it, when mirroring). Rows start at offset 1 of their slot.
        stride_ = n + 2;
        if (t.interp == interpolation::bilinear) rows16_.resize(2 * stride_);
        if (t.interp == interpolation::bicubic) rows32_.resize(4 * stride_);
    }

    /// Resamples one frame (H × W × C bytes at `src`) into `dst` (out_height × out_width × C bytes).
    void frame(const std::uint8_t* src, std::size_t src_width, std::uint8_t* dst) {
        const std::size_t row_bytes = src_width * channels_;
        const std::size_t n = static_cast<std::size_t>(t_.out_width) * channels_;
        const auto dst_row = [&](int y) { return dst + static_cast<std::size_t>(t_.flip_vertical ? t_.out_height - 1 - y : y) * n; };
        if (t_.plain_copy) {
            for (int y = 0; y < t_.out_height; ++y)
                copy_row(src + static_cast<std::size_t>(t_.window_y + y) * row_bytes + static_cast<std::size_t>(t_.window_x) * channels_,
                         dst_row(y), t_.out_width, channels_, t_.flip_horizontal);
            return;
        }
        if (t_.interp == interpolation::nearest) {
            for (int y = 0; y < t_.out_height; ++y) {
                const std::uint8_t* row = src + static_cast<std::size_t>(t_.y.index[static_cast<std::size_t>(y)]) * row_bytes;
                if (channels_ == 3) nearest_row<3>(row, 3, x_offset_.data(), t_.out_width, t_.flip_horizontal, dst_row(y));
                else if (channels_ == 1) nearest_row<1>(row, 1, x_offset_.data(), t_.out_width, t_.flip_horizontal, dst_row(y));
                else nearest_row<0>(row, channels_, x_offset_.data(), t_.out_width, t_.flip_horizontal, dst_row(y));
            }
            return;
        }
        const int taps = t_.y.taps;
        int cached[4] = {-1, -1, -1, -1};  // the source row each slot holds; rows needed by one output are consecutive
        for (int y = 0; y < t_.out_height; ++y) {
            const int* rows = &t_.y.index[static_cast<std::size_t>(y * taps)];
            const std::int16_t* beta = &t_.y.weight[static_cast<std::size_t>(y * taps)];
            for (int k = 0; k < taps; ++k) {
                const int slot = rows[k] % taps;
                if (cached[slot] == rows[k]) continue;
                cached[slot] = rows[k];
                const std::uint8_t* row = src + static_cast<std::size_t>(rows[k]) * row_bytes;
                if (taps == 2) horizontal(row, rows16_.data() + static_cast<std::size_t>(slot) * stride_ + 1);
                else horizontal(row, rows32_.data() + static_cast<std::size_t>(slot) * stride_ + 1);
            }
            // Computed unmirrored (OpenCV resizes, then MMAction2 flips), then copied mirrored where asked.
            const bool mirror_after = t_.flip_horizontal && !mirror_in_pass_;
            std::uint8_t* out = mirror_after ? row_out_.data() : dst_row(y);
            if (taps == 2) {
                vertical_linear(rows16_.data() + static_cast<std::size_t>(rows[0] % 2) * stride_ + 1,
                                rows16_.data() + static_cast<std::size_t>(rows[1] % 2) * stride_ + 1, beta[0], beta[1], out, n);
            } else {
                const std::int32_t* const r[4] = {rows32_.data() + static_cast<std::size_t>(rows[0] % 4) * stride_ + 1,
                                                  rows32_.data() + static_cast<std::size_t>(rows[1] % 4) * stride_ + 1,
                                                  rows32_.data() + static_cast<std::size_t>(rows[2] % 4) * stride_ + 1,
                                                  rows32_.data() + static_cast<std::size_t>(rows[3] % 4) * stride_ + 1};
                vertical_cubic(r, beta, out, n);
            }
            if (mirror_after) copy_row(out, dst_row(y), t_.out_width, channels_, true);
        }
    }

private:
    template <class Acc>
    void horizontal(const std::uint8_t* row, Acc* out) const {
        // The channel count as a constant for the common layouts lets the compiler unroll the inner loop.
        const int* offset = x_offset_.data();
        const std::int16_t* w = t_.x.weight.data();
        if (channels_ == 3) horizontal_pass<3>(row, 3, t_.x.taps, offset, w, t_.out_width, out, wide_begin_, wide_end_, mirror_in_pass_);
        else if (channels_ == 1) horizontal_pass<1>(row, 1, t_.x.taps, offset, w, t_.out_width, out, 0, 0, mirror_in_pass_);
        else horizontal_pass<0>(row, static_cast<int>(channels_), t_.x.taps, offset, w, t_.out_width, out, 0, 0, mirror_in_pass_);
    }

    const resample_tables& t_;
    std::size_t channels_;
    std::vector<int> x_offset_;  // tap index · channels: the byte offset of each tap in a row
    bool mirror_in_pass_ = false;  // bilinear with a horizontal flip: the horizontal pass writes mirrored rows
    int wide_begin_ = 0;  // the output pixels [wide_begin_, wide_end_) go through the SSE2 horizontal pass
    int wide_end_ = 0;
    std::size_t stride_ = 0;     // values per buffered row        // how many output pixels the SSE2 horizontal pass may take
    std::vector<std::int16_t> rows16_;
    std::vector<std::int32_t> rows32_;
    std::vector<std::uint8_t> row_out_;
};

}  // namespace detail

/// Resamples every frame of `src` through `plan` (its region, output size and flips) into `out`, which must hold
/// `src.frames() × plan.output.height × plan.output.width × src.channels()` bytes. Preconditions: `plan.source`
/// is the frames' size; the region lies inside the frame. Thread-safe (no shared state).
inline void resample_into(clip_view src, const crop_plan& plan, interpolation interp, region_mode mode, std::span<std::uint8_t> out) {
    VIDATA_ASSERT(plan.source.height == static_cast<int>(src.height()) && plan.source.width == static_cast<int>(src.width()),
                  "vidata::transforms::resample: the plan's source size is not the frames' size");
    const std::size_t frame_out = static_cast<std::size_t>(plan.output.height) * static_cast<std::size_t>(plan.output.width) * src.channels();
    VIDATA_ASSERT(out.size() == src.frames() * frame_out, "vidata::transforms::resample: the output buffer has the wrong size");
    const detail::resample_tables tables = detail::make_tables(plan, interp, mode);
    detail::resampler r(tables, src.channels());
    for (std::size_t t = 0; t < src.frames(); ++t) r.frame(src.frame_pixels(t).data(), src.width(), out.data() + t * frame_out);
}

/// The frames of `src` resampled through `plan`: one separable pass per frame, whatever chain of resizes, crops
/// and flips the plan stands for.
[[nodiscard]] inline clip resample(clip_view src, const crop_plan& plan, interpolation interp = interpolation::bilinear,
                                   region_mode mode = region_mode::rounded) {
    clip out(src.frames(), static_cast<std::size_t>(plan.output.height), static_cast<std::size_t>(plan.output.width), src.channels());
    resample_into(src, plan, interp, mode, out.pixels());
    return out;
}

/// Every frame of `src` resized to `to` exactly as cv2.resize(frame, (to.width, to.height), interpolation=...) does.
[[nodiscard]] inline clip resize_frames(clip_view src, image_size to, interpolation interp = interpolation::bilinear) {
    auto plan = crop_plan::identity({static_cast<int>(src.height()), static_cast<int>(src.width())});
    plan.resize(to);
    return resample(src, plan, interp, region_mode::rounded);
}

}  // namespace vidata::transforms
