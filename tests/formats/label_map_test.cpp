// SPDX-License-Identifier: Apache-2.0
// label_map: label-map text files in their plain and numbered forms, read, written and refused.
#include "support.hpp"

#include <vidata/formats/label_map.hpp>

#include <string>
#include <vector>

namespace label_map_test {

using vidata::formats::label_map;
using vidata::formats::label_map_entry;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)label_map::parse(text, "label_map.txt"); });
}


TEST_CASE("formats/label_map: one class per line, names kept with their spaces or underscores", "[formats][label_map]") {
    const std::string text = "abseiling\nair drumming\nballoon_blowing\n";
    const auto entries = label_map::parse(text, "label_map.txt");
    REQUIRE(entries.size() == 3);
    CHECK(entries[0] == label_map_entry{"abseiling", std::nullopt});
    CHECK(entries[1] == label_map_entry{"air drumming", std::nullopt});
    CHECK(entries[2] == label_map_entry{"balloon_blowing", std::nullopt});
    CHECK(vidata::format_annotations<label_map>(entries) == text);
    // CRLF, surrounding blanks and blank lines at the end are what hand-edited files hold.
    CHECK(label_map::parse(" abseiling \r\nzumba\r\n\r\n\n", "label_map.txt") ==
          std::vector<label_map_entry>{{"abseiling", std::nullopt}, {"zumba", std::nullopt}});
}

TEST_CASE("formats/label_map: the numbered form '<id>: <name>' (AVA, MultiSports)", "[formats][label_map]") {
    const std::string text = "1: bend/bow (at the waist)\n3: crouch/kneel\n";
    const auto entries = label_map::parse(text, "label_map.txt");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0] == label_map_entry{"bend/bow (at the waist)", 1});
    CHECK(entries[1] == label_map_entry{"crouch/kneel", 3});
    CHECK(vidata::format_annotations<label_map>(entries) == text);
}

TEST_CASE("formats/label_map: malformed files", "[formats][label_map]") {
    CHECK(error_of("a\n\nb\n") ==
          "[vidata.parse_error] label_map.txt:2: expected a class name (a blank line between names would shift the class indices), got ''");
    CHECK(label_map::parse("a\nb\na\n", "label_map.txt").size() == 3);  // names may repeat (gym99 below); ids may not
    CHECK(error_of("1: a\nb\n") == "[vidata.parse_error] label_map.txt:2: expected '<id>: <name>' like the first line of the file, got 'b'");
    CHECK(error_of("1: a\n1: b\n") == "[vidata.parse_error] label_map.txt:2:1: expected a class id not given before, got '1'");
    CHECK(error_of("99999999999: a\n") ==
          "[vidata.parse_error] label_map.txt:1:1: expected a class id within the range of an int, got '99999999999'");
    CHECK_THROWS_AS(vidata::format_annotations<label_map>(std::vector<label_map_entry>{{"two\nlines", std::nullopt}}),
                    vidata::invalid_argument);
    CHECK_THROWS_AS(vidata::format_annotations<label_map>(std::vector<label_map_entry>{{"a", 1}, {"b", std::nullopt}}),
                    vidata::invalid_argument);
    // Found by the fuzzer: a blank then a byte-order mark on the first line leaves a name starting with the mark,
    // which, written first in a file, reading would drop. The writer refuses it rather than change the name.
    const auto bom_named = label_map::parse(" \xEF\xBB\xBF" "11.2\n", "label_map.txt");
    REQUIRE(bom_named.size() == 1);
    CHECK(bom_named[0].name == "\xEF\xBB\xBF" "11.2");
    CHECK_THROWS_AS(vidata::format_annotations<label_map>(bom_named), vidata::invalid_argument);
}

TEST_CASE("formats/label_map: claims label_map*.txt and AVA's ava_file_names_*.txt only", "[formats][label_map]") {
    using namespace label_map_test;
    CHECK(label_map::detect("data/label_map_k400.txt", ""));
    CHECK(label_map::detect("tools/data/ava/label_map.txt", ""));
    CHECK(label_map::detect("data/ava/annotations/ava_file_names_trainval_v2.1.txt", ""));
    CHECK_FALSE(label_map::detect("classInd.txt", ""));
    CHECK_FALSE(label_map::detect("label_map.json", ""));
    CHECK_FALSE(label_map::detect("ava_file_names_trainval_v2.1.csv", ""));
}

TEST_CASE("formats/label_map: AVA's video file-name list reads as one name per line", "[formats][label_map]") {
    using namespace label_map_test;
    // The first lines of ava_file_names_trainval_v2.1.txt as the download script reads them (`while read vid`):
    // YouTube ids may start with '-' or a digit, which must not read as the numbered form's "<id>:".
    const std::string text = "-5KQ66BBWC4.mkv\n053oq2xB3oU.mkv\n0f39OWEqJ24.mp4\n";
    const auto names = label_map::parse(text, "ava_file_names_trainval_v2.1.txt");
    REQUIRE(names.size() == 3);
    CHECK(names[0] == label_map_entry{"-5KQ66BBWC4.mkv", std::nullopt});
    CHECK(names[1].name == "053oq2xB3oU.mkv");
    CHECK(names[2].name == "0f39OWEqJ24.mp4");
    CHECK(vidata::format_annotations<label_map>(names) == text);
}

TEST_CASE("formats/label_map: MMAction2's label maps", "[formats][label_map][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto tools = *dir / "mmaction2_tools_data";
    // Counts and ends read with `wc -l` and `head`/`tail`.
    struct expectation {
        const char* file;
        std::size_t count;
        label_map_entry first, last;
    };
    const expectation files[] = {
        {"kinetics/label_map_k400.txt", 400, {"abseiling", std::nullopt}, {"zumba", std::nullopt}},
        {"kinetics/label_map_k600.txt", 600, {"abseiling", std::nullopt}, {"zumba", std::nullopt}},
        {"sthv2/label_map.txt", 174, {"Approaching something with your camera", std::nullopt}, {"Wiping something off of something", std::nullopt}},
        {"ava/label_map.txt", 60, {"bend/bow (at the waist)", 1}, {"watch (a person)", 80}},
        {"multisports/label_map.txt", 66, {"aerobic_push_up", 0}, {"basketball_jump_ball", 65}},
        {"ucf101/label_map.txt", 101, {"ApplyEyeMakeup", std::nullopt}, {"YoYo", std::nullopt}},
    };
    for (const auto& e : files) {
        INFO(e.file);
        const auto path = tools / e.file;
        const auto entries = vidata::read_annotations<label_map>(path);
        REQUIRE(entries.size() == e.count);
        CHECK(entries.front() == e.first);
        CHECK(entries.back() == e.last);
        CHECK(vidata::format_annotations<label_map>(entries) == vidata::test::read_file(path));
    }
    // gym99 names two elements alike (lines 59 and 71); both are kept, at their own indices.
    const auto gym = vidata::read_annotations<label_map>(tools / "gym/label_map.txt");
    REQUIRE(gym.size() == 99);
    CHECK(gym[58].name == "(BB) salto backward tucked");
    CHECK(gym[70].name == "(BB) salto backward tucked");
    // Every label map of the tools reads and writes back byte for byte.
    for (const auto& file : std::filesystem::recursive_directory_iterator(tools)) {
        if (!label_map::detect(file.path(), "")) continue;
        INFO(file.path().string());
        const auto entries = vidata::read_annotations<label_map>(file.path());
        CHECK(vidata::format_annotations<label_map>(entries) == vidata::test::read_file(file.path()));
    }
}

}  // namespace label_map_test
