// SPDX-License-Identifier: Apache-2.0
// vidata::formats::detail::file_buffer and read_annotations' two ways of reading a file: a copy, or a mapping of which a window stays.
#include "support.hpp"

#include <vidata/formats/ava_csv.hpp>
#include <vidata/formats/detail/file_buffer.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/jester_csv.hpp>
#include <vidata/formats/rawframe_list.hpp>

#include <cstddef>
#include <string>

namespace file_buffer_test {

using vidata::formats::detail::file_buffer;

TEST_CASE("formats/file_buffer: a file's bytes, whatever its size", "[formats][file_buffer]") {
    const vidata::test::temp_dir dir;
    // Read into memory below 1 MiB; above, whole 2 MiB blocks in huge pages, and a tail that fills half a block or more.
    constexpr std::size_t mib = std::size_t{1} << 20;
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4096}, mib - 1, mib, 2 * mib - 1,
                                   2 * mib + 3, 3 * mib - 1, 3 * mib + 1, 5 * mib + 17}) {
        std::string bytes(size, '\0');
        for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
        vidata::test::write_file(dir / "f.bin", bytes);
        CAPTURE(size);
        const file_buffer file(dir / "f.bin");
        CHECK(file.text() == bytes);
    }
    // Files whose size stat does not tell: read as read_file reads them.
    const file_buffer status("/proc/self/status");
    CHECK(status.text().find("VmRSS") != std::string::npos);
    CHECK_THROWS_AS(file_buffer(dir / "missing.txt"), vidata::io_error);
}

TEST_CASE("formats/file_buffer: read_annotations reads a copy or a window of a mapping, to the same records", "[formats][file_buffer]") {
    const vidata::test::temp_dir dir;
    // Larger than the mapping's window (4 MiB), so that a streaming parse drops pages behind it and maps more ahead.
    std::string ava, list, jester;
    for (int i = 0; ava.size() < (std::size_t{9} << 20); ++i) {
        ava += "-5KQ66BBWC4," + std::to_string(902 + i % 800) + ",0.077,0.151,0.283,0.811," + std::to_string(1 + i % 80) + "," +
               std::to_string(i % 5) + "\n";
        list += "class_" + std::to_string(i % 400) + "/video_" + std::to_string(i) + " " + std::to_string(i % 300) + " 1\n";
        if (i % 8 == 0) jester += std::to_string(i) + ";Thumb Up\n";
    }
    vidata::test::write_file(dir / "ava.csv", ava);
    vidata::test::write_file(dir / "train_rawframes.txt", list);
    vidata::test::write_file(dir / "jester-v1-train.csv", jester);
    static_assert(vidata::streaming_text_format<vidata::formats::ava_csv>);
    static_assert(vidata::streaming_text_format<vidata::formats::rawframe_list>);
    static_assert(!vidata::streaming_text_format<vidata::formats::jester_csv>);
    CHECK(list.size() > (std::size_t{4} << 20));
    CHECK(vidata::read_annotations<vidata::formats::ava_csv>(dir / "ava.csv") == vidata::formats::ava_csv::parse(ava, "ava.csv"));
    CHECK(vidata::read_annotations<vidata::formats::rawframe_list>(dir / "train_rawframes.txt") ==
          vidata::formats::rawframe_list::parse(list, "train_rawframes.txt"));
    CHECK(vidata::read_annotations<vidata::formats::jester_csv>(dir / "jester-v1-train.csv") ==
          vidata::formats::jester_csv::parse(jester, "jester-v1-train.csv"));
    // An error far behind the window still quotes the right text: the dropped pages read back from the file.
    vidata::test::write_file(dir / "bad.csv", ava + "-5KQ66BBWC4,0902,x\n");
    const auto message = vidata::test::message_of<vidata::parse_error>(
        [&] { (void)vidata::read_annotations<vidata::formats::ava_csv>(dir / "bad.csv"); });
    CHECK(message.find("expected a row of 2, 7, 8 or 9 fields") != std::string::npos);
    CHECK(message.find("got '-5KQ66BBWC4,0902,x'") != std::string::npos);
}

}  // namespace file_buffer_test
