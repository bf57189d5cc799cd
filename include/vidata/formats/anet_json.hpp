// SPDX-License-Identifier: Apache-2.0
// vidata::formats::anet_json: the official ActivityNet annotation json (`activity_net.v1-3.min.json`, v1.2 alike).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/temporal_record.hpp>
#include <vidata/formats/detail/activitynet_json.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace vidata::formats {

/// One node of the ActivityNet taxonomy: `{"nodeId": 2, "nodeName": "Sports", "parentId": 1, "parentName": "Root"}`
/// (the root has null parents, kept as nullopt).
struct anet_taxonomy_node {
    std::int64_t node_id = 0;
    std::string node_name;
    std::optional<std::int64_t> parent_id;
    std::optional<std::string> parent_name;

    friend bool operator==(const anet_taxonomy_node&, const anet_taxonomy_node&) = default;
};

/// What an ActivityNet json holds besides its videos: the version string and the class taxonomy, each
/// nullopt when the file has none (THUMOS'14 in the same form has neither).
struct anet_file_info {
    std::optional<std::string> version;
    std::optional<std::vector<anet_taxonomy_node>> taxonomy;

    friend bool operator==(const anet_file_info&, const anet_file_info&) = default;
};

/// One video of the database: its temporal_record (`id`, `duration_second` from "duration", 0 when absent,
/// and the labelled segments, `label_id` left −1), its subset, and what the writer needs to write the file
/// back: url and resolution where given. `file` is shared by all the videos of one file (version,
/// taxonomy); records compare it by value, a null `file` equal to an empty one.
struct anet_video {
    temporal_record video;
    std::string subset;
    std::optional<std::string> resolution;
    std::optional<std::string> url;
    std::shared_ptr<const anet_file_info> file;

    friend bool operator==(const anet_video& a, const anet_video& b) {
        const anet_file_info none;
        return a.video == b.video && a.subset == b.subset && a.resolution == b.resolution && a.url == b.url &&
               (a.file ? *a.file : none) == (b.file ? *b.file : none);
    }
};

template <class Json>
void to_json(Json& j, const anet_video& v) {
    j = Json::object();
    j["id"] = v.video.id;
    j["subset"] = v.subset;
    if (v.video.duration_second != 0.0) j["duration"] = v.video.duration_second;
    if (v.resolution) j["resolution"] = *v.resolution;
    if (v.url) j["url"] = *v.url;
    Json annotations = Json::array();
    for (const auto& s : v.video.annotations) annotations.push_back(Json{{"segment", Json::array({s.start, s.end})}, {"label", s.label}});
    j["annotations"] = std::move(annotations);
}

namespace detail {

[[nodiscard]] inline std::optional<std::string> optional_string(const json_node& node, std::string_view key) {
    const auto member = node.find(key);
    if (!member) return std::nullopt;
    return std::string(member->string());
}

[[nodiscard]] inline std::vector<anet_taxonomy_node> read_taxonomy(const json_node& taxonomy) {
    std::vector<anet_taxonomy_node> out;
    for (const json_node node : taxonomy.elements()) {
        anet_taxonomy_node n;
        n.node_id = node["nodeId"].integer();
        n.node_name = std::string(node["nodeName"].string());
        if (const json_node p = node["parentId"]; !p.is_null()) n.parent_id = p.integer();
        if (const json_node p = node["parentName"]; !p.is_null()) n.parent_name = std::string(p.string());
        out.push_back(std::move(n));
    }
    return out;
}

/// The fast path of anet_json::parse: one json_scanner pass straight into records, no document. Why: the document
/// path (nlohmann's DOM, a key-order pass beside it, then a walk with a JSON pointer per value) reads ActivityNet
/// v1.3 at ~30 MB/s and holds ~9x the file at its peak.
///
/// It takes only the canonical shape: a root of `version` (a string), `taxonomy` (nodes of exactly `nodeId`,
/// `nodeName`, `parentId`, `parentName`, the ids integer literals within int64, the parents null or of their type)
/// and `database`, each at most once; videos of `duration` (a number), `subset`, `resolution`, `url` (strings) and
/// `annotations`, each at most once, `subset` and `annotations` present; annotations of exactly a valid `segment`
/// (two numbers or numeric strings, finite, start <= end) and a string `label`. On anything else (a repeated key,
/// which Python's dict resolves as first position, last value; a member the document path ignores or refuses;
/// another type; a syntax error) it gives up (nullopt), and the caller takes the document path, which decides what
/// the file means and words the error. Tests and a fuzz target hold the two equal wherever this path answers.
class anet_scan {
public:
    explicit anet_scan(std::size_t expected_videos) : info_(std::make_shared<anet_file_info>()), ids_(expected_videos) {
        videos_.reserve(expected_videos);
    }

    /// Thrown from an event to stop at the first thing this path leaves to the document path.
    struct give_up {};

    // json_scanner events.
    void start_object() {
        switch (next_) {
            case slot::root: enter(frame::root); break;
            case slot::database: enter(frame::database); break;
            case slot::node:
                enter(frame::node);
                info_->taxonomy->emplace_back();
                break;
            case slot::video:
                enter(frame::video);
                videos_.emplace_back().video.id = std::move(key_);
                break;
            case slot::annotation:
                enter(frame::annotation);
                videos_.back().video.annotations.emplace_back();
                bounds_ = 0;
                break;
            default: stop();
        }
    }
    void start_array() {
        switch (next_) {
            case slot::taxonomy:
                enter(frame::taxonomy);
                info_->taxonomy.emplace();
                break;
            case slot::annotations: enter(frame::annotations); break;
            case slot::segment: enter(frame::segment); break;
            default: stop();
        }
    }
    void end_object() { leave(); }
    void end_array() { leave(); }

    void key(std::string_view k) {
        member m = member::none;
        slot value = slot::none;
        switch (open_.back()) {
            case frame::root:
                if (k == "version") m = member::version, value = slot::version;
                else if (k == "taxonomy") m = member::taxonomy, value = slot::taxonomy;
                else if (k == "database") m = member::database, value = slot::database;
                break;
            case frame::node:
                if (k == "nodeId") m = member::node_id, value = slot::node_id;
                else if (k == "nodeName") m = member::node_name, value = slot::node_name;
                else if (k == "parentId") m = member::parent_id, value = slot::parent_id;
                else if (k == "parentName") m = member::parent_name, value = slot::parent_name;
                break;
            case frame::database:
                // A video id seen before is a repeated key: Python's dict (and the document path) would merge them.
                key_.assign(k);
                ids_hash_ = hash_key(key_);
                if (ids_.insert(ids_hash_, videos_.size(), videos_.size() + 1, [&](std::size_t i) { return videos_[i].video.id == key_; }) != 0) stop();
                next_ = slot::video;
                return;
            case frame::video:
                if (k == "duration") m = member::duration, value = slot::duration;
                else if (k == "subset") m = member::subset, value = slot::subset;
                else if (k == "resolution") m = member::resolution, value = slot::resolution;
                else if (k == "url") m = member::url, value = slot::url;
                else if (k == "annotations") m = member::annotations, value = slot::annotations;
                break;
            case frame::annotation:
                if (k == "segment") m = member::segment, value = slot::segment;
                else if (k == "label") m = member::label, value = slot::label;
                break;
            default: break;
        }
        if (m == member::none) stop();
        unsigned& seen = members_.back();
        if (seen & static_cast<unsigned>(m)) stop();
        seen |= static_cast<unsigned>(m);
        next_ = value;
    }

    void string(std::string_view s) {
        switch (next_) {
            case slot::version: info_->version.emplace(s); break;
            case slot::node_name: info_->taxonomy->back().node_name.assign(s); break;
            case slot::parent_name: info_->taxonomy->back().parent_name.emplace(s); break;
            case slot::subset: videos_.back().subset.assign(s); break;
            case slot::resolution: videos_.back().resolution.emplace(s); break;
            case slot::url: videos_.back().url.emplace(s); break;
            case slot::label: videos_.back().video.annotations.back().label.assign(s); break;
            case slot::bound: {
                double v = 0.0;  // a numeric string, as Python's float() reads it (segment_bound on the document path)
                if (vidata::detail::parse_number(s, v) != vidata::detail::number_status::ok) stop();
                bound(v);
                return;
            }
            default: stop();
        }
        next_ = slot::none;
    }

    void number(double v, std::string_view token) {
        // nlohmann keeps an integer token as an integer, so "-0" is +0.0 once read as a double.
        if (v == 0.0 && token.find_first_of(".eE") == std::string_view::npos) v = 0.0;
        switch (next_) {
            case slot::duration: videos_.back().video.duration_second = v; break;
            case slot::node_id: info_->taxonomy->back().node_id = integer(token); break;
            case slot::parent_id: info_->taxonomy->back().parent_id = integer(token); break;
            case slot::bound: bound(v); return;
            default: stop();
        }
        next_ = slot::none;
    }

    void literal(std::string_view l) {
        if (l != "null" || (next_ != slot::parent_id && next_ != slot::parent_name)) stop();
        next_ = slot::none;  // a null parent: nullopt, as the record starts
    }

    /// The records once the scan has run to its end.
    [[nodiscard]] std::vector<anet_video> result() && {
        if (!database_seen_) stop();
        for (anet_video& v : videos_) v.file = info_;
        return std::move(videos_);
    }

private:
    // What the value that comes next is.
    enum class slot {
        none, root, version, taxonomy, node, node_id, node_name, parent_id, parent_name, database, video, duration, subset,
        resolution, url, annotations, annotation, segment, bound, label,
    };
    // The containers open around the scan.
    enum class frame { root, taxonomy, node, database, video, annotations, annotation, segment };
    // The members of an object, each allowed once (bits of members_).
    enum class member : unsigned {
        none = 0, version = 1, taxonomy = 2, database = 4, node_id = 1, node_name = 2, parent_id = 4, parent_name = 8,
        duration = 1, subset = 2, resolution = 4, url = 8, annotations = 16, segment = 1, label = 2,
    };

    [[noreturn]] static void stop() { throw give_up{}; }

    // An integer literal within int64 (nlohmann's number_integer or a number_unsigned that fits); anything else
    // (3.0, which Python's int() takes, or beyond int64) is left to the document path.
    [[nodiscard]] static std::int64_t integer(std::string_view token) {
        std::int64_t n = 0;
        const auto r = std::from_chars(token.data(), token.data() + token.size(), n);
        if (r.ec != std::errc{} || r.ptr != token.data() + token.size()) stop();
        return n;
    }

    void enter(frame f) {
        open_.push_back(f);
        members_.push_back(0);
        switch (f) {
            case frame::taxonomy: next_ = slot::node; break;
            case frame::annotations: next_ = slot::annotation; break;
            case frame::segment: next_ = slot::bound; break;
            default: next_ = slot::none; break;
        }
    }

    // Closes the innermost container, checks that it is complete, and says what comes next in its parent.
    void leave() {
        const frame f = open_.back();
        const unsigned seen = members_.back();
        open_.pop_back();
        members_.pop_back();
        const auto has = [seen](member m) { return (seen & static_cast<unsigned>(m)) != 0; };
        switch (f) {
            case frame::root: database_seen_ = has(member::database); break;
            case frame::node:
                if (!(has(member::node_id) && has(member::node_name) && has(member::parent_id) && has(member::parent_name))) stop();
                break;
            case frame::video:
                if (!(has(member::subset) && has(member::annotations))) stop();
                break;
            case frame::annotation: {
                if (!(has(member::segment) && has(member::label))) stop();
                const segment& a = videos_.back().video.annotations.back();
                if (!std::isfinite(a.start) || !std::isfinite(a.end) || !(a.start <= a.end)) stop();
                break;
            }
            case frame::segment:
                if (bounds_ != 2) stop();
                break;
            default: break;
        }
        if (open_.empty()) return;
        switch (open_.back()) {
            case frame::taxonomy: next_ = slot::node; break;
            case frame::annotations: next_ = slot::annotation; break;
            default: next_ = slot::none; break;  // in an object: the next key sets it
        }
    }

    void bound(double v) {
        if (bounds_ >= 2) stop();
        segment& a = videos_.back().video.annotations.back();
        (bounds_++ == 0 ? a.start : a.end) = v;
    }

    std::shared_ptr<anet_file_info> info_;
    std::vector<anet_video> videos_;
    unique_keys ids_;
    std::string key_;  // the id of the video whose object comes next
    std::uint64_t ids_hash_ = 0;
    std::vector<frame> open_;
    std::vector<unsigned> members_;  // of each open object
    slot next_ = slot::root;
    std::size_t bounds_ = 0;  // of the segment being read
    bool database_seen_ = false;
};

/// The fast path: the records when `text` is a canonical ActivityNet json (see anet_scan), else nullopt.
[[nodiscard]] inline std::optional<std::vector<anet_video>> scan_anet_json(std::string_view text, std::string_view source,
                                                                           vidata::detail::read_progress progress = {}) {
    // Every video has one "annotations" member: their count sizes the vectors (a hint; a wrong one costs growth only).
    std::size_t expected = 0;
    for (std::size_t at = text.find("\"annotations\""); at != std::string_view::npos; at = text.find("\"annotations\"", at + 13))
        ++expected;
    try {
        anet_scan scan(expected);
        vidata::detail::json_scanner scanner(text, source);
        scanner.on_progress(vidata::detail::mapped_text::window / 4, [progress](std::size_t offset) { progress(offset); });
        scanner.run(scan);
        return std::move(scan).result();
    } catch (const anet_scan::give_up&) {
        return std::nullopt;
    } catch (const parse_error&) {
        return std::nullopt;  // the document path reports syntax errors in its own words
    }
}

/// The document path of anet_json::parse: nlohmann's DOM with the key order of a scan beside it. It decides every
/// file, canonical or not, and words every error.
[[nodiscard]] inline std::vector<anet_video> parse_anet_document(std::string_view text, std::string_view source) {
    const vidata::detail::keyed_json parsed = vidata::detail::parse_keyed_json(text, source);
    const json_node root(parsed.doc, std::string(source));
    if (!parsed.doc.is_object() || !parsed.doc.contains("database"))
        throw root.error(R"(an object with a member 'database' ({"version", "taxonomy", "database": {video: {...}}}))");
    auto info = std::make_shared<anet_file_info>();
    info->version = optional_string(root, "version");
    if (const auto taxonomy = root.find("taxonomy")) info->taxonomy = read_taxonomy(*taxonomy);
    const json_node database = root["database"];
    if (!parsed.doc["database"].is_object()) throw database.error("an object mapping video ids to their annotations");

    std::vector<anet_video> out;
    out.reserve(parsed.order.database.size());
    for (const std::string& id : parsed.order.database) {
        const json_node video = database[id];
        if (!video.value().is_object()) throw video.error(R"(a video: {"subset": ..., "annotations": [...]})");
        for (const auto& [key, value] : video.members()) {
            if (key != "duration" && key != "subset" && key != "resolution" && key != "url" && key != "annotations")
                throw value.error("no member other than duration, subset, resolution, url and annotations (vidata would drop it)");
        }
        anet_video v;
        v.video.id = id;
        v.subset = std::string(video["subset"].string());
        if (const auto duration = video.find("duration")) v.video.duration_second = duration->number();
        v.resolution = optional_string(video, "resolution");
        v.url = optional_string(video, "url");
        v.video.annotations = vidata::detail::read_annotations(video);
        v.file = info;
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace detail

/// The official ActivityNet json (v1.2 and v1.3; THUMOS'14 ground truth in this form too):
///   {"version": "VERSION 1.3", "taxonomy": [{"nodeId": 1, "nodeName": "Root", "parentId": null, ...}, ...],
///    "database": {"bYUmtLBL7W4": {"duration": 224.49, "subset": "validation", "resolution": "1920x1080",
///                 "url": "https://www.youtube.com/watch?v=bYUmtLBL7W4",
///                 "annotations": [{"segment": [11.55, 57.07], "label": "Wakeboarding"}]}}}
/// One record per video of `database`, in file order. The parsing is the metrics' own
/// (detail/activitynet_json.hpp, shared with read_activitynet_ground_truth): segment bounds may be numbers or
/// numeric strings (G-TAD's thumos_gt.json writes "18.6"), finite, start <= end.
///
/// Reading: `database` is required; each video needs `subset` and `annotations` (an array, empty for
/// testing videos); `duration` a number, `url`/`resolution` strings where present; a video member other
/// than these five is refused rather than dropped. Errors name the JSON pointer:
///   anet.json at /database/abc/annotations/2/segment: expected a segment [start, end]: ..., got '[5,"x"]'
/// Writing: `version`, `taxonomy` (from the first record's `file`), `database`, as Python's json.dump writes
/// (", ", ": "); a video's `duration`, `resolution`, `url` only where known; segment bounds as numbers.
struct anet_json : text_format<anet_json> {
    using record_type = anet_video;
    static constexpr std::string_view name = "anet_json";

    /// A canonical file takes one streaming pass (detail::anet_scan); the document path takes the rest and words
    /// the errors. `progress` hears how far the pass has read (read_annotations then keeps a window of the file only).
    [[nodiscard]] static std::vector<anet_video> parse(std::string_view text, std::string_view source,
                                                       vidata::detail::read_progress progress = {}) {
        if (auto videos = detail::scan_anet_json(text, source, progress)) return std::move(*videos);
        return detail::parse_anet_document(text, source);
    }

    static void write(std::ostream& out, std::span<const anet_video> records) {
        std::string text = "{";
        const anet_file_info* info = records.empty() ? nullptr : records.front().file.get();
        if (info && info->version) {
            text += "\"version\": ";
            detail::append_python_json_string(text, *info->version);
            text += ", ";
        }
        if (info && info->taxonomy) {
            text += "\"taxonomy\": [";
            bool first = true;
            for (const anet_taxonomy_node& n : *info->taxonomy) {
                if (!first) text += ", ";
                first = false;
                text += "{\"nodeId\": " + std::to_string(n.node_id) + ", \"nodeName\": ";
                detail::append_python_json_string(text, n.node_name);
                text += ", \"parentId\": " + (n.parent_id ? std::to_string(*n.parent_id) : std::string("null"));
                text += ", \"parentName\": ";
                if (n.parent_name) detail::append_python_json_string(text, *n.parent_name);
                else text += "null";
                text += '}';
            }
            text += "], ";
        }
        text += "\"database\": {";
        bool first_video = true;
        for (const anet_video& v : records) {
            if (!first_video) text += ", ";
            first_video = false;
            detail::append_python_json_string(text, v.video.id);
            text += ": {";
            if (v.video.duration_second != 0.0) {
                text += "\"duration\": ";
                detail::append_python_json_float(text, v.video.duration_second);
                text += ", ";
            }
            text += "\"subset\": ";
            detail::append_python_json_string(text, v.subset);
            if (v.resolution) {
                text += ", \"resolution\": ";
                detail::append_python_json_string(text, *v.resolution);
            }
            if (v.url) {
                text += ", \"url\": ";
                detail::append_python_json_string(text, *v.url);
            }
            text += ", \"annotations\": [";
            bool first = true;
            for (const segment& s : v.video.annotations) {
                if (!first) text += ", ";
                first = false;
                text += "{\"segment\": [";
                detail::append_python_json_float(text, s.start);
                text += ", ";
                detail::append_python_json_float(text, s.end);
                text += "], \"label\": ";
                detail::append_python_json_string(text, s.label);
                text += '}';
            }
            text += "]}";
        }
        text += "}}";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// A JSON object whose first member is "version", "taxonomy" or "database" (the official layout; the
    /// results json starts with "version" too, so a file starting with it must also name "taxonomy" or
    /// "database" within the first bytes).
    [[nodiscard]] static bool detect(const std::filesystem::path&, std::string_view head) {
        std::size_t i = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        if (i >= head.size() || head[i] != '{') return false;
        ++i;
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        const std::string_view rest = head.substr(i);
        if (rest.starts_with("\"database\"") || rest.starts_with("\"taxonomy\"")) return true;
        return rest.starts_with("\"version\"") && (head.find("\"taxonomy\"") != std::string_view::npos ||
                                                   head.find("\"database\"") != std::string_view::npos);
    }
};

}  // namespace vidata::formats
