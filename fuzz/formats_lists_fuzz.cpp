// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the "lists" formats: the first byte picks a format; any input is refused or read, and what is
// read writes and reads back to the same records.
#include <vidata/formats/anet_feature_csv.hpp>
#include <vidata/formats/anet_mmaction_json.hpp>
#include <vidata/formats/audio_feature_list.hpp>
#include <vidata/formats/audio_list.hpp>
#include <vidata/formats/bsn_video_info.hpp>
#include <vidata/formats/hvu_json.hpp>
#include <vidata/formats/label_map.hpp>
#include <vidata/formats/minikinetics_mapping_json.hpp>
#include <vidata/formats/omnisource_list.hpp>
#include <vidata/formats/proposal_list.hpp>
#include <vidata/formats/rawframe_list.hpp>
#include <vidata/formats/video_list.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Parses, and where that succeeds, writes and parses again. A writer may refuse records it cannot represent
// (vidata::invalid_argument), but what it writes must read back equal.
template <class F, class... Options>
void round_trip(std::string_view text, const Options&... options) {
    std::vector<typename F::record_type> records;
    try {
        records = F::parse(text, "fuzz", options...);
    } catch (const vidata::parse_error&) {
        return;
    }
    std::ostringstream out(std::ios::binary);
    try {
        F::write(out, records, options...);
    } catch (const vidata::invalid_argument&) {
        return;
    }
    const std::string written = out.str();
    try {
        const auto again = F::parse(written, "again", options...);
        if (again == records) return;
        // Records holding a NaN (a feature value, an IoU) never compare equal; their text must still be stable.
        std::ostringstream rewritten(std::ios::binary);
        F::write(rewritten, again, options...);
        if (rewritten.str() != written) std::abort();
    } catch (const vidata::error&) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    namespace f = vidata::formats;
    switch (data[0] % 13) {
        case 0: round_trip<f::rawframe_list>(text); break;
        case 1: round_trip<f::rawframe_list>(text, f::rawframe_list_options{.with_offset = true}); break;
        case 2: round_trip<f::video_list>(text); break;
        case 3: round_trip<f::audio_list>(text); break;
        case 4: round_trip<f::audio_feature_list>(text); break;
        case 5: round_trip<f::proposal_list>(text); break;
        case 6: round_trip<f::hvu_json>(text); break;
        case 7: round_trip<f::anet_mmaction_json>(text); break;
        case 8: round_trip<f::bsn_video_info>(text); break;
        case 9: round_trip<f::anet_feature_csv>(text); break;
        case 10: round_trip<f::label_map>(text); break;
        case 11: round_trip<f::omnisource_list>(text); break;
        default: round_trip<f::minikinetics_mapping_json>(text); break;
    }
    return 0;
}
