// SPDX-License-Identifier: Apache-2.0
// vidata::out_of_bound and the index arithmetic the samplers share: Python's floor division and modulo,
// numpy's round-half-even, and the expansion of clip offsets into frame indices (SampleFrames.__call__).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/numpy_random.hpp>
#include <vidata/sampling/concepts.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

/// What SampleFrames does with an index past the last frame (MMAction2's `out_of_bound_opt`).
enum class out_of_bound {
    loop,         ///< `index mod total_frames`: the clip wraps round to the start
    repeat_last,  ///< every index past the end becomes the clip's last in-range index (0 when it has none)
};

namespace detail {

// Python's a // b and a % b (floor towards −∞). The samplers' edge cases go negative (a video shorter than a
// clip), where C++'s truncating division would give other offsets than MMAction2. b == 0 gives 0 for the
// modulo, as numpy's integer np.mod does (with a warning) for a video of zero frames.
[[nodiscard]] constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
[[nodiscard]] constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept {
    if (b == 0) return 0;
    const std::int64_t r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

// numpy's float np.mod: fmod, moved into the divisor's sign. A zero divisor gives NaN in numpy, and
// astype(int64) of NaN is undefined; vidata returns 0, the integer path's answer.
[[nodiscard]] inline double float_mod(double a, double b) noexcept {
    if (b == 0.0) return 0.0;
    double r = std::fmod(a, b);
    if (r != 0.0 && ((r < 0.0) != (b < 0.0))) r += b;
    return r;
}

// np.around(x): round half to even (what rint does in the default rounding mode, written out so that it
// does not depend on the caller's rounding mode).
[[nodiscard]] constexpr double round_half_even(double x) noexcept {
    const double lower = static_cast<double>(static_cast<std::int64_t>(x)) > x
                             ? static_cast<double>(static_cast<std::int64_t>(x)) - 1.0
                             : static_cast<double>(static_cast<std::int64_t>(x));
    const double fraction = x - lower;
    if (fraction > 0.5) return lower + 1.0;
    if (fraction < 0.5) return lower;
    return static_cast<std::int64_t>(lower) % 2 == 0 ? lower : lower + 1.0;
}

// (double)i * step + shift, as numpy evaluates `np.arange(n) * step + shift`: two roundings.
[[nodiscard]] constexpr double scaled_plus(std::int64_t i, double step, double shift) noexcept {
    return rounded_product(static_cast<double>(i), step) + shift;
}

[[noreturn]] inline void reject(std::string_view sampler, const std::string& what) {
    throw invalid_argument("vidata::" + std::string(sampler) + ": " + what);
}

inline void require_at_least(std::string_view sampler, std::string_view name, std::int64_t value, std::int64_t least) {
    if (value < least)
        reject(sampler, std::string(name) + " must be at least " + std::to_string(least) + ", got " + std::to_string(value));
}

// The record's frame count; a record whose list gave none (−1) cannot be sampled before a frame source counts it.
template <frame_counted R>
[[nodiscard]] std::int64_t total_frames_of(const R& record, std::string_view sampler) {
    const auto n = static_cast<std::int64_t>(record.total_frames);
    if (n < 0)
        reject(sampler, "the record's total_frames is unknown (" + std::to_string(n) +
                            "); open it with a frame source and set total_frames to its frame_count() first");
    return n;
}

// How SampleFrames.__call__ turns clip offsets into frame indices: offset + k * frame_interval, per-frame
// jitter in [0, frame_interval) when asked, out-of-bound handling per clip, then start_index.
struct expansion {
    std::int64_t clip_len = 1;
    std::int64_t frame_interval = 1;
    bool temporal_jitter = false;
    out_of_bound policy = out_of_bound::loop;
    std::int64_t total_frames = 0;
    std::int64_t start_index = 0;
    std::size_t num_views = 1;
};

template <class G>
void add_jitter(std::vector<std::int64_t>& jitter, std::size_t count, std::int64_t frame_interval, G& g) {
    jitter.assign(count, 0);
    // randint(1) draws nothing in numpy; skipping it keeps both policies' streams where numpy's is.
    if (frame_interval <= 1) return;
    for (auto& j : jitter) j = draw_traits<G>::randint(g, 0, frame_interval);
}

// Integer offsets (numpy int64 arrays): exact integer arithmetic.
template <class G>
[[nodiscard]] frame_indices expand_offsets(const std::vector<std::int64_t>& offsets, const expansion& e, G& g) {
    const auto len = static_cast<std::size_t>(e.clip_len);
    std::vector<std::int64_t> flat(offsets.size() * len);
    for (std::size_t c = 0; c < offsets.size(); ++c)
        for (std::size_t k = 0; k < len; ++k)
            flat[c * len + k] = offsets[c] + static_cast<std::int64_t>(k) * e.frame_interval;
    if (e.temporal_jitter) {
        std::vector<std::int64_t> jitter;
        add_jitter(jitter, flat.size(), e.frame_interval, g);
        for (std::size_t i = 0; i < flat.size(); ++i) flat[i] += jitter[i];
    }
    for (std::size_t c = 0; c < offsets.size(); ++c) {
        std::int64_t* clip = flat.data() + c * len;
        if (e.policy == out_of_bound::loop) {
            for (std::size_t k = 0; k < len; ++k) clip[k] = floor_mod(clip[k], e.total_frames);
        } else {
            std::int64_t last = 0;
            for (std::size_t k = 0; k < len; ++k)
                if (clip[k] < e.total_frames) last = std::max(last, clip[k]);
            for (std::size_t k = 0; k < len; ++k)
                if (clip[k] >= e.total_frames) clip[k] = last;
        }
        for (std::size_t k = 0; k < len; ++k) clip[k] += e.start_index;
    }
    return frame_indices(offsets.size(), len, std::move(flat), e.num_views);
}

// Float offsets (numpy float64 arrays: twice_sample's unshifted offsets, np.around's result): the same steps
// in double, as numpy computes them, truncated to int64 at the end (astype). A fractional offset plus an
// integer can round up to the next integer, so truncating first would not be the same.
template <class G>
[[nodiscard]] frame_indices expand_offsets(const std::vector<double>& offsets, const expansion& e, G& g) {
    const auto len = static_cast<std::size_t>(e.clip_len);
    std::vector<double> values(offsets.size() * len);
    for (std::size_t c = 0; c < offsets.size(); ++c)
        for (std::size_t k = 0; k < len; ++k)
            values[c * len + k] = offsets[c] + static_cast<double>(static_cast<std::int64_t>(k) * e.frame_interval);
    if (e.temporal_jitter) {
        std::vector<std::int64_t> jitter;
        add_jitter(jitter, values.size(), e.frame_interval, g);
        for (std::size_t i = 0; i < values.size(); ++i) values[i] += static_cast<double>(jitter[i]);
    }
    const auto n = static_cast<double>(e.total_frames);
    std::vector<std::int64_t> flat(values.size());
    for (std::size_t c = 0; c < offsets.size(); ++c) {
        double* clip = values.data() + c * len;
        if (e.policy == out_of_bound::loop) {
            for (std::size_t k = 0; k < len; ++k) clip[k] = float_mod(clip[k], n);
        } else {
            double last = 0.0;
            for (std::size_t k = 0; k < len; ++k)
                if (clip[k] < n) last = std::max(last, clip[k]);
            for (std::size_t k = 0; k < len; ++k)
                if (!(clip[k] < n)) clip[k] = last;
        }
        for (std::size_t k = 0; k < len; ++k)
            flat[c * len + k] = static_cast<std::int64_t>(clip[k] + static_cast<double>(e.start_index));
    }
    return frame_indices(offsets.size(), len, std::move(flat), e.num_views);
}

}  // namespace detail
}  // namespace vidata
