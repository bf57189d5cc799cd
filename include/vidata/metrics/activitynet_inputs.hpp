// SPDX-License-Identifier: Apache-2.0
// Readers of the temporal-localization metric inputs: ActivityNet ground truth (official and MMAction2 forms) and results JSON.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/detail/activitynet_json.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/json.hpp>
#include <vidata/metrics/detail/activitynet_ground_truth_scan.hpp>
#include <vidata/io/detail/json_scanner.hpp>
#include <vidata/io/detail/mapped_text.hpp>
#include <vidata/metrics/temporal_results.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <concepts>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata {

/// The two shapes of ActivityNet-style ground truth.
enum class activitynet_form {
    /// The official toolkit's `{"version", "taxonomy", "database": {id: {"subset", "duration", "annotations"}}}`
    /// (activity_net.v1-3.min.json, THUMOS'14 in G-TAD's thumos_gt.json): ids as given, videos selected by subset.
    official,
    /// MMAction2's (BSN's) `anet_anno_{train,val}.json`: `{"v_<id>": {"duration_second", "duration_frame",
    /// "annotations", "feature_frame"}}`. A video's id is its key without the first two characters (MMAction2's
    /// `video_name[2:]`), and every video counts.
    mmaction2,
};

struct activitynet_ground_truth_options {
    /// Official form: the `subset` value of the videos to keep ("training", "validation", "testing"; THUMOS'14:
    /// "validation", "test"), the toolkit's default "validation". MMAction2's form has no subsets and ignores it.
    std::string subset = "validation";
};

/// Ground truth read from either form, videos in file order.
struct activitynet_ground_truth {
    activitynet_form form = activitynet_form::official;
    /// The evaluated videos: id, duration (`duration` / `duration_second`, 0 when absent), frame counts where
    /// the MMAction2 form has them, and the segments with `label_id` numbering the labels by first appearance.
    std::vector<temporal_record> videos;
    std::vector<std::string> labels;  ///< labels[label_id]
    std::size_t other_subsets = 0;    ///< official form: videos left out because their subset differs
    std::vector<std::string> subsets; ///< official form: the distinct `subset` values, in order of first appearance
};


namespace detail {

// Assigns label ids by first appearance, as both paths do.
inline void number_labels(activitynet_ground_truth& gt) {
    std::unordered_map<std::string, std::int32_t> label_ids;
    for (temporal_record& record : gt.videos)
        for (segment& s : record.annotations) {
            const auto [it, added] = label_ids.emplace(s.label, static_cast<std::int32_t>(gt.labels.size()));
            if (added) gt.labels.push_back(s.label);
            s.label_id = it->second;
        }
}

// The document path: an nlohmann DOM with Python's dict semantics (a repeated key keeps its first position and
// its last value) and the error messages. parse_activitynet_ground_truth takes it where the scan gives up.
[[nodiscard]] inline activitynet_ground_truth parse_activitynet_ground_truth_document(std::string_view text, std::string_view source_name,
                                                                                    const activitynet_ground_truth_options& options) {
    const detail::keyed_json parsed = detail::parse_keyed_json(text, source_name);
    const nlohmann::json& doc = parsed.doc;
    const detail::json_key_order& order = parsed.order;
    const json_node root(doc, std::string(source_name));
    if (!doc.is_object())
        throw root.error(R"(an object: {"database": {video: {...}}} (official form) or {"v_<id>": {...}} (MMAction2's))");

    activitynet_ground_truth out;
    auto add_video = [&](temporal_record record) { out.videos.push_back(std::move(record)); };

    if (doc.contains("database")) {
        out.form = activitynet_form::official;
        const json_node database = root["database"];
        if (!doc["database"].is_object()) throw database.error("an object mapping video ids to their annotations");
        for (const std::string& id : order.database) {
            const json_node video = database[id];
            const std::string_view subset = video["subset"].string();
            if (std::find(out.subsets.begin(), out.subsets.end(), subset) == out.subsets.end()) out.subsets.emplace_back(subset);
            if (subset != options.subset) {
                ++out.other_subsets;
                continue;
            }
            temporal_record record;
            record.id = id;
            record.duration_second = detail::optional_number(video, "duration").value_or(0.0);
            record.annotations = detail::read_annotations(video);
            add_video(std::move(record));
        }
        number_labels(out);
        return out;
    }

    out.form = activitynet_form::mmaction2;
    std::unordered_map<std::string, std::string> key_of_id;
    for (const std::string& key : order.root) {
        const json_node video = root[key];
        if (!video.value().is_object()) throw video.error(R"(a video: {"duration_second": ..., "annotations": [...]})");
        temporal_record record;
        record.id = key.size() >= 2 ? key.substr(2) : std::string();
        if (const auto [it, added] = key_of_id.emplace(record.id, key); !added)
            throw video.error("a key naming a video of its own: MMAction2 drops the first two characters of a key, so '" +
                              it->second + "' and '" + key + "' both name video '" + record.id + "'");
        record.duration_second = detail::optional_number(video, "duration_second").value_or(0.0);
        record.duration_frame = detail::optional_count(video, "duration_frame").value_or(-1);
        record.feature_frame = detail::optional_count(video, "feature_frame").value_or(-1);
        record.fps = detail::optional_number(video, "fps");
        record.annotations = detail::read_annotations(video);
        add_video(std::move(record));
    }
    number_labels(out);
    return out;
}

}  // namespace detail

/// Parses ActivityNet ground truth in either form (activitynet_form), told apart by a top-level "database"
/// member. Official form: the videos whose `subset` is options.subset, ids as given; a selected video needs
/// `annotations`, and every video `subset` (the toolkit reads it for all). MMAction2 form: every video, id =
/// key without its first two characters; two keys naming the same id are an error. Both: videos and
/// segments in file order; a segment is `{"segment": [s, e], "label": name}` where s and e are numbers or
/// numeric strings, finite, s <= e; labels get ids in order of first appearance.
///
/// Throws vidata::parse_error (source, JSON pointer, what was expected, what was found) for malformed input:
///   [vidata.parse_error] gt.json at /database/abc/annotations/2/segment: expected a segment [start, end]: ..., got '[5,"x"]'
///
/// Well-formed files take one streaming pass (detail::ground_truth_scan, ~10x faster than a document); anything
/// else is read through a document, which decides what it means and says what is wrong.
[[nodiscard]] inline activitynet_ground_truth parse_activitynet_ground_truth(std::string_view text, std::string_view source_name = {},
                                                                           const activitynet_ground_truth_options& options = {}) {
    if (auto scanned = detail::scan_activitynet_ground_truth(text, source_name, options.subset)) {
        activitynet_ground_truth out;
        out.form = scanned->official ? activitynet_form::official : activitynet_form::mmaction2;
        out.videos = std::move(scanned->videos);
        out.other_subsets = scanned->other_subsets;
        out.subsets = std::move(scanned->subsets);
        detail::number_labels(out);
        return out;
    }
    return detail::parse_activitynet_ground_truth_document(text, source_name, options);
}

/// Reads and parses the ground-truth file at `path` (io_error when it cannot be read).
[[nodiscard]] inline activitynet_ground_truth read_activitynet_ground_truth(const std::filesystem::path& path,
                                                                          const activitynet_ground_truth_options& options = {}) {
    const detail::mapped_text file(path);
    return parse_activitynet_ground_truth(file.text(), path.string(), options);
}

namespace detail {

// The results JSON read in one pass of json_scanner, straight into temporal_results (a 46 MB submission never
// becomes a document). Unknown members are skipped at any depth; every error names the JSON pointer of the
// offending value.
// Where a results_reader in streaming mode hands each video's list, once the list is complete.
class results_sink {
public:
    /// The segments of one video (labels index the reader's label table); a repeated id comes again.
    virtual void video(std::string_view id, std::span<const scored_segment> segments) = 0;
    /// A repeated "results" member: what came before is replaced, as Python's json keeps the last value.
    virtual void restart() = 0;

protected:
    ~results_sink() = default;
};

class results_reader {
public:
    /// `segment_required = false` also takes classification results (`{"label", "score"}` without a segment),
    /// whose bounds are then NaN (formats::anet_results_json reads submissions of both kinds). With a sink,
    /// each video's list goes to the sink when it ends instead of into the results (which keep the labels).
    explicit results_reader(std::string source, bool segment_required = true, results_sink* sink = nullptr)
        : source_(std::move(source)), segment_required_(segment_required), sink_(sink) {}

    temporal_results take() { return std::move(results_); }

    void literal(std::string_view word) { scalar(nullptr, word); }
    void string(std::string_view s) { scalar(&s, {}); }

    void start_object() {
        if (skipping()) return;
        if (at_ == place::before_root) {
            at_ = place::root;
        } else if (at_ == place::root && expect_ == expecting::results) {
            at_ = place::results;
        } else if (at_ == place::video) {
            at_ = place::entry;
            entry_ = {};
        } else {
            unexpected("{...}");
        }
        expect_ = expecting::nothing;
    }

    void start_array() {
        if (skipping()) return;
        if (at_ == place::results && expect_ == expecting::video) {
            at_ = place::video;
            entry_index_ = 0;
        } else if (at_ == place::entry && expect_ == expecting::segment) {
            at_ = place::segment;
            entry_.bounds = 0;
        } else {
            unexpected("[...]");
        }
        expect_ = expecting::nothing;
    }

    void key(std::string_view k) {
        if (skip_depth_ > 0) return;
        if (at_ == place::root) {
            if (k == "results") {
                expect_ = expecting::results;
                // A repeated "results" replaces the first, as Python's json keeps the last value of a key.
                results_ = {};
                video_index_.clear();
                label_index_.clear();
                seen_results_ = true;
                if (sink_ != nullptr) sink_->restart();
            } else {
                skip_next_ = true;
            }
        } else if (at_ == place::results) {
            expect_ = expecting::video;
            if (sink_ != nullptr) {
                streamed_id_.assign(k);
                streamed_.clear();
                return;
            }
            const auto [it, added] = video_index_.emplace(std::string(k), results_.videos.size());
            if (added) results_.videos.push_back({std::string(k), {}});
            else results_.videos[it->second].segments.clear();  // a repeated video: the last list, first position
            video_ = it->second;
        } else if (at_ == place::entry) {
            if (k == "segment") expect_ = expecting::segment;
            else if (k == "score") expect_ = expecting::score;
            else if (k == "label") expect_ = expecting::label;
            else skip_next_ = true;
        }
    }

    void end_object() {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return;
        }
        if (at_ == place::entry) {
            finish_entry();
            at_ = place::video;
            ++entry_index_;
        } else if (at_ == place::results) {
            at_ = place::root;
        } else if (at_ == place::root) {
            at_ = place::after_root;
            if (!seen_results_)
                throw vidata::parse_error(source_location{source_, 0, 0, -1, "/"},
                                          R"(an object with a member 'results' ({"results": {video: [{"segment": [s, e], "score": x, "label": name}]}}))",
                                          "{...}");
        }
    }

    void end_array() {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return;
        }
        if (at_ == place::segment) {
            if (entry_.bounds != 2) fail(field_path("segment"), segment_expectation, "an array of " + std::to_string(entry_.bounds));
            at_ = place::entry;
        } else if (at_ == place::video) {
            at_ = place::results;
            if (sink_ != nullptr) sink_->video(streamed_id_, streamed_);
        }
    }

    // A number and its token as written.
    void number(double v, std::string_view token) {
        if (skip_depth_ > 0) return;
        if (skip_next_) {
            skip_next_ = false;
            return;
        }
        if (at_ == place::segment) {
            bound(v);
        } else if (at_ == place::entry && expect_ == expecting::score) {
            entry_.score = v;
        } else {
            unexpected(std::string(token));
        }
        expect_ = expecting::nothing;
    }

private:
    enum class place { before_root, root, results, video, entry, segment, after_root };
    enum class expecting { nothing, results, video, segment, score, label };

    struct entry_fields {
        double bounds_value[2] = {0.0, 0.0};
        std::size_t bounds = 0;
        bool has_segment = false;
        std::optional<double> score;
        std::int32_t label = -1;
    };

    // Labels looked up by view, so that the label of each of 470,000 entries costs no allocation.
    struct string_hash {
        using is_transparent = void;
        [[nodiscard]] std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    // Skipped values: the value of an unknown key, and everything nested in it.
    bool skipping() {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return true;
        }
        if (skip_next_) {
            skip_next_ = false;
            skip_depth_ = 1;
            return true;
        }
        return false;
    }

    // A string (`s`) or a literal (true, false, null).
    void scalar(const std::string_view* s, std::string_view literal) {
        if (skip_depth_ > 0) return;
        if (skip_next_) {
            skip_next_ = false;
            return;
        }
        if (at_ == place::segment && s != nullptr) {
            double v = 0.0;
            if (parse_number(*s, v) != number_status::ok) fail(bound_path(), segment_expectation, nlohmann::json(*s).dump());
            bound(v);
        } else if (at_ == place::entry && expect_ == expecting::label && s != nullptr) {
            auto it = label_index_.find(*s);
            if (it == label_index_.end()) {
                it = label_index_.emplace(std::string(*s), static_cast<std::int32_t>(results_.labels.size())).first;
                results_.labels.emplace_back(*s);
            }
            entry_.label = it->second;
        } else {
            unexpected(s != nullptr ? nlohmann::json(*s).dump() : std::string(literal));
        }
        expect_ = expecting::nothing;
    }

    void bound(double v) {
        if (entry_.bounds >= 2) fail(field_path("segment"), segment_expectation, "an array of more than 2 values");
        entry_.bounds_value[entry_.bounds++] = v;
        entry_.has_segment = true;
    }

    void finish_entry() {
        if (!entry_.has_segment && segment_required_) fail(entry_path(), "a result with a member 'segment'", "{...}");
        if (!entry_.score) fail(entry_path(), "a result with a member 'score'", "{...}");
        std::vector<scored_segment>& segments = sink_ != nullptr ? streamed_ : results_.videos[video_].segments;
        if (!entry_.has_segment) {
            const double none = std::numeric_limits<double>::quiet_NaN();
            segments.push_back({none, none, *entry_.score, entry_.label});
            return;
        }
        const double start = entry_.bounds_value[0], end = entry_.bounds_value[1];
        if (!std::isfinite(start) || !std::isfinite(end) || !(start <= end))
            fail(field_path("segment"), segment_expectation, "[" + number_text(start) + ", " + number_text(end) + "]");
        segments.push_back({start, end, *entry_.score, entry_.label});
    }

    // What the value in hand should have been, from where it stands.
    [[noreturn]] void unexpected(const std::string& found) {
        switch (at_) {
            case place::before_root:
                fail("/", R"(an object with a member 'results' ({"results": {video: [...]}}))", found);
            case place::root:
                fail("/results", "an object mapping video ids to lists of results", found);
            case place::results:
                fail(video_path(), R"(an array of results [{"segment": [s, e], "score": x, "label": name}, ...])", found);
            case place::video:
                fail(entry_path(), R"(a result {"segment": [s, e], "score": x, "label": name})", found);
            case place::entry:
                if (expect_ == expecting::segment) fail(field_path("segment"), segment_expectation, found);
                if (expect_ == expecting::score) fail(field_path("score"), "a number", found);
                fail(field_path("label"), "a string", found);
            case place::segment:
                fail(bound_path(), segment_expectation, found);
            case place::after_root:
                break;
        }
        fail("/", "one JSON value", found);
    }

    [[nodiscard]] static std::string number_text(double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", v);
        return text;
    }

    [[noreturn]] void fail(std::string path, std::string expected, std::string found) const {
        throw vidata::parse_error(source_location{source_, 0, 0, -1, std::move(path)}, std::move(expected), std::move(found));
    }

    [[nodiscard]] std::string video_path() const {
        std::string p = "/results";
        append_pointer_token(p, sink_ != nullptr ? streamed_id_ : results_.videos[video_].id);
        return p;
    }
    [[nodiscard]] std::string entry_path() const { return video_path() + "/" + std::to_string(entry_index_); }
    [[nodiscard]] std::string field_path(std::string_view field) const {
        std::string p = entry_path();
        append_pointer_token(p, field);
        return p;
    }
    [[nodiscard]] std::string bound_path() const { return field_path("segment") + "/" + std::to_string(entry_.bounds); }

    std::string source_;
    temporal_results results_;
    std::unordered_map<std::string, std::size_t> video_index_;
    std::unordered_map<std::string, std::int32_t, string_hash, std::equal_to<>> label_index_;
    place at_ = place::before_root;
    expecting expect_ = expecting::nothing;
    bool skip_next_ = false;
    bool seen_results_ = false;
    bool segment_required_ = true;
    results_sink* sink_ = nullptr;
    std::string streamed_id_;               // streaming: the video being read
    std::vector<scored_segment> streamed_;  // streaming: its list so far (reused)
    std::size_t skip_depth_ = 0;
    std::size_t video_ = 0;
    std::size_t entry_index_ = 0;
    entry_fields entry_;
};

}  // namespace detail

/// Parses a results JSON, `{"results": {video: [{"segment": [s, e], "score": x, "label": name}, ...]}, ...}`
/// (ActivityNet's submission format, MMAction2's dump_results), in one pass without building a document
/// (detail::json_scanner: strict RFC 8259, several hundred MB/s).
/// Videos and entries keep the file's order (a repeated key keeps its first position and its last value, as
/// Python's json). Members other than "results" (version, external_data) and other entry members are skipped;
/// "label" is optional (proposals have none). Segment bounds are numbers or numeric strings, finite, start <= end;
/// a score is a JSON number (Python would also take NaN and Infinity literals, which are not JSON).
///
/// Throws vidata::parse_error naming the source and, for a bad value, its JSON pointer; for a syntax error its
/// line and column:
///   [vidata.parse_error] pred.json at /results/abc/3/score: expected a number, got '"0.5"'
[[nodiscard]] inline temporal_results parse_temporal_results(std::string_view text, std::string_view source_name = {}) {
    detail::results_reader reader{std::string(source_name)};
    detail::json_scanner(text, source_name).run(reader);
    return reader.take();
}

/// Reads and parses the results file at `path` (io_error when it cannot be read). A regular file is
/// memory-mapped (detail::mapped_text): it must not be truncated while it is read.
[[nodiscard]] inline temporal_results read_temporal_results(const std::filesystem::path& path) {
    detail::mapped_text file(path);
    const std::string source = path.string();  // the scanner keeps a view of it
    detail::results_reader reader{source};
    detail::json_scanner scanner(file.text(), source);
    scanner.on_progress(detail::mapped_text::window / 4, [&file](std::size_t offset) { file.advance(offset); });
    scanner.run(reader);
    return reader.take();
}

/// Streams the results file at `path` a video at a time: `on_video(id, segments)` is called for each video's
/// list when it ends, in file order (a repeated id comes again; Python's json would keep its last list), with a
/// span valid during the call. Returns the label table the segments' `label` indices refer to. Nothing but the
/// list at hand is held, so memory stays flat whatever the file's size (see average_recall_accumulator).
/// Same syntax, checks and errors as read_temporal_results; a repeated "results" member throws
/// vidata::parse_error, as what was handed out cannot be taken back.
template <class OnVideo>
    requires std::invocable<OnVideo&, std::string_view, std::span<const scored_segment>>
std::vector<std::string> read_temporal_results_by_video(const std::filesystem::path& path, OnVideo&& on_video) {
    struct sink final : detail::results_sink {
        OnVideo* on;
        std::string source;
        bool started = false;
        void video(std::string_view id, std::span<const scored_segment> segments) override { (*on)(id, segments); }
        void restart() override {
            if (started)
                throw vidata::parse_error(source_location{source, 0, 0, -1, "/results"},
                                          "one member 'results' (its videos were already evaluated)", "a second one");
            started = true;
        }
    } s;
    s.on = &on_video;
    detail::mapped_text file(path);
    s.source = path.string();  // the scanner keeps a view of it
    detail::results_reader reader{s.source, true, &s};
    detail::json_scanner scanner(file.text(), s.source);
    scanner.on_progress(detail::mapped_text::window / 4, [&file](std::size_t offset) { file.advance(offset); });
    scanner.run(reader);
    return std::move(reader.take().labels);
}

}  // namespace vidata
