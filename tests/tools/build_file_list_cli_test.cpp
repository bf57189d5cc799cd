// SPDX-License-Identifier: Apache-2.0
// `vidata build-file-list` and `vidata check-layout` on a small UCF-101 tree: the lists equal those of the python
// transcription of MMAction2's tool run in the same directory; check-layout passes the result and finds the faults.
#include "cli_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace build_file_list_cli_test {

namespace fs = std::filesystem;
using vidata::test::write_file;

void frames(const fs::path& dir, int rgb) {
    fs::create_directories(dir);
    char name[64];
    for (int i = 1; i <= rgb; ++i) {
        std::snprintf(name, sizeof name, "img_%05d.jpg", i);
        write_file(dir / name, "");
    }
}

/// data/ucf101 with its annotations and 2 classes x 3 videos of frames.
void ucf101(const fs::path& root) {
    const fs::path ann = root / "data/ucf101/annotations";
    fs::create_directories(ann);
    write_file(ann / "classInd.txt", "1 A\r\n2 B\r\n");
    for (int i = 1; i <= 3; ++i) {
        std::string train, test;
        for (const std::string c : {"A", "B"})
            for (int g = 1; g <= 3; ++g) {
                const std::string v = c + "/v_" + c + "_g0" + std::to_string(g) + "_c01.avi";
                if (g == i) test += v + "\r\n";
                else train += v + (c == "A" ? " 1\r\n" : " 2\r\n");
            }
        write_file(ann / ("trainlist0" + std::to_string(i) + ".txt"), train);
        write_file(ann / ("testlist0" + std::to_string(i) + ".txt"), test);
    }
    int n = 0;
    for (const std::string c : {"A", "B"})
        for (int g = 1; g <= 3; ++g) frames(root / "data/ucf101/rawframes" / c / ("v_" + c + "_g0" + std::to_string(g) + "_c01"), 2 + ++n);
}

std::string in(const fs::path& dir, const std::string& command) { return "cd " + vidata::test::quoted(dir) + " && " + command; }

}  // namespace build_file_list_cli_test

using namespace build_file_list_cli_test;

TEST_CASE("vidata build-file-list: the lists of the python transcription of MMAction2's tool, --shuffle --seed included", "[tools][python]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    ucf101(dir.path());
    const auto r = vidata::test::run_command(
        in(dir.path(), vidata::test::shell_quote(VIDATA_TEST_CLI) + " build-file-list ucf101 data/ucf101/rawframes --shuffle --seed 17 --json"));
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto report = nlohmann::json::parse(r.output);
    REQUIRE(report["lists"].size() == 6);
    CHECK(report["lists"][0]["path"] == "data/ucf101/ucf101_train_split_1_rawframes.txt");
    CHECK(report["lists"][0]["lines"] == 4);

    fs::create_directories(dir / "py/ucf101");
    const auto py = vidata::test::run_command(in(dir.path(), "PYTHONHASHSEED=0 " + vidata::test::shell_quote(VIDATA_TEST_PYTHON3) + " " +
                                                                 vidata::test::shell_quote(std::string(VIDATA_TEST_PYTHON_DIR) + "/build_file_list_reference.py") +
                                                                 " ucf101 data/ucf101/rawframes --shuffle --seed 17 --out-root-path py/"));
    INFO(py.output);
    REQUIRE(py.status == 0);
    for (const auto& e : fs::directory_iterator(dir / "py/ucf101")) {
        CAPTURE(e.path().filename().string());
        CHECK(vidata::test::read_file(e.path()) == vidata::test::read_file(dir / "data/ucf101" / e.path().filename()));
    }

    // The prepared tree is the guide's: check-layout finds nothing and exits 0.
    const auto ok = vidata::test::vidata_cli("check-layout ucf101 " + vidata::test::quoted(dir / "data/ucf101") + " --json");
    INFO(ok.output);
    CHECK(ok.status == 0);
    CHECK(nlohmann::json::parse(ok.output)["differences"].empty());

    // A frame removed: the gap and the list's count (now one above the frames on disk) are reported, exit 1.
    fs::remove(dir / "data/ucf101/rawframes/A/v_A_g02_c01/img_00002.jpg");
    const auto bad = vidata::test::vidata_cli("check-layout ucf101 " + vidata::test::quoted(dir / "data/ucf101") + " --json");
    CHECK(bad.status == 1);
    const auto differences = nlohmann::json::parse(bad.output)["differences"];
    REQUIRE(differences.size() >= 2);
    CHECK(differences[0]["problem"] == "missing RGB frame");
    CHECK(differences[1]["problem"] == "frame count in the list differs from the frames on disk");
    CHECK(differences[1]["expected"] == "3 (on disk)");
    CHECK(differences[1]["found"] == "4");
}

TEST_CASE("vidata build-file-list / check-layout: bad input exits non-zero with one line", "[tools]") {
    vidata::test::temp_dir dir;
    const auto unknown = vidata::test::vidata_cli("build-file-list thumos14 " + vidata::test::quoted(dir.path()));
    CHECK(unknown.status != 0);
    const auto missing = vidata::test::vidata_cli("build-file-list ucf101 " + vidata::test::quoted(dir / "absent") + " 2>&1");
    CHECK(missing.status == 1);
    CHECK(vidata::test::contains(missing.output, "absent"));
    CHECK(vidata::test::line_count(missing.output) == 1);
    const auto split = vidata::test::vidata_cli("build-file-list kinetics400 " + vidata::test::quoted(dir.path()) + " --num-split 3");
    CHECK(split.status == 1);
    CHECK(vidata::test::contains(split.output, "1 split(s)"));
    const auto absent = vidata::test::vidata_cli("check-layout ucf101 " + vidata::test::quoted(dir / "absent"));
    CHECK(absent.status == 1);
    CHECK(vidata::test::contains(absent.output, "not a directory"));
}
