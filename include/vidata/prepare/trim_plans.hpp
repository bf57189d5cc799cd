// SPDX-License-Identifier: Apache-2.0
// vidata::prepare trim plans: which clips each dataset's guide cuts from which videos, and how it names them, as pure
// functions from annotations to a list of cuts (what `vidata trim` then runs).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/kinetics_csv.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <ranges>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

// The guides' scripts (MMAction2 0.x tools/data/, reference-behaviour.md §1.10) and what each plan takes from them:
// - Kinetics, kinetics/download.py: each CSV row [time_start, time_start + (time_end - time_start)) of the downloaded
//   YouTube video, written to `<label>/<youtube_id>_<int(start):06d>_<int(end):06d>.mp4`, test rows (no label) to
//   `test/`. The label directory is the name rename_classnames.sh leaves (spaces to underscores, quotes dropped).
// - ActivityNet: MMAction2 downloads whole videos `v_<youtube_id>.mp4` and cuts nothing; a clip per annotated
//   segment, `v_<youtube_id>_<k>.mp4` (k: the segment's 0-based position in the video's annotations), is vidata's.
// - FineGYM, gym/trim_event.py then gym/trim_subaction.py: an event is `timestamps[0]` of the video, written to
//   `<video>_<event_id>.mp4`; an element (sub-action) of an event whose `segments` is not null is
//   [timestamps[0][0], timestamps[-1][1]) of the event clip, written to `<video>_<event_id>_<element_id>.mp4`.
// - AVA, ava/cut_videos.sh: `-ss 900 -t 901` (the 15th to the 30th minute, [900, 1801) s) at 30 fps, same file name.
// - OmniSource, omnisource/trim_raw_video.py: parts [10 i, 10 i + 10) for every i with 10 i < the duration ffprobe
//   prints, `<video without extension>/part_<i>.mp4`, libx264 crf 18. (The script then deletes the video; vidata never
//   deletes a source.)
// - AVA-Kinetics, ava_kinetics/cut_kinetics.py: see ava_kinetics_trim_plan.

namespace vidata::prepare {

/// One clip to cut: [start, end) seconds of `source` (relative to the source directory) to `output` (relative to the
/// output directory), re-encoded at `fps` when it is > 0, at libx264's constant rate factor `crf` when re-encoded.
struct trim_cut {
    std::filesystem::path source;
    double start = 0.0;
    double end = 0.0;
    std::filesystem::path output;
    double fps = 0.0;
    int crf = 23;

    friend bool operator==(const trim_cut&, const trim_cut&) = default;
};

namespace detail {

// Python's '%06d' % x for a float x: truncation toward zero, at least six digits.
[[nodiscard]] inline std::string six_digits(double x) {
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%06lld", static_cast<long long>(x));
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

[[nodiscard]] inline source_location at_json_path(std::string path) {
    source_location where;
    where.path = std::move(path);
    return where;
}

[[nodiscard]] inline std::string with_extension(std::string stem, std::string_view ext) {
    stem += '.';
    stem += ext;
    return stem;
}

}  // namespace detail

/// Kinetics (400/600/700): one cut per row of the official CSV (kinetics_csv), from `<youtube_id>.<source_ext>`.
template <std::ranges::input_range Rows>
    requires std::convertible_to<std::ranges::range_reference_t<Rows>, formats::kinetics_csv_row>
[[nodiscard]] std::vector<trim_cut> kinetics_trim_plan(const Rows& rows, std::string_view source_ext = "mp4") {
    std::vector<trim_cut> out;
    for (const formats::kinetics_csv_row r : rows) {
        trim_cut c;
        c.source = detail::with_extension(r.youtube_id, source_ext);
        c.start = r.time_start;
        c.end = r.time_start + (r.time_end - r.time_start);  // ffmpeg's -ss s -t (e - s)
        const std::string directory = r.label ? formats::kinetics_class_key(*r.label) : std::string("test");
        c.output = std::filesystem::path(directory) / (formats::kinetics_clip_name(r) + ".mp4");
        out.push_back(std::move(c));
    }
    return out;
}

/// ActivityNet: one cut per annotated segment of each video (`video.id` without the `v_`), from
/// `v_<id>.<source_ext>` to `v_<id>_<k>.mp4`.
[[nodiscard]] inline std::vector<trim_cut> activitynet_trim_plan(std::span<const temporal_record> videos, std::string_view source_ext = "mp4") {
    std::vector<trim_cut> out;
    for (const auto& v : videos)
        for (std::size_t k = 0; k < v.annotations.size(); ++k) {
            trim_cut c;
            c.source = detail::with_extension("v_" + v.id, source_ext);
            c.start = v.annotations[k].start;
            c.end = v.annotations[k].end;
            c.output = "v_" + v.id + "_" + std::to_string(k) + ".mp4";
            out.push_back(std::move(c));
        }
    return out;
}

/// FineGYM's first stage (trim_event.py): each event's `timestamps[0]` of `<video>.mp4`, to `<video>_<event_id>.mp4`.
[[nodiscard]] inline std::vector<trim_cut> gym_event_trim_plan(std::span<const formats::gym_video> videos) {
    std::vector<trim_cut> out;
    for (const auto& v : videos)
        for (const auto& e : v.events) {
            if (e.timestamps.empty())
                throw parse_error(detail::at_json_path("/" + v.id + "/" + e.id + "/timestamps"), "an interval [start, end] to cut", "[]");
            trim_cut c;
            c.source = v.id + ".mp4";
            c.start = e.timestamps.front()[0];
            c.end = e.timestamps.front()[0] + (e.timestamps.front()[1] - e.timestamps.front()[0]);
            c.output = v.id + "_" + e.id + ".mp4";
            out.push_back(std::move(c));
        }
    return out;
}

/// FineGYM's second stage (trim_subaction.py), on the event clips: each element of an event with `segments`,
/// [timestamps[0][0], timestamps[-1][1]) of `<video>_<event_id>.mp4`, to `<video>_<event_id>_<element_id>.mp4`.
[[nodiscard]] inline std::vector<trim_cut> gym_subaction_trim_plan(std::span<const formats::gym_video> videos) {
    std::vector<trim_cut> out;
    for (const auto& v : videos)
        for (const auto& e : v.events) {
            if (!e.segments) continue;
            const std::string event = v.id + "_" + e.id;
            for (const auto& s : *e.segments) {
                if (s.timestamps.empty())
                    throw parse_error(detail::at_json_path("/" + v.id + "/" + e.id + "/segments/" + s.id + "/timestamps"),
                                      "an interval [start, end] to cut", "[]");
                trim_cut c;
                c.source = event + ".mp4";
                c.start = s.timestamps.front()[0];
                c.end = s.timestamps.front()[0] + (s.timestamps.back()[1] - s.timestamps.front()[0]);
                c.output = event + "_" + s.id + ".mp4";
                out.push_back(std::move(c));
            }
        }
    return out;
}

/// AVA (cut_videos.sh): [900, 1801) s of each video at 30 fps, under the same file name.
[[nodiscard]] inline std::vector<trim_cut> ava_trim_plan(std::span<const std::filesystem::path> videos) {
    std::vector<trim_cut> out;
    for (const auto& v : videos) out.push_back({v, 900.0, 900.0 + 901.0, v.filename(), 30.0, 23});
    return out;
}

/// A video and its duration in seconds (as ffprobe prints it: prepare::probe_duration).
struct video_duration {
    std::filesystem::path video;
    double seconds = 0.0;
};

/// OmniSource (trim_raw_video.py): parts [10 i, 10 i + 10) for each i with 10 i < duration, to
/// `<video without extension>/part_<i>.mp4`, at crf 18.
[[nodiscard]] inline std::vector<trim_cut> omnisource_trim_plan(std::span<const video_duration> videos) {
    std::vector<trim_cut> out;
    for (const auto& v : videos) {
        std::filesystem::path directory = v.video;
        directory.replace_extension();
        for (std::int64_t i = 0; static_cast<double>(i * 10) < v.seconds; ++i)
            out.push_back({v.video, static_cast<double>(i * 10), static_cast<double>(i * 10 + 10),
                           directory / ("part_" + std::to_string(i) + ".mp4"), 0.0, 18});
    }
    return out;
}

/// AVA-Kinetics (cut_kinetics.py): the part of each Kinetics-700 clip that its keyframes need.
/// - `rows`: kinetics_train_v1.0.csv. Each row with a box gives its video a keyframe at int(timestamp) (the script
///   takes the 7-field rows; rows with a person id, which the release does not have, count here too).
/// - `clips`: the first field of each line of the Kinetics list (`class/<youtube_id>_<start:06d>_<end:06d>.mp4 label`):
///   the clip's youtube id is its name's '_'-separated parts but the last two (the name cut at its first '.'), its
///   start and end the last two. A clip whose video has keyframes strictly inside (start, end) gives the cut
///   [max(start, min - 2), min(end, max + 2)) of the video, i.e. that minus `start` in the clip, at 30 fps, written to
///   `<youtube_id>_<cut start:06d>_<cut end:06d>.mp4`.
/// - Of the cuts of one video, one whose range lies within another's is dropped (of equal ones, all but the first by
///   clip path): the script does the same over a set, in Python's hash order.
/// Throws parse_error naming `list_name` and the line for a clip name without integer start and end.
[[nodiscard]] inline std::vector<trim_cut> ava_kinetics_trim_plan(std::span<const formats::ava_kinetics_row> rows,
                                                                  std::span<const std::string> clips,
                                                                  std::string_view list_name = "the Kinetics list") {
    std::map<std::string, std::set<std::int64_t>, std::less<>> keyframes;
    for (const auto& r : rows)
        if (r.box) keyframes[r.youtube_id].insert(static_cast<std::int64_t>(r.timestamp));  // int(float(ts))
    struct candidate {
        std::int64_t start, end;
        std::string clip;
        std::int64_t clip_start;
    };
    std::map<std::string, std::vector<candidate>> by_video;
    for (std::size_t line = 0; line < clips.size(); ++line) {
        const std::string& clip = clips[line];
        const auto at_line = [&] {
            source_location where;
            where.file = list_name;
            where.line = line + 1;
            return where;
        };
        std::string name = clip.substr(clip.rfind('/') == std::string::npos ? 0 : clip.rfind('/') + 1);
        name = name.substr(0, name.find('.'));
        std::vector<std::string_view> parts;
        for (std::size_t at = 0;;) {
            const std::size_t next = name.find('_', at);
            parts.emplace_back(std::string_view(name).substr(at, next == std::string::npos ? std::string::npos : next - at));
            if (next == std::string::npos) break;
            at = next + 1;
        }
        const auto integer = [&](std::string_view text) {
            std::int64_t value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
                throw parse_error(at_line(), "a clip named <youtube_id>_<start>_<end>.<ext> with integer times", clip);
            return value;
        };
        if (parts.size() < 3)
            throw parse_error(at_line(), "a clip named <youtube_id>_<start>_<end>.<ext>", clip);
        std::string id;
        for (std::size_t p = 0; p + 2 < parts.size(); ++p) {
            if (p > 0) id += '_';
            id += parts[p];
        }
        const auto found = keyframes.find(id);
        if (found == keyframes.end()) continue;
        const std::int64_t start = integer(parts[parts.size() - 2]), end = integer(parts.back());
        std::vector<std::int64_t> inside;
        for (const auto t : found->second)
            if (start < t && t < end) inside.push_back(t);
        if (inside.empty()) continue;
        by_video[id].push_back({std::max(start, inside.front() - 2), std::min(end, inside.back() + 2), clip, start});
    }
    std::vector<trim_cut> out;
    for (auto& [id, list] : by_video) {
        std::sort(list.begin(), list.end(), [](const candidate& a, const candidate& b) { return std::tie(a.start, a.end, a.clip) < std::tie(b.start, b.end, b.clip); });
        for (std::size_t i = 0; i < list.size(); ++i) {
            bool contained = false;
            for (std::size_t j = 0; j < list.size() && !contained; ++j) {
                if (i == j) continue;
                const bool within = list[j].start <= list[i].start && list[i].end <= list[j].end;
                const bool equal = list[j].start == list[i].start && list[j].end == list[i].end;
                contained = within && (!equal || j < i);
            }
            if (contained) continue;
            const auto& c = list[i];
            out.push_back({c.clip, static_cast<double>(c.start - c.clip_start), static_cast<double>(c.end - c.clip_start),
                           id + "_" + detail::six_digits(static_cast<double>(c.start)) + "_" + detail::six_digits(static_cast<double>(c.end)) + ".mp4",
                           30.0, 23});
        }
    }
    return out;
}

}  // namespace vidata::prepare
