// SPDX-License-Identifier: Apache-2.0
// What every `vidata eval <metric>` subcommand shares: the common flags, the policy switch, JSON and table output.
#pragma once

#include <vidata/core/error.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace vidata::cli::eval {

/// Which reference a metric reproduces where the references disagree (reference-behaviour.md §1.8, §1.11).
enum class semantics { official, mmaction2 };

/// The flags every eval subcommand takes.
struct common_options {
    bool json = false;
    std::string semantics_name = "official";
    std::string plot_dir;  // empty: no plots

    [[nodiscard]] eval::semantics semantics() const {
        if (semantics_name == "official") return semantics::official;
        if (semantics_name == "mmaction2") return semantics::mmaction2;
        throw invalid_argument("--semantics: expected 'official' or 'mmaction2', got '" + semantics_name + "'");
    }
};

/// Adds --json, --semantics and (when the metric has plots) --plot to `cmd`.
inline void add_common_flags(CLI::App* cmd, common_options& o, bool has_plots) {
    cmd->add_flag("--json", o.json, "print exactly one JSON object on stdout");
    cmd->add_option("--semantics", o.semantics_name,
                    "where the references disagree, reproduce 'official' (the ActivityNet/AVA toolkits; default) or 'mmaction2' (MMAction2 0.x)")
        ->check(CLI::IsMember({"official", "mmaction2"}));
    if (has_plots) cmd->add_option("--plot", o.plot_dir, "write the plots of this metric (PNG and SVG) into DIR");
}

/// Prints one JSON object on one line (the --json contract). Non-finite numbers print as null, as JSON has no NaN.
inline void print_json(const nlohmann::ordered_json& j) {
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

/// An aligned two-column table for humans: the reference tools print metrics one per line like this.
inline void print_table(const std::vector<std::pair<std::string, double>>& rows, int precision = 4) {
    std::size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    for (const auto& [name, value] : rows) {
        char number[64];
        std::snprintf(number, sizeof number, "%.*f", precision, value);
        std::cout << name << std::string(width - name.size() + 2, ' ') << number << '\n';
    }
}

/// The --plot directory, created if missing (io_error naming it when that fails).
[[nodiscard]] inline std::filesystem::path plot_directory(const common_options& o) {
    const std::filesystem::path dir(o.plot_dir);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw io_error(o.plot_dir, "cannot create the --plot directory: " + ec.message());
    return dir;
}

/// Tells a human where the written files are (one line per file); silent under --json, whose stdout holds
/// exactly one JSON object.
inline void report_files(const common_options& o, std::initializer_list<std::filesystem::path> files) {
    if (o.json) return;
    for (const auto& file : files) std::cout << "wrote " << file.string() << '\n';
}

}  // namespace vidata::cli::eval
