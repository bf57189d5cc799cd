// SPDX-License-Identifier: Apache-2.0
// What the `vidata inspect` tests share: run the built tool on a file and read the one JSON object it prints.
#pragma once

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace vidata::test {

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
