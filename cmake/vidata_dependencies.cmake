# SPDX-License-Identifier: Apache-2.0
# Finds what vidata's headers need. Used both by the build and, installed, by vidataConfig.cmake, so a
# consumer resolves the same dependencies the same way. VIDATA_WITH_FFMPEG / VIDATA_WITH_IMAGE say which
# optional dependencies to look for (the config sets them from the components the consumer asked for).

include(CMakeFindDependencyMacro)

# find_dependency() returns from the *calling* file on failure, which is what a package config wants;
# in the build itself we want a hard error instead.
macro(vidata_find name)
  if(VIDATA_FINDING_FOR_CONSUMER)
    find_dependency(${name} ${ARGN})
  else()
    find_package(${name} ${ARGN} REQUIRED)
  endif()
endmacro()

vidata_find(Eigen3 3.3 NO_MODULE)
vidata_find(nlohmann_json 3.10)
vidata_find(range-v3)

if(VIDATA_WITH_FFMPEG)
  include(vidata_find_ffmpeg)
  if(VIDATA_FINDING_FOR_CONSUMER AND DEFINED ${CMAKE_FIND_PACKAGE_NAME}_FOUND AND NOT ${CMAKE_FIND_PACKAGE_NAME}_FOUND)
    return()  # keep the first reason
  endif()
endif()
if(VIDATA_WITH_IMAGE)
  include(vidata_find_stb)
  if(NOT (VIDATA_FINDING_FOR_CONSUMER AND DEFINED ${CMAKE_FIND_PACKAGE_NAME}_FOUND AND NOT ${CMAKE_FIND_PACKAGE_NAME}_FOUND))
    include(vidata_find_turbojpeg)  # optional unless the installed package was built with it; stb's reason comes first
  endif()
endif()
# OpenCV for vidata::flow (optical flow; needs vidata::prepare): AUTO in the build; for a consumer, ON when the flow
# component is loaded, OFF otherwise (set by vidataConfig.cmake).
if(VIDATA_WITH_FFMPEG AND VIDATA_WITH_IMAGE AND NOT (VIDATA_FINDING_FOR_CONSUMER AND DEFINED ${CMAKE_FIND_PACKAGE_NAME}_FOUND AND NOT ${CMAKE_FIND_PACKAGE_NAME}_FOUND))
  include(vidata_find_flow)
endif()
# MPI for vidata::mpi (which needs vidata::prepare, so FFmpeg and stb too): AUTO in the build; for a consumer, ON
# when the mpi component is loaded, OFF otherwise (set by vidataConfig.cmake).
if(VIDATA_WITH_FFMPEG AND VIDATA_WITH_IMAGE AND NOT (VIDATA_FINDING_FOR_CONSUMER AND DEFINED ${CMAKE_FIND_PACKAGE_NAME}_FOUND AND NOT ${CMAKE_FIND_PACKAGE_NAME}_FOUND))
  include(vidata_find_mpi)
endif()
