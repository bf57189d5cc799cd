// SPDX-License-Identifier: Apache-2.0
// Compile-time test that a user-defined VIDATA_ASSERT replaces vidata's: here one that checks nothing.
#define VIDATA_ASSERT(condition, message) static_cast<void>(0)
#include <vidata/core/frame_indices.hpp>

namespace {

// With the default VIDATA_ASSERT this would not compile: 1 index is not 2 × 3.
static_assert([] {
    const vidata::frame_indices fi(2, 3, {7});
    return fi.size() == 1;
}());

}  // namespace
