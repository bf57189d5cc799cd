// SPDX-License-Identifier: Apache-2.0
// AVA's inputs: the label map, the box CSVs (keys, heap order, cap, sort, two-column rows), exclusions, located errors.
#include <vidata/metrics/ava_inputs.hpp>

#include "metrics/oracle.hpp"
#include "ava_cases.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using vidata::ava_csv_kind;
using vidata::mmaction2_metrics_policy;
using vidata::official_metrics_policy;
using vidata::test::shell_quote;

std::string fixture(const std::filesystem::path& root, const std::string& relative) { return (root / relative).string(); }

using vidata::test::label_map_of;

std::string label_map_text(const vidata::ava_label_map& m) {
    std::string out;
    for (const auto& c : m.categories) out += "item {\n  name: \"" + c.name + "\"\n  id: " + std::to_string(c.id) + "\n}\n";
    return out;
}

/// The label map the Python reference's read_labelmap returns for `path`.
std::vector<vidata::ava_category> python_label_map(const std::string& path) {
    const auto r = vidata::test::run_python("ava_reference.py", "labelmap " + shell_quote(path));
    INFO(r.output);
    REQUIRE(r.status == 0);
    std::vector<vidata::ava_category> out;
    for (const auto& c : nlohmann::json::parse(r.output)) out.push_back({c["id"].get<std::int64_t>(), c["name"].get<std::string>()});
    return out;
}

/// Runs the Python reader on `csv` and checks that `frames` holds the same frames, in the same order, with
/// the same rows in the same order (bit-identical numbers), and mentions the same keys.
void check_against_python_reader(const std::string& policy, const std::string& label_map_path, const std::string& csv,
                                 std::size_t capacity, const vidata::ava_frames& frames) {
    const auto r = vidata::test::run_python("ava_reference.py", "frames " + policy + " " + shell_quote(label_map_path) + " " +
                                                                  shell_quote(csv) + " " + std::to_string(capacity));
    INFO(r.output.substr(0, 2000));
    REQUIRE(r.status == 0);
    std::istringstream in(r.output);
    std::string line;
    std::size_t frame = static_cast<std::size_t>(-1), row = 0, mentioned = 0;
    auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    while (std::getline(in, line)) {
        if (line.rfind("key ", 0) == 0) {
            if (frame != static_cast<std::size_t>(-1)) CHECK(row == frames.rows(frame).size());
            ++frame;
            row = 0;
            REQUIRE(frame < frames.size());
            CHECK(frames.key(frame) == line.substr(4));
        } else if (line.rfind("all ", 0) == 0) {
            ++mentioned;
            CHECK(frames.mentions(line.substr(4)));
        } else {
            const auto v = vidata::test::parse_numbers(line);
            REQUIRE(v.size() == 6);
            REQUIRE(row < frames.rows(frame).size());
            const vidata::ava_box& b = frames.rows(frame)[row++];
            INFO("frame " << frames.key(frame) << " row " << row << ": " << line);
            CHECK(same(b.score, v[0]));
            CHECK(b.action_id == static_cast<std::int32_t>(v[1]));
            CHECK(same(b.box.y1, v[2]));
            CHECK(same(b.box.x1, v[3]));
            CHECK(same(b.box.y2, v[4]));
            CHECK(same(b.box.x2, v[5]));
        }
    }
    if (frame != static_cast<std::size_t>(-1)) CHECK(row == frames.rows(frame).size());
    CHECK(frame + 1 == frames.size());
    CHECK(mentioned == frames.keys_mentioned());
}

std::string fmt(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

/// A CSV that stresses the reader: frames interleaved, tied scores and boxes, classes outside the map,
/// frames past the cap, NaN and infinite scores in small frames, quoted video ids, "0902" beside "902"
/// timestamps, and (official only) two-column rows.
std::string nasty_csv(std::uint64_t seed, bool two_column_rows, bool score_column) {
    std::mt19937_64 rng(seed);
    const std::vector<std::string> videos{"-5KQ66BBWC4", "\"quo\"\"ted\"", "1j20qq1JyX4", "plain_id"};
    const double scores[] = {0.1, 0.5, 0.5, 0.5, 0.9, 1.0, 1.0};
    std::string out;
    for (int frame = 0; frame < 14; ++frame) {
        const std::string video = videos[static_cast<std::size_t>(frame) % videos.size()];
        const int seconds = 902 + frame / 4;
        const int rows = frame % 5 == 0 ? 70 : static_cast<int>(rng() % 20) + 1;
        const bool special = rows <= 40 && frame % 3 == 1;  // NaN / inf scores only where fewer than 64 rows remain
        for (int i = 0; i < rows; ++i) {
            const int action = static_cast<int>(rng() % 4);  // 0 is outside every map below
            const double x1 = static_cast<double>(rng() % 5) / 10, y1 = static_cast<double>(rng() % 5) / 10;
            const double x2 = x1 + static_cast<double>(rng() % 6) / 10, y2 = y1 + static_cast<double>(rng() % 6) / 10;
            double score = scores[rng() % 7];
            if (special && i % 7 == 3) score = std::nan("");
            if (special && i % 11 == 5) score = -std::numeric_limits<double>::infinity();
            const std::string time = (i % 2 == 0 ? "0" : "") + std::to_string(seconds);
            out += video + "," + time + "," + fmt(x1) + "," + fmt(y1) + "," + fmt(x2) + "," + fmt(y2) + "," +
                   std::to_string(action);
            if (score_column) out += "," + fmt(score);
            out += "\n";
            if (two_column_rows && i == 0 && frame % 4 == 2) out += "empty_frame_" + std::to_string(frame) + ",0903\n";
        }
    }
    return out;
}

}  // namespace

TEST_CASE("ava label map: the ActivityNet 60-class list, as read_labelmap reads it", "[metrics][ava_inputs][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto path = fixture(*root, "activitynet_repo/Evaluation/ava/ava_action_list_v2.1_for_activitynet_2018.pbtxt.txt");
    const auto m = vidata::read_ava_label_map(path);
    REQUIRE(m.categories.size() == 60);
    CHECK(m.categories.front() == vidata::ava_category{1, "bend/bow (at the waist)"});
    CHECK(m.categories.back() == vidata::ava_category{80, "watch (a person)"});
    CHECK(m.max_id() == 80);
    CHECK(m.contains(79));
    CHECK_FALSE(m.contains(2));  // "carry/hold" is not one of the 60
    CHECK(*m.name_of(79) == "talk to (e.g., self, a person, a group)");
    CHECK(m.name_of(2) == nullptr);
    if (vidata::test::python_oracle_available()) CHECK(m.categories == python_label_map(path));

    // MMAction2's test map lists the name "action3" twice (ids 79 and 80).
    const auto mm = vidata::read_ava_label_map(fixture(*root, "mmaction2/ava_dataset/action_list.txt"));
    CHECK(mm.categories == std::vector<vidata::ava_category>{{12, "action1"}, {17, "action2"}, {79, "action3"}, {80, "action3"}});
}

TEST_CASE("ava label map: the line rules of read_labelmap", "[metrics][ava_inputs]") {
    // AVA v2.2's form (label_id, label_type), a name carried over to an item without one, ids with '+' and
    // blanks, other indentations ignored, a name without its closing quote (Python keeps the rest of the
    // line and its newline), CRLF line ends.
    const std::string text =
        "label {\n  name: \"bend/bow (at the waist)\"\n  label_id: 1\n  label_type: PERSON_MOVEMENT\n}\n"
        "label {\n  label_id: +3  \n}\n"
        "item {\n    name: \"indented\"\n\tid: 7\n   id: 9\n}\n"
        "item {\r\n  name: \"unclosed\r\n  id: 11\r\n}\r\n"
        "item {\n  name: \"last\" trailing \"x\"\n  id: 12";
    const auto m = vidata::parse_ava_label_map(text, "v22.pbtxt");
    CHECK(m.categories == std::vector<vidata::ava_category>{{1, "bend/bow (at the waist)"},
                                                             {3, "bend/bow (at the waist)"},
                                                             {11, "unclosed\n"},
                                                             {12, "last"}});
    if (vidata::test::python_oracle_available()) {
        vidata::test::temp_dir dir;
        vidata::test::write_file(dir / "map.pbtxt", text);
        CHECK(m.categories == python_label_map((dir / "map.pbtxt").string()));
    }
    // A byte-order mark is part of the first line, as Python's open() keeps it: that line is not a name line.
    CHECK(vidata::parse_ava_label_map("\xEF\xBB\xBF  name: \"x\"\n  id: 4\n").categories ==
          std::vector<vidata::ava_category>{{4, ""}});
    CHECK(vidata::parse_ava_label_map("").categories.empty());
}

TEST_CASE("ava label map: errors name the file and line", "[metrics][ava_inputs]") {
    CHECK_THROWS_WITH(vidata::parse_ava_label_map("item {\n  name: action\n}\n", "map.pbtxt"),
                      Catch::StartsWith("[vidata.parse_error] map.pbtxt:2: expected a name in double quotes"));
    CHECK_THROWS_WITH(vidata::parse_ava_label_map("item {\n  name: \"a\"\n  id: seven\n}\n", "map.pbtxt"),
                      Catch::StartsWith("[vidata.parse_error] map.pbtxt:3:7: expected an integer class id") &&
                          Catch::Contains("got 'seven'"));
    CHECK_THROWS_AS(vidata::parse_ava_label_map("  id: 1.5\n"), vidata::parse_error);
    // "  id:9" strips to "id:9", which has no space: Python's int("id:9") raises.
    CHECK_THROWS_WITH(vidata::parse_ava_label_map("  id:9\n", "m"), Catch::Contains("m:1:3: expected an integer class id") &&
                                                                        Catch::Contains("got 'id:9'"));
}

TEST_CASE("ava frame keys: the official %.6f of a decimal, MMAction2's %04d of an int", "[metrics][ava_inputs]") {
    CHECK(vidata::ava_frame_key("-5KQ66BBWC4", "0902") == "-5KQ66BBWC4,902.000000");
    CHECK(vidata::ava_frame_key("-5KQ66BBWC4", "902.0") == "-5KQ66BBWC4,902.000000");
    CHECK(vidata::ava_frame_key("00g-inkLork", "5.016949") == "00g-inkLork,5.016949");
    // "%.6f" rounds the double nearest the text, not the decimal text itself: 1.0000015 is stored just below
    // ...15 and prints 1.000001 (a decimal rounding would give 1.000002); 0.0000005 is stored below 5e-7.
    CHECK(vidata::ava_frame_key("v", " 1.0000015 ") == "v,1.000001");
    CHECK(vidata::ava_frame_key("v", "0.0000005") == "v,0.000000");
    CHECK(vidata::ava_frame_key("v", "1.0000005") == "v,1.000001");
    CHECK(vidata::ava_frame_key("v", "2.5e1") == "v,25.000000");
    CHECK(vidata::ava_frame_key("v", "-0") == "v,-0.000000");
    CHECK(vidata::ava_frame_key("v", "nan") == "v,nan");
    CHECK(vidata::ava_frame_key("-5KQ66BBWC4", "0902", vidata::mmaction2_metrics) == "-5KQ66BBWC4,0902");
    CHECK(vidata::ava_frame_key("v", "7", vidata::mmaction2_metrics) == "v,0007");
    CHECK(vidata::ava_frame_key("v", "-5", vidata::mmaction2_metrics) == "v,-005");
    CHECK(vidata::ava_frame_key("v", "12345", vidata::mmaction2_metrics) == "v,12345");
    CHECK_THROWS_AS(vidata::ava_frame_key("v", "902.0", vidata::mmaction2_metrics), vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::ava_frame_key("v", "x"), vidata::invalid_argument);
}

TEST_CASE("ava csv: AVA and AVA-Kinetics fixture files, frame by frame as the Python readers", "[metrics][ava_inputs][fixtures][python]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto labels_path = fixture(*root, "activitynet_repo/Evaluation/ava/ava_action_list_v2.1_for_activitynet_2018.pbtxt.txt");
    const auto labels = vidata::read_ava_label_map(labels_path);

    // AVA v2.2 validation rows with two-column "video,timestamp" rows for frames without boxes.
    const auto slice_path = fixture(*root, "ava_kinetics_v1_0/ava_val_v2.2.slice_0968-0972.csv");
    const auto slice = vidata::read_ava_csv(slice_path, labels, ava_csv_kind::ground_truth);
    CHECK(slice.rows_read() == 10);
    CHECK(slice.size() == 3);
    CHECK(slice.key(0) == "1j20qq1JyX4,968.000000");
    CHECK(slice.mentions("1j20qq1JyX4,970.000000"));
    CHECK_FALSE(slice.find("1j20qq1JyX4,970.000000"));
    CHECK(slice.rows_of_other_classes() == 0);
    REQUIRE(slice.rows(0).size() == 5);
    // By decreasing "score": the person id 34 before 32; equal ones in the heap's order.
    CHECK(slice.rows(0)[0].score == 34.0);
    CHECK(slice.rows(0)[0].line == 3);

    // AVA-Kinetics: seven columns (no person id), fractional timestamps, empty frames.
    const auto kinetics_path = fixture(*root, "ava_kinetics_v1_0/kinetics_val_v1.0.head40.csv");
    const auto kinetics = vidata::read_ava_csv(kinetics_path, labels, ava_csv_kind::ground_truth);
    CHECK(kinetics.find("00_77WAvZ_o,17.000000"));
    CHECK(kinetics.mentions("00g-inkLork,5.016949"));
    CHECK(kinetics.rows(0)[0].score == 1.0);
    // MMAction2 reads int("17.000000"): a ValueError there, a located parse_error here.
    CHECK_THROWS_WITH(vidata::read_ava_csv(kinetics_path, labels, ava_csv_kind::ground_truth, vidata::mmaction2_metrics),
                      Catch::Contains("kinetics_val_v1.0.head40.csv:1:13: expected an integer timestamp"));

    const auto head_path = fixture(*root, "ava_kinetics_v1_0/ava_val_v2.2.head40.csv");
    const auto head_official = vidata::read_ava_csv(head_path, labels, ava_csv_kind::ground_truth);
    const auto head_mm = vidata::read_ava_csv(head_path, labels, ava_csv_kind::ground_truth, vidata::mmaction2_metrics);
    CHECK(head_official.size() == head_mm.size());
    CHECK(head_mm.key(0) == "1j20qq1JyX4,0902");

    if (!vidata::test::python_oracle_available()) return;
    check_against_python_reader("official", labels_path, slice_path, 0, slice);
    check_against_python_reader("official", labels_path, kinetics_path, 0, kinetics);
    check_against_python_reader("official", labels_path, head_path, 0, head_official);
    check_against_python_reader("mmaction2", labels_path, head_path, 0, head_mm);
    for (const char* name : {"mmaction2/eval_detection/gt.csv", "mmaction2/eval_detection/pred.csv"}) {
        const auto map_path = fixture(*root, "mmaction2/eval_detection/action_list.txt");
        const auto map = vidata::read_ava_label_map(map_path);
        const auto path = fixture(*root, name);
        check_against_python_reader("official", map_path, path, 50, vidata::read_ava_csv(path, map, ava_csv_kind::detections));
        check_against_python_reader("mmaction2", map_path, path, 0,
                                    vidata::read_ava_csv(path, map, ava_csv_kind::detections, vidata::mmaction2_metrics));
    }
    const auto sample_map = fixture(*root, "mmaction2/ava_dataset/action_list.txt");
    const auto sample = fixture(*root, "mmaction2/ava_dataset/ava_sample.csv");
    check_against_python_reader("mmaction2", sample_map, sample, 0,
                                vidata::read_ava_csv(sample, vidata::read_ava_label_map(sample_map), ava_csv_kind::ground_truth,
                                                     vidata::mmaction2_metrics));
}

TEST_CASE("ava csv: heap order, the 50-detection cap, ties, NaN scores and quoted ids, as the Python readers",
          "[metrics][ava_inputs][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto labels = label_map_of({1, 2, 3});
    vidata::test::write_file(dir / "map.pbtxt", label_map_text(labels));
    const std::string map_path = (dir / "map.pbtxt").string();
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        INFO("seed " << seed);
        const bool score_column = seed != 3;
        const std::string official_text = nasty_csv(seed, true, score_column);
        const std::string mm_text = nasty_csv(seed, false, score_column);
        vidata::test::write_file(dir / "official.csv", official_text);
        vidata::test::write_file(dir / "mm.csv", mm_text);
        const auto det = vidata::parse_ava_csv(official_text, "official.csv", labels, ava_csv_kind::detections);
        CHECK(det.rows_over_cap() > 0);
        check_against_python_reader("official", map_path, (dir / "official.csv").string(), 50, det);
        const auto gt = vidata::parse_ava_csv(official_text, "official.csv", labels, ava_csv_kind::ground_truth);
        CHECK(gt.rows_over_cap() == 0);
        check_against_python_reader("official", map_path, (dir / "official.csv").string(), 0, gt);
        const auto mm = vidata::parse_ava_csv(mm_text, "mm.csv", labels, ava_csv_kind::detections, vidata::mmaction2_metrics);
        CHECK(mm.rows_over_cap() == 0);
        check_against_python_reader("mmaction2", map_path, (dir / "mm.csv").string(), 0, mm);
    }
}

TEST_CASE("ava csv: the frames follow the first kept row; rows are grouped whatever the file order", "[metrics][ava_inputs]") {
    const auto labels = label_map_of({1, 2});
    // Frame a's first row is of class 9 (dropped): frame b comes first in the dict, as in Python.
    const std::string text = "a,1,0,0,1,1,9,0.5\nb,1,0,0,1,1,1,0.4\na,1,0,0,1,1,2,0.3\nb,1,0,0,1,1,2,0.9\na,2,0,0,1,1,1,0.1\n";
    const auto f = vidata::parse_ava_csv(text, "t.csv", labels, ava_csv_kind::detections, vidata::mmaction2_metrics);
    REQUIRE(f.size() == 3);
    CHECK(f.key(0) == "b,0001");
    CHECK(f.key(1) == "a,0001");
    CHECK(f.key(2) == "a,0002");
    REQUIRE(f.rows(0).size() == 2);
    CHECK(f.rows(0)[0].score == 0.9);  // decreasing score within the frame
    CHECK(f.rows(0)[0].line == 4);
    CHECK(f.rows(1).size() == 1);
    CHECK(f.rows_of_other_classes() == 1);
    CHECK(f.mentions("a,0001"));
    CHECK(f.all_rows().size() == 4);
}

TEST_CASE("ava csv: what the references reject is a parse_error naming file:line:column", "[metrics][ava_inputs]") {
    const auto labels = label_map_of({1});
    auto parse = [&](const std::string& text) { return vidata::parse_ava_csv(text, "dets.csv", labels, ava_csv_kind::detections); };
    auto parse_mm = [&](const std::string& text) {
        return vidata::parse_ava_csv(text, "dets.csv", labels, ava_csv_kind::detections, vidata::mmaction2_metrics);
    };
    CHECK_THROWS_WITH(parse("v,902,0,0,1,1,1,0.5\nv,902,0,0,1\n"),
                      Catch::StartsWith("[vidata.parse_error] dets.csv:2:1: expected a row of 7 or 8 fields") &&
                          Catch::Contains("but the row has 5, got 'v,902,0,0,1'"));
    CHECK_THROWS_WITH(parse_mm("v,902\n"), Catch::Contains("dets.csv:1:1: expected a row of 7 or 8 fields") &&
                                               Catch::Contains("but the row has 2"));
    CHECK_NOTHROW(parse("v,902\n"));  // the official reader takes it as a frame without boxes
    CHECK_THROWS_WITH(parse("v,902,0,0,1,1,1,0.5\n\nv,903,0,0,1,1,1,0.5\n"),
                      Catch::Contains("dets.csv:2:1:") && Catch::Contains("but the row has 0"));
    CHECK_THROWS_WITH(parse("v,902,0,zero,1,1,1,0.5\n"), Catch::Contains("dets.csv:1:9: expected a box coordinate y1, got 'zero'"));
    CHECK_THROWS_WITH(parse("v,902,0,0,1,1,1.0,0.5\n"), Catch::Contains("dets.csv:1:15: expected an integer action id, got '1.0'"));
    CHECK_THROWS_WITH(parse("v,9o2,0,0,1,1,1,0.5\n"), Catch::Contains("dets.csv:1:3: expected a timestamp in seconds"));
    CHECK_THROWS_WITH(parse("v,902,0,0,1,1,1,high\n"), Catch::Contains("dets.csv:1:17: expected a score, got 'high'"));
    // The score of a row of another class is never read, as in the references.
    CHECK_NOTHROW(parse("v,902,0,0,1,1,5,high\n"));
    // 64 rows or more in one frame with a NaN score: the order would be timsort's merges, not reproduced.
    std::string many;
    for (int i = 0; i < 64; ++i) many += "v,902,0,0,1,1,1," + std::string(i == 10 ? "nan" : "0.5") + "\n";
    CHECK_THROWS_WITH(vidata::parse_ava_csv(many, "gt.csv", labels, ava_csv_kind::ground_truth),
                      Catch::Contains("gt.csv:1:") && Catch::Contains("NaN"));
    CHECK_NOTHROW(parse(many));  // the official cap leaves 50 rows, which CPython sorts by binary insertion
}

TEST_CASE("ava exclusions: two-column rows, keys in the policy's format", "[metrics][ava_inputs][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto path = fixture(*root, "mmaction2/ava_dataset/ava_excluded_timestamps_sample.csv");
    const auto official = vidata::read_ava_exclusions(path);
    CHECK(official.size() == 2);
    CHECK(official.contains("0f39OWEqJ24,903.000000"));
    CHECK(official.contains("_-Z6wFjXtGQ,902.000000"));
    const auto mm = vidata::read_ava_exclusions(path, vidata::mmaction2_metrics);
    CHECK(mm.contains("0f39OWEqJ24,0903"));
    CHECK_FALSE(mm.contains("0f39OWEqJ24,903.000000"));
    CHECK_THROWS_WITH(vidata::parse_ava_exclusions("a,902\na,903,1\n", "ex.csv"),
                      Catch::Contains("ex.csv:2:1: expected a row of 2 fields 'video_id,timestamp' but the row has 3"));
    CHECK_THROWS_WITH(vidata::parse_ava_exclusions("a,902.5\n", "ex.csv", vidata::mmaction2_metrics),
                      Catch::Contains("ex.csv:1:3: expected an integer timestamp"));
}

TEST_CASE("ava csv: a file several reading windows long reads as its text parses", "[metrics][ava_inputs]") {
    // read_ava_csv counts the lines, then parses, each pass keeping only a window of the mapped file resident.
    const auto labels = label_map_of({1, 2, 3});
    std::string text;
    std::mt19937 g(11);
    std::uniform_int_distribution<int> action(1, 4);  // 4 is outside the label map
    std::uniform_real_distribution<double> u(0.0, 1.0);
    char line[160];
    for (int frame = 0; text.size() < 3 * vidata::detail::mapped_text::window + 777; ++frame) {
        for (int box = 0; box < 8; ++box) {
            const int n = std::snprintf(line, sizeof line, "video_%d,%04d,%.3f,%.3f,%.3f,%.3f,%d,%.4f\n", frame / 900, 902 + frame % 900,
                                        u(g), u(g), u(g), u(g), action(g), u(g));
            text.append(line, static_cast<std::size_t>(n));
        }
    }
    vidata::test::temp_dir dir;
    vidata::test::write_file(dir / "det.csv", text);
    const auto from_file = vidata::read_ava_csv(dir / "det.csv", labels, ava_csv_kind::detections);
    const auto from_text = vidata::parse_ava_csv(text, (dir / "det.csv").string(), labels, ava_csv_kind::detections);
    REQUIRE(from_file.size() == from_text.size());
    CHECK(from_file.rows_read() == from_text.rows_read());
    CHECK(from_file.rows_over_cap() == from_text.rows_over_cap());
    CHECK(std::ranges::equal(from_file.all_rows(), from_text.all_rows()));
    for (std::size_t f = 0; f < from_file.size(); ++f) REQUIRE(from_file.key(f) == from_text.key(f));
    // An error in the last window names its line.
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    vidata::test::write_file(dir / "bad.csv", text + "v,0902,0,0,1,1,x\n");
    CHECK_THAT(vidata::test::message_of<vidata::parse_error>(
                   [&] { (void)vidata::read_ava_csv(dir / "bad.csv", labels, ava_csv_kind::detections); }),
               Catch::Contains("bad.csv:" + std::to_string(lines + 1) + ":"));
}
