// SPDX-License-Identifier: Apache-2.0
// A stage that transforms nothing the previous stage makes is rejected, naming its position (stage 4).
// expect: T = crop; V = (vidata::)?tensor<float>; long unsigned int Stage = 4\].*T is not a transform of V: it has no call operator \(V, rng&\) const|T is not a transform of V: it has no call operator \(V, rng&\) const.*require_transform<crop, vidata::tensor<float>, 4UL>
#include <vidata/core/tensor.hpp>
#include <vidata/pipeline/pipeline.hpp>

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};

struct source {
    explicit source(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    vidata::clip read(const vidata::frame_indices&) { return {}; }
};

struct to_float {
    vidata::float_tensor operator()(const vidata::clip&, vidata::rng&) const { return {}; }
};

// A clip-only stage after the clip became a float tensor.
struct crop {
    vidata::clip operator()(vidata::clip c, vidata::rng&) const { return c; }
};

auto p = vidata::pipeline(sampler{}, vidata::open_at<source>("videos"), to_float{}, crop{});
