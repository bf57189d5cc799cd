// SPDX-License-Identifier: Apache-2.0
// A broken precondition in a constant expression is a compile error that names vidata's assertion handler.
// expect: vidata::detail::assertion_failed
#include <vidata/core/frame_indices.hpp>

// 5 indices cannot be 2 clips of 3 frames.
static_assert(vidata::frame_indices(2, 3, {0, 1, 2, 3, 4}).size() == 5);
