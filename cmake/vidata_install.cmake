# SPDX-License-Identifier: Apache-2.0
# Install rules: headers, the exported targets, vidataConfig.cmake + version file, vidata.pc.
set(VIDATA_CONFIG_DIR "${CMAKE_INSTALL_DATADIR}/cmake/vidata")  # arch-independent: the package is header-only

set(vidata_install_targets vidata_vidata)
foreach(component IN LISTS VIDATA_COMPONENTS)
  list(APPEND vidata_install_targets vidata_${component})
endforeach()

install(TARGETS ${vidata_install_targets} EXPORT vidataTargets
        FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILE_SET generated DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT vidataTargets NAMESPACE vidata:: DESTINATION "${VIDATA_CONFIG_DIR}")

configure_package_config_file(cmake/vidataConfig.cmake.in "${PROJECT_BINARY_DIR}/vidataConfig.cmake"
                              INSTALL_DESTINATION "${VIDATA_CONFIG_DIR}")
# Header-only: the version file must not pin the consumer's pointer size.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/vidataConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/vidataConfig.cmake" "${PROJECT_BINARY_DIR}/vidataConfigVersion.cmake"
              cmake/vidata_dependencies.cmake cmake/vidata_find_ffmpeg.cmake cmake/vidata_find_stb.cmake
        DESTINATION "${VIDATA_CONFIG_DIR}")

set(VIDATA_PC_REQUIRES "eigen3 nlohmann_json")
if(VIDATA_WITH_FFMPEG)
  string(APPEND VIDATA_PC_REQUIRES " libavformat libavcodec libswscale libavutil")
endif()
if(VIDATA_WITH_IMAGE)
  string(APPEND VIDATA_PC_REQUIRES " stb")
endif()
configure_file(cmake/vidata.pc.in "${PROJECT_BINARY_DIR}/vidata.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/vidata.pc" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
