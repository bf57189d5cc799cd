// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the "spatial" formats (AVA, AVA-Kinetics, tubes, skeletons): any input is refused or read; what is read writes and reads back the same.
#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/ava_exclusions.hpp>
#include <vidata/formats/ava_kinetics_csv.hpp>
#include <vidata/formats/ava_pbtxt.hpp>
#include <vidata/formats/ava_proposals_pkl.hpp>
#include <vidata/formats/ntu_missing_list.hpp>
#include <vidata/formats/ntu_skeleton.hpp>
#include <vidata/formats/pose_pkl.hpp>
#include <vidata/formats/tube_gt_pkl.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// Read, write, read again, write again. Records must compare equal where the format refuses NaN (the text
// formats and proposals); everywhere the second write must equal the first (NaN compares unequal to itself).
// The writer may refuse what it read (vidata::invalid_argument: a record that would not read back the same).
template <class F>
void round_trip(std::string_view input, bool records_comparable) {
    decltype(vidata::parse_annotations<F>(input, "fuzz")) first;
    try {
        first = vidata::parse_annotations<F>(input, "fuzz");
    } catch (const vidata::error&) {
        return;  // refused, as it may be
    }
    std::string written;
    try {
        written = vidata::format_annotations<F>(first);
    } catch (const vidata::invalid_argument&) {
        return;  // a record the writer cannot write so that it reads back the same: refused, as it should be
    }
    const auto second = vidata::parse_annotations<F>(written, "written");  // must not throw
    if (records_comparable && !(second == first)) std::abort();
    if (vidata::format_annotations<F>(second) != written) std::abort();
}

// AVA's plain-rows fast path (formats::detail::parse_plain_ava_rows) may give up on anything, but what it reads the
// CSV path must read to the same records, bit for bit (== does not see the sign of a zero).
void ava_paths_agree(std::string_view input) {
    const auto fast = vidata::formats::detail::parse_plain_ava_rows(input, {});
    if (!fast) return;
    std::vector<vidata::box_record> rows;
    try {
        rows = vidata::formats::ava_csv::parse_csv_rows(input, "x.csv");
    } catch (const vidata::parse_error&) {
        std::abort();
    }
    if (rows != *fast) std::abort();
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (const auto& [a, b] : {std::pair{rows[i].x1, (*fast)[i].x1}, std::pair{rows[i].y1, (*fast)[i].y1},
                                   std::pair{rows[i].x2, (*fast)[i].x2}, std::pair{rows[i].y2, (*fast)[i].y2},
                                   std::pair{rows[i].score.value_or(0.0), (*fast)[i].score.value_or(0.0)}})
            if (std::signbit(a) != std::signbit(b)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    namespace f = vidata::formats;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 9) {
    case 0:
        round_trip<f::ava_csv>(input, true);
        ava_paths_agree(input);
        break;
    case 1: round_trip<f::ava_exclusions>(input, true); break;
    case 2: round_trip<f::ava_pbtxt>(input, true); break;
    case 3: round_trip<f::ava_proposals_pkl>(input, true); break;
    case 4: round_trip<f::ava_kinetics_csv>(input, true); break;
    case 5: round_trip<f::tube_gt_pkl>(input, false); break;
    case 6: round_trip<f::pose_pkl>(input, false); break;
    case 7: round_trip<f::ntu_skeleton>(input, false); break;
    default: round_trip<f::ntu_missing_list>(input, true); break;
    }
    return 0;
}
