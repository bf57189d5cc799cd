// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::load_options: the limits the safe pickle reader enforces.
#pragma once

#include <cstddef>

namespace vidata::pickle {

/// Limits of vidata::pickle::load. The defaults accept every pickle Python writes for data (its own
/// pickler stops near 1,000 levels of nesting) and refuse hostile ones before they cost much.
struct load_options {
    /// Deepest container nesting (and MARK nesting) accepted; deeper input is a parse_error. It also
    /// bounds the work list of every later traversal of the value.
    std::size_t max_depth = 10000;
    /// Bytes after the STOP opcode: an error by default (they usually mean a second pickle that
    /// pickle.load would silently ignore); when true they are ignored, as Python does.
    bool allow_trailing_data = false;
};

}  // namespace vidata::pickle
