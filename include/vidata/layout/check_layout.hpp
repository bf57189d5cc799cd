// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::check_layout: every difference between a prepared dataset tree and the tree its guide shows.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/datasets.hpp>
#include <vidata/io/image/filename_template.hpp>
#include <vidata/layout/parse_directory.hpp>
#include <vidata/layout/split_rules.hpp>
#include <vidata/layout/standard_tree.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata::layouts {

/// One difference: the path it concerns, what is wrong, what the guide expects there and what the tree has.
struct layout_difference {
    std::string path;
    std::string problem;
    std::string expected;
    std::string found;

    friend bool operator==(const layout_difference&, const layout_difference&) = default;
};

/// The guide's conventions for one dataset: the annotation files its preparation needs, the directory level of
/// its frame and video trees, and its RGB frame names (sthv1 and Jester ship `00001.jpg`, the others are
/// extracted as `img_00001.jpg`). Flow frames are `flow_x_00001.jpg` / `flow_y_00001.jpg` everywhere. The frame
/// and video directories (`rawframes`, or one per subset: Kinetics' `rawframes_train`/`rawframes_val`, MiT's
/// `rawframes/training`...) and the RGB template come from the dataset's descriptor (vidata/datasets).
struct dataset_conventions {
    std::vector<std::string> annotation_files;
    int level = 2;
    std::string rgb_template = "img_{:05d}.jpg";
    std::vector<std::string> rawframes_dirs{"rawframes"};
    std::vector<std::string> videos_dirs{"videos"};
};

namespace detail {

/// A tree directory of the descriptor's layout_names, one per subset where the name holds `{}`.
[[nodiscard]] inline std::vector<std::string> expand_tree_dir(std::string_view name, const datasets::layout_names& l) {
    std::vector<std::string> out;
    if (name.empty()) return out;
    if (l.subset_count() == 0) return {std::string(name)};
    const auto field = name.find("{}");
    for (std::size_t i = 0; i < l.subset_count(); ++i) {
        std::string d(name);
        if (field != std::string_view::npos) d.replace(field, 2, l.subsets[i]);
        out.push_back(std::move(d));
    }
    return out;
}

template <class F, std::size_t... I>
void visit_descriptors(F&& f, std::index_sequence<I...>) {
    (f(static_cast<std::tuple_element_t<I, datasets::all_datasets>*>(nullptr)), ...);
}

/// Fills the directories and the RGB template from the descriptor named `dataset`.
inline void apply_descriptor(std::string_view dataset, dataset_conventions& c) {
    visit_descriptors(
        [&](auto* tag) {
            using D = std::remove_pointer_t<decltype(tag)>;
            if (D::name != dataset) return;
            c.rawframes_dirs = expand_tree_dir(D::layout.rawframes, D::layout);
            c.videos_dirs = expand_tree_dir(D::layout.videos, D::layout);
            if (!D::frames.rgb.empty()) c.rgb_template = std::string(D::frames.rgb);
        },
        std::make_index_sequence<std::tuple_size_v<datasets::all_datasets>>{});
}

}  // namespace detail

/// The conventions of a dataset build_file_list knows (docs/datasets.md, MMAction2's tools/data/<dataset>/README).
/// HMDB51's per-class split files are checked apart (their names depend on the classes). invalid_argument otherwise.
[[nodiscard]] inline dataset_conventions conventions_of(std::string_view dataset);

namespace detail {
[[nodiscard]] inline dataset_conventions own_conventions(std::string_view dataset) {
    if (dataset == "ucf101")
        return {{"classInd.txt", "trainlist01.txt", "trainlist02.txt", "trainlist03.txt", "testlist01.txt", "testlist02.txt", "testlist03.txt"}, 2, "img_{:05d}.jpg"};
    if (dataset == "hmdb51") return {{}, 2, "img_{:05d}.jpg"};
    if (dataset == "kinetics400" || dataset == "kinetics600" || dataset == "kinetics700")
        return {{"kinetics_train.csv", "kinetics_val.csv"}, 2, "img_{:05d}.jpg"};
    if (dataset == "sthv1")
        return {{"something-something-v1-labels.csv", "something-something-v1-train.csv", "something-something-v1-validation.csv"}, 1, "{:05d}.jpg"};
    if (dataset == "sthv2")
        return {{"something-something-v2-labels.json", "something-something-v2-train.json", "something-something-v2-validation.json"}, 1, "img_{:05d}.jpg"};
    if (dataset == "jester") return {{"jester-v1-labels.csv", "jester-v1-train.csv", "jester-v1-validation.csv"}, 1, "{:05d}.jpg"};
    if (dataset == "mit") return {{"moments_categories.txt", "trainingSet.csv", "validationSet.csv"}, 2, "img_{:05d}.jpg"};
    // MMAction2's parse_mmit_splits reads .csv where the guide's tree shows trainingSet.txt: either is accepted.
    if (dataset == "mmit") return {{"trainingSet.csv|trainingSet.txt", "validationSet.csv|validationSet.txt"}, 2, "img_{:05d}.jpg"};
    if (dataset == "diving48") return {{"Diving48_V2_train.json", "Diving48_V2_test.json"}, 1, "img_{:05d}.jpg"};
    throw invalid_argument("vidata::layouts::check_layout: unknown dataset '" + std::string(dataset) +
                           "' (it knows ucf101, kinetics400/600/700, sthv1, sthv2, mit, mmit, hmdb51, jester, diving48)");
}
}  // namespace detail

[[nodiscard]] inline dataset_conventions conventions_of(std::string_view dataset) {
    dataset_conventions c = detail::own_conventions(dataset);
    detail::apply_descriptor(dataset, c);
    return c;
}

namespace detail {

[[nodiscard]] inline std::vector<std::filesystem::directory_entry> entries(const std::filesystem::path& dir) {
    std::vector<std::filesystem::directory_entry> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (!is_hidden(it->path().filename().string())) out.push_back(*it);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
    return out;
}

/// The names every list of the dataset may have (list_name over subsets, splits, formats, txt/json).
[[nodiscard]] inline std::set<std::string> valid_list_names(std::string_view dataset) {
    std::set<std::string> out;
    for (const media_kind kind : {media_kind::rawframes, media_kind::videos})
        for (const bool json : {false, true}) {
            if (split_count(dataset) > 1) {
                for (int i = 1; i <= split_count(dataset); ++i)
                    for (const char* subset : {"train", "val"}) out.insert(list_name(dataset, split{subset, i}, kind, json));
            } else
                for (const char* subset : {"train", "val", "test"}) out.insert(list_name(dataset, split{subset, 0}, kind, json));
        }
    return out;
}

/// Frame directory check: names follow the templates, numbers run 1..n without a gap, flow x and y agree.
/// Returns the RGB frame count (the number of files named as RGB frames).
inline std::int64_t check_frame_directory(const std::filesystem::path& dir, const filename_template& rgb, const filename_template& flow,
                                          std::vector<layout_difference>& out) {
    std::set<std::int64_t> numbers[3];
    for (const auto& e : entries(dir)) {
        const std::string name = e.path().filename().string();
        std::error_code ec;
        if (e.is_directory(ec)) {
            out.push_back({e.path().string(), "directory inside a frame directory", "frame files only", "a directory"});
            continue;
        }
        if (auto n = rgb.match(name)) numbers[0].insert(*n);
        else if (auto x = flow.match(name, "x")) numbers[1].insert(*x);
        else if (auto y = flow.match(name, "y")) numbers[2].insert(*y);
        else
            out.push_back({e.path().string(), "file not named as a frame", rgb.format(1) + ", " + flow.format("x", 1) + " or " + flow.format("y", 1) + " ...", name});
    }
    const char* kinds[3] = {"RGB", "flow x", "flow y"};
    for (int k = 0; k < 3; ++k) {
        if (numbers[k].empty()) continue;
        const std::int64_t last = *numbers[k].rbegin();
        for (std::int64_t i = 1; i <= last; ++i)
            if (!numbers[k].contains(i)) {
                const std::string expected = k == 0 ? rgb.format(i) : flow.format(k == 1 ? "x" : "y", i);
                out.push_back({(dir / expected).string(), std::string("missing ") + kinds[k] + " frame",
                               expected + " (frames are numbered 1.." + std::to_string(last) + ")", "no such file"});
            }
    }
    if (numbers[1].size() != numbers[2].size())
        out.push_back({dir.string(), "flow x and flow y counts differ", std::to_string(numbers[1].size()) + " flow_y frames",
                       std::to_string(numbers[2].size())});
    return static_cast<std::int64_t>(numbers[0].size());
}

}  // namespace detail

/// Compares the prepared tree of `dataset` at `root` (the dataset's directory, `data/ucf101`) with the tree its
/// guide shows and returns every difference, in path order within each check (empty: the tree is as the guide
/// draws it):
/// - `annotations/` holds the official files the lists are built from (HMDB51: three split files per class);
/// - `rawframes/` and/or `videos/` exist, at the dataset's level (`<class>/<video>` or `<video>`);
/// - every frame directory's files are named by the templates (`img_00001.jpg` or `00001.jpg`, `flow_x_00001.jpg`,
///   `flow_y_00001.jpg`), numbered from 1 without a gap, with as many flow_x as flow_y frames (build_rawframes'
///   reports at the top of the frame tree, `build_report*.txt` and `failed*.txt`, are left alone);
/// - every list at the root (`*.txt`, `*.json`) has one of the names build_file_list gives, and each of its
///   lines names a frame directory holding the frame count the line says, or a video that exists.
/// `level` overrides the dataset's level (0: the guide's). Throws invalid_argument for an unknown dataset and
/// io_error when `root` is not a directory.
[[nodiscard]] inline std::vector<layout_difference> check_layout(std::string_view dataset, const std::filesystem::path& root, int level = 0) {
    namespace fs = std::filesystem;
    const dataset_conventions conv = conventions_of(dataset);
    if (level == 0) level = conv.level;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) throw io_error(root.string(), "not a directory (check-layout takes the dataset's root, e.g. data/ucf101)");
    std::vector<layout_difference> out;
    const fs::path ann = root / "annotations";
    if (!fs::is_directory(ann, ec)) out.push_back({ann.string(), "missing directory", "annotations/ with the official files", "nothing"});
    else {
        for (const auto& f : conv.annotation_files) {
            const auto alternatives = detail::split_on(f, '|');
            const bool any = std::any_of(alternatives.begin(), alternatives.end(), [&](const std::string& a) { return fs::exists(ann / a, ec); });
            if (!any) out.push_back({(ann / alternatives[0]).string(), "missing annotation file", alternatives.size() > 1 ? alternatives[0] + " or " + alternatives[1] : f, "nothing"});
        }
        if (dataset == "hmdb51") {
            const auto classes = detail::hmdb51_classes(ann);
            if (classes.empty()) out.push_back({ann.string(), "missing annotation file", "<class>_test_split1.txt per class", "none"});
            for (const auto& c : classes)
                for (int i = 2; i <= 3; ++i) {
                    const std::string f = c + "_test_split" + std::to_string(i) + ".txt";
                    if (!fs::exists(ann / f, ec)) out.push_back({(ann / f).string(), "missing annotation file", f, "nothing"});
                }
        }
    }

    const filename_template rgb(conv.rgb_template), flow("flow_{}_{:05d}.jpg");
    auto existing = [&](const std::vector<std::string>& dirs) {
        std::vector<fs::path> found;
        for (const auto& d : dirs)
            if (fs::is_directory(root / d, ec)) found.push_back(root / d);
        // A tree with one directory per subset should have them all once it has one.
        if (!found.empty())
            for (const auto& d : dirs)
                if (!fs::is_directory(root / d, ec)) out.push_back({(root / d).string(), "missing directory", d + "/", "nothing"});
        return found;
    };
    const auto frame_roots = existing(conv.rawframes_dirs);
    const auto video_roots = existing(conv.videos_dirs);
    if (frame_roots.empty() && video_roots.empty()) {
        std::string expected;
        for (const auto& d : conv.rawframes_dirs) expected += (expected.empty() ? "" : ", ") + d + "/";
        for (const auto& d : conv.videos_dirs) expected += (expected.empty() ? "" : ", ") + d + "/";
        out.push_back({root.string(), "missing directory", expected, "none of them"});
    }

    std::map<std::string, std::int64_t> frame_counts;  // key -> RGB frames on disk
    for (const fs::path& frames_root : frame_roots) {
        auto visit_frame_dir = [&](const fs::path& dir, const std::string& key) {
            frame_counts[key] = detail::check_frame_directory(dir, rgb, flow, out);
        };
        for (const auto& e : detail::entries(frames_root)) {
            const std::string name = e.path().filename().string();
            // build_rawframes' own reports (build_report.txt, failed.txt, or per shard build_report.shard-K-of-N.txt)
            // sit at the top of the tree it writes: bookkeeping of the extraction, not part of the guide's tree.
            const bool report = name.ends_with(".txt") && (name.starts_with("build_report.") || name.starts_with("failed."));
            if (!e.is_directory(ec) && report) continue;
            if (!e.is_directory(ec)) {
                out.push_back({e.path().string(), "file where a " + std::string(level == 2 ? "class" : "frame") + " directory is expected",
                               level == 2 ? "<rawframes>/<class>/<video>/" : "<rawframes>/<video>/", "a file"});
                continue;
            }
            if (level == 1) {
                visit_frame_dir(e.path(), name);
                continue;
            }
            for (const auto& v : detail::entries(e.path())) {
                if (!v.is_directory(ec)) {
                    out.push_back({v.path().string(), "file where a frame directory is expected", "<rawframes>/<class>/<video>/", "a file"});
                    continue;
                }
                visit_frame_dir(v.path(), name + "/" + v.path().filename().string());
            }
        }
    }
    auto video_exists = [&](const std::string& rel) {
        return std::any_of(video_roots.begin(), video_roots.end(), [&](const fs::path& r) { return fs::exists(r / rel, ec); });
    };

    const auto valid = detail::valid_list_names(dataset);
    for (const auto& e : detail::entries(root)) {
        if (!e.is_regular_file(ec)) continue;
        const std::string name = e.path().filename().string();
        if (!name.ends_with(".txt") && !name.ends_with(".json")) continue;
        if (!valid.contains(name)) {
            out.push_back({e.path().string(), "list not named as build_file_list names it",
                           split_count(dataset) > 1 ? std::string(dataset) + "_{train,val}_split_{1,2,3}_{rawframes,videos}.{txt,json}"
                                                    : std::string(dataset) + "_{train,val,test}_list_{rawframes,videos}.{txt,json}",
                           name});
            continue;
        }
        if (name.ends_with(".json")) continue;  // JSON lists: named right is what is checked
        const bool frames_list = name.find("_rawframes.") != std::string::npos;
        std::size_t n = 0;
        for (const std::string& line : detail::text_lines(e.path())) {
            ++n;
            const auto fields = detail::split_whitespace(line);
            if (fields.empty()) continue;
            const std::string where = e.path().string() + ":" + std::to_string(n);
            if (frames_list) {
                const auto it = frame_counts.find(fields[0]);
                if (it == frame_counts.end()) {
                    out.push_back({where, "list names a frame directory that does not exist", "<rawframes>/" + fields[0], "nothing"});
                    continue;
                }
                if (fields.size() < 2 || fields[1] != std::to_string(it->second))
                    out.push_back({where, "frame count in the list differs from the frames on disk", std::to_string(it->second) + " (on disk)",
                                   fields.size() < 2 ? "no count" : fields[1]});
            } else if (!video_exists(fields[0])) {
                out.push_back({where, "list names a video that does not exist", "<videos>/" + fields[0], "nothing"});
            }
        }
    }
    return out;
}

}  // namespace vidata::layouts
