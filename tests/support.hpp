// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the test suite: temporary directories, the fixtures directory, the python3 oracle.
#pragma once

#include <vidata/core/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>

namespace vidata::test {

/// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class temp_dir {
public:
    temp_dir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("vidata-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

[[nodiscard]] inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
}

/// A frame directory as denseflow and build_rawframes name its files: `rgb` files `<rgb_prefix>00001.jpg`, ... and
/// `flow` files in each flow direction (`flow_x_00001.jpg`, `flow_y_00001.jpg`), all empty (only names count).
inline void write_frame_names(const std::filesystem::path& dir, int rgb, int flow = 0, const std::string& rgb_prefix = "img_") {
    std::filesystem::create_directories(dir);
    char number[32];
    for (int i = 1; i <= std::max(rgb, flow); ++i) {
        std::snprintf(number, sizeof number, "%05d.jpg", i);
        if (i <= rgb) write_file(dir / (rgb_prefix + number), "");
        if (i <= flow) {
            write_file(dir / (std::string("flow_x_") + number), "");
            write_file(dir / (std::string("flow_y_") + number), "");
        }
    }
}

[[nodiscard]] inline bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

/// The real-data fixtures directory ($VIDATA_FIXTURES), or nullopt after a visible skip message.
/// In CI a missing directory fails the test instead of skipping it.
[[nodiscard]] inline std::optional<std::filesystem::path> fixtures() {
    const char* dir = std::getenv("VIDATA_FIXTURES");
    if (dir != nullptr && *dir != '\0' && std::filesystem::exists(std::filesystem::path(dir) / "PROVENANCE.md"))
        return std::filesystem::path(dir);
    if (running_in_ci()) FAIL("VIDATA_FIXTURES is not set to the fixtures directory, and CI must run the real-data suite");
    WARN("SKIPPED: set VIDATA_FIXTURES to the shared fixtures directory to run this real-data test");
    return std::nullopt;
}

struct command_result {
    int status = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs a shell command, capturing its output. Used to call the python3 oracle and the CLI.
[[nodiscard]] inline command_result run_command(const std::string& command) {
    command_result r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return r;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// Quotes a string for /bin/sh.
[[nodiscard]] inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

/// True when Debian's python3 with numpy can serve as the independent side of a cross-check.
/// When the build demands the oracle (CI), its absence fails the test instead.
[[nodiscard]] inline bool python_oracle_available() {
    static const bool available = [] {
        const std::string python = VIDATA_TEST_PYTHON3;
        if (python.empty()) return false;
        return run_command(shell_quote(python) + " -c 'import numpy'").status == 0;
    }();
    if (!available) {
        if (VIDATA_TEST_REQUIRE_PYTHON) FAIL("python3 with numpy is required for this cross-check (VIDATA_REQUIRE_PYTHON_ORACLE=ON)");
        WARN("SKIPPED: python3 with numpy not found; the python cross-check did not run");
    }
    return available;
}

/// A quiet NaN, the score or coordinate the NaN-handling cases feed in.
inline constexpr double nan_d = std::numeric_limits<double>::quiet_NaN();

/// The message of the E that f() throws, or "no exception". Any other exception propagates and fails the test.
template <class E = vidata::error, class F>
[[nodiscard]] std::string message_of(F&& f) {
    try {
        std::forward<F>(f)();
    } catch (const E& e) {
        return e.what();
    }
    return "no exception";
}

/// Runs tests/python/<script> with the given arguments under the python3 oracle.
[[nodiscard]] inline command_result run_python(const std::string& script, const std::string& args) {
    // Appended piece by piece: GCC 12 at -O2 reports a false -Warray-bounds on a chain of string operator+.
    std::string path = VIDATA_TEST_PYTHON_DIR;
    path.append("/").append(script);
    // A fixed hash seed: the iteration order of a set of strings depends on it, and a set pickled by one order
    // can load in another (pickle_make_cases.py's {(1, 2), "s"} does under 2 seeds in 60), which made the
    // oracle's expectation a coin toss. Seed 0 makes every oracle run the same.
    std::string command = "PYTHONHASHSEED=0 ";
    command.append(shell_quote(VIDATA_TEST_PYTHON3));
    command.append(" ").append(shell_quote(path)).append(" ").append(args);
    return run_command(command);
}

}  // namespace vidata::test
