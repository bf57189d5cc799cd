// SPDX-License-Identifier: Apache-2.0
// `vidata check-layout DATASET ROOT [--json]`: every difference between a prepared tree and the guide's tree.
#include "commands.hpp"

#include <vidata/core/error.hpp>
#include <vidata/layout/check_layout.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace vidata::cli {

namespace check_layout_command {

struct options {
    std::string dataset;
    std::string root;
    int level = 0;
    bool json = false;
};

}  // namespace check_layout_command

void register_check_layout(CLI::App& app) {
    auto o = std::make_shared<check_layout_command::options>();
    auto* cmd = app.add_subcommand("check-layout",
                                   "Compare a prepared dataset tree (data/<dataset>) with the guide's; exit 1 when they differ");
    cmd->add_option("dataset", o->dataset, "ucf101, kinetics400/600/700, sthv1, sthv2, mit, mmit, hmdb51, jester, diving48")
        ->required()
        ->check(CLI::IsMember(layouts::build_file_list_datasets()));
    cmd->add_option("root", o->root, "The dataset's directory, e.g. data/ucf101")->required();
    cmd->add_option("--level", o->level, "Directory level of the trees (default: the guide's for the dataset)")->check(CLI::IsMember({1, 2}));
    cmd->add_flag("--json", o->json, "Print {\"dataset\": D, \"root\": R, \"differences\": [{\"path\", \"problem\", \"expected\", \"found\"}, ...]}");
    cmd->callback([o] {
        const auto differences = layouts::check_layout(o->dataset, o->root, o->level);
        if (o->json) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& d : differences)
                list.push_back({{"path", d.path}, {"problem", d.problem}, {"expected", d.expected}, {"found", d.found}});
            std::cout << nlohmann::json{{"dataset", o->dataset}, {"root", o->root}, {"differences", list}}.dump() << '\n';
        } else {
            for (const auto& d : differences)
                std::cout << d.path << ": " << d.problem << " (expected " << d.expected << ", found " << d.found << ")\n";
            if (differences.empty()) std::cout << o->root << ": as the " << o->dataset << " guide shows\n";
        }
        if (!differences.empty()) throw CLI::RuntimeError(1);
    });
}

}  // namespace vidata::cli
