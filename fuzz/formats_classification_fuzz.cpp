// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the "classification" formats: any input is refused or read, and what is read writes and reads back equal.
#include <vidata/formats/diving48_json.hpp>
#include <vidata/formats/diving48_vocab.hpp>
#include <vidata/formats/hmdb51_split.hpp>
#include <vidata/formats/jester_csv.hpp>
#include <vidata/formats/jester_labels.hpp>
#include <vidata/formats/kinetics_csv.hpp>
#include <vidata/formats/kinetics_json.hpp>
#include <vidata/formats/sthv1_csv.hpp>
#include <vidata/formats/sthv1_labels.hpp>
#include <vidata/formats/sthv2_json.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

// The round-trip property of one format: parse, and if that succeeds, write and parse again to the same records.
// Writing what was read must not fail, so an exception there escapes and libFuzzer reports it; the one refusal
// allowed is a first record that starts with a byte-order mark (read from a later line, it cannot come first).
template <class F>
void round_trip(std::string_view text) {
    // hmdb51_split takes its records' class from the file name, so both parses name the same file.
    constexpr std::string_view source = "brush_hair_test_split1.txt";
    std::vector<typename F::record_type> records;
    try {
        records = vidata::parse_annotations<F>(text, source);
    } catch (const vidata::parse_error&) {
        return;
    }
    std::string written;
    try {
        written = vidata::format_annotations<F>(records);
    } catch (const vidata::invalid_argument& e) {
        if (std::string_view(e.what()).find("byte-order mark") == std::string_view::npos) throw;
        return;
    }
    if (vidata::parse_annotations<F>(written, source) != records) std::abort();
}

// Resolving labels against a class list must refuse or agree with the plain read.
void with_labels(std::string_view text) {
    static const std::vector<std::string> names{"Holding something", "a", "b c", "air_drumming"};
    try {
        const auto rows = vidata::formats::sthv1_csv::parse(text, "x.csv", names);
        for (const auto& r : rows)
            if (r.label && (r.label_id < 0 || names[static_cast<std::size_t>(r.label_id)] != *r.label)) std::abort();
    } catch (const vidata::parse_error&) {
    }
    try {
        const auto rows = vidata::formats::kinetics_csv::parse(text, "x.csv", names);
        for (const auto& r : rows)
            if (r.label && r.label_id < 0) std::abort();
    } catch (const vidata::parse_error&) {
    }
}

// Something-Something V2's one-pass scan (formats::detail::sthv2_scan) may give up on anything, but what it accepts,
// with or without the labels file, the document path must accept and read to the same items.
void sthv2_json_paths_agree(std::string_view text) {
    namespace d = vidata::formats::detail;
    static const std::unordered_map<std::string, int> labels{{"Holding something", 0}, {"a", 1}, {"", 2}, {"Putting something on something", 3}};
    for (const auto* with : {static_cast<const std::unordered_map<std::string, int>*>(nullptr), &labels}) {
        const auto fast = d::scan_sthv2_json(text, "x.json", with);
        if (!fast) continue;
        try {
            if (d::parse_sthv2_document(text, "x.json", with) != *fast) std::abort();
        } catch (const vidata::parse_error&) {
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    namespace f = vidata::formats;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 14) {
    case 0: round_trip<f::ucf101_classind>(text); break;
    case 1: round_trip<f::ucf101_split>(text); break;
    case 2: round_trip<f::hmdb51_split>(text); break;
    case 3: round_trip<f::kinetics_csv>(text); break;
    case 4: round_trip<f::kinetics_json>(text); break;
    case 5: round_trip<f::sthv1_csv>(text); break;
    case 6: round_trip<f::sthv1_labels>(text); break;
    case 7:
        round_trip<f::sthv2_json>(text);
        sthv2_json_paths_agree(text);
        break;
    case 8: round_trip<f::sthv2_labels>(text); break;
    case 9: round_trip<f::jester_csv>(text); break;
    case 10: round_trip<f::jester_labels>(text); break;
    case 11: round_trip<f::diving48_json>(text); break;
    case 12: round_trip<f::diving48_vocab>(text); break;
    default: with_labels(text); break;
    }
    return 0;
}
