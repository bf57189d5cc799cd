// SPDX-License-Identifier: Apache-2.0
// The subcommands of the `vidata` tool; each register_* adds one to the app.
#pragma once

#include <CLI/CLI.hpp>

namespace vidata::cli {
void register_inspect(CLI::App& app);
void register_eval(CLI::App& app);
void register_decode(CLI::App& app);  // decode.cpp
void register_sample(CLI::App& app);  // sample.cpp
void register_denormalize_proposals(CLI::App& app);  // denormalize_proposals.cpp
void register_anet_features(CLI::App& app);  // anet_features.cpp
void register_merge_ava_kinetics(CLI::App& app);  // merge_ava_kinetics.cpp
void register_build_rawframes(CLI::App& app);  // build_rawframes.cpp
void register_extract_audio(CLI::App& app);  // audio.cpp
void register_build_audio_features(CLI::App& app);  // audio.cpp
void register_build_file_list(CLI::App& app);  // build_file_list.cpp
void register_check_layout(CLI::App& app);  // check_layout.cpp
void register_resize_videos(CLI::App& app);  // resize_videos.cpp
void register_build_videos(CLI::App& app);  // build_videos.cpp
void register_trim(CLI::App& app);  // trim.cpp

/// The metric families under `vidata eval`; each adds its subcommands to the `eval` app.
namespace eval {
void register_classification(CLI::App& eval);  // accuracy, map, confusion (eval_classification.cpp)
void register_temporal(CLI::App& eval);        // ar-an, tdet (eval_temporal.cpp)
void register_ava(CLI::App& eval);             // ava (eval_ava.cpp)
void register_tubes(CLI::App& eval);           // frame-map, video-map (eval_tubes.cpp)
}  // namespace eval
}  // namespace vidata::cli
