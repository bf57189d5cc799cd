// SPDX-License-Identifier: Apache-2.0
// vidata::formats::anet_mmaction_json: MMAction2's (BSN's) ActivityNet annotation JSON, `anet_anno_{train,val,...}.json`.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/detail/labelled_list.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/record_json.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata::formats {

/// One video of an `anet_anno_*.json`. `key` is the JSON key as written (`v_QOlSCBRmfWY`); `video.id` is the key
/// without its first two characters, as MMAction2 names the video (`video_name[2:]`). `rfps` is the measured frame
/// rate MMAction2's process_annotations.py adds beside `fps`.
struct anet_mmaction_video {
    std::string key;
    temporal_record video;
    std::optional<double> rfps;

    friend bool operator==(const anet_mmaction_video&, const anet_mmaction_video&) = default;
};

template <class Json>
void to_json(Json& j, const anet_mmaction_video& v) {
    to_json(j, v.video);
    j["key"] = v.key;
    if (v.rfps) j["rfps"] = *v.rfps;
}

namespace detail {

// What the metric reader does not keep: the keys as written (with duplicates refused, since a format must not
// drop a video silently) and each video's rfps; members MMAction2's files do not have, and numbers of the wrong
// type, are refused for the same reason. One pass of json_scanner beside vidata::parse_activitynet_ground_truth,
// which reads the rest.
class anet_mmaction_scan {
public:
    explicit anet_mmaction_scan(std::string source) : source_(std::move(source)) {}

    std::vector<std::string> keys;
    std::vector<std::optional<double>> rfps;

    void start_object() {
        if (depth_ == 0) root_is_object_ = true;
        enter("{...}");
    }
    void start_array() { enter("[...]"); }
    void end_object() { --depth_; }
    void end_array() { --depth_; }
    void key(std::string_view k) {
        if (!root_is_object_) return;  // parse_activitynet_ground_truth says what the root should be
        if (depth_ == 1) {
            if (!seen_.emplace(k).second) fail(pointer(k), "a video key not used before", std::string(k));
            keys.emplace_back(k);
            rfps.emplace_back();
        } else if (depth_ == 2) {
            member_ = std::string(k);
            if (k == "duration_second" || k == "fps" || k == "rfps") kind_ = member::number;
            else if (k == "duration_frame" || k == "feature_frame") kind_ = member::count;
            else if (k == "annotations") kind_ = member::other;
            else
                fail(pointer(keys.back()), "only the members duration_second, duration_frame, annotations, feature_frame, fps and rfps",
                     std::string(k));
        }
    }
    // The metric reader reads a member of the wrong type as absent; a format must not drop it silently.
    void number(double v, std::string_view token) {
        if (depth_ == 2) {
            if (kind_ == member::count && token.find_first_of(".eE-") != std::string_view::npos)
                fail(member_path(), "a non-negative integer frame count", std::string(token));
            if (member_ == "rfps") rfps.back() = v;
            kind_ = member::none;
        }
    }
    void string(std::string_view s) { scalar("\"" + std::string(s) + "\""); }
    void literal(std::string_view s) { scalar(std::string(s)); }

private:
    enum class member { none, number, count, other };

    void enter(const char* found) {
        if (depth_ == 2 && (kind_ == member::number || kind_ == member::count)) fail(member_path(), "a number", found);
        if (depth_ == 2) kind_ = member::none;
        ++depth_;
    }
    void scalar(std::string found) {
        if (depth_ == 2 && (kind_ == member::number || kind_ == member::count)) fail(member_path(), "a number", std::move(found));
        if (depth_ == 2) kind_ = member::none;
    }
    [[nodiscard]] std::string member_path() const { return pointer(keys.back()) + pointer(member_); }
    [[nodiscard]] static std::string pointer(std::string_view key) {
        std::string p;
        vidata::detail::append_pointer_token(p, key);
        return p;
    }
    [[noreturn]] void fail(std::string path, std::string expected, std::string found) const {
        throw parse_error(source_location{source_, 0, 0, -1, std::move(path)}, std::move(expected), std::move(found));
    }

    std::string source_;
    std::unordered_set<std::string> seen_;
    std::size_t depth_ = 0;
    bool root_is_object_ = false;
    std::string member_;
    member kind_ = member::none;
};

}  // namespace detail

/// MMAction2's ActivityNet annotations (BSN's `anet_anno_action.json` and the `anet_anno_{train,val,test,full}.json`
/// that tools/data/activitynet/process_annotations.py derives from it), one object keyed by video:
///
///   {"v_QOlSCBRmfWY": {"duration_second": 82.73, "duration_frame": 2067,
///                      "annotations": [{"segment": [6.19, 77.73], "label": "Ballet"}], "feature_frame": 2064}, ...}
///
/// The videos are read by vidata::parse_activitynet_ground_truth (the metrics' reader, so that a file evaluates
/// as it inspects): segments checked (finite, start <= end), labels numbered by first appearance in
/// `segment::label_id`. On top of it this format keeps the keys and `rfps`, and refuses a repeated key, a member
/// other than those above, and the official form (`{"database": ...}`, which is anet_json). Errors name the
/// JSON pointer: `anno.json at /v_x/annotations/0/segment: expected a segment [start, end]: ...`.
/// The writer writes json.dump's layout (one line, ", " / ": " separators, floats as repr), members in the
/// order above then fps and rfps; frame counts of −1 and absent fps/rfps are left out.
struct anet_mmaction_json : text_format<anet_mmaction_json> {
    using record_type = anet_mmaction_video;
    static constexpr std::string_view name = "anet_mmaction_json";

    [[nodiscard]] static std::vector<anet_mmaction_video> parse(std::string_view text, std::string_view source) {
        detail::anet_mmaction_scan scan{std::string(source)};
        vidata::detail::json_scanner(text, source).run(scan);
        activitynet_ground_truth gt = parse_activitynet_ground_truth(text, source);
        if (gt.form != activitynet_form::mmaction2)
            throw parse_error(source_location{std::string(source), 0, 0, -1, "/database"},
                              R"(MMAction2's form {"v_<id>": {...}}; a file with "database" is the official form (anet_json))",
                              "{...}");
        // parse_activitynet_ground_truth yields one video per distinct key, in the order the scan saw them.
        if (gt.videos.size() != scan.keys.size())
            throw parse_error(source_location{std::string(source), 0, 0, -1, "/"}, "one video per key", "a different count");
        std::vector<anet_mmaction_video> out;
        out.reserve(gt.videos.size());
        for (std::size_t i = 0; i < gt.videos.size(); ++i)
            out.push_back({std::move(scan.keys[i]), std::move(gt.videos[i]), scan.rfps[i]});
        return out;
    }

    static void write(std::ostream& out, std::span<const anet_mmaction_video> videos) {
        std::string text = "{";
        std::unordered_set<std::string_view> keys;
        for (const anet_mmaction_video& v : videos) {
            if (!keys.insert(v.key).second)
                throw invalid_argument("vidata::formats::anet_mmaction_json::write: key '" + v.key + "' is used twice");
            if (text.size() > 1) text += ", ";
            detail::append_python_json_string(text, v.key);
            text += R"(: {"duration_second": )";
            detail::append_python_json_float(text, v.video.duration_second);
            if (v.video.duration_frame >= 0) {
                text += R"(, "duration_frame": )";
                detail::append_integer(text, v.video.duration_frame);
            }
            text += R"(, "annotations": [)";
            for (std::size_t i = 0; i < v.video.annotations.size(); ++i) {
                const segment& s = v.video.annotations[i];
                text += i == 0 ? R"({"segment": [)" : R"(, {"segment": [)";
                detail::append_python_json_float(text, s.start);
                text += ", ";
                detail::append_python_json_float(text, s.end);
                text += R"(], "label": )";
                detail::append_python_json_string(text, s.label);
                text += '}';
            }
            text += ']';
            if (v.video.feature_frame >= 0) {
                text += R"(, "feature_frame": )";
                detail::append_integer(text, v.video.feature_frame);
            }
            if (v.video.fps) {
                text += R"(, "fps": )";
                detail::append_python_json_float(text, *v.video.fps);
            }
            if (v.rfps) {
                text += R"(, "rfps": )";
                detail::append_python_json_float(text, *v.rfps);
            }
            text += '}';
        }
        text += '}';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
};

}  // namespace vidata::formats
