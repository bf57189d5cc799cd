// SPDX-License-Identifier: Apache-2.0
// `vidata build-file-list DATASET SRC [...]`: MMAction2's tools/data/build_file_list.py, same arguments and defaults.
#include "commands.hpp"

#include <vidata/core/error.hpp>
#include <vidata/layout/build_file_list.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace vidata::cli {

namespace build_file_list_command {

struct options {
    std::string dataset;
    std::string src;
    layouts::build_file_list_options library;
    std::string format = "rawframes";
    std::string output_format = "txt";
    std::string out_root_path = "data/";
    std::string annotations;
    bool json = false;
};

}  // namespace build_file_list_command

void register_build_file_list(CLI::App& app) {
    auto o = std::make_shared<build_file_list_command::options>();
    auto* cmd = app.add_subcommand("build-file-list",
                                   "Write the train/val lists of a frame or video tree (MMAction2's tools/data/build_file_list.py)");
    cmd->add_option("dataset", o->dataset, "ucf101, kinetics400/600/700, sthv1, sthv2, mit, mmit, hmdb51, jester, diving48")
        ->required()
        ->check(CLI::IsMember(layouts::build_file_list_datasets()));
    cmd->add_option("src", o->src, "The root of the frames (rawframes) or videos")->required();
    cmd->add_option("--rgb-prefix", o->library.prefixes.rgb, "Prefix of RGB frames (img_)");
    cmd->add_option("--flow-x-prefix", o->library.prefixes.flow_x, "Prefix of flow x frames (flow_x_)");
    cmd->add_option("--flow-y-prefix", o->library.prefixes.flow_y, "Prefix of flow y frames (flow_y_)");
    cmd->add_option("--num-split", o->library.num_split, "Splits (default: the dataset's, 3 for ucf101/hmdb51, 1 otherwise)");
    cmd->add_option("--subset", o->library.subset, "Single-split datasets: train, val or test (train)")
        ->check(CLI::IsMember({"train", "val", "test"}));
    cmd->add_option("--level", o->library.level, "Directory level of the tree: 1 (<video>) or 2 (<class>/<video>) (2)")
        ->check(CLI::IsMember({1, 2}));
    cmd->add_option("--format", o->format, "rawframes or videos (rawframes)")->check(CLI::IsMember({"rawframes", "videos"}));
    cmd->add_option("--out-root-path", o->out_root_path, "Lists go to <P>/<dataset>/; the annotations are read from <P>/<dataset>/annotations (data/)");
    cmd->add_option("--annotations", o->annotations, "The official annotation files' directory (default <out-root-path>/<dataset>/annotations)");
    cmd->add_option("--seed", o->library.seed, "random.seed(S) before shuffling (Python's generator, bit for bit)");
    cmd->add_flag("--shuffle", o->library.shuffle, "Shuffle each list as random.shuffle does");
    cmd->add_option("--output-format", o->output_format, "txt or json (txt)")->check(CLI::IsMember({"txt", "json"}));
    cmd->add_flag("--json", o->json, "Print {\"dataset\": D, \"lists\": [{\"path\": P, \"lines\": N}, ...]}");
    cmd->callback([o] {
        auto options = o->library;
        options.format = o->format == "videos" ? media_kind::videos : media_kind::rawframes;
        options.output_format = o->output_format == "json" ? layouts::list_output_format::json : layouts::list_output_format::txt;
        options.out_root_path = o->out_root_path;
        options.annotations = o->annotations;
        const auto lists = layouts::build_file_list(o->dataset, o->src, options);
        const auto paths = layouts::write_file_lists(lists, o->dataset, options.out_root_path);
        if (o->json) {
            nlohmann::json out{{"dataset", o->dataset}, {"lists", nlohmann::json::array()}};
            for (std::size_t i = 0; i < lists.size(); ++i) out["lists"].push_back({{"path", paths[i].string()}, {"lines", lists[i].lines.size()}});
            std::cout << out.dump() << '\n';
        } else {
            for (std::size_t i = 0; i < lists.size(); ++i) std::cout << paths[i].string() << ": " << lists[i].lines.size() << " lines\n";
        }
    });
}

}  // namespace vidata::cli
