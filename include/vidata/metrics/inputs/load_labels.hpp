// SPDX-License-Identifier: Apache-2.0
// load_labels / load_multi_labels: ground-truth (or predicted) class labels from label files, annotation lists, .npy, JSON, pickles.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/inputs/input_format.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata {

/// How the lines of a text label file are laid out. MMAction2's annotation lists are whitespace-separated,
/// one item per line, the labels last:
enum class label_layout {
    automatic,                  ///< tell from the lines (see load_labels and load_multi_labels)
    plain,                      ///< `label [label...]`: only class ids
    video_list,                 ///< `path label [label...]` (VideoDataset, ImageDataset)
    rawframe_list,              ///< `frame_dir total_frames label [label...]` (RawframeDataset, AudioDataset)
    rawframe_list_with_offset,  ///< `frame_dir offset total_frames label [label...]` (RawframeDataset, with_offset)
};

/// The name used on the command line and in messages: "plain", "video-list", "rawframe-list", ...
[[nodiscard]] constexpr std::string_view to_string(label_layout l) noexcept {
    switch (l) {
    case label_layout::plain: return "plain";
    case label_layout::video_list: return "video-list";
    case label_layout::rawframe_list: return "rawframe-list";
    case label_layout::rawframe_list_with_offset: return "rawframe-list-with-offset";
    case label_layout::automatic: break;
    }
    return "automatic";
}

/// How load_labels and load_multi_labels read a file.
struct label_options {
    input_format format = input_format::automatic;  ///< which reader (detect_input_format by default)
    label_layout layout = label_layout::automatic;  ///< for text files: which columns hold the labels
};

/// N × C multi-hot labels, row-major: 1 where a sample has the class, 0 elsewhere (a label_matrix).
using multi_hot_labels = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

namespace detail {

/// The labels of N items, flattened: item i has values[starts[i] .. starts[i + 1]).
struct label_sets {
    std::vector<std::int64_t> values;
    std::vector<std::size_t> starts{0};

    [[nodiscard]] std::size_t size() const noexcept { return starts.size() - 1; }
    [[nodiscard]] std::size_t count(std::size_t i) const noexcept { return starts[i + 1] - starts[i]; }
    void close_item() { starts.push_back(values.size()); }
};

[[nodiscard]] constexpr std::size_t first_label_field(label_layout l) noexcept {
    switch (l) {
    case label_layout::video_list: return 1;
    case label_layout::rawframe_list: return 2;
    case label_layout::rawframe_list_with_offset: return 3;
    default: return 0;
    }
}

[[nodiscard]] constexpr std::string_view layout_fields(label_layout l) noexcept {
    switch (l) {
    case label_layout::video_list: return "path label";
    case label_layout::rawframe_list: return "frame_dir total_frames label";
    case label_layout::rawframe_list_with_offset: return "frame_dir offset total_frames label";
    default: return "label";
    }
}

[[nodiscard]] inline std::string label_expectation(std::int64_t num_classes) {
    if (num_classes > 0) return "a class label in [0, " + std::to_string(num_classes) + ")";
    return "a class label (an integer >= 0)";
}

[[nodiscard]] inline bool valid_label(std::int64_t label, std::int64_t num_classes) noexcept {
    return label >= 0 && (num_classes <= 0 || label < num_classes);
}

[[nodiscard]] inline bool parses_as_integer(std::string_view text) noexcept {
    std::int64_t v = 0;
    return parse_number(text, v) == number_status::ok;
}

/// The lines of a text file without its trailing blank lines.
[[nodiscard]] inline std::vector<text_line> content_lines(line_reader& reader) {
    std::vector<text_line> lines;
    for (const text_line& line : reader) lines.push_back(line);
    while (!lines.empty() && lines.back().blank()) lines.pop_back();
    return lines;
}

[[nodiscard]] inline parse_error empty_file_error(const std::string& source) {
    return parse_error(source_location{source, 1, 0, -1, {}}, "at least one line of labels", "an empty file");
}

// Reads the columns before the labels (checked as frame counts, which catches a layout that does not fit)
// and the labels from `first` on, into `out`.
inline void read_label_fields(const field_list& f, label_layout layout, std::int64_t num_classes, label_sets& out) {
    const std::size_t first = first_label_field(layout);
    if (layout == label_layout::rawframe_list_with_offset && f.value<std::int64_t>(1, "an integer offset") < 0)
        throw f.error(1, "an offset >= 0");
    if (layout == label_layout::rawframe_list || layout == label_layout::rawframe_list_with_offset) {
        const std::size_t at = first - 1;
        if (f.value<std::int64_t>(at, "an integer total_frames") < 0) throw f.error(at, "a total_frames >= 0");
    }
    for (std::size_t j = first; j < f.size(); ++j) {
        const auto label = f.value<std::int64_t>(j, label_expectation(num_classes));
        if (!valid_label(label, num_classes)) throw f.error(j, label_expectation(num_classes));
        out.values.push_back(label);
    }
    out.close_item();
}

// One label per line. The layout, when automatic, is told by the number of fields of the first line:
// 1 label, 2 path label, 3 frame_dir total_frames label, 4 frame_dir offset total_frames label; every
// other line must have as many.
[[nodiscard]] inline label_sets parse_single_label_text(std::string_view text, const std::string& source,
                                                        std::int64_t num_classes, label_layout layout) {
    line_reader reader(text, source);
    const auto lines = content_lines(reader);
    if (lines.empty()) throw empty_file_error(source);
    if (layout == label_layout::automatic) {
        switch (lines.front().fields().size()) {
        case 1: layout = label_layout::plain; break;
        case 2: layout = label_layout::video_list; break;
        case 3: layout = label_layout::rawframe_list; break;
        case 4: layout = label_layout::rawframe_list_with_offset; break;
        default:
            throw lines.front().error("one label per line: 'label', 'path label', 'frame_dir total_frames label' or "
                                      "'frame_dir offset total_frames label'");
        }
    }
    const std::size_t count = first_label_field(layout) + 1;
    label_sets out;
    out.values.reserve(lines.size());
    out.starts.reserve(lines.size() + 1);
    field_list f;
    for (const text_line& line : lines) {
        if (line.blank()) throw line.error("a line '" + std::string(layout_fields(layout)) + "' (blank lines are no labels)");
        line.fields(f);
        f.expect_count(count, layout_fields(layout));
        read_label_fields(f, layout, num_classes, out);
    }
    return out;
}

// Any number of labels per line. The automatic rule, in order:
//  1. every field of every line is an integer in [0, C): a plain label file (a blank line inside it is
//     an item with no labels);
//  2. every field is an integer but some are outside [0, C): an error (a label out of range, or numeric
//     video names in the first column, which only an explicit layout can say);
//  3. otherwise the first field of each line is a path. If some line has fewer than 3 fields it is a
//     video list (`path label...`); else if some second field is not a valid label it is a rawframe list
//     (`frame_dir total_frames label...`, the frame count told by being out of range); else the file is
//     ambiguous and an error asks for the layout.
[[nodiscard]] inline label_sets parse_multi_label_text(std::string_view text, const std::string& source,
                                                       std::int64_t num_classes, label_layout layout) {
    line_reader reader(text, source);
    const auto lines = content_lines(reader);
    if (lines.empty()) throw empty_file_error(source);
    const std::string layout_hint = "; name the layout (--labels-layout plain|video-list|rawframe-list)";
    field_list f;
    if (layout == label_layout::automatic) {
        bool all_integers = true;
        bool short_line = false;
        const text_line* out_of_range_line = nullptr;  // first line with a non-label integer
        std::size_t out_of_range_field = 0;
        bool second_field_not_label = false;
        for (const text_line& line : lines) {
            line.fields(f);
            if (f.size() > 0 && f.size() < 3) short_line = true;
            for (std::size_t j = 0; j < f.size(); ++j) {
                std::int64_t v = 0;
                if (parse_number(f[j].text, v) != number_status::ok) {
                    if (j > 0) throw f.error(j, "an integer (a class label, or a frame count in an annotation list)");
                    all_integers = false;
                    continue;
                }
                if (!valid_label(v, num_classes)) {
                    if (out_of_range_line == nullptr) {
                        out_of_range_line = &line;
                        out_of_range_field = j;
                    }
                    if (j == 1) second_field_not_label = true;
                }
            }
        }
        if (all_integers && out_of_range_line == nullptr) {
            layout = label_layout::plain;
        } else if (all_integers) {
            out_of_range_line->fields(f);
            throw f.error(out_of_range_field, label_expectation(num_classes) +
                                                  " (if the first column holds numeric video names" + layout_hint + ")");
        } else if (short_line) {
            layout = label_layout::video_list;
        } else if (second_field_not_label) {
            layout = label_layout::rawframe_list;
        } else {
            throw lines.front().error("an annotation list whose layout can be told, but every line has a path and at "
                                      "least two integers that are all valid labels, so the second column may be "
                                      "total_frames or a label" + layout_hint);
        }
    }
    const std::size_t first = first_label_field(layout);
    label_sets out;
    out.starts.reserve(lines.size() + 1);
    for (const text_line& line : lines) {
        if (line.blank()) {
            if (layout != label_layout::plain)
                throw line.error("a line '" + std::string(layout_fields(layout)) + "...' (blank lines are no items)");
            out.close_item();  // an item without labels
            continue;
        }
        line.fields(f);
        if (first > 0) f.expect_at_least(first, std::string(layout_fields(layout)) + "...");
        read_label_fields(f, layout, num_classes, out);
    }
    return out;
}

[[nodiscard]] inline parse_error array_error(const std::string& file, std::string where, std::string expected,
                                             std::string found) {
    return parse_error(source_location{file, 0, 0, -1, std::move(where)}, std::move(expected), std::move(found));
}

[[nodiscard]] inline std::string index_path(std::size_t i) { return "[" + std::to_string(i) + "]"; }
[[nodiscard]] inline std::string index_path(std::size_t i, std::size_t j) {
    return "[" + std::to_string(i) + ", " + std::to_string(j) + "]";
}

[[nodiscard]] inline std::string element_text(const ndarray& a, std::size_t flat) {
    if (a.type().kind == 'f') {
        const double v = a.at<double>(flat);
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.17g", v);
        return buffer;
    }
    if (a.type().kind == 'u') return std::to_string(a.at<std::uint64_t>(flat));
    return std::to_string(a.at<std::int64_t>(flat));
}

/// A 1-D integer array: one label per item.
inline void labels_from_1d(const ndarray& a, const std::string& file, const std::string& where, std::int64_t num_classes,
                           label_sets& out) {
    if (a.type().kind != 'i' && a.type().kind != 'u')
        throw array_error(file, where, "an integer array of class labels", a.type().name() + " array");
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto label = a.type().kind == 'u' && a.at<std::uint64_t>(i) > static_cast<std::uint64_t>(INT64_MAX)
                               ? std::int64_t{-1}
                               : a.at<std::int64_t>(i);
        if (!valid_label(label, num_classes)) throw array_error(file, where + index_path(i), label_expectation(num_classes), element_text(a, i));
        out.values.push_back(label);
        out.close_item();
    }
}

/// A 2-D N × C multi-hot array of 0s and 1s (bool, integer or float): item i has the columns holding 1.
inline void labels_from_multi_hot(const ndarray& a, const std::string& file, const std::string& where,
                                  std::int64_t num_classes, label_sets& out) {
    const auto rows = static_cast<std::size_t>(a.shape()[0]);
    const auto cols = static_cast<std::size_t>(a.shape()[1]);
    if (num_classes > 0 && static_cast<std::int64_t>(cols) != num_classes)
        throw array_error(file, where, "a multi-hot array with " + std::to_string(num_classes) + " columns, one per class",
                          a.type().name() + " array of shape " + ndarray::shape_string(a.shape()));
    std::vector<double> values(cols);  // one row converted at a time: the whole array in doubles is 8x the file
    for (std::size_t i = 0; i < rows; ++i) {
        a.copy_to(i * cols, std::span<double>(values));
        for (std::size_t j = 0; j < cols; ++j) {
            const double v = values[j];
            if (v == 1.0) out.values.push_back(static_cast<std::int64_t>(j));
            else if (v != 0.0) throw array_error(file, where + index_path(i, j), "a multi-hot entry, 0 or 1", element_text(a, i * cols + j));
        }
        out.close_item();
    }
}

[[nodiscard]] inline label_sets labels_from_array(const ndarray& a, const std::string& file, const std::string& where,
                                                  std::int64_t num_classes) {
    label_sets out;
    if (a.ndim() == 1 && a.size() > 0) labels_from_1d(a, file, where, num_classes, out);
    else if (a.ndim() == 2 && a.size() > 0) labels_from_multi_hot(a, file, where, num_classes, out);
    else
        throw array_error(file, where, "a non-empty 1-D array of class labels or a 2-D multi-hot array (samples x classes)",
                          a.type().name() + " array of shape " + ndarray::shape_string(a.shape()));
    return out;
}

// JSON: an array with one entry per item, each a label, an array of labels, or an object whose "label"
// member is one of those (MMAction2's JSON annotation lists: {"frame_dir": ..., "total_frames": ..., "label": [...]}).
[[nodiscard]] inline label_sets parse_json_labels(const std::filesystem::path& path, std::int64_t num_classes) {
    const nlohmann::json doc = read_json(path);
    const json_node root(doc, path.string());
    if (!doc.is_array() || doc.empty())
        throw root.error("a non-empty array with one entry per item: a label, an array of labels or an object with 'label'");
    label_sets out;
    const auto read_label = [&](const json_node& node) {
        if (!node.value().is_number_integer() && !node.value().is_number_unsigned()) throw node.error(label_expectation(num_classes));
        const std::int64_t label = node.value().is_number_unsigned() && node.value().get<std::uint64_t>() > INT64_MAX
                                       ? -1
                                       : node.integer();
        if (!valid_label(label, num_classes)) throw node.error(label_expectation(num_classes));
        out.values.push_back(label);
    };
    for (const json_node item : root.elements()) {
        json_node labels = item;
        if (item.value().is_object()) labels = item["label"];
        if (labels.value().is_array()) {
            for (const json_node l : labels.elements()) read_label(l);
        } else if (labels.value().is_number()) {
            read_label(labels);
        } else {
            throw labels.error("a label, an array of labels or an object with a 'label' member");
        }
        out.close_item();
    }
    return out;
}

// A pickle: a 1-D or 2-D array as in a .npy, or a list with one entry per item, each a label, a list or
// 1-D array of labels, or a dict whose 'label' entry is one of those (MMAction2's pose/annotation .pkl).
[[nodiscard]] inline label_sets parse_pickle_labels(const std::filesystem::path& path, std::int64_t num_classes) {
    const std::string file = path.string();
    const pickle::value root = pickle::load_file(path);
    if (root.is_ndarray()) return labels_from_array(root.as_ndarray(), file, "", num_classes);
    if ((!root.is_list() && !root.is_tuple()) || root.size() == 0)
        throw array_error(file, "", "a non-empty list with one entry per item (a label, a list of labels or a dict with 'label')",
                          root.type_name());
    label_sets out;
    const auto read_label = [&](const pickle::value& v, const std::string& where) {
        const bool integral = v.is_int() || (v.is_numpy_scalar() && (v.as_ndarray().type().kind == 'i' || v.as_ndarray().type().kind == 'u'));
        std::int64_t label = -1;
        if (integral) {
            try {
                label = v.as_int();
            } catch (const vidata::invalid_argument&) {
                label = -1;  // beyond int64: out of range whatever the class count
            }
        }
        if (!integral || !valid_label(label, num_classes)) throw array_error(file, where, label_expectation(num_classes), v.type_name());
        out.values.push_back(label);
    };
    const auto& items = root.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const pickle::value* labels = &items[i];
        std::string where = index_path(i);
        if (labels->is_dict()) {
            labels = labels->find("label");
            if (labels == nullptr) throw array_error(file, where, "a dict with a 'label' entry", "a dict without one");
            where += "['label']";
        }
        if (labels->is_ndarray()) {
            const ndarray& a = labels->as_ndarray();
            if (a.ndim() > 1 || (a.type().kind != 'i' && a.type().kind != 'u'))
                throw array_error(file, where, "an integer label or a 1-D integer array of labels",
                                  a.type().name() + " array of shape " + ndarray::shape_string(a.shape()));
            for (std::size_t j = 0; j < a.size(); ++j) {
                const auto label = a.at<std::int64_t>(j);
                if (!valid_label(label, num_classes)) throw array_error(file, where + index_path(j), label_expectation(num_classes), element_text(a, j));
                out.values.push_back(label);
            }
        } else if (labels->is_list() || labels->is_tuple()) {
            const auto& values = labels->as_list();
            for (std::size_t j = 0; j < values.size(); ++j) read_label(values[j], where + index_path(j));
        } else {
            read_label(*labels, where);
        }
        out.close_item();
    }
    return out;
}

[[nodiscard]] inline label_sets read_label_sets(const std::filesystem::path& path, std::int64_t num_classes,
                                                const label_options& options, bool single) {
    const input_format format = options.format == input_format::automatic ? detect_input_format(path) : options.format;
    switch (format) {
    case input_format::npy: return labels_from_array(load_npy(path), path.string(), "", num_classes);
    case input_format::json: return parse_json_labels(path, num_classes);
    case input_format::pickle: return parse_pickle_labels(path, num_classes);
    default: break;
    }
    const std::string text = read_file(path);
    return single ? parse_single_label_text(text, path.string(), num_classes, options.layout)
                  : parse_multi_label_text(text, path.string(), num_classes, options.layout);
}

[[nodiscard]] inline multi_hot_labels to_multi_hot(const label_sets& sets, std::int64_t num_classes) {
    Eigen::Index cols = num_classes;
    if (cols <= 0) {
        std::int64_t max_label = -1;
        for (const auto l : sets.values) max_label = std::max(max_label, l);
        cols = static_cast<Eigen::Index>(max_label + 1);
    }
    multi_hot_labels m = multi_hot_labels::Zero(static_cast<Eigen::Index>(sets.size()), cols);
    for (std::size_t i = 0; i < sets.size(); ++i)
        for (std::size_t k = sets.starts[i]; k < sets.starts[i + 1]; ++k)
            m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(sets.values[k])) = 1;
    return m;
}

}  // namespace detail

/// Reads one class label per item from `path`, for top-k accuracy, mean class accuracy and confusion matrices.
///
/// Forms (options.format, or detect_input_format):
///  - text: a plain label file (`label` per line) or an MMAction2 annotation list. With
///    label_layout::automatic the number of fields of the first line tells the layout: 1 `label`,
///    2 `path label` (video list), 3 `frame_dir total_frames label` (rawframe list), 4 `frame_dir offset
///    total_frames label`; every line must then have as many fields (a blank line is an error, trailing
///    blank lines are ignored). total_frames and offset must be integers >= 0.
///  - .npy (or a pickled array): a 1-D integer array, or an N × C one-hot array (one 1 per row).
///  - JSON: an array with one entry per item: a label, a one-element array, or an object whose `label` is
///    one of those (MMAction2's JSON annotation lists).
///  - pickle: a list as for JSON (ints, one-element lists, or dicts with 'label').
/// Every label must lie in [0, num_classes); with num_classes <= 0 any label >= 0 is accepted.
///
/// Throws parse_error naming the file and the line and column (text), JSON pointer (JSON) or index
/// (arrays, pickles) of the first bad entry and what was expected there; io_error when it cannot be read.
///   const auto labels = vidata::load_labels("kinetics400_val_list_videos.txt", scores.cols());
[[nodiscard]] inline std::vector<std::int64_t> load_labels(const std::filesystem::path& path, std::int64_t num_classes,
                                                           const label_options& options = {}) {
    const std::string file = path.string();
    const detail::label_sets sets = detail::read_label_sets(path, num_classes, options, true);
    std::vector<std::int64_t> labels(sets.size());
    for (std::size_t i = 0; i < sets.size(); ++i) {
        if (sets.count(i) != 1)
            throw detail::array_error(file, detail::index_path(i), "exactly one label per item (a single-label evaluation)",
                                      std::to_string(sets.count(i)) + " labels");
        labels[i] = sets.values[sets.starts[i]];
    }
    return labels;
}

/// Reads any number of class labels per item from `path` as an N × C multi-hot matrix, for mean average
/// precision (HVU / Multi-Moments in Time style).
///
/// Forms (options.format, or detect_input_format):
///  - text: space-separated labels per line, plain (`label...`) or in an MMAction2 annotation list
///    (`path label...`, `frame_dir total_frames label...`, `frame_dir offset total_frames label...`). With
///    label_layout::automatic: a file of integers that are all valid labels is plain (a blank line inside
///    it is an item without labels); otherwise the first column is a path, and the file is a video list
///    if some line has fewer than 3 fields, a rawframe list if some second field is not a valid label (a
///    frame count), and an error asking for the layout if neither tells. Numeric first columns (video ids
///    as names) need the layout named. The offset layout is never guessed.
///  - .npy (or a pickled array): an N × C array of 0s and 1s (bool, int or float; any other value is an
///    error, where MMAction2's `y_true == 1` would quietly count it as a negative), or a 1-D integer array
///    of one label per item.
///  - JSON and pickle: one entry per item, a label, an array of labels, or an object (dict) with `label`.
/// num_classes is the number of columns; with num_classes <= 0 it comes from the array's shape or is the
/// largest label + 1.
///
/// Throws parse_error, located as for load_labels; io_error when the file cannot be read.
[[nodiscard]] inline multi_hot_labels load_multi_labels(const std::filesystem::path& path, std::int64_t num_classes,
                                                        const label_options& options = {}) {
    return detail::to_multi_hot(detail::read_label_sets(path, num_classes, options, false), num_classes);
}

/// The single-label text parser of load_labels, over text already in memory (`source` names it in errors).
[[nodiscard]] inline std::vector<std::int64_t> parse_labels(std::string_view text, std::string source,
                                                            std::int64_t num_classes,
                                                            label_layout layout = label_layout::automatic) {
    const detail::label_sets sets = detail::parse_single_label_text(text, source, num_classes, layout);
    return sets.values;  // exactly one per line, checked by the parser
}

/// The multi-label text parser of load_multi_labels, over text already in memory.
[[nodiscard]] inline multi_hot_labels parse_multi_labels(std::string_view text, std::string source,
                                                         std::int64_t num_classes,
                                                         label_layout layout = label_layout::automatic) {
    return detail::to_multi_hot(detail::parse_multi_label_text(text, source, num_classes, layout), num_classes);
}

}  // namespace vidata
