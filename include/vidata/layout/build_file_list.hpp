// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::build_file_list: the train/val/test lists of a prepared frame or video tree, as MMAction2's
// tools/data/build_file_list.py writes them (same lines, same order, same shuffle for the same seed).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/core/split.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/layout/parse_directory.hpp>
#include <vidata/layout/python_random.hpp>
#include <vidata/layout/split_rules.hpp>
#include <vidata/layout/standard_tree.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace vidata::layouts {

enum class list_output_format : unsigned char { txt, json };

/// The options of `build_file_list.py`, with its defaults.
struct build_file_list_options {
    frame_prefixes prefixes;                          ///< --rgb-prefix, --flow-x-prefix, --flow-y-prefix
    std::optional<int> num_split;                     ///< --num-split: checked against the dataset's count when given
    std::string subset = "train";                     ///< --subset train|val|test (single-split datasets)
    int level = 2;                                    ///< --level 1|2
    media_kind format = media_kind::rawframes;        ///< --format rawframes|videos
    std::filesystem::path out_root_path = "data";     ///< --out-root-path: lists go to <out_root_path>/<dataset>/
    std::filesystem::path annotations;                ///< the official files; empty: <out_root_path>/<dataset>/annotations
    std::optional<std::int64_t> seed;                 ///< --seed: random.seed(seed) before anything is shuffled
    bool shuffle = false;                             ///< --shuffle
    list_output_format output_format = list_output_format::txt;  ///< --output-format
};

/// One list: its file name (list_name) and its lines, each ending in '\n'.
struct built_list {
    std::string name;
    std::vector<std::string> lines;
    /// The file's bytes: the lines, or for JSON MMAction2's lines2dictlist dumped by json.dump.
    std::string text;
};

/// What the tree holds for a key: the frame directory (rawframes) or the video's path relative to the source.
struct tree_entry {
    std::string path;          ///< the video's relative path (videos); unused for rawframes
    std::int64_t rgb_count = -1;
    std::int64_t flow_count = -1;
};
using tree_map = std::unordered_map<std::string, tree_entry>;

namespace detail {

/// The videos under `src`: `src/*` at level 1, `src/*/*` at level 2 (hidden names skipped, as glob does), keyed by
/// the relative path without its extension.
[[nodiscard]] inline tree_map scan_videos(const std::filesystem::path& src, int level) {
    tree_map out;
    auto each = [](const std::filesystem::path& dir, auto&& visit) {
        std::error_code ec;
        std::filesystem::directory_iterator it(dir, ec), end;
        if (ec) throw io_error(dir.string(), "cannot list the directory: " + ec.message());
        for (; it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!is_hidden(name)) visit(*it, name);
        }
        if (ec) throw io_error(dir.string(), "cannot list the directory: " + ec.message());
    };
    if (level == 1) {
        each(src, [&](const std::filesystem::directory_entry&, const std::string& name) { out[strip_extension(name)] = {name, -1, -1}; });
    } else {
        each(src, [&](const std::filesystem::directory_entry& e, const std::string& cls) {
            std::error_code ec;
            if (!e.is_directory(ec)) return;
            each(e.path(), [&](const std::filesystem::directory_entry&, const std::string& name) {
                const std::string rel = cls + "/" + name;
                out[strip_extension(rel)] = {rel, -1, -1};
            });
        });
    }
    return out;
}

/// Python's json.dumps of a str with ensure_ascii: the quotes, \" \\ \n \r \t \b \f, other controls and every
/// non-ASCII code point as \uXXXX (UTF-16 surrogate pairs above U+FFFF). Bytes that are not UTF-8 are escaped as
/// the code point they would have under Latin-1 (os.fsdecode would give surrogates there; paths are UTF-8).
inline void json_string(std::string& out, std::string_view s) {
    auto hex4 = [&](unsigned v) {
        char b[16];
        std::snprintf(b, sizeof b, "\\u%04x", v);
        out += b;
    };
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20) hex4(c);
                    else out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        std::uint32_t cp = extra == 3 ? c & 0x07u : extra == 2 ? c & 0x0fu : c & 0x1fu;
        bool ok = extra > 0 && i + static_cast<std::size_t>(extra) < s.size() + 1;
        for (int k = 1; ok && k <= extra; ++k) {
            if (i + static_cast<std::size_t>(k) >= s.size()) {
                ok = false;
                break;
            }
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xc0) != 0x80) ok = false;
            cp = cp << 6 | (cc & 0x3fu);
        }
        if (!ok) {
            hex4(c);
            ++i;
            continue;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            hex4(0xd800u + (cp >> 10));
            hex4(0xdc00u + (cp & 0x3ffu));
        } else hex4(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    out += '"';
}

/// MMAction2's anno_txt2json.lines2dictlist, then json.dump with its default separators:
/// `[{"frame_dir": "a", "total_frames": 3, "label": [1]}, ...]` or `[{"filename": "a.mp4", "label": [1]}, ...]`.
[[nodiscard]] inline std::string lines_to_json(const std::vector<std::string>& lines, media_kind kind) {
    std::string out = "[";
    bool first = true;
    for (const std::string& line : lines) {
        const auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        if (!first) out += ", ";
        first = false;
        std::size_t label_from = 1;
        if (kind == media_kind::rawframes) {
            out += "{\"frame_dir\": ";
            json_string(out, fields[0]);
            out += ", \"total_frames\": " + (fields.size() > 1 ? fields[1] : std::string("0"));
            label_from = 2;
        } else {
            out += "{\"filename\": ";
            json_string(out, fields[0]);
        }
        out += ", \"label\": [";
        for (std::size_t i = label_from; i < fields.size(); ++i) {
            if (i > label_from) out += ", ";
            out += fields[i];
        }
        out += "]}";
    }
    return out + "]";
}

}  // namespace detail

/// What build_file_list finds in a tree: parse_directory's counts (rawframes) or the videos (videos).
[[nodiscard]] inline tree_map scan_tree(const std::filesystem::path& src, const build_file_list_options& options) {
    if (options.level != 1 && options.level != 2)
        throw invalid_argument("vidata::layouts::build_file_list: level must be 1 or 2, got " + std::to_string(options.level));
    if (options.format == media_kind::videos) return detail::scan_videos(src, options.level);
    tree_map out;
    for (auto& [key, d] : parse_directory(src, options.prefixes, options.level)) out[key] = {d.path.string(), d.rgb_count, d.flow_count};
    return out;
}

/// The list lines of `entries` that the tree has: `key count labels` (rawframes) or `relpath labels` (videos).
/// The flow lines MMAction2 also builds (and never writes) only matter to the shuffle: `rng` shuffles the RGB
/// list, then draws again as for a flow list of the same length, so the stream stays where MMAction2's is.
///
/// Differences from MMAction2, where its behaviour is a bug: a frame directory with no RGB frame is left out
/// (MMAction2 writes it as a video line naming the directory's full path), and a multi-label video gets one line
/// (MMAction2 appends its flow line to the RGB list too, listing every MMIT frame directory twice).
[[nodiscard]] inline std::vector<std::string> list_lines(const std::vector<split_entry>& entries, const tree_map& tree, media_kind format,
                                                         python_random* rng) {
    std::vector<std::string> lines;
    lines.reserve(entries.size());
    for (const split_entry& e : entries) {
        const auto it = tree.find(e.key);
        if (it == tree.end()) continue;
        std::string line;
        if (format == media_kind::rawframes) {
            if (it->second.rgb_count <= 0) continue;
            line = e.key + " " + std::to_string(it->second.rgb_count);
        } else line = it->second.path;
        line += ' ';
        for (std::size_t i = 0; i < e.labels.size(); ++i) {
            if (i > 0) line += ' ';
            line += std::to_string(e.labels[i]);
        }
        line += '\n';
        lines.push_back(std::move(line));
    }
    if (rng != nullptr) {
        rng->shuffle(lines);
        std::vector<std::size_t> flow(lines.size());
        rng->shuffle(flow);
    }
    return lines;
}

/// The lists MMAction2's build_file_list.py writes for `dataset` from the tree at `src` (frames or videos, per
/// `options.format`) and the official files in the annotations directory: for UCF-101 and HMDB51 the train and
/// val lists of each of the 3 splits, otherwise the list of `options.subset`. Nothing is written (see
/// write_file_lists). Per dataset rules: parse_splits.
///
/// Differences from MMAction2 (each a bug there; see docs/layout.md): `--subset test` builds the test list
/// (MMAction2 fails with IndexError), unlabelled test videos (Jester, sthv1/2) get label -1 like Kinetics', the
/// UCF-101 level-1 label is the class id (MMAction2 writes the path), and num_split defaults to the dataset's
/// count instead of 3 (a mismatch is still an error).
[[nodiscard]] inline std::vector<built_list> build_file_list(std::string_view dataset, const std::filesystem::path& src,
                                                             const build_file_list_options& options) {
    const int splits_wanted = split_count(dataset);
    if (options.num_split && *options.num_split != splits_wanted)
        throw invalid_argument("vidata::layouts::build_file_list: " + std::string(dataset) + " has " + std::to_string(splits_wanted) +
                               " split(s), --num-split says " + std::to_string(*options.num_split));
    if (options.subset != "train" && options.subset != "val" && options.subset != "test")
        throw invalid_argument("vidata::layouts::build_file_list: subset must be train, val or test, got '" + options.subset + "'");
    const std::filesystem::path annotations =
        options.annotations.empty() ? options.out_root_path / std::string(dataset) / "annotations" : options.annotations;
    // The tree first, as MMAction2 (a tree error wins over an annotation error), then the splits.
    const tree_map tree = scan_tree(src, options);
    const bool single = splits_wanted == 1;
    const auto splits = parse_splits(dataset, annotations, options.level, single && options.subset == "test");

    std::optional<python_random> rng;
    if (options.shuffle) rng.emplace(options.seed ? *options.seed : static_cast<std::int64_t>(std::random_device{}()));
    python_random* r = rng ? &*rng : nullptr;
    const bool json = options.output_format == list_output_format::json;

    std::vector<built_list> out;
    auto finish = [&](std::string name, std::vector<std::string> lines) {
        built_list b{std::move(name), std::move(lines), {}};
        if (json) b.text = detail::lines_to_json(b.lines, options.format);
        else
            for (const auto& l : b.lines) b.text += l;
        out.push_back(std::move(b));
    };
    if (!single) {
        for (std::size_t i = 0; i < splits.size(); ++i) {
            const int number = static_cast<int>(i) + 1;
            auto train = list_lines(splits[i].train, tree, options.format, r);
            auto val = list_lines(splits[i].val, tree, options.format, r);
            finish(list_name(dataset, split{"train", number}, options.format, json), std::move(train));
            finish(list_name(dataset, split{"val", number}, options.format, json), std::move(val));
        }
        return out;
    }
    // MMAction2 builds (and shuffles) train and val whichever subset is asked for; the draws follow that order.
    auto train = list_lines(splits[0].train, tree, options.format, r);
    auto val = list_lines(splits[0].val, tree, options.format, r);
    std::vector<std::string> chosen;
    if (options.subset == "train") chosen = std::move(train);
    else if (options.subset == "val") chosen = std::move(val);
    else chosen = list_lines(splits[0].test, tree, options.format, r);
    finish(list_name(dataset, split{options.subset, 0}, options.format, json), std::move(chosen));
    return out;
}

/// Writes each list to `<out_root_path>/<dataset>/<name>` atomically; returns the paths written. The directory
/// must exist (as MMAction2's open() requires). MMAction2 joins the root and the dataset by string concatenation
/// (`data` + `ucf101` = `dataucf101`); vidata joins them as paths.
inline std::vector<std::filesystem::path> write_file_lists(const std::vector<built_list>& lists, std::string_view dataset,
                                                           const std::filesystem::path& out_root_path) {
    std::vector<std::filesystem::path> written;
    const std::filesystem::path dir = out_root_path / std::string(dataset);
    for (const auto& l : lists) {
        write_file_atomically(dir / l.name, l.text);
        written.push_back(dir / l.name);
    }
    return written;
}

}  // namespace vidata::layouts
