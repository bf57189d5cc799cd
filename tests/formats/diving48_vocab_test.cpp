// SPDX-License-Identifier: Apache-2.0
// vidata::formats::diving48_vocab: Diving48_vocab.json, each class a list of dive attributes, and its label_map.txt names.
#include "support.hpp"

#include <vidata/formats/diving48_vocab.hpp>

#include <string>
#include <vector>

namespace diving48_vocab_test {

using vidata::formats::diving48_class;
using vidata::formats::diving48_vocab;

std::vector<diving48_class> parse(const std::string& text) { return vidata::parse_annotations<diving48_vocab>(text, "Diving48_vocab.json"); }

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)parse(text); });
}

const std::string three = "[[\"Back\", \"15som\", \"05Twis\", \"FREE\"], [\"Back\", \"15som\", \"15Twis\", \"FREE\"], "
                          "[\"Back\", \"15som\", \"25Twis\", \"FREE\"]]";

// The test cases live in the namespace too: a unity build of the suite then sees no clash between files.

TEST_CASE("formats/diving48_vocab: reads each class's attributes; names join them with '+'", "[formats][diving48_vocab]") {
    const auto classes = parse(three);
    REQUIRE(classes.size() == 3);
    CHECK(classes[0].attributes == std::vector<std::string>{"Back", "15som", "05Twis", "FREE"});
    // The names of MMAction2's tools/data/diving48/label_map.txt.
    CHECK(classes[0].name() == "Back+15som+05Twis+FREE");
    CHECK(classes[2].name() == "Back+15som+25Twis+FREE");
}

TEST_CASE("formats/diving48_vocab: writes Python's json.dump text and round-trips", "[formats][diving48_vocab]") {
    CHECK(vidata::format_annotations<diving48_vocab>(parse(three)) == three);
    const auto pretty = parse("[\n [\"Forward\",\"35som\",\"NoTwis\",\"PIKE\",\"Entry\"]\n]");
    CHECK(parse(vidata::format_annotations<diving48_vocab>(pretty)) == pretty);
}

TEST_CASE("formats/diving48_vocab: malformed vocabularies are parse errors at their JSON path", "[formats][diving48_vocab]") {
    CHECK(error_of("[[\"Back\", 15]]") == "[vidata.parse_error] Diving48_vocab.json at /0/1: expected a string, got '15'");
    CHECK(error_of("[[]]") == "[vidata.parse_error] Diving48_vocab.json at /0: expected a non-empty array of attribute strings, got '[]'");
    CHECK(error_of("[[\"a\", \"b\"], [\"a\"]]") ==
          "[vidata.parse_error] Diving48_vocab.json at /1: expected an array of 2 attribute strings, as the first class, got '[\"a\"]'");
    CHECK(error_of("[[\"a\", \"b\"], [\"a\", \"b\"]]") ==
          "[vidata.parse_error] Diving48_vocab.json at /1: expected a class not listed before (it is item 0), got '[\"a\",\"b\"]'");
    CHECK(error_of("[\"Back+15som\"]") == "[vidata.parse_error] Diving48_vocab.json at /0: expected an array, got '\"Back+15som\"'");
    CHECK(error_of("[[\"a\"]").find("Diving48_vocab.json:1:7: expected") != std::string::npos);
}

TEST_CASE("formats/diving48_vocab: detects the vocabulary by name", "[formats][diving48_vocab]") {
    CHECK(diving48_vocab::detect("Diving48_vocab.json", ""));
    CHECK_FALSE(diving48_vocab::detect("Diving48_V2_train.json", ""));
}

}  // namespace diving48_vocab_test
