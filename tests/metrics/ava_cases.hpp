// SPDX-License-Identifier: Apache-2.0
// What the AVA metric tests share: a label map made from a list of ids.
#pragma once

#include <vidata/metrics/ava_inputs.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace vidata::test {

/// A label map whose categories are these ids, named "class <id>".
inline vidata::ava_label_map label_map_of(std::initializer_list<std::int64_t> ids) {
    vidata::ava_label_map m;
    for (const auto id : ids) m.categories.push_back({id, "class " + std::to_string(id)});
    return m;
}

}  // namespace vidata::test
