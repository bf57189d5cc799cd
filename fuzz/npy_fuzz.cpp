// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the .npy reader: any input is refused with a vidata::error or read; what is read writes back identically.
#include <vidata/io/npy.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const unsigned char> bytes(data, size);
    try {
        const vidata::ndarray a = vidata::from_npy_bytes(bytes, "fuzz.npy");
        // Typed access walks the whole array, Fortran index mapping included.
        if (a.size() <= 4096) (void)a.to_vector<double>();
        // What was read must survive a round trip through the writer.
        const auto again = vidata::to_npy_bytes(a);
        if (!(vidata::from_npy_bytes(again, "again.npy") == a)) std::abort();
    } catch (const vidata::error&) {
    }
    return 0;
}
