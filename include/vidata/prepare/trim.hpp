// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::trim: runs a trim plan (trim_plans.hpp) with cut_video over run_batch (batch.hpp): parallel,
// resumable, safe to kill.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/cut_video.hpp>
#include <vidata/prepare/demux_cache.hpp>
#include <vidata/prepare/output_files.hpp>
#include <vidata/prepare/shard.hpp>
#include <vidata/prepare/trim_plans.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

// How a run behaves (the guarantees of the preparation tools, run_batch's):
// - Atomic: every clip is written to a hidden temporary beside it (".<name>.tmp.XXXXXX") and renamed into place when
//   complete; a killed run leaves no partial clip under a clip's name. The temporaries of this shard's clips are
//   removed when a later run starts.
// - resume skips a cut whose output exists (the scripts do the same: cut_videos.sh tests `-f`, download.py `exists`).
//   Without it, an existing clip is cut again and replaced.
// - A cut whose source is missing, unreadable, not a video or without frames in the range is skipped and listed in
//   `failed.txt` (output, tab, source, tab, reason); the run goes on. Failing to write the output stops the run.
// - The cuts are sorted by output path; shard {K, N} takes every N-th from the K-th, and reports are then named
//   failed.shard-K-of-N.txt. Sources are never modified or deleted.
// A cut is run_batch's input under its output's name (several cuts share one source): batch_failure::input is the
// clip, batch_failure::source the video it was cut from.

namespace vidata::prepare {

/// What a run did: batch_summary (its inputs are the cuts, named by their clips; its units the frames in the clips
/// written) and how the clips were written.
struct trim_summary : batch_summary {
    std::size_t copied = 0;     ///< clips written by stream copy
    std::size_t reencoded = 0;  ///< clips written by re-encoding
};

/// How a run cuts.
struct trim_options {
    reencode_policy reencode = reencode_policy::when_needed;
    unsigned num_worker = 1;  ///< threads, each cutting one clip at a time
    bool resume = false;      ///< skip cuts whose output exists
    shard part{};
    /// The re-encoder's settings (the cut's crf replaces encoder.crf).
    video_writer_options encoder{.codec = {}, .gop_size = -1};
    /// Called after each cut with the run's totals (inputs are clips, units frames); serialised.
    std::function<void(const batch_progress&)> on_progress;
};

/// Cuts every clip of `cuts` (this shard's) from the videos under `src` into `out` (see the notes at the top of this
/// header). Returns the totals and the failures; throws invalid_argument for bad options or two cuts with one output,
/// io_error (or the muxer's decode_error) when an output cannot be written.
///
/// Memory: per worker the decoder's and the encoder's pictures, whatever the clip's length, and the packet indexes of
/// the last 2 · num_worker + 1 sources (a few dozen bytes a packet).
inline trim_summary trim(std::vector<trim_cut> cuts, const std::filesystem::path& src, const std::filesystem::path& out,
                         const trim_options& o) {
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("trim: the shard must be K/N with K < N");
    std::sort(cuts.begin(), cuts.end(), [](const trim_cut& a, const trim_cut& b) { return a.output < b.output; });
    for (std::size_t i = 1; i < cuts.size(); ++i)
        if (cuts[i].output == cuts[i - 1].output)
            throw invalid_argument("trim: two cuts write " + cuts[i].output.generic_string() + " (from " + cuts[i - 1].source.generic_string() +
                                   " and " + cuts[i].source.generic_string() + ")");
    std::vector<std::filesystem::path> clips;
    clips.reserve(cuts.size());
    for (const auto& c : cuts) clips.push_back(c.output);

    std::atomic<std::size_t> copied{0}, reencoded{0};
    // The cuts of one source, sorted together, share its demux pass (on a long video with many short copied clips
    // the pass was most of each cut's time); a few sources per worker are kept.
    detail::demux_cache passes(2 * static_cast<std::size_t>(std::max(1u, o.num_worker)) + 1);
    trim_summary summary;
    static_cast<batch_summary&>(summary) = run_batch(out, clips, clips, batch_options_of(o), [&](const batch_job& job) {
        const trim_cut& c = cuts[job.index];
        cut_options co;
        co.reencode = o.reencode;
        co.fps = c.fps;
        co.encoder = o.encoder;
        co.encoder.crf = c.crf;
        cut_result got;
        try {
            detail::check_cut(c.start, c.end, job.output, co);
            got = detail::cut_demuxed(src / c.source, *passes.get(src / c.source), c.start, c.end, job.output, co);
        } catch (const cut_output_error& e) {
            throw detail::output_failure{e.error};
        } catch (const std::exception& e) {
            throw batch_source_failure(c.source, e.what());
        }
        ++(got.stream_copied ? copied : reencoded);
        return batch_item{static_cast<std::uint64_t>(got.frames), got.bytes};
    });
    summary.copied = copied.load();
    summary.reencoded = reencoded.load();
    return summary;
}

}  // namespace vidata::prepare
