// SPDX-License-Identifier: Apache-2.0
// `vidata inspect FILE`: what a pickle, npy, json or csv file holds.
#include "commands.hpp"

#include <iostream>
#include <string>

namespace vidata::cli {
void register_inspect(CLI::App& app) {
    auto* cmd = app.add_subcommand("inspect", "Show what a pickle, .npy, JSON or CSV file holds");
    auto file = std::make_shared<std::string>();
    cmd->add_option("FILE", *file, "file to inspect")->required();
    cmd->callback([file] { std::cout << *file << '\n'; });
}
}  // namespace vidata::cli
