// SPDX-License-Identifier: Apache-2.0
// vidata::proposal_sampler: MMAction2 0.x SampleProposalFrames (SSN: starting, course and ending stages of each proposal).
#pragma once

#include <vidata/core/frame_indices.hpp>
#include <vidata/sampling/concepts.hpp>
#include <vidata/sampling/draw_traits.hpp>
#include <vidata/sampling/out_of_bound.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata {

/// A proposal in frames, `[start_frame, end_frame)`, as SSN's proposal objects give it.
struct frame_range {
    std::int64_t start_frame = 0;
    std::int64_t end_frame = 0;
    friend constexpr bool operator==(const frame_range&, const frame_range&) = default;
};

/// The three SSN stages of a proposal, in the order each proposal's clips appear.
enum class proposal_stage { starting, course, ending };

/// Which of SampleProposalFrames' modes.
enum class proposal_mode { train, val, test };

/// MMAction2 0.x `SampleProposalFrames` (SSN). In train and val mode it takes the proposals as a second
/// argument and returns, per proposal, `aug_segments[0]` clips of the starting stage (before the
/// proposal, extended by `aug_ratio[0]` of its length), `body_segments` clips of the course stage (the
/// proposal itself) and `aug_segments[1]` clips of the ending stage, i.e. one view of
/// `clips_per_proposal()` clips per proposal:
///
///   proposal_sampler ssn{.clip_len = 1, .body_segments = 5, .aug_segments = {2, 2}, .aug_ratio = {0.5, 0.5}};
///   std::vector<frame_range> proposals{{30, 90}, {120, 200}};
///   frame_indices fi = ssn(record, proposals, g);   // 2 views of 9 clips; fi.view(1) is the second proposal
///
/// Per proposal `[s, e)` with d = e − s (≠ 0) and ocl = clip_len·frame_interval: the starting stage spans
/// from `max(0, s − int(d·aug_ratio[0]))` over `s − that − ocl` frames, the course stage from s over
/// `d − ocl`, the ending stage from e over `min(N − ocl + 1, e − 1 + int(d·aug_ratio[1])) − e + 1 − ocl`.
/// A stage of length len split into k segments gets, in train mode, `i·avg + randint(avg)` with
/// `avg = (len + 1)//k` (0 when avg ≤ 0), in val mode `int(i·len/k + len/(2k))` (0 when len < k).
/// In test mode (`operator()(record, g)`) the clips start at `0, test_interval, ...` below N − ocl, one
/// view, possibly none (where MMAction2 fails on an empty concatenation). Then frames `frame_interval`
/// apart, `temporal_jitter`, `mod N`, `start_index`. MMAction2's `num_clips` is `clips_per_proposal()`.
struct proposal_sampler {
    std::int64_t clip_len = 1;  ///< required in MMAction2
    std::int64_t body_segments = 5;       ///< required in MMAction2 (SSN configs use 5)
    std::array<std::int64_t, 2> aug_segments{2, 2};  ///< required in MMAction2 (SSN configs use (2, 2))
    std::array<double, 2> aug_ratio{0.5, 0.5};  ///< required in MMAction2 (a number stands for the pair)
    std::int64_t frame_interval = 1;
    std::int64_t test_interval = 6;
    bool temporal_jitter = false;
    proposal_mode mode = proposal_mode::train;
    std::int64_t start_index = 0;

    static constexpr std::string_view name = "proposal_sampler";

    /// aug_segments[0] + body_segments + aug_segments[1].
    [[nodiscard]] constexpr std::int64_t clips_per_proposal() const noexcept {
        return aug_segments[0] + body_segments + aug_segments[1];
    }

    /// The stage of clip `c` within a proposal's view. Precondition: `c < clips_per_proposal()`.
    [[nodiscard]] constexpr proposal_stage stage_of(std::size_t c) const noexcept {
        const auto i = static_cast<std::int64_t>(c);
        if (i < aug_segments[0]) return proposal_stage::starting;
        if (i < aug_segments[0] + body_segments) return proposal_stage::course;
        return proposal_stage::ending;
    }

    /// Train and val mode: the clips of each proposal, one view per proposal.
    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, std::span<const frame_range> proposals, G& g) const {
        return sample(detail::total_frames_of(record, name), proposals, g);
    }

    /// Test mode: clips every `test_interval` frames. Train and val mode need the proposals (the other overload).
    template <frame_counted R, sampling_generator G>
    [[nodiscard]] frame_indices operator()(const R& record, G& g) const {
        if (mode != proposal_mode::test)
            detail::reject(name, "train and val mode sample proposals: pass them, s(record, proposals, g)");
        return sample(detail::total_frames_of(record, name), {}, g);
    }

    template <sampling_generator G>
    [[nodiscard]] frame_indices sample(std::int64_t total_frames, std::span<const frame_range> proposals, G& g) const {
        validate();
        if (total_frames < 0) detail::reject(name, "total_frames must not be negative");
        const std::int64_t ocl = clip_len * frame_interval;
        std::vector<std::int64_t> offsets;
        std::size_t views = 1;
        if (mode == proposal_mode::test) {
            for (std::int64_t o = 0; o < total_frames - ocl; o += test_interval) offsets.push_back(o);
        } else {
            views = proposals.size();
            for (std::size_t p = 0; p < proposals.size(); ++p) proposal_offsets(proposals[p], p, total_frames, ocl, offsets, g);
        }
        // SampleProposalFrames applies `mod N` whatever SampleFrames' out_of_bound_opt.
        const detail::expansion e{clip_len, frame_interval, temporal_jitter, out_of_bound::loop, total_frames, start_index,
                                  views == 0 ? 1 : views};
        if (offsets.empty()) return frame_indices(0, static_cast<std::size_t>(clip_len), {});
        return detail::expand_offsets(offsets, e, g);
    }

    void validate() const {
        detail::require_at_least(name, "clip_len", clip_len, 1);
        detail::require_at_least(name, "frame_interval", frame_interval, 1);
        detail::require_at_least(name, "test_interval", test_interval, 1);
        detail::require_at_least(name, "body_segments", body_segments, 1);
        detail::require_at_least(name, "aug_segments[0]", aug_segments[0], 1);
        detail::require_at_least(name, "aug_segments[1]", aug_segments[1], 1);
    }

private:
    template <class G>
    void stage(std::int64_t length, std::int64_t segments, std::int64_t shift, std::vector<std::int64_t>& out, G& g) const {
        if (mode == proposal_mode::train) {
            const std::int64_t avg = detail::floor_div(length + 1, segments);
            for (std::int64_t i = 0; i < segments; ++i)
                out.push_back(shift + (avg > 0 ? i * avg + draw_traits<G>::randint(g, 0, avg) : 0));
        } else {
            const double avg = length >= segments ? static_cast<double>(length) / static_cast<double>(segments) : 0.0;
            for (std::int64_t i = 0; i < segments; ++i)
                out.push_back(shift + (length >= segments ? static_cast<std::int64_t>(detail::scaled_plus(i, avg, avg / 2.0)) : 0));
        }
    }

    template <class G>
    void proposal_offsets(const frame_range& proposal, std::size_t index, std::int64_t n, std::int64_t ocl,
                          std::vector<std::int64_t>& out, G& g) const {
        const std::int64_t s = proposal.start_frame, e = proposal.end_frame, d = e - s;
        if (d == 0)
            detail::reject(name, "proposal " + std::to_string(index) + " is empty (start_frame == end_frame == " +
                                     std::to_string(s) + "); MMAction2 asserts a non-zero duration");
        // int(duration * ratio): a double product truncated towards zero.
        const auto extend = [d](double ratio) { return static_cast<std::int64_t>(static_cast<double>(d) * ratio); };
        const std::int64_t valid_starting = std::max<std::int64_t>(0, s - extend(aug_ratio[0]));
        const std::int64_t valid_ending = std::min(n - ocl + 1, e - 1 + extend(aug_ratio[1]));
        stage(s - valid_starting - ocl, aug_segments[0], valid_starting, out, g);
        stage(d - ocl, body_segments, s, out, g);
        stage((valid_ending - e + 1) - ocl, aug_segments[1], e, out, g);
    }
};

}  // namespace vidata
