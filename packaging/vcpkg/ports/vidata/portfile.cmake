# SPDX-License-Identifier: Apache-2.0
# vcpkg port of vidata, an overlay port that builds the checkout it sits in:
#     vcpkg install vidata --overlay-ports=<checkout>/packaging/vcpkg/ports
# (or, in a manifest project, "vcpkg-configuration.json": {"overlay-ports": ["<checkout>/packaging/vcpkg/ports"]}).
# The sources are those of that checkout, or of the directory named by the environment variable
# VIDATA_SOURCE_DIR, which vcpkg passes through only when VCPKG_KEEP_ENV_VARS lists it. vcpkg's binary cache
# keys on this port's files, not on the checkout's: after changing the sources, reinstall with
# --no-binarycaching (or remove vidata first). A port for the vcpkg registry replaces the block below by
#     vcpkg_from_github(OUT_SOURCE_PATH SOURCE_PATH REPO vidata/vidata REF "v${VERSION}" SHA512 <...> HEAD_REF main)
# and keeps the rest.
set(VCPKG_BUILD_TYPE release)  # header-only: nothing differs between debug and release

if(DEFINED ENV{VIDATA_SOURCE_DIR} AND NOT "$ENV{VIDATA_SOURCE_DIR}" STREQUAL "")
    set(SOURCE_PATH "$ENV{VIDATA_SOURCE_DIR}")
else()
    get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../../../.." ABSOLUTE)
endif()
if(NOT EXISTS "${SOURCE_PATH}/CMakeLists.txt" OR NOT IS_DIRECTORY "${SOURCE_PATH}/include/vidata")
    message(FATAL_ERROR "vidata: ${SOURCE_PATH} is not a vidata checkout (set VIDATA_SOURCE_DIR and VCPKG_KEEP_ENV_VARS=VIDATA_SOURCE_DIR)")
endif()

# One version source: the port's version must be the project's.
file(STRINGS "${SOURCE_PATH}/CMakeLists.txt" project_line REGEX "project\\( *vidata +VERSION +[0-9]+\\.[0-9]+\\.[0-9]+")
if(NOT project_line MATCHES "VERSION ([0-9]+\\.[0-9]+\\.[0-9]+)" OR NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "vidata: vcpkg.json says ${VERSION}, ${SOURCE_PATH}/CMakeLists.txt says '${CMAKE_MATCH_1}'")
endif()

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        ffmpeg VIDATA_WITH_FFMPEG
        image  VIDATA_WITH_IMAGE
        flow   VIDATA_WITH_FLOW
        mpi    VIDATA_WITH_MPI
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${FEATURE_OPTIONS}
        -DVIDATA_BUILD_TESTS=OFF
        -DVIDATA_BUILD_EXAMPLES=OFF
        -DVIDATA_BUILD_TOOLS=OFF
        -DVIDATA_BUILD_BENCHMARKS=OFF
        -DVIDATA_BUILD_FUZZERS=OFF
        -DVIDATA_WARNINGS_AS_ERRORS=OFF
        # JPEG through stb only: a libturbojpeg found on the build machine is not a dependency vcpkg knows of.
        -DVIDATA_WITH_TURBOJPEG=OFF
        -DVIDATA_INSTALL=ON
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME vidata CONFIG_PATH share/cmake/vidata)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug" "${CURRENT_PACKAGES_DIR}/lib")

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
