// SPDX-License-Identifier: Apache-2.0
// The inputs of AVA frame-mAP: the label map (pbtxt), the box CSVs (ground truth, detections) and the excluded timestamps.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/box_iou.hpp>
#include <vidata/metrics/detail/ava_python_order.hpp>
#include <vidata/io/detail/mapped_text.hpp>
#include <vidata/metrics/policy.hpp>

#include <algorithm>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata {

/// A policy that says how to read and evaluate AVA (the ava_* members of official_metrics_policy and
/// mmaction2_metrics_policy, policy.hpp). Derive from one of those to change a single choice.
template <class P>
concept ava_policy = requires {
    requires std::same_as<std::remove_cv_t<decltype(P::ava_keys)>, ava_timestamp>;
    requires std::same_as<std::remove_cv_t<decltype(P::ava_rows)>, ava_frame_rows>;
    requires std::same_as<std::remove_cv_t<decltype(P::ava_max_detections_per_frame)>, std::size_t>;
    requires std::same_as<std::remove_cv_t<decltype(P::ava_empty_frame_rows)>, bool>;
    requires std::same_as<std::remove_cv_t<decltype(P::ava_unknown)>, ava_unknown_frames>;
    requires std::same_as<std::remove_cv_t<decltype(P::ava_honour_exclusions)>, bool>;
    requires std::convertible_to<decltype(P::ava_metric_name), std::string_view>;
};

// ---------------------------------------------------------------------------------------------------
// Label map

/// One `item { name: "..." id: N }` of a label map.
struct ava_category {
    std::int64_t id = 0;
    std::string name;

    friend bool operator==(const ava_category&, const ava_category&) = default;
};

/// A label map as the references' `read_labelmap` returns it: the categories in file order (an id listed
/// twice appears twice) and, through contains(), the class whitelist of the CSV readers.
struct ava_label_map {
    std::vector<ava_category> categories;

    /// Whether rows of class `id` are read (the references' `class_ids` set).
    [[nodiscard]] bool contains(std::int64_t id) const noexcept {
        for (const auto& c : categories)
            if (c.id == id) return true;
        return false;
    }
    /// The largest id: the evaluator's number of classes (ids 1..max_id; those absent from the map have no
    /// ground truth, hence no AP). 0 for an empty map.
    [[nodiscard]] std::int64_t max_id() const noexcept {
        std::int64_t m = 0;
        for (const auto& c : categories) m = std::max(m, c.id);
        return m;
    }
    /// The name the reference reports class `id` under: that of its last category (a dict keyed by id keeps
    /// the last), or nullptr when the map does not list `id`.
    [[nodiscard]] const std::string* name_of(std::int64_t id) const noexcept {
        const std::string* found = nullptr;
        for (const auto& c : categories)
            if (c.id == id) found = &c.name;
        return found;
    }
};

/// Parses a label map the way the references' `read_labelmap` does, line by line, without a protobuf
/// parser: a line that starts with exactly two spaces and `name:` sets the current name to the text
/// between its first two double quotes (to the end of the line, its newline included, when there is no
/// second quote, as Python's `line.split('"')[1]`); a line that starts with two spaces and `id:` or
/// `label_id:` adds a category with the integer after the last space and the current name (the previous
/// item's name when an item has none, "" before any). Every other line is ignored: `item {`, `}`,
/// `label_type: ...`, differently indented lines. Both AVA's v2.1 (`id:`) and v2.2 (`label_id:`) lists read.
///
/// Throws parse_error (file:line) for a `name:` line without a quote and an `id:` line whose last token
/// is not an integer, where the references raise IndexError / ValueError. A UTF-8 byte-order mark is kept,
/// as Python's default open() keeps it (so a first line "\xEF\xBB\xBF  name:" is not a name line).
[[nodiscard]] inline ava_label_map parse_ava_label_map(std::string_view text, std::string source = {}) {
    ava_label_map map;
    std::string name;
    line_reader reader(text, std::move(source), {.skip_bom = false});
    text_line line;
    std::int64_t id = 0;
    while (reader.next(line)) {
        // The line rules are shared with formats::ava_pbtxt; only names and ids matter to the evaluator.
        const auto kind = formats::detail::classify_ava_label_line(line, text, name, id);
        if (kind == formats::detail::ava_label_line::id || kind == formats::detail::ava_label_line::label_id)
            map.categories.push_back({id, name});
    }
    return map;
}

/// Reads and parses a label map file (see parse_ava_label_map). io_error when it cannot be read.
[[nodiscard]] inline ava_label_map read_ava_label_map(const std::filesystem::path& path) {
    return parse_ava_label_map(read_file(path), path.string());
}

// ---------------------------------------------------------------------------------------------------
// Frame keys

namespace detail {

/// Appends to `out` the key text that `make_image_key(video_id, timestamp)` returns under policy P, or
/// returns false when the reference would raise on `timestamp` (Decimal() / int() cannot read it).
template <ava_timestamp Keys>
[[nodiscard]] bool append_ava_key(std::string& out, std::string_view video_id, std::string_view timestamp) {
    out.assign(video_id);
    out.push_back(',');
    char buffer[400];
    if constexpr (Keys == ava_timestamp::whole_seconds) {
        std::int64_t seconds = 0;
        if (parse_number(timestamp, seconds) != number_status::ok) return false;
        const int n = std::snprintf(buffer, sizeof buffer, "%04" PRId64, seconds);
        out.append(buffer, static_cast<std::size_t>(n));
    } else {
        // "%.6f" % Decimal(ts) formats float(Decimal(ts)), the double nearest the decimal text; std::to_chars
        // with a precision rounds that double's exact value as Python's formatting does.
        double value = 0.0;
        if (parse_number(timestamp, value) != number_status::ok) return false;
        if (std::isnan(value)) {
            out.append("nan");  // Python prints a NaN without its sign
        } else {
            const auto r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 6);
            out.append(buffer, r.ptr);
        }
    }
    return true;
}

template <ava_timestamp Keys>
[[nodiscard]] constexpr const char* ava_timestamp_expectation() noexcept {
    return Keys == ava_timestamp::whole_seconds ? "an integer timestamp in seconds (int(), as MMAction2 reads it)"
                                                : "a timestamp in seconds (a decimal number)";
}

struct string_hash {
    using is_transparent = void;
    [[nodiscard]] std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace detail

/// The frame key ("video_id,timestamp") that policy P gives a row: `ava_frame_key<official_metrics_policy>(
/// "-5KQ66BBWC4", "0902")` is "-5KQ66BBWC4,902.000000", under mmaction2_metrics_policy "-5KQ66BBWC4,0902".
/// Throws vidata::invalid_argument when the timestamp is not a number the policy accepts.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] std::string ava_frame_key(std::string_view video_id, std::string_view timestamp, P = {}) {
    std::string key;
    if (!detail::append_ava_key<P::ava_keys>(key, video_id, timestamp))
        throw invalid_argument("vidata::ava_frame_key: expected " +
                               std::string(detail::ava_timestamp_expectation<P::ava_keys>()) + ", got '" +
                               std::string(timestamp) + "'");
    return key;
}

// ---------------------------------------------------------------------------------------------------
// Box CSVs

/// One kept row of an AVA CSV: `video_id, timestamp, x1, y1, x2, y2, action_id[, score]`.
struct ava_box {
    double score = 1.0;     ///< column 8 (in a ground-truth file: the person id, read as the references read it), else 1.0
    vidata::box box;        ///< columns 3-6: x1, y1, x2, y2
    std::int32_t action_id = 0;
    std::uint32_t line = 0; ///< 1-based line of the row in its file, for error messages

    friend bool operator==(const ava_box&, const ava_box&) = default;
};

/// Which file a CSV is, which decides the per-frame cap: detections keep at most the policy's
/// ava_max_detections_per_frame rows per frame; ground truth keeps all.
enum class ava_csv_kind { ground_truth, detections };

class ava_frames;

namespace detail {
// parse_ava_csv with `progress(offset)` called as the reader passes `offset` (a mapped file drops what is behind).
template <ava_policy P, class Progress>
ava_frames parse_ava_csv_with_progress(std::string_view text, std::string source, const ava_label_map& labels,
                                       ava_csv_kind kind, Progress&& progress);
}  // namespace detail

/// The rows of one AVA CSV grouped by frame, as the references' `read_csv` returns them: frames in the
/// order their first kept row appears (the insertion order of the references' dicts, which fixes the
/// order their scores are concatenated in); within a frame, rows by decreasing score, equal scores in
/// the order the policy's collection left them (heap array or file order). A row is kept when its class
/// is in the label map (and, for detections under a cap, when it survives the cap).
class ava_frames {
public:
    ava_frames() = default;

    /// The number of frames with at least one kept row.
    [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }
    [[nodiscard]] bool empty() const noexcept { return keys_.empty(); }
    /// The key of frame i ("video_id,timestamp" in the policy's format).
    [[nodiscard]] const std::string& key(std::size_t i) const noexcept { return keys_[i]; }
    /// The kept rows of frame i, in the reference's order.
    [[nodiscard]] std::span<const ava_box> rows(std::size_t i) const noexcept {
        return std::span<const ava_box>(boxes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    /// Every kept row, frame after frame.
    [[nodiscard]] std::span<const ava_box> all_rows() const noexcept { return boxes_; }
    /// The frame whose key is `key`, or nullopt (also for a key whose rows were all of other classes).
    [[nodiscard]] std::optional<std::size_t> find(std::string_view key) const {
        const auto it = seen_.find(key);
        if (it == seen_.end() || it->second < 0) return std::nullopt;
        return static_cast<std::size_t>(it->second);
    }
    /// Whether any row of the file names `key`: a two-column row, or a row of a class outside the label
    /// map, counts (the official reader's `all_keys`).
    [[nodiscard]] bool mentions(std::string_view key) const { return seen_.find(key) != seen_.end(); }
    /// The number of distinct keys in the file (kept or not).
    [[nodiscard]] std::size_t keys_mentioned() const noexcept { return seen_.size(); }
    /// Data rows read (every row, two-column ones included).
    [[nodiscard]] std::size_t rows_read() const noexcept { return rows_read_; }
    /// Rows dropped because their class is not in the label map.
    [[nodiscard]] std::size_t rows_of_other_classes() const noexcept { return rows_other_; }
    /// Rows dropped by the per-frame cap on detections.
    [[nodiscard]] std::size_t rows_over_cap() const noexcept { return rows_capped_; }
    /// The file name given when reading (for messages).
    [[nodiscard]] const std::string& source() const noexcept { return source_; }
    /// The key format the frames were read with (the policy's ava_keys).
    [[nodiscard]] ava_timestamp key_format() const noexcept { return key_format_; }
    /// Which file this was read as.
    [[nodiscard]] ava_csv_kind kind() const noexcept { return kind_; }

private:
    template <ava_policy P, class Progress>
    friend ava_frames detail::parse_ava_csv_with_progress(std::string_view, std::string, const ava_label_map&, ava_csv_kind,
                                                          Progress&&);

    std::string source_;
    ava_timestamp key_format_ = ava_timestamp::microseconds;
    ava_csv_kind kind_ = ava_csv_kind::ground_truth;
    std::vector<std::string> keys_;
    std::vector<std::size_t> offsets_{0};
    std::vector<ava_box> boxes_;
    std::unordered_map<std::string, std::int64_t, detail::string_hash, std::equal_to<>> seen_;  // key -> frame or -1
    std::size_t rows_read_ = 0;
    std::size_t rows_other_ = 0;
    std::size_t rows_capped_ = 0;
};

/// Parses an AVA box CSV as the policy's reference reads it (see ava_frames for the result). Rows:
///   - 7 or 8 fields: `video_id, timestamp, x1, y1, x2, y2, action_id[, score]`; an 8th field is the
///     score (in AVA's ground truth it is the person id, which the references also read as a "score": it
///     orders a frame's ground-truth rows, and vidata keeps that order); without it the score is 1.0.
///   - 2 fields `video_id, timestamp` (AVA-Kinetics: a frame without boxes) when P::ava_empty_frame_rows;
///     the key is then mentioned (see ava_frames::mentions) but holds no row.
/// Numbers are read as Python's float()/int() read them (blanks around them and a leading '+' tolerated).
/// Fields are CSV fields (RFC 4180 quoting), used as they are: no trimming of the video id. A UTF-8
/// byte-order mark is kept as part of the first video id, as Python's default open() keeps it.
///
/// Throws parse_error naming file:line:column for every row the reference rejects or crashes on: another
/// number of fields (an empty line is a row of none), a timestamp the policy's key cannot read, a
/// coordinate or score that is not a number, an action id that is not an integer; and for 64 or more rows
/// of one frame of which one has a NaN score (the reference's order then depends on timsort's merges,
/// which vidata does not reproduce). Single pass over the text, no allocation per row beyond amortised
/// growth; one key string per distinct frame.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_frames parse_ava_csv(std::string_view text, std::string source, const ava_label_map& labels,
                                       ava_csv_kind kind, P = {}) {
    return detail::parse_ava_csv_with_progress<P>(text, std::move(source), labels, kind, [](std::size_t) {});
}

template <ava_policy P, class Progress>
ava_frames detail::parse_ava_csv_with_progress(std::string_view text, std::string source, const ava_label_map& labels,
                                               ava_csv_kind kind, Progress&& progress) {
    ava_frames out;
    out.source_ = source;
    out.key_format_ = P::ava_keys;
    out.kind_ = kind;
    csv_reader csv(text, std::move(source), {.skip_empty_lines = false, .skip_bom = false});

    // The label map's ids as a dense whitelist (ids are small; the evaluator needs max_id anyway).
    const std::int64_t max_id = labels.max_id();
    std::vector<std::uint8_t> allowed(static_cast<std::size_t>(std::clamp<std::int64_t>(max_id, 0, 1 << 24)) + 1, 0);
    for (const auto& c : labels.categories)
        if (c.id >= 0 && c.id <= max_id && c.id < (1 << 24)) allowed[static_cast<std::size_t>(c.id)] = 1;
    auto whitelisted = [&](std::int64_t id) {
        if (id >= 0 && static_cast<std::uint64_t>(id) < allowed.size()) return allowed[static_cast<std::size_t>(id)] != 0;
        return labels.contains(id);
    };

    // Pass 1: rows in file order with their frame; consecutive rows of one frame skip the key lookup.
    std::vector<ava_box> rows;
    std::vector<std::uint32_t> frame_of;
    std::vector<std::size_t> count;  // kept rows per frame
    {
        // One row per line at most: reserving that much spares the copies (and page faults) of regrowth.
        std::size_t lines = 1;
        for (const char* p = text.data(), *end = text.data() + text.size();
             (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
            ++lines;
            progress(static_cast<std::size_t>(p - text.data()));
        }
        rows.reserve(lines);
        frame_of.reserve(lines);
        progress(std::size_t{0});  // the rows pass starts again from the beginning
    }
    std::string key;
    std::string last_video, last_time;      // the previous row's fields (copies: a field view dies with its row)
    std::int64_t* last_entry = nullptr;     // the `seen_` value of the previous row's key
    const std::string* last_key = nullptr;  // and its key (unordered_map nodes do not move)
    csv_row row;
    while (csv.next(row)) {
        progress(csv.position());
        ++out.rows_read_;
        const std::size_t fields = row.size();
        const bool empty_frame = fields == 2 && P::ava_empty_frame_rows;
        if (fields != 7 && fields != 8 && !empty_frame) {
            throw formats::detail::ava_row_width_error(
                row, P::ava_empty_frame_rows ? "a row of 7 or 8 fields 'video_id,timestamp,x1,y1,x2,y2,action_id[,score]' "
                                               "or of 2 'video_id,timestamp'"
                                             : "a row of 7 or 8 fields 'video_id,timestamp,x1,y1,x2,y2,action_id[,score]'");
        }
        const std::string_view video = row[0];
        const std::string_view time = row[1];
        if (last_entry == nullptr || video != last_video || time != last_time) {
            if (!detail::append_ava_key<P::ava_keys>(key, video, time))
                throw row.error(1, detail::ava_timestamp_expectation<P::ava_keys>());
            auto [it, inserted] = out.seen_.try_emplace(key, -1);
            last_entry = &it->second;
            last_key = &it->first;
            last_video.assign(video);
            last_time.assign(time);
        }
        if (empty_frame) continue;
        ava_box b;
        const auto corners = formats::detail::read_ava_box(row, 2);
        b.box = {corners[0], corners[1], corners[2], corners[3]};
        const std::int64_t action = row.integer(6, "an integer action id");
        if (!whitelisted(action)) {
            ++out.rows_other_;
            continue;
        }
        b.action_id = static_cast<std::int32_t>(action);
        if (fields == 8) b.score = row.number(7, "a score");
        b.line = static_cast<std::uint32_t>(row.line());
        if (*last_entry < 0) {
            *last_entry = static_cast<std::int64_t>(out.keys_.size());
            out.keys_.push_back(*last_key);
            count.push_back(0);
        }
        const auto frame = static_cast<std::size_t>(*last_entry);
        ++count[frame];
        rows.push_back(b);
        frame_of.push_back(static_cast<std::uint32_t>(frame));
    }

    // Pass 2: group the rows by frame, keeping file order within a frame (a stable counting sort applied
    // in place by following the permutation's cycles, so no second copy of the rows is made).
    const std::size_t frames = out.keys_.size();
    std::vector<std::size_t> begin(frames + 1, 0);
    for (std::size_t f = 0; f < frames; ++f) begin[f + 1] = begin[f] + count[f];
    {
        std::vector<std::size_t> next(begin.begin(), begin.end() - 1);
        std::vector<std::uint32_t>& dest = frame_of;  // reused: frame -> destination index
        bool grouped = true;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::size_t d = next[frame_of[i]]++;
            grouped = grouped && d == i;
            dest[i] = static_cast<std::uint32_t>(d);
        }
        if (!grouped) {
            for (std::size_t i = 0; i < rows.size(); ++i) {
                while (dest[i] != i) {
                    const std::size_t d = dest[i];
                    std::swap(rows[i], rows[d]);
                    std::swap(dest[i], dest[d]);
                }
            }
        }
    }
    std::vector<std::uint32_t>().swap(frame_of);

    // Pass 3: per frame, the reference's collection (heap or file order, with the cap) and its sort; the
    // kept rows are compacted towards the front.
    const std::size_t cap = kind == ava_csv_kind::detections ? P::ava_max_detections_per_frame : 0;
    auto sort_frame = [&](std::span<ava_box> frame, std::size_t f) {
        if (detail::python_sort_by_decreasing_score(frame)) return;
        throw parse_error(source_location{out.source_, frame.front().line, 0, -1, {}},
                          "fewer than 64 rows in frame '" + out.keys_[f] +
                              "' when a score is NaN (the reference then orders rows by timsort's merges, which "
                              "vidata does not reproduce)",
                          std::to_string(frame.size()) + " rows, a NaN score among them");
    };
    std::vector<ava_box> heap;
    std::size_t write = 0;
    out.offsets_.assign(1, 0);
    out.offsets_.reserve(frames + 1);
    for (std::size_t f = 0; f < frames; ++f) {
        const std::span<ava_box> in(rows.data() + begin[f], count[f]);
        std::size_t kept = in.size();
        if constexpr (P::ava_rows == ava_frame_rows::score_heap) {
            detail::python_heap_of(std::span<const ava_box>(in), cap, heap);
            kept = heap.size();
            std::copy(heap.begin(), heap.end(), rows.begin() + static_cast<std::ptrdiff_t>(write));
        } else {
            // Without a heap, a cap keeps the `cap` first rows of the decreasing-score order.
            if (cap != 0 && kept > cap) {
                sort_frame(in, f);
                kept = cap;
            }
            std::move(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(kept),
                      rows.begin() + static_cast<std::ptrdiff_t>(write));
        }
        out.rows_capped_ += in.size() - kept;
        sort_frame(std::span<ava_box>(rows.data() + write, kept), f);
        write += kept;
        out.offsets_.push_back(write);
    }
    rows.resize(write);
    if (write < rows.capacity() / 2) rows.shrink_to_fit();  // many rows of other classes or over the cap
    out.boxes_ = std::move(rows);
    return out;
}

/// Reads and parses an AVA box CSV file (see parse_ava_csv). io_error when it cannot be read.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_frames read_ava_csv(const std::filesystem::path& path, const ava_label_map& labels, ava_csv_kind kind,
                                      P = {}) {
    // A mapped file of which only a window stays resident: the rows it becomes take about its size already.
    detail::mapped_text file(path);
    return detail::parse_ava_csv_with_progress<P>(file.text(), path.string(), labels, kind, [&file](std::size_t offset) {
        if (offset == 0) file.rewind();
        else file.advance(offset);
    });
}

// ---------------------------------------------------------------------------------------------------
// Excluded timestamps

/// The frames an exclusions file names (AVA's `ava_val_excluded_timestamps_v2.x.csv`), as keys in the
/// policy's format, so that "0902" here matches "902" in a CSV under the official policy's keys.
struct ava_exclusions {
    std::unordered_set<std::string, detail::string_hash, std::equal_to<>> keys;
    ava_timestamp key_format = ava_timestamp::microseconds;  ///< the format of `keys`

    [[nodiscard]] bool contains(std::string_view key) const { return keys.find(key) != keys.end(); }
    [[nodiscard]] std::size_t size() const noexcept { return keys.size(); }
};

/// Parses an exclusions CSV: every row exactly `video_id,timestamp` (the references assert two columns;
/// an empty line is a row of none). Throws parse_error naming file:line:column otherwise, or when the
/// timestamp is not one the policy's keys read.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_exclusions parse_ava_exclusions(std::string_view text, std::string source = {}, P = {}) {
    ava_exclusions out;
    out.key_format = P::ava_keys;
    csv_reader csv(text, std::move(source), {.skip_empty_lines = false, .skip_bom = false});
    csv_row row;
    std::string key;
    while (csv.next(row)) {
        if (row.size() != 2)
            throw formats::detail::ava_row_width_error(row, "a row of 2 fields 'video_id,timestamp'");
        if (!detail::append_ava_key<P::ava_keys>(key, row[0], row[1]))
            throw row.error(1, detail::ava_timestamp_expectation<P::ava_keys>());
        out.keys.insert(key);
    }
    return out;
}

/// Reads and parses an exclusions file (see parse_ava_exclusions). io_error when it cannot be read.
template <ava_policy P = official_metrics_policy>
[[nodiscard]] ava_exclusions read_ava_exclusions(const std::filesystem::path& path, P policy = {}) {
    return parse_ava_exclusions(read_file(path), path.string(), policy);
}

}  // namespace vidata
