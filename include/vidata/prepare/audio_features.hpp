// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::build_audio_features: MMAction2's tools/data/build_audio_features.py (log-mel spectrograms of
// audio files as .npy), with Eigen's FFT, parallel, resumable, safe to kill.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/prepare/audio_decoder.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/build_rawframes.hpp>

#include <unsupported/Eigen/FFT>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <numbers>
#include <span>
#include <string>
#include <vector>

// What the script computes (tools/data/build_audio_features.py@0.x; its run, `__main__`, builds
// AudioTools(fft_size=512, hop_size=256) with the default spectrogram_type='lws'):
// 1. librosa.core.load(path, sr=16000): float32 samples (16-bit PCM / 32768), channels averaged to mono, then
//    resampled to 16 kHz if the file is not (librosa < 0.10: resampy 'kaiser_best'; here libswresample's default
//    filter, whose values differ slightly; a 16 kHz file, as ffmpeg writes for 16 kHz sources, is not resampled by
//    either), the length fixed to ceil(n · 16000 / rate) as librosa.resample fixes it.
// 2. audio_normalize (NORM_AUDIO): samples · 0.1 / max(1e-4, sqrt(mean(samples²))), in float32.
// 3. lws.lws(fft_size, hop_size, mode='speech').stft(y) (lws 1.2.x, perfectrec=True): the window is
//    sqrt(hann_sym(n)) renormalised for perfect reconstruction, hann_sym(n)[k] = 0.5 · (1 - cos(2π(2k+1) / 2n)) (a
//    half-sample-offset Hann, never zero), awin = sqrt(a · a / w) where w sums a² over the frames that overlap a
//    sample (w = 1 for 512/256, 2 for 1280/320); the signal is padded with zeros, fft_size - hop_size before (when
//    the hop divides the size) and up to a multiple of the hop after, giving M = padded length / hop frames; frame m
//    is samples [m · hop, m · hop + fft_size) times the window, transformed with n = fft_size. No centring, no
//    reflection: this is not librosa.stft.
// 4. Magnitudes |X| (not power) through librosa.filters.mel(16000, fft_size, fmin=125, fmax=7600, n_mels=80): the
//    Slaney mel scale (htk=False) and area normalisation (norm=1 / 'slaney'), float32 weights.
// 5. 20 · log10(max(1e-5, mel)) - 20 (ref_level_db), then clip((S + 100) / 100, 0, 1) (min_level_db = -100).
// 6. Saved as float32 of shape (frames, n_mels), in Fortran order (np.save of a transposed array), to `out/<file name without extension>.npy` (flat, whatever the
//    level); the script skips a file whose .npy exists (here: resume) and prints "Read audio [...] failed." for
//    a file it cannot read (here: failed.txt).
// The class defaults fft_size=1280, hop_size=320 (what reference-behaviour.md §1.10 quotes) are overridden by the
// script's __main__; both are available through audio_feature_options. The script's --level L globs
// `src/` + `*/` · L + `*ext` (its default 1 is SRC/<dir>/*.m4a); vidata's level counts as build_rawframes and
// extract-audio do (1: SRC/*.ext, 2: SRC/<dir>/*.ext), so the script's level L is vidata's L + 1. Its --part K/N
// takes a contiguous slice; --shard K/N takes every N-th file. The script needs librosa < 0.10 (it calls
// librosa.filters.mel with positional arguments, which 0.10 refuses; the error is caught and every file "fails").

namespace vidata::prepare {

/// The parameters of AudioTools that the features depend on. Defaults: those the script runs with.
struct audio_feature_options {
    int sample_rate = 16000;
    int num_mels = 80;
    int fft_size = 512;   ///< the script's __main__ (AudioTools' own default is 1280)
    int hop_size = 256;   ///< the script's __main__ (AudioTools' own default is 320)
    double fmin = 125.0;  ///< FMIN
    double fmax = 7600.0; ///< FMAX
    double min_level_db = -100.0;
    double ref_level_db = 20.0;
};

/// A log-mel spectrogram: frames x mels, row-major, float32, values in [0, 1].
struct mel_spectrogram_result {
    std::size_t frames = 0;
    std::size_t mels = 0;
    std::vector<float> values;
};

namespace detail {

// librosa's Slaney mel scale (htk=False): linear below 1000 Hz (200/3 Hz per mel), logarithmic above.
inline constexpr double slaney_f_sp = 200.0 / 3;
inline constexpr double slaney_min_log_hz = 1000.0;

[[nodiscard]] inline double slaney_logstep() { return std::log(6.4) / 27.0; }

[[nodiscard]] inline double hz_to_mel_slaney(double hz) {
    const double min_log_mel = slaney_min_log_hz / slaney_f_sp;
    if (hz >= slaney_min_log_hz) return min_log_mel + std::log(hz / slaney_min_log_hz) / slaney_logstep();
    return hz / slaney_f_sp;
}

[[nodiscard]] inline double mel_to_hz_slaney(double mel) {
    const double min_log_mel = slaney_min_log_hz / slaney_f_sp;
    if (mel >= min_log_mel) return slaney_min_log_hz * std::exp(slaney_logstep() * (mel - min_log_mel));
    return slaney_f_sp * mel;
}

// numpy.linspace(start, stop, num): start + k · step, the last one exactly stop.
[[nodiscard]] inline std::vector<double> linspace(double start, double stop, std::size_t num) {
    std::vector<double> out(num);
    const double step = num > 1 ? (stop - start) / static_cast<double>(num - 1) : 0.0;
    for (std::size_t k = 0; k < num; ++k) out[k] = static_cast<double>(k) * step + start;
    if (num > 1) out[num - 1] = stop;
    return out;
}

}  // namespace detail

/// librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax) with htk=False and norm='slaney' (librosa 0.7-0.9's defaults):
/// n_mels x (n_fft / 2 + 1) triangular weights on the Slaney mel scale, each divided by half its band's width in Hz,
/// stored as float32 as librosa stores them.
[[nodiscard]] inline std::vector<float> slaney_mel_filterbank(int sample_rate, int n_fft, int n_mels, double fmin, double fmax) {
    if (sample_rate <= 0 || n_fft <= 0 || n_mels <= 0 || !(fmin >= 0) || !(fmax > fmin) || fmax > sample_rate / 2.0)
        throw invalid_argument("mel filterbank: needs 0 <= fmin < fmax <= sample_rate / 2 and positive sizes");
    const auto bins = static_cast<std::size_t>(n_fft / 2 + 1);
    const auto mels = static_cast<std::size_t>(n_mels);
    const std::vector<double> fft_hz = detail::linspace(0.0, sample_rate / 2.0, bins);
    std::vector<double> band_hz = detail::linspace(detail::hz_to_mel_slaney(fmin), detail::hz_to_mel_slaney(fmax), mels + 2);
    for (double& f : band_hz) f = detail::mel_to_hz_slaney(f);
    std::vector<float> weights(mels * bins);
    for (std::size_t m = 0; m < mels; ++m) {
        const double lower_width = band_hz[m + 1] - band_hz[m];
        const double upper_width = band_hz[m + 2] - band_hz[m + 1];
        const double enorm = 2.0 / (band_hz[m + 2] - band_hz[m]);
        for (std::size_t k = 0; k < bins; ++k) {
            const double lower = -(band_hz[m] - fft_hz[k]) / lower_width;
            const double upper = (band_hz[m + 2] - fft_hz[k]) / upper_width;
            // librosa stores the triangle in float32, then scales it in float64 and stores it again.
            const float triangle = static_cast<float>(std::max(0.0, std::min(lower, upper)));
            weights[m * bins + k] = static_cast<float>(static_cast<double>(triangle) * enorm);
        }
    }
    return weights;
}

/// lws.lws(fft_size, hop_size)'s analysis window (lws 1.2.x, symmetric_win=True): sqrt of a half-sample-offset Hann
/// window, renormalised so that the squared windows of overlapping frames sum to one.
[[nodiscard]] inline std::vector<double> lws_analysis_window(int fft_size, int hop_size) {
    if (fft_size <= 0 || hop_size <= 0 || hop_size > fft_size) throw invalid_argument("lws window: needs 0 < hop_size <= fft_size");
    const auto n = static_cast<std::size_t>(fft_size);
    const auto hop = static_cast<std::size_t>(hop_size);
    std::vector<double> a(n);
    for (std::size_t k = 0; k < n; ++k)
        a[k] = std::sqrt(0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * static_cast<double>(2 * k + 1) / static_cast<double>(2 * n))));
    // lws.synthwin(a, hop): a / w, w the sum of a² over the ceil(n / hop) frames overlapping each position.
    std::vector<double> w(hop, 0.0);
    for (std::size_t k = 0; k < n; ++k) w[k % hop] += a[k] * a[k];
    for (std::size_t k = 0; k < hop; ++k)
        if (!(w[k] > 0)) throw invalid_argument("lws window: the normaliser is not strictly positive");
    std::vector<double> window(n);
    for (std::size_t k = 0; k < n; ++k) window[k] = std::sqrt(a[k] * (a[k] / w[k % hop]));
    return window;
}

/// The number of frames lws's stft (perfectrec=True) gives for `samples` samples.
[[nodiscard]] inline std::size_t lws_frame_count(std::size_t samples, int fft_size, int hop_size) {
    const auto n = static_cast<std::size_t>(fft_size);
    const auto hop = static_cast<std::size_t>(hop_size);
    const std::size_t pre = n % hop == 0 ? n - hop : n - n % hop;
    const std::size_t post = samples % hop == 0 ? 0 : hop - samples % hop;
    return (pre + samples + post) / hop;
}

/// The script's features of a mono signal at options.sample_rate (steps 2 to 5 above): RMS normalisation, lws STFT
/// magnitudes, Slaney mel filterbank, dB, normalisation to [0, 1]. Frames x mels, float32.
[[nodiscard]] inline mel_spectrogram_result audio_features_of(std::span<const float> samples, const audio_feature_options& o = {}) {
    const std::vector<float> bank = slaney_mel_filterbank(o.sample_rate, o.fft_size, o.num_mels, o.fmin, o.fmax);
    const std::vector<double> window = lws_analysis_window(o.fft_size, o.hop_size);
    const auto n = static_cast<std::size_t>(o.fft_size);
    const auto hop = static_cast<std::size_t>(o.hop_size);
    const std::size_t bins = n / 2 + 1;
    const auto mels = static_cast<std::size_t>(o.num_mels);

    // audio_normalize: the factor in float64, the product stored in float32 as numpy stores it.
    std::vector<float> y(samples.begin(), samples.end());
    if (!y.empty()) {
        double sum = 0.0;
        for (const float v : y) sum += static_cast<double>(v) * static_cast<double>(v);
        const double rms = std::max(1e-4, std::sqrt(sum / static_cast<double>(y.size())));
        const auto factor = static_cast<float>(0.1 / rms);
        for (float& v : y) v *= factor;
    }

    const std::size_t pre = n % hop == 0 ? n - hop : n - n % hop;
    mel_spectrogram_result out;
    out.frames = lws_frame_count(y.size(), o.fft_size, o.hop_size);
    out.mels = mels;
    out.values.resize(out.frames * mels);
    const double min_level = std::exp(o.min_level_db / 20.0 * std::log(10.0));
    Eigen::FFT<double> fft;
    fft.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    std::vector<double> frame(n);
    std::vector<std::complex<double>> spectrum;
    std::vector<double> magnitude(bins);
    for (std::size_t m = 0; m < out.frames; ++m) {
        // Frame m covers padded positions [m · hop, m · hop + n); the signal starts at position `pre`.
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t at = m * hop + k;
            const double v = at >= pre && at - pre < y.size() ? static_cast<double>(y[at - pre]) : 0.0;
            frame[k] = v * window[k];
        }
        fft.fwd(spectrum, frame);
        for (std::size_t b = 0; b < bins; ++b) magnitude[b] = std::abs(spectrum[b]);
        for (std::size_t j = 0; j < mels; ++j) {
            double mel = 0.0;
            const float* w = bank.data() + j * bins;
            for (std::size_t b = 0; b < bins; ++b) mel += static_cast<double>(w[b]) * magnitude[b];
            const double db = 20.0 * std::log10(std::max(min_level, mel)) - o.ref_level_db;
            const double normalised = std::clamp((db - o.min_level_db) / -o.min_level_db, 0.0, 1.0);
            out.values[m * mels + j] = static_cast<float>(normalised);
        }
    }
    return out;
}

/// librosa.core.load(path, sr=sample_rate) for any file FFmpeg reads (step 1 above): float32 samples, channels
/// averaged, resampled to `sample_rate` by libswresample when the file's rate differs.
[[nodiscard]] inline std::vector<float> load_audio_mono(const std::filesystem::path& path, int sample_rate) {
    audio_decoder decoder(path, AV_SAMPLE_FMT_FLT);
    std::vector<float> mono;
    decoder.for_each_chunk([&](const std::uint8_t* bytes, int count) {
        const int channels = decoder.channels();
        const auto* samples = reinterpret_cast<const float*>(bytes);
        for (int i = 0; i < count; ++i) {
            // numpy.mean over the channel axis in float32: summed in order, divided by the count.
            float sum = samples[static_cast<std::size_t>(i) * static_cast<std::size_t>(channels)];
            for (int c = 1; c < channels; ++c) sum += samples[static_cast<std::size_t>(i) * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)];
            mono.push_back(channels == 1 ? sum : sum / static_cast<float>(channels));
        }
    });
    const int rate = decoder.sample_rate();
    if (rate == sample_rate || mono.empty()) return mono;

    SwrContext* raw = nullptr;
    AVChannelLayout layout = AV_CHANNEL_LAYOUT_MONO;
    const int r = swr_alloc_set_opts2(&raw, &layout, AV_SAMPLE_FMT_FLT, sample_rate, &layout, AV_SAMPLE_FMT_FLT, rate, 0, nullptr);
    detail::swr_context_ptr swr(raw);
    if (r < 0 || !swr || swr_init(swr.get()) < 0) throw decode_error(path.string(), -1, "libswresample cannot resample to " + std::to_string(sample_rate) + " Hz");
    // librosa.resample's length: ceil(n · new_rate / old_rate), padded with zeros or cut.
    const auto wanted = static_cast<std::size_t>(
        (static_cast<std::uint64_t>(mono.size()) * static_cast<std::uint64_t>(sample_rate) + static_cast<std::uint64_t>(rate) - 1) /
        static_cast<std::uint64_t>(rate));
    std::vector<float> resampled;
    resampled.reserve(wanted + 64);
    std::vector<float> buffer;
    const auto convert = [&](const float* in, int count) {
        const int capacity = std::max(1, swr_get_out_samples(swr.get(), count));
        buffer.resize(static_cast<std::size_t>(capacity));
        auto* out_plane = reinterpret_cast<std::uint8_t*>(buffer.data());
        const auto* in_plane = reinterpret_cast<const std::uint8_t*>(in);
        const int got = swr_convert(swr.get(), &out_plane, capacity, in != nullptr ? &in_plane : nullptr, count);
        if (got < 0) throw decode_error(path.string(), -1, "libswresample cannot resample the audio");
        resampled.insert(resampled.end(), buffer.begin(), buffer.begin() + got);
        return got;
    };
    constexpr std::size_t chunk = 1 << 16;
    for (std::size_t at = 0; at < mono.size(); at += chunk)
        convert(mono.data() + at, static_cast<int>(std::min(chunk, mono.size() - at)));
    while (convert(nullptr, 0) > 0) {
    }
    resampled.resize(wanted, 0.0f);
    return resampled;
}

/// The features of one audio file written to `npy` (complete or absent): load_audio_mono, audio_features_of, a
/// float32 (frames, mels) array. Returns the frames and bytes written.
inline batch_item audio_features_file(const std::filesystem::path& audio, const std::filesystem::path& npy, const audio_feature_options& o = {}) {
    const std::vector<float> samples = load_audio_mono(audio, o.sample_rate);
    const mel_spectrogram_result features = audio_features_of(samples, o);
    // The script saves melspectrogram(...).astype(float32).T, a transposed view, which np.save writes in Fortran
    // order (fortran_order: True, the mels of frame 0 far apart): written so here too, the files are alike byte for byte.
    std::vector<unsigned char> column_major(features.values.size() * sizeof(float));
    for (std::size_t m = 0; m < features.mels; ++m)
        for (std::size_t f = 0; f < features.frames; ++f)
            std::memcpy(column_major.data() + (m * features.frames + f) * sizeof(float), &features.values[f * features.mels + m], sizeof(float));
    const ndarray array(dtype::of<float>(), {static_cast<std::int64_t>(features.frames), static_cast<std::int64_t>(features.mels)},
                        std::move(column_major), true);
    const std::vector<unsigned char> bytes = to_npy_bytes(array);
    detail::write_through_partial(npy, [&](int fd) { detail::write_or_fail(fd, bytes.data(), bytes.size(), npy); });
    return {features.frames, bytes.size()};
}

/// The options of build_audio_features.py, plus resume, sharding and progress.
struct build_audio_features_options {
    int level = 2;            ///< 1: src/*.ext; 2: src/<dir>/*.ext (the script's --level 1)
    std::string ext = "wav";  ///< the audio files' extension (the script's default is .m4a; extract-audio writes .wav)
    unsigned num_worker = 1;  ///< threads, one file each
    bool resume = false;      ///< skip a file whose .npy exists
    shard part{};
    audio_feature_options features{};
    std::function<void(const batch_progress&)> on_progress;
};

/// Computes the features of every audio file of `src` (this shard's) into `out/<name>.npy`, as MMAction2's
/// build_audio_features.py does (see the notes at the top of this header). A file that cannot be read, or whose
/// name without extension an earlier file (in sorted order) already took, is listed in failed.txt and skipped.
/// Memory: the whole signal (4 bytes per sample at 16 kHz) and its features, per worker.
inline batch_summary build_audio_features(const std::filesystem::path& src, const std::filesystem::path& out,
                                          const build_audio_features_options& o) {
    if (o.level != 1 && o.level != 2) throw invalid_argument("build-audio-features: --level must be 1 or 2, got " + std::to_string(o.level));
    if (o.features.fft_size <= 0 || o.features.fft_size % 2 != 0 || o.features.hop_size <= 0 || o.features.hop_size > o.features.fft_size)
        throw invalid_argument("build-audio-features: the FFT size must be even and positive, the hop in (0, FFT size]");
    (void)slaney_mel_filterbank(o.features.sample_rate, o.features.fft_size, o.features.num_mels, o.features.fmin, o.features.fmax);  // checks
    const auto files = list_videos(src, o.level, o.ext, false);
    std::vector<std::filesystem::path> outputs;
    std::map<std::string, std::filesystem::path> first_with_name;
    std::vector<std::string> collision(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string name = files[i].stem().string() + ".npy";
        outputs.emplace_back(name);
        const auto [at, inserted] = first_with_name.emplace(name, files[i]);
        if (!inserted) collision[i] = "its output " + name + " is also that of " + at->second.generic_string() + " (the outputs are flat, as the script writes them)";
    }
    return run_batch(out, files, outputs, batch_options_of(o), [&](const batch_job& job) {
        if (!collision[job.index].empty()) throw invalid_argument(collision[job.index]);
        return audio_features_file(src / job.input, job.output, o.features);
    });
}

}  // namespace vidata::prepare
