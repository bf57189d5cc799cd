# SPDX-License-Identifier: Apache-2.0
# Install rules: headers, the exported targets (one export file per component, so that a consumer asking
# for COMPONENTS core needs neither FFmpeg nor stb), vidataConfig.cmake + version file, vidata.pc.
# vidata::vidata is not exported: vidataConfig.cmake makes it from the components it loaded.
set(VIDATA_CONFIG_DIR "${CMAKE_INSTALL_DATADIR}/cmake/vidata")  # arch-independent: the package is header-only

foreach(component IN LISTS VIDATA_COMPONENTS)
  install(TARGETS vidata_${component} EXPORT vidata_${component}_targets
          FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT vidata_development
          FILE_SET generated DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT vidata_development)
  install(EXPORT vidata_${component}_targets NAMESPACE vidata:: FILE vidata-${component}-targets.cmake
          DESTINATION "${VIDATA_CONFIG_DIR}" COMPONENT vidata_development)
endforeach()

configure_package_config_file(cmake/vidataConfig.cmake.in "${PROJECT_BINARY_DIR}/vidataConfig.cmake"
                              INSTALL_DESTINATION "${VIDATA_CONFIG_DIR}")
# Header-only: the version file must not pin the consumer's pointer size.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/vidataConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/vidataConfig.cmake" "${PROJECT_BINARY_DIR}/vidataConfigVersion.cmake"
              cmake/vidata_dependencies.cmake cmake/vidata_find_ffmpeg.cmake cmake/vidata_find_stb.cmake
              cmake/vidata_find_turbojpeg.cmake cmake/vidata_find_mpi.cmake cmake/vidata_find_flow.cmake
        DESTINATION "${VIDATA_CONFIG_DIR}" COMPONENT vidata_development)

# vidata.pc, relocatable: the prefix is found from the file's own place (pkg-config's ${pcfiledir}), so an
# installation moved elsewhere, or made with `cmake --install --prefix`, still points at its own headers.
set(VIDATA_PC_DIR "${CMAKE_INSTALL_DATADIR}/pkgconfig")
if(IS_ABSOLUTE "${VIDATA_PC_DIR}")
  set(VIDATA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH VIDATA_PC_PREFIX "/vidata_prefix/${VIDATA_PC_DIR}" "/vidata_prefix")
  string(REGEX REPLACE "/$" "" VIDATA_PC_PREFIX "${VIDATA_PC_PREFIX}")
  set(VIDATA_PC_PREFIX "\${pcfiledir}/${VIDATA_PC_PREFIX}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(VIDATA_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(VIDATA_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
set(VIDATA_PC_REQUIRES "eigen3 nlohmann_json")  # range-v3 ships no .pc; its headers sit in the usual include dirs
set(VIDATA_PC_CFLAGS "")
if(VIDATA_WITH_FFMPEG)
  string(APPEND VIDATA_PC_REQUIRES " libavformat libavcodec libswscale libswresample libavutil")
endif()
if(VIDATA_WITH_IMAGE)
  if(VIDATA_STB_PC_REQUIRES)
    string(APPEND VIDATA_PC_REQUIRES " ${VIDATA_STB_PC_REQUIRES}")
  endif()
  if(VIDATA_STB_PC_CFLAGS)
    string(APPEND VIDATA_PC_CFLAGS " ${VIDATA_STB_PC_CFLAGS}")
  endif()
  if(VIDATA_TURBOJPEG_FOUND)
    string(APPEND VIDATA_PC_REQUIRES " ${VIDATA_TURBOJPEG_PC_REQUIRES}")
    string(APPEND VIDATA_PC_CFLAGS " ${VIDATA_TURBOJPEG_PC_CFLAGS}")
  endif()
endif()
configure_file(cmake/vidata.pc.in "${PROJECT_BINARY_DIR}/vidata.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/vidata.pc" DESTINATION "${VIDATA_PC_DIR}" COMPONENT vidata_development)

# vidata-mpi.pc: vidata::mpi's extra requirement, the MPI's own module, kept out of vidata.pc so that a program that
# does not use MPI does not link it (pkg-config --cflags --libs vidata-mpi gives vidata and MPI). Not written when
# the MPI found has no pkg-config module.
if("mpi" IN_LIST VIDATA_COMPONENTS AND VIDATA_MPI_PC_REQUIRES)
  file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/vidata-mpi.pc" CONTENT [=[Name: vidata-mpi
Description: vidata::mpi, build_rawframes across the ranks of an MPI job
URL: @PROJECT_HOMEPAGE_URL@
Version: @PROJECT_VERSION@
Requires: vidata = @PROJECT_VERSION@ @VIDATA_MPI_PC_REQUIRES@
Cflags: -DOMPI_SKIP_MPICXX=1 -DMPICH_SKIP_MPICXX=1
]=] @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/vidata-mpi.pc" DESTINATION "${VIDATA_PC_DIR}" COMPONENT vidata_development)
endif()

# vidata-flow.pc: vidata::flow's extra requirement, OpenCV (its opencv4 module, or its libraries by name where only
# libopencv-contrib-dev is installed), kept out of vidata.pc as vidata-mpi.pc is.
if("flow" IN_LIST VIDATA_COMPONENTS)
  file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/vidata-flow.pc" CONTENT [=[Name: vidata-flow
Description: vidata::flow, optical flow (TV-L1, Farneback) for build_rawframes through OpenCV
URL: @PROJECT_HOMEPAGE_URL@
Version: @PROJECT_VERSION@
Requires: vidata = @PROJECT_VERSION@ @VIDATA_FLOW_PC_REQUIRES@
Cflags:@VIDATA_FLOW_PC_CFLAGS@
Libs:@VIDATA_FLOW_PC_LIBS@
]=] @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/vidata-flow.pc" DESTINATION "${VIDATA_PC_DIR}" COMPONENT vidata_development)
endif()
