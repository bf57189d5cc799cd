// SPDX-License-Identifier: Apache-2.0
// detail::frame_handoff: every submitted frame is finished once, at most two per helper are in flight, a helper's
// exception reaches the producer with its type, and a handoff dropped mid-stream stops its helpers.
#include <vidata/prepare/frame_handoff.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace frame_handoff_test {

struct finisher_failed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace frame_handoff_test

TEST_CASE("frame_handoff: every frame finished once - bytes summed - at most two frames a helper in flight", "[prepare]") {
    using namespace frame_handoff_test;
    for (const unsigned helpers : {1u, 3u}) {
        INFO("helpers " << helpers);
        constexpr std::int64_t frames = 2000;
        std::vector<int> seen(frames, 0);
        std::mutex seen_mutex;
        std::atomic<int> in_flight{0}, most_in_flight{0}, mismatched{0};  // Catch2 assertions stay on this thread
        const auto make = [&] {
            return [&](std::int64_t index, std::int64_t& slot) -> std::uint64_t {
                if (slot != index * 7) mismatched.fetch_add(1);  // the slot holds what the producer put in it for this index
                {
                    const std::lock_guard lock(seen_mutex);
                    ++seen[static_cast<std::size_t>(index)];
                }
                if (index % 97 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));  // let frames queue up
                in_flight.fetch_sub(1);
                return static_cast<std::uint64_t>(index);
            };
        };
        vidata::prepare::detail::frame_handoff<std::int64_t, decltype(make)> handoff(helpers, make);
        for (std::int64_t i = 0; i < frames; ++i)
            handoff.submit(i, [&](std::int64_t& slot) {
                slot = i * 7;
                const int now = in_flight.fetch_add(1) + 1;
                int most = most_in_flight.load();
                while (now > most && !most_in_flight.compare_exchange_weak(most, now)) {
                }
            });
        const auto totals = handoff.finish();
        CHECK(totals.frames == static_cast<std::uint64_t>(frames));
        CHECK(mismatched.load() == 0);
        CHECK(totals.bytes == static_cast<std::uint64_t>(frames * (frames - 1) / 2));  // 0 + 1 + ... + 1999
        CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        CHECK(most_in_flight.load() <= static_cast<int>(2 * helpers));
        CHECK(most_in_flight.load() >= 1);
    }
}

TEST_CASE("frame_handoff: a helper's exception reaches the producer with its type and message", "[prepare]") {
    using namespace frame_handoff_test;
    const auto make = [] {
        return [](std::int64_t index, int&) -> std::uint64_t {
            if (index == 37) throw finisher_failed("frame 37 could not be written");
            return 1;
        };
    };
    vidata::prepare::detail::frame_handoff<int, decltype(make)> handoff(2, make);
    bool caught = false;
    try {
        for (std::int64_t i = 0; i < 10000; ++i) handoff.submit(i, [](int&) {});
        (void)handoff.finish();
    } catch (const finisher_failed& e) {
        caught = true;
        CHECK(std::string(e.what()) == "frame 37 could not be written");
    }
    CHECK(caught);
}

TEST_CASE("frame_handoff: dropped without finish (the producer failed) - its helpers stop and are joined", "[prepare]") {
    std::atomic<int> finished{0};
    int submitted = 0;
    {
        const auto make = [&] {
            return [&](std::int64_t, int&) -> std::uint64_t {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                finished.fetch_add(1);
                return 0;
            };
        };
        vidata::prepare::detail::frame_handoff<int, decltype(make)> handoff(2, make);
        for (int i = 0; i < 6; ++i, ++submitted) handoff.submit(i, [](int&) {});
    }
    // Destruction returned: no helper runs any more, and some of the queued frames were dropped rather than finished.
    const int after = finished.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(finished.load() == after);
    CHECK(after <= submitted);
    CHECK(after < submitted);
}
