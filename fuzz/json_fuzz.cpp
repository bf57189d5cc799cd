// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for parse_json and json_node: any input is refused with a parse_error or parsed and walked.
#include <vidata/io/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

// Walks a document through the checked accessors, which must throw parse_error, never anything else.
void walk(const vidata::json_node& node, int depth) {
    if (depth > 32) return;
    const auto& v = node.value();
    const auto attempt = [](auto&& f) {
        try {
            f();
        } catch (const vidata::parse_error&) {
        }
    };
    attempt([&] { (void)node.integer(); });
    attempt([&] { (void)node.value<std::uint8_t>(); });
    attempt([&] { (void)node.number(); });
    attempt([&] { (void)node.string(); });
    attempt([&] { (void)node.numbers<2>(); });
    attempt([&] { (void)node["segment"]; });
    attempt([&] { (void)node[std::size_t{3}]; });
    if (v.is_object()) {
        for (auto [key, child] : node.members()) walk(child, depth + 1);
    } else if (v.is_array()) {
        for (auto child : node.elements()) walk(child, depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto doc = vidata::parse_json(text, "fuzz.json");
        // Parsed JSON dumps to text that parses back to the same value.
        if (vidata::parse_json(doc.dump(), "again.json") != doc) std::abort();
        walk(vidata::json_node(doc, "fuzz.json"), 0);
    } catch (const vidata::error&) {
    }
    return 0;
}
