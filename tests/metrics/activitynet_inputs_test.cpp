// SPDX-License-Identifier: Apache-2.0
// Readers of ActivityNet ground truth (both forms) and results JSON: the real files, Python's dict semantics, errors.
#include "support.hpp"

#include <vidata/core/error.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

std::string parse_error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::parse_temporal_results(text, "pred.json"); });
}

std::string gt_error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::parse_activitynet_ground_truth(text, "gt.json"); });
}

}  // namespace

TEST_CASE("activitynet ground truth: the official form, THUMOS'14 as G-TAD ships it", "[metrics][activitynet_inputs][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // thumos_gt.first30.json (read with Python's json): 30 videos, 29 in subset "test" with 488 segments written as
    // strings ("18.6"), 17 labels; the first video video_test_0000896 has 7 HighJump segments, the first [18.6, 24.8].
    const auto gt = vidata::read_activitynet_ground_truth(*dir / "thumos14_gtad/thumos_gt.first30.json", {"test"});
    CHECK(gt.form == vidata::activitynet_form::official);
    REQUIRE(gt.videos.size() == 29);
    CHECK(gt.other_subsets == 1);
    std::size_t segments = 0;
    for (const auto& v : gt.videos) segments += v.annotations.size();
    CHECK(segments == 488);
    REQUIRE(gt.labels.size() == 17);
    CHECK(gt.labels[0] == "HighJump");
    CHECK(gt.labels[1] == "CricketBowling");
    CHECK(gt.labels[16] == "CleanAndJerk");
    const auto& first = gt.videos[0];
    CHECK(first.id == "video_test_0000896");
    REQUIRE(first.annotations.size() == 7);
    CHECK(first.annotations[0].start == 18.6);
    CHECK(first.annotations[0].end == 24.8);
    CHECK(first.annotations[0].label == "HighJump");
    CHECK(first.annotations[0].label_id == 0);
    // The default subset, "validation", selects none of them.
    const auto validation = vidata::read_activitynet_ground_truth(*dir / "thumos14_gtad/thumos_gt.first30.json");
    CHECK(validation.videos.empty());
    CHECK(validation.other_subsets == 30);
}

TEST_CASE("activitynet ground truth: MMAction2's form, ids without their first two characters", "[metrics][activitynet_inputs][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // mmaction2 tests/data/annotations/action_test_anno.json.
    const auto a = vidata::read_activitynet_ground_truth(*dir / "mmaction2/annotations/action_test_anno.json");
    CHECK(a.form == vidata::activitynet_form::mmaction2);
    REQUIRE(a.videos.size() == 2);
    CHECK(a.videos[0].id == "test1");
    CHECK(a.videos[0].duration_second == 1.0);
    CHECK(a.videos[0].duration_frame == 30);
    CHECK(a.videos[0].feature_frame == 30);
    CHECK(a.videos[0].fps == 30.0);
    REQUIRE(a.videos[0].annotations.size() == 1);
    CHECK(a.videos[0].annotations[0] == vidata::segment{0.3, 0.6, "Rock climbing", 0});
    CHECK(a.videos[1].id == "test2");
    CHECK(a.videos[1].annotations[0] == vidata::segment{1.0, 2.0, "Drinking beer", 1});
    CHECK(a.labels == std::vector<std::string>{"Rock climbing", "Drinking beer"});

    // BSN's anet_anno_action excerpt (read with Python's json): 500 videos in file order (not sorted); the first,
    // v_QOlSCBRmfWY, is {"duration_second": 82.730000000000004, "duration_frame": 2067, "feature_frame": 2064} with
    // Ballet [6.195294851794072, 77.73085420904837]; the last, v_KovhYgNTBI0, has 16.742 s, 499 and 496 frames
    // and no annotation (a test-subset video).
    const auto bsn = vidata::read_activitynet_ground_truth(*dir / "bsn/data/activitynet_annotations/anet_anno_action.first500.json");
    REQUIRE(bsn.videos.size() == 500);
    const auto& first = bsn.videos.front();
    CHECK(first.id == "QOlSCBRmfWY");
    CHECK(first.duration_second == 82.73);
    CHECK(first.duration_frame == 2067);
    CHECK(first.feature_frame == 2064);
    REQUIRE(first.annotations.size() == 1);
    CHECK(first.annotations[0].start == 6.195294851794072);
    CHECK(first.annotations[0].end == 77.73085420904837);
    CHECK(first.annotations[0].label == "Ballet");
    CHECK(bsn.videos[1].id == "ehGHCYKzyZ8");
    const auto& last = bsn.videos.back();
    CHECK(last.id == "KovhYgNTBI0");
    CHECK(last.duration_second == 16.742);
    CHECK(last.duration_frame == 499);
    CHECK(last.feature_frame == 496);
    CHECK(last.annotations.empty());

    // MMAction2's eval_localization/gt.json: its form with the official fields ("duration", "subset"), which it ignores.
    const auto loc = vidata::read_activitynet_ground_truth(*dir / "mmaction2/eval_localization/gt.json", {"testing"});
    CHECK(loc.form == vidata::activitynet_form::mmaction2);
    REQUIRE(loc.videos.size() == 2);
    CHECK(loc.videos[0].id == "bYUmtLBL7W4");
    CHECK(loc.videos[0].annotations.size() == 3);
    CHECK(loc.videos[1].annotations[0].end == 76.161);
}

TEST_CASE("activitynet ground truth: file order, subsets, Python's dict semantics", "[metrics][activitynet_inputs]") {
    const std::string official = R"({"version": "1.3", "taxonomy": [{"nodeName": "x"}],
        "database": {
          "zeta": {"subset": "validation", "duration": 12.5, "annotations": [{"segment": [1, 2], "label": "b"}, {"segment": ["3", " 4.5 "], "label": "a"}]},
          "alpha": {"subset": "training", "annotations": "never read: another subset"},
          "mid": {"subset": "validation", "annotations": []},
          "zeta": {"subset": "validation", "annotations": [{"segment": [5, 6], "label": "a"}]}
        }})";
    const auto gt = vidata::parse_activitynet_ground_truth(official, "gt.json");
    REQUIRE(gt.videos.size() == 2);
    // A repeated key keeps its first position and its last value, as Python's json.
    CHECK(gt.videos[0].id == "zeta");
    REQUIRE(gt.videos[0].annotations.size() == 1);
    CHECK(gt.videos[0].annotations[0] == vidata::segment{5, 6, "a", 0});
    CHECK(gt.videos[0].duration_second == 0.0);
    CHECK(gt.videos[1].id == "mid");  // kept, without segments
    CHECK(gt.other_subsets == 1);
    const auto training = vidata::parse_activitynet_ground_truth(R"({"database": {"a": {"subset": "training", "annotations": [
        {"segment": [0, 1], "label": "y"}, {"segment": [1, 2], "label": "x"}, {"segment": [2, 3], "label": "y"}]}}})");
    CHECK(training.videos.empty());
    const auto t2 = vidata::parse_activitynet_ground_truth(R"({"database": {"a": {"subset": "training", "annotations": [
        {"segment": [0, 1], "label": "y"}, {"segment": [1, 2], "label": "x"}, {"segment": [2, 3], "label": "y"}]}}})",
                                                           "", {"training"});
    CHECK(t2.labels == std::vector<std::string>{"y", "x"});
    CHECK(t2.videos[0].annotations[2].label_id == 0);
    // Numeric strings as Python's float() reads them.
    const auto strings = vidata::parse_activitynet_ground_truth(
        R"({"database": {"a": {"subset": "validation", "annotations": [{"segment": [" +1.5", "2e1"], "label": "x"}]}}})");
    CHECK(strings.videos[0].annotations[0].start == 1.5);
    CHECK(strings.videos[0].annotations[0].end == 20.0);
}

TEST_CASE("activitynet ground truth: malformed input names the place", "[metrics][activitynet_inputs]") {
    CHECK_THAT(gt_error_of("[1, 2]"), Catch::Contains("gt.json at /: expected an object"));
    CHECK_THAT(gt_error_of(R"({"database": {"a": {"annotations": []}}})"),
               Catch::Contains("gt.json at /database/a: expected an object with a member 'subset'"));
    CHECK_THAT(gt_error_of(R"({"database": {"a": {"subset": "validation", "annotations": [{"segment": [5, "x"], "label": "l"}]}}})"),
               Catch::Contains("at /database/a/annotations/0/segment: expected a segment [start, end]"));
    CHECK_THAT(gt_error_of(R"({"database": {"a": {"subset": "validation", "annotations": [{"segment": [5, 1], "label": "l"}]}}})"),
               Catch::Contains("start <= end, got '[5,1]'"));
    CHECK_THAT(gt_error_of(R"({"database": {"a": {"subset": "validation", "annotations": [{"segment": [1, 5]}]}}})"),
               Catch::Contains("at /database/a/annotations/0: expected an object with a member 'label'"));
    CHECK_THAT(gt_error_of(R"({"database": []})"), Catch::Contains("at /database: expected an object"));
    CHECK_THAT(gt_error_of(R"({"v_ab": {"annotations": []}, "x_ab": {"annotations": []}})"),
               Catch::Contains("'v_ab' and 'x_ab' both name video 'ab'"));
    CHECK_THAT(gt_error_of(R"({"v_a": 5})"), Catch::Contains("at /v_a: expected a video"));
    CHECK_THAT(gt_error_of(R"({"v_a": {"annotations": [}})"), Catch::Contains("gt.json:1:"));
}

namespace activitynet_ground_truth_paths {

using vidata::activitynet_ground_truth;

// A json_scanner handler that takes every event and keeps nothing.
struct ignore_events {
    void start_object() {}
    void end_object() {}
    void start_array() {}
    void end_array() {}
    void key(std::string_view) {}
    void string(std::string_view) {}
    void number(double, std::string_view) {}
    void literal(std::string_view) {}
};

// Both paths' results, field by field (label ids included).
void require_same(const activitynet_ground_truth& a, const activitynet_ground_truth& b) {
    CHECK(a.form == b.form);
    CHECK(a.other_subsets == b.other_subsets);
    CHECK(a.subsets == b.subsets);
    CHECK(a.labels == b.labels);
    REQUIRE(a.videos.size() == b.videos.size());
    for (std::size_t i = 0; i < a.videos.size(); ++i) {
        INFO("video " << i << " '" << a.videos[i].id << "'");
        CHECK(a.videos[i] == b.videos[i]);
        // == compares doubles by value: -0.0 == 0.0, so check signs where they could differ.
        for (std::size_t k = 0; k < std::min(a.videos[i].annotations.size(), b.videos[i].annotations.size()); ++k) {
            CHECK(std::signbit(a.videos[i].annotations[k].start) == std::signbit(b.videos[i].annotations[k].start));
            CHECK(std::signbit(a.videos[i].annotations[k].end) == std::signbit(b.videos[i].annotations[k].end));
        }
    }
}

// The outcome of a parse: its result, or the message of the parse_error it throws.
struct outcome {
    std::optional<activitynet_ground_truth> gt;
    std::string error;
};

template <class F>
outcome outcome_of(F&& parse) {
    try {
        return {parse(), {}};
    } catch (const vidata::parse_error& e) {
        return {std::nullopt, e.what()};
    }
}

// A ground-truth file in the canonical shape, with the variety real files show: members in any order (subset
// after annotations), unknown members holding nested values (some named like the known ones), bounds as
// integers, decimals, exponents, numeric strings and -0, escaped and non-ASCII labels, other root members.
std::string random_ground_truth(std::mt19937_64& rng, bool official) {
    auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    auto bound = [&](double v) -> std::string {
        switch (pick(6)) {
            case 0:
                if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
                [[fallthrough]];
            case 1: return "\"" + std::to_string(v) + "\"";  // bounds are multiples of 1/8: exact in 6 decimals
            case 2: return std::to_string(v / 100.0) + "e2";
            case 3: return v < 1.0 ? "-0" : std::to_string(v);
            default: {
                char text[32];
                std::snprintf(text, sizeof text, "%.17g", v);
                return text;
            }
        }
    };
    const char* const labels[] = {"Long jump", "Caf\\u00e9 \\\"latte\\\"", "Tai chi", "\xe4\xb8\xad\xe6\x96\x87", "Slacklining"};
    const char* const subsets[] = {"validation", "training", "testing"};
    const char* const junk[] = {R"("url": "https://www.youtube.com/watch?v=x")", R"("resolution": "1280x720")",
                                R"("extra": {"annotations": [1, 2], "segment": {"label": null}})", R"("tags": [[], {}, [true, false]])"};
    std::string out = pick(4) == 0 ? "\xEF\xBB\xBF" : "";
    out += "{";
    if (official) out += R"("version": "VERSION 1.3", "taxonomy": [{"nodeName": "Root", "parentId": null}], )";
    out += official ? R"("database": {)" : "";
    const int videos = pick(6);
    for (int v = 0; v < videos; ++v) {
        std::vector<std::string> members;
        std::string annotations = R"("annotations": [)";
        const int n = pick(4);
        for (int a = 0; a < n; ++a) {
            const double start = pick(3) == 0 ? 0.0 : pick(2000) / 8.0;
            const double end = start + pick(400) / 4.0;
            std::vector<std::string> fields = {"\"segment\": [" + bound(start) + ", " + bound(end) + "]",
                                               std::string("\"label\": \"") + labels[pick(5)] + "\""};
            if (pick(3) == 0) fields.push_back(junk[pick(4)]);
            std::shuffle(fields.begin(), fields.end(), rng);
            annotations += (a ? ", {" : "{");
            for (std::size_t f = 0; f < fields.size(); ++f) annotations += (f ? ", " : "") + fields[f];
            annotations += "}";
        }
        members.push_back(annotations + "]");
        if (official) {
            members.push_back(std::string("\"subset\": \"") + subsets[pick(3)] + "\"");
            if (pick(4)) members.push_back("\"duration\": " + bound(pick(3000) / 8.0));
        } else {
            if (pick(4)) members.push_back("\"duration_second\": " + bound(pick(3000) / 8.0));
            if (pick(3)) members.push_back("\"duration_frame\": " + std::to_string(pick(9000)));
            if (pick(3)) members.push_back(pick(2) ? "\"feature_frame\": 1e3" : "\"feature_frame\": " + std::to_string(pick(9000)));
            if (pick(3) == 0) members.push_back("\"fps\": " + bound(30.0));
        }
        if (pick(2)) members.push_back(junk[pick(4)]);
        std::shuffle(members.begin(), members.end(), rng);
        out += (v ? ", \"" : "\"") + std::string(official ? "" : "v_") + "vid" + std::to_string(v) + (pick(3) == 0 ? "\\u00e9" : "") + "\": {";
        for (std::size_t m = 0; m < members.size(); ++m) out += (m ? ",\n " : "") + members[m];
        out += "}";
    }
    out += official ? "}" : "";
    if (official && pick(2)) out += R"(, "external_data": {"used": false})";
    out += "}\n";
    return out;
}

}  // namespace activitynet_ground_truth_paths

TEST_CASE("activitynet ground truth: the one-pass scan reads canonical files as the document path does",
          "[metrics][activitynet_inputs]") {
    using namespace activitynet_ground_truth_paths;
    std::mt19937_64 rng(20261123);
    for (int round = 0; round < 400; ++round) {
        const bool official = round % 2 == 0;
        const std::string text = random_ground_truth(rng, official);
        for (const char* subset : {"validation", "training"}) {
            INFO(text << "\nsubset " << subset);
            REQUIRE(vidata::detail::scan_activitynet_ground_truth(text, "gt.json", subset).has_value());
            const auto fast = vidata::parse_activitynet_ground_truth(text, "gt.json", {subset});
            const auto document = vidata::detail::parse_activitynet_ground_truth_document(text, "gt.json", {subset});
            require_same(fast, document);
        }
    }
}

TEST_CASE("activitynet ground truth: the scan takes the real files, and reads them as the document path does",
          "[metrics][activitynet_inputs][fixtures]") {
    using namespace activitynet_ground_truth_paths;
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    for (const char* file : {"thumos14_gtad/thumos_gt.first30.json", "mmaction2/eval_localization/gt.json",
                             "mmaction2/annotations/action_test_anno.json", "bsn/data/activitynet_annotations/anet_anno_action.first500.json"}) {
        for (const char* subset : {"validation", "test", "testing"}) {
            INFO(file << " subset " << subset);
            const std::string text = vidata::test::read_file(*dir / file);
            REQUIRE(vidata::detail::scan_activitynet_ground_truth(text, file, subset).has_value());
            require_same(vidata::parse_activitynet_ground_truth(text, file, {subset}),
                         vidata::detail::parse_activitynet_ground_truth_document(text, file, {subset}));
        }
    }
}

TEST_CASE("activitynet ground truth: where Python's dict semantics or an error decide, the scan leaves it to the document",
          "[metrics][activitynet_inputs]") {
    using namespace activitynet_ground_truth_paths;
    const std::string seg = R"({"segment": [1, 2], "label": "a"})";
    const std::vector<std::string> cases = {
        // Repeated keys: Python keeps the first position and the last value.
        R"({"database": {"x": {"subset": "validation", "annotations": []}, "x": {"subset": "validation", "annotations": [)" + seg + "]}}}",
        R"({"database": {"x": {"subset": "validation", "annotations": [], "annotations": [)" + seg + "]}}}",
        R"({"database": {"x": {"subset": "training", "subset": "validation", "annotations": []}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [5, 6], "segment": [1, 2], "label": "a"}]}}})",
        R"({"database": {}, "database": {"x": {"subset": "validation", "annotations": []}}})",
        R"({"v_x": {"annotations": []}, "v_x": {"annotations": [)" + seg + "]}}",
        R"({"v_ab": {"annotations": []}, "w_ab": {"annotations": []}})",  // two keys, one id: an error
        R"({"v_x": {"duration_second": 1, "duration_second": 2, "annotations": []}})",
        // Counts beyond int64, which the document converts its own way.
        R"({"v_x": {"duration_frame": 9223372036854775808, "annotations": []}})",
        // Errors.
        R"({"database": {"x": {"subset": 3, "annotations": []}}})",
        R"({"database": {"x": {"annotations": []}}})",
        R"({"database": {"x": {"subset": "validation"}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": {}}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [3]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [2, 1], "label": "a"}]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [1, 2, 3], "label": "a"}]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [1, "2x"], "label": "a"}]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [1, 2]}]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [1, 2], "label": 7}]}}})",
        R"({"database": {"x": {"subset": "validation", "annotations": [{"segment": [1e999, 2], "label": "a"}]}}})",
        R"({"database": []})",
        R"({"database": {"x": []}})",
        R"({"version": "1.3"})",
        R"({"v_x": []})",
        R"({"v_x": {"duration_second": 3}})",
        R"([])",
        R"({"database": {"x": {"subset": "validation", "annotations": []},}})",
        "",
    };
    for (const std::string& text : cases) {
        INFO(text);
        CHECK_FALSE(vidata::detail::scan_activitynet_ground_truth(text, "gt.json", "validation").has_value());
        const outcome fast = outcome_of([&] { return vidata::parse_activitynet_ground_truth(text, "gt.json"); });
        const outcome document = outcome_of([&] { return vidata::detail::parse_activitynet_ground_truth_document(text, "gt.json", {}); });
        CHECK(fast.error == document.error);
        REQUIRE(fast.gt.has_value() == document.gt.has_value());
        if (fast.gt) require_same(*fast.gt, *document.gt);
    }
}

TEST_CASE("temporal results: the real files, in file order", "[metrics][activitynet_inputs][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    // MMAction2's eval_localization/result.json: bYUmtLBL7W4 with 10 results, hDPLy21Yyuk with 4.
    const auto loc = vidata::read_temporal_results(*dir / "mmaction2/eval_localization/result.json");
    REQUIRE(loc.videos.size() == 2);
    CHECK(loc.videos[0].id == "bYUmtLBL7W4");
    CHECK(loc.videos[0].segments.size() == 10);
    CHECK(loc.videos[0].segments[0] == vidata::scored_segment{0.0, 206.3465619982159, 0.6533445119857788, 0});
    CHECK(loc.videos[1].id == "hDPLy21Yyuk");
    CHECK(loc.videos[1].segments.size() == 4);
    CHECK(loc.labels == std::vector<std::string>{"Wakeboarding", "Cleaning shoes"});

    // The toolkit's sample submission: 4926 videos, 7654 predictions (counted with Python's json); every entry
    // equals what nlohmann's DOM reads from the same file.
    const auto path = *dir / "activitynet_repo/Evaluation/data/sample_detection_prediction.json";
    const auto sample = vidata::read_temporal_results(path);
    CHECK(sample.videos.size() == 4926);
    CHECK(sample.total_segments() == 7654);
    CHECK(sample.videos[0].id == "wONwHYy59Tc");
    CHECK(sample.videos[0].segments[0] == vidata::scored_segment{94.52138901727746, 130.48707650118757, 1.0, 0});
    CHECK(sample.labels[0] == "Blow-drying hair");
    const auto dom = nlohmann::ordered_json::parse(vidata::test::read_file(path));
    std::size_t v = 0;
    bool all_equal = true;
    for (const auto& [id, list] : dom["results"].items()) {
        const auto& got = sample.videos[v++];
        all_equal = all_equal && got.id == id && got.segments.size() == list.size();
        for (std::size_t i = 0; all_equal && i < list.size(); ++i) {
            const auto& s = got.segments[i];
            all_equal = s.start == list[i]["segment"][0].get<double>() && s.end == list[i]["segment"][1].get<double>() &&
                        s.score == list[i]["score"].get<double>() &&
                        sample.labels[static_cast<std::size_t>(s.label)] == list[i]["label"].get<std::string>();
        }
    }
    CHECK(all_equal);
}

TEST_CASE("temporal results: unknown members are skipped, repeated keys follow Python", "[metrics][activitynet_inputs]") {
    const auto r = vidata::parse_temporal_results(R"({
        "version": {"nested": [1, {"deep": [[], {}]}], "n": null},
        "results": {
          "a": [{"segment": [0, 1], "score": 0.5, "extra": {"x": [1, 2, {"y": true}]}, "label": "run"}],
          "b": [{"label": "jump", "score": 1, "segment": [" 2", "3.5"]}, {"segment": [4, 4], "score": -2e1}],
          "a": [{"segment": [7, 8], "score": 0.25}]
        },
        "external_data": {"used": false, "details": ["x"]}})");
    REQUIRE(r.videos.size() == 2);
    CHECK(r.videos[0].id == "a");
    REQUIRE(r.videos[0].segments.size() == 1);
    CHECK(r.videos[0].segments[0] == vidata::scored_segment{7, 8, 0.25, -1});
    CHECK(r.videos[1].segments[0] == vidata::scored_segment{2, 3.5, 1.0, 1});
    CHECK(r.videos[1].segments[1] == vidata::scored_segment{4, 4, -20.0, -1});
    CHECK(r.labels == std::vector<std::string>{"run", "jump"});
    CHECK(vidata::parse_temporal_results(R"({"results": {}})").videos.empty());
    // A repeated "results" replaces the first entirely.
    CHECK(vidata::parse_temporal_results(R"({"results": {"a": []}, "results": {"b": []}})").videos.at(0).id == "b");
}

TEST_CASE("temporal results: malformed input names the JSON pointer or the line", "[metrics][activitynet_inputs]") {
    CHECK_THAT(parse_error_of(R"({"version": 1})"), Catch::Contains("pred.json at /: expected an object with a member 'results'"));
    CHECK_THAT(parse_error_of(R"([])"), Catch::Contains("at /: expected an object with a member 'results'"));
    CHECK_THAT(parse_error_of(R"({"results": []})"), Catch::Contains("at /results: expected an object mapping video ids"));
    CHECK_THAT(parse_error_of(R"({"results": {"a/b": {}}})"), Catch::Contains("at /results/a~1b: expected an array of results"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [5]}})"), Catch::Contains("at /results/a/0: expected a result"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": ["x", 1], "score": 1}]}})"),
               Catch::Contains("at /results/a/0/segment/0: expected a segment [start, end]") && Catch::Contains("got '\"x\"'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [1], "score": 1}]}})"),
               Catch::Contains("at /results/a/0/segment: expected a segment"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [1, 2, 3], "score": 1}]}})"),
               Catch::Contains("more than 2"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [5, 1], "score": 1}]}})"),
               Catch::Contains("at /results/a/0/segment") && Catch::Contains("got '[5, 1]'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": ["inf", 1], "score": 1}]}})"),
               Catch::Contains("at /results/a/0/segment"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{}, {"segment": [0, 1], "score": "0.5"}]}})"),
               Catch::Contains("at /results/a/0: expected a result with a member 'segment'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1], "score": "0.5"}]}})"),
               Catch::Contains("at /results/a/0/score: expected a number, got '\"0.5\"'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1], "score": true}]}})"),
               Catch::Contains("at /results/a/0/score: expected a number, got 'true'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1]}]}})"),
               Catch::Contains("at /results/a/0: expected a result with a member 'score'"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1], "score": 1, "label": 3}]}})"),
               Catch::Contains("at /results/a/0/label: expected a string, got '3'"));
    // Python's json takes NaN and Infinity literals; JSON does not, and neither does vidata.
    CHECK_THAT(parse_error_of("{\"results\": {\"a\": [{\"segment\": [0, 1],\n \"score\": NaN}]}}"), Catch::Contains("pred.json:2:"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1], "score": 1e999}]}})"),
               Catch::Contains("expected a number within the range of a double"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [)"), Catch::Contains("pred.json:1:"));
    CHECK_THAT(parse_error_of(""), Catch::Contains("pred.json:1:1"));
    CHECK_THROWS_AS(vidata::read_temporal_results("/nonexistent/pred.json"), vidata::io_error);
    // A regular file is memory-mapped; an empty one (nothing to map) is read, and is not JSON.
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "empty.json", "");
    CHECK_THAT(vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::read_temporal_results(dir / "empty.json"); }),
               Catch::Contains("empty.json:1:1: expected a JSON value"));
    vidata::test::write_file(dir / "ok.json", R"({"results": {"a": [{"segment": [0, 1], "score": 1}]}})");
    CHECK(vidata::read_temporal_results(dir / "ok.json").total_segments() == 1);
    CHECK_THROWS_AS(vidata::read_activitynet_ground_truth(dir / "missing.json"), vidata::io_error);
}

TEST_CASE("temporal results: strings are decoded as JSON defines them", "[metrics][activitynet_inputs]") {
    const auto r = vidata::parse_temporal_results(
        "\xEF\xBB\xBF{\"results\": {\"a\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\n\": [{\"segment\": [0, 1], \"score\": -0.0, \"label\": \"caf\xC3\xA9 \\t\"}]}}");
    REQUIRE(r.videos.size() == 1);
    CHECK(r.videos[0].id == "a\xC3\xA9\xF0\x9F\x98\x80\"\\/\n");
    CHECK(r.labels.at(0) == "caf\xC3\xA9 \t");
    CHECK(vidata::parse_temporal_results(R"({"results": {"a": [{"segment": [1e-400, 2E+2], "score": 12345678901234567890}]}})")
              .videos[0]
              .segments[0] == vidata::scored_segment{0.0, 200.0, 12345678901234567890.0, -1});
    CHECK_THAT(parse_error_of("{\"results\": {\"a\xFF\": []}}"), Catch::Contains("valid UTF-8"));
    CHECK_THAT(parse_error_of("{\"results\": {\"a\xC0\xAF\": []}}"), Catch::Contains("valid UTF-8"));  // overlong '/'
    CHECK_THAT(parse_error_of("{\"results\": {\"a\xED\xA0\x80\": []}}"), Catch::Contains("valid UTF-8"));  // a surrogate
    CHECK_THAT(parse_error_of("{\"results\": {\"a\tb\": []}}"), Catch::Contains("control character"));
    CHECK_THAT(parse_error_of(R"({"results": {"\ud800": []}})"), Catch::Contains("low surrogate"));
    CHECK_THAT(parse_error_of(R"({"results": {"\udc00": []}})"), Catch::Contains("lone low surrogate"));
    CHECK_THAT(parse_error_of(R"({"results": {"\x41": []}})"), Catch::Contains("an escape sequence"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [01, 2], "score": 1}]}})"), Catch::Contains("pred.json:1:"));
    CHECK_THAT(parse_error_of(R"({"results": {}} x)"), Catch::Contains("the end of the input"));
    CHECK_THAT(parse_error_of(R"({"results": {"a": [{"segment": [0, 1], "score": -}]}})"), Catch::Contains("a digit"));
}

TEST_CASE("temporal results: the scanner accepts exactly what nlohmann::json accepts", "[metrics][activitynet_inputs]") {
    // Differential test of detail::json_scanner: random single-byte mutations of a results file (structure, digits,
    // escapes, UTF-8 bytes) must be accepted or refused by both parsers alike, and what both accept must read
    // back the same.
    const std::string base =
        "{\"version\": \"1.3\", \"results\": {\"v\\u00e9\": [{\"segment\": [1.5, 2e1], \"score\": -0.25, \"label\": \"caf\xC3\xA9\"}, "
        "{\"segment\": [0, 10], \"score\": 1, \"x\": [true, false, null, {\"\\ud83d\\ude00\": 0.5e-3}]}], \"w\": []}}";
    const std::string alphabet = "{}[]\",:\\/-+.0123456789eEtrufalsn \t\n\x7f\x80\xbf\xc3\xed\xf0\xff";
    std::mt19937_64 rng(3);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text = base;
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 3) {
                case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
                case 1: text.erase(at, 1); break;
                default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
            }
        }
        bool ours = true;
        try {
            activitynet_ground_truth_paths::ignore_events h;
            vidata::detail::json_scanner(text, "x").run(h);
        } catch (const vidata::parse_error&) {
            ours = false;
        }
        const bool theirs = nlohmann::json::accept(text);
        INFO(text);
        REQUIRE(ours == theirs);
        (ours ? accepted : refused) += 1;
        if (!ours) continue;
        // Both accept: when the text is still results-shaped, the two readings agree.
        try {
            const auto r = vidata::parse_temporal_results(text);
            const auto dom = nlohmann::json::parse(text);
            for (const auto& v : r.videos) CHECK(dom.at("results").contains(v.id));
        } catch (const vidata::parse_error&) {
            // A mutation may keep the JSON valid but break the results shape: refused with a located error.
        }
    }
    CHECK(accepted > 100);
    CHECK(refused > 100);
}

TEST_CASE("temporal results: the scanner converts every number as std::from_chars and strtod do, bit for bit",
          "[metrics][activitynet_inputs]") {
    // The scanner converts short decimals itself (Clinger's fast path) and the rest with from_chars: random
    // tokens around every boundary of the fast path (19 digits, 2^53, 22 decimals, exponents, -0, underflow)
    // must give the double that from_chars (strtod where from_chars reports range) gives.
    struct collect : activitynet_ground_truth_paths::ignore_events {
        std::vector<double> values;
        void number(double v, std::string_view) { values.push_back(v); }
    };
    auto reference = [](const std::string& token) {
        double v = 0.0;
        const auto r = std::from_chars(token.data(), token.data() + token.size(), v);
        if (r.ec == std::errc::result_out_of_range) v = std::strtod(token.c_str(), nullptr);
        return v;
    };
    std::mt19937_64 rng(53);
    auto digits = [&](std::size_t n, bool leading_nonzero) {
        std::string d;
        for (std::size_t i = 0; i < n; ++i) d += static_cast<char>('0' + (i == 0 && leading_nonzero ? 1 + rng() % 9 : rng() % 10));
        return d;
    };
    std::vector<std::string> tokens = {"0", "-0", "0.0", "-0.0", "9007199254740992", "9007199254740993", "9007199254740993.0",
                                       "0.9007199254740993", "1e22", "1e23", "4.9e-324", "2e-324", "1e-400", "0.1", "0.30000000000000004",
                                       "1234567890123456789", "12345678901234567890", "0.0000000000000000000001", "0.00000000000000000000001",
                                       "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                       "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                       "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                       "00000000000"};
    for (int i = 0; i < 200000; ++i) {
        std::string t = rng() % 4 == 0 ? "-" : "";
        const std::size_t whole = rng() % 18;
        t += whole == 0 ? "0" : digits(whole, true);
        if (rng() % 5 != 0) t += "." + digits(1 + rng() % 24, false);
        if (rng() % 8 == 0) t += std::string(rng() % 2 ? "e" : "E") + (rng() % 2 ? "-" : "") + std::to_string(rng() % 30);
        tokens.push_back(std::move(t));
    }
    std::string text = "[";
    for (std::size_t i = 0; i < tokens.size(); ++i) text += (i ? "," : "") + tokens[i];
    text += "]";
    collect c;
    vidata::detail::json_scanner(text, "numbers.json").run(c);
    REQUIRE(c.values.size() == tokens.size());
    std::size_t different = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const double expected = reference(tokens[i]);
        if (std::memcmp(&expected, &c.values[i], sizeof(double)) != 0 && ++different <= 10)
            FAIL_CHECK(tokens[i] << ": scanner " << c.values[i] << ", from_chars " << expected);
    }
    CHECK(different == 0);
}

TEST_CASE("temporal results: a file several reading windows long reads as its text parses", "[metrics][activitynet_inputs]") {
    // read_temporal_results keeps only a window of the mapped file resident; what it yields must not depend on it.
    std::string text = R"({"version": "x", "results": {)";
    std::mt19937 g(7);
    std::uniform_real_distribution<double> u(0.0, 100.0);
    std::size_t videos = 0;
    while (text.size() < 3 * vidata::detail::mapped_text::window + 12345) {
        if (videos != 0) text += ", ";
        text += "\"video_" + std::to_string(videos++) + "\": [";
        for (int i = 0; i < 50; ++i) {
            const double s = u(g);
            text += (i ? ", " : "") + nlohmann::json{{"segment", {s, s + u(g)}}, {"score", u(g) / 100.0}, {"label", "a"}}.dump();
        }
        text += "]";
    }
    text += "}}";
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "big.json", text);
    const auto from_file = vidata::read_temporal_results(dir / "big.json");
    CHECK(from_file.videos.size() == videos);
    CHECK(from_file == vidata::parse_temporal_results(text, "big.json"));
    // An error past the first windows still names its line and column, read back from the dropped pages.
    text.back() = ']';
    vidata::test::write_file(dir / "bad.json", text);
    CHECK_THAT(vidata::test::message_of<vidata::parse_error>([&] { (void)vidata::read_temporal_results(dir / "bad.json"); }),
               Catch::Contains("bad.json:1:" + std::to_string(text.size())));
}
