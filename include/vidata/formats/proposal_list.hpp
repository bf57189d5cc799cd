// SPDX-License-Identifier: Apache-2.0
// vidata::formats::proposal_list: the SSN/TAG proposal list (THUMOS'14, ActivityNet v1.2), normalized or in frames.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace vidata::formats {

/// A ground-truth instance of a proposal list: `label start end`.
struct proposal_list_instance {
    int label = 0;
    double start = 0.0;
    double end = 0.0;

    friend bool operator==(const proposal_list_instance&, const proposal_list_instance&) = default;
};

/// A proposal: `label best_iou overlap_self start end`. `label` is the class of the ground truth it overlaps most
/// (0: background), `best_iou` that overlap (IoU), `overlap_self` the fraction of the proposal inside it.
struct tag_proposal {
    int label = 0;
    double best_iou = 0.0;
    double overlap_self = 0.0;
    double start = 0.0;
    double end = 0.0;

    friend bool operator==(const tag_proposal&, const tag_proposal&) = default;
};

/// One video block of a proposal list.
///
/// - `index` is the number after '#' (MMAction2 ignores it; it is kept to write the file back).
/// - `frames` and `ratio` are the two lines after the video id as numbers: the frame count and 1 in THUMOS'14's
///   lists; MMAction2 takes `int(frames * ratio)` as the frame count (num_frames()), which also serves a
///   `duration fps` pair.
/// - `normalized`: starts and ends are fractions of the video written with 4 decimals (`*_normalized_*` lists)
///   rather than frame numbers; the reader sets it when any start or end of the block has a decimal point.
struct proposal_list_video {
    std::int64_t index = 0;
    std::string video;
    double frames = 0.0;
    double ratio = 1.0;
    bool normalized = false;
    std::vector<proposal_list_instance> ground_truth;
    std::vector<tag_proposal> proposals;

    /// The frame count as ssn_utils.load_localize_proposal_file computes it: `int(float(frames) * float(ratio))`.
    [[nodiscard]] std::int64_t num_frames() const noexcept { return static_cast<std::int64_t>(frames * ratio); }

    friend bool operator==(const proposal_list_video&, const proposal_list_video&) = default;
};

template <class Json>
void to_json(Json& j, const proposal_list_video& v) {
    j = Json::object();
    j["index"] = v.index;
    j["video"] = v.video;
    j["num_frames"] = v.num_frames();
    j["normalized"] = v.normalized;
    Json gts = Json::array();
    for (const auto& g : v.ground_truth) gts.push_back(Json::array({g.label, g.start, g.end}));
    j["ground_truth"] = std::move(gts);
    j["proposals"] = v.proposals.size();  // a video has hundreds: inspect shows the count
}

namespace detail {

// The lines of a proposal list one at a time, each stripped as MMAction2's `x.strip()`; the end of the input is
// an error naming what the block still needed.
class proposal_cursor {
public:
    proposal_cursor(std::string_view text, std::string_view source) : reader_(text, std::string(source)) {}

    // The next line, skipping blank lines only where `skip_blank` (between blocks). False at the end.
    bool next(bool skip_blank) {
        while (reader_.next(line_)) {
            text_ = vidata::detail::trim_ascii_space(line_.text());
            if (!skip_blank || !text_.empty()) return true;
        }
        return false;
    }

    // The next line, which must exist and not be blank.
    const text_line& need(std::string_view what) {
        if (!next(false))
            throw parse_error(source_location{reader_.source(), reader_.lines_read() + 1, 0, -1, {}}, std::string(what),
                              "the end of the file");
        if (text_.empty()) throw line_.error(std::string(what));
        return line_;
    }

    [[nodiscard]] std::string_view text() const noexcept { return text_; }
    [[nodiscard]] const text_line& line() const noexcept { return line_; }

    template <class T>
    T single(std::string_view what) {
        need(what);
        T v{};
        if (vidata::detail::parse_number(text_, v) != vidata::detail::number_status::ok || !std::isfinite(static_cast<double>(v)))
            throw line_.error(std::string(what));
        return v;
    }

private:
    line_reader reader_;
    text_line line_;
    std::string_view text_;
};

[[nodiscard]] inline bool has_point(std::string_view s) noexcept { return s.find_first_of(".eE") != std::string_view::npos; }

// "%.4f", as the tools write IoUs and normalized positions; a value that 4 decimals would change (one a user
// computed) is written in its shortest exact form instead, so that a list always reads back as it was written.
inline void append_fixed4(std::string& out, double v) {
    char buffer[400];
    auto r = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 4);
    double back = 0.0;
    if (std::isfinite(v) && (std::from_chars(buffer, r.ptr, back).ec != std::errc{} || back != v)) {
        r = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
        // Shortest scientific keeps an 'e', which marks the block normalized when read back, as it was.
    }
    out.append(buffer, r.ptr);
}

// An integral value as an integer ("5666", not "5666.0" or "5.666e+03"); others in their shortest form.
inline void append_plain_number(std::string& out, double v) {
    if (std::trunc(v) == v && std::fabs(v) < 9.0e15) {
        append_integer(out, static_cast<std::int64_t>(v));
        return;
    }
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
}

}  // namespace detail

/// The proposal list of SSN (Zhao et al.), TAG proposals for THUMOS'14 and ActivityNet v1.2, as
/// ssn_utils.load_localize_proposal_file reads it and denormalize_proposal_file.py writes it:
///
///   # 0                           block index
///   video_validation_0000202      video id (frame directory)
///   5666                          num_frames (or a duration; MMAction2 multiplies the next line in)
///   1                             1 (or fps)
///   2                             number of ground-truth instances, then one per line: label start end
///   8 130 185
///   8 832 1136
///   1                             number of proposals, then one per line: label best_iou overlap_self start end
///   8 0.0620 0.0620 790 5671
///
/// Starts and ends are frame numbers, or fractions of the video with 4 decimals in the normalized lists
/// (`*_normalized_proposal_list.txt`); see proposal_list_video::normalized. Lines are stripped, blank lines between
/// blocks are ignored; anything else out of place (a missing line, a count that does not match the lines, a
/// non-number) is a parse_error at its line. The writer writes the layout above, "\n"-terminated, IoUs with 4
/// decimals, normalized positions with 4 decimals and frame positions as integers, as the MMAction2 tools do.
struct proposal_list : text_format<proposal_list> {
    using record_type = proposal_list_video;
    static constexpr std::string_view name = "proposal_list";

    [[nodiscard]] static std::vector<proposal_list_video> parse(std::string_view text, std::string_view source) {
        std::vector<proposal_list_video> out;
        detail::proposal_cursor in(text, source);
        field_list f;
        while (in.next(true)) {
            proposal_list_video v;
            const std::string_view head = in.text();
            if (!head.starts_with('#') ||
                vidata::detail::parse_number(head.substr(1), v.index) != vidata::detail::number_status::ok)
                throw in.line().error("a block header '# <index>'");
            in.need("a video id");
            v.video = std::string(in.text());
            v.frames = in.single<double>("the number of frames");
            v.ratio = in.single<double>("a frame-count factor (1, or the fps)");
            const auto gts = in.single<std::int64_t>("the number of ground-truth instances");
            if (gts < 0) throw in.line().error("a non-negative number of ground-truth instances");
            for (std::int64_t i = 0; i < gts; ++i) {
                in.need("a ground-truth instance 'label start end'");
                in.line().fields(f);
                f.expect_count(3, "label start end");
                v.ground_truth.push_back({f.value<int>(0, "an integer label"), f.number(1, "a start"), f.number(2, "an end")});
                v.normalized = v.normalized || detail::has_point(f[1].text) || detail::has_point(f[2].text);
            }
            const auto proposals = in.single<std::int64_t>("the number of proposals");
            if (proposals < 0) throw in.line().error("a non-negative number of proposals");
            v.proposals.reserve(static_cast<std::size_t>(std::min<std::int64_t>(proposals, 1 << 16)));
            for (std::int64_t i = 0; i < proposals; ++i) {
                in.need("a proposal 'label best_iou overlap_self start end'");
                in.line().fields(f);
                f.expect_count(5, "label best_iou overlap_self start end");
                v.proposals.push_back({f.value<int>(0, "an integer label"), f.number(1, "a best IoU"), f.number(2, "an overlap"),
                                       f.number(3, "a start"), f.number(4, "an end")});
                v.normalized = v.normalized || detail::has_point(f[3].text) || detail::has_point(f[4].text);
            }
            out.push_back(std::move(v));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const proposal_list_video> videos) {
        std::string text;
        for (const proposal_list_video& v : videos) {
            const auto fail = [&](const std::string& why) {
                throw invalid_argument("vidata::formats::proposal_list::write: video '" + v.video + "' " + why);
            };
            if (v.video.empty() || v.video.find_first_of(" \t\n\v\f\r") != std::string::npos || v.video.starts_with('#'))
                fail("has an empty id, one with blanks or one starting with '#'");
            const auto position = [&](double x) {
                if (!std::isfinite(x)) fail("has a start or end that is not finite");
                if (v.normalized) return detail::append_fixed4(text, x);
                if (std::trunc(x) != x) fail("has a fractional frame position but is not marked normalized");
                detail::append_plain_number(text, x);
            };
            text += "# ";
            detail::append_integer(text, v.index);
            text += '\n';
            text += v.video;
            text += '\n';
            detail::append_plain_number(text, v.frames);
            text += '\n';
            detail::append_plain_number(text, v.ratio);
            text += '\n';
            detail::append_integer(text, static_cast<std::int64_t>(v.ground_truth.size()));
            text += '\n';
            for (const auto& g : v.ground_truth) {
                detail::append_integer(text, g.label);
                text += ' ';
                position(g.start);
                text += ' ';
                position(g.end);
                text += '\n';
            }
            detail::append_integer(text, static_cast<std::int64_t>(v.proposals.size()));
            text += '\n';
            for (const auto& p : v.proposals) {
                detail::append_integer(text, p.label);
                text += ' ';
                detail::append_fixed4(text, p.best_iou);
                text += ' ';
                detail::append_fixed4(text, p.overlap_self);
                text += ' ';
                position(p.start);
                text += ' ';
                position(p.end);
                text += '\n';
            }
            if (text.size() >= (1 << 16)) {
                out.write(text.data(), static_cast<std::streamsize>(text.size()));
                text.clear();
            }
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// Claims a file that starts with a block header `# <index>` followed by a video id and two numbers.
    [[nodiscard]] static bool detect(const std::filesystem::path& /*path*/, std::string_view head) {
        line_reader reader(head);
        text_line line;
        std::string_view lines[4];
        for (auto& l : lines) {
            if (!reader.next(line)) return false;
            l = vidata::detail::trim_ascii_space(line.text());
        }
        std::int64_t index = 0;
        double number = 0.0;
        using vidata::detail::number_status;
        return lines[0].starts_with('#') && vidata::detail::parse_number(lines[0].substr(1), index) == number_status::ok &&
               !lines[1].empty() && lines[1].find(' ') == std::string_view::npos &&
               vidata::detail::parse_number(lines[2], number) == number_status::ok &&
               vidata::detail::parse_number(lines[3], number) == number_status::ok;
    }
};

}  // namespace vidata::formats
