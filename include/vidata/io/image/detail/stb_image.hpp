// SPDX-License-Identifier: Apache-2.0
// stb_image's declarations, wherever the platform puts them; the one place vidata includes it.
#pragma once

// Debian's libstb-dev puts the headers in include/stb/ and compiles the implementation into libstb (its stb.pc
// adds include/stb, so <stb_image.h> is found); Conan and vcpkg ship stb header-only, and then exactly one
// translation unit of the program defines STB_IMAGE_IMPLEMENTATION before including this header (vidata's
// headers never do: a second definition would be a duplicate symbol).
#if __has_include(<stb_image.h>)
#include <stb_image.h>
#elif __has_include(<stb/stb_image.h>)
#include <stb/stb_image.h>
#else
#error "vidata/io/image needs stb (stb_image.h): link vidata::image, or install stb (Debian: libstb-dev)"
#endif
