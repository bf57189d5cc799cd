// SPDX-License-Identifier: Apache-2.0
// The one copy of stb_image and stb_image_write, in each test executable that needs them (image, prepare), where stb is header-only (Conan, vcpkg: vidata::image
// defines VIDATA_STB_HEADER_ONLY). Debian's libstb, which vidata::image links otherwise, already compiles them.
#if VIDATA_STB_HEADER_ONLY
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#endif
#include <vidata/io/image/detail/stb_image.hpp>

#if __has_include(<stb_image_write.h>)
#include <stb_image_write.h>
#else
#include <stb/stb_image_write.h>
#endif
