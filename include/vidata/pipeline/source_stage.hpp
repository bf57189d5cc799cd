// SPDX-License-Identifier: Apache-2.0
// vidata::open_at<D>(prefix, options...): a pipeline's second stage, which opens a frame_source D for each record.
#pragma once

#include <vidata/core/concepts.hpp>
#include <vidata/core/video_record.hpp>

#include <concepts>
#include <cstddef>
#include <filesystem>
#include <tuple>
#include <type_traits>
#include <utility>

namespace vidata {

/// Opens a frame source of type D at `prefix / record.path`, passing `options...` after the path (a
/// rawframe filename template, decoder threads...). It holds no open file: each call opens a new D, so
/// one stage serves every loader thread.
///
///   auto videos = open_at<video_source>("data/kinetics400/videos_val");
///   auto frames = open_at<rawframe_source>("data/ucf101/rawframes", "img_{:05d}.jpg");
///
/// D is not constrained here so that vidata::pipeline can say which stage is wrong when D is not a
/// frame_source (see require_source_stage).
template <class D, class... Options>
class source_stage {
public:
    using source_type = D;

    explicit source_stage(std::filesystem::path prefix, Options... options)
        : prefix_(std::move(prefix)), options_(std::move(options)...) {}

    /// Where the frames of `record` are: the prefix joined with the record's path (the path alone when
    /// the prefix is empty).
    [[nodiscard]] std::filesystem::path path_of(const video_record& record) const { return prefix_ / record.path; }

    /// A source opened at `path_of(record)`. Throws what D's constructor throws (vidata::io_error).
    [[nodiscard]] D open(const video_record& record) const
        requires std::constructible_from<D, const std::filesystem::path&, const Options&...>
    {
        return std::apply([&](const Options&... options) { return D(path_of(record), options...); }, options_);
    }

    [[nodiscard]] const std::filesystem::path& prefix() const noexcept { return prefix_; }
    [[nodiscard]] const std::tuple<Options...>& options() const noexcept { return options_; }

private:
    std::filesystem::path prefix_;
    std::tuple<Options...> options_;
};

/// The source stage for frame sources of type D under `prefix`; `options...` are copied and passed to
/// D's constructor after the path.
template <class D, class... Options>
[[nodiscard]] source_stage<D, std::decay_t<Options>...> open_at(std::filesystem::path prefix, Options&&... options) {
    return source_stage<D, std::decay_t<Options>...>(std::move(prefix), std::forward<Options>(options)...);
}

namespace detail {

template <class O>
inline constexpr bool is_source_stage = false;
template <class D, class... Options>
inline constexpr bool is_source_stage<source_stage<D, Options...>> = true;

template <class O>
struct stage_record {
    using type = video_record;
};
template <class O>
    requires requires { typename O::record_type; }
struct stage_record<O> {
    using type = typename O::record_type;
};

template <class O>
concept source_stage_opens = requires(const O& stage, const video_record& record) {
    { stage.open(record) } -> frame_source;
};

template <class O, class R>
concept record_source_reads = requires(const O& stage, const R& record, const frame_indices& indices) {
    stage.open(record).read(indices);
    requires !std::is_void_v<decltype(stage.open(record).read(indices))>;
};

}  // namespace detail

/// The records a source stage opens: its nested `record_type`, video_record when it names none.
template <class O>
using stage_record_t = typename detail::stage_record<O>::type;

/// What a pipeline's second stage must be: anything whose `open(const video_record&) const` returns a
/// frame_source (open_at<D>(...) makes one; write your own to open from memory or an archive).
template <class O>
concept source_opener = detail::source_stage_opens<O>;

/// The general form, for records other than video_record (a skeleton_record whose keypoints are the
/// frames, for instance): `O::record_type` names the record, and `open(const record_type&) const`
/// returns something whose `read(const frame_indices&)` returns the first value of the chain.
///
///   struct pose_frames {
///       using record_type = skeleton_record;
///       pose_reader open(const skeleton_record& r) const;   // pose_reader::read(indices) -> keypoints
///   };
template <class O>
concept record_source = (std::same_as<stage_record_t<O>, video_record> ? source_opener<O>
                                                                        : detail::record_source_reads<O, stage_record_t<O>>);

/// What a source stage opens for a record.
template <class O>
    requires record_source<O>
using opened_source_t = std::remove_cvref_t<decltype(std::declval<const O&>().open(std::declval<const stage_record_t<O>&>()))>;

/// What the opened source reads: a clip for frame sources.
template <class O>
    requires record_source<O>
using source_value_t = std::remove_cvref_t<decltype(std::declval<opened_source_t<O>&>().read(std::declval<const frame_indices&>()))>;

/// Static-asserts that O can be a pipeline's source stage (stage `Stage`, always 2 in vidata::pipeline),
/// naming the missing piece: for open_at<D>, the frame_source requirement D misses.
template <class O, std::size_t Stage = 2>
constexpr bool require_source_stage() {
    if constexpr (detail::is_source_stage<O>) {
        using D = typename O::source_type;
        constexpr bool is_source = require_frame_source<D, Stage>();
        static_assert(!is_source || source_opener<O>,
                      "vidata::open_at<D>(prefix, options...): D has no constructor taking the path followed by those options");
        return is_source && source_opener<O>;
    } else if constexpr (!std::same_as<stage_record_t<O>, video_record>) {
        static_assert(record_source<O>,
                      "vidata::pipeline: stage 2 is not a source stage of its record_type: it has no open(const record_type&) "
                      "const returning something with read(const frame_indices&)");
        return record_source<O>;
    } else {
        static_assert(source_opener<O>,
                      "vidata::pipeline: stage 2 is not a source stage: it has no open(const video_record&) const "
                      "returning a frame_source (pass vidata::open_at<D>(data_prefix))");
        return source_opener<O>;
    }
}

}  // namespace vidata
