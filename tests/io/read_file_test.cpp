// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::read_file and read_file_bytes: contents, empty and large files, pipes, error messages.
#include <vidata/io/read_file.hpp>

#include "support.hpp"

#include <cerrno>
#include <string>
#include <vector>

TEST_CASE("read_file: contents, byte for byte", "[io][read_file]") {
    vidata::test::temp_dir dir;
    std::string content = "line 1\r\nline 2\n";
    content += std::string("\0\xff\x80 binary", 10);
    vidata::test::write_file(dir / "a.bin", content);
    CHECK(vidata::read_file(dir / "a.bin") == content);
    const auto bytes = vidata::read_file_bytes(dir / "a.bin");
    CHECK(std::string(bytes.begin(), bytes.end()) == content);

    vidata::test::write_file(dir / "empty", "");
    CHECK(vidata::read_file(dir / "empty").empty());
    CHECK(vidata::read_file_bytes(dir / "empty").empty());
}

TEST_CASE("read_file: a large file and reuse of the buffer", "[io][read_file]") {
    vidata::test::temp_dir dir;
    std::string big(3 * 1024 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + (i * 7919) % 26);
    vidata::test::write_file(dir / "big", big);
    std::string buffer = "previous content";
    vidata::read_file(dir / "big", buffer);
    CHECK(buffer == big);
    vidata::test::write_file(dir / "small", "xy");
    vidata::read_file(dir / "small", buffer);
    CHECK(buffer == "xy");
    std::vector<unsigned char> bytes{1, 2, 3};
    vidata::read_file_bytes(dir / "small", bytes);
    CHECK(bytes == std::vector<unsigned char>{'x', 'y'});
}

// A regular file is read into a buffer of exactly its size: probing for more data after it must not grow the
// buffer, which would copy the whole file and double the peak memory of every annotation read.
TEST_CASE("read_file: a regular file costs one buffer of its size", "[io][read_file]") {
    vidata::test::temp_dir dir;
    const std::string big(5 * 1024 * 1024 + 3, 'v');
    vidata::test::write_file(dir / "big", big);
    const std::string text = vidata::read_file(dir / "big");
    CHECK(text == big);
    CHECK(text.capacity() < big.size() + 4096);
    const auto bytes = vidata::read_file_bytes(dir / "big");
    CHECK(bytes.size() == big.size());
    CHECK(bytes.capacity() == big.size());
}

TEST_CASE("read_file: files whose size stat does not know", "[io][read_file]") {
    // /proc files report st_size 0 but have content.
    const std::string status = vidata::read_file("/proc/self/status");
    CHECK(status.find("Name:") != std::string::npos);
}

TEST_CASE("read_file: errors name the path and the OS reason", "[io][read_file]") {
    vidata::test::temp_dir dir;
    const auto missing = dir / "missing.txt";
    try {
        (void)vidata::read_file(missing);
        FAIL("no exception");
    } catch (const vidata::io_error& e) {
        CHECK(e.path() == missing.string());
        CHECK(std::string(e.what()) ==
              "[vidata.io_error] " + missing.string() + ": cannot open for reading: No such file or directory");
    }
    try {
        (void)vidata::read_file(dir.path());
        FAIL("no exception");
    } catch (const vidata::io_error& e) {
        CHECK(std::string(e.what()) == "[vidata.io_error] " + dir.path().string() + ": cannot read: Is a directory");
    }
}
