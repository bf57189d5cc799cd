// SPDX-License-Identifier: Apache-2.0
// vidata::formats::kinetics_csv: the Kinetics CSVs with and without labels, quoted labels, class-name spellings, byte-exact writing.
#include "support.hpp"

#include <vidata/formats/kinetics_csv.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace kinetics_csv_test {

using vidata::formats::kinetics_csv;
using vidata::formats::kinetics_csv_row;

std::vector<kinetics_csv_row> parse(const std::string& text) { return vidata::parse_annotations<kinetics_csv>(text, "val.csv"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

kinetics_csv_row row(std::optional<std::string> label, std::string id, double start, double end, std::string split,
                     std::optional<int> cc = std::nullopt, bool quoted = false) {
    kinetics_csv_row r;
    r.label = std::move(label);
    r.youtube_id = std::move(id);
    r.time_start = start;
    r.time_end = end;
    r.split = std::move(split);
    r.is_cc = cc;
    r.quoted_label = quoted;
    return r;
}

// The class list of a label_map_k400.txt, one name per line, split here without the code under test.
std::vector<std::string> names_of(const std::string& text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) names.push_back(text.substr(start, nl - start));
    return names;
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/kinetics_csv: reads labelled rows, quoted labels and the is_cc column", "[formats][kinetics_csv]") {
    const auto rows = parse("label,youtube_id,time_start,time_end,split,is_cc\n"
                            "abseiling,0wR5jVB-WPk,417,427,val,0\n"
                            "\"air drumming\",--nQbRBEz2s,104,114,val,1\n"
                            "\"petting animal, not cat\",abc,1.5,11.5,train,0\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == row("abseiling", "0wR5jVB-WPk", 417, 427, "val", 0));
    CHECK(rows[1] == row("air drumming", "--nQbRBEz2s", 104, 114, "val", 1, true));
    // A label with a comma needs its quotes: they are not a quirk to remember.
    CHECK(rows[2] == row("petting animal, not cat", "abc", 1.5, 11.5, "train", 0, false));
    CHECK(vidata::formats::kinetics_clip_name(rows[0]) == "0wR5jVB-WPk_000417_000427");
    CHECK(vidata::formats::kinetics_clip_name(rows[2]) == "abc_000001_000011");
    CHECK(vidata::formats::kinetics_class_key("\"air drumming\"") == "air_drumming");
}

TEST_CASE("formats/kinetics_csv: reads test files without a label column", "[formats][kinetics_csv]") {
    const auto rows = parse("youtube_id,time_start,time_end,split\r\n--6bJUbfpnQ,17,27,test\r\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == row(std::nullopt, "--6bJUbfpnQ", 17, 27, "test"));
}

TEST_CASE("formats/kinetics_csv: writes each file's own quoting back byte for byte", "[formats][kinetics_csv]") {
    const std::string k400 = "label,youtube_id,time_start,time_end,split,is_cc\n"
                             "\"air drumming\",--nQbRBEz2s,104,114,val,0\n"
                             "zumba,ZVDR2od1gn8,37,47,val,1\n";
    CHECK(vidata::format_annotations<kinetics_csv>(parse(k400)) == k400);
    const std::string k600 = "label,youtube_id,time_start,time_end,split\nair drumming,x,1,11,val\n\"a, b\",y,2.25,12,train\n";
    CHECK(vidata::format_annotations<kinetics_csv>(parse(k600)) == k600);
    const std::string test = "youtube_id,time_start,time_end,split\n--6bJUbfpnQ,17,27,test\n";
    CHECK(vidata::format_annotations<kinetics_csv>(parse(test)) == test);
    CHECK(vidata::format_annotations<kinetics_csv>(std::vector<kinetics_csv_row>{}) == "label,youtube_id,time_start,time_end,split\n");
    const std::vector<kinetics_csv_row> mixed{row("a", "x", 0, 10, "val"), row(std::nullopt, "y", 0, 10, "test")};
    CHECK_THROWS_AS(vidata::format_annotations<kinetics_csv>(mixed), vidata::invalid_argument);
}

TEST_CASE("formats/kinetics_csv: malformed rows are parse errors naming the row and column", "[formats][kinetics_csv]") {
    const std::string header = "label,youtube_id,time_start,time_end,split\n";
    CHECK(error_of("label,youtube_id,time_start,split\na,b,1,val\n") ==
          "[vidata.parse_error] val.csv:1:1: expected a header with a column named 'time_end', got 'label,youtube_id,time_start,split'");
    CHECK(error_of(header + "a,b,1,11\n") == "[vidata.parse_error] val.csv:2:9: expected 5 fields as in the header but the record has 4, got 'a,b,1,11'");
    CHECK(error_of(header + "a,b,x1,11,val\n") == "[vidata.parse_error] val.csv:2:5: expected a start time in seconds, got 'x1'");
    CHECK(error_of(header + "a,b,12,11,val\n") == "[vidata.parse_error] val.csv:2:8: expected an end time not before the start time, got '11'");
    CHECK(error_of(header + ",b,1,11,val\n") == "[vidata.parse_error] val.csv:2:1: expected a class name, got ''");
    CHECK(error_of(header + "\"a,b,1,11,val\n") ==
          "[vidata.parse_error] val.csv:2:1: expected a closing \" for the quoted field that starts here, got '\"a,b,1,11,val'");
    CHECK(error_of("label,youtube_id,time_start,time_end,split,is_cc\na,b,1,11,val,2\n") ==
          "[vidata.parse_error] val.csv:2:14: expected 0 or 1, got '2'");
    CHECK(error_of(header + "a,b,1,11,val\nc,b,1,11,val\n") ==
          "[vidata.parse_error] val.csv:3:3: expected a clip (youtube_id, time_start, time_end) not listed before (it is on line 2), got 'b'");
    // The same video with other times is another clip (Kinetics-600 val has six such pairs).
    CHECK(parse(header + "a,b,1,11,val\nc,b,20,30,val\n").size() == 2);
}

TEST_CASE("formats/kinetics_csv: repeats are checked in batches, errors still come in file order", "[formats][kinetics_csv]") {
    const std::string header = "label,youtube_id,time_start,time_end,split\n";
    std::string rows;
    for (int i = 0; i < 40; ++i) rows += "a,v" + std::to_string(i) + ",1,11,val\n";  // lines 2..41
    // A repeat far from its first line, in a later batch, and in the middle of one.
    CHECK(error_of(header + rows + "a,v3,1,11,val\n") ==
          "[vidata.parse_error] val.csv:42:3: expected a clip (youtube_id, time_start, time_end) not listed before (it is on line 5), got 'v3'");
    CHECK(error_of(header + "a,x,1,11,val\na,x,1.0,11,val\n" + rows) ==
          "[vidata.parse_error] val.csv:3:3: expected a clip (youtube_id, time_start, time_end) not listed before (it is on line 2), got 'x'");
    // A malformed row right after a repeat (its batch not yet checked): the repeat, which comes first, is the error.
    CHECK(error_of(header + "a,x,1,11,val\na,x,1,11,val\na,y,oops,11,val\n") ==
          "[vidata.parse_error] val.csv:3:3: expected a clip (youtube_id, time_start, time_end) not listed before (it is on line 2), got 'x'");
    // A malformed row before a repeat: the malformed row.
    CHECK(error_of(header + "a,x,1,11,val\na,y,oops,11,val\na,x,1,11,val\n") ==
          "[vidata.parse_error] val.csv:3:5: expected a start time in seconds, got 'oops'");
    // A row the CSV reader refuses (an unclosed quote) right after a repeat: the repeat.
    CHECK(error_of(header + "a,x,1,11,val\na,x,1,11,val\n\"a,z,1,11,val\n").find("not listed before (it is on line 2)") != std::string::npos);
    CHECK(parse(header + rows).size() == 40);
}

TEST_CASE("formats/kinetics_csv: a class list resolves labels spelt with spaces or underscores", "[formats][kinetics_csv]") {
    const std::vector<std::string> classes{"abseiling", "air drumming", "zumba"};
    const std::string text = "label,youtube_id,time_start,time_end,split\n\"air drumming\",a,0,10,val\nair_drumming,b,0,10,val\nzumba,c,0,10,val\n";
    const auto rows = kinetics_csv::parse(text, "val.csv", classes);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].label_id == 1);
    CHECK(rows[1].label_id == 1);
    CHECK(rows[2].label_id == 2);
    const std::vector<std::string> underscored{"abseiling", "air_drumming"};
    CHECK(kinetics_csv::parse(text.substr(0, text.find("zumba")), "val.csv", underscored)[0].label_id == 1);
    const auto unknown = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)kinetics_csv::parse(text, "val.csv", underscored); });
    CHECK(unknown == "[vidata.parse_error] val.csv:4:1: expected a class name of the class list, got 'zumba'");
}

TEST_CASE("formats/kinetics_csv: detects the Kinetics headers only", "[formats][kinetics_csv]") {
    CHECK(kinetics_csv::detect("any.csv", "label,youtube_id,time_start,time_end,split,is_cc\nabseiling,"));
    CHECK(kinetics_csv::detect("any.csv", "youtube_id,time_start,time_end,split\r\n--6b"));
    CHECK_FALSE(kinetics_csv::detect("any.csv", "Tags,youtube_id,time_start,time_end\n"));
    CHECK_FALSE(kinetics_csv::detect("any.csv", "label,youtube_id,time_start,time_end,split,extra\n"));
}

TEST_CASE("formats/kinetics_csv: the Kinetics-400 and -600 validation and test CSVs", "[formats][kinetics_csv][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto root = *dir / "activitynet_repo/Crawler/Kinetics/data";
    const auto k400_text = vidata::test::read_file(root / "kinetics-400_val.csv");
    const auto classes = names_of(vidata::test::read_file(*dir / "mmaction2_tools_data/kinetics/label_map_k400.txt"));
    REQUIRE(classes.size() == 400);
    // Python's csv: 19906 rows, 400 labels, 519 with is_cc 1; row 0 abseiling,0wR5jVB-WPk,417,427,val,0; row 50 is the
    // first "air drumming" (--nQbRBEz2s, 104-114, class 1 of label_map_k400.txt); the last zumba,ZVDR2od1gn8,37,47 (class 399).
    const auto start = std::chrono::steady_clock::now();
    const auto k400 = kinetics_csv::parse(k400_text, "kinetics-400_val.csv", classes);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(k400.size() == 19906);
    auto first = row("abseiling", "0wR5jVB-WPk", 417, 427, "val", 0);
    first.label_id = 0;
    CHECK(k400[0] == first);
    CHECK(k400[50].label == "air drumming");
    CHECK(k400[50].quoted_label);
    CHECK(k400[50].label_id == 1);
    CHECK(k400.back().youtube_id == "ZVDR2od1gn8");
    CHECK(k400.back().label_id == 399);
    std::size_t cc = 0;
    for (const auto& r : k400) cc += r.is_cc == 1;
    CHECK(cc == 519);
    CHECK(vidata::format_annotations<kinetics_csv>(k400) == k400_text);
    WARN("kinetics-400_val.csv (" << k400_text.size() << " bytes) parsed with class resolution in " << seconds * 1e3 << " ms");

    // Kinetics-600 val: 30000 rows, no is_cc, no quotes; the last is zumba,xDd6uIBeMEA,1,11,val.
    const auto k600_text = vidata::test::read_file(root / "kinetics-600_val.csv");
    const auto k600 = kinetics_csv::parse(k600_text, "kinetics-600_val.csv");
    REQUIRE(k600.size() == 30000);
    CHECK(k600.back() == row("zumba", "xDd6uIBeMEA", 1, 11, "val"));
    CHECK(vidata::format_annotations<kinetics_csv>(k600) == k600_text);

    for (const auto* file : {"kinetics-400_test.head200.csv", "kinetics-600_test.head200.csv"}) {
        const auto text = vidata::test::read_file(root / file);
        const auto rows = kinetics_csv::parse(text, file);
        CHECK(rows.size() == 200);
        CHECK_FALSE(rows.front().label.has_value());
        CHECK(vidata::format_annotations<kinetics_csv>(rows) == text);
    }
    CHECK(vidata::read_annotations<kinetics_csv>(root / "kinetics-400_test.head200.csv").front() ==
          row(std::nullopt, "--6bJUbfpnQ", 17, 27, "test"));
}

}  // namespace kinetics_csv_test
