// SPDX-License-Identifier: Apache-2.0
// `vidata denormalize-proposals NORM_FILE DATA_PREFIX`: MMAction2's tools/data/denormalize_proposal_file.py (THUMOS'14
// TAG proposals in frames), thin over vidata::prepare::denormalize_proposal_file.
#include "commands.hpp"

#include <vidata/prepare/denormalize_proposals.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace vidata::cli {

namespace denormalize_proposals_command {

struct options {
    std::string dataset = "thumos14";
    std::string norm_file;
    std::string data_prefix;
    std::string output;
    std::string rgb_prefix = "img_";
    bool json = false;
};

int run(const options& o) {
    layouts::frame_prefixes prefixes;
    prefixes.rgb = o.rgb_prefix;
    const auto s = prepare::denormalize_proposal_file(o.norm_file, o.data_prefix, o.output, prefixes);
    if (o.json) {
        const nlohmann::json j{{"output", s.output.string()}, {"videos", s.videos}, {"ground_truth", s.ground_truth}, {"proposals", s.proposals}};
        std::cout << j.dump() << '\n';
    } else {
        std::cout << s.output.string() << ": " << s.videos << " videos, " << s.ground_truth << " ground-truth instances, " << s.proposals
                  << " proposals\n";
    }
    return 0;
}

}  // namespace denormalize_proposals_command

void register_denormalize_proposals(CLI::App& app) {
    auto o = std::make_shared<denormalize_proposals_command::options>();
    auto* cmd = app.add_subcommand("denormalize-proposals",
                                   "THUMOS'14 TAG proposals from fractions of a video to frame numbers "
                                   "(MMAction2's tools/data/denormalize_proposal_file.py)");
    cmd->add_option("--dataset", o->dataset, "The script's DATASET argument; thumos14 is the only one")->check(CLI::IsMember({"thumos14"}));
    cmd->add_option("NORM_FILE,--norm-proposal-file", o->norm_file, "The normalized proposal list (thumos14_tag_val_normalized_proposal_list.txt)")
        ->required();
    cmd->add_option("DATA_PREFIX,--data-prefix", o->data_prefix, "The frame directories of the split (data/thumos14/rawframes/val)")->required();
    cmd->add_option("-o,--output", o->output, "Where to write (default: NORM_FILE's name with 'normalized_' removed)");
    cmd->add_option("--rgb-prefix", o->rgb_prefix, "What counts as an RGB frame (default img_)");
    cmd->add_flag("--json", o->json, "Print the summary as one JSON object");
    cmd->callback([o] {
        const int status = denormalize_proposals_command::run(*o);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

}  // namespace vidata::cli
