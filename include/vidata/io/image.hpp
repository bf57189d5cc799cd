// SPDX-License-Identifier: Apache-2.0
// The image decoders of io/ (component vidata::image: stb_image, and libjpeg-turbo where found): an include list.
// Not part of <vidata/vidata.hpp>; link vidata::image to use it.
#pragma once

#include <vidata/io/image/filename_template.hpp>
#include <vidata/io/image/image_backend.hpp>
#include <vidata/io/image/image_decoder.hpp>
#include <vidata/io/image/rawframe_source.hpp>
#include <vidata/io/image/read_image.hpp>
