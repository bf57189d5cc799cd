// SPDX-License-Identifier: Apache-2.0
// Tests of the metric input loaders: scores from .npy / results.pkl / JSON and labels from every form, with located errors.
#include <vidata/metrics/inputs.hpp>

#include "support.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using vidata::test::temp_dir;
using vidata::test::write_file;

/// The message of the vidata::error that f() throws, or "no exception".
template <class F>
std::string error_text(F&& f) {
    try {
        f();
    } catch (const vidata::error& e) {
        return e.what();
    }
    return "no exception";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Writes the score and label files the Python side makes (numpy's own np.save and pickle.dump), so that
/// the readers are checked against files written by the programs users have.
const char* const make_files_py = R"PY(
import json, pickle, sys
import numpy as np
d = sys.argv[1]
s = (np.arange(12, dtype=np.float32).reshape(3, 4) / 8).astype(np.float32)
np.save(d + '/f32.npy', s)
np.save(d + '/f64_fortran.npy', np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3) / 4))
np.save(d + '/f16.npy', np.array([[0.5, 1.5], [-2.0, 65504.0]], dtype=np.float16))
np.save(d + '/i64.npy', np.array([[1, 2], [3, 4]], dtype=np.int64))
np.save(d + '/one_d.npy', np.arange(4, dtype=np.float32))
np.save(d + '/empty.npy', np.zeros((0, 4), dtype=np.float32))
with open(d + '/results.pkl', 'wb') as f: pickle.dump([row for row in s], f)
with open(d + '/results_lists.pkl', 'wb') as f: pickle.dump([[0.25, 1], [0.5, 2.0]], f)
with open(d + '/results_2d.pkl', 'wb') as f: pickle.dump(np.arange(6, dtype=np.float64).reshape(3, 2), f)
with open(d + '/results_ragged.pkl', 'wb') as f: pickle.dump([np.zeros(4, np.float32), np.zeros(4, np.float32), np.zeros(3, np.float32)], f)
with open(d + '/results_empty.pkl', 'wb') as f: pickle.dump([], f)
with open(d + '/results_text.pkl', 'wb') as f: pickle.dump([[0.1, 0.2, 0.3], [0.4, 'x', 0.6]], f)
with open(d + '/results_mixed.pkl', 'wb') as f: pickle.dump([np.ones(2, np.float32), np.ones(2, np.float64)], f)
np.save(d + '/labels_1d.npy', np.array([2, 0, 1], dtype=np.int64))
np.save(d + '/labels_onehot.npy', np.array([[0, 0, 1], [1, 0, 0]], dtype=np.uint8))
np.save(d + '/labels_twohot.npy', np.array([[0, 1, 1], [1, 0, 0]], dtype=np.uint8))
np.save(d + '/labels_float.npy', np.array([2.0, 0.0], dtype=np.float32))
np.save(d + '/multi_bool.npy', np.array([[True, False, True], [False, False, False]]))
np.save(d + '/multi_two.npy', np.array([[0, 1, 0], [0, 2, 1]], dtype=np.int64))
with open(d + '/pose.pkl', 'wb') as f:
    pickle.dump([{'frame_dir': 'S001C001P001R001A001', 'total_frames': 103, 'label': 0},
                 {'frame_dir': 'S001C001P001R001A002', 'total_frames': 99, 'label': np.int64(4)}], f)
with open(d + '/multi.pkl', 'wb') as f: pickle.dump([[0, 2], np.array([1], dtype=np.int64), 3], f)
)PY";

void make_python_files(const temp_dir& dir) {
    write_file(dir / "make_files.py", make_files_py);
    const auto r = vidata::test::run_command(vidata::test::shell_quote(VIDATA_TEST_PYTHON3) + " " +
                                             vidata::test::shell_quote((dir / "make_files.py").string()) + " " +
                                             vidata::test::shell_quote(dir.path().string()));
    INFO(r.output);
    REQUIRE(r.status == 0);
}

}  // namespace

TEST_CASE("detect_input_format: content first, then the extension", "[metrics][inputs]") {
    temp_dir dir;
    write_file(dir / "a.bin", std::string("\x93NUMPY\x01\x00", 8));
    write_file(dir / "b.txt", std::string("\x80\x04\x95", 3));
    write_file(dir / "c.scores", "\xEF\xBB\xBF  \n [[1]]");
    write_file(dir / "d.json", "1 2 3\n");
    write_file(dir / "e.lst", "a 1 2\n");
    CHECK(vidata::detect_input_format(dir / "a.bin") == vidata::input_format::npy);
    CHECK(vidata::detect_input_format(dir / "b.txt") == vidata::input_format::pickle);
    CHECK(vidata::detect_input_format(dir / "c.scores") == vidata::input_format::json);
    CHECK(vidata::detect_input_format(dir / "d.json") == vidata::input_format::json);  // the extension decides
    CHECK(vidata::detect_input_format(dir / "e.lst") == vidata::input_format::text);
    CHECK(contains(error_text([&] { (void)vidata::detect_input_format(dir / "absent.npy"); }), "absent.npy"));
}

TEST_CASE("load_scores reads numpy's .npy files in their precision", "[metrics][inputs]") {
    if (!vidata::test::python_oracle_available()) return;
    temp_dir dir;
    make_python_files(dir);

    SECTION("float32 stays float32, values exact") {
        const auto s = vidata::load_scores(dir / "f32.npy");
        CHECK(s.format() == vidata::input_format::npy);
        REQUIRE_FALSE(s.is_double());
        const auto& m = std::get<vidata::score_table<float>>(s.matrix());
        REQUIRE(m.rows() == 3);
        REQUIRE(m.cols() == 4);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 4; ++j) CHECK(m(i, j) == static_cast<float>(i * 4 + j) / 8);
    }
    SECTION("a Fortran-ordered float64 array reads in logical (row-major) order") {
        const auto s = vidata::load_scores(dir / "f64_fortran.npy");
        REQUIRE(s.is_double());
        const auto& m = std::get<vidata::score_table<double>>(s.matrix());
        REQUIRE(m.rows() == 2);
        CHECK(m(0, 2) == 0.5);
        CHECK(m(1, 0) == 0.75);
    }
    SECTION("float16 widens exactly to float; integers load as double") {
        const auto h = vidata::load_scores(dir / "f16.npy");
        REQUIRE_FALSE(h.is_double());
        CHECK(std::get<vidata::score_table<float>>(h.matrix())(1, 1) == 65504.0f);
        const auto i = vidata::load_scores(dir / "i64.npy");
        REQUIRE(i.is_double());
        CHECK(std::get<vidata::score_table<double>>(i.matrix())(1, 0) == 3.0);
        CHECK(i.as<float>()(1, 1) == 4.0f);
    }
    SECTION("a 1-D or empty array is refused, naming the file and the shape") {
        const auto one_d = error_text([&] { (void)vidata::load_scores(dir / "one_d.npy"); });
        CHECK(contains(one_d, "one_d.npy"));
        CHECK(contains(one_d, "expected a 2-D array of scores"));
        CHECK(contains(one_d, "(4,)"));
        const auto empty = error_text([&] { (void)vidata::load_scores(dir / "empty.npy"); });
        CHECK(contains(empty, "empty.npy"));
        CHECK(contains(empty, "at least one sample"));
    }
}

TEST_CASE("load_scores reads MMAction2's results.pkl", "[metrics][inputs]") {
    if (!vidata::test::python_oracle_available()) return;
    temp_dir dir;
    make_python_files(dir);

    SECTION("a list of float32 arrays is a float32 matrix, one row per sample") {
        const auto s = vidata::load_scores(dir / "results.pkl");
        CHECK(s.format() == vidata::input_format::pickle);
        REQUIRE_FALSE(s.is_double());
        const auto& m = std::get<vidata::score_table<float>>(s.matrix());
        REQUIRE((m.rows() == 3 && m.cols() == 4));
        CHECK(m(2, 3) == 11.0f / 8);
    }
    SECTION("lists of Python numbers, a 2-D array, and mixed precisions load as double") {
        const auto lists = vidata::load_scores(dir / "results_lists.pkl");
        REQUIRE(lists.is_double());
        CHECK(std::get<vidata::score_table<double>>(lists.matrix())(1, 1) == 2.0);
        const auto two_d = vidata::load_scores(dir / "results_2d.pkl");
        REQUIRE(two_d.is_double());
        CHECK(two_d.rows() == 3);
        CHECK(std::get<vidata::score_table<double>>(two_d.matrix())(2, 1) == 5.0);
        CHECK(vidata::load_scores(dir / "results_mixed.pkl").is_double());
    }
    SECTION("a ragged row names its index and the expected length") {
        const auto e = error_text([&] { (void)vidata::load_scores(dir / "results_ragged.pkl"); });
        CHECK(contains(e, "results_ragged.pkl at [2]"));
        CHECK(contains(e, "4 scores, as sample 0 has"));
        CHECK(contains(e, "(3,)"));
    }
    SECTION("an empty list and a non-number are refused where they are") {
        CHECK(contains(error_text([&] { (void)vidata::load_scores(dir / "results_empty.pkl"); }), "at least one sample"));
        const auto e = error_text([&] { (void)vidata::load_scores(dir / "results_text.pkl"); });
        CHECK(contains(e, "at [1][1]"));
        CHECK(contains(e, "expected a number, got 'str'"));
    }
}

TEST_CASE("load_scores reads JSON arrays of arrays, with JSON pointers in errors", "[metrics][inputs]") {
    temp_dir dir;
    write_file(dir / "s.json", "[[0.5, 1, -2e-3], [3, 4.25, 5]]");
    const auto s = vidata::load_scores(dir / "s.json");
    CHECK(s.format() == vidata::input_format::json);
    REQUIRE(s.is_double());
    const auto& m = std::get<vidata::score_table<double>>(s.matrix());
    REQUIRE((m.rows() == 2 && m.cols() == 3));
    CHECK(m(0, 2) == -2e-3);
    CHECK(m(1, 1) == 4.25);

    write_file(dir / "ragged.json", "[[1, 2], [3]]");
    const auto ragged = error_text([&] { (void)vidata::load_scores(dir / "ragged.json"); });
    CHECK(contains(ragged, "ragged.json at /1"));
    CHECK(contains(ragged, "an array of 2 scores, as row 0 has"));

    write_file(dir / "text.json", "[[1, 2], [3, \"x\"]]");
    CHECK(contains(error_text([&] { (void)vidata::load_scores(dir / "text.json"); }), "text.json at /1/1: expected a number"));

    write_file(dir / "empty.json", "[]");
    CHECK(contains(error_text([&] { (void)vidata::load_scores(dir / "empty.json"); }), "non-empty array"));

    // Python's json.dump writes NaN, which is not JSON: a located syntax error, not a silent 0.
    write_file(dir / "nan.json", "[[1, NaN]]");
    CHECK(contains(error_text([&] { (void)vidata::load_scores(dir / "nan.json"); }), "nan.json:1:"));

    write_file(dir / "notes.txt", "0.1 0.2\n");
    const auto text = error_text([&] { (void)vidata::load_scores(dir / "notes.txt"); });
    CHECK(contains(text, "notes.txt"));
    CHECK(contains(text, "a .npy array, a pickle (MMAction2 results.pkl) or JSON"));
}

TEST_CASE("parse_labels: one label per line, the layout told by the field count", "[metrics][inputs]") {
    using vidata::parse_labels;
    CHECK(parse_labels("3\n0\n4\n", "plain.txt", 5) == std::vector<std::int64_t>{3, 0, 4});
    CHECK(parse_labels("v_a.mp4 1\nv_b.mp4 2\n", "videos.txt", 5) == std::vector<std::int64_t>{1, 2});
    CHECK(parse_labels("dir/a 120 4\ndir/b 96 0\n", "rawframes.txt", 5) == std::vector<std::int64_t>{4, 0});
    CHECK(parse_labels("dir/a 0 120 4\ndir/b 8 96 1\n", "offset.txt", 5) == std::vector<std::int64_t>{4, 1});
    // Something-Something V2's rawframe lists name videos by number: three fields are still frame_dir total label.
    CHECK(parse_labels("74225 62 140\n116154 51 127\n", "sthv2_val_list_rawframes.txt", 174) ==
          std::vector<std::int64_t>{140, 127});
    // CRLF, a BOM and trailing blank lines are fine.
    CHECK(parse_labels("\xEF\xBB\xBF" "1\r\n2\r\n\r\n  \n", "crlf.txt", 5) == std::vector<std::int64_t>{1, 2});
    // Without a class count any label >= 0 goes (confusion matrices of predicted labels).
    CHECK(parse_labels("7\n1000\n", "pred.txt", 0) == std::vector<std::int64_t>{7, 1000});

    SECTION("errors name file:line:column, what was expected and what was there") {
        CHECK(error_text([] { (void)parse_labels("1\n5\n", "l.txt", 5); }) ==
              "[vidata.parse_error] l.txt:2:1: expected a class label in [0, 5), got '5'");
        CHECK(error_text([] { (void)parse_labels("a 1\nb x\n", "l.txt", 5); }) ==
              "[vidata.parse_error] l.txt:2:3: expected a class label in [0, 5), got 'x'");
        CHECK(error_text([] { (void)parse_labels("1\n-1\n", "l.txt", 0); }) ==
              "[vidata.parse_error] l.txt:2:1: expected a class label (an integer >= 0), got '-1'");
        // A line with another field count than the first: the file mixes layouts.
        const auto mixed = error_text([] { (void)parse_labels("a 10 1\nb 2\n", "l.txt", 5); });
        CHECK(contains(mixed, "l.txt:2:"));
        CHECK(contains(mixed, "3 fields (frame_dir total_frames label) but the line has 2"));
        CHECK(contains(error_text([] { (void)parse_labels("a -3 1\n", "l.txt", 5); }), "l.txt:1:3: expected a total_frames >= 0"));
        CHECK(contains(error_text([] { (void)parse_labels("1\n\n2\n", "l.txt", 5); }), "l.txt:2: expected a line 'label' (blank lines are no labels)"));
        CHECK(contains(error_text([] { (void)parse_labels("a b c d e\n", "l.txt", 5); }), "l.txt:1: expected one label per line"));
        CHECK(contains(error_text([] { (void)parse_labels("", "l.txt", 5); }), "expected at least one line of labels"));
    }
    SECTION("an explicit layout is obeyed") {
        CHECK(parse_labels("7 3\n", "l.txt", 5, vidata::label_layout::video_list) == std::vector<std::int64_t>{3});
        CHECK(contains(error_text([] { (void)parse_labels("7 3\n", "l.txt", 5, vidata::label_layout::plain); }),
                       "expected 1 field (label) but the line has 2"));
    }
}

TEST_CASE("parse_multi_labels: plain files, annotation lists, and the rule that tells them apart", "[metrics][inputs]") {
    using vidata::label_layout;
    using vidata::parse_multi_labels;
    const auto row = [](const vidata::multi_hot_labels& m, Eigen::Index r) {
        std::vector<int> out;
        for (Eigen::Index c = 0; c < m.cols(); ++c) out.push_back(m(r, c));
        return out;
    };

    SECTION("all integers that are valid labels: a plain file; a blank line inside is an item without labels") {
        const auto m = parse_multi_labels("0 2\n\n3 3 1\n", "l.txt", 4);
        REQUIRE((m.rows() == 3 && m.cols() == 4));
        CHECK(row(m, 0) == std::vector<int>{1, 0, 1, 0});
        CHECK(row(m, 1) == std::vector<int>{0, 0, 0, 0});
        CHECK(row(m, 2) == std::vector<int>{0, 1, 0, 1});  // a repeated label is one positive
    }
    SECTION("a path first and a line of fewer than 3 fields: a video list") {
        const auto m = parse_multi_labels("a.mp4 1 2\nb.mp4 3\nc.mp4\n", "l.txt", 4);
        REQUIRE(m.rows() == 3);
        CHECK(row(m, 0) == std::vector<int>{0, 1, 1, 0});
        CHECK(row(m, 1) == std::vector<int>{0, 0, 0, 1});
        CHECK(row(m, 2) == std::vector<int>{0, 0, 0, 0});
    }
    SECTION("a path first and a second column that cannot be a label: a rawframe list") {
        const auto m = parse_multi_labels("a 90 1 2\nb 3 0\n", "l.txt", 4);
        REQUIRE(m.rows() == 2);
        CHECK(row(m, 0) == std::vector<int>{0, 1, 1, 0});
        CHECK(row(m, 1) == std::vector<int>{1, 0, 0, 0});  // 3 is a frame count here, as on the first line
    }
    SECTION("a file the rule cannot tell is an error that asks for the layout, which then decides") {
        const auto e = error_text([] { (void)parse_multi_labels("a 1 2\nb 3 0\n", "l.txt", 4); });
        CHECK(contains(e, "l.txt:1:"));
        CHECK(contains(e, "--labels-layout"));
        const auto videos = parse_multi_labels("a 1 2\nb 3 0\n", "l.txt", 4, label_layout::video_list);
        CHECK(row(videos, 1) == std::vector<int>{1, 0, 0, 1});
        const auto frames = parse_multi_labels("a 1 2\nb 3 0\n", "l.txt", 4, label_layout::rawframe_list);
        CHECK(row(frames, 1) == std::vector<int>{1, 0, 0, 0});
    }
    SECTION("integers out of range are an error at the first one, never numeric paths guessed") {
        const auto e = error_text([] { (void)parse_multi_labels("1 2\n3 7\n", "l.txt", 4); });
        CHECK(contains(e, "l.txt:2:3: expected a class label in [0, 4)"));
        CHECK(contains(e, "numeric video names"));
        const auto named = parse_multi_labels("74225 1 2\n9 3\n", "l.txt", 4, label_layout::video_list);
        CHECK(row(named, 0) == std::vector<int>{0, 1, 1, 0});
    }
    SECTION("a non-integer after the first column is an error where it is") {
        CHECK(contains(error_text([] { (void)parse_multi_labels("a 1 x\n", "l.txt", 4); }), "l.txt:1:5: expected an integer"));
        CHECK(contains(error_text([] { (void)parse_multi_labels("a 1\n\nb 2\n", "l.txt", 4); }), "l.txt:2:"));
    }
    SECTION("without a class count the width is the largest label + 1") {
        CHECK(parse_multi_labels("0\n5\n", "l.txt", 0).cols() == 6);
    }
}

TEST_CASE("load_labels and load_multi_labels read .npy, JSON and pickles", "[metrics][inputs]") {
    if (!vidata::test::python_oracle_available()) return;
    temp_dir dir;
    make_python_files(dir);

    SECTION(".npy: 1-D labels, one-hot rows, multi-hot matrices") {
        CHECK(vidata::load_labels(dir / "labels_1d.npy", 3) == std::vector<std::int64_t>{2, 0, 1});
        CHECK(vidata::load_labels(dir / "labels_onehot.npy", 3) == std::vector<std::int64_t>{2, 0});
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "labels_1d.npy", 2); }), "labels_1d.npy at [0]: expected a class label in [0, 2), got '2'"));
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "labels_twohot.npy", 3); }), "at [0]: expected exactly one label per item"));
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "labels_float.npy", 3); }), "an integer array of class labels"));

        const auto m = vidata::load_multi_labels(dir / "multi_bool.npy", 3);
        REQUIRE((m.rows() == 2 && m.cols() == 3));
        CHECK((m(0, 0) == 1 && m(0, 1) == 0 && m(0, 2) == 1));
        CHECK(m.row(1).sum() == 0);
        CHECK(vidata::load_multi_labels(dir / "labels_1d.npy", 3)(0, 2) == 1);
        CHECK(contains(error_text([&] { (void)vidata::load_multi_labels(dir / "multi_two.npy", 3); }),
                       "multi_two.npy at [1, 1]: expected a multi-hot entry, 0 or 1, got '2'"));
        CHECK(contains(error_text([&] { (void)vidata::load_multi_labels(dir / "multi_bool.npy", 4); }), "4 columns, one per class"));
    }
    SECTION("pickles: MMAction2's pose annotations (dicts with 'label') and lists of label lists") {
        CHECK(vidata::load_labels(dir / "pose.pkl", 5) == std::vector<std::int64_t>{0, 4});
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "pose.pkl", 4); }), "pose.pkl at [1]['label']: expected a class label in [0, 4)"));
        const auto m = vidata::load_multi_labels(dir / "multi.pkl", 4);
        REQUIRE(m.rows() == 3);
        CHECK((m(0, 0) == 1 && m(0, 2) == 1 && m(1, 1) == 1 && m(2, 3) == 1));
        CHECK(m.sum() == 4);
    }
    SECTION("JSON: labels, arrays of labels, MMAction2's annotation objects") {
        write_file(dir / "l.json", R"([{"frame_dir": "a", "total_frames": 10, "label": [2]}, 1, [0]])");
        CHECK(vidata::load_labels(dir / "l.json", 3) == std::vector<std::int64_t>{2, 1, 0});
        write_file(dir / "m.json", R"([{"filename": "a.mp4", "label": [0, 2]}, [], [1]])");
        const auto m = vidata::load_multi_labels(dir / "m.json", 3);
        CHECK((m(0, 0) == 1 && m(0, 2) == 1 && m.row(1).sum() == 0 && m(2, 1) == 1));
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "m.json", 3); }), "at [0]: expected exactly one label per item"));
        write_file(dir / "bad.json", R"([{"label": [0, 3.5]}])");
        CHECK(contains(error_text([&] { (void)vidata::load_multi_labels(dir / "bad.json", 4); }), "bad.json at /0/label/1: expected a class label in [0, 4)"));
        write_file(dir / "nolabel.json", R"([{"frame_dir": "a"}])");
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "nolabel.json", 4); }), "nolabel.json at /0: expected an object with a member 'label'"));
    }
    SECTION("text files through load_labels, with the layout option") {
        write_file(dir / "list.txt", "a 12 1\nb 7 2\n");
        CHECK(vidata::load_labels(dir / "list.txt", 3) == std::vector<std::int64_t>{1, 2});
        CHECK(vidata::load_multi_labels(dir / "list.txt", 3, {vidata::input_format::automatic, vidata::label_layout::rawframe_list})
                  .row(1)
                  .sum() == 1);
        CHECK(contains(error_text([&] { (void)vidata::load_labels(dir / "list.txt", 2); }), "list.txt:2:5: expected a class label in [0, 2), got '2'"));
    }
}
