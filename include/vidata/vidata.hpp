// SPDX-License-Identifier: Apache-2.0
// The umbrella header: vidata's light core (no FFmpeg, no image codecs, no MPI). A plain include list.
#pragma once

#include <vidata/version.hpp>
#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
