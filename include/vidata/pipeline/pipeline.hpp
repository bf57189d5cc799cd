// SPDX-License-Identifier: Apache-2.0
// vidata::pipeline(sampler, source, transforms...): a record to a model-ready value, composed and checked at compile time.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/concepts.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/pipeline/source_stage.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace vidata {

/// Realises a crop_plan on a clip: the one resample that stands for a run of lazily planned geometric
/// transforms (MMAction2's `Fuse`). `r(clip, plan)` returns the plan's output for every frame.
template <class R>
concept plan_realiser = std::invocable<const R&, clip, const crop_plan&> &&
                        std::same_as<std::invoke_result_t<const R&, clip, const crop_plan&>, clip>;

/// The fuse policy of a pipeline that runs every transform as written.
struct eager_transforms {};

namespace detail {

// A transform the lazy mode can plan: a geometric transform of clips that keeps the value a clip.
template <class T, class V>
concept plannable = std::same_as<V, clip> && geometric_transform<T, clip> && std::same_as<transform_result_t<T, clip>, clip>;

// What the chain of transforms makes of a V; only named once every stage has been checked.
template <class V, class... Ts>
struct chain_result {
    using type = V;
};
template <class V, class T, class... Rest>
struct chain_result<V, T, Rest...> {
    using type = typename chain_result<transform_result_t<T, V>, Rest...>::type;
};

// Checks the transforms in order, each on the value the previous one makes, and stops at the first that
// fails: its static_assert names it (Stage is its 1-based position in the pipeline), and the stages
// after it are not checked against a value that does not exist.
template <std::size_t Stage, class V, class T, class... Rest>
constexpr bool check_transforms() {
    if constexpr (!require_transform<T, V, Stage>()) {
        return false;
    } else if constexpr (sizeof...(Rest) == 0) {
        return true;
    } else {
        return check_transforms<Stage + 1, transform_result_t<T, V>, Rest...>();
    }
}

template <class S, class R>
concept sampler_of = std::invocable<const S&, const R&, rng&> && std::same_as<std::invoke_result_t<const S&, const R&, rng&>, frame_indices>;

// Stage 1 for a source stage of records other than video_record.
template <class S, class R>
constexpr bool require_sampler_of() {
    static_assert(sampler_of<S, R>,
                  "vidata::pipeline: stage 1 is not a frame sampler of the source stage's record_type: it has no call "
                  "operator (const record_type&, rng&) const returning frame_indices");
    return sampler_of<S, R>;
}

template <class Sampler, class Source, class... Ts>
constexpr bool check_pipeline() {
    using record = stage_record_t<Source>;
    // Stage 1 first: with stages in the wrong order, the first complaint is the one that explains it.
    if constexpr (std::same_as<record, video_record> && !require_frame_sampler<Sampler, 1>()) {
        return false;
    } else if constexpr (!std::same_as<record, video_record> && !require_sampler_of<Sampler, record>()) {
        return false;
    } else if constexpr (!require_source_stage<Source, 2>()) {
        return false;
    } else if constexpr (sizeof...(Ts) == 0) {
        return true;
    } else {
        return check_transforms<3, source_value_t<Source>, Ts...>();
    }
}

template <class R>
concept has_offset = requires(const R& r) {
    { r.offset } -> std::convertible_to<std::int64_t>;
};

// The first index at or after I whose transform the lazy mode cannot plan.
template <std::size_t I, class Tuple>
constexpr std::size_t plannable_run_end() {
    if constexpr (I == std::tuple_size_v<Tuple>) {
        return I;
    } else if constexpr (plannable<std::tuple_element_t<I, Tuple>, clip>) {
        return plannable_run_end<I + 1, Tuple>();
    } else {
        return I;
    }
}

struct ignore_stages {
    template <class V>
    constexpr void operator()(std::size_t, const V&) const noexcept {}
};

// What pipeline() returns when a check failed: the static_assert has said why; this keeps the compiler
// from adding errors about a pipeline type that was never made.
struct invalid_pipeline {};

}  // namespace detail

/// A pipeline: a frame sampler (stage 1), a source stage (stage 2) and transforms (stages 3...), run on
/// one record at a time. Made by vidata::pipeline(), which checks every stage; the type is spelled out
/// only to name it (`using tsn_test = decltype(vidata::pipeline(...))`).
///
/// Running it on a record (operator(); a video_record, or the source stage's record_type):
///   1. the source stage opens the record's frames (`open(record)`); when the list gave no frame count
///      (video lists), the sampler sees the count the source reports, as MMAction2's DecordInit writes it;
///   2. the sampler chooses frame_indices from the record and the rng;
///   3. the record's `offset`, where it has one, is added to each index (MMAction2's RawFrameDecode and
///      PoseDecode do the same);
///   4. the source reads those frames (into a clip, for a frame_source);
///   5. each transform takes the previous value and the rng, in order.
/// Every random draw comes from the one rng, in stage order, so an item's result depends on its rng
/// stream only (a loader passes `rng::for_item(seed, epoch, index)`).
///
/// Lazy mode (`.lazy(fuse)`): a run of consecutive transforms that model geometric_transform on clips is
/// planned into one crop_plan (`t.plan(plan, g)`, drawing what the eager call would draw) and realised by
/// one call `fuse(clip, plan)` instead of one resample per transform; a plan that changes nothing is not
/// realised at all. Fuse is any plan_realiser; eager_transforms means no lazy mode.
///
/// Thread-safety: operator() is const and opens its own source, so one pipeline serves many threads,
/// provided its stages are as thread-safe as their concepts ask.
template <class Fuse, class Sampler, class Source, class... Transforms>
class basic_pipeline {
    using transform_tuple = std::tuple<Transforms...>;

public:
    using sampler_type = Sampler;
    using source_stage_type = Source;
    /// What the pipeline runs on: video_record, or the source stage's record_type.
    using record_type = stage_record_t<Source>;
    using source_type = opened_source_t<Source>;
    /// What the pipeline makes of a record: the last transform's result (what the source reads, a clip
    /// for frame sources, if there is none).
    using value_type = typename detail::chain_result<source_value_t<Source>, Transforms...>::type;

    static constexpr bool is_lazy = !std::same_as<Fuse, eager_transforms>;
    /// The number of stages: sampler, source and transforms.
    static constexpr std::size_t stages = 2 + sizeof...(Transforms);

    constexpr basic_pipeline(Fuse fuse, Sampler sampler, Source source, Transforms... transforms)
        : fuse_(std::move(fuse)), sampler_(std::move(sampler)), source_(std::move(source)),
          transforms_(std::move(transforms)...) {}

    /// The value for `record`, drawing from `g`. Throws what the stages throw.
    [[nodiscard]] value_type operator()(const record_type& record, rng& g) const {
        return run(record, g, detail::ignore_stages{});
    }

    /// As operator(), and calls `observe(stage, value)` with each intermediate value: stage 1 with the
    /// frame_indices, 2 with the decoded clip, then each transform's result (in lazy mode, a planned run
    /// reports once, as its last stage). A loader uses it to account the memory an item holds.
    template <class Observer>
    [[nodiscard]] value_type run(const record_type& record, rng& g, Observer&& observe) const {
        source_type source = source_.open(record);
        frame_indices indices = sample(record, source, g);
        observe(std::size_t{1}, std::as_const(indices));
        if constexpr (detail::has_offset<record_type>) {
            if (record.offset != 0) indices = shifted(indices, record.offset);
        }
        // The source reads once, so it reads as an rvalue where it can: video_reader's final read skips what only a
        // later read would use.
        auto frames = [&] {
            if constexpr (requires { std::move(source).read(indices); }) return std::move(source).read(indices);
            else return source.read(indices);
        }();
        observe(std::size_t{2}, std::as_const(frames));
        return apply_from<0>(std::move(frames), g, observe);
    }

    /// The same stages in lazy mode, realising planned runs with `fuse`.
    template <class R>
    [[nodiscard]] constexpr auto lazy(R fuse) const {
        static_assert(plan_realiser<R>, "vidata::pipeline::lazy: the fuse stage has no call operator (clip, const crop_plan&) const returning clip");
        return std::apply(
            [&](const Transforms&... ts) { return basic_pipeline<R, Sampler, Source, Transforms...>(std::move(fuse), sampler_, source_, ts...); },
            transforms_);
    }

    /// The same stages, every transform run eagerly.
    [[nodiscard]] constexpr auto eager() const {
        return std::apply(
            [&](const Transforms&... ts) {
                return basic_pipeline<eager_transforms, Sampler, Source, Transforms...>(eager_transforms{}, sampler_, source_, ts...);
            },
            transforms_);
    }

    [[nodiscard]] constexpr const Sampler& sampler() const noexcept { return sampler_; }
    [[nodiscard]] constexpr const Source& source() const noexcept { return source_; }
    [[nodiscard]] constexpr const std::tuple<Transforms...>& transforms() const noexcept { return transforms_; }
    [[nodiscard]] constexpr const Fuse& fuse() const noexcept { return fuse_; }

private:
    frame_indices sample(const record_type& record, const source_type& source, rng& g) const {
        if constexpr (std::same_as<record_type, video_record>) {
            if (!record.frames_known()) {
                video_record counted = record;
                counted.total_frames = static_cast<std::int64_t>(source.frame_count());
                return std::invoke(sampler_, std::as_const(counted), g);
            }
        }
        return std::invoke(sampler_, record, g);
    }

    static frame_indices shifted(const frame_indices& indices, std::int64_t offset) {
        std::vector<frame_indices::value_type> flat(indices.begin(), indices.end());
        for (auto& index : flat) index += offset;
        return frame_indices(indices.num_clips(), indices.clip_len(), std::move(flat), indices.num_views());
    }

    template <std::size_t I, class V, class Observer>
    auto apply_from(V value, rng& g, Observer& observe) const {
        if constexpr (I == sizeof...(Transforms)) {
            return value;
        } else if constexpr (is_lazy && detail::plannable<std::tuple_element_t<I, transform_tuple>, V>) {
            constexpr std::size_t end = detail::plannable_run_end<I, transform_tuple>();
            crop_plan plan = crop_plan::identity({static_cast<int>(value.height()), static_cast<int>(value.width())});
            plan_run<I, end>(plan, g);
            if (!plan.is_identity()) value = std::invoke(fuse_, std::move(value), std::as_const(plan));
            observe(std::size_t{2 + end}, std::as_const(value));
            return apply_from<end>(std::move(value), g, observe);
        } else {
            auto next = std::invoke(std::get<I>(transforms_), std::move(value), g);
            observe(std::size_t{3 + I}, std::as_const(next));
            return apply_from<I + 1>(std::move(next), g, observe);
        }
    }

    template <std::size_t I, std::size_t End>
    void plan_run(crop_plan& plan, rng& g) const {
        if constexpr (I < End) {
            std::get<I>(transforms_).plan(plan, g);
            plan_run<I + 1, End>(plan, g);
        }
    }

    [[no_unique_address]] Fuse fuse_;
    [[no_unique_address]] Sampler sampler_;
    Source source_;
    std::tuple<Transforms...> transforms_;
};

/// True for the types vidata::pipeline() makes.
template <class P>
inline constexpr bool is_pipeline = false;
template <class F, class S, class D, class... Ts>
inline constexpr bool is_pipeline<basic_pipeline<F, S, D, Ts...>> = true;

/// Composes a pipeline: `sampler` chooses frames (a frame_sampler), `source` opens and reads them (a
/// source stage, e.g. open_at<video_source>(prefix)), and `transforms...` turn the clip into what a model
/// takes, each a transform of what the previous one makes.
///
///   auto tsn_val = vidata::pipeline(segment_sampler{...}, vidata::open_at<video_source>(prefix),
///                                   resize{{-1, 256}}, center_crop{224}, normalize{...}, format_shape{...});
///   float_tensor x = tsn_val(record, g);
///
/// Every stage is checked at compile time. A stage in the wrong place, or one that models no concept,
/// fails with a static_assert naming the missing piece, right below the compiler's "In instantiation of
/// ... [with ...; Stage = N]" line that names the stage:
///   vidata: S is not a frame_sampler: it has no call operator (const video_record&, rng&) const
///   vidata: D is not a frame_source: it has no read(const frame_indices&) returning clip
///   vidata: T is not a transform of V: it has no call operator (V, rng&) const
template <class Sampler, class Source, class... Transforms>
[[nodiscard]] constexpr auto pipeline(Sampler sampler, Source source, Transforms... transforms) {
    constexpr bool valid = detail::check_pipeline<Sampler, Source, Transforms...>();
    if constexpr (valid) {
        return basic_pipeline<eager_transforms, Sampler, Source, Transforms...>(eager_transforms{}, std::move(sampler),
                                                                                 std::move(source), std::move(transforms)...);
    } else {
        return detail::invalid_pipeline{};
    }
}

}  // namespace vidata
