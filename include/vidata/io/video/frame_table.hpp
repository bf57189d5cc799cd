// SPDX-License-Identifier: Apache-2.0
// vidata::frame_table: where each frame of a video is in the stream, built from one demux pass (no decoding).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace vidata {

/// What a demux pass learns about one packet of the video stream, in decode (file) order.
struct packet_info {
    static constexpr std::int64_t no_pts = std::numeric_limits<std::int64_t>::min();

    std::int64_t pts = no_pts;  ///< presentation time stamp in stream time-base units, or no_pts
    bool keyframe = false;      ///< the container marks it as a random-access point
    bool discard = false;       ///< decoded only as a reference, never shown (an edit list cut it off)
};

/// The frames of a video in presentation order, each tied to the packet that carries it and to the
/// packet decoding must start from to produce it exactly. Frame i is the i-th frame in presentation
/// order: the packet with the i-th smallest time stamp, which is the i-th frame the decoder outputs when
/// it decodes the whole stream (and what `ffmpeg -fps_mode passthrough -f framemd5` lists as line i).
///
/// Where to start for frame i: the last keyframe, in decode order and no later than frame i's packet,
/// whose time stamp is not after frame i's. That keyframe's picture and every picture decoded after it up
/// to frame i hold all the references frame i needs, also in open GOPs, where the B-frames decoded after an
/// I-frame but shown before it reference the previous GOP: their start is the previous keyframe.
///
///   auto t = frame_table::build(packets);        // nullopt: some packet has no time stamp, or two share one
///   t->frame_count(); t->start_packet(17); t->keyframe_of(17);
///
/// Building costs O(n log n) for n packets; the tables take 24 bytes a frame.
class frame_table {
public:
    /// Builds the table, or returns nullopt when the time stamps cannot order the frames (a packet without a
    /// time stamp, as in AVI files with B-frames, or two packets with the same one): then only the decoder's
    /// output order tells which frame is which.
    [[nodiscard]] static std::optional<frame_table> build(std::span<const packet_info> packets) {
        frame_table t;
        const auto n = packets.size();
        t.frame_of_packet_.assign(n, -1);
        std::vector<std::int32_t> order;
        order.reserve(n);
        for (std::size_t p = 0; p < n; ++p) {
            if (packets[p].discard) continue;
            if (packets[p].pts == packet_info::no_pts) return std::nullopt;
            order.push_back(static_cast<std::int32_t>(p));
        }
        std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
            return packets[static_cast<std::size_t>(a)].pts < packets[static_cast<std::size_t>(b)].pts;
        });
        for (std::size_t i = 1; i < order.size(); ++i)
            if (packets[static_cast<std::size_t>(order[i])].pts == packets[static_cast<std::size_t>(order[i - 1])].pts)
                return std::nullopt;
        t.pts_.reserve(order.size());
        t.packet_ = order;
        for (std::size_t i = 0; i < order.size(); ++i) {
            t.pts_.push_back(packets[static_cast<std::size_t>(order[i])].pts);
            t.frame_of_packet_[static_cast<std::size_t>(order[i])] = static_cast<std::int64_t>(i);
        }
        // The start packet of every packet, in decode order: the latest keyframe so far whose time stamp is not
        // after the packet's. Keyframes are few and the answer is nearly always the last or the one before, so
        // the backward walk is short; a packet before every usable keyframe starts from the first packet.
        std::vector<std::int32_t> start_of_packet(n, 0);
        std::vector<std::int32_t> keyframes;
        for (std::size_t p = 0; p < n; ++p) {
            if (packets[p].keyframe && packets[p].pts != packet_info::no_pts) keyframes.push_back(static_cast<std::int32_t>(p));
            const std::int64_t pts = packets[p].pts;
            for (auto k = keyframes.rbegin(); k != keyframes.rend(); ++k)
                if (packets[static_cast<std::size_t>(*k)].pts <= pts) {
                    start_of_packet[p] = *k;
                    break;
                }
        }
        t.start_.reserve(order.size());
        for (const auto p : order) t.start_.push_back(start_of_packet[static_cast<std::size_t>(p)]);
        t.packet_count_ = n;
        return t;
    }

    /// Frames shown (packets that carry a picture, less those an edit list discards).
    [[nodiscard]] std::int64_t frame_count() const noexcept { return static_cast<std::int64_t>(pts_.size()); }
    /// Video packets in the stream, discarded ones included.
    [[nodiscard]] std::size_t packet_count() const noexcept { return packet_count_; }

    /// The time stamp of frame i. Precondition: 0 <= i < frame_count().
    [[nodiscard]] std::int64_t pts(std::int64_t i) const { return pts_[static_cast<std::size_t>(i)]; }
    /// The decode position (0-based index among the stream's packets) of frame i's packet.
    [[nodiscard]] std::int32_t packet(std::int64_t i) const { return packet_[static_cast<std::size_t>(i)]; }
    /// The decode position of the keyframe to start from to decode frame i exactly.
    [[nodiscard]] std::int32_t start_packet(std::int64_t i) const { return start_[static_cast<std::size_t>(i)]; }
    /// The frame that the packet at decode position p carries, or -1 for a discarded packet.
    [[nodiscard]] std::int64_t frame_of_packet(std::size_t p) const { return frame_of_packet_[p]; }
    /// The frame a keyframe-only seek returns for frame i: the picture of the keyframe decoding would start from,
    /// which is never after frame i. Where that keyframe's picture is not shown (an edit list cut it off) or the
    /// stream does not start with a keyframe, the first frame shown among those decoded from the same place.
    [[nodiscard]] std::int64_t keyframe_of(std::int64_t i) const {
        const std::int32_t start = start_packet(i);
        if (const std::int64_t k = frame_of_packet_[static_cast<std::size_t>(start)]; k >= 0 && k <= i) return k;
        while (i > 0 && start_packet(i - 1) == start) --i;
        return i;
    }
    /// The frame whose time stamp is `pts`, or -1 when no frame has it.
    [[nodiscard]] std::int64_t frame_at_pts(std::int64_t pts) const {
        const auto it = std::lower_bound(pts_.begin(), pts_.end(), pts);
        return it != pts_.end() && *it == pts ? static_cast<std::int64_t>(it - pts_.begin()) : -1;
    }

private:
    std::vector<std::int64_t> pts_;
    std::vector<std::int32_t> packet_;
    std::vector<std::int32_t> start_;
    std::vector<std::int64_t> frame_of_packet_;
    std::size_t packet_count_ = 0;
};

}  // namespace vidata
