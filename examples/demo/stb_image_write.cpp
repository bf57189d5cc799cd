// SPDX-License-Identifier: Apache-2.0
// The one translation unit of the demo that compiles stb_image_write (the PNG plots, and JPEG/PNG frames where
// libjpeg-turbo is absent): stb is header-only with a single implementation per program, and vidata's headers
// never define it (see vidata/metrics/plot/png.hpp).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <vidata/metrics/plot/png.hpp>
