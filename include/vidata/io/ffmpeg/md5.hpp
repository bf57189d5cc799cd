// SPDX-License-Identifier: Apache-2.0
// vidata::ffmpeg::md5_hex: the MD5 of some bytes as 32 hex digits, what `ffmpeg -f framemd5` prints per frame.
#pragma once

#include <vidata/io/ffmpeg/detail/libav.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace vidata::ffmpeg {

/// The MD5 digest of `bytes` in lowercase hex, computed by libavutil (the code framemd5 runs).
///   md5_hex(reader.read(indices).frame_pixels(0))   // equals that frame's line of `ffmpeg ... -f framemd5 -`
[[nodiscard]] inline std::string md5_hex(std::span<const std::uint8_t> bytes) {
    std::uint8_t digest[16];
    av_md5_sum(digest, bytes.data(), bytes.size());
    constexpr char hex[] = "0123456789abcdef";
    std::string out(32, '0');
    for (std::size_t i = 0; i < 16; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    return out;
}

}  // namespace vidata::ffmpeg
