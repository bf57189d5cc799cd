# SPDX-License-Identifier: Apache-2.0
# The package tested as its users see it (included from tests/CMakeLists.txt). ctest -R consumer runs:
#   consumer/install                  cmake --install --component vidata_development of this build tree into
#                                     <build>/consumer/prefix (needs nothing built), and a check of what
#                                     landed there (the fixture of the tests below)
#   consumer/find_package             tests/consumer built against that prefix: find_package(vidata CONFIG
#                                     REQUIRED) + vidata::vidata, calling the core, FFmpeg and stb; every
#                                     vidata header it read came from the prefix
#   consumer/find_package_components  COMPONENTS ffmpeg image, linking vidata::ffmpeg vidata::image
#   consumer/find_package_core        COMPONENTS core with pkg-config hidden: needs neither FFmpeg nor stb,
#                                     vidata_consumer_defines no vidata::ffmpeg/image; a missing optional component is
#                                     reported as such, a missing required one as "not found"
#   consumer/bogus_component          COMPONENTS bogus fails, naming the component
#   consumer/version_mismatch         asking for the next minor version fails
#   consumer/missing_dependency       without pkg-config (so without FFmpeg) find_package(vidata) says
#                                     "not found" and why, instead of stopping the consumer's configure
#   consumer/pkg_config               main.cpp compiled with `pkg-config --cflags --libs vidata` only
#   consumer/add_subdirectory         a project that add_subdirectory()s vidata's source tree
#   consumer/fetchcontent             the same through FetchContent (SOURCE_DIR, offline)
# and packaging/metadata: the vcpkg port's version is the project's, the Conan recipes are valid Python.
# The consumer is configured with this build's generator and C++ compiler, in <build>/consumer/<test>.
set(vidata_consumer_source "${CMAKE_CURRENT_LIST_DIR}")
set(vidata_consumer_work "${PROJECT_BINARY_DIR}/consumer")
set(vidata_consumer_prefix "${vidata_consumer_work}/prefix")
set(vidata_consumer_driver "${CMAKE_CURRENT_LIST_DIR}/run_consumer.cmake")
get_property(vidata_consumer_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)

# What the installation (component vidata_development) must hold: the headers of the components this
# build provides, the generated version header, the CMake package and the .pc; nothing else.
set(vidata_consumer_headers ${VIDATA_CORE_HEADERS} vidata/version.hpp)
set(vidata_consumer_files "${CMAKE_INSTALL_DATADIR}/cmake/vidata/vidataConfig.cmake"
                   "${CMAKE_INSTALL_DATADIR}/cmake/vidata/vidataConfigVersion.cmake"
                   "${CMAKE_INSTALL_DATADIR}/pkgconfig/vidata.pc")
foreach(component IN LISTS VIDATA_COMPONENTS)
  list(APPEND vidata_consumer_files "${CMAKE_INSTALL_DATADIR}/cmake/vidata/vidata-${component}-targets.cmake")
endforeach()
if(VIDATA_WITH_FFMPEG)
  list(APPEND vidata_consumer_headers ${VIDATA_FFMPEG_HEADERS})
endif()
if(VIDATA_WITH_IMAGE)
  list(APPEND vidata_consumer_headers ${VIDATA_IMAGE_HEADERS})
endif()
if(VIDATA_WITH_FFMPEG AND VIDATA_WITH_IMAGE)
  list(APPEND vidata_consumer_headers ${VIDATA_PREPARE_HEADERS})  # vidata::prepare
endif()
if("flow" IN_LIST VIDATA_COMPONENTS)
  list(APPEND vidata_consumer_files "${CMAKE_INSTALL_DATADIR}/pkgconfig/vidata-flow.pc")  # vidata::flow's OpenCV
endif()
if("mpi" IN_LIST VIDATA_COMPONENTS)
  list(APPEND vidata_consumer_headers ${VIDATA_MPI_HEADERS})  # vidata::mpi
  if(VIDATA_MPI_PC_REQUIRES)
    list(APPEND vidata_consumer_files "${CMAKE_INSTALL_DATADIR}/pkgconfig/vidata-mpi.pc")
  endif()
endif()
set(vidata_consumer_top_dirs "${CMAKE_INSTALL_INCLUDEDIR}" "${CMAKE_INSTALL_DATADIR}")
file(CONFIGURE OUTPUT "${vidata_consumer_work}/expected_install.cmake" CONTENT
     "set(EXPECTED_HEADERS [==[@vidata_consumer_headers@]==])\nset(EXPECTED_FILES [==[@vidata_consumer_files@]==])\nset(ALLOWED_TOP_DIRS [==[@vidata_consumer_top_dirs@]==])\n"
     @ONLY)

add_test(NAME consumer/install
         COMMAND "${CMAKE_COMMAND}" -DSTEP=install "-DBUILD_DIR=${PROJECT_BINARY_DIR}" "-DPREFIX=${vidata_consumer_prefix}"
                 "-DCONFIG=$<CONFIG>" "-DMANIFEST=${vidata_consumer_work}/expected_install.cmake"
                 -P "${vidata_consumer_driver}")
set_tests_properties(consumer/install PROPERTIES FIXTURES_SETUP vidata_installed LABELS consumer TIMEOUT 120)

# vidata_consumer_test(<name> [INSTALLED] [ARGS -D...] [EXPECT_CONFIGURE_ERROR regex] [CONFIGURE_ONLY_REGEX regex])
function(vidata_consumer_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "INSTALLED" "EXPECT_CONFIGURE_ERROR;CONFIGURE_ONLY_REGEX" "ARGS")
  list(JOIN arg_ARGS "|" consumer_args)
  set(command "${CMAKE_COMMAND}" -DSTEP=cmake
      "-DCONSUMER_SOURCE=${vidata_consumer_source}" "-DWORK_DIR=${vidata_consumer_work}/${name}"
      "-DGENERATOR=${CMAKE_GENERATOR}" "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
      "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}" "-DCONFIG=$<CONFIG>" "-DMULTI_CONFIG=${vidata_consumer_multi_config}"
      "-DVIDATA_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DVIDATA_BINARY_DIR=${PROJECT_BINARY_DIR}"
      "-DCONSUMER_ARGS=${consumer_args}")
  if(arg_INSTALLED)
    list(APPEND command "-DPREFIX=${vidata_consumer_prefix}" -DHEADERS_FROM_PREFIX=ON)
  endif()
  if(arg_EXPECT_CONFIGURE_ERROR)
    list(APPEND command "-DEXPECT_CONFIGURE_ERROR=${arg_EXPECT_CONFIGURE_ERROR}")
  endif()
  if(arg_CONFIGURE_ONLY_REGEX)
    list(APPEND command "-DCONFIGURE_ONLY_REGEX=${arg_CONFIGURE_ONLY_REGEX}")
  endif()
  add_test(NAME consumer/${name} COMMAND ${command} -P "${vidata_consumer_driver}")
  set_tests_properties(consumer/${name} PROPERTIES LABELS consumer TIMEOUT 300)
  if(arg_INSTALLED)
    set_tests_properties(consumer/${name} PROPERTIES FIXTURES_REQUIRED vidata_installed)
  endif()
endfunction()

set(vidata_consumer_installed "-DVIDATA_CONSUMER_EXPECTED_VERSION=${PROJECT_VERSION}"
                   "-DVIDATA_CONSUMER_EXPECTED_PREFIX=${vidata_consumer_prefix}")
vidata_consumer_test(find_package INSTALLED ARGS ${vidata_consumer_installed})
if(VIDATA_WITH_FFMPEG AND VIDATA_WITH_IMAGE)
  vidata_consumer_test(find_package_components INSTALLED
                       ARGS ${vidata_consumer_installed} "-DVIDATA_CONSUMER_COMPONENTS=ffmpeg,image"
                            "-DVIDATA_CONSUMER_LINK=vidata::ffmpeg,vidata::image")
endif()
vidata_consumer_test(find_package_core INSTALLED
                     ARGS ${vidata_consumer_installed} -DVIDATA_CONSUMER_COMPONENTS=core -DVIDATA_CONSUMER_LINK=vidata::core
                          "-DVIDATA_CONSUMER_ABSENT_TARGETS=vidata::ffmpeg,vidata::image,vidata::detail::ffmpeg,vidata::detail::stb"
                          -DVIDATA_CONSUMER_PROBE_OPTIONAL=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON)
vidata_consumer_test(bogus_component INSTALLED
                     ARGS -DVIDATA_CONSUMER_COMPONENTS=core,bogus
                     EXPECT_CONFIGURE_ERROR "vidata was installed without component 'bogus'")
math(EXPR vidata_consumer_next_minor "${PROJECT_VERSION_MINOR} + 1")
vidata_consumer_test(version_mismatch INSTALLED
                     ARGS "-DVIDATA_CONSUMER_EXPECTED_VERSION=${PROJECT_VERSION_MAJOR}.${vidata_consumer_next_minor}.0"
                     EXPECT_CONFIGURE_ERROR "vidata.*${PROJECT_VERSION_MAJOR}\\.${vidata_consumer_next_minor}\\.0")
# Only where this build found FFmpeg through pkg-config (Debian), so that hiding pkg-config hides FFmpeg.
if(VIDATA_WITH_FFMPEG AND TARGET PkgConfig::VIDATA_LIBAV)
  vidata_consumer_test(missing_dependency INSTALLED
                       ARGS -DVIDATA_CONSUMER_EXPECT_NOT_FOUND=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON
                       CONFIGURE_ONLY_REGEX "vidata not found, as expected: vidata::ffmpeg needs FFmpeg")
endif()
vidata_consumer_test(add_subdirectory
                     ARGS -DVIDATA_CONSUMER_MODE=add_subdirectory "-DVIDATA_CONSUMER_EXPECTED_VERSION=${PROJECT_VERSION}")
vidata_consumer_test(fetchcontent
                     ARGS -DVIDATA_CONSUMER_MODE=fetchcontent "-DVIDATA_CONSUMER_EXPECTED_VERSION=${PROJECT_VERSION}")

find_program(VIDATA_PKG_CONFIG NAMES pkg-config pkgconf)
if(VIDATA_PKG_CONFIG)
  set(vidata_consumer_defines)
  if(VIDATA_WITH_FFMPEG)
    list(APPEND vidata_consumer_defines -DVIDATA_CONSUMER_WITH_FFMPEG)
  endif()
  if(VIDATA_WITH_IMAGE)
    list(APPEND vidata_consumer_defines -DVIDATA_CONSUMER_WITH_IMAGE)
  endif()
  list(JOIN vidata_consumer_defines "|" vidata_consumer_defines)
  add_test(NAME consumer/pkg_config
           COMMAND "${CMAKE_COMMAND}" -DSTEP=pkgconfig "-DPKG_CONFIG=${VIDATA_PKG_CONFIG}"
                   "-DPREFIX=${vidata_consumer_prefix}" "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
                   "-DCONSUMER_SOURCE=${vidata_consumer_source}" "-DWORK_DIR=${vidata_consumer_work}/pkg_config"
                   "-DVERSION=${PROJECT_VERSION}" "-DDEFINES=${vidata_consumer_defines}"
                   "-DVIDATA_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DVIDATA_BINARY_DIR=${PROJECT_BINARY_DIR}"
                   -P "${vidata_consumer_driver}")
  set_tests_properties(consumer/pkg_config PROPERTIES FIXTURES_REQUIRED vidata_installed LABELS consumer TIMEOUT 300)
endif()

add_test(NAME packaging/metadata
         COMMAND "${CMAKE_COMMAND}" -DSTEP=metadata "-DVIDATA_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DVERSION=${PROJECT_VERSION}"
                 "-DPYTHON3=${VIDATA_PYTHON3}" -P "${vidata_consumer_driver}")
set_tests_properties(packaging/metadata PROPERTIES LABELS "consumer;packaging" TIMEOUT 60)
