// SPDX-License-Identifier: Apache-2.0
// The subcommands of the `vidata` tool; each register_* adds one to the app.
#pragma once

#include <CLI/CLI.hpp>

namespace vidata::cli {
void register_inspect(CLI::App& app);
}  // namespace vidata::cli
