// SPDX-License-Identifier: Apache-2.0
// Tests of vidata's JSON layer: located parse errors, json_node paths and checked access, atomic write_json, real files.
#include <vidata/io/json.hpp>

#include "support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace {

using vidata::test::message_of;

}  // namespace

TEST_CASE("parse_json: values", "[io][json]") {
    const auto j = vidata::parse_json(R"({"b": [1, 2.5, "x"], "a": null})", "v.json");
    CHECK(j["b"][1].get<double>() == 2.5);
    CHECK(j["a"].is_null());
    // ordered_json keeps the document's key order, as Python's dict does.
    const auto o = vidata::parse_json<nlohmann::ordered_json>(R"({"z": 1, "a": 2})");
    CHECK(o.begin().key() == "z");
    // A UTF-8 BOM is tolerated.
    CHECK(vidata::parse_json("\xEF\xBB\xBF[1]")[0] == 1);
}

TEST_CASE("parse_json: errors name file, line, column, expectation and text", "[io][json]") {
    // Positions worked out by hand: the column of the character at which the text stops being JSON.
    CHECK(message_of([] { (void)vidata::parse_json(R"({"a": 1,})", "x.json"); }) ==
          "[vidata.parse_error] x.json:1:9: expected string literal (syntax error while parsing object key - unexpected "
          "'}'), got '{\"a\": 1,}'");
    CHECK(message_of([] { (void)vidata::parse_json("{\"a\":\n  [1, 2,\n  x]}", "gt.json"); }) ==
          "[vidata.parse_error] gt.json:3:3: expected valid JSON (syntax error while parsing value - invalid literal), got '  x]}'");
    CHECK(message_of([] { (void)vidata::parse_json("[1, 2", "t.json"); }) ==
          "[vidata.parse_error] t.json:1:6: expected ']' (syntax error while parsing array - unexpected end of input), got '[1, 2'");
    CHECK(message_of([] { (void)vidata::parse_json("", "e.json"); }) ==
          "[vidata.parse_error] e.json:1:1: expected '[', '{', or a literal (syntax error while parsing value - unexpected end of "
          "input), got ''");
    CHECK(message_of([] { (void)vidata::parse_json("[1] 2", "e.json"); }) ==
          "[vidata.parse_error] e.json:1:5: expected end of input (syntax error while parsing value - unexpected number literal), "
          "got '[1] 2'");
    CHECK(message_of([] { (void)vidata::parse_json("[0,\n 1e999]", "big.json"); }) ==
          "[vidata.parse_error] big.json:2:2: expected a number within the range of a double, got '1e999'");
    // CRLF: the CR belongs to the line it ends.
    try {
        (void)vidata::parse_json("{\r\n\"a\": x\r\n}", "crlf.json");
        FAIL("no exception");
    } catch (const vidata::parse_error& e) {
        CHECK(e.file() == "crlf.json");
        CHECK(e.line() == 2);
        CHECK(e.column() == 6);
    }
    // A long single-line document shows only the text around the error.
    std::string long_line = "[";
    for (int i = 0; i < 1000; ++i) long_line += "1234567890,";
    long_line += "oops]";
    try {
        (void)vidata::parse_json(long_line, "long.json");
        FAIL("no exception");
    } catch (const vidata::parse_error& e) {
        CHECK(e.line() == 1);
        CHECK(e.column() == 11002);  // '[' and 1000 * 11 characters come before the 'o' of "oops"
        CHECK(e.found().size() <= 60);
        CHECK(e.found().find("oo") != std::string::npos);
    }
    // Nesting: Python's json reads 1000 levels; deeper documents are refused before nlohmann recurses on them.
    const std::string deep_ok = std::string(1000, '[') + std::string(1000, ']');
    CHECK(vidata::parse_json(deep_ok).is_array());
    const std::string too_deep = "{\"a\": \"[[[[\", \"b\": " + std::string(1001, '[') + std::string(1001, ']') + "}";
    try {
        (void)vidata::parse_json(too_deep, "deep.json");
        FAIL("no exception");
    } catch (const vidata::parse_error& e) {
        CHECK(e.expected() == "at most 1000 nested arrays and objects");
        CHECK(e.line() == 1);
        CHECK(e.column() == 1 + 18 + 1000);  // "{" (level 1), then '"a": "[[[[", "b": ' (18 characters), then 1000 '['
    }
    // Invalid UTF-8 inside a string.
    CHECK(message_of([] { (void)vidata::parse_json("[\"\xff\"]", "u.json"); }).starts_with(
        "[vidata.parse_error] u.json:1:3: expected valid JSON (syntax error while parsing value - invalid string: ill-formed UTF-8 byte)"));
}

TEST_CASE("read_json and write_json", "[io][json]") {
    vidata::test::temp_dir dir;
    const auto path = dir / "out.json";
    const nlohmann::json value = {{"version", "1.3"}, {"results", {{"v_x", {{{"score", 0.5}, {"segment", {1.0, 2.5}}}}}}}};
    vidata::write_json(path, value, 2);
    const std::string text = vidata::test::read_file(path);
    CHECK(text.ends_with("}\n"));
    CHECK(text.find("\n  \"results\"") != std::string::npos);
    CHECK(vidata::read_json(path) == value);
    vidata::write_json(path, value, -1);
    CHECK(vidata::test::read_file(path) == value.dump() + "\n");

    // A string that is not UTF-8 cannot be written; the old file stays.
    const nlohmann::json bad = {{"name", std::string("\xff")}};
    CHECK_THROWS_AS(vidata::write_json(path, bad), vidata::invalid_argument);
    CHECK(vidata::read_json(path) == value);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);

    CHECK(message_of([&] { (void)vidata::read_json(dir / "missing.json"); }) ==
          "[vidata.io_error] " + (dir / "missing.json").string() + ": cannot open for reading: No such file or directory");
    vidata::test::write_file(dir / "bad.json", "{\n  \"a\": [1,\n}");
    CHECK(message_of([&] { (void)vidata::read_json(dir / "bad.json"); })
              .starts_with("[vidata.parse_error] " + (dir / "bad.json").string() + ":3:1: expected "));
}

TEST_CASE("json_node: checked access with JSON-pointer paths", "[io][json]") {
    const auto doc = vidata::parse_json(R"({
        "database": {
            "v_abc": {"subset": "training", "duration": 12.5, "frames": 300, "whole": 3.0, "half": 3.5,
                      "annotations": [{"segment": [1.5, 3.0], "label": "a"}, {"segment": [0, 1]}, {"segment": [2, 4]},
                                      {"segment": "x"}, {"segment": [1, 2, 3]}]},
            "a/b~c": 1
        }
    })");
    const vidata::json_node root(doc, "anet.json");
    const auto video = root["database"]["v_abc"];
    CHECK(video.path() == "/database/v_abc");
    CHECK(video["subset"].string() == "training");
    CHECK(video["duration"].number() == 12.5);
    CHECK(video["frames"].integer() == 300);
    CHECK(video["frames"].value<std::uint16_t>() == 300);
    CHECK(video["whole"].integer() == 3);  // as Python's int(3.0)
    CHECK(video["frames"].number() == 300.0);
    CHECK(video["annotations"].size() == 5);
    const auto [start, end] = video["annotations"][0]["segment"].numbers<2>();
    CHECK(start == 1.5);
    CHECK(end == 3.0);
    CHECK(video["annotations"][1]["segment"].number_array() == std::vector<double>{0, 1});
    CHECK(video.find("subset").has_value());
    CHECK_FALSE(video.find("nope").has_value());
    CHECK(video.contains("subset"));

    CHECK(message_of([&] { (void)video["annotations"][3]["segment"].numbers<2>(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/annotations/3/segment: expected an array of 2 numbers, got '\"x\"'");
    CHECK(message_of([&] { (void)video["annotations"][4]["segment"].numbers<2>(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/annotations/4/segment: expected an array of 2 numbers, got '[1,2,3]'");
    CHECK(message_of([&] { (void)video["annotations"][5]; }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/annotations: expected an array with at least 6 elements, got "
          "'[{\"label\":\"a\",\"segment\":[1.5,3.0]},{\"segment\":[0,1]},{\"segment\":[2,4]},{\"segment...'");
    CHECK(message_of([&] { (void)root["database"]["a/b~c"].string(); }) ==
          "[vidata.parse_error] anet.json at /database/a~1b~0c: expected a string, got '1'");
    CHECK(message_of([&] { (void)video["label"]; }).starts_with(
        "[vidata.parse_error] anet.json at /database/v_abc: expected an object with a member 'label', got '{\"annotations\":"));
    CHECK(message_of([&] { (void)video["half"].integer(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/half: expected an integer, got '3.5'");
    CHECK(message_of([&] { (void)video["frames"].value<std::uint8_t>(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/frames: expected an integer within [0, 255], got '300'");
    CHECK(message_of([&] { (void)video["subset"].number(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/subset: expected a number, got '\"training\"'");
    CHECK(message_of([&] { (void)video["subset"].boolean(); }) ==
          "[vidata.parse_error] anet.json at /database/v_abc/subset: expected true or false, got '\"training\"'");
    CHECK(message_of([&] { (void)root[0]; }).starts_with(
        "[vidata.parse_error] anet.json at /: expected an array with at least 1 element, got '{\"database\""));
    CHECK(std::string(video["subset"].error("'training', 'validation' or 'testing'").what()) ==
          "[vidata.parse_error] anet.json at /database/v_abc/subset: expected 'training', 'validation' or 'testing', got "
          "'\"training\"'");

    // Iteration: members of a temporary node and elements, each child knowing its path.
    std::vector<std::string> keys, paths;
    for (auto [key, node] : root["database"].members()) {
        keys.emplace_back(key);
        paths.push_back(node.path());
    }
    CHECK(keys == std::vector<std::string>{"a/b~c", "v_abc"});
    CHECK(paths == std::vector<std::string>{"/database/a~1b~0c", "/database/v_abc"});
    std::vector<std::string> element_paths;
    for (auto annotation : video["annotations"].elements()) element_paths.push_back(annotation.path());
    CHECK(element_paths.size() == 5);
    CHECK(element_paths[4] == "/database/v_abc/annotations/4");
    CHECK_THROWS_AS(video["subset"].members(), vidata::parse_error);
    CHECK_THROWS_AS(video.elements(), vidata::parse_error);

    // The value shown in an error is cut short, however large the value is.
    nlohmann::json large = nlohmann::json::array();
    for (int i = 0; i < 100000; ++i) large.push_back({{"segment", {i, i + 1}}});
    large.push_back(std::string(100000, 'x'));
    const vidata::json_node big(large, "big.json");
    CHECK(message_of([&] { (void)big.string(); }) ==
          "[vidata.parse_error] big.json at /: expected a string, got "
          "'[{\"segment\":[0,1]},{\"segment\":[1,2]},{\"segment\":[2,3]},{\"segment\":[3,4]},{\"segme...'");
    CHECK(message_of([&] { (void)big[100000].number(); }).size() < 200);

    // An integer too large for int64 and a negative one for an unsigned type.
    const auto numbers = vidata::parse_json(R"([18446744073709551615, -1, 1e300, -9223372036854775808])");
    const vidata::json_node n(numbers, "n.json");
    CHECK(n[0].value<std::uint64_t>() == 18446744073709551615ull);
    CHECK_THROWS_AS(n[0].integer(), vidata::parse_error);
    CHECK_THROWS_AS(n[1].value<unsigned>(), vidata::parse_error);
    CHECK_THROWS_AS(n[2].integer(), vidata::parse_error);
    CHECK(n[3].integer() == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("json: every fixture JSON parses; spot checks against the files", "[io][json][fixtures]") {
    const auto fixtures = vidata::test::fixtures();
    if (!fixtures) return;
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(*fixtures)) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path());
        CHECK_NOTHROW((void)vidata::read_json(entry.path()));
        ++files;
    }
    CHECK(files == 18);  // `find -name '*.json' | wc -l`

    // Values read off the files with Python's json module.
    const auto ucf_path = *fixtures / "efficient3dcnns/annotation_UCF101/ucf101_01.train100_val100.json";
    const auto ucf = vidata::read_json(ucf_path);
    const vidata::json_node root(ucf, ucf_path.string());
    CHECK(root["labels"].size() == 101);
    CHECK(root["labels"][0].string() == "ApplyEyeMakeup");
    CHECK(root["database"].size() == 200);
    CHECK(root["database"]["v_ApplyEyeMakeup_g08_c01"]["subset"].string() == "training");
    CHECK(message_of([&] { (void)root["database"]["v_ApplyEyeMakeup_g08_c01"]["segment"]; }) ==
          "[vidata.parse_error] " + ucf_path.string() +
              " at /database/v_ApplyEyeMakeup_g08_c01: expected an object with a member 'segment', got "
              "'{\"annotations\":{\"label\":\"ApplyEyeMakeup\"},\"subset\":\"training\"}'");

    const auto bsn_path = *fixtures / "bsn/data/activitynet_annotations/anet_anno_action.first500.json";
    const auto bsn = vidata::read_json<nlohmann::ordered_json>(bsn_path);
    const vidata::ordered_json_node anet(bsn, bsn_path.string());
    CHECK(anet.size() == 500);
    auto members = anet.members();
    auto [first_key, first] = *members.begin();
    CHECK(first_key == "v_QOlSCBRmfWY");  // document order
    CHECK(first["duration_frame"].integer() == 2067);
    CHECK(first["duration_second"].number() == 82.73);
    const auto [s, e] = first["annotations"][0]["segment"].numbers<2>();
    CHECK(s == 6.195294851794072);
    CHECK(e == 77.73085420904837);

    const auto labels = vidata::read_json(*fixtures / "sthv2/something-something-v2-labels.json");
    CHECK(labels.size() == 174);
    CHECK(labels["Approaching something with your camera"] == "0");
}
