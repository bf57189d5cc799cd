// SPDX-License-Identifier: Apache-2.0
// vidata::segment: a labelled time interval of an untrimmed video (an ActivityNet or THUMOS'14 annotation).
#pragma once

#include <string>

namespace vidata {

/// A labelled interval `[start, end]` in seconds, as ActivityNet's `{"segment": [s, e], "label": name}`
/// and THUMOS'14's per-class annotation files give it. `label_id` is the class index a dataset assigns to
/// `label` (−1 until a format or dataset resolves it); proposals, which carry no class, keep both empty.
struct segment {
    double start = 0.0;
    double end = 0.0;
    std::string label;
    int label_id = -1;

    /// `end - start`; negative for a malformed segment, which formats reject.
    [[nodiscard]] constexpr double length() const noexcept { return end - start; }

    friend bool operator==(const segment&, const segment&) = default;
};

}  // namespace vidata
