# SPDX-License-Identifier: Apache-2.0
# Provides vidata::detail::mpi when MPI is wanted and found: an imported target that links MPI's C library and keeps
# mpi.h from pulling in the C++ bindings (dropped from MPI 3, still shipped by Open MPI), which would need libmpi_cxx
# too. vidata::mpi (include/vidata/prepare/mpi_shard.hpp: build_rawframes across the ranks of an MPI job) links it.
# vidata's headers call MPI's C API, but from C++: FindMPI's C component would need the C language enabled in every
# consumer, so it is asked for COMPONENTS CXX with MPI_CXX_SKIP_MPICXX, which gives MPI::MPI_CXX linking the C
# library alone. An MPI::MPI_C target that exists already (Conan's openmpi package defines it) is used as it is.
#
# VIDATA_WITH_MPI: AUTO (default: use MPI when find_package(MPI COMPONENTS CXX) finds it; Debian: libopenmpi-dev),
# ON (required) or OFF. Sets VIDATA_MPI_FOUND and VIDATA_MPI_PC_REQUIRES (the pkg-config module of the MPI found,
# for vidata-mpi.pc, empty when it has none). For a consumer (VIDATA_FINDING_FOR_CONSUMER, asking for the mpi
# component) a missing MPI makes find_package(vidata) report "not found" with the reason.
if(TARGET vidata::detail::mpi)
  return()
endif()
set(VIDATA_MPI_FOUND FALSE)
set(VIDATA_MPI_PC_REQUIRES "")
if(NOT DEFINED VIDATA_WITH_MPI)
  set(VIDATA_WITH_MPI AUTO)
endif()
string(TOUPPER "${VIDATA_WITH_MPI}" _vidata_mpi_mode)
if(_vidata_mpi_mode STREQUAL "OFF" OR _vidata_mpi_mode STREQUAL "FALSE" OR _vidata_mpi_mode STREQUAL "0")
  unset(_vidata_mpi_mode)
  return()
endif()

if(NOT TARGET MPI::MPI_C AND NOT TARGET MPI::MPI_CXX)
  if(NOT DEFINED MPI_CXX_SKIP_MPICXX)
    set(MPI_CXX_SKIP_MPICXX ON)
    set(_vidata_mpi_skip_set TRUE)
  endif()
  find_package(MPI QUIET COMPONENTS CXX)
  if(_vidata_mpi_skip_set)
    unset(MPI_CXX_SKIP_MPICXX)
    unset(_vidata_mpi_skip_set)
  endif()
endif()
if(TARGET MPI::MPI_C)
  set(_vidata_mpi_target MPI::MPI_C)
elseif(TARGET MPI::MPI_CXX)
  set(_vidata_mpi_target MPI::MPI_CXX)
else()
  if(_vidata_mpi_mode STREQUAL "AUTO")
    message(STATUS "vidata::mpi: no MPI found (find_package(MPI COMPONENTS CXX); Debian: libopenmpi-dev openmpi-bin); not built")
  elseif(VIDATA_FINDING_FOR_CONSUMER)
    set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
    set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE
        "vidata::mpi needs MPI, which find_package(MPI COMPONENTS CXX) did not find (Debian: libopenmpi-dev). Ask for the components you use without mpi to do without it.")
  else()
    message(FATAL_ERROR "VIDATA_WITH_MPI=ON but find_package(MPI COMPONENTS CXX) finds no MPI (Debian: libopenmpi-dev openmpi-bin)")
  endif()
  unset(_vidata_mpi_mode)
  return()
endif()

add_library(vidata::detail::mpi INTERFACE IMPORTED)
target_link_libraries(vidata::detail::mpi INTERFACE ${_vidata_mpi_target})
target_compile_definitions(vidata::detail::mpi INTERFACE OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
set(VIDATA_MPI_FOUND TRUE)
# vidata-mpi.pc names the MPI's own pkg-config module: the portable alias Debian's alternatives provide, else
# Open MPI's or MPICH's.
if(NOT VIDATA_FINDING_FOR_CONSUMER)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    foreach(_vidata_mpi_pc IN ITEMS mpi-c ompi-c mpich)
      string(MAKE_C_IDENTIFIER "_VIDATA_PC_${_vidata_mpi_pc}" _vidata_mpi_prefix)  # one result variable per module
      pkg_check_modules(${_vidata_mpi_prefix} QUIET ${_vidata_mpi_pc})
      if(${_vidata_mpi_prefix}_FOUND)
        set(VIDATA_MPI_PC_REQUIRES "${_vidata_mpi_pc}")
        break()
      endif()
    endforeach()
    unset(_vidata_mpi_pc)
    unset(_vidata_mpi_prefix)
  endif()
  message(STATUS "vidata::mpi: MPI ${MPI_CXX_VERSION} through ${_vidata_mpi_target} (launcher ${MPIEXEC_EXECUTABLE})")
endif()
unset(_vidata_mpi_mode)
unset(_vidata_mpi_target)
