// SPDX-License-Identifier: Apache-2.0
// vidata::plan_decode: the order in which a reader decodes a set of wanted frames, one forward pass per GOP.
#pragma once

#include <vidata/io/video/frame_table.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vidata {

/// One forward pass: seek to `start_packet` (a keyframe's decode position), then decode forward until every
/// frame of `frames` (ascending presentation indices) has come out of the decoder. `last_packet` is the decode
/// position of the latest packet among them: the pass decodes at least up to it (plus the decoder's reorder delay).
struct decode_run {
    std::int32_t start_packet = 0;
    std::int32_t last_packet = 0;
    std::vector<std::int64_t> frames;
};

/// Plans the decode of `wanted`, which must be sorted ascending, without repeats, and within the table.
///
/// Frames are taken in presentation order. A frame joins the current pass when its start keyframe lies
/// within what the pass decodes anyway (at or after the pass's start and no later than its last packet so
/// far): reaching it costs no seek. Otherwise a new pass seeks to its start keyframe, which skips every
/// packet between the two (a seek costs a decoder flush, far less than decoding a GOP). Each GOP is thus
/// decoded at most once, and only up to the last wanted frame in it.
///
///   std::vector<std::int64_t> wanted{3, 4, 200};
///   plan_decode(table, wanted)   // GOP 250: one pass, packets 0..~200; GOP 16: two, the second from the keyframe at 192
[[nodiscard]] inline std::vector<decode_run> plan_decode(const frame_table& table, std::span<const std::int64_t> wanted) {
    std::vector<decode_run> runs;
    for (const std::int64_t frame : wanted) {
        const std::int32_t start = table.start_packet(frame);
        const std::int32_t packet = table.packet(frame);
        if (!runs.empty() && start >= runs.back().start_packet && start <= runs.back().last_packet) {
            runs.back().frames.push_back(frame);
            runs.back().last_packet = std::max(runs.back().last_packet, packet);
        } else {
            runs.push_back({start, packet, {frame}});
        }
    }
    return runs;
}

/// Packets a plan sends to the decoder (each pass from its start to its last packet): the decode work, up to
/// the reorder delay. A whole-video decode sends `table.packet_count()`.
[[nodiscard]] inline std::size_t planned_packets(std::span<const decode_run> runs) {
    std::size_t n = 0;
    for (const auto& r : runs) n += static_cast<std::size_t>(r.last_packet - r.start_packet + 1);
    return n;
}

}  // namespace vidata
