// SPDX-License-Identifier: Apache-2.0
// Generated ActivityNet-like cases for the temporal metric tests, and the bridge to tests/python/anet_reference.py.
#pragma once

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace vidata::test {

/// What a generated case looks like.
struct temporal_case_shape {
    int videos = 20;            ///< ground-truth videos
    int max_segments = 4;       ///< ground-truth segments per video (1..max)
    int min_results = 0;        ///< results per video (min..max)
    int max_results = 30;
    int labels = 3;             ///< distinct labels
    bool official_form = true;  ///< {"database": ...} with subsets, else MMAction2's {"v_<id>": ...}
    int other_subset = 3;       ///< official form: videos of another subset (never evaluated)
    int extra_videos = 2;       ///< results for videos absent from the ground truth
    double missing = 0.0;       ///< chance that a ground-truth video has no results entry
    bool labelled = true;       ///< results carry labels (detection) or not (proposals)
    bool zero_length = false;   ///< allow zero-length segments
};

/// A case as the two JSON files, written in document order.
struct temporal_case {
    nlohmann::ordered_json gt;
    nlohmann::ordered_json results;
};

namespace detail {

inline int draw(std::mt19937_64& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
inline bool coin(std::mt19937_64& rng, double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p; }

// A segment: half the time on a half-second grid (so that tIoUs land exactly on thresholds such as 0.5, 0.6
// or 0.75), else arbitrary doubles.
inline nlohmann::ordered_json segment(std::mt19937_64& rng, bool zero_length) {
    if (coin(rng, 0.5)) {
        const double start = draw(rng, 0, 40) * 0.5;
        const double length = draw(rng, zero_length ? 0 : 1, 20) * 0.5;
        return {start, start + length};
    }
    std::uniform_real_distribution<double> u(0.0, 30.0);
    const double start = u(rng);
    const double length = zero_length && coin(rng, 0.05) ? 0.0 : u(rng) / 3.0 + 1e-3;
    return {start, start + length};
}

// Scores from a handful of values, so that ties are everywhere; now and then an arbitrary double.
inline double score(std::mt19937_64& rng) {
    if (coin(rng, 0.2)) return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    return draw(rng, 1, 5) / 5.0;
}

}  // namespace detail

/// A random case: ground truth in the chosen form and a results file whose entries are near-copies of the
/// ground truth, arbitrary segments and exact duplicates, with tied scores.
[[nodiscard]] inline temporal_case random_temporal_case(std::mt19937_64& rng, const temporal_case_shape& shape) {
    temporal_case c;
    nlohmann::ordered_json videos = nlohmann::ordered_json::object();
    nlohmann::ordered_json results = nlohmann::ordered_json::object();
    auto label = [&](int i) { return "action " + std::to_string(i); };
    auto add_results = [&](const std::string& id, const nlohmann::ordered_json& gt_segments) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        const int n = detail::draw(rng, shape.min_results, shape.max_results);
        for (int i = 0; i < n; ++i) {
            nlohmann::ordered_json entry;
            if (!gt_segments.empty() && detail::coin(rng, 0.4)) {
                // Near a ground-truth segment, on the grid.
                const auto& g = gt_segments[static_cast<std::size_t>(detail::draw(rng, 0, static_cast<int>(gt_segments.size()) - 1))];
                const double s = g["segment"][0].get<double>() + detail::draw(rng, -2, 2) * 0.5;
                const double e = std::max(s + (shape.zero_length ? 0.0 : 0.5), g["segment"][1].get<double>() + detail::draw(rng, -2, 2) * 0.5);
                entry["segment"] = {s, e};
                entry["label"] = detail::coin(rng, 0.7) ? g["label"] : nlohmann::ordered_json(label(detail::draw(rng, 0, shape.labels - 1)));
            } else if (!list.empty() && detail::coin(rng, 0.1)) {
                entry = list[list.size() - 1];  // a duplicate of the previous result
                list.push_back(entry);
                continue;
            } else {
                entry["segment"] = detail::segment(rng, shape.zero_length);
                entry["label"] = label(detail::draw(rng, 0, shape.labels - 1));
            }
            entry["score"] = detail::score(rng);
            if (!shape.labelled) entry.erase("label");
            list.push_back(entry);
        }
        results[id] = list;
    };
    for (int v = 0; v < shape.videos + (shape.official_form ? shape.other_subset : 0); ++v) {
        const std::string id = "vid" + std::to_string(v) + "_" + std::to_string(rng() % 1000);
        const bool evaluated = v < shape.videos;
        nlohmann::ordered_json annotations = nlohmann::ordered_json::array();
        const int n = detail::draw(rng, 1, shape.max_segments);
        for (int i = 0; i < n; ++i) {
            if (!annotations.empty() && detail::coin(rng, 0.05)) {
                annotations.push_back(annotations.back());  // a duplicated ground-truth segment
                continue;
            }
            annotations.push_back({{"segment", detail::segment(rng, shape.zero_length)},
                                   {"label", label(detail::draw(rng, 0, shape.labels - 1))}});
        }
        if (shape.official_form) {
            videos[id] = {{"subset", evaluated ? "validation" : "training"}, {"duration", 40.0}, {"annotations", annotations}};
        } else {
            videos["v_" + id] = {{"duration_second", 40.0}, {"duration_frame", 1200}, {"annotations", annotations},
                                 {"feature_frame", 1200}};
        }
        if (!detail::coin(rng, shape.missing)) add_results(id, annotations);
    }
    for (int v = 0; v < shape.extra_videos; ++v) add_results("extra" + std::to_string(v), nlohmann::ordered_json::array());
    if (shape.official_form) c.gt = {{"version", "VERSION 1.3"}, {"taxonomy", nlohmann::ordered_json::array()}, {"database", videos}};
    else c.gt = videos;
    c.results = {{"version", "VERSION 1.3"}, {"results", results}, {"external_data", nlohmann::ordered_json::object()}};
    return c;
}

/// Writes gt.json, results.json and options.json into `dir` and runs anet_reference.py COMMAND on them.
[[nodiscard]] inline nlohmann::json anet_reference(const std::string& command, const temp_dir& dir,
                                                   const nlohmann::ordered_json& gt, const nlohmann::ordered_json& results,
                                                   const nlohmann::json& options) {
    write_file(dir / "gt.json", gt.dump());
    write_file(dir / "results.json", results.dump());
    write_file(dir / "options.json", options.dump());
    const auto r = run_python("anet_reference.py", command + " " + shell_quote(dir.path().string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.output);
}

/// A JSON number or null (NaN) as a double.
[[nodiscard]] inline double json_number(const nlohmann::json& v) {
    return v.is_null() ? std::nan("") : v.get<double>();
}

}  // namespace vidata::test
