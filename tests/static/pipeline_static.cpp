// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::pipeline: what a composed pipeline's types are, which stages make a source stage,
// which transforms the lazy mode plans, and the named pipelines' value types.
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/pipeline/mmaction.hpp>
#include <vidata/pipeline/pipeline.hpp>
#include <vidata/transforms/fuse.hpp>

#include <filesystem>
#include <type_traits>

namespace {

using vidata::clip;
using vidata::float_tensor;

struct sampler {
    vidata::frame_indices operator()(const vidata::video_record&, vidata::rng&) const { return {}; }
};
struct source {
    explicit source(const std::filesystem::path&) {}
    std::int64_t frame_count() const { return 0; }
    clip read(const vidata::frame_indices&) { return {}; }
};
// Takes an option after the path: open_at<with_option>(prefix, 3) passes it on.
struct with_option {
    explicit with_option(const std::filesystem::path&) {}
    with_option(const std::filesystem::path&, int) {}
    std::int64_t frame_count() const { return 0; }
    clip read(const vidata::frame_indices&) { return {}; }
};
struct to_float {
    float_tensor operator()(const clip&, vidata::rng&) const { return {}; }
};
struct crop {
    clip operator()(clip c, vidata::rng&) const { return c; }
    void plan(vidata::crop_plan&, vidata::rng&) const {}
};

using stage = vidata::source_stage<source>;
static_assert(vidata::source_opener<stage> && vidata::record_source<stage>);
static_assert(std::same_as<vidata::opened_source_t<stage>, source> && std::same_as<vidata::source_value_t<stage>, clip>);
static_assert(std::same_as<vidata::stage_record_t<stage>, vidata::video_record>);
static_assert(vidata::source_opener<vidata::source_stage<with_option, int>>);
static_assert(!vidata::source_opener<sampler> && !vidata::source_opener<source>);

// A source stage of skeleton records: pose_source (PoseDecode) reads skeleton records.
static_assert(vidata::record_source<vidata::pose_source> && !vidata::source_opener<vidata::pose_source>);
static_assert(std::same_as<vidata::source_value_t<vidata::pose_source>, vidata::skeleton_record>);

using p3 = decltype(vidata::pipeline(sampler{}, vidata::open_at<source>("v"), crop{}, to_float{}));
static_assert(vidata::is_pipeline<p3> && p3::stages == 4 && std::same_as<p3::value_type, float_tensor>);
static_assert(std::same_as<p3::record_type, vidata::video_record> && !p3::is_lazy);
static_assert(vidata::detail::plannable<crop, clip> && !vidata::detail::plannable<to_float, clip>);
static_assert(vidata::detail::plannable_run_end<0, std::tuple<crop, crop, to_float, crop>>() == 2);
static_assert(vidata::plan_realiser<vidata::transforms::fuse>);
static_assert(decltype(std::declval<const p3&>().lazy(vidata::transforms::fuse{}))::is_lazy);
static_assert(!vidata::is_pipeline<vidata::detail::invalid_pipeline>);

using nchw = vidata::layout_tensor<vidata::layouts::nchw>;
using ncthw = vidata::layout_tensor<vidata::layouts::ncthw>;
using videos = vidata::source_stage<source>;
static_assert(std::same_as<decltype(vidata::mmaction::tsn_train(std::declval<videos>()))::value_type, nchw>);
static_assert(std::same_as<decltype(vidata::mmaction::tsn_test(std::declval<videos>()))::value_type, nchw>);
static_assert(std::same_as<decltype(vidata::mmaction::slowfast_test(std::declval<videos>()))::value_type, ncthw>);
static_assert(std::same_as<decltype(vidata::mmaction::posec3d_test())::record_type, vidata::skeleton_record>);
static_assert(std::same_as<decltype(vidata::mmaction::posec3d_train())::value_type, ncthw>);

}  // namespace
