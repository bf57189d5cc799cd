// SPDX-License-Identifier: Apache-2.0
// The fast path of parse_activitynet_ground_truth: one streaming pass over a well-formed file, no document.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/segment.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata::detail {

/// What the fast path yields: the fields of activitynet_ground_truth, filled in the same order.
struct scanned_ground_truth {
    bool official = false;
    std::vector<temporal_record> videos;  // selected (official) or all (MMAction2), file order, label_id unset
    std::size_t other_subsets = 0;
    std::vector<std::string> subsets;
};

/// Reads ActivityNet ground truth in one json_scanner pass, straight into records. Why: the document path (an
/// nlohmann DOM plus a key-order scan) costs ~23 ms for ActivityNet's 1 MB validation file, a fifth of a whole
/// AR@AN evaluation; a scan costs a few.
///
/// It takes only the canonical shape: no repeated key where Python's "last value wins" would matter, every
/// member of the expected type, every segment valid. On anything else — and on a syntax error — it gives up
/// (nullopt) and the caller takes the document path, which applies Python's dict semantics and writes the
/// error message. So this path never decides what a file means where the two could differ; the test suite and
/// the fuzz target hold them equal on every input this path accepts.
class ground_truth_scan {
public:
    explicit ground_truth_scan(std::string_view subset) : subset_(subset) {}

    // json_scanner events.
    void start_object() { open(true); }
    void start_array() { open(false); }
    void end_object() { close(); }
    void end_array() { close(); }
    void key(std::string_view k);
    void string(std::string_view s);
    void number(double v, std::string_view token);
    void literal(std::string_view) { scalar_other(); }

    /// The result once the scan has run to its end.
    [[nodiscard]] std::optional<scanned_ground_truth> result();

    /// Thrown from an event to stop at the first thing this path leaves to the document path.
    struct give_up {};

private:
    // What the value that comes next is, from where the scan stands.
    enum class slot {
        root, root_member, database, video, subset, duration, frame_count_duration, frame_count_feature, fps,
        annotations, annotation, segment_list, bound, label, skip,
    };
    // The containers open around the scan.
    enum class frame { root, database, video, annotations, annotation, segment_list, skipped };
    // Members of a video or an annotation that may appear once (bits of `seen_`).
    enum member : unsigned {
        m_subset = 1, m_duration = 2, m_duration_frame = 4, m_feature_frame = 8, m_fps = 16, m_annotations = 32,
        m_segment = 64, m_label = 128,
    };

    [[noreturn]] static void stop() { throw give_up{}; }

    void open(bool object);
    void close();
    void scalar_other() {
        if (next_ == slot::skip || next_ == slot::duration || next_ == slot::frame_count_duration ||
            next_ == slot::frame_count_feature || next_ == slot::fps || next_ == slot::root_member) {
            // A non-number duration, frame count or fps reads as absent, as on the document path; a scalar
            // root member rules out MMAction2's form.
            if (next_ == slot::root_member) mmaction2_possible_ = false;
            after_value();
            return;
        }
        stop();
    }
    // A member that may appear once; its value comes next.
    void expect(unsigned& seen, unsigned bit, slot value) {
        if (seen & bit) stop();
        seen |= bit;
        next_ = value;
    }
    // After a value in an array, the next element has the same role; after a member's value, a key comes.
    void after_value();
    void finish_video();
    void finish_annotation();

    std::string_view subset_;
    std::vector<frame> open_;
    slot next_ = slot::root;
    bool in_mmaction2_video_ = false;  // the video being read is a root member (MMAction2's form)
    bool database_seen_ = false;
    bool mmaction2_possible_ = true;

    // The video and annotation being read, and the key of the member being read.
    std::string member_key_;
    temporal_record video_;
    std::string video_subset_;
    unsigned video_seen_ = 0;
    segment annotation_;
    double bounds_[2] = {0.0, 0.0};
    std::size_t bound_count_ = 0;
    unsigned annotation_seen_ = 0;

    std::vector<temporal_record> official_, mmaction2_;
    std::unordered_set<std::string> root_keys_, database_keys_, mmaction2_ids_;
    std::size_t other_subsets_ = 0;
    std::vector<std::string> subsets_;
};

// A JSON number token as nlohmann::json keeps it: an integer token (no '.', 'e', 'E') is an integer, so "-0"
// is +0.0 once read as a double.
[[nodiscard]] inline bool integer_token(std::string_view token) noexcept {
    return token.find_first_of(".eE") == std::string_view::npos;
}

inline void ground_truth_scan::open(bool object) {
    const slot s = next_;
    if (s == slot::skip || s == slot::duration || s == slot::frame_count_duration || s == slot::frame_count_feature ||
        s == slot::fps) {
        open_.push_back(frame::skipped);
        next_ = slot::skip;
        return;
    }
    if (!open_.empty() && open_.back() == frame::skipped) {
        open_.push_back(frame::skipped);
        return;
    }
    if (!object) {
        if (s == slot::annotations) {
            open_.push_back(frame::annotations);
            next_ = slot::annotation;
        } else if (s == slot::segment_list) {
            open_.push_back(frame::segment_list);
            bound_count_ = 0;
            next_ = slot::bound;
        } else if (s == slot::root_member) {
            mmaction2_possible_ = false;  // a video of MMAction2's form is an object
            open_.push_back(frame::skipped);
            next_ = slot::skip;
        } else {
            stop();
        }
        return;
    }
    switch (s) {
        case slot::root: open_.push_back(frame::root); break;
        case slot::database: open_.push_back(frame::database); break;
        case slot::root_member:
        case slot::video:
            open_.push_back(frame::video);
            in_mmaction2_video_ = s == slot::root_member;
            video_ = {};
            video_.id = member_key_;  // MMAction2's form: the whole key until the form is known
            video_subset_.clear();
            video_seen_ = 0;
            break;
        case slot::annotation:
            open_.push_back(frame::annotation);
            annotation_ = {};
            annotation_seen_ = 0;
            break;
        default: stop();
    }
}

inline void ground_truth_scan::close() {
    const frame f = open_.back();
    open_.pop_back();
    if (f == frame::skipped) {
        if (!open_.empty() && open_.back() == frame::skipped) return;
        after_value();
        return;
    }
    if (f == frame::video) finish_video();
    else if (f == frame::annotation) finish_annotation();
    else if (f == frame::segment_list && bound_count_ != 2) stop();
    if (!open_.empty()) after_value();
}

inline void ground_truth_scan::after_value() {
    if (open_.empty()) return;
    switch (open_.back()) {
        case frame::annotations: next_ = slot::annotation; break;
        case frame::segment_list: next_ = slot::bound; break;
        case frame::skipped: next_ = slot::skip; break;
        default: next_ = slot::skip; break;  // in an object: the next key sets it
    }
}

inline void ground_truth_scan::key(std::string_view k) {
    if (open_.back() == frame::skipped) return;
    switch (open_.back()) {
        case frame::root:
            if (!root_keys_.emplace(k).second) stop();  // Python keeps the last value: the document path's call
            if (k == "database") {
                database_seen_ = true;
                next_ = slot::database;
            } else {
                next_ = mmaction2_possible_ ? slot::root_member : slot::skip;
                member_key_.assign(k);
            }
            return;
        case frame::database:
            if (!database_keys_.emplace(k).second) stop();
            next_ = slot::video;
            member_key_.assign(k);
            return;
        case frame::video:
            if (in_mmaction2_video_) {
                if (k == "duration_second") expect(video_seen_, m_duration, slot::duration);
                else if (k == "duration_frame") expect(video_seen_, m_duration_frame, slot::frame_count_duration);
                else if (k == "feature_frame") expect(video_seen_, m_feature_frame, slot::frame_count_feature);
                else if (k == "fps") expect(video_seen_, m_fps, slot::fps);
                else if (k == "annotations") expect(video_seen_, m_annotations, slot::annotations);
                else next_ = slot::skip;
            } else {
                if (k == "subset") expect(video_seen_, m_subset, slot::subset);
                else if (k == "duration") expect(video_seen_, m_duration, slot::duration);
                else if (k == "annotations") expect(video_seen_, m_annotations, slot::annotations);
                else next_ = slot::skip;
            }
            return;
        case frame::annotation:
            if (k == "segment") expect(annotation_seen_, m_segment, slot::segment_list);
            else if (k == "label") expect(annotation_seen_, m_label, slot::label);
            else next_ = slot::skip;
            return;
        default: stop();
    }
}

inline void ground_truth_scan::string(std::string_view s) {
    if (!open_.empty() && open_.back() == frame::skipped) return;
    switch (next_) {
        case slot::subset: video_subset_.assign(s); break;
        case slot::label: annotation_.label.assign(s); break;
        case slot::bound: {
            double v = 0.0;
            if (bound_count_ >= 2 || parse_number(s, v) != number_status::ok) stop();
            bounds_[bound_count_++] = v;
            break;
        }
        default: scalar_other(); return;
    }
    after_value();
}

inline void ground_truth_scan::number(double v, std::string_view token) {
    if (!open_.empty() && open_.back() == frame::skipped) return;
    if (v == 0.0 && integer_token(token)) v = 0.0;  // nlohmann reads "-0" as the integer 0
    switch (next_) {
        case slot::bound:
            if (bound_count_ >= 2) stop();
            bounds_[bound_count_++] = v;
            break;
        case slot::duration: video_.duration_second = v; break;
        case slot::fps: video_.fps = v; break;
        case slot::frame_count_duration:
        case slot::frame_count_feature: {
            // An integer token is a count (nlohmann: number_integer / number_unsigned); any other number reads as
            // absent. Beyond int64 the document path's conversion is not this one's: leave it to that path.
            if (!integer_token(token)) break;
            std::int64_t n = 0;
            const auto r = std::from_chars(token.data(), token.data() + token.size(), n);
            if (r.ec != std::errc{} || r.ptr != token.data() + token.size()) stop();
            (next_ == slot::frame_count_duration ? video_.duration_frame : video_.feature_frame) = n;
            break;
        }
        default: scalar_other(); return;
    }
    after_value();
}

inline void ground_truth_scan::finish_annotation() {
    if (annotation_seen_ != (m_segment | m_label)) stop();
    const double start = bounds_[0], end = bounds_[1];
    if (!std::isfinite(start) || !std::isfinite(end) || !(start <= end)) stop();
    annotation_.start = start;
    annotation_.end = end;
    video_.annotations.push_back(std::move(annotation_));
}

inline void ground_truth_scan::finish_video() {
    if (in_mmaction2_video_) {
        in_mmaction2_video_ = false;
        if (!(video_seen_ & m_annotations)) {
            mmaction2_possible_ = false;
            return;
        }
        mmaction2_.push_back(std::move(video_));
        return;
    }
    if (!(video_seen_ & m_subset)) stop();
    bool known = false;
    for (const std::string& s : subsets_) known = known || s == video_subset_;
    if (!known) subsets_.push_back(video_subset_);
    if (video_subset_ != subset_) {
        ++other_subsets_;
        return;
    }
    if (!(video_seen_ & m_annotations)) stop();
    official_.push_back(std::move(video_));
}

inline std::optional<scanned_ground_truth> ground_truth_scan::result() {
    scanned_ground_truth out;
    if (database_seen_) {
        out.official = true;
        out.videos = std::move(official_);
        out.other_subsets = other_subsets_;
        out.subsets = std::move(subsets_);
        return out;
    }
    if (!mmaction2_possible_) return std::nullopt;
    for (temporal_record& v : mmaction2_) {
        v.id = v.id.size() >= 2 ? v.id.substr(2) : std::string();
        if (!mmaction2_ids_.insert(v.id).second) return std::nullopt;  // two keys name one video: an error there
    }
    out.videos = std::move(mmaction2_);
    return out;
}

/// The fast path: the records when `text` is canonical ground truth (see ground_truth_scan), else nullopt.
[[nodiscard]] inline std::optional<scanned_ground_truth> scan_activitynet_ground_truth(std::string_view text,
                                                                                       std::string_view source_name,
                                                                                       std::string_view subset) {
    ground_truth_scan scan(subset);
    try {
        json_scanner(text, source_name).run(scan);
    } catch (const ground_truth_scan::give_up&) {
        return std::nullopt;
    } catch (const parse_error&) {
        return std::nullopt;  // the document path reports syntax errors in its own words
    }
    return scan.result();
}

}  // namespace vidata::detail
