// SPDX-License-Identifier: Apache-2.0
// What the tests of the `vidata` tool share: run the built tool, quote a path for its command line, read
// what it prints (the one JSON object of `inspect --json`, a count of lines, a part of the text).
#pragma once

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>

namespace vidata::test {

/// Runs the built `vidata` with these arguments (already quoted), through the shell.
inline command_result vidata_cli(const std::string& args) { return run_command(shell_quote(VIDATA_TEST_CLI) + " " + args); }

inline std::string quoted(const std::filesystem::path& p) { return shell_quote(p.string()); }

/// Whether the tool under test decodes videos (built with FFmpeg: VIDATA_WITH_FFMPEG). The tests of `vidata decode`
/// on videos return early, with a warning, from a build without; "a build without FFmpeg" checks what it says instead.
inline bool cli_decodes_videos() {
#if VIDATA_TEST_CLI_HAS_FFMPEG
    return true;
#else
    WARN("SKIPPED: this vidata was built without FFmpeg (VIDATA_WITH_FFMPEG=OFF): it decodes no videos");
    return false;
#endif
}

/// Whether the tool under test has the preparation commands (vidata::prepare: FFmpeg and vidata::image), as above.
inline bool cli_prepares() {
#if VIDATA_TEST_CLI_HAS_PREPARE
    return true;
#else
    WARN("SKIPPED: this vidata was built without vidata::prepare (FFmpeg and vidata::image): it prepares no videos");
    return false;
#endif
}

inline std::size_t line_count(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The JSON summary of a subcommand run with --json: stdout's one line, the last of the output (progress lines and
/// FFmpeg's complaints go to stderr, before it). Fails the test when there is none.
inline nlohmann::json summary_json(const std::string& output) {
    const auto start = output.rfind("\n{");
    REQUIRE(start != std::string::npos);
    return nlohmann::json::parse(output.substr(start + 1));
}

/// The JSON `vidata inspect FILE [--format NAME] --json` prints; fails the test when the command fails.
inline nlohmann::json inspect_json(const std::filesystem::path& file, const std::string& format = {}) {
    std::string command = shell_quote(VIDATA_TEST_CLI) + " inspect " + shell_quote(file.string()) + " --json";
    if (!format.empty()) command += " --format " + format;
    const auto r = run_command(command);
    INFO(command << "\n" << r.output);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.output);
}

}  // namespace vidata::test
