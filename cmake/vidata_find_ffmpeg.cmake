# SPDX-License-Identifier: Apache-2.0
# Provides the imported target vidata::detail::ffmpeg (libavformat, libavcodec, libswscale, libavutil).
# Reuses targets a package manager already made (Conan's CMakeDeps: ffmpeg::avformat...; vcpkg's
# FindFFMPEG wrapper: FFMPEG_LIBRARIES) before falling back to pkg-config, which is how Debian ships it.
if(TARGET vidata::detail::ffmpeg)
  return()
endif()

add_library(vidata::detail::ffmpeg INTERFACE IMPORTED)

if(TARGET ffmpeg::avformat AND TARGET ffmpeg::avcodec AND TARGET ffmpeg::swscale AND TARGET ffmpeg::avutil)
  target_link_libraries(vidata::detail::ffmpeg INTERFACE ffmpeg::avformat ffmpeg::avcodec ffmpeg::swscale ffmpeg::avutil)
  return()
endif()

if(DEFINED VCPKG_TOOLCHAIN OR DEFINED VCPKG_INSTALLED_DIR)
  find_package(FFMPEG QUIET)
  if(FFMPEG_FOUND)
    target_include_directories(vidata::detail::ffmpeg INTERFACE ${FFMPEG_INCLUDE_DIRS})
    target_link_directories(vidata::detail::ffmpeg INTERFACE ${FFMPEG_LIBRARY_DIRS})
    target_link_libraries(vidata::detail::ffmpeg INTERFACE ${FFMPEG_LIBRARIES})
    return()
  endif()
endif()

find_package(PkgConfig REQUIRED)
pkg_check_modules(VIDATA_LIBAV REQUIRED IMPORTED_TARGET libavformat libavcodec libswscale libavutil)
target_link_libraries(vidata::detail::ffmpeg INTERFACE PkgConfig::VIDATA_LIBAV)
