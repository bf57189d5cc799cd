# SPDX-License-Identifier: Apache-2.0
# Provides the imported target vidata::detail::stb. Debian ships stb compiled (libstb + stb.pc, headers in
# include/stb/); Conan (stb::stb) and vcpkg (Stb_INCLUDE_DIR) ship it header-only, in which case exactly one
# translation unit of the application defines STB_IMAGE_IMPLEMENTATION (vidata's headers never do).
# Sets VIDATA_STB_PC_REQUIRES / VIDATA_STB_PC_CFLAGS for vidata.pc. For a consumer
# (VIDATA_FINDING_FOR_CONSUMER) a missing stb makes find_package(vidata) report "not found" with a reason.
if(TARGET vidata::detail::stb)
  return()
endif()

# Conan's CMakeDeps writes stb-config.cmake but nothing loads it unless someone asks.
if(NOT TARGET stb::stb)
  find_package(stb CONFIG QUIET)
endif()
if(TARGET stb::stb)
  add_library(vidata::detail::stb INTERFACE IMPORTED)
  target_link_libraries(vidata::detail::stb INTERFACE stb::stb)
  target_compile_definitions(vidata::detail::stb INTERFACE VIDATA_STB_HEADER_ONLY=1)
  set(VIDATA_STB_PC_REQUIRES "")
  set(VIDATA_STB_PC_CFLAGS "-DVIDATA_STB_HEADER_ONLY=1")
  return()
endif()

find_package(Stb QUIET)  # vcpkg's FindStb sets Stb_INCLUDE_DIR
if(Stb_FOUND)
  add_library(vidata::detail::stb INTERFACE IMPORTED)
  target_include_directories(vidata::detail::stb INTERFACE ${Stb_INCLUDE_DIR})
  target_compile_definitions(vidata::detail::stb INTERFACE VIDATA_STB_HEADER_ONLY=1)
  set(VIDATA_STB_PC_REQUIRES "")
  set(VIDATA_STB_PC_CFLAGS "-I${Stb_INCLUDE_DIR} -DVIDATA_STB_HEADER_ONLY=1")
  return()
endif()

if(VIDATA_FINDING_FOR_CONSUMER)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(VIDATA_STB QUIET IMPORTED_TARGET stb)
  endif()
  if(NOT VIDATA_STB_FOUND)
    set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
    set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE
        "vidata::image needs stb: found no stb::stb target (Conan), no Stb package (vcpkg) and no pkg-config module stb (Debian: libstb-dev pkg-config). Ask for COMPONENTS core to do without it.")
    return()
  endif()
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(VIDATA_STB REQUIRED IMPORTED_TARGET stb)
endif()
add_library(vidata::detail::stb INTERFACE IMPORTED)
target_link_libraries(vidata::detail::stb INTERFACE PkgConfig::VIDATA_STB)
set(VIDATA_STB_PC_REQUIRES "stb")
set(VIDATA_STB_PC_CFLAGS "")
