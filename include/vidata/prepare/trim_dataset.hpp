// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::plan_trim: a dataset's trim plan from its annotation files, what `vidata trim DATASET ...` runs.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/anet_json.hpp>
#include <vidata/formats/anet_mmaction_json.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/prepare/cut_video.hpp>
#include <vidata/prepare/trim_plans.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace vidata::prepare {

/// The datasets `vidata trim` knows, as the command line names them.
inline constexpr std::array<std::string_view, 8> trim_datasets{"kinetics400", "kinetics600", "kinetics700", "activitynet",
                                                               "gym",         "ava",         "ava-kinetics", "omnisource"};

/// What plan_trim needs besides the dataset and its annotation file.
struct trim_plan_options {
    /// gym: "events" (trim_event.py, from the videos) or "subactions" (trim_subaction.py, from the event clips).
    std::string stage = "events";
    /// kinetics*, activitynet: the extension of the downloaded videos (`<youtube_id>.<ext>`, `v_<youtube_id>.<ext>`).
    std::string source_ext = "mp4";
    /// ava-kinetics: the Kinetics-700 list (`class/<id>_<start>_<end>.mp4 label` per line), cut_kinetics.py's --kinetics_list.
    std::filesystem::path kinetics_list;
};

namespace detail {

// The videos directly in `src` and in its subdirectories (hidden entries skipped), relative to it, sorted.
[[nodiscard]] inline std::vector<std::filesystem::path> videos_under(const std::filesystem::path& src) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(src, ec)) throw io_error(src.string(), "not a directory (the source of the videos)");
    std::vector<fs::path> out;
    const auto visible = [](const fs::path& p) { return !p.filename().string().empty() && p.filename().string().front() != '.'; };
    for (const auto& e : fs::directory_iterator(src)) {
        if (!visible(e.path())) continue;
        if (e.is_regular_file(ec)) out.push_back(e.path().filename());
        else if (e.is_directory(ec))
            for (const auto& inner : fs::directory_iterator(e.path()))
                if (visible(inner.path()) && inner.is_regular_file(ec)) out.push_back(e.path().filename() / inner.path().filename());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The first whitespace-separated field of each non-blank line of `path`.
[[nodiscard]] inline std::vector<std::string> first_fields(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    std::vector<std::string> out;
    line_reader lines(text, path.string());
    text_line line;
    while (lines.next(line)) {
        const std::string_view s = line.text();
        const auto begin = s.find_first_not_of(" \t");
        if (begin == std::string_view::npos) continue;
        const auto end = s.find_first_of(" \t", begin);
        out.emplace_back(s.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    }
    return out;
}

// AVA's and OmniSource's videos: those a list file names (one per line, as ava_file_names_trainval_v2.1.txt), or with
// "-" every video under `src`.
[[nodiscard]] inline std::vector<std::filesystem::path> listed_videos(const std::filesystem::path& list, const std::filesystem::path& src) {
    if (list == "-") return videos_under(src);
    std::vector<std::filesystem::path> out;
    for (auto& name : first_fields(list)) out.emplace_back(std::move(name));
    return out;
}

}  // namespace detail

/// The cuts `dataset` (one of trim_datasets) makes, from its annotation file:
/// - kinetics400/600/700: the official CSV (kinetics_csv); sources `<youtube_id>.<source_ext>` in `src`.
/// - activitynet: the official json (`{"database": ...}`, anet_json) or MMAction2's `anet_anno_*.json`
///   (anet_mmaction_json); sources `v_<youtube_id>.<source_ext>`.
/// - gym: FineGYM's annotation json (gym_annotation_json), stage "events" or "subactions".
/// - ava, omnisource: a list of the videos (first field of each line) relative to `src`, or "-" for every file in `src`
///   and its subdirectories. OmniSource's part count needs each video's duration, read here (probe_duration); a video
///   whose duration cannot be read is given its first part only, so that the run lists it in failed.txt with the reason.
/// - ava-kinetics: kinetics_train_v1.0.csv (ava_kinetics_csv) and options.kinetics_list.
/// Errors: invalid_argument for an unknown dataset or stage or a missing kinetics_list; the formats' parse_error and
/// io_error for the annotation files.
[[nodiscard]] inline std::vector<trim_cut> plan_trim(std::string_view dataset, const std::filesystem::path& annotations,
                                                     const std::filesystem::path& src, const trim_plan_options& o = {}) {
    if (dataset == "kinetics400" || dataset == "kinetics600" || dataset == "kinetics700")
        return kinetics_trim_plan(read_annotations<formats::kinetics_csv>(annotations), o.source_ext);
    if (dataset == "activitynet") {
        const std::string text = read_file(annotations);
        std::vector<temporal_record> videos;
        if (text.find("\"database\"") != std::string::npos) {
            for (auto& v : formats::anet_json::parse(text, annotations.string())) videos.push_back(std::move(v.video));
        } else {
            for (auto& v : formats::anet_mmaction_json::parse(text, annotations.string())) videos.push_back(std::move(v.video));
        }
        return activitynet_trim_plan(videos, o.source_ext);
    }
    if (dataset == "gym") {
        const auto videos = read_annotations<formats::gym_annotation_json>(annotations);
        if (o.stage == "events") return gym_event_trim_plan(videos);
        if (o.stage == "subactions") return gym_subaction_trim_plan(videos);
        throw invalid_argument("trim gym: --stage must be events or subactions, got '" + o.stage + "'");
    }
    if (dataset == "ava") return ava_trim_plan(detail::listed_videos(annotations, src));
    if (dataset == "omnisource") {
        std::vector<video_duration> videos;
        for (auto& v : detail::listed_videos(annotations, src)) {
            double seconds = 0.0;
            try {
                seconds = probe_duration(src / v);
            } catch (const std::exception&) {
                seconds = 0.001;  // one part, which fails when cut and is listed with its reason
            }
            videos.push_back({std::move(v), seconds});
        }
        return omnisource_trim_plan(videos);
    }
    if (dataset == "ava-kinetics") {
        if (o.kinetics_list.empty())
            throw invalid_argument("trim ava-kinetics: the Kinetics-700 list of the downloaded clips is needed (--kinetics-list)");
        const auto rows = read_annotations<formats::ava_kinetics_csv>(annotations);
        return ava_kinetics_trim_plan(rows, detail::first_fields(o.kinetics_list), o.kinetics_list.string());
    }
    std::string known;
    for (const auto d : trim_datasets) known += (known.empty() ? "" : ", ") + std::string(d);
    throw invalid_argument("trim: unknown dataset '" + std::string(dataset) + "' (known: " + known + ")");
}

}  // namespace vidata::prepare
