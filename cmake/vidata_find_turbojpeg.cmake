# SPDX-License-Identifier: Apache-2.0
# Provides vidata::detail::turbojpeg when libjpeg-turbo's TurboJPEG API is wanted and found: an imported target
# that links libturbojpeg and defines VIDATA_HAS_TURBOJPEG=1, so that vidata::image decodes JPEG through
# tjDecompress2 instead of stb_image (1.7-1.9x its frames/s here, and OpenCV's pixels exactly; benchmarks/RESULTS.md). PNG always goes through stb.
#
# VIDATA_WITH_TURBOJPEG: AUTO (default: use it when pkg-config finds libturbojpeg; Debian: libturbojpeg0-dev),
# ON (required) or OFF. Sets VIDATA_TURBOJPEG_FOUND and VIDATA_TURBOJPEG_PC_REQUIRES / _PC_CFLAGS for vidata.pc.
# For a consumer (VIDATA_FINDING_FOR_CONSUMER) the installed package says whether it was built with TurboJPEG
# (VIDATA_WITH_TURBOJPEG is then ON or OFF); a missing library makes find_package(vidata) report "not found".
if(TARGET vidata::detail::turbojpeg)
  return()
endif()
unset(_vidata_tj_target)
set(VIDATA_TURBOJPEG_FOUND FALSE)
set(VIDATA_TURBOJPEG_PC_REQUIRES "")
set(VIDATA_TURBOJPEG_PC_CFLAGS "")
if(NOT DEFINED VIDATA_WITH_TURBOJPEG)
  set(VIDATA_WITH_TURBOJPEG AUTO)
endif()
string(TOUPPER "${VIDATA_WITH_TURBOJPEG}" _vidata_tj_mode)
if(_vidata_tj_mode STREQUAL "OFF" OR _vidata_tj_mode STREQUAL "FALSE" OR _vidata_tj_mode STREQUAL "0")
  unset(_vidata_tj_mode)
  return()
endif()

# Conan's libjpeg-turbo package names its target libjpeg-turbo::turbojpeg; use it when the consumer has it.
if(TARGET libjpeg-turbo::turbojpeg)
  set(_vidata_tj_target libjpeg-turbo::turbojpeg)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(VIDATA_TJ QUIET IMPORTED_TARGET libturbojpeg)
  endif()
  if(VIDATA_TJ_FOUND)
    set(_vidata_tj_target PkgConfig::VIDATA_TJ)
    set(VIDATA_TURBOJPEG_PC_REQUIRES "libturbojpeg")
  endif()
endif()

if(NOT _vidata_tj_target)
  if(_vidata_tj_mode STREQUAL "AUTO")
    message(STATUS "vidata::image: libturbojpeg not found (pkg-config libturbojpeg); JPEG decodes through stb_image")
  elseif(VIDATA_FINDING_FOR_CONSUMER)
    set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
    set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE
        "vidata::image was built with libjpeg-turbo, which was not found (no libjpeg-turbo::turbojpeg target and no pkg-config module libturbojpeg; Debian: libturbojpeg0-dev). Ask for COMPONENTS core to do without it.")
  else()
    message(FATAL_ERROR "VIDATA_WITH_TURBOJPEG=ON but pkg-config finds no libturbojpeg (Debian: libturbojpeg0-dev)")
  endif()
  unset(_vidata_tj_mode)
  return()
endif()

add_library(vidata::detail::turbojpeg INTERFACE IMPORTED)
target_link_libraries(vidata::detail::turbojpeg INTERFACE ${_vidata_tj_target})
target_compile_definitions(vidata::detail::turbojpeg INTERFACE VIDATA_HAS_TURBOJPEG=1)
set(VIDATA_TURBOJPEG_FOUND TRUE)
set(VIDATA_TURBOJPEG_PC_CFLAGS "-DVIDATA_HAS_TURBOJPEG=1")
if(NOT VIDATA_FINDING_FOR_CONSUMER)
  message(STATUS "vidata::image: JPEG decodes through libjpeg-turbo (${_vidata_tj_target})")
endif()
unset(_vidata_tj_target)
unset(_vidata_tj_mode)
