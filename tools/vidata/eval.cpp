// SPDX-License-Identifier: Apache-2.0
// `vidata eval <metric>`: evaluates predictions against ground truth with the reference toolkits' numbers.
#include "commands.hpp"

namespace vidata::cli {

void register_eval(CLI::App& app) {
    auto* eval = app.add_subcommand("eval", "Evaluate predictions: the same numbers as MMAction2 and the ActivityNet/AVA toolkits");
    eval->require_subcommand(1);
    // One line per metric family; each lives in its own eval_<family>.cpp.
    eval::register_classification(*eval);
    eval::register_temporal(*eval);
    eval::register_ava(*eval);
    eval::register_tubes(*eval);
}

}  // namespace vidata::cli
