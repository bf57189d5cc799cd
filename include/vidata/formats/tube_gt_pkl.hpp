// SPDX-License-Identifier: Apache-2.0
// vidata::formats::tube_gt_pkl: JHMDB-GT.pkl / UCF101v2-GT.pkl (ACT-detector's tube ground truth), one record per video.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/formats/ava_proposals_pkl.hpp>
#include <vidata/formats/detail/pickle_fields.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/record_json.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/metrics/tube_inputs.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata::formats {

/// One video of a tube ground-truth pickle: everything the file says about it. The file's class names are
/// shared by its records (`labels`), so that records alone write the file back.
struct tube_gt_video {
    std::string video;                                   ///< `class/video`, as the pickle names it
    std::optional<std::int64_t> nframes;                 ///< its `nframes` entry
    std::optional<image_size> resolution;                ///< its `resolution` entry (height, width)
    std::optional<std::map<int, std::vector<tube>>> tubes;  ///< its `gttubes` entry: label id -> tubes
    /// Per split of `train_videos` / `test_videos`: the video's index in that split's list, or −1 when the
    /// split does not list it. The sizes are the file's numbers of splits (JHMDB 3, UCF101-24 1).
    std::vector<std::int64_t> train_index;
    std::vector<std::int64_t> test_index;
    std::shared_ptr<const std::vector<std::string>> labels;  ///< the file's `labels` (class names)

    friend bool operator==(const tube_gt_video& a, const tube_gt_video& b) {
        static const std::vector<std::string> none;
        const auto& la = a.labels ? *a.labels : none;
        const auto& lb = b.labels ? *b.labels : none;
        if (a.video != b.video || a.nframes != b.nframes || a.resolution != b.resolution || a.train_index != b.train_index ||
            a.test_index != b.test_index || la != lb || a.tubes.has_value() != b.tubes.has_value())
            return false;
        if (!a.tubes) return true;
        // tube_ground_truth compares tubes without Eigen's size assertion.
        tube_ground_truth ga, gb;
        ga.gttubes.emplace(a.video, *a.tubes);
        gb.gttubes.emplace(b.video, *b.tubes);
        return ga == gb;
    }
};

template <class Json>
void to_json(Json& j, const tube_gt_video& v) {
    j = Json::object();
    j["video"] = v.video;
    if (v.nframes) j["nframes"] = *v.nframes;
    if (v.resolution) j["resolution"] = *v.resolution;
    if (v.tubes) {
        // Tubes are described by their frame spans: label -> [[first frame, last frame, rows], ...].
        Json tubes = Json::object();
        for (const auto& [label, list] : *v.tubes) {
            Json spans = Json::array();
            for (const auto& t : list)
                spans.push_back(t.rows() == 0 ? Json::array({0, 0, 0}) : Json::array({t(0, 0), t(t.rows() - 1, 0), t.rows()}));
            const std::string name = v.labels && label >= 0 && static_cast<std::size_t>(label) < v.labels->size()
                                         ? std::to_string(label) + " " + (*v.labels)[static_cast<std::size_t>(label)]
                                         : std::to_string(label);
            tubes[name] = std::move(spans);
        }
        j["tubes"] = std::move(tubes);
    }
    j["train_index"] = v.train_index;
    j["test_index"] = v.test_index;
}

/// The spatio-temporal ground truth of JHMDB-21 and UCF101-24 as ACT-detector pickles it (and MMAction2's
/// MultiSports `*_GT.pkl`, which has no train_videos):
///
///   {'labels': ['brush_hair', ...], 'gttubes': {'brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0':
///    {0: [array (N, 5) of frame, x1, y1, x2, y2]}}, 'nframes': {...: 40}, 'train_videos': [[...], [...], [...]],
///    'test_videos': [[...], [...], [...]], 'resolution': {...: (240, 320)}}
///
/// Records: one per video named anywhere in the file (gttubes, nframes, resolution or a split), sorted by
/// name; `vidata inspect` counts videos. to_ground_truth() / from_ground_truth() convert to and from the core
/// vidata::tube_ground_truth that frame_mean_ap and video_mean_ap take.
/// Reading goes through metrics/tube_inputs.hpp's tube_ground_truth_from (the evaluator's reader: Python 2
/// pickles, any numeric dtype, extra columns ignored). Errors (parse_error naming the file and the path in the
/// pickle): a missing labels/gttubes/nframes/test_videos key, a value of the wrong type, a label id outside
/// `labels`, a video listed twice in one split; a truncated or unsafe pickle with its byte offset.
/// Writing: a protocol-4 pickle with the keys labels, gttubes, nframes, train_videos, test_videos and
/// resolution (when any video has one); each split list in the order of the indices; tubes float32 where
/// every value is a float32 (as the published files), else float64. A file without videos writes none of
/// its labels (there is no record to carry them).
struct tube_gt_pkl : text_format<tube_gt_pkl> {
    using record_type = tube_gt_video;
    static constexpr std::string_view name = "tube_gt_pkl";

    [[nodiscard]] static std::vector<tube_gt_video> parse(std::string_view bytes, std::string_view source_name) {
        const std::string source(source_name);
        return from_ground_truth(tube_ground_truth_from(pickle::load(bytes, source), source), source);
    }

    static void write(std::ostream& out, std::span<const tube_gt_video> records) {
        using pickle::value;
        const tube_ground_truth gt = to_ground_truth(records);
        std::vector<value> labels;
        for (const auto& l : gt.labels) labels.push_back(vidata::detail::pickle_name(l));
        pickle::dict_items tubes, nframes, resolution;
        for (const auto& r : records) {
            if (r.tubes) {
                pickle::dict_items per_label;
                for (const auto& [label, list] : *r.tubes) {
                    std::vector<value> arrays;
                    for (const auto& t : list) arrays.emplace_back(detail::exact_float_array(t));
                    per_label.emplace_back(value(label), value::list(std::move(arrays)));
                }
                tubes.emplace_back(vidata::detail::pickle_name(r.video), value::dict(std::move(per_label)));
            }
            if (r.nframes) nframes.emplace_back(vidata::detail::pickle_name(r.video), value(*r.nframes));
            if (r.resolution)
                resolution.emplace_back(vidata::detail::pickle_name(r.video),
                                        value::tuple({value(r.resolution->height), value(r.resolution->width)}));
        }
        auto splits = [](const std::vector<std::vector<std::string>>& lists) {
            std::vector<value> lists_out;
            for (const auto& list : lists) {
                std::vector<value> names;
                for (const auto& v : list) names.push_back(vidata::detail::pickle_name(v));
                lists_out.push_back(value::list(std::move(names)));
            }
            return value::list(std::move(lists_out));
        };
        pickle::dict_items root;
        root.emplace_back(value("labels"), value::list(std::move(labels)));
        root.emplace_back(value("gttubes"), value::dict(std::move(tubes)));
        root.emplace_back(value("nframes"), value::dict(std::move(nframes)));
        root.emplace_back(value("train_videos"), splits(gt.train_videos));
        root.emplace_back(value("test_videos"), splits(gt.test_videos));
        if (!resolution.empty()) root.emplace_back(value("resolution"), value::dict(std::move(resolution)));
        pickle::dump(value::dict(std::move(root)), out);
    }

    /// The records of a ground truth: one per video it names, sorted by name. Throws parse_error (naming
    /// `source` and `/train_videos/<split>/<i>`) when a split lists a video twice.
    [[nodiscard]] static std::vector<tube_gt_video> from_ground_truth(const tube_ground_truth& gt, const std::string& source = {}) {
        auto labels = std::make_shared<const std::vector<std::string>>(gt.labels);
        std::map<std::string, tube_gt_video> videos;
        auto entry = [&](const std::string& name) -> tube_gt_video& {
            auto [it, added] = videos.try_emplace(name);
            if (added) {
                it->second.video = name;
                it->second.labels = labels;
                it->second.train_index.assign(gt.train_videos.size(), -1);
                it->second.test_index.assign(gt.test_videos.size(), -1);
            }
            return it->second;
        };
        for (const auto& [video, tubes] : gt.gttubes) entry(video).tubes = tubes;
        for (const auto& [video, n] : gt.nframes) entry(video).nframes = n;
        for (const auto& [video, hw] : gt.resolution) entry(video).resolution = hw;
        auto index = [&](const std::vector<std::vector<std::string>>& lists, const char* key, bool train) {
            for (std::size_t s = 0; s < lists.size(); ++s)
                for (std::size_t i = 0; i < lists[s].size(); ++i) {
                    auto& slot = (train ? entry(lists[s][i]).train_index : entry(lists[s][i]).test_index)[s];
                    if (slot >= 0)
                        throw vidata::detail::pickle_error(source, std::string("/") + key + "/" + std::to_string(s) + "/" + std::to_string(i),
                                                           "each video once per split (it is also at index " + std::to_string(slot) + ")",
                                                           lists[s][i]);
                    slot = static_cast<std::int64_t>(i);
                }
        };
        index(gt.train_videos, "train_videos", true);
        index(gt.test_videos, "test_videos", false);
        std::vector<tube_gt_video> out;
        out.reserve(videos.size());
        for (auto& video : videos) out.push_back(std::move(video.second));
        return out;
    }

    /// The core ground truth the records describe: labels from the first record, splits ordered by index.
    [[nodiscard]] static tube_ground_truth to_ground_truth(std::span<const tube_gt_video> records) {
        tube_ground_truth gt;
        std::size_t train = 0, test = 0;
        for (const auto& r : records) {
            if (gt.labels.empty() && r.labels) gt.labels = *r.labels;
            train = std::max(train, r.train_index.size());
            test = std::max(test, r.test_index.size());
        }
        std::vector<std::vector<std::pair<std::int64_t, std::string>>> train_lists(train), test_lists(test);
        for (const auto& r : records) {
            if (r.tubes) gt.gttubes[r.video] = *r.tubes;
            if (r.nframes) gt.nframes[r.video] = *r.nframes;
            if (r.resolution) gt.resolution[r.video] = *r.resolution;
            for (std::size_t s = 0; s < r.train_index.size(); ++s)
                if (r.train_index[s] >= 0) train_lists[s].emplace_back(r.train_index[s], r.video);
            for (std::size_t s = 0; s < r.test_index.size(); ++s)
                if (r.test_index[s] >= 0) test_lists[s].emplace_back(r.test_index[s], r.video);
        }
        auto ordered = [](std::vector<std::vector<std::pair<std::int64_t, std::string>>>& lists) {
            std::vector<std::vector<std::string>> out;
            for (auto& list : lists) {
                std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                std::vector<std::string> names;
                for (auto& [i, v] : list) names.push_back(std::move(v));
                out.push_back(std::move(names));
            }
            return out;
        };
        gt.train_videos = ordered(train_lists);
        gt.test_videos = ordered(test_lists);
        return gt;
    }

    /// Claims ACT-detector's file names: `JHMDB-GT.pkl`, `UCF101v2-GT.pkl`, `UCFSports-GT.pkl` (and `*_GT.pkl`).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string file = path.filename().string();
        return file.ends_with("-GT.pkl") || file.ends_with("_GT.pkl");
    }
};

}  // namespace vidata::formats
