# SPDX-License-Identifier: Apache-2.0
# Provides the imported target vidata::detail::ffmpeg (libavformat, libavcodec, libswscale, libswresample, libavutil;
# libswresample converts audio samples for vidata::prepare's extract_audio and audio features).
# Reuses targets a package manager already made (Conan's CMakeDeps: ffmpeg::avformat...; vcpkg's
# FindFFMPEG wrapper: FFMPEG_LIBRARIES) before falling back to pkg-config, which is how Debian ships it.
# For a consumer (VIDATA_FINDING_FOR_CONSUMER) a missing FFmpeg makes find_package(vidata) report
# "not found" with a reason instead of stopping the consumer's configure.
if(TARGET vidata::detail::ffmpeg)
  return()
endif()

# Conan's CMakeDeps writes ffmpeg-config.cmake but nothing loads it unless someone asks.
if(NOT TARGET ffmpeg::avformat)
  find_package(ffmpeg CONFIG QUIET)
endif()
if(TARGET ffmpeg::avformat AND TARGET ffmpeg::avcodec AND TARGET ffmpeg::swscale AND TARGET ffmpeg::swresample AND TARGET ffmpeg::avutil)
  add_library(vidata::detail::ffmpeg INTERFACE IMPORTED)
  target_link_libraries(vidata::detail::ffmpeg INTERFACE ffmpeg::avformat ffmpeg::avcodec ffmpeg::swscale ffmpeg::swresample ffmpeg::avutil)
  return()
endif()

if(DEFINED VCPKG_TOOLCHAIN OR DEFINED VCPKG_INSTALLED_DIR)
  find_package(FFMPEG QUIET)
  if(FFMPEG_FOUND)
    add_library(vidata::detail::ffmpeg INTERFACE IMPORTED)
    target_include_directories(vidata::detail::ffmpeg INTERFACE ${FFMPEG_INCLUDE_DIRS})
    target_link_directories(vidata::detail::ffmpeg INTERFACE ${FFMPEG_LIBRARY_DIRS})
    target_link_libraries(vidata::detail::ffmpeg INTERFACE ${FFMPEG_LIBRARIES})
    return()
  endif()
endif()

set(_vidata_libav_modules libavformat libavcodec libswscale libswresample libavutil)
if(VIDATA_FINDING_FOR_CONSUMER)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(VIDATA_LIBAV QUIET IMPORTED_TARGET ${_vidata_libav_modules})
  endif()
  if(NOT VIDATA_LIBAV_FOUND)
    list(JOIN _vidata_libav_modules ", " _vidata_libav_modules)
    set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
    set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE
        "vidata::ffmpeg needs FFmpeg (${_vidata_libav_modules}): found no ffmpeg::* targets (Conan), no FFMPEG package (vcpkg) and no pkg-config modules (Debian: libavformat-dev libavcodec-dev libswscale-dev libswresample-dev libavutil-dev pkg-config). Ask for COMPONENTS core to do without it.")
    unset(_vidata_libav_modules)
    return()
  endif()
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(VIDATA_LIBAV REQUIRED IMPORTED_TARGET ${_vidata_libav_modules})
endif()
unset(_vidata_libav_modules)
add_library(vidata::detail::ffmpeg INTERFACE IMPORTED)
target_link_libraries(vidata::detail::ffmpeg INTERFACE PkgConfig::VIDATA_LIBAV)
