// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for vidata::pickle: load; what loads must dump, reload identically, and convert to JSON.
#include <vidata/core/error.hpp>
#include <vidata/io/pickle/describe.hpp>
#include <vidata/io/pickle/detail/walk.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <unordered_set>

namespace {

// Finds an array stored in non-native byte order (protocol 5 keeps it; numpy's _reconstruct path,
// which the writer uses, brings it to native order on load, so such a value changes in a round trip).
struct foreign_order_finder {
    std::unordered_set<const void*> seen;  // shared containers are visited once
    bool found = false;
    bool enter(const vidata::pickle::value& v) {
        if (v.is_ndarray() && v.as_ndarray().type().needs_swap()) found = true;
        return !v.is_container() || seen.insert(v.identity()).second;
    }
    bool before_child(const vidata::pickle::value&, std::size_t) { return true; }
    void leave(const vidata::pickle::value&) {}
    [[nodiscard]] bool stopped() const noexcept { return found; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vidata::pickle::value v;
    try {
        v = vidata::pickle::load(std::span<const unsigned char>(data, size), "fuzz");
    } catch (const vidata::error&) {
        return 0;  // refusing is fine; crashing, hanging or exhausting memory is not
    }
    // Whatever loaded must write and read back: no vidata::error may escape from here on.
    const auto back = vidata::pickle::load(vidata::pickle::dump(v), "fuzz-roundtrip");
    if (!(back == v)) {
        foreign_order_finder finder;
        vidata::pickle::detail::walk(v, finder);
        if (!finder.found) std::abort();
    }
    if (!(vidata::pickle::load(vidata::pickle::dump(back), "fuzz-roundtrip-2") == back)) std::abort();

    vidata::pickle::json_options options;
    options.max_elements = std::size_t{1} << 20;  // a memo-sharing bomb is refused, not expanded
    try {
        (void)vidata::pickle::to_json(v, options).dump();
    } catch (const vidata::error&) {
    }
    (void)vidata::pickle::repr(v, std::size_t{1} << 16);
    (void)vidata::pickle::describe(v, 4);
    return 0;
}
