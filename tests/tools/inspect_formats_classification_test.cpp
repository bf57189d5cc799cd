// SPDX-License-Identifier: Apache-2.0
// `vidata inspect` on the "classification" formats: each detected from its official name or header (or named), counted, shown as JSON.
#include "support.hpp"
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace inspect_formats_classification_test {

using vidata::test::run_command;
using vidata::test::shell_quote;

nlohmann::json inspect(const std::filesystem::path& file, const std::string& format = {}) {
    return vidata::test::inspect_json(file, format);
}

struct sample {
    const char* format;
    const char* file;  // the official name, so that detection picks the format
    std::string content;
    std::size_t records;
    nlohmann::json first;
};

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("tools/inspect_formats_classification: each format detected from its file, and by name", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    const sample samples[] = {
        {"ucf101_classind", "classInd.txt", "1 ApplyEyeMakeup\r\n2 ApplyLipstick\r\n", 2, {{"index", 1}, {"name", "ApplyEyeMakeup"}}},
        {"ucf101_split", "trainlist01.txt", "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1\r\n", 1,
         {{"path", "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi"}, {"label", 1}}},
        {"hmdb51_split", "brush_hair_test_split1.txt", "a_0.avi 1 \nb_1.avi 2 \nc_2.avi 0 \n", 3,
         {{"class", "brush_hair"}, {"video", "a_0.avi"}, {"tag", 1}}},
        {"kinetics_csv", "kinetics_val.csv", "label,youtube_id,time_start,time_end,split\n\"air drumming\",--nQbRBEz2s,104,114,val\n", 1,
         {{"label", "air drumming"}, {"youtube_id", "--nQbRBEz2s"}, {"time_start", 104.0}, {"time_end", 114.0}, {"split", "val"}}},
        {"kinetics_json", "k700_2020_val.json",
         "{\"abc\": {\"annotations\": {\"label\": \"testifying\", \"segment\": [84.0, 94.0]}, \"duration\": 10.0, \"subset\": \"validate\"}}",
         1, {{"youtube_id", "abc"}, {"label", "testifying"}, {"segment", {84.0, 94.0}}, {"duration", 10.0}, {"subset", "validate"}}},
        {"sthv1_csv", "something-something-v1-validation.csv", "1;Holding something\n2;Holding something\n", 2,
         {{"id", "1"}, {"label", "Holding something"}}},
        {"sthv1_labels", "something-something-v1-labels.csv", "Holding something\nTurning something upside down\n", 2, "Holding something"},
        {"sthv2_json", "something-something-v2-test.json", "[\r\n{\"id\":\"1420\"},\r\n{\"id\":\"166429\"}\r\n]\r\n", 2, {{"id", "1420"}}},
        {"sthv2_labels", "something-something-v2-labels.json", "{\r\n \"Holding something\":\"0\"\r\n}\r\n", 1,
         {{"template", "Holding something"}, {"index", 0}}},
        {"jester_csv", "jester-v1-test.csv", "1420\n", 1, {{"id", "1420"}}},
        {"jester_labels", "jester-v1-labels.csv", "Swiping Left\nSwiping Right\nThumb Up\n", 3, "Swiping Left"},
        {"diving48_json", "Diving48_V2_test.json", "[{\"vid_name\": \"-mmq0PT-u8k_00155\", \"label\": 0, \"start_frame\": 0, \"end_frame\": 76}]", 1,
         {{"vid_name", "-mmq0PT-u8k_00155"}, {"label", 0}, {"start_frame", 0}, {"end_frame", 76}}},
        {"diving48_vocab", "Diving48_vocab.json", "[[\"Back\", \"15som\", \"05Twis\", \"FREE\"], [\"Back\", \"15som\", \"15Twis\", \"FREE\"]]", 2,
         {"Back", "15som", "05Twis", "FREE"}},
    };
    for (const auto& s : samples) {
        const auto sub = dir / s.format;
        std::filesystem::create_directories(sub);
        const auto file = sub / s.file;
        vidata::test::write_file(file, s.content);
        for (const std::string& format : {std::string(), std::string(s.format)}) {
            INFO(s.format << (format.empty() ? " detected" : " named"));
            const auto j = inspect(file, format);
            CHECK(j["format"] == s.format);
            CHECK(j["records"] == s.records);
            REQUIRE(j["first"].size() >= 1);
            CHECK(j["first"][0] == s.first);
        }
    }
}

TEST_CASE("tools/inspect_formats_classification: a malformed file fails in one line naming file and line", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    const auto file = dir / "classInd.txt";
    vidata::test::write_file(file, "1 ApplyEyeMakeup\r\nx ApplyLipstick\r\n");
    const auto r = run_command(shell_quote(VIDATA_TEST_CLI) + " inspect " + shell_quote(file.string()) + " --json");
    CHECK(r.status != 0);
    CHECK(r.output.find("classInd.txt:2:1: expected a 1-based class index, got 'x'") != std::string::npos);
}

TEST_CASE("tools/inspect_formats_classification: the real fixtures are detected and counted", "[tools][inspect][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const struct {
        const char* file;
        const char* format;
        std::size_t records;
    } files[] = {
        {"ucf101/ucfTrainTestlist/classInd.txt", "ucf101_classind", 101},
        {"ucf101/ucfTrainTestlist/trainlist01.txt", "ucf101_split", 9537},
        {"ucf101/ucfTrainTestlist/testlist01.txt", "ucf101_split", 3783},
        {"hmdb51/testTrainMulti_7030_splits/brush_hair_test_split1.txt", "hmdb51_split", 107},
        {"activitynet_repo/Crawler/Kinetics/data/kinetics-400_val.csv", "kinetics_csv", 19906},
        {"activitynet_repo/Crawler/Kinetics/data/kinetics-600_test.head200.csv", "kinetics_csv", 200},
        {"sthv2/something-something-v2-validation.first1000.json", "sthv2_json", 1000},
        {"sthv2/something-something-v2-labels.json", "sthv2_labels", 174},
    };
    for (const auto& f : files) {
        INFO(f.file);
        const auto j = inspect(*root / f.file);
        CHECK(j["format"] == f.format);
        CHECK(j["records"] == f.records);
    }
}

}  // namespace inspect_formats_classification_test
