// SPDX-License-Identifier: Apache-2.0
// The `vidata inspect` contract: JSON views that match what Python says a file holds, and one-line errors.
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

using vidata::test::line_count;
using vidata::test::quoted;
using vidata::test::run_command;
using vidata::test::shell_quote;
using vidata::test::vidata_cli;

}  // namespace

TEST_CASE("vidata --version prints the project version", "[tools][inspect]") {
    const auto r = vidata_cli("--version");
    CHECK(r.status == 0);
    CHECK(r.output.find("vidata 0.") == 0);
}

TEST_CASE("inspect --json --full shows a Python-written pickle exactly as Python describes it", "[tools][inspect]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    const auto made = vidata::test::run_python("cli_inspect_cases.py", quoted(dir.path()));
    REQUIRE(made.status == 0);

    const auto r = vidata_cli("inspect --json --full " + quoted(dir / "nested.pkl"));
    REQUIRE(r.status == 0);
    CHECK(line_count(r.output) == 1);  // exactly one JSON object on one line
    const auto got = nlohmann::json::parse(r.output);
    const auto expected = nlohmann::json::parse(vidata::test::read_file(dir / "nested.expected.json"));
    CHECK(got == expected);

    SECTION("the summary counts the dict's entries and describes arrays without their data") {
        const auto s = nlohmann::json::parse(vidata_cli("inspect --json " + quoted(dir / "nested.pkl")).output);
        CHECK(s["format"] == "pickle");
        CHECK(s["type"] == "collections.OrderedDict");
        CHECK(s["records"] == 7);
        REQUIRE(s["first"].size() == 3);
        CHECK(s["first"][0] == nlohmann::json{{"video", "v_ApplyEyeMakeup_g01_c01"}});
        CHECK(s["first"][1] == nlohmann::json{{"3", {1.5, nullptr, true}}});
    }
}

TEST_CASE("inspect --json reports an .npy file's dtype, shape and order as numpy does", "[tools][inspect]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    REQUIRE(vidata::test::run_python("cli_inspect_cases.py", quoted(dir.path())).status == 0);
    const auto r = vidata_cli("inspect --json " + quoted(dir / "scores.npy"));
    REQUIRE(r.status == 0);
    const auto got = nlohmann::json::parse(r.output);
    const auto expected = nlohmann::json::parse(vidata::test::read_file(dir / "scores.expected.json"));
    CHECK(got["dtype"] == expected["dtype"]);
    CHECK(got["shape"] == expected["shape"]);
    CHECK(got["fortran_order"] == expected["fortran_order"]);
    CHECK(got["records"] == 8);

    const auto full = nlohmann::json::parse(vidata_cli("inspect --json --full " + quoted(dir / "scores.npy")).output);
    REQUIRE(full["__ndarray__"]["data"].size() == 40);
    CHECK(full["__ndarray__"]["data"][39] == 1.0);  // linspace(0, 1, 40) ends on 1, exact in float32
}

TEST_CASE("inspect refuses a pickle that would run code, in one line that names the global", "[tools][inspect]") {
    if (!vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    REQUIRE(vidata::test::run_python("cli_inspect_cases.py", quoted(dir.path())).status == 0);
    const auto r = vidata_cli("inspect --json --full " + quoted(dir / "evil.pkl"));
    CHECK(r.status != 0);
    CHECK(line_count(r.output) == 1);
    CHECK(r.output.find("evil.pkl") != std::string::npos);
    CHECK((r.output.find("posix.system") != std::string::npos || r.output.find("os.system") != std::string::npos));
    CHECK_FALSE(std::filesystem::exists(dir / "pwned"));
}

TEST_CASE("inspect counts the rows of a CSV and shows the first ones", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    // Three records; the second has a quoted comma and a quoted line break, so it spans two lines.
    const std::string text = "name,id,start,end,split\r\n"
                             "\"abseiling, fast\",abc,1,11,train\r\n"
                             "\"line\nbreak\",def,0,10,val\r\n";
    vidata::test::write_file(dir / "rows.csv", text);
    const auto s = nlohmann::json::parse(vidata_cli("inspect --json " + quoted(dir / "rows.csv")).output);
    CHECK(s["format"] == "csv");
    CHECK(s["records"] == 3);
    CHECK(s["columns"] == 5);
    CHECK(s["first"][1][0] == "abseiling, fast");
    CHECK(s["first"][2][0] == "line\nbreak");

    // With Kinetics' header the annotation format claims the file (its records are the data rows), and
    // --format csv still shows it as plain CSV.
    std::string kinetics = text;
    kinetics.replace(0, std::string("name,id,start,end,split").size(), "label,youtube_id,time_start,time_end,split");
    vidata::test::write_file(dir / "k400.csv", kinetics);
    const auto k = nlohmann::json::parse(vidata_cli("inspect --json " + quoted(dir / "k400.csv")).output);
    CHECK(k["format"] == "kinetics_csv");
    CHECK(k["records"] == 2);
    const auto c = nlohmann::json::parse(vidata_cli("inspect --json --format csv " + quoted(dir / "k400.csv")).output);
    CHECK(c["records"] == 3);
}

TEST_CASE("inspect errors name the file and the reason in one line, with a non-zero status", "[tools][inspect]") {
    vidata::test::temp_dir dir;
    SECTION("truncated JSON") {
        vidata::test::write_file(dir / "gt.json", "{\"database\": {\"v_a\": [1, 2");
        const auto r = vidata_cli("inspect " + quoted(dir / "gt.json"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(r.output.find("gt.json:1:") != std::string::npos);
    }
    SECTION("a truncated .npy") {
        vidata::test::write_file(dir / "x.npy", std::string("\x93NUMPY\x01\x00\x76\x00{'descr': '<f4', ", 26));
        const auto r = vidata_cli("inspect " + quoted(dir / "x.npy"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(r.output.find("x.npy") != std::string::npos);
    }
    SECTION("a file whose format cannot be told") {
        vidata::test::write_file(dir / "notes.txt", "just text\n");
        const auto r = vidata_cli("inspect " + quoted(dir / "notes.txt"));
        CHECK(r.status != 0);
        CHECK(r.output.find("--format") != std::string::npos);
    }
    SECTION("a missing file") {
        const auto r = vidata_cli("inspect " + quoted(dir / "absent.pkl"));
        CHECK(r.status != 0);
        CHECK(r.output.find("absent.pkl") != std::string::npos);
    }
}

TEST_CASE("inspect reads the real fixtures", "[tools][inspect][fixtures]") {
    const auto root = vidata::test::fixtures();
    if (!root) return;
    const auto s = nlohmann::json::parse(vidata_cli("inspect --json " + quoted(*root / "ava_kinetics_v1_0/ava_val_v2.2.head40.csv")).output);
    CHECK(s["format"] == "ava_csv");  // AVA's row shape is unmistakable
    CHECK(s["records"] == 40);        // the file's name says 40 data lines, and AVA csvs have no header
    CHECK(s["first"][0]["video_id"] == "1j20qq1JyX4");
    const auto csv = nlohmann::json::parse(
        vidata_cli("inspect --json --format csv " + quoted(*root / "ava_kinetics_v1_0/ava_val_v2.2.head40.csv")).output);
    CHECK(csv["first"][0][0] == "1j20qq1JyX4");
    const auto labels = nlohmann::json::parse(vidata_cli("inspect --json " + quoted(*root / "sthv2/something-something-v2-labels.json")).output);
    CHECK(labels["records"] == 174);  // Something-Something V2 has 174 classes
}
