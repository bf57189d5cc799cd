// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for filename_template: any first line as a template; for every template it accepts, the names it
// formats match back to their numbers, and every name it matches formats back to itself.
#include <vidata/io/image/filename_template.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view text = input.substr(0, newline);
    const std::string_view rest = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    try {
        const vidata::filename_template t(text);
        const std::string_view direction = t.has_direction() ? "x" : "";
        // Numbers from the rest of the input (8 bytes each), plus the edges.
        std::int64_t numbers[6] = {0, 1, 99999, 100000, -1, INT64_MIN};
        for (std::size_t i = 0; i < 2 && (i + 1) * 8 <= rest.size(); ++i) std::memcpy(&numbers[i], rest.data() + i * 8, 8);
        for (const std::int64_t n : numbers) {
            const std::string name = t.has_direction() ? t.format(direction, n) : t.format(n);
            const auto back = t.match(name, direction);
            // A non-negative number of at most 18 digits is recognised from its own name (the only ambiguity would be
            // the template's literal text containing digits next to the field, which format-then-match resolves the same way).
            if (n >= 0 && n < 1000000000000000000 && (!back || *back != n)) std::abort();
            if (back && (t.has_direction() ? t.format(direction, *back) : t.format(*back)) != name) std::abort();
        }
        // Whatever name the rest of the input is: if it matches, it is the name of the number it matched.
        if (const auto m = t.match(rest, direction)) {
            if ((t.has_direction() ? t.format(direction, *m) : t.format(*m)) != rest) std::abort();
        }
    } catch (const vidata::invalid_argument&) {
    }
    return 0;
}
