// SPDX-License-Identifier: Apache-2.0
// Entry point of the `vidata` tool: registers the subcommands and turns every vidata::error into one line.
#include "commands.hpp"

#include <vidata/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"vidata: video dataset tooling (formats, sampling, decoding, metrics, preparation)", "vidata"};
    app.set_version_flag("--version", std::string("vidata ") + vidata::version_string);
    app.require_subcommand(1);
    vidata::cli::register_inspect(app);
    vidata::cli::register_eval(app);
    vidata::cli::register_decode(app);
    vidata::cli::register_sample(app);
    vidata::cli::register_denormalize_proposals(app);
    vidata::cli::register_anet_features(app);
    vidata::cli::register_merge_ava_kinetics(app);
    vidata::cli::register_build_rawframes(app);
    vidata::cli::register_extract_audio(app);
    vidata::cli::register_build_audio_features(app);
    vidata::cli::register_build_file_list(app);
    vidata::cli::register_check_layout(app);
    vidata::cli::register_resize_videos(app);
    vidata::cli::register_build_videos(app);
    vidata::cli::register_trim(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "vidata: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
