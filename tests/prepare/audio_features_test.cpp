// SPDX-License-Identifier: Apache-2.0
// build_audio_features against tests/python/audio_features_oracle.py (numpy's transcription of librosa.load, lws's
// stft, librosa's Slaney mel filterbank and the script's normalisation) on WAVs the ffmpeg CLI makes; frame counts
// and mel-scale points by hand; the window's perfect-reconstruction property; resampling, failures, flat outputs.
#include "prepare/prepare_support.hpp"

#include <vidata/io/npy.hpp>
#include <vidata/prepare/audio_features.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace audio_features_test {

namespace fs = std::filesystem;
using vidata::test::shell_quote;

// A 16-bit PCM WAV from a lavfi audio source, `seconds` long.
void make_wav(const fs::path& path, const std::string& source, double seconds) {
    fs::create_directories(path.parent_path());
    vidata::test::prepare::ffmpeg("-f lavfi -i " + shell_quote(source) + " -t " + std::to_string(seconds) + " -c:a pcm_s16le " +
                                  shell_quote(path.string()));
}

std::vector<float> values_of(const vidata::ndarray& a) {
    const auto bytes = a.bytes();
    std::vector<float> out(bytes.size() / sizeof(float));
    std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

// Two tones and a chirp-like sweep, so that many mel bands carry energy; mono and stereo, 16 kHz (librosa's rate:
// no resampling on either side).
constexpr const char* mono_source = "aevalsrc=0.5*sin(2*PI*440*t)+0.2*sin(2*PI*3000*t)+0.1*sin(2*PI*(200+2000*t)*t):s=16000";
constexpr const char* stereo_source = "aevalsrc=0.6*sin(2*PI*700*t)|0.3*sin(2*PI*5000*t)+0.2*sin(2*PI*150*t):s=16000";

}  // namespace audio_features_test

TEST_CASE("audio_features: the .npy equals the numpy transcription of build_audio_features.py - 512/256 and 1280/320 - mono and stereo", "[prepare]") {
    using namespace audio_features_test;
    if (!vidata::test::prepare::ffmpeg_available() || !vidata::test::python_oracle_available()) return;
    vidata::test::temp_dir dir;
    make_wav(dir / "audio" / "mono.wav", mono_source, 1.3);      // 20800 samples
    make_wav(dir / "audio" / "stereo.wav", stereo_source, 0.7);  // 11200 samples
    struct config {
        int fft, hop;
        std::size_t mono_frames, stereo_frames;
    };
    // lws pads fft - hop zeros before and up to a multiple of the hop after: (pre + n + post) / hop frames.
    // 512/256: (256 + 20800 + 192) / 256 = 83, (256 + 11200 + 64) / 256 = 45.
    // 1280/320: (960 + 20800 + 0) / 320 = 68, (960 + 11200 + 0) / 320 = 38.
    for (const config c : {config{512, 256, 83, 45}, config{1280, 320, 68, 38}}) {
        INFO("fft " << c.fft << " hop " << c.hop);
        const fs::path out = dir / ("features_" + std::to_string(c.fft));
        vidata::prepare::build_audio_features_options o;
        o.level = 1;
        o.num_worker = 2;
        o.features.fft_size = c.fft;
        o.features.hop_size = c.hop;
        const auto s = vidata::prepare::build_audio_features(dir / "audio", out, o);
        CHECK(s.totals.written == 2);
        CHECK(s.failures.empty());
        CHECK(s.totals.units == c.mono_frames + c.stereo_frames);
        for (const char* name : {"mono", "stereo"}) {
            INFO(name);
            const fs::path expected_path = dir / (std::string(name) + "_expected.npy");
            const auto r = vidata::test::run_python("audio_features_oracle.py", shell_quote((dir / "audio" / (std::string(name) + ".wav")).string()) +
                                                                                    " " + shell_quote(expected_path.string()) + " " +
                                                                                    std::to_string(c.fft) + " " + std::to_string(c.hop));
            INFO(r.output);
            REQUIRE(r.status == 0);
            const vidata::ndarray got = vidata::load_npy(out / (std::string(name) + ".npy"));
            const vidata::ndarray expected = vidata::load_npy(expected_path);
            CHECK(got.type() == vidata::dtype::of<float>());
            REQUIRE(got.shape() == expected.shape());
            // The script saves melspectrogram(...).astype(float32).T, a transposed view: np.save writes it in Fortran
            // order, and so does vidata, so that the files are byte for byte alike.
            CHECK(expected.fortran_order());
            CHECK(got.fortran_order());
            CHECK(got.shape()[0] == static_cast<std::int64_t>(std::string(name) == "mono" ? c.mono_frames : c.stereo_frames));
            CHECK(got.shape()[1] == 80);
            const auto a = values_of(got.to_c_order());
            const auto b = values_of(expected.to_c_order());
            double worst = 0.0;
            std::size_t inside = 0;  // values strictly inside (0, 1): the comparison is not only of clipped ends
            for (std::size_t i = 0; i < a.size(); ++i) {
                worst = std::max(worst, std::abs(static_cast<double>(a[i]) - b[i]) / std::max(1e-2, std::abs(static_cast<double>(b[i]))));
                inside += b[i] > 0.0f && b[i] < 1.0f;
            }
            CHECK(worst < 1e-4);
            CHECK(inside > a.size() / 2);
        }
    }
}

TEST_CASE("audio_features: Slaney mel points - frame counts - lws window sums to one over overlaps - by hand", "[prepare]") {
    using vidata::prepare::detail::hz_to_mel_slaney;
    using vidata::prepare::detail::mel_to_hz_slaney;
    // Linear below 1 kHz at 200/3 Hz per mel; 1 kHz is mel 15; above, 27 mels per log(6.4).
    CHECK(hz_to_mel_slaney(500.0) == Approx(7.5));
    CHECK(hz_to_mel_slaney(1000.0) == Approx(15.0));
    CHECK(hz_to_mel_slaney(6400.0) == Approx(42.0));
    CHECK(mel_to_hz_slaney(42.0) == Approx(6400.0));
    CHECK(mel_to_hz_slaney(3.0) == Approx(200.0));
    // lws_frame_count: 16000 samples, 512/256: 256 + 16000 + 128 = 16384 -> 64; 0 samples -> 1 frame of padding.
    CHECK(vidata::prepare::lws_frame_count(16000, 512, 256) == 64);
    CHECK(vidata::prepare::lws_frame_count(0, 512, 256) == 1);
    CHECK(vidata::prepare::lws_frame_count(16000, 1280, 320) == 53);  // (960 + 16000) / 320
    // Perfect reconstruction: the squared window summed over the frames covering a sample is one.
    for (const auto& [n, hop] : {std::pair{512, 256}, std::pair{1280, 320}, std::pair{400, 160}}) {
        const auto w = vidata::prepare::lws_analysis_window(n, hop);
        for (int k = 0; k < hop; ++k) {
            double sum = 0.0;
            for (int at = k; at < n; at += hop) sum += w[static_cast<std::size_t>(at)] * w[static_cast<std::size_t>(at)];
            CHECK(sum == Approx(1.0).epsilon(1e-12));
        }
    }
    // Each mel filter's area in Hz is one (Slaney normalisation: height 2 / width over a triangle of that width),
    // up to the sampling of the triangle by FFT bins: 257 bins of 31.25 Hz.
    const auto bank = vidata::prepare::slaney_mel_filterbank(16000, 512, 80, 125.0, 7600.0);
    for (std::size_t m = 40; m < 80; ++m) {  // wide bands, well sampled
        double area = 0.0;
        for (std::size_t b = 0; b < 257; ++b) area += bank[m * 257 + b] * 31.25;
        CHECK(area == Approx(1.0).epsilon(0.05));
    }
}

TEST_CASE("audio_features: a 22.05 kHz file is resampled to 16 kHz - librosa's length - features near those of the 16 kHz tone", "[prepare]") {
    using namespace audio_features_test;
    if (!vidata::test::prepare::ffmpeg_available()) return;
    vidata::test::temp_dir dir;
    make_wav(dir / "a" / "at16k.wav", "sine=frequency=1000:sample_rate=16000", 1.0);
    make_wav(dir / "b" / "at22k.wav", "sine=frequency=1000:sample_rate=22050", 1.0);
    const auto at16 = vidata::prepare::load_audio_mono(dir / "a" / "at16k.wav", 16000);
    const auto at22 = vidata::prepare::load_audio_mono(dir / "b" / "at22k.wav", 16000);
    CHECK(at16.size() == 16000);
    CHECK(at22.size() == 16000);  // ceil(22050 * 16000 / 22050)
    const auto f16 = vidata::prepare::audio_features_of(at16);
    const auto f22 = vidata::prepare::audio_features_of(at22);
    REQUIRE(f16.values.size() == f22.values.size());
    // Away from the edges (the resampler's filter reaches a few samples) the same tone gives the same features,
    // within the resampler's ripple: bands carrying the tone agree closely.
    for (std::size_t frame = 4; frame + 4 < f16.frames; ++frame)
        for (std::size_t m = 0; m < 80; ++m)
            if (f16.values[frame * 80 + m] > 0.5f) CHECK(std::abs(f16.values[frame * 80 + m] - f22.values[frame * 80 + m]) < 0.02f);

    // Both trees at level 2 with flat outputs; a file that is not audio fails; a second "at16k" collides.
    vidata::test::write_file(dir / "b" / "broken.wav", "not a wav");
    make_wav(dir / "c" / "at16k.wav", "sine=frequency=500:sample_rate=16000", 0.5);
    vidata::prepare::build_audio_features_options o;
    const auto s = vidata::prepare::build_audio_features(dir.path(), dir / "out", o);
    CHECK(s.totals.written == 2);
    REQUIRE(s.failures.size() == 2);
    CHECK(s.failures[0].input == fs::path("b/broken.wav"));
    CHECK(s.failures[1].input == fs::path("c/at16k.wav"));
    CHECK_THAT(s.failures[1].reason, Catch::Contains("a/at16k.wav"));
    CHECK(fs::is_regular_file(dir / "out" / "at16k.npy"));
    CHECK(fs::is_regular_file(dir / "out" / "at22k.npy"));
    CHECK_FALSE(fs::exists(dir / "out" / "broken.npy"));
    CHECK(vidata::load_npy(dir / "out" / "at16k.npy").shape() == std::vector<std::int64_t>{64, 80});  // 256 + 16000 + 128 over 256
    // Resume: the finished outputs are kept.
    o.resume = true;
    const auto again = vidata::prepare::build_audio_features(dir.path(), dir / "out", o);
    CHECK(again.totals.skipped == 3);  // at16k.npy exists for both at16k files
    CHECK(again.totals.failed == 1);
}
