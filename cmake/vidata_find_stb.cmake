# SPDX-License-Identifier: Apache-2.0
# Provides the imported target vidata::detail::stb. Debian ships stb compiled (libstb + stb.pc, headers in
# include/stb/); Conan (stb::stb) and vcpkg (Stb_INCLUDE_DIR) ship it header-only, in which case exactly one
# translation unit of the application defines STB_IMAGE_IMPLEMENTATION (vidata's headers never do).
if(TARGET vidata::detail::stb)
  return()
endif()

add_library(vidata::detail::stb INTERFACE IMPORTED)

if(TARGET stb::stb)
  target_link_libraries(vidata::detail::stb INTERFACE stb::stb)
  return()
endif()

find_package(Stb QUIET)  # vcpkg's FindStb sets Stb_INCLUDE_DIR
if(Stb_FOUND)
  target_include_directories(vidata::detail::stb INTERFACE ${Stb_INCLUDE_DIR})
  target_compile_definitions(vidata::detail::stb INTERFACE VIDATA_STB_HEADER_ONLY=1)
  return()
endif()

find_package(PkgConfig REQUIRED)
pkg_check_modules(VIDATA_STB REQUIRED IMPORTED_TARGET stb)
target_link_libraries(vidata::detail::stb INTERFACE PkgConfig::VIDATA_STB)
