// SPDX-License-Identifier: Apache-2.0
// vidata::formats::bsn_video_info: BSN's `video_info_new.csv` (ActivityNet v1.3 videos: frames, seconds, fps, subset).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/csv_writer.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One row of `video_info_new.csv`: `v_---9CpRcKoU,418,14.07,30.0,29.7085998579,training,400`.
/// `num_frame` counts the decoded frames, `fps` is the nominal and `rfps` the real frame rate
/// (num_frame / seconds), `feature_frame` the frames the snippet features cover (a multiple of 16).
struct bsn_video_info_row {
    std::string video;
    std::int64_t num_frame = 0;
    double seconds = 0.0;
    double fps = 0.0;
    double rfps = 0.0;
    std::string subset;
    std::int64_t feature_frame = 0;

    friend bool operator==(const bsn_video_info_row&, const bsn_video_info_row&) = default;
};

template <class Json>
void to_json(Json& j, const bsn_video_info_row& r) {
    j = Json::object();
    j["video"] = r.video;
    j["numFrame"] = r.num_frame;
    j["seconds"] = r.seconds;
    j["fps"] = r.fps;
    j["rfps"] = r.rfps;
    j["subset"] = r.subset;
    j["featureFrame"] = r.feature_frame;
}

/// BSN's (and MMAction2's tools/data/activitynet) `video_info_new.csv`:
///
///   video,numFrame,seconds,fps,rfps,subset,featureFrame
///   v_---9CpRcKoU,418,14.07,30.0,29.7085998579,training,400
///
/// Columns are found by header name (any order; extra columns are an error, since the writer could not keep
/// them). A repeated video is an error. The writer writes the header above and the numbers as Python's repr
/// (pandas' to_csv), "\n"-terminated, which reproduces the published file byte for byte.
struct bsn_video_info : text_format<bsn_video_info> {
    using record_type = bsn_video_info_row;
    static constexpr std::string_view name = "bsn_video_info";
    static constexpr std::string_view header = "video,numFrame,seconds,fps,rfps,subset,featureFrame";

    [[nodiscard]] static std::vector<bsn_video_info_row> parse(std::string_view text, std::string_view source) {
        csv_reader csv(text, std::string(source), {.header = true, .uniform = true});
        if (csv.header().size() != 7)
            throw parse_error(source_location{std::string(source), 1, 1, -1, {}}, "the header '" + std::string(header) + "'",
                              std::string(csv.header().raw()));
        const std::size_t video = csv.column("video"), num_frame = csv.column("numFrame"), seconds = csv.column("seconds"),
                          fps = csv.column("fps"), rfps = csv.column("rfps"), subset = csv.column("subset"),
                          feature_frame = csv.column("featureFrame");
        std::vector<bsn_video_info_row> out;
        out.reserve(detail::count_newlines(text) + 1);
        detail::unique_keys seen(out.capacity());
        for (const csv_row& row : csv) {
            bsn_video_info_row r;
            r.video = std::string(row[video]);
            if (r.video.empty()) throw row.error(video, "a video name");
            r.num_frame = row.integer(num_frame, "an integer frame count");
            r.seconds = row.number(seconds, "a duration in seconds");
            r.fps = row.number(fps, "a frame rate");
            r.rfps = row.number(rfps, "a frame rate");
            r.subset = std::string(row[subset]);
            r.feature_frame = row.integer(feature_frame, "an integer feature frame count");
            if (const std::size_t first = seen.insert(detail::hash_key(r.video), out.size(), row.line(),
                                                      [&](std::size_t i) { return out[i].video == r.video; }))
                throw row.error(video, "a video not listed before (it is on line " + std::to_string(first) + ")");
            out.push_back(std::move(r));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const bsn_video_info_row> rows) {
        std::string text(header);
        text += '\n';
        const csv_write_options options{.line_terminator = "\n"};
        for (const bsn_video_info_row& r : rows) {
            if (r.video.empty()) throw invalid_argument("vidata::formats::bsn_video_info::write: a row has no video name");
            const std::string num_frame = std::to_string(r.num_frame), feature_frame = std::to_string(r.feature_frame);
            const std::string seconds = pickle::float_repr(r.seconds), fps = pickle::float_repr(r.fps), rfps = pickle::float_repr(r.rfps);
            append_csv_row(text, {r.video, num_frame, seconds, fps, rfps, r.subset, feature_frame}, options);
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims a file whose first line is the header above.
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        // Offsets, not remove_prefix: GCC 12 -O2 reports a false -Warray-bounds when remove_prefix is inlined
        // against a short literal argument.
        const std::size_t start = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        if (head.compare(start, header.size(), header) != 0) return false;
        const std::size_t end = start + header.size();
        return head.find_first_of('\n', end) == end || head.compare(end, 2, "\r\n") == 0;
    }
};

}  // namespace vidata::formats
