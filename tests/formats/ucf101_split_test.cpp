// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ucf101_split: UCF-101's trainlist0N/testlist0N read, checked against classInd.txt, written back byte for byte.
#include "support.hpp"

#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>

#include <string>
#include <vector>

namespace ucf101_split_test {

using vidata::formats::ucf101_class;
using vidata::formats::ucf101_split;
using vidata::formats::ucf101_split_entry;

std::vector<ucf101_split_entry> parse(const std::string& text, const std::string& source = "trainlist01.txt") {
    return vidata::parse_annotations<ucf101_split>(text, source);
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/ucf101_split: reads train lines with labels and test lines without", "[formats][ucf101_split]") {
    const auto train = parse("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1\r\nYoYo/v_YoYo_g25_c05.avi 101\r\n");
    REQUIRE(train.size() == 2);
    CHECK(train[0] == ucf101_split_entry{"ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi", 1});
    CHECK(train[1] == ucf101_split_entry{"YoYo/v_YoYo_g25_c05.avi", 101});
    CHECK(train[1].class_name() == "YoYo");
    const auto test = parse("ApplyEyeMakeup/v_ApplyEyeMakeup_g01_c01.avi\nArchery/v_Archery_g01_c01.avi", "testlist01.txt");
    REQUIRE(test.size() == 2);
    CHECK(test[1] == ucf101_split_entry{"Archery/v_Archery_g01_c01.avi", std::nullopt});
    CHECK(ucf101_split_entry{"flat.avi", 3}.class_name() == "flat.avi");
}

TEST_CASE("formats/ucf101_split: writes CRLF lines as the official files and round-trips", "[formats][ucf101_split]") {
    const std::string train = "A/v_A_g01_c01.avi 1\r\nB/v_B_g01_c01.avi 2\r\n";
    CHECK(vidata::format_annotations<ucf101_split>(parse(train)) == train);
    const std::string test = "A/v_A_g01_c01.avi\r\nB/v_B_g01_c01.avi\r\n";
    CHECK(vidata::format_annotations<ucf101_split>(parse(test)) == test);
    const auto lf = parse("A/x.avi 1\nB/y.avi 2\n");
    CHECK(parse(vidata::format_annotations<ucf101_split>(lf)) == lf);
}

TEST_CASE("formats/ucf101_split: malformed lines are parse errors at their line", "[formats][ucf101_split]") {
    CHECK(error_of("A/x.avi 1\nB/y.avi one\n") == "[vidata.parse_error] trainlist01.txt:2:9: expected a 1-based class index, got 'one'");
    CHECK(error_of("A/x.avi 0\n") == "[vidata.parse_error] trainlist01.txt:1:9: expected a 1-based class index, got '0'");
    CHECK(error_of("A/x.avi 1 2\n") ==
          "[vidata.parse_error] trainlist01.txt:1:11: expected 'path label' or 'path' (2 fields at most), got '2'");
    CHECK(error_of("A/x.avi 1\n\nB/y.avi 1\n") == "[vidata.parse_error] trainlist01.txt:2: expected 'path label' or 'path', got ''");
    CHECK(error_of("A/x.avi 1\r\nA/x.avi 1\r\n") ==
          "[vidata.parse_error] trainlist01.txt:2:1: expected a video not listed before (it is on line 1), got 'A/x.avi'");
}

TEST_CASE("formats/ucf101_split: read against classInd.txt, unknown classes and wrong labels are errors", "[formats][ucf101_split]") {
    const std::vector<ucf101_class> classes{{1, "ApplyEyeMakeup"}, {2, "Archery"}};
    const auto ok = ucf101_split::parse("Archery/v_Archery_g01_c01.avi 2\nApplyEyeMakeup/v_a.avi\n", "trainlist01.txt", classes);
    CHECK(ok.size() == 2);
    const auto unknown = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)ucf101_split::parse("Archery/a.avi 2\nYoYo/v_YoYo.avi 3\n", "trainlist01.txt", classes); });
    CHECK(unknown == "[vidata.parse_error] trainlist01.txt:2:1: expected a path whose class directory is listed in classInd.txt, "
                     "got 'YoYo/v_YoYo.avi'");
    const auto wrong = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)ucf101_split::parse("Archery/a.avi 1\n", "trainlist01.txt", classes); });
    CHECK(wrong == "[vidata.parse_error] trainlist01.txt:1:15: expected the index classInd.txt gives to 'Archery' (2), got '1'");
}

TEST_CASE("formats/ucf101_split: detects trainlistNN.txt and testlistNN.txt by name", "[formats][ucf101_split]") {
    CHECK(ucf101_split::detect("ucfTrainTestlist/trainlist01.txt", ""));
    CHECK(ucf101_split::detect("testlist03.txt", ""));
    CHECK_FALSE(ucf101_split::detect("trainlist1.txt", ""));
    CHECK_FALSE(ucf101_split::detect("ucf101_train_split_1_rawframes.txt", ""));
}

TEST_CASE("formats/ucf101_split: the official split lists", "[formats][ucf101_split][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto root = *dir / "ucf101/ucfTrainTestlist";
    const auto classes = vidata::read_annotations<vidata::formats::ucf101_classind>(root / "classInd.txt");
    const auto train_text = vidata::test::read_file(root / "trainlist01.txt");
    const auto train = ucf101_split::parse(train_text, "trainlist01.txt", classes);
    // wc -l: 9537 lines; first "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1", last "YoYo/v_YoYo_g25_c05.avi 101".
    REQUIRE(train.size() == 9537);
    CHECK(train.front() == ucf101_split_entry{"ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi", 1});
    CHECK(train.back() == ucf101_split_entry{"YoYo/v_YoYo_g25_c05.avi", 101});
    CHECK(vidata::format_annotations<ucf101_split>(train) == train_text);

    const auto counts = std::vector<std::pair<std::string, std::size_t>>{
        {"trainlist02.txt", 9586}, {"trainlist03.txt", 9624}, {"testlist01.txt", 3783}, {"testlist02.txt", 3734}, {"testlist03.txt", 3696}};
    for (const auto& [file, count] : counts) {
        const auto text = vidata::test::read_file(root / file);
        const auto entries = ucf101_split::parse(text, file, classes);
        CHECK(entries.size() == count);
        CHECK(vidata::format_annotations<ucf101_split>(entries) == text);
    }
    const auto test = vidata::read_annotations<ucf101_split>(root / "testlist02.txt");
    CHECK(test.front() == ucf101_split_entry{"ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi", std::nullopt});
    CHECK(test.back() == ucf101_split_entry{"YoYo/v_YoYo_g14_c04.avi", std::nullopt});
}

}  // namespace ucf101_split_test
