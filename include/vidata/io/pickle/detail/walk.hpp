// SPDX-License-Identifier: Apache-2.0
// An iterative depth-first traversal of a pickle value, shared by repr, to_json and dump.
#pragma once

#include <vidata/io/pickle/value.hpp>

#include <cstddef>
#include <vector>

namespace vidata::pickle::detail {

/// Children of a container in traversal order: a dict's entry k is children 2k (key) and 2k+1 (value).
[[nodiscard]] inline std::size_t child_count(const value& v) {
    if (v.is_dict()) return 2 * v.as_dict().size();
    return v.is_container() ? v.elements().size() : 0;
}

[[nodiscard]] inline const value& child_at(const value& v, std::size_t i) {
    if (v.is_dict()) {
        const auto& entry = v.as_dict()[i / 2];
        return i % 2 == 0 ? entry.first : entry.second;
    }
    return v.elements()[i];
}

/// Visits `root` depth-first without recursion, so the depth of a value costs heap, not stack.
/// The visitor provides:
///   bool enter(const value& v)              – called for every visited value; true descends into a container
///   bool before_child(const value& parent, std::size_t i) – true visits child i, false skips it
///   void leave(const value& container)      – after the children of a container entered with true
///   bool stopped() const                    – true ends the walk early (output limits)
template <class Visitor>
void walk(const value& root, Visitor& visitor) {
    struct frame {
        const value* v;
        std::size_t next;
        std::size_t count;
    };
    std::vector<frame> stack;
    const auto visit = [&](const value& v) {
        if (visitor.enter(v) && v.is_container()) stack.push_back({&v, 0, child_count(v)});
    };
    visit(root);
    while (!stack.empty() && !visitor.stopped()) {
        frame& top = stack.back();
        if (top.next == top.count) {
            const value* done = top.v;
            stack.pop_back();
            visitor.leave(*done);
            continue;
        }
        const std::size_t i = top.next++;
        const value& parent = *top.v;  // `top` may dangle once visit() pushes
        if (visitor.before_child(parent, i)) visit(child_at(parent, i));
    }
}

}  // namespace vidata::pickle::detail
