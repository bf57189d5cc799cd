// SPDX-License-Identifier: Apache-2.0
// `vidata extract-audio SRC OUT [...]` and `vidata build-audio-features SRC OUT [...]`: MMAction2's
// tools/data/extract_audio.py and build_audio_features.py, thin over vidata::prepare::extract_audio and
// build_audio_features; this file only parses options and shows progress.
#include "commands.hpp"

#include <vidata/core/error.hpp>

#if VIDATA_CLI_WITH_PREPARE
#include "batch_progress.hpp"

#include <vidata/prepare/audio_features.hpp>
#include <vidata/prepare/extract_audio.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#endif

namespace vidata::cli {

#if VIDATA_CLI_WITH_PREPARE
namespace audio_commands {

// The options both subcommands share.
struct common_options {
    std::string src;
    std::string out;
    int level = 2;
    std::string ext;
    batch_output::run_flags run;
};

void add_common(CLI::App* cmd, common_options& o, const std::string& src_help, const std::string& out_help, const std::string& ext_help) {
    cmd->add_option("SRC", o.src, src_help)->required();
    cmd->add_option("OUT", o.out, out_help)->required();
    cmd->add_option("--level", o.level, "1: SRC/*.ext; 2: SRC/*/*.ext (default 2)")->check(CLI::IsMember({1, 2}));
    cmd->add_option("--ext", o.ext, ext_help);
    batch_output::add_run_flags(cmd, o.run, "file", "files");
}

}  // namespace audio_commands

void register_extract_audio(CLI::App& app) {
    auto o = std::make_shared<audio_commands::common_options>();
    o->ext = "mp4";
    auto* cmd = app.add_subcommand("extract-audio", "Write every video's audio as a 16-bit WAV (MMAction2's tools/data/extract_audio.py)");
    audio_commands::add_common(cmd, *o, "Directory of the videos (level 2: SRC/<class>/<video>.<ext>)",
                               "Directory of the WAV files (OUT/<class>/<video>.wav)", "The videos' extension (default mp4)");
    cmd->callback([o] {
        prepare::extract_audio_options e;
        e.level = o->level;
        e.ext = o->ext;
        const batch_output::words words{"extract-audio", "files", "samples"};
        batch_output::apply(o->run, words, e);
        const int status = batch_output::report(words, prepare::extract_audio(o->src, o->out, e), o->run.json, o->run.strict);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}

void register_build_audio_features(CLI::App& app) {
    auto o = std::make_shared<audio_commands::common_options>();
    o->ext = "wav";
    auto f = std::make_shared<prepare::audio_feature_options>();
    auto* cmd = app.add_subcommand("build-audio-features",
                                   "Write every audio file's log-mel spectrogram as OUT/<name>.npy, float32 frames x mels "
                                   "(MMAction2's tools/data/build_audio_features.py)");
    audio_commands::add_common(cmd, *o, "Directory of the audio files (level 2: SRC/<dir>/<name>.<ext>; the script's --level 1)",
                               "Directory of the .npy files (flat: OUT/<name>.npy, as the script writes them)",
                               "The audio files' extension (default wav; any format FFmpeg reads)");
    cmd->add_option("--fft-size", f->fft_size, "FFT and window size in samples (default 512, the script's; AudioTools' own default is 1280)")
        ->check(CLI::Range(2, 1 << 16));
    cmd->add_option("--hop-size", f->hop_size, "Hop in samples (default 256, the script's; AudioTools' own default is 320)")->check(CLI::Range(1, 1 << 16));
    cmd->add_option("--num-mels", f->num_mels, "Mel bands (default 80)")->check(CLI::Range(1, 1024));
    cmd->callback([o, f] {
        prepare::build_audio_features_options b;
        b.level = o->level;
        b.ext = o->ext;
        b.features = *f;
        const batch_output::words words{"build-audio-features", "files", "frames"};
        batch_output::apply(o->run, words, b);
        const int status = batch_output::report(words, prepare::build_audio_features(o->src, o->out, b), o->run.json, o->run.strict);
        if (status != 0) throw CLI::RuntimeError(status);
    });
}
#else
// A build without vidata::prepare cannot decode audio: the subcommands say so instead of vanishing.
void register_extract_audio(CLI::App& app) {
    auto* cmd = app.add_subcommand("extract-audio", "Write every video's audio as a WAV (needs vidata::prepare)");
    cmd->allow_extras();
    cmd->callback([] { throw invalid_argument("extract-audio: this vidata was built without vidata::prepare (VIDATA_WITH_FFMPEG=ON, VIDATA_WITH_IMAGE=ON)"); });
}
void register_build_audio_features(CLI::App& app) {
    auto* cmd = app.add_subcommand("build-audio-features", "Write every audio file's log-mel spectrogram (needs vidata::prepare)");
    cmd->allow_extras();
    cmd->callback([] {
        throw invalid_argument("build-audio-features: this vidata was built without vidata::prepare (VIDATA_WITH_FFMPEG=ON, VIDATA_WITH_IMAGE=ON)");
    });
}
#endif

}  // namespace vidata::cli
