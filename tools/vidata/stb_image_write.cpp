// SPDX-License-Identifier: Apache-2.0
// The one translation unit of the tool that compiles stb_image_write, for the PNG plots of every `vidata eval`
// subcommand: stb is header-only with a single implementation per program, and vidata's headers never define it
// (see vidata/metrics/plot/png.hpp).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <vidata/metrics/plot/png.hpp>
