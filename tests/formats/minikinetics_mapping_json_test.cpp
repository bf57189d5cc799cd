// SPDX-License-Identifier: Apache-2.0
// minikinetics_mapping_json: the Kinetics-400 → Mini-Kinetics class-index mapping, read, written and refused.
#include "support.hpp"

#include <vidata/formats/minikinetics_mapping_json.hpp>

#include <string>
#include <vector>

namespace minikinetics_mapping_json_test {

using vidata::formats::class_index_mapping;
using vidata::formats::minikinetics_mapping_json;

std::string error_of(const std::string& text) {
    return vidata::test::message_of<vidata::parse_error>([&] { (void)minikinetics_mapping_json::parse(text, "mapping.json"); });
}


TEST_CASE("formats/minikinetics_mapping_json: string keys to integer indices, in file order", "[formats][minikinetics_mapping_json]") {
    const std::string text = R"({"0": 0, "2": 1, "399": 2, "5": 3})";
    const auto mapping = minikinetics_mapping_json::parse(text, "mapping.json");
    CHECK(mapping == std::vector<class_index_mapping>{{0, 0}, {2, 1}, {399, 2}, {5, 3}});
    CHECK(vidata::format_annotations<minikinetics_mapping_json>(mapping) == text);
    CHECK(minikinetics_mapping_json::parse("{}", "mapping.json").empty());
}

TEST_CASE("formats/minikinetics_mapping_json: malformed mappings", "[formats][minikinetics_mapping_json]") {
    CHECK(error_of("[1, 2]").find("mapping.json at /: expected an object mapping") != std::string::npos);
    CHECK(error_of(R"({"abseiling": 0})") ==
          "[vidata.parse_error] mapping.json at /abseiling: expected a key that is a Kinetics-400 class index (a non-negative integer), "
          "not 'abseiling', got '0'");
    CHECK(error_of(R"({"1": "x"})").find("mapping.json at /1: expected") != std::string::npos);
    CHECK(error_of(R"({"1": 0, "2": 0})") == "[vidata.parse_error] mapping.json at /2: expected a Mini-Kinetics class index not given to another class, got '0'");
    CHECK(error_of(R"({"1": -1})").find("at /1: expected a non-negative Mini-Kinetics class index") != std::string::npos);
}

TEST_CASE("formats/minikinetics_mapping_json: claims the release's file name", "[formats][minikinetics_mapping_json]") {
    CHECK(minikinetics_mapping_json::detect("annotations/K400_to_MiniKinetics_classidx_mapping.json", "{"));
    CHECK_FALSE(minikinetics_mapping_json::detect("mapping.json", "{"));
}

}  // namespace minikinetics_mapping_json_test
