// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv2_json: Something-Something V2's train/validation/test json, templates resolved through the labels file.
#include "support.hpp"

#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

namespace sthv2_json_test {

using vidata::formats::sthv2_item;
using vidata::formats::sthv2_json;
using vidata::formats::sthv2_label;

std::vector<sthv2_item> parse(const std::string& text) {
    return vidata::parse_annotations<sthv2_json>(text, "something-something-v2-train.json");
}

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

const std::string two_items =
    "[\r\n"
    "{\"id\":\"74225\",\"label\":\"spinning cube that quickly stops spinning\",\"template\":\"Spinning [something] that quickly stops spinning\",\"placeholders\":[\"cube\"]},\r\n"
    "{\"id\":\"116154\",\"label\":\"showing clay box on top of wallet\",\"template\":\"Showing [something] on top of [something]\",\"placeholders\":[\"clay box\",\"wallet\"]}\r\n"
    "]\r\n";

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/sthv2_json: reads labelled items and test ids", "[formats][sthv2_json]") {
    const auto items = parse(two_items);
    REQUIRE(items.size() == 2);
    CHECK(items[0] == sthv2_item{"74225", "spinning cube that quickly stops spinning", "Spinning [something] that quickly stops spinning",
                                 {"cube"}, -1});
    CHECK(items[1].placeholders == std::vector<std::string>{"clay box", "wallet"});
    const auto test = parse("[{\"id\":\"1420\"},\n{\"id\":\"166429\"}]");
    REQUIRE(test.size() == 2);
    CHECK(test[1] == sthv2_item{"166429", std::nullopt, std::nullopt, {}, -1});
}

TEST_CASE("formats/sthv2_json: writes the official layout byte for byte", "[formats][sthv2_json]") {
    CHECK(vidata::format_annotations<sthv2_json>(parse(two_items)) == two_items);
    const std::string test = "[\r\n{\"id\":\"1420\"},\r\n{\"id\":\"166429\"}\r\n]\r\n";
    CHECK(vidata::format_annotations<sthv2_json>(parse(test)) == test);
    // UTF-8 is written as is, as in the official files ("taschentücher").
    const std::string utf8 = "[\r\n{\"id\":\"1\",\"label\":\"turning taschent\xC3\xBC" "cher upside down\",\"template\":\"Turning [something] upside down\","
                             "\"placeholders\":[\"taschent\xC3\xBC" "cher\"]}\r\n]\r\n";
    CHECK(vidata::format_annotations<sthv2_json>(parse(utf8)) == utf8);
    const auto spaced = parse("[ {\"placeholders\": [], \"id\": \"9\", \"template\": \"Holding [something]\"} ]");
    CHECK(parse(vidata::format_annotations<sthv2_json>(spaced)) == spaced);
}

TEST_CASE("formats/sthv2_json: resolves templates through the labels file as MMAction2 does", "[formats][sthv2_json]") {
    const std::vector<sthv2_label> labels{{"Showing something on top of something", 140}, {"Spinning something that quickly stops spinning", 148}};
    const auto items = sthv2_json::parse(two_items, "something-something-v2-validation.json", labels);
    CHECK(items[0].label_id == 148);
    CHECK(items[1].label_id == 140);
    const std::vector<sthv2_label> partial{labels[0]};
    const auto unknown = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)sthv2_json::parse(two_items, "something-something-v2-validation.json", partial); });
    CHECK(unknown == "[vidata.parse_error] something-something-v2-validation.json at /0/template: expected a template of the labels file, "
                     "got '\"Spinning [something] that quickly stops spinning\"'");
}

TEST_CASE("formats/sthv2_json: bad JSON, missing ids, wrong types and repeated ids are parse errors", "[formats][sthv2_json]") {
    CHECK(error_of("[{\"id\":\"1\"},\r\n{\"id\":") ==
          "[vidata.parse_error] something-something-v2-train.json:2:7: expected '[', '{', or a literal (syntax error while parsing value - "
          "unexpected end of input), got '{\"id\":'");
    CHECK(error_of("[{\"id\":\"1\"},{\"label\":\"x\"}]") ==
          "[vidata.parse_error] something-something-v2-train.json at /1: expected an object with a member 'id', got '{\"label\":\"x\"}'");
    CHECK(error_of("[{\"id\":1}]") == "[vidata.parse_error] something-something-v2-train.json at /0/id: expected a string, got '1'");
    CHECK(error_of("[{\"id\":\"1\",\"placeholders\":[\"a\",2]}]") ==
          "[vidata.parse_error] something-something-v2-train.json at /0/placeholders/1: expected a string, got '2'");
    CHECK(error_of("[{\"id\":\"1\"},{\"id\":\"1\"}]") ==
          "[vidata.parse_error] something-something-v2-train.json at /1/id: expected a video id not listed before (it is item 0), got '\"1\"'");
    CHECK(error_of("{\"id\":\"1\"}") == "[vidata.parse_error] something-something-v2-train.json at /: expected an array, got '{\"id\":\"1\"}'");
}

TEST_CASE("formats/sthv2_json: the streaming pass and the document path agree on canonical files", "[formats][sthv2_json]") {
    namespace d = vidata::formats::detail;
    const std::unordered_map<std::string, int> labels{{"Showing something on top of something", 140},
                                                      {"Spinning something that quickly stops spinning", 148},
                                                      {"Holding something", 7}};
    const std::vector<std::string> canonical{
        two_items,
        "[]",
        "\xEF\xBB\xBF[{\"id\":\"1420\"},\n{\"id\":\"166429\"}]",
        "[ {\"placeholders\": [], \"id\": \"9\", \"template\": \"Holding [something]\"} ]",
        // Escapes and UTF-8, decoded alike on both paths.
        "[{\"id\":\"7\",\"label\":\"a \\\"quoted\\\" \\u00fc \\ud83d\\ude00 taschent\xC3\xBC" "cher\\n\",\"template\":\"Holding [something]\","
        "\"placeholders\":[\"x\\/y\",\"\\u0041\"]}]",
    };
    for (const std::string& text : canonical) {
        for (const auto* with : {static_cast<const std::unordered_map<std::string, int>*>(nullptr), &labels}) {
            CAPTURE(text, with != nullptr);
            const auto fast = d::scan_sthv2_json(text, "x.json", with);
            REQUIRE(fast.has_value());
            CHECK(*fast == d::parse_sthv2_document(text, "x.json", with));
        }
    }
}

TEST_CASE("formats/sthv2_json: the streaming pass gives up on what only the document path may decide", "[formats][sthv2_json]") {
    namespace d = vidata::formats::detail;
    const std::unordered_map<std::string, int> labels{{"Holding something", 7}};
    // Read by the document path (as Python's json reads them): a repeated member's last value, an ignored member.
    const std::vector<std::string> readable{
        "[{\"id\":\"1\",\"id\":\"2\"}]",
        "[{\"id\":\"1\",\"label\":\"a\",\"label\":\"b\"}]",
        "[{\"id\":\"1\",\"extra\":{\"deep\":[1,[2]]}}]",
        "[{\"id\":\"1\",\"count\":3}]",
    };
    for (const std::string& text : readable) {
        CAPTURE(text);
        CHECK_FALSE(d::scan_sthv2_json(text, "x.json", nullptr).has_value());
        CHECK(parse(text) == d::parse_sthv2_document(text, "something-something-v2-train.json", nullptr));
    }
    CHECK(parse("[{\"id\":\"1\",\"id\":\"2\"}]").front().id == "2");
    // Refused by the document path, which words the error.
    const std::vector<std::string> refused{
        "[{\"id\":1}]", "[{\"id\":\"\"}]", "[{\"label\":\"x\"}]", "[{\"id\":\"1\"},{\"id\":\"1\"}]", "{\"id\":\"1\"}", "[\"1\"]",
        "[{\"id\":\"1\",\"placeholders\":[[\"a\"]]}]", "[{\"id\":\"1\",\"label\":null}]", "[{\"id\":\"1\"}", "[{\"id\":\"1\"}] x",
        "[{\"id\":\"1\",\"template\":\"Dropping [something]\"}]",
    };
    for (const std::string& text : refused) {
        CAPTURE(text);
        CHECK_FALSE(d::scan_sthv2_json(text, "x.json", &labels).has_value());
        CHECK_THROWS_AS(d::parse_sthv2_document(text, "x.json", &labels), vidata::parse_error);
    }
}

TEST_CASE("formats/sthv2_json: detects the official list names", "[formats][sthv2_json]") {
    CHECK(sthv2_json::detect("something-something-v2-train.json", ""));
    CHECK(sthv2_json::detect("a/something-something-v2-validation.first1000.json", ""));
    CHECK(sthv2_json::detect("something-something-v2-test.json", ""));
    CHECK_FALSE(sthv2_json::detect("something-something-v2-labels.json", ""));
}

TEST_CASE("formats/sthv2_json: the official validation and test excerpts", "[formats][sthv2_json][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto root = *dir / "sthv2";
    const auto labels = vidata::read_annotations<vidata::formats::sthv2_labels>(root / "something-something-v2-labels.json");
    // Python's json: 1000 items, 1455 placeholders in all; the first id "74225" ("Spinning [something] that quickly stops
    // spinning", class 140 in the labels file), the last "89690"; every template is in the labels file.
    const auto text = vidata::test::read_file(root / "something-something-v2-validation.first1000.json");
    const auto start = std::chrono::steady_clock::now();
    const auto items = sthv2_json::parse(text, "something-something-v2-validation.first1000.json", labels);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(items.size() == 1000);
    CHECK(items[0] == sthv2_item{"74225", "spinning cube that quickly stops spinning", "Spinning [something] that quickly stops spinning",
                                 {"cube"}, 140});
    CHECK(items.back().id == "89690");
    std::size_t placeholders = 0;
    for (const auto& i : items) placeholders += i.placeholders.size();
    CHECK(placeholders == 1455);
    CHECK(vidata::format_annotations<sthv2_json>(items) == text);
    WARN("something-something-v2-validation.first1000.json (" << text.size() << " bytes) parsed in " << seconds * 1e3 << " ms");

    // The test excerpt: 1000 ids, the first "1420", the last "204066".
    const auto test_text = vidata::test::read_file(root / "something-something-v2-test.first1000.json");
    const auto test = sthv2_json::parse(test_text, "something-something-v2-test.first1000.json");
    REQUIRE(test.size() == 1000);
    CHECK(test.front() == sthv2_item{"1420", std::nullopt, std::nullopt, {}, -1});
    CHECK(test.back().id == "204066");
    CHECK(vidata::format_annotations<sthv2_json>(test) == test_text);
}

}  // namespace sthv2_json_test
