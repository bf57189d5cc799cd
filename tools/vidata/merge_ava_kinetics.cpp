// SPDX-License-Identifier: Apache-2.0
// `vidata merge-ava-kinetics ROOT`: the AVA-Kinetics guide's merge_annotations.py (Kinetics rows and proposals merged
// into AVA's training annotations), thin over vidata::prepare::merge_ava_kinetics.
#include "commands.hpp"

#include <vidata/prepare/ava_kinetics_merge.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace vidata::cli {

namespace merge_ava_kinetics_command {

struct options {
    std::string root;
    std::string kinetics_csv, ava_csv, kinetics_proposals, ava_proposals, out_csv, out_proposals;
    bool json = false;
};

int run(const options& o) {
    auto p = prepare::ava_kinetics_default_paths(o.root);
    const auto take = [](std::filesystem::path& into, const std::string& given) {
        if (!given.empty()) into = given;
    };
    take(p.kinetics_csv, o.kinetics_csv);
    take(p.ava_csv, o.ava_csv);
    take(p.kinetics_proposals, o.kinetics_proposals);
    take(p.ava_proposals, o.ava_proposals);
    // The outputs follow the AVA inputs (in place, as the script writes) unless named.
    p.out_csv = o.out_csv.empty() ? p.ava_csv : std::filesystem::path(o.out_csv);
    p.out_proposals = o.out_proposals.empty() ? p.ava_proposals : std::filesystem::path(o.out_proposals);
    const auto s = prepare::merge_ava_kinetics(p);
    if (o.json) {
        const nlohmann::json j{{"csv", p.out_csv.string()},
                               {"kinetics_rows", s.kinetics_rows},
                               {"ava_rows", s.ava_rows},
                               {"merged_rows", s.merged_rows},
                               {"csv_already_merged", s.csv_already_merged},
                               {"proposals", p.out_proposals.string()},
                               {"kinetics_keyframes", s.kinetics_keyframes},
                               {"ava_keyframes", s.ava_keyframes},
                               {"merged_keyframes", s.merged_keyframes}};
        std::cout << j.dump() << '\n';
    } else {
        if (s.csv_already_merged)
            std::cout << p.out_csv.string() << ": already holds the " << s.kinetics_rows << " Kinetics rows (" << s.merged_rows
                      << " rows), left as it was\n";
        else
            std::cout << p.out_csv.string() << ": " << s.kinetics_rows << " Kinetics rows + " << s.ava_rows << " AVA rows = " << s.merged_rows
                      << " rows\n";
        std::cout << p.out_proposals.string() << ": " << s.kinetics_keyframes << " Kinetics keyframes + " << s.ava_keyframes
                  << " AVA keyframes = " << s.merged_keyframes << " keyframes\n";
    }
    return 0;
}

}  // namespace merge_ava_kinetics_command

void register_merge_ava_kinetics(CLI::App& app) {
    auto o = std::make_shared<merge_ava_kinetics_command::options>();
    auto* cmd = app.add_subcommand("merge-ava-kinetics",
                                   "Merge the Kinetics part's rows and proposals into AVA's training annotations "
                                   "(the AVA-Kinetics guide's merge_annotations.py)");
    cmd->add_option("ROOT,--avakinetics_root", o->root, "The AVA-Kinetics root (data/ava_kinetics)")->required();
    cmd->add_option("--kinetics-csv", o->kinetics_csv, "Default ROOT/kinetics_train.csv");
    cmd->add_option("--ava-csv", o->ava_csv, "Default ROOT/annotations/ava_train_v2.2.csv");
    cmd->add_option("--kinetics-proposals", o->kinetics_proposals, "Default ROOT/kinetics_proposal.pkl");
    cmd->add_option("--ava-proposals", o->ava_proposals, "Default ROOT/annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl");
    cmd->add_option("--out-csv", o->out_csv, "Default: over the AVA CSV, as the script writes");
    cmd->add_option("--out-proposals", o->out_proposals, "Default: over the AVA proposals, as the script writes");
    cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
    cmd->callback([o] {
        const int status = merge_ava_kinetics_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

}  // namespace vidata::cli
