// SPDX-License-Identifier: Apache-2.0
// The seams of vidata: the concepts its components model, the opt-in tag, and diagnostics that name a missing piece.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/crop_plan.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/modality.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/split.hpp>
#include <vidata/core/video_record.hpp>

#include <nlohmann/json_fwd.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <ranges>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// Each concept is the conjunction of named requirements in vidata::detail, so that a compiler's
// "constraints not satisfied" note names the requirement that failed, and so that the matching
// require_<concept>() helper can static_assert each one with its own sentence. Where a requirement
// only makes sense once an earlier one holds (a call's result needs the call), the helper stays
// silent about it when the earlier one failed, so a user sees the missing piece, not a cascade.
//
// Stage helpers take the stage's position in a pipeline as a template argument: a C++20
// static_assert message cannot be formatted, so the stage number and the offending type appear in
// the compiler's "In instantiation of ... [with S = my_sampler; Stage = 1]" line right above the sentence.

namespace vidata {

/// The opt-in tag of metric: `using vidata_concept = vidata::metric_tag;` (or a class derived from it).
/// A metric is "anything callable on predictions and ground truth", which structural matching would
/// find in too many types; the tag says the author meant it.
struct metric_tag {};

namespace detail {

template <class T, class Tag>
concept opts_into = requires {
    typename T::vidata_concept;
    requires std::derived_from<typename T::vidata_concept, Tag>;
};

}  // namespace detail

/// True when M opts into metric. Specialise it to `true` for a type you cannot edit.
template <class M>
inline constexpr bool enable_metric = detail::opts_into<M, metric_tag>;

namespace detail {

template <class F>
concept format_has_record_type = requires { typename F::record_type; };

// The name must be a constant expression: the integral_constant argument would not compile otherwise.
template <class F>
concept format_has_name = requires {
    { F::name } -> std::convertible_to<std::string_view>;
    typename std::integral_constant<std::size_t, std::string_view(F::name).size()>;
};

template <class F>
concept format_reads = format_has_record_type<F> && requires(std::istream& in, std::string_view source_name) {
    { F::read(in, source_name) } -> std::ranges::input_range;
    requires std::same_as<std::ranges::range_value_t<decltype(F::read(in, source_name))>, typename F::record_type>;
};

template <class F>
concept format_writes = format_has_record_type<F> &&
                        requires(std::ostream& out, const std::vector<typename F::record_type>& records) {
                            F::write(out, records);
                        };

}  // namespace detail

/// An annotation format: how one kind of annotation file reads into records and writes back.
///
///   struct rawframe_list {
///       using record_type = video_record;
///       static constexpr std::string_view name = "rawframes";
///       static std::vector<video_record> read(std::istream&, std::string_view source_name);
///       static void write(std::ostream&, std::span<const video_record>);
///   };
///
/// Syntactic requirements:
/// - `F::record_type`: the record one entry becomes;
/// - `F::name`: a constant expression convertible to std::string_view (what `vidata inspect` prints);
/// - `F::read(std::istream&, std::string_view source_name)`: an input range of `record_type`;
///   `source_name` is used in parse errors only;
/// - `F::write(std::ostream&, records)`: accepts at least a `const std::vector<record_type>&`
///   (a `std::span<const record_type>` parameter does).
/// Semantic requirements: read throws vidata::parse_error naming `source_name`, the line and what was
/// expected, and never crashes on malformed input; `read(write(records)) == records`.
template <class F>
concept annotation_format = detail::format_has_record_type<F> && detail::format_has_name<F> &&
                            detail::format_reads<F> && detail::format_writes<F>;

/// Static-asserts each requirement of annotation_format with a sentence naming the missing piece.
/// Returns whether F is one, so that callers can stop before their own errors cascade.
template <class F>
constexpr bool require_annotation_format() {
    constexpr bool record = detail::format_has_record_type<F>;
    static_assert(record, "vidata: F is not an annotation_format: it has no nested type record_type");
    static_assert(!record || detail::format_has_name<F>,
                  "vidata: F is not an annotation_format: it has no static constexpr name convertible to std::string_view");
    static_assert(!record || detail::format_reads<F>,
                  "vidata: F is not an annotation_format: it has no static read(std::istream&, std::string_view) "
                  "returning a range of record_type");
    static_assert(!record || detail::format_writes<F>,
                  "vidata: F is not an annotation_format: it has no static write(std::ostream&, records) "
                  "accepting a const std::vector<record_type>&");
    return annotation_format<F>;
}

namespace detail {

template <class S>
concept sampler_callable = std::invocable<const S&, const video_record&, rng&>;

template <class S>
concept sampler_returns_indices =
    sampler_callable<S> && std::same_as<std::invoke_result_t<const S&, const video_record&, rng&>, frame_indices>;

}  // namespace detail

/// A frame sampler: which frames of a record a clip is made of.
///
///   frame_indices operator()(const video_record& record, rng& g) const;
///
/// Semantic requirements: the result depends only on the sampler's settings, the record and the
/// numbers drawn from `g` (so a loader that passes `rng::for_item(seed, epoch, index)` is reproducible
/// whatever its thread count); the call is const and touches no shared state, so one sampler serves
/// every thread; a test-mode sampler draws nothing. Take `g` by reference: a copy would replay the
/// caller's numbers.
template <class S>
concept frame_sampler = detail::sampler_callable<S> && detail::sampler_returns_indices<S>;

/// Static-asserts each requirement of frame_sampler for pipeline stage `Stage`. Returns whether S is one.
template <class S, std::size_t Stage = 0>
constexpr bool require_frame_sampler() {
    constexpr bool callable = detail::sampler_callable<S>;
    static_assert(callable, "vidata: S is not a frame_sampler: it has no call operator (const video_record&, rng&) const");
    static_assert(!callable || detail::sampler_returns_indices<S>,
                  "vidata: S is not a frame_sampler: its call operator (const video_record&, rng&) does not return frame_indices");
    return frame_sampler<S>;
}

namespace detail {

template <class D>
concept source_opens = std::constructible_from<D, const std::filesystem::path&>;

template <class D>
concept source_counts = requires(const D& d) {
    { d.frame_count() } -> std::integral;
};

template <class D>
concept source_reads = requires(D& d, const frame_indices& indices) {
    { d.read(indices) } -> std::same_as<clip>;
};

}  // namespace detail

/// A frame source: an opened video file or frame directory that decodes the frames a sampler chose.
///
///   explicit D(const std::filesystem::path& video_or_frame_dir);   // throws vidata::io_error
///   std::int64_t frame_count() const;
///   clip read(const frame_indices& indices);
///
/// Options beyond the path (a rawframe filename template, decoder threads) go in further constructors.
/// Semantic requirements: `read` returns `indices.size()` frames in the order of `indices` (repeats
/// included), or throws; it never returns a wrong frame silently. A source is used by one thread at a time.
template <class D>
concept frame_source = detail::source_opens<D> && detail::source_counts<D> && detail::source_reads<D>;

/// Static-asserts each requirement of frame_source for pipeline stage `Stage`. Returns whether D is one.
template <class D, std::size_t Stage = 0>
constexpr bool require_frame_source() {
    static_assert(detail::source_opens<D>,
                  "vidata: D is not a frame_source: it cannot be opened from a path (no constructor D(const std::filesystem::path&))");
    static_assert(detail::source_counts<D>, "vidata: D is not a frame_source: it has no frame_count() const returning an integer");
    static_assert(detail::source_reads<D>, "vidata: D is not a frame_source: it has no read(const frame_indices&) returning clip");
    return frame_source<D>;
}

namespace detail {

template <class T, class V>
concept transform_callable = std::invocable<const T&, V, rng&>;

template <class T, class V>
concept transform_returns_value =
    transform_callable<T, V> && !std::is_void_v<std::invoke_result_t<const T&, V, rng&>>;

template <class T>
concept transform_plans = requires(const T& t, crop_plan& plan, rng& g) { t.plan(plan, g); };

}  // namespace detail

/// A transform of values of type V (a clip, a float_tensor...): one step of a pipeline.
///
///   R operator()(V value, rng& g) const;    // R is the next stage's V; not void
///
/// V is passed as an rvalue, so a transform may take it by value and work in place. Semantic
/// requirements: as frame_sampler (depends only on settings, value and `g`; const and thread-safe).
template <class T, class V>
concept transform = detail::transform_callable<T, V> && detail::transform_returns_value<T, V>;

/// What transform T makes of a V.
template <class T, class V>
    requires transform<T, V>
using transform_result_t = std::remove_cvref_t<std::invoke_result_t<const T&, V, rng&>>;

/// A transform that can also be planned lazily: it updates a crop_plan instead of resampling, so that
/// consecutive geometric transforms cost one resample.
///
///   void plan(crop_plan& plan, rng& g) const;
///
/// Semantic requirement: applying the plan equals applying the transform eagerly (up to resampling error),
/// drawing the same numbers from `g` in the same order.
template <class T, class V>
concept geometric_transform = transform<T, V> && detail::transform_plans<T>;

/// Static-asserts each requirement of transform<T, V> for pipeline stage `Stage`. Returns whether T is one.
template <class T, class V, std::size_t Stage = 0>
constexpr bool require_transform() {
    constexpr bool callable = detail::transform_callable<T, V>;
    static_assert(callable, "vidata: T is not a transform of V: it has no call operator (V, rng&) const");
    static_assert(!callable || detail::transform_returns_value<T, V>,
                  "vidata: T is not a transform of V: its call operator (V, rng&) returns void instead of the next value");
    return transform<T, V>;
}

/// Static-asserts each requirement of geometric_transform<T, V> for pipeline stage `Stage`.
template <class T, class V, std::size_t Stage = 0>
constexpr bool require_geometric_transform() {
    constexpr bool is_transform = require_transform<T, V, Stage>();
    static_assert(!is_transform || detail::transform_plans<T>,
                  "vidata: T is not a geometric_transform: it has no plan(crop_plan&, rng&) const");
    return geometric_transform<T, V>;
}

namespace detail {

template <class M>
concept metric_has_types = requires {
    typename M::prediction_type;
    typename M::ground_truth_type;
};

template <class M>
concept metric_callable =
    metric_has_types<M> &&
    std::invocable<const M&, const typename M::prediction_type&, const typename M::ground_truth_type&>;

template <class M>
concept metric_result_prints =
    metric_callable<M> &&
    requires(const std::invoke_result_t<const M&, const typename M::prediction_type&, const typename M::ground_truth_type&>& r) {
        { r.to_json() } -> std::same_as<nlohmann::json>;
    };

}  // namespace detail

/// A metric: the numbers a benchmark reports, computed from predictions and ground truth.
///
///   using vidata_concept = vidata::metric_tag;
///   using prediction_type = ...;       // e.g. a row-major N × C score matrix
///   using ground_truth_type = ...;     // e.g. std::vector<int> labels
///   R operator()(const prediction_type&, const ground_truth_type&) const;
///   // where R has: nlohmann::json to_json() const;
///
/// Semantic requirements: deterministic, with the reference toolkit's definitions (documented per
/// metric); invalid input (mismatched lengths, labels out of range) throws vidata::invalid_argument.
template <class M>
concept metric = enable_metric<M> && detail::metric_has_types<M> && detail::metric_callable<M> &&
                 detail::metric_result_prints<M>;

/// What metric M returns.
template <class M>
    requires metric<M>
using metric_result_t = std::remove_cvref_t<
    std::invoke_result_t<const M&, const typename M::prediction_type&, const typename M::ground_truth_type&>>;

/// Static-asserts each requirement of metric with a sentence naming the missing piece. Returns whether M is one.
template <class M>
constexpr bool require_metric() {
    constexpr bool opted = enable_metric<M>;
    static_assert(opted, "vidata: M is not a metric: it does not opt in (add 'using vidata_concept = vidata::metric_tag;')");
    constexpr bool typed = opted && detail::metric_has_types<M>;
    static_assert(!opted || typed, "vidata: M is not a metric: it has no nested types prediction_type and ground_truth_type");
    constexpr bool callable = typed && detail::metric_callable<M>;
    static_assert(!typed || callable,
                  "vidata: M is not a metric: it has no call operator (const prediction_type&, const ground_truth_type&) const");
    static_assert(!callable || detail::metric_result_prints<M>,
                  "vidata: M is not a metric: its result has no to_json() const returning nlohmann::json");
    return metric<M>;
}

namespace detail {

template <class L>
concept layout_frames = requires(const L& l, const video_record& r, std::int64_t index, modality m) {
    { l.frame_path(r, index, m) } -> std::convertible_to<std::filesystem::path>;
};

template <class L>
concept layout_videos = requires(const L& l, const video_record& r) {
    { l.video_path(r) } -> std::convertible_to<std::filesystem::path>;
};

template <class L>
concept layout_lists = requires(const L& l, const split& s, media_kind kind) {
    { l.list_path(s, kind) } -> std::convertible_to<std::filesystem::path>;
};

}  // namespace detail

/// A layout: where a dataset's files live in the standard tree.
///
///   std::filesystem::path frame_path(const video_record&, std::int64_t frame_index, modality) const;
///   std::filesystem::path video_path(const video_record&) const;
///   std::filesystem::path list_path(const split&, media_kind) const;
///
/// `frame_index` is the index a sampler produced (its `start_index` already applied). Semantic
/// requirements: pure functions of their arguments and the layout's settings (a root directory, a
/// filename template); they never touch the file system.
template <class L>
concept layout = detail::layout_frames<L> && detail::layout_videos<L> && detail::layout_lists<L>;

/// Static-asserts each requirement of layout with a sentence naming the missing piece. Returns whether L is one.
template <class L>
constexpr bool require_layout() {
    static_assert(detail::layout_frames<L>,
                  "vidata: L is not a layout: it has no frame_path(const video_record&, std::int64_t, modality) const returning a path");
    static_assert(detail::layout_videos<L>, "vidata: L is not a layout: it has no video_path(const video_record&) const returning a path");
    static_assert(detail::layout_lists<L>,
                  "vidata: L is not a layout: it has no list_path(const split&, media_kind) const returning a path");
    return layout<L>;
}

}  // namespace vidata
