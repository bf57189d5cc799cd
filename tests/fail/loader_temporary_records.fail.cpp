// SPDX-License-Identifier: Apache-2.0
// A loader reads its records in place, so a temporary list (gone before the workers read it) is refused.
// expect: (use of deleted function|call to deleted constructor).*loader
#include <vidata/pipeline/loader.hpp>

#include <vector>

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

struct source {
    explicit source(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    vidata::clip read(const vidata::frame_indices&) { return {}; }
};

std::vector<vidata::video_record> make_records();

void load() {
    vidata::loader l(vidata::pipeline(sampler{}, vidata::open_at<source>("videos")), make_records(), {.batch_size = 2});
}
