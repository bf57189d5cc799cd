// SPDX-License-Identifier: Apache-2.0
// vidata::formats::anet_results_json: ActivityNet submission files (detection, proposals and classification results).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/python_json.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One entry of a video's result list: a detection (label, score, segment), a proposal (score, segment)
/// or a classification result (label, score).
struct anet_result {
    std::optional<std::string> label;
    double score = 0.0;
    std::optional<std::array<double, 2>> segment;

    friend bool operator==(const anet_result&, const anet_result&) = default;
};

/// The members of a results file other than "results" (usually "version" and "external_data"), in file
/// order, and the position "results" had among them.
struct anet_results_info {
    nlohmann::ordered_json members = nlohmann::ordered_json::object();
    std::size_t results_at = 0;

    friend bool operator==(const anet_results_info&, const anet_results_info&) = default;
};

/// One video of a results file and its entries in file order. `file` is shared by the videos of one file;
/// records compare it by value, a null `file` equal to an empty one.
struct anet_result_video {
    std::string id;
    std::vector<anet_result> results;
    std::shared_ptr<const anet_results_info> file;

    friend bool operator==(const anet_result_video& a, const anet_result_video& b) {
        const anet_results_info none;
        return a.id == b.id && a.results == b.results && (a.file ? *a.file : none) == (b.file ? *b.file : none);
    }
};

template <class Json>
void to_json(Json& j, const anet_result_video& v) {
    j = Json::object();
    j["id"] = v.id;
    Json results = Json::array();
    for (const anet_result& r : v.results) {
        Json e = Json::object();
        if (r.label) e["label"] = *r.label;
        e["score"] = r.score;
        if (r.segment) e["segment"] = Json::array({(*r.segment)[0], (*r.segment)[1]});
        results.push_back(std::move(e));
    }
    j["results"] = std::move(results);
}

namespace detail {

// Python's json.dumps of any value (the file's other members are written back as they were read).
template <class Json>
void append_python_json_value(std::string& out, const Json& v) {
    if (v.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = v.cbegin(); it != v.cend(); ++it) {
            if (!first) out += ", ";
            first = false;
            append_python_json_string(out, it.key());
            out += ": ";
            append_python_json_value(out, it.value());
        }
        out += '}';
    } else if (v.is_array()) {
        out += '[';
        bool first = true;
        for (const auto& e : v) {
            if (!first) out += ", ";
            first = false;
            append_python_json_value(out, e);
        }
        out += ']';
    } else if (v.is_string()) {
        append_python_json_string(out, v.template get_ref<const typename Json::string_t&>());
    } else if (v.is_number_float()) {
        append_python_json_float(out, v.template get<double>());
    } else {
        out += v.dump();  // integers, true, false, null
    }
}

// A json_scanner handler that keeps the root members other than "results" (which results_reader reads) as
// values, building them from the scanner's events; "results" is skipped.
class results_file_members {
public:
    anet_results_info take() { return std::move(info_); }

    void start_object() { open(nlohmann::ordered_json::object()); }
    void start_array() { open(nlohmann::ordered_json::array()); }
    void end_object() { close(); }
    void end_array() { close(); }

    void key(std::string_view k) {
        if (skip_depth_ > 0) return;
        if (stack_.empty()) {  // a member of the root
            if (k == "results") {
                if (!seen_results_) info_.results_at = info_.members.size();
                seen_results_ = true;
                skip_next_ = true;
            } else {
                key_ = k;
            }
        } else {
            key_ = k;
        }
    }

    void string(std::string_view s) { place(nlohmann::ordered_json(std::string(s))); }
    void literal(std::string_view word) {
        place(word == "true" ? nlohmann::ordered_json(true) : word == "false" ? nlohmann::ordered_json(false) : nlohmann::ordered_json());
    }
    void number(double v, std::string_view token) {
        std::int64_t i = 0;
        const bool integral = token.find_first_of(".eE") == std::string_view::npos &&
                              std::from_chars(token.data(), token.data() + token.size(), i).ec == std::errc{};
        place(integral ? nlohmann::ordered_json(i) : nlohmann::ordered_json(v));
    }

private:
    // The value of a root member, or of an element or member nested in one.
    nlohmann::ordered_json* slot() {
        if (stack_.empty()) return &info_.members[key_];
        nlohmann::ordered_json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(nullptr);
            return &parent.back();
        }
        return &parent[key_];
    }

    void place(nlohmann::ordered_json v) {
        if (skip_depth_ > 0 || !started_) return;
        if (skip_next_) {
            skip_next_ = false;
            return;
        }
        *slot() = std::move(v);
    }

    void open(nlohmann::ordered_json empty) {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return;
        }
        if (!started_) {  // the root object itself
            started_ = true;
            return;
        }
        if (skip_next_) {
            skip_next_ = false;
            skip_depth_ = 1;
            return;
        }
        nlohmann::ordered_json* s = slot();
        *s = std::move(empty);
        stack_.push_back(s);
    }

    void close() {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return;
        }
        if (!stack_.empty()) stack_.pop_back();
    }

    anet_results_info info_;
    std::vector<nlohmann::ordered_json*> stack_;
    std::string key_;
    std::size_t skip_depth_ = 0;
    bool skip_next_ = false;
    bool seen_results_ = false;
    bool started_ = false;
};

}  // namespace detail

/// ActivityNet's results json (what the official evaluation scripts read and MMAction2's dump_results writes):
///   {"version": "VERSION 1.3",
///    "results": {"wONwHYy59Tc": [{"score": 1.0, "segment": [94.52, 130.49], "label": "Blow-drying hair"}]},
///    "external_data": {"used": false, "details": "..."}}
/// Entries may lack "label" (proposals) or "segment" (classification submissions). One record per video of
/// "results", in file order. The results are read by the metrics' own one-pass reader
/// (activitynet_inputs.hpp: strict JSON, several hundred MB/s); the other root members are kept as values.
///
/// Reading: "results" is required; segment bounds are numbers or numeric strings, finite, start <= end; a
/// score is a number; a repeated video keeps its first position and its last list (as Python's json);
/// entry members other than label, score and segment are skipped. Errors name the JSON pointer:
///   results.json at /results/abc/3/score: expected a number, got '"0.5"'
/// Writing: as Python's json.dump with default settings, the other members around "results" where they
/// were; an entry's members in the official order (score, segment, label). Records without `file` get
/// MMAction2's frame: {"version": "VERSION 1.3", "results": ..., "external_data": {}}.
struct anet_results_json : text_format<anet_results_json> {
    using record_type = anet_result_video;
    static constexpr std::string_view name = "anet_results_json";

    [[nodiscard]] static std::vector<anet_result_video> parse(std::string_view text, std::string_view source) {
        vidata::detail::results_reader reader{std::string(source), false};
        vidata::detail::json_scanner(text, source).run(reader);
        const temporal_results results = reader.take();
        detail::results_file_members members;
        vidata::detail::json_scanner(text, source).run(members);
        const auto info = std::make_shared<const anet_results_info>(members.take());

        std::vector<anet_result_video> out;
        out.reserve(results.videos.size());
        for (const video_results& v : results.videos) {
            anet_result_video r{v.id, {}, info};
            r.results.reserve(v.segments.size());
            for (const scored_segment& s : v.segments) {
                anet_result e;
                if (s.label >= 0) e.label = results.labels[static_cast<std::size_t>(s.label)];
                e.score = s.score;
                if (!std::isnan(s.start)) e.segment = std::array<double, 2>{s.start, s.end};
                r.results.push_back(std::move(e));
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const anet_result_video> records) {
        anet_results_info fallback;
        fallback.members["version"] = "VERSION 1.3";
        fallback.members["external_data"] = nlohmann::ordered_json::object();
        fallback.results_at = 1;
        const anet_results_info& info = !records.empty() && records.front().file ? *records.front().file : fallback;

        std::string text = "{";
        std::size_t index = 0;
        auto member = [&](const std::string& key, const nlohmann::ordered_json& value) {
            if (text.size() > 1) text += ", ";
            detail::append_python_json_string(text, key);
            text += ": ";
            detail::append_python_json_value(text, value);
        };
        auto results = [&] {
            if (text.size() > 1) text += ", ";
            text += "\"results\": {";
            bool first_video = true;
            for (const anet_result_video& v : records) {
                if (!first_video) text += ", ";
                first_video = false;
                detail::append_python_json_string(text, v.id);
                text += ": [";
                bool first = true;
                for (const anet_result& r : v.results) {
                    if (!first) text += ", ";
                    first = false;
                    text += "{\"score\": ";
                    detail::append_python_json_float(text, r.score);
                    if (r.segment) {
                        text += ", \"segment\": [";
                        detail::append_python_json_float(text, (*r.segment)[0]);
                        text += ", ";
                        detail::append_python_json_float(text, (*r.segment)[1]);
                        text += ']';
                    }
                    if (r.label) {
                        text += ", \"label\": ";
                        detail::append_python_json_string(text, *r.label);
                    }
                    text += '}';
                }
                text += ']';
            }
            text += '}';
        };
        for (auto it = info.members.begin(); it != info.members.end(); ++it, ++index) {
            if (index == info.results_at) results();
            member(it.key(), it.value());
        }
        if (info.results_at >= info.members.size()) results();
        text += '}';
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// A JSON object whose first member is "results", or "version" followed by "results" (not "taxonomy" or
    /// "database", which mark the annotation json).
    [[nodiscard]] static bool detect(const std::filesystem::path&, std::string_view head) {
        std::size_t i = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        auto skip_space = [&] {
            while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
        };
        skip_space();
        if (i >= head.size() || head[i] != '{') return false;
        ++i;
        skip_space();
        const std::string_view rest = head.substr(i);
        if (rest.starts_with("\"results\"")) return true;
        return rest.starts_with("\"version\"") && head.find("\"results\"") != std::string_view::npos &&
               head.find("\"database\"") == std::string_view::npos && head.find("\"taxonomy\"") == std::string_view::npos;
    }
};

}  // namespace vidata::formats
