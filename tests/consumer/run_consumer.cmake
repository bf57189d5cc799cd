# SPDX-License-Identifier: Apache-2.0
# Driver of the consumer tests (cmake -P), one STEP per call; consumer_tests.cmake passes the variables.
#   STEP=install    BUILD_DIR PREFIX CONFIG MANIFEST
#       Installs the build tree's vidata_development component (headers, CMake package, .pc) into PREFIX
#       (emptied first) and checks what landed there.
#   STEP=cmake      CONSUMER_SOURCE WORK_DIR GENERATOR MAKE_PROGRAM CXX_COMPILER CONFIG MULTI_CONFIG PREFIX
#                   CONSUMER_ARGS ('|'-separated -D arguments) [EXPECT_CONFIGURE_ERROR regex]
#                   [CONFIGURE_ONLY_REGEX regex] [HEADERS_FROM_PREFIX ON] VIDATA_SOURCE_DIR VIDATA_BINARY_DIR
#       Configures, builds and runs tests/consumer in WORK_DIR (emptied first).
#   STEP=metadata   VIDATA_SOURCE_DIR VERSION [PYTHON3]
#       The packaging recipes agree with CMakeLists.txt on the version and the Conan recipes parse.
#   STEP=pkgconfig  PKG_CONFIG PREFIX CXX_COMPILER CONSUMER_SOURCE WORK_DIR VERSION DEFINES ('|'-separated)
#                   VIDATA_SOURCE_DIR VIDATA_BINARY_DIR
#       Compiles tests/consumer/main.cpp with `pkg-config --cflags/--libs vidata` and runs it.
cmake_minimum_required(VERSION 3.25)

# Runs a command, echoing it and its output (QUIET: only on failure); stops the test when it fails
# (unless OUT_RESULT is given).
function(run)
  cmake_parse_arguments(PARSE_ARGV 0 arg "QUIET" "OUT_OUTPUT;OUT_RESULT;WORKING_DIRECTORY" "COMMAND")
  list(JOIN arg_COMMAND " " shown)
  message("\$ ${shown}")
  set(wd)
  if(arg_WORKING_DIRECTORY)
    set(wd WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  endif()
  execute_process(COMMAND ${arg_COMMAND} ${wd} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT arg_QUIET OR NOT result EQUAL 0)
    message("${output}")
  endif()
  if(arg_OUT_OUTPUT)
    set(${arg_OUT_OUTPUT} "${output}" PARENT_SCOPE)
  endif()
  if(arg_OUT_RESULT)
    set(${arg_OUT_RESULT} "${result}" PARENT_SCOPE)
  elseif(NOT result EQUAL 0)
    message(FATAL_ERROR "command failed (${result}): ${shown}")
  endif()
endfunction()

# No header of vidata may come from the source tree or the build tree's generated headers; version.hpp
# must come from PREFIX. `deps` is the list of header paths the compiler read.
function(check_headers_from_prefix deps)
  set(from_prefix FALSE)
  foreach(dep IN LISTS deps)
    string(STRIP "${dep}" dep)
    if(dep MATCHES "/vidata/.*\\.hpp$")
      cmake_path(SET dep NORMALIZE "${dep}")
      cmake_path(IS_PREFIX VIDATA_SOURCE_DIR_INCLUDE "${dep}" NORMALIZE in_source)
      cmake_path(IS_PREFIX VIDATA_GENERATED_INCLUDE "${dep}" NORMALIZE in_generated)
      if(in_source OR in_generated)
        message(FATAL_ERROR "the consumer read ${dep}, a header of vidata's source/build tree, not of the installation")
      endif()
      cmake_path(IS_PREFIX PREFIX "${dep}" NORMALIZE in_prefix)
      if(in_prefix AND dep MATCHES "/include/vidata/version\\.hpp$")
        set(from_prefix TRUE)
      endif()
    endif()
  endforeach()
  if(NOT from_prefix)
    message(FATAL_ERROR "the consumer did not read vidata/version.hpp from ${PREFIX}/include (headers read: ${deps})")
  endif()
  message("headers: every vidata header came from ${PREFIX}/include")
endfunction()

set(VIDATA_SOURCE_DIR_INCLUDE "${VIDATA_SOURCE_DIR}/include")
set(VIDATA_GENERATED_INCLUDE "${VIDATA_BINARY_DIR}/generated")

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE "${PREFIX}")
  set(config_args)
  if(CONFIG)
    set(config_args --config "${CONFIG}")
  endif()
  # The library's install component only: it needs nothing built, so this works after any partial build
  # (the vidata tool, installed by a plain `cmake --install`, needs to have been built).
  run(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" --component vidata_development ${config_args})

  include("${MANIFEST}")  # EXPECTED_HEADERS, EXPECTED_FILES, ALLOWED_TOP_DIRS
  file(GLOB_RECURSE installed RELATIVE "${PREFIX}" LIST_DIRECTORIES false "${PREFIX}/*")
  set(problems)
  foreach(file IN LISTS installed)
    string(REGEX MATCH "^[^/]+" top "${file}")
    if(NOT top IN_LIST ALLOWED_TOP_DIRS)
      list(APPEND problems "unexpected ${file} (a header-only package installs only ${ALLOWED_TOP_DIRS})")
    endif()
  endforeach()
  file(GLOB_RECURSE installed_headers RELATIVE "${PREFIX}/include" LIST_DIRECTORIES false "${PREFIX}/include/*")
  foreach(header IN LISTS EXPECTED_HEADERS)
    if(NOT header IN_LIST installed_headers)
      list(APPEND problems "missing include/${header}")
    endif()
  endforeach()
  foreach(header IN LISTS installed_headers)
    if(NOT header IN_LIST EXPECTED_HEADERS)
      list(APPEND problems "unexpected include/${header}")
    endif()
  endforeach()
  foreach(file IN LISTS EXPECTED_FILES)
    if(NOT EXISTS "${PREFIX}/${file}")
      list(APPEND problems "missing ${file}")
    endif()
  endforeach()
  if(problems)
    list(JOIN problems "\n  " problems)
    message(FATAL_ERROR "the installation in ${PREFIX} is wrong:\n  ${problems}")
  endif()
  list(LENGTH installed count)
  message("installed ${count} files into ${PREFIX}, as expected")

elseif(STEP STREQUAL "cmake")
  file(REMOVE_RECURSE "${WORK_DIR}")
  string(REPLACE "|" ";" consumer_args "${CONSUMER_ARGS}")
  set(configure
      "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE}" -B "${WORK_DIR}" -G "${GENERATOR}"
      "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
      "-DCMAKE_PREFIX_PATH=${PREFIX}"
      -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
      "-DVIDATA_SOURCE_DIR=${VIDATA_SOURCE_DIR}"
      ${consumer_args})
  if(MAKE_PROGRAM)
    list(APPEND configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(NOT MULTI_CONFIG AND CONFIG)
    list(APPEND configure "-DCMAKE_BUILD_TYPE=${CONFIG}")
  endif()

  if(EXPECT_CONFIGURE_ERROR)
    run(COMMAND ${configure} OUT_OUTPUT output OUT_RESULT result)
    if(result EQUAL 0)
      message(FATAL_ERROR "the consumer's configure should have failed")
    endif()
    if(NOT output MATCHES "${EXPECT_CONFIGURE_ERROR}")
      message(FATAL_ERROR "the consumer's configure failed, but without saying '${EXPECT_CONFIGURE_ERROR}'")
    endif()
    message("configure failed as expected, saying '${CMAKE_MATCH_0}'")
    return()
  endif()

  run(COMMAND ${configure} OUT_OUTPUT output)
  if(CONFIGURE_ONLY_REGEX)
    if(NOT output MATCHES "${CONFIGURE_ONLY_REGEX}")
      message(FATAL_ERROR "the consumer's configure did not say '${CONFIGURE_ONLY_REGEX}'")
    endif()
    return()
  endif()

  set(config_args)
  if(MULTI_CONFIG AND CONFIG)
    set(config_args --config "${CONFIG}")
  endif()
  run(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}" ${config_args})
  run(COMMAND "${WORK_DIR}/bin/vidata_consumer" OUT_OUTPUT output)
  if(NOT output MATCHES "consumer: OK")
    message(FATAL_ERROR "the consumer program did not report OK")
  endif()

  if(HEADERS_FROM_PREFIX)
    if(GENERATOR MATCHES "Ninja")
      set(ninja_file)
      if(MULTI_CONFIG AND CONFIG)
        set(ninja_file -f "build-${CONFIG}.ninja")  # Ninja Multi-Config keeps one dependency log per configuration
      endif()
      run(COMMAND "${MAKE_PROGRAM}" -C "${WORK_DIR}" ${ninja_file} -t deps OUT_OUTPUT deps QUIET)
      string(REPLACE "\n" ";" deps "${deps}")
      check_headers_from_prefix("${deps}")
    else()
      message("headers: not checked with ${GENERATOR} (needs Ninja's dependency log); the consumer's configure checked the include directories")
    endif()
  endif()

elseif(STEP STREQUAL "pkgconfig")
  file(REMOVE_RECURSE "${WORK_DIR}")
  file(MAKE_DIRECTORY "${WORK_DIR}")
  if(DEFINED ENV{PKG_CONFIG_PATH} AND NOT "$ENV{PKG_CONFIG_PATH}" STREQUAL "")
    set(ENV{PKG_CONFIG_PATH} "${PREFIX}/share/pkgconfig:$ENV{PKG_CONFIG_PATH}")
  else()
    set(ENV{PKG_CONFIG_PATH} "${PREFIX}/share/pkgconfig")
  endif()

  run(COMMAND "${PKG_CONFIG}" --modversion vidata OUT_OUTPUT modversion)
  string(STRIP "${modversion}" modversion)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config says vidata ${modversion}, expected ${VERSION}")
  endif()
  run(COMMAND "${PKG_CONFIG}" --variable=includedir vidata OUT_OUTPUT includedir)
  string(STRIP "${includedir}" includedir)
  cmake_path(SET includedir NORMALIZE "${includedir}")
  cmake_path(SET expected NORMALIZE "${PREFIX}/include")
  if(NOT includedir STREQUAL expected)
    message(FATAL_ERROR "vidata.pc's includedir is ${includedir}, expected ${expected} (is the .pc relocatable?)")
  endif()
  run(COMMAND "${PKG_CONFIG}" --cflags vidata OUT_OUTPUT cflags)
  run(COMMAND "${PKG_CONFIG}" --libs vidata OUT_OUTPUT libs)
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  separate_arguments(libs UNIX_COMMAND "${libs}")
  string(REPLACE "|" ";" defines "${DEFINES}")
  # Only what pkg-config says, plus the consumer's own switches: no -I of vidata's source tree.
  run(COMMAND "${CXX_COMPILER}" ${cflags} ${defines} "-DVIDATA_CONSUMER_EXPECTED_VERSION=\"${VERSION}\""
              -Wall -Wextra -MD -MF "${WORK_DIR}/main.d"
              "${CONSUMER_SOURCE}/main.cpp" -o "${WORK_DIR}/vidata_consumer" ${libs})
  run(COMMAND "${WORK_DIR}/vidata_consumer" OUT_OUTPUT output)
  if(NOT output MATCHES "consumer: OK")
    message(FATAL_ERROR "the consumer program did not report OK")
  endif()
  file(READ "${WORK_DIR}/main.d" deps)
  string(REGEX REPLACE "\\\\\n" " " deps "${deps}")
  string(REGEX REPLACE "^[^:]*:" "" deps "${deps}")
  separate_arguments(deps UNIX_COMMAND "${deps}")
  check_headers_from_prefix("${deps}")

elseif(STEP STREQUAL "metadata")
  # The Conan recipe reads the version from CMakeLists.txt; the vcpkg port states it and must agree.
  file(READ "${VIDATA_SOURCE_DIR}/packaging/vcpkg/ports/vidata/vcpkg.json" manifest)
  string(JSON port_version GET "${manifest}" version)
  if(NOT port_version STREQUAL VERSION)
    message(FATAL_ERROR "packaging/vcpkg/ports/vidata/vcpkg.json says ${port_version}, CMakeLists.txt says ${VERSION}")
  endif()
  message("vcpkg.json: version ${port_version}, as CMakeLists.txt says")
  if(PYTHON3)
    foreach(recipe IN ITEMS packaging/conan/conanfile.py packaging/conan/test_package/conanfile.py)
      # Parsed, not byte-compiled: nothing is written into the source tree.
      run(COMMAND "${PYTHON3}" -c "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])"
                  "${VIDATA_SOURCE_DIR}/${recipe}")
      message("${recipe}: valid Python")
    endforeach()
  endif()

else()
  message(FATAL_ERROR "run_consumer.cmake: unknown STEP '${STEP}'")
endif()
