// SPDX-License-Identifier: Apache-2.0
// vidata::read_image: one JPEG or PNG file into a one-frame clip of RGB or gray pixels.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/io/image/image_backend.hpp>
#include <vidata/io/image/image_decoder.hpp>
#include <vidata/io/read_file.hpp>

#include <filesystem>
#include <vector>

namespace vidata {

/// The image file at `path` as a one-frame clip (1 × H × W × channels), RGB by default:
///
///   const vidata::clip img = vidata::read_image("data/imgs/img_00001.jpg");   // img.height() x img.width() x 3
///
/// Throws io_error when the file cannot be read and decode_error when it is not a readable image. For many files,
/// keep one image_decoder and one byte buffer (as rawframe_source does) rather than calling this in a loop.
[[nodiscard]] inline clip read_image(const std::filesystem::path& path, image_channels channels = image_channels::rgb,
                                     image_backend jpeg_backend = image_backend::automatic) {
    const std::vector<unsigned char> bytes = read_file_bytes(path);
    image_decoder decoder(jpeg_backend);
    return decoder.decode(bytes, channels, path.string());
}

}  // namespace vidata
