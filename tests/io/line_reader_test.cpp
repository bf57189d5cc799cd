// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::line_reader, vidata::lines() and vidata::field_list: terminators, BOM, fields, typed conversion, errors.
#include <vidata/io/fields.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/read_file.hpp>

#include "support.hpp"

#include <filesystem>
#include <iterator>
#include <limits>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

namespace {

struct collected {
    std::vector<std::string> texts;
    std::vector<std::size_t> numbers;
    std::vector<std::size_t> offsets;
};

collected collect(std::string_view buffer, vidata::line_options options = {}) {
    collected out;
    for (const auto& line : vidata::lines(buffer, "t.txt", options)) {
        out.texts.emplace_back(line.text());
        out.numbers.push_back(line.number());
        out.offsets.push_back(line.offset());
    }
    return out;
}

using strings = std::vector<std::string>;

template <class F>
std::string line_error_of(F&& f) {
    return vidata::test::message_of<vidata::parse_error>(std::forward<F>(f));
}

}  // namespace

static_assert(std::input_iterator<vidata::line_reader::iterator>);
static_assert(std::ranges::input_range<vidata::line_reader>);

TEST_CASE("line_reader: LF, CRLF, a final line without newline", "[io][line_reader]") {
    CHECK(collect("").texts.empty());
    CHECK(collect("a\nb\n").texts == strings{"a", "b"});
    CHECK(collect("a\nb").texts == strings{"a", "b"});
    CHECK(collect("a\r\nb\r\n").texts == strings{"a", "b"});
    CHECK(collect("a\r\nb").texts == strings{"a", "b"});
    CHECK(collect("a\r\nb\r").texts == strings{"a", "b"});
    CHECK(collect("\n").texts == strings{""});
    CHECK(collect("\n\n").texts == strings{"", ""});
    CHECK(collect("a\n\nb\n").texts == strings{"a", "", "b"});
    // A lone CR is data (classic Mac OS files are not supported), a CR before CRLF stays in the line.
    CHECK(collect("a\rb\n").texts == strings{"a\rb"});
    CHECK(collect("a\r\r\n").texts == strings{"a\r"});

    const auto c = collect("first\r\nsecond\nthird");
    CHECK(c.numbers == std::vector<std::size_t>{1, 2, 3});
    CHECK(c.offsets == std::vector<std::size_t>{0, 7, 14});
}

TEST_CASE("line_reader: byte-order mark", "[io][line_reader]") {
    const std::string with_bom = "\xEF\xBB\xBF" "abc 1\nd\n";
    const auto skipped = collect(with_bom);
    CHECK(skipped.texts == strings{"abc 1", "d"});
    CHECK(skipped.offsets == std::vector<std::size_t>{3, 9});
    CHECK(collect(with_bom, {.skip_bom = false}).texts == strings{"\xEF\xBB\xBF" "abc 1", "d"});
    // Columns count from after the BOM.
    for (const auto& line : vidata::lines(with_bom, "bom.txt")) {
        if (line.number() == 1) CHECK(line.fields()[1].column == 5);
    }
}

TEST_CASE("line_reader: next(), source name, remaining, move", "[io][line_reader]") {
    vidata::line_reader reader("x y\nz\n", std::string("list.txt"));
    vidata::text_line line;
    REQUIRE(reader.next(line));
    CHECK(line.text() == "x y");
    CHECK(line.source() == "list.txt");
    CHECK(reader.lines_read() == 1);
    CHECK(reader.remaining() == "z\n");
    // Lines keep pointing at the name after the reader moves.
    vidata::line_reader moved = std::move(reader);
    REQUIRE(moved.next(line));
    CHECK(line.text() == "z");
    CHECK(line.number() == 2);
    CHECK(line.source() == "list.txt");
    CHECK_FALSE(moved.next(line));
    CHECK_FALSE(moved.next(line));
}

TEST_CASE("fields: whitespace runs as Python's str.split()", "[io][line_reader]") {
    // Python: "  v_a  12\t3 \r".split() == ['v_a', '12', '3']
    vidata::field_list f;
    f.assign_whitespace("  v_a  12\t3 \v");
    REQUIRE(f.size() == 3);
    CHECK(f[0].text == "v_a");
    CHECK(f[0].column == 3);
    CHECK(f[1].text == "12");
    CHECK(f[1].column == 8);
    CHECK(f[2].text == "3");
    CHECK(f[2].column == 11);
    f.assign_whitespace("   ");
    CHECK(f.empty());
    f.assign_whitespace("");
    CHECK(f.empty());
}

TEST_CASE("fields: a delimiter as Python's str.split(',')", "[io][line_reader]") {
    // Python: "a,,b,".split(',') == ['a', '', 'b', '']; "".split(',') == ['']
    vidata::field_list f;
    f.assign_delimited("a,,b,", ',');
    REQUIRE(f.size() == 4);
    CHECK(f[0].text == "a");
    CHECK(f[1].text.empty());
    CHECK(f[1].column == 3);
    CHECK(f[2].text == "b");
    CHECK(f[2].column == 4);
    CHECK(f[3].text.empty());
    CHECK(f[3].column == 6);
    f.assign_delimited("", ',');
    REQUIRE(f.size() == 1);
    CHECK(f[0].text.empty());
    f.assign_delimited("a b  c", ' ');
    CHECK(f.size() == 4);
    f.assign_delimited("1;2", ';');
    CHECK(f.size() == 2);
}

TEST_CASE("fields: more than the inline capacity", "[io][line_reader]") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += std::to_string(i) + " ";
    vidata::field_list f;
    f.assign_whitespace(text);
    REQUIRE(f.size() == 40);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < f.size(); ++i) sum += f.integer(i);
    CHECK(sum == 780);  // 0 + 1 + ... + 39
    CHECK(std::distance(f.begin(), f.end()) == 40);
    CHECK(f[39].text == "39");
    // Reuse: shorter again.
    f.assign_whitespace("a b");
    CHECK(f.size() == 2);
    CHECK(f[1].text == "b");
    // Copies keep their own storage.
    f.assign_whitespace(text);
    const vidata::field_list copy = f;
    f.assign_whitespace("z");
    CHECK(copy.size() == 40);
    CHECK(copy[20].text == "20");
}

TEST_CASE("fields: typed conversion", "[io][line_reader]") {
    vidata::field_list f;
    f.assign_whitespace("v_Apply 120 -3 +7 0.5 1e3 -inf nan 9223372036854775807 007", "t.txt", 4);
    CHECK(f.text(0) == "v_Apply");
    CHECK(f.integer(1) == 120);
    CHECK(f.integer(2) == -3);
    CHECK(f.integer(3) == 7);  // Python's int('+7')
    CHECK(f.number(4) == 0.5);
    CHECK(f.number(5) == 1000.0);
    CHECK(f.number(6) == -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(f.number(7)));
    CHECK(f.integer(8) == std::numeric_limits<std::int64_t>::max());
    CHECK(f.integer(9) == 7);
    CHECK(f.value<std::uint8_t>(1) == 120);
    CHECK(f.value<float>(4) == 0.5f);
    CHECK(f.number(1) == 120.0);
    // Python's int(' 5 ') == 5: blanks inside a delimited field are tolerated.
    f.assign_delimited("a, 5 ,x", ',', "t.csv", 1);
    CHECK(f.integer(1) == 5);
}

TEST_CASE("fields: conversion errors name file, line, column, expectation and text", "[io][line_reader]") {
    const std::string text = "v_ApplyEyeMakeup_g08_c01 12\nv_Apply x12 0\n";
    std::vector<vidata::field_list> all;
    // The field lists view the reader's source name, so the reader must outlive them.
    auto reader = vidata::lines(text, "ucf101_train_split_1_rawframes.txt");
    for (const auto& line : reader) all.push_back(line.fields());
    REQUIRE(all.size() == 2);
    CHECK(all[0].integer(1, "an integer frame count") == 12);

    CHECK(line_error_of([&] { (void)all[1].integer(1, "an integer frame count"); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:2:9: expected an integer frame count, got 'x12'");
    CHECK(line_error_of([&] { (void)all[1].integer(1); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:2:9: expected an integer, got 'x12'");
    CHECK(line_error_of([&] { (void)all[1].number(0); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:2:1: expected a number, got 'v_Apply'");
    // A missing field points after the end of the line and shows the line.
    CHECK(line_error_of([&] { (void)all[0].integer(2, "an integer label"); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:1:28: expected an integer label as field 3, got "
          "'v_ApplyEyeMakeup_g08_c01 12'");
    CHECK(line_error_of([&] { all[0].expect_count(3, "frame_dir total_frames label"); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:1:28: expected 3 fields (frame_dir total_frames "
          "label) but the line has 2, got 'v_ApplyEyeMakeup_g08_c01 12'");
    CHECK(line_error_of([&] { all[1].expect_count(2); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:2:13: expected 2 fields but the line has 3, got 'v_Apply x12 0'");
    CHECK_NOTHROW(all[1].expect_at_least(3));
    CHECK(line_error_of([&] { all[0].expect_at_least(3); }) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:1:28: expected at least 3 fields but the line has 2, got "
          "'v_ApplyEyeMakeup_g08_c01 12'");
    CHECK(std::string(all[1].error(2, "a label in [0, 101)").what()) ==
          "[vidata.parse_error] ucf101_train_split_1_rawframes.txt:2:13: expected a label in [0, 101), got '0'");

    // The exception carries the parts separately too.
    try {
        (void)all[1].integer(1, "an integer frame count");
        FAIL("no exception");
    } catch (const vidata::parse_error& e) {
        CHECK(e.file() == "ucf101_train_split_1_rawframes.txt");
        CHECK(e.line() == 2);
        CHECK(e.column() == 9);
        CHECK(e.expected() == "an integer frame count");
        CHECK(e.found() == "x12");
    }
}

TEST_CASE("fields: numbers refused", "[io][line_reader]") {
    vidata::field_list f;
    f.assign_whitespace("12abc 1.5 0x10 1_000 + - 99999999999999999999 300 -1 1e400 --1 +-1 . 1e", "n.txt", 1);
    for (std::size_t i : {0u, 1u, 2u, 3u, 4u, 5u, 10u, 11u, 12u}) {
        INFO("field " << i << " '" << f[i].text << "'");
        CHECK_THROWS_AS(f.integer(i), vidata::parse_error);
    }
    CHECK_THROWS_AS(f.number(12), vidata::parse_error);
    CHECK_THROWS_AS(f.number(13), vidata::parse_error);
    CHECK(line_error_of([&] { (void)f.integer(6, "a frame count"); }) ==
          "[vidata.parse_error] n.txt:1:26: expected a frame count within [-9223372036854775808, 9223372036854775807], got "
          "'99999999999999999999'");
    CHECK(line_error_of([&] { (void)f.value<std::uint8_t>(7); }) ==
          "[vidata.parse_error] n.txt:1:47: expected an integer within [0, 255], got '300'");
    CHECK(line_error_of([&] { (void)f.value<unsigned>(8); }) == "[vidata.parse_error] n.txt:1:51: expected an integer, got '-1'");
    CHECK(line_error_of([&] { (void)f.number(9); }) ==
          "[vidata.parse_error] n.txt:1:54: expected a number within the range of a double, got '1e400'");
}

TEST_CASE("text_line: helpers", "[io][line_reader]") {
    for (const auto& line : vidata::lines("  \t\nx\n", "h.txt")) {
        if (line.number() == 1) {
            CHECK(line.blank());
            CHECK_FALSE(line.empty());
        } else {
            CHECK_FALSE(line.blank());
            CHECK(std::string(line.error("'frame_dir total_frames label'").what()) ==
                  "[vidata.parse_error] h.txt:2: expected 'frame_dir total_frames label', got 'x'");
            CHECK(std::string(line.error(1, "a digit", "x").what()) == "[vidata.parse_error] h.txt:2:1: expected a digit, got 'x'");
            vidata::field_list reused;
            line.fields(reused);
            CHECK(reused.size() == 1);
            line.fields(reused, ',');
            CHECK(reused.size() == 1);
            CHECK(reused.line() == 2);
            CHECK(reused.source() == "h.txt");
        }
    }
}

TEST_CASE("line_reader: real UCF101 split files (CRLF)", "[io][line_reader][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    // Counted independently: `wc -l` of the files (every line ends in CRLF), and the UCF101 README:
    // 9537 training and 3783 testing clips in split 1, 101 classes.
    const auto dir = *fixtures / "ucf101/ucfTrainTestlist";
    struct expectation {
        const char* name;
        std::size_t lines;
    };
    for (const auto& [name, count] : {expectation{"trainlist01.txt", 9537}, expectation{"testlist01.txt", 3783},
                                      expectation{"classInd.txt", 101}}) {
        const std::string text = vidata::read_file(dir / name);
        std::size_t n = 0;
        for (const auto& line : vidata::lines(text, name)) {
            ++n;
            CHECK(line.text().find('\r') == std::string_view::npos);
            CHECK_FALSE(line.text().empty());
        }
        INFO(name);
        CHECK(n == count);
    }

    // trainlist01.txt: "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1" on line 1, and the label of the
    // last line is 101 (YoYo), read off the file with `tail -1`.
    const std::string train = vidata::read_file(dir / "trainlist01.txt");
    std::vector<std::int64_t> labels;
    std::string first;
    for (const auto& line : vidata::lines(train, "trainlist01.txt")) {
        const auto f = line.fields();
        f.expect_count(2, "path label");
        if (line.number() == 1) first = std::string(f.text(0));
        labels.push_back(f.integer(1, "a class index"));
    }
    CHECK(first == "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi");
    CHECK(labels.front() == 1);
    CHECK(labels.back() == 101);

    // classInd.txt: "1 ApplyEyeMakeup" ... "101 YoYo".
    const std::string classes = vidata::read_file(dir / "classInd.txt");
    std::int64_t expected_index = 1;
    std::string last;
    for (const auto& line : vidata::lines(classes, "classInd.txt")) {
        const auto f = line.fields();
        CHECK(f.integer(0, "a class index") == expected_index++);
        last = std::string(f.text(1));
    }
    CHECK(last == "YoYo");
}
