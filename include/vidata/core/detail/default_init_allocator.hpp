// SPDX-License-Identifier: Apache-2.0
// detail::default_init_allocator: std::allocator whose value-less construct default-initialises, so that
// std::vector<std::uint8_t, default_init_allocator<std::uint8_t>>(n) leaves the bytes as they come.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace vidata::detail {

/// For buffers a producer overwrites whole (a decoded clip: 8 MB for 32 frames of 340×256): value-initialising
/// them first is a memset of the whole buffer, about 0.3 ms of a 70 ms read. `vector(n, value)` still fills.
template <class T>
struct default_init_allocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = default_init_allocator<U>;
    };

    default_init_allocator() = default;
    template <class U>
    constexpr default_init_allocator(const default_init_allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        std::construct_at(p, std::forward<Args>(args)...);
    }
};

}  // namespace vidata::detail
