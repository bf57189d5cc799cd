// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the CSV reader and writer: any input is refused or read; what is read writes and reads back the same.
#include <vidata/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the dialect and the checks.
    const std::uint8_t mode = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    static constexpr char delimiters[] = {',', ';', '\t', ' '};
    vidata::csv_options options;
    options.delimiter = delimiters[mode & 3];
    options.header = (mode & 4) != 0;
    options.uniform = (mode & 8) != 0;
    options.skip_empty_lines = (mode & 16) != 0;
    options.quote = (mode & 32) != 0 ? '\'' : '"';
    options.columns = (mode & 64) != 0 ? 3 : 0;
    std::vector<std::vector<std::string>> rows;
    try {
        vidata::csv_reader reader(text, "fuzz.csv", options);
        if (options.header) (void)reader.find_column("label");
        for (const auto& row : reader) {
            std::vector<std::string> cells;
            for (std::size_t i = 0; i < row.size(); ++i) {
                cells.emplace_back(row[i]);
                if (row.line() == 0 || row.location(i).line < row.line()) std::abort();
            }
            // The throwing accessors on the first rows only: exceptions cost ~50 us each under the sanitizers.
            if (rows.size() < 3) {
                try {
                    (void)row.integer(0, "an integer");
                } catch (const vidata::parse_error&) {
                }
                try {
                    (void)row.number(1, "a number");
                } catch (const vidata::parse_error&) {
                }
            }
            rows.push_back(std::move(cells));
        }
    } catch (const vidata::error&) {
        return 0;
    }
    // Every row read must write as CSV that reads back to the same cells.
    const vidata::csv_write_options write_options{.delimiter = options.delimiter, .quote = options.quote,
                                                  .line_terminator = (mode & 128) != 0 ? "\n" : "\r\n"};
    std::string written;
    for (const auto& r : rows) vidata::append_csv_row(written, r, write_options);
    std::vector<std::vector<std::string>> back;
    vidata::csv_reader again(written, "again.csv",
                             {.delimiter = options.delimiter, .quote = options.quote, .skip_empty_lines = false, .skip_bom = false});
    for (const auto& row : again) back.emplace_back(row.begin(), row.end());
    if (back != rows) std::abort();
    return 0;
}
