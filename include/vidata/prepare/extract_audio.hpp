// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::extract_audio: MMAction2's tools/data/extract_audio.py (`ffmpeg -i v -map 0:a -y out.wav` per
// video), through libavformat/libavcodec/libswresample, parallel, resumable, safe to kill.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/prepare/audio_decoder.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/build_rawframes.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <unistd.h>

// What MMAction2's script does (tools/data/extract_audio.py@0.x), and where this differs:
// - Videos are `src/*.ext` (level 1) or `src/*/*.ext` (level 2, the default), ext mp4 by default (avi, mp4, webm);
//   video `src/<class>/<name>.<ext>` gives `out/<class>/<name>.wav`. The script skips a video whose .wav exists,
//   always; here that is `resume` (without it an existing .wav is replaced).
// - The WAV is what the ffmpeg CLI writes for `-map 0:a out.wav`: pcm_s16le at the stream's sample rate and channel
//   count, the samples converted by libswresample with its default options (so they equal those of
//   `ffmpeg -i v -map 0:a -f s16le -`). The header is the canonical 44-byte PCM one (WAVE_FORMAT_EXTENSIBLE with
//   the channel mask above two channels); FFmpeg's adds a LIST/INFO chunk naming the encoder. Data past 4 GiB,
//   which needs RF64, fails the video.
// - `-map 0:a` maps every audio stream, and FFmpeg's WAV muxer refuses more than one ("WAVE files have exactly one
//   stream"): such a video fails in the script. Here the first audio stream is taken.
// - A video without audio makes the script's ffmpeg fail silently (os.popen's status is not read; the error file
//   is never written); here it is listed in failed.txt ("no audio stream"), as is an unreadable video.
// - The script as published cannot run: its main reads args.src_dir/args.out_dir, which parse_args never defines
//   (it defines root and dst_root), and it prefixes every path with "./".

namespace vidata::prepare {

/// The options of `extract_audio.py`, plus resume, sharding and progress.
struct extract_audio_options {
    int level = 2;            ///< 1: src/*.ext; 2: src/<class>/*.ext
    std::string ext = "mp4";  ///< the videos' extension
    unsigned num_worker = 1;  ///< threads, one video each
    bool resume = false;      ///< skip a video whose .wav exists
    shard part{};
    std::function<void(const batch_progress&)> on_progress;
};

namespace detail {

inline void put_u16(std::vector<unsigned char>& b, unsigned v) {
    b.push_back(static_cast<unsigned char>(v & 0xFFu));
    b.push_back(static_cast<unsigned char>((v >> 8) & 0xFFu));
}
inline void put_u32(std::vector<unsigned char>& b, std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) b.push_back(static_cast<unsigned char>((v >> shift) & 0xFFu));
}
// Byte by byte: GCC 12's -Wstringop-overflow misjudges a 4-byte vector::insert from a literal at -O2.
inline void put_tag(std::vector<unsigned char>& b, const char (&tag)[5]) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<unsigned char>(tag[i]));
}

}  // namespace detail

/// The header of a 16-bit PCM WAV file holding `data_bytes` bytes of samples. Above two channels it is
/// WAVE_FORMAT_EXTENSIBLE with `channel_mask` (FFmpeg's native layout mask; 0 when the order is not native).
[[nodiscard]] inline std::vector<unsigned char> wav_header_s16(int sample_rate, int channels, std::uint32_t data_bytes,
                                                               std::uint32_t channel_mask = 0) {
    const bool extensible = channels > 2;
    const std::uint32_t fmt_bytes = extensible ? 40 : 16;
    const auto block_align = static_cast<std::uint32_t>(channels) * 2;
    std::vector<unsigned char> b;
    b.reserve(68);
    detail::put_tag(b, "RIFF");
    detail::put_u32(b, 4 + (8 + fmt_bytes) + 8 + data_bytes);
    detail::put_tag(b, "WAVE");
    detail::put_tag(b, "fmt ");
    detail::put_u32(b, fmt_bytes);
    detail::put_u16(b, extensible ? 0xFFFEu : 1u);  // WAVE_FORMAT_EXTENSIBLE or WAVE_FORMAT_PCM
    detail::put_u16(b, static_cast<unsigned>(channels));
    detail::put_u32(b, static_cast<std::uint32_t>(sample_rate));
    detail::put_u32(b, static_cast<std::uint32_t>(sample_rate) * block_align);
    detail::put_u16(b, block_align);
    detail::put_u16(b, 16);
    if (extensible) {
        detail::put_u16(b, 22);  // the extension's size
        detail::put_u16(b, 16);  // valid bits per sample
        detail::put_u32(b, channel_mask);
        // KSDATAFORMAT_SUBTYPE_PCM, 00000001-0000-0010-8000-00aa00389b71, as stored.
        constexpr std::array<unsigned char, 16> pcm_guid{0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
                                                         0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
        for (const unsigned char byte : pcm_guid) b.push_back(byte);
    }
    detail::put_tag(b, "data");
    detail::put_u32(b, data_bytes);
    return b;
}

/// Writes the first audio stream of `video` to `wav` (complete or absent) as `ffmpeg -i video -map 0:a -y wav` does
/// (see the notes above). Returns the samples per channel and the bytes written. Reading errors propagate as
/// decode_error (the video fails); writing errors as detail::output_failure (the run fails).
///
/// Memory: one decoded frame and a 64 KiB write buffer, whatever the length.
inline batch_item extract_audio_file(const std::filesystem::path& video, const std::filesystem::path& wav) {
    audio_decoder decoder(video, AV_SAMPLE_FMT_S16);
    batch_item got;
    detail::write_through_partial(wav, [&](int fd) {
        // A placeholder header: its sizes are known at the end, when it is written again in place.
        const auto placeholder = wav_header_s16(decoder.sample_rate(), decoder.channels(), 0);
        detail::write_or_fail(fd, placeholder.data(), placeholder.size(), wav);
        std::vector<unsigned char> buffer;
        buffer.reserve(64 * 1024);
        std::uint64_t data_bytes = 0;
        constexpr std::uint64_t max_data = std::numeric_limits<std::uint32_t>::max() - 64;
        decoder.for_each_chunk([&](const std::uint8_t* samples, int count) {
            const auto bytes = static_cast<std::size_t>(count) * static_cast<std::size_t>(decoder.channels()) * 2;
            data_bytes += bytes;
            if (data_bytes > max_data) throw decode_error(video.string(), -1, "the audio exceeds the 4 GiB a WAV file can hold");
            got.units += static_cast<std::uint64_t>(count);
            if (buffer.size() + bytes > buffer.capacity()) {
                detail::write_or_fail(fd, buffer.data(), buffer.size(), wav);
                buffer.clear();
            }
            if (bytes > buffer.capacity()) detail::write_or_fail(fd, samples, bytes, wav);
            else buffer.insert(buffer.end(), samples, samples + bytes);
        });
        detail::write_or_fail(fd, buffer.data(), buffer.size(), wav);
        const AVChannelLayout& layout = decoder.channel_layout();
        const std::uint32_t mask = layout.order == AV_CHANNEL_ORDER_NATIVE ? static_cast<std::uint32_t>(layout.u.mask & 0xFFFFFFFFu) : 0u;
        const auto header = wav_header_s16(decoder.sample_rate(), decoder.channels(), static_cast<std::uint32_t>(data_bytes), mask);
        // The decoder may report more channels once it decodes than its parameters said (HE-AAC v2's parametric
        // stereo): the video fails if that would change the header's size.
        if (header.size() != placeholder.size())
            throw decode_error(video.string(), -1, "the channel count changed from the stream's parameters to its decoded frames");
        if (::pwrite(fd, header.data(), header.size(), 0) != static_cast<::ssize_t>(header.size()))
            throw detail::output_failure{std::make_exception_ptr(io_error(wav.string(), "cannot write the WAV header"))};
        got.bytes = header.size() + data_bytes;
    });
    return got;
}

/// The .wav path, relative to the output, of a video relative to the source: its extension replaced.
[[nodiscard]] inline std::filesystem::path wav_path_of(const std::filesystem::path& video) {
    return video.parent_path() / (video.stem().string() + ".wav");
}

/// Extracts the audio of every video of `src` (this shard's) into `out` as WAV files, as MMAction2's
/// extract_audio.py does (see the notes at the top of this header). A video that cannot be read or has no audio
/// stream is listed in failed.txt and skipped. Throws invalid_argument for bad options, io_error when the source
/// cannot be listed or the output cannot be written.
inline batch_summary extract_audio(const std::filesystem::path& src, const std::filesystem::path& out, const extract_audio_options& o) {
    if (o.level != 1 && o.level != 2) throw invalid_argument("extract-audio: --level must be 1 or 2, got " + std::to_string(o.level));
    const auto videos = list_videos(src, o.level, o.ext, false);
    std::vector<std::filesystem::path> wavs;
    for (const auto& v : videos) wavs.push_back(wav_path_of(v));
    return run_batch(out, videos, wavs, batch_options_of(o),
                     [&](const batch_job& job) { return extract_audio_file(src / job.input, job.output); });
}

}  // namespace vidata::prepare
