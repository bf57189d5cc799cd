// SPDX-License-Identifier: Apache-2.0
// Generated JHMDB-like cases for the tube metric tests, and the bridge to the numpy reference (tests/python/tube_reference.py).
#pragma once

#include "support.hpp"

#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/metrics/frame_map.hpp>
#include <vidata/metrics/video_map.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace vidata::test {

struct tube_case {
    vidata::tube_ground_truth gt;  // split 0 is the evaluated one
    std::vector<vidata::frame_detection> frame_detections;
    std::vector<vidata::tube_detection> tube_detections;
};

/// ACT's definitions with numpy's tie order, and MultiSports' with numpy's tie order.
struct act_numpy_ties : vidata::act_tube_policy {
    static constexpr vidata::detection_ties ties = vidata::detection_ties::numpy_quicksort;
};
struct multisports_numpy_ties : vidata::multisports_tube_policy {
    static constexpr vidata::detection_ties ties = vidata::detection_ties::numpy_quicksort;
};

/// A tube holding one box from frame `first` to frame `last`, both included.
inline vidata::tube span_tube(int first, int last, vidata::box b = {0, 0, 9, 9}) {
    vidata::tube t(last - first + 1, 5);
    for (int f = first; f <= last; ++f) t.row(f - first) << f, b.x1, b.y1, b.x2, b.y2;
    return t;
}

namespace detail {

inline int uniform_int(std::mt19937_64& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
inline bool chance(std::mt19937_64& rng, double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p; }

// Scores from ten values, so that ties are common; a few NaN.
inline double tied_score(std::mt19937_64& rng) {
    if (chance(rng, 0.02)) return std::numeric_limits<double>::quiet_NaN();
    return uniform_int(rng, 1, 10) / 10.0;
}

// Half-pixel coordinates: IoUs meet thresholds exactly now and then, and zero-area or inverted boxes occur.
inline vidata::box jitter(std::mt19937_64& rng, const vidata::box& b, int amount, bool degenerate = true) {
    auto d = [&] { return uniform_int(rng, -amount, amount) * 0.5; };
    vidata::box out{b.x1 + d(), b.y1 + d(), b.x2 + d(), b.y2 + d()};
    if (!degenerate) {
        out.x2 = std::max(out.x2, out.x1 + 1.0);
        out.y2 = std::max(out.y2, out.y1 + 1.0);
        return out;
    }
    if (chance(rng, 0.03)) out.x2 = out.x1;  // zero width
    if (chance(rng, 0.01)) std::swap(out.y1, out.y2);  // inverted
    return out;
}

inline vidata::box random_box(std::mt19937_64& rng, int min_side = 0) {
    const double x = uniform_int(rng, 0, 60), y = uniform_int(rng, 0, 60);
    return {x, y, x + uniform_int(rng, min_side, 40), y + uniform_int(rng, min_side, 40)};
}

}  // namespace detail

/// A case with `videos` evaluated videos (one of them without tubes), one more video outside the split,
/// classes 0..2 with ground truth and class 3 without, duplicated ground-truth tubes now and then, and
/// detections of every kind: near-copies, wrong labels, other frames, videos outside the split, gaps.
/// With `degenerate_gt`, ground-truth boxes are now and then of zero area or inverted and tubes one frame
/// long (which nothing matches under the continuous extents); without, boxes have sides of at least 1
/// and tubes at least two frames.
inline tube_case random_tube_case(std::mt19937_64& rng, int videos = 4, bool degenerate_gt = true) {
    using detail::chance;
    using detail::uniform_int;
    tube_case c;
    c.gt.labels = {"brush_hair", "catch", "clap", "never_annotated"};
    std::vector<std::string> names;
    for (int v = 0; v < videos; ++v) names.push_back("cls/video_" + std::to_string(v));
    c.gt.test_videos = {names};
    c.gt.train_videos = {{"cls/train_only"}};
    names.push_back("cls/train_only");  // has tubes, but is not evaluated
    for (std::size_t v = 0; v < names.size(); ++v) {
        const int nframes = uniform_int(rng, 12, 30);
        c.gt.nframes[names[v]] = nframes;
        c.gt.resolution[names[v]] = {240, 320};
        if (v == 1) continue;  // an evaluated video without ground truth
        const int tubes = uniform_int(rng, 1, 3);
        for (int k = 0; k < tubes; ++k) {
            const int label = uniform_int(rng, 0, 2);
            const int first = uniform_int(rng, 1, nframes - 3);
            // Without degenerate ground truth, no one-frame tube either: its continuous length is 0, so
            // nothing matches it under frame_extent::continuous.
            const int last = uniform_int(rng, degenerate_gt ? first : first + 1, nframes);
            vidata::tube t(last - first + 1, 5);
            vidata::box b = detail::random_box(rng, degenerate_gt ? 0 : 1);
            for (int f = first; f <= last; ++f) {
                if (chance(rng, 0.3)) b = detail::jitter(rng, b, 2, degenerate_gt);
                t.row(f - first) << f, b.x1, b.y1, b.x2, b.y2;
            }
            auto& list = c.gt.gttubes[names[v]][label];
            list.push_back(t);
            if (chance(rng, 0.15)) list.push_back(t);  // a duplicate: IoU ties between ground truths
        }
    }
    const auto evaluated = static_cast<std::int64_t>(videos);

    // Frame detections: near-copies of ground-truth boxes, then clutter.
    for (std::int64_t v = 0; v < evaluated; ++v) {
        const auto found = c.gt.gttubes.find(c.gt.test_videos[0][static_cast<std::size_t>(v)]);
        if (found == c.gt.gttubes.end()) continue;
        for (const auto& [label, tubes] : found->second)
            for (const auto& t : tubes)
                for (Eigen::Index i = 0; i < t.rows(); ++i) {
                    const int copies = chance(rng, 0.6) ? uniform_int(rng, 1, 2) : 0;
                    for (int k = 0; k < copies; ++k) {
                        vidata::frame_detection d;
                        d.video = v;
                        d.frame = static_cast<std::int64_t>(t(i, 0)) + (chance(rng, 0.05) ? 1 : 0);
                        d.label = chance(rng, 0.85) ? label : uniform_int(rng, 0, 3);
                        d.score = detail::tied_score(rng);
                        d.box = detail::jitter(rng, {t(i, 1), t(i, 2), t(i, 3), t(i, 4)}, chance(rng, 0.5) ? 0 : 6);
                        c.frame_detections.push_back(d);
                    }
                }
    }
    const int clutter = uniform_int(rng, 10, 40);
    for (int k = 0; k < clutter; ++k) {
        vidata::frame_detection d;
        d.video = uniform_int(rng, 0, videos);  // `videos` itself: a video outside the split
        d.frame = uniform_int(rng, 1, 30);
        d.label = uniform_int(rng, 0, 3);
        d.score = detail::tied_score(rng);
        d.box = detail::random_box(rng);
        c.frame_detections.push_back(d);
    }

    // Detected tubes: shifted, truncated, jittered copies, some with a gap; then tubes anywhere.
    for (std::int64_t v = 0; v < evaluated; ++v) {
        const auto found = c.gt.gttubes.find(c.gt.test_videos[0][static_cast<std::size_t>(v)]);
        if (found == c.gt.gttubes.end()) continue;
        for (const auto& [label, tubes] : found->second)
            for (const auto& t : tubes) {
                const int copies = chance(rng, 0.75) ? uniform_int(rng, 1, 2) : 0;
                for (int k = 0; k < copies; ++k) {
                    const int shift = chance(rng, 0.5) ? 0 : uniform_int(rng, -3, 3);
                    const auto n = t.rows();
                    const Eigen::Index begin = chance(rng, 0.3) ? uniform_int(rng, 0, static_cast<int>(n - 1)) : 0;
                    const Eigen::Index end = chance(rng, 0.3) ? uniform_int(rng, static_cast<int>(begin), static_cast<int>(n - 1)) : n - 1;
                    const Eigen::Index gap = (end - begin >= 2 && chance(rng, 0.2)) ? begin + 1 : -1;
                    vidata::tube_detection d;
                    d.video = v;
                    d.label = chance(rng, 0.85) ? label : uniform_int(rng, 0, 3);
                    d.score = detail::tied_score(rng);
                    d.boxes.resize(end - begin + 1 - (gap >= 0 ? 1 : 0), 5);
                    const int amount = chance(rng, 0.4) ? 0 : 4;
                    Eigen::Index row = 0;
                    for (Eigen::Index i = begin; i <= end; ++i) {
                        if (i == gap) continue;
                        const vidata::box b = detail::jitter(rng, {t(i, 1), t(i, 2), t(i, 3), t(i, 4)}, amount);
                        d.boxes.row(row++) << t(i, 0) + shift, b.x1, b.y1, b.x2, b.y2;
                    }
                    c.tube_detections.push_back(std::move(d));
                }
            }
    }
    const int random_tubes = uniform_int(rng, 3, 10);
    for (int k = 0; k < random_tubes; ++k) {
        vidata::tube_detection d;
        d.video = uniform_int(rng, 0, videos);
        d.label = uniform_int(rng, 0, 3);
        d.score = detail::tied_score(rng);
        const int first = uniform_int(rng, 1, 40);
        const int length = uniform_int(rng, 1, 15);
        d.boxes.resize(length, 5);
        vidata::box b = detail::random_box(rng);
        for (int i = 0; i < length; ++i) d.boxes.row(i) << first + i, b.x1, b.y1, b.x2, b.y2;
        c.tube_detections.push_back(std::move(d));
    }
    return c;
}

inline nlohmann::json tube_rows_json(const vidata::tube& t) {
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < t.rows(); ++i) rows.push_back({t(i, 0), t(i, 1), t(i, 2), t(i, 3), t(i, 4)});
    return rows;
}

/// The case as tube_reference.py reads it (NaN scores become null, which it reads back as NaN).
inline nlohmann::json tube_case_json(const tube_case& c, const std::string& policy, const std::string& ties, double frame_threshold,
                                     const std::vector<double>& video_thresholds) {
    nlohmann::json j;
    j["policy"] = policy;
    j["ties"] = ties;
    j["labels"] = c.gt.labels;
    j["videos"] = c.gt.test_videos[0];
    nlohmann::json gttubes = nlohmann::json::object();
    for (const auto& [video, per_label] : c.gt.gttubes)
        for (const auto& [label, tubes] : per_label)
            for (const auto& t : tubes) gttubes[video][std::to_string(label)].push_back(tube_rows_json(t));
    j["gttubes"] = gttubes;
    j["frame_threshold"] = frame_threshold;
    j["frame_dets"] = nlohmann::json::array();
    for (const auto& d : c.frame_detections)
        j["frame_dets"].push_back({d.video, d.frame, d.label, d.score, d.box.x1, d.box.y1, d.box.x2, d.box.y2});
    j["video_thresholds"] = video_thresholds;
    j["tube_dets"] = nlohmann::json::array();
    for (const auto& d : c.tube_detections)
        j["tube_dets"].push_back({{"video", d.video}, {"label", d.label}, {"score", d.score}, {"boxes", tube_rows_json(d.boxes)}});
    return j;
}

/// Runs tube_reference.py on `j` and returns its "name value" lines.
inline std::map<std::string, double> tube_reference(const nlohmann::json& j) {
    temp_dir dir;
    write_file(dir / "case.json", j.dump());
    const auto r = run_python("tube_reference.py", shell_quote((dir / "case.json").string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    std::map<std::string, double> out;
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line)) {
        const auto space = line.rfind(' ');
        REQUIRE(space != std::string::npos);
        out[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
    }
    return out;
}

/// An optional AP against the reference's number (NaN for "no ground truth"), to 1e-9 relative.
inline bool same_ap(const std::optional<double>& ours, double reference) {
    if (!ours) return std::isnan(reference);
    return !std::isnan(reference) && std::abs(*ours - reference) <= 1e-9 * std::max(1.0, std::abs(reference));
}

/// Ground-truth tubes copied as detections, score 1, one per tube: the perfect answer.
inline std::vector<vidata::tube_detection> perfect_tubes(const vidata::tube_ground_truth& gt, std::size_t split = 0) {
    std::vector<vidata::tube_detection> out;
    const auto& videos = gt.test_videos[split];
    for (std::size_t v = 0; v < videos.size(); ++v) {
        const auto found = gt.gttubes.find(videos[v]);
        if (found == gt.gttubes.end()) continue;
        for (const auto& [label, tubes] : found->second)
            for (const auto& t : tubes) out.push_back({static_cast<std::int64_t>(v), label, 1.0, t});
    }
    return out;
}

/// The ground truth without repeated tubes (random_tube_case repeats some): under gt_matching::best_overall
/// a detection always faces the first of two identical tubes, so the second can never be claimed.
inline vidata::tube_ground_truth without_repeated_tubes(vidata::tube_ground_truth gt) {
    for (auto& [video, per_label] : gt.gttubes)
        for (auto& [label, tubes] : per_label) {
            std::vector<vidata::tube> kept;
            for (const auto& t : tubes) {
                const bool seen = std::any_of(kept.begin(), kept.end(), [&](const vidata::tube& k) {
                    return k.rows() == t.rows() && (k.array() == t.array()).all();
                });
                if (!seen) kept.push_back(t);
            }
            tubes = std::move(kept);
        }
    return gt;
}

/// Every ground-truth box as a frame detection, score 1.
inline std::vector<vidata::frame_detection> perfect_frames(const vidata::tube_ground_truth& gt, std::size_t split = 0) {
    std::vector<vidata::frame_detection> out;
    for (const auto& d : perfect_tubes(gt, split))
        for (Eigen::Index i = 0; i < d.boxes.rows(); ++i)
            out.push_back({d.video, static_cast<std::int64_t>(d.boxes(i, 0)), d.label, 1.0,
                           {d.boxes(i, 1), d.boxes(i, 2), d.boxes(i, 3), d.boxes(i, 4)}});
    return out;
}

}  // namespace vidata::test
