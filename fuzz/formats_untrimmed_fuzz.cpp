// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the "untrimmed" formats (MiT, M-MiT, HVU, FineGYM, ActivityNet, THUMOS'14): the first byte picks a
// format; any input is refused or read, and what is read writes and reads back to the same records. One more case
// holds the two paths of the ActivityNet ground-truth reader equal: whatever the one-pass scan accepts, the
// document path reads to the same result.
#include <vidata/formats/anet_json.hpp>
#include <vidata/formats/anet_results_json.hpp>
#include <vidata/formats/gym_annotation_json.hpp>
#include <vidata/formats/gym_categories.hpp>
#include <vidata/formats/gym_element_list.hpp>
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/formats/hvu_csv.hpp>
#include <vidata/formats/mit_categories.hpp>
#include <vidata/formats/mit_csv.hpp>
#include <vidata/formats/mmit_list.hpp>
#include <vidata/formats/thumos14_annotation.hpp>
#include <vidata/metrics/activitynet_inputs.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Parses, and where that succeeds, writes and parses again. A writer may refuse records it cannot represent
// (vidata::invalid_argument), but what it writes must read back equal. The source name matters to
// thumos14_annotation (the class comes from it), so both readings use the same one.
template <class F>
void round_trip(std::string_view text) {
    constexpr std::string_view source = "Fuzz_val.txt";
    std::vector<typename F::record_type> records;
    try {
        records = F::parse(text, source);
    } catch (const vidata::parse_error&) {
        return;
    }
    std::ostringstream out(std::ios::binary);
    try {
        F::write(out, records);
    } catch (const vidata::invalid_argument&) {
        return;
    }
    std::vector<typename F::record_type> again;
    try {
        again = F::parse(out.str(), source);
    } catch (const vidata::parse_error&) {
        std::abort();
    }
    if (again != records) std::abort();
}

// The scan (detail::ground_truth_scan) may give up on anything, but what it accepts the document path must
// accept and read to the same result.
void ground_truth_paths_agree(std::string_view text, std::string_view subset) {
    if (!vidata::detail::scan_activitynet_ground_truth(text, "gt.json", subset)) return;
    const vidata::activitynet_ground_truth fast = vidata::parse_activitynet_ground_truth(text, "gt.json", {std::string(subset)});
    vidata::activitynet_ground_truth document;
    try {
        document = vidata::detail::parse_activitynet_ground_truth_document(text, "gt.json", {std::string(subset)});
    } catch (const vidata::parse_error&) {
        std::abort();
    }
    if (fast.form != document.form || fast.videos != document.videos || fast.labels != document.labels ||
        fast.other_subsets != document.other_subsets || fast.subsets != document.subsets)
        std::abort();
}

// The same for the ActivityNet file reader: its one-pass scan (formats::detail::anet_scan) may give up on anything,
// but what it accepts the document path must accept and read to the same records, down to the bytes they write
// (== does not see the sign of a zero).
void anet_json_paths_agree(std::string_view text) {
    namespace d = vidata::formats::detail;
    const auto fast = d::scan_anet_json(text, "anet.json");
    if (!fast) return;
    std::vector<vidata::formats::anet_video> document;
    try {
        document = d::parse_anet_document(text, "anet.json");
    } catch (const vidata::parse_error&) {
        std::abort();
    }
    if (*fast != document) std::abort();
    const auto written = [](const std::vector<vidata::formats::anet_video>& records) {
        try {
            return vidata::format_annotations<vidata::formats::anet_json>(records);
        } catch (const vidata::invalid_argument&) {
            return std::string("refused");
        }
    };
    if (written(*fast) != written(document)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    namespace f = vidata::formats;
    switch (data[0] % 12) {
        case 0: round_trip<f::mit_categories>(text); break;
        case 1: round_trip<f::mit_csv>(text); break;
        case 2: round_trip<f::mmit_list>(text); break;
        case 3: round_trip<f::hvu_csv>(text); break;
        case 4: round_trip<f::hvu_categories>(text); break;
        case 5: round_trip<f::gym_annotation_json>(text); break;
        case 6: round_trip<f::gym_element_list>(text); break;
        case 7: round_trip<f::gym_categories>(text); break;
        case 8:
            round_trip<f::anet_json>(text);
            anet_json_paths_agree(text);
            break;
        case 9: round_trip<f::anet_results_json>(text); break;
        case 10: round_trip<f::thumos14_annotation>(text); break;
        default: ground_truth_paths_agree(text, data[0] & 0x80 ? "training" : "validation"); break;
    }
    return 0;
}
