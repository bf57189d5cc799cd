// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for line_reader and field_list: lines, both splitters and every typed conversion on arbitrary bytes.
#include <vidata/io/line_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

// Every field goes through the non-throwing core; the throwing accessors (whose exceptions cost ~50 us
// each under the sanitizers) run on the first lines only, which keeps the fuzzer fast.
void parse_all(const vidata::field_list& fields) {
    for (const auto& f : fields) {
        std::int64_t i = 0;
        double d = 0;
        std::uint8_t u = 0;
        float x = 0;
        (void)vidata::detail::parse_number(f.text, i);
        (void)vidata::detail::parse_number(f.text, d);
        (void)vidata::detail::parse_number(f.text, u);
        (void)vidata::detail::parse_number(f.text, x);
    }
}

void convert_all(const vidata::field_list& fields) {
    // The first fields and one past the end (the missing-field error); converting every field of a
    // 2000-field line would spend the run on throwing exceptions.
    const std::size_t n = fields.size() < 6 ? fields.size() : 6;
    for (std::size_t i = 0; i <= n; ++i) {
        const std::size_t index = i == n ? fields.size() : i;
        try {
            (void)fields.integer(index, "an integer frame count");
        } catch (const vidata::parse_error&) {
        }
        try {
            (void)fields.number(index);
        } catch (const vidata::parse_error&) {
        }
        try {
            (void)fields.value<std::uint8_t>(index);
        } catch (const vidata::parse_error&) {
        }
        try {
            (void)fields.value<float>(index);
        } catch (const vidata::parse_error&) {
        }
    }
    try {
        fields.expect_count(3, "frame_dir total_frames label");
    } catch (const vidata::parse_error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t expected_number = 0, bytes = 0;
    vidata::field_list fields;
    try {
        for (const auto& line : vidata::lines(text, "fuzz.txt")) {
            if (line.number() != ++expected_number) std::abort();
            if (line.text().find('\n') != std::string_view::npos) std::abort();
            if (line.offset() + line.text().size() > size) std::abort();
            bytes += line.text().size();
            const bool throwing = line.number() <= 3;
            line.fields(fields);
            for (const auto& f : fields)
                if (f.text.empty() || f.column == 0 || f.column - 1 + f.text.size() > line.text().size()) std::abort();
            parse_all(fields);
            if (throwing) convert_all(fields);
            line.fields(fields, ',');
            parse_all(fields);
            if (throwing) convert_all(fields);
        }
    } catch (const vidata::error&) {
    }
    if (bytes > size) std::abort();
    return 0;
}
