// SPDX-License-Identifier: Apache-2.0
// vidata::datasets: the vocabulary of dataset descriptors (frame naming, official files, lists, layout, metrics) and their concept.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/modality.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

// A dataset descriptor is a struct of compile-time facts about one dataset as the MMAction2 0.x guides
// (`tools/data/<dataset>/README.md`) prepare it: its classes and splits, its official annotation files and the
// vidata format that reads each, the lists MMAction2's tools write, its frame naming, its `data/<dataset>/` tree
// and the metrics its guide evaluates with. Descriptors hold no behaviour; a per-dataset example composes one with
// the formats, layouts and metrics it names:
//
//   using D = vidata::datasets::ucf101;
//   const std::string train = vidata::datasets::fill(D::lists[0].path, 1);  // "ucf101_train_split_1_rawframes.txt"
//   const std::string first = vidata::datasets::frame_file_name(D::frames.rgb, D::frames.start_index);  // "img_00001.jpg"
//
// Conventions of the strings:
// - Paths are relative to `layout.root` (`data/ucf101`). `{}` in an official file's or a list's path stands for the
//   1-based split number (only where the dataset has several splits: `trainlist0{}.txt`); `*` stands for every
//   file of that form (`annotations/*_test_split{}.txt`: one file per class).
// - `{}` in a layout directory stands for one of `layout.subsets` (`videos_{}` → `videos_train`, `videos_val`).
// - Frame templates are fmt-style as MMAction2 configs write them (`img_{:05d}.jpg`); an empty template means the
//   guide has no such modality for the dataset.
// - `format` is the `--format` name of the vidata reader (`vidata::formats::<format>`), one of the 45 formats.

namespace vidata::datasets {

/// How a dataset's extracted frames are named: one template per modality, fmt-style, and the number in the name
/// of a video's first frame file (`img_00001.jpg` → 1; ActivityNet's `image_00000.jpg` → 0). For datasets read
/// from videos or skeletons only, all templates are empty and `start_index` is 0, the index of the first frame
/// decoded from a video.
struct frame_naming {
    std::string_view rgb;
    std::string_view flow_x;
    std::string_view flow_y;
    int start_index = 1;

    /// The template of modality `m` (empty when the dataset has none).
    [[nodiscard]] constexpr std::string_view of(modality m) const noexcept {
        switch (m) {
        case modality::rgb: return rgb;
        case modality::flow_x: return flow_x;
        case modality::flow_y: return flow_y;
        }
        return {};
    }

    [[nodiscard]] constexpr bool has(modality m) const noexcept { return !of(m).empty(); }
};

/// A file the dataset's authors publish (or the file the guide downloads in its place), and the vidata format
/// that reads it. `path` is relative to the dataset root, as the guide's tree places it.
struct official_file {
    std::string_view path;
    std::string_view format;
    std::string_view what;  ///< one line: what the file holds, and where the guide renames it, its original name
};

/// A list or intermediate file MMAction2's preparation tools write (`build_file_list.py`, the per-dataset
/// scripts), and the vidata format that reads it. `split` is the subset it holds: "train", "val" or "test",
/// empty where it holds all of them (a class index, a pickle with its own splits).
struct list_file {
    std::string_view path;
    std::string_view format;
    std::string_view split;
};

/// The metrics a dataset's guide and configs evaluate with; each is one `vidata eval` subcommand (eval_command).
enum class metric_kind : unsigned char {
    top_k_accuracy,
    mean_class_accuracy,
    mean_average_precision,       ///< multi-label mAP over classes (HVU, per tag category)
    mmit_mean_average_precision,  ///< multi-label mAP over samples (Multi-Moments in Time)
    ar_at_an,                     ///< temporal proposals: average recall at average number of proposals, AUC
    temporal_detection_map,       ///< temporal detection mAP at tIoU thresholds
    ava_frame_map,                ///< AVA frame-mAP@0.5IoU
    frame_map,                    ///< JHMDB / UCF101-24 frame-mAP
    video_map,                    ///< JHMDB / UCF101-24 video-mAP
};

/// The metric's name: the enumerator's (and, for the first four, MMAction2's `evaluate` metric name).
[[nodiscard]] constexpr std::string_view to_string_view(metric_kind m) noexcept {
    switch (m) {
    case metric_kind::top_k_accuracy: return "top_k_accuracy";
    case metric_kind::mean_class_accuracy: return "mean_class_accuracy";
    case metric_kind::mean_average_precision: return "mean_average_precision";
    case metric_kind::mmit_mean_average_precision: return "mmit_mean_average_precision";
    case metric_kind::ar_at_an: return "ar_at_an";
    case metric_kind::temporal_detection_map: return "temporal_detection_map";
    case metric_kind::ava_frame_map: return "ava_frame_map";
    case metric_kind::frame_map: return "frame_map";
    case metric_kind::video_map: return "video_map";
    }
    return "unknown";
}

/// The `vidata eval` subcommand that computes the metric (docs/cli.md).
[[nodiscard]] constexpr std::string_view eval_command(metric_kind m) noexcept {
    switch (m) {
    case metric_kind::top_k_accuracy:
    case metric_kind::mean_class_accuracy: return "accuracy";
    case metric_kind::mean_average_precision:
    case metric_kind::mmit_mean_average_precision: return "map";
    case metric_kind::ar_at_an: return "ar-an";
    case metric_kind::temporal_detection_map: return "tdet";
    case metric_kind::ava_frame_map: return "ava";
    case metric_kind::frame_map: return "frame-map";
    case metric_kind::video_map: return "video-map";
    }
    return "unknown";
}

/// The names of a dataset's `data/<dataset>/` tree as its guide draws it. `root` is relative to the MMAction2
/// checkout (`data/ucf101`); the others are relative to `root`, empty where the tree has no such directory
/// (annotations beside the lists, a skeleton dataset without videos). Where the tree has one directory per
/// subset, the name holds `{}` and `subsets` lists the subset directory names in order (Kinetics:
/// `videos_{}` with {"train", "val"}); elsewhere `subsets` is empty.
struct layout_names {
    std::string_view root;
    std::string_view videos;
    std::string_view rawframes;
    std::string_view annotations;
    std::array<std::string_view, 3> subsets{};

    /// How many subset directories the tree has (0 when it has one tree for all).
    [[nodiscard]] constexpr std::size_t subset_count() const noexcept {
        // Indexing rather than a range-for copy: GCC 12 rejects the copy of a member of a constexpr object in a
        // constant expression ("modification of ... is not a constant expression").
        std::size_t n = 0;
        for (std::size_t i = 0; i < subsets.size(); ++i) n += subsets[i].empty() ? 0 : 1;
        return n;
    }
};

/// How often `{}` occurs in `pattern`.
[[nodiscard]] constexpr std::size_t count_placeholders(std::string_view pattern) noexcept {
    std::size_t n = 0;
    for (std::size_t at = pattern.find("{}"); at != std::string_view::npos; at = pattern.find("{}", at + 2)) ++n;
    return n;
}

/// `pattern` with every `{}` replaced by `value`: `fill("videos_{}", "train") == "videos_train"`.
/// Throws invalid_argument when `pattern` has no `{}` (the caller expected a per-split or per-subset name).
[[nodiscard]] inline std::string fill(std::string_view pattern, std::string_view value) {
    if (count_placeholders(pattern) == 0)
        throw invalid_argument("vidata::datasets::fill: '" + std::string(pattern) + "' has no '{}' to fill");
    std::string out;
    out.reserve(pattern.size() + value.size());
    std::size_t from = 0;
    for (std::size_t at = pattern.find("{}"); at != std::string_view::npos; at = pattern.find("{}", from)) {
        out.append(pattern.substr(from, at - from)).append(value);
        from = at + 2;
    }
    out.append(pattern.substr(from));
    return out;
}

/// `pattern` with `{}` replaced by the 1-based split number: `fill("trainlist0{}.txt", 2) == "trainlist02.txt"`.
[[nodiscard]] inline std::string fill(std::string_view pattern, int split_number) {
    if (split_number < 1)
        throw invalid_argument("vidata::datasets::fill: split numbers start at 1, got " + std::to_string(split_number));
    return fill(pattern, std::to_string(split_number));
}

namespace detail {

// The replacement field of a frame template: where it is, and its width (0: none) and zero padding.
struct frame_field {
    std::size_t begin = std::string_view::npos;
    std::size_t end = 0;  // one past the closing brace
    int width = 0;
    bool zero_pad = false;
};

// The one field `{}`, `{:0N}` or `{:0Nd}` (N a digit 1–9) of `t`; begin == npos when `t` has none, another field
// form, more than one field or a stray brace.
[[nodiscard]] constexpr frame_field find_frame_field(std::string_view t) noexcept {
    frame_field found;
    const frame_field none;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '}') return none;  // a '}' outside a field
        if (t[i] != '{') continue;
        if (found.begin != std::string_view::npos) return none;  // a second field
        const std::size_t close = t.find('}', i);
        if (close == std::string_view::npos) return none;
        const std::string_view spec = t.substr(i + 1, close - i - 1);
        frame_field f{i, close + 1, 0, false};
        if (!spec.empty()) {
            const bool typed = spec.size() == 4 && spec[3] == 'd';
            if (spec.size() != 3 && !typed) return none;
            if (spec[0] != ':' || spec[1] != '0' || spec[2] < '1' || spec[2] > '9') return none;
            f.width = spec[2] - '0';
            f.zero_pad = true;
        }
        found = f;
        i = close;
    }
    return found;
}

}  // namespace detail

/// Whether `t` is a frame template vidata can expand: exactly one replacement field, `{}`, `{:0N}` or `{:0Nd}`
/// (N in 1–9), and no other brace: `img_{:05d}.jpg`, `{:05}.jpg`.
[[nodiscard]] constexpr bool is_frame_template(std::string_view t) noexcept {
    return detail::find_frame_field(t).begin != std::string_view::npos;
}

/// The file name of frame `index` under template `t`, as Python's `t.format(index)` would write it:
/// `frame_file_name("img_{:05d}.jpg", 1) == "img_00001.jpg"`. Throws invalid_argument when `t` is not a frame
/// template (is_frame_template) or `index` is negative.
[[nodiscard]] inline std::string frame_file_name(std::string_view t, std::int64_t index) {
    const detail::frame_field f = detail::find_frame_field(t);
    if (f.begin == std::string_view::npos)
        throw invalid_argument("vidata::datasets::frame_file_name: '" + std::string(t) +
                               "' is not a frame template (one field '{}', '{:0N}' or '{:0Nd}')");
    if (index < 0) throw invalid_argument("vidata::datasets::frame_file_name: a frame index is >= 0, got " + std::to_string(index));
    std::string digits = std::to_string(index);
    if (f.zero_pad && digits.size() < static_cast<std::size_t>(f.width))
        digits.insert(0, static_cast<std::size_t>(f.width) - digits.size(), '0');
    std::string out(t.substr(0, f.begin));
    out.append(digits).append(t.substr(f.end));
    return out;
}

static_assert(is_frame_template("img_{:05d}.jpg") && is_frame_template("{:05}.jpg") && is_frame_template("part_{}.mp4"));
static_assert(!is_frame_template("") && !is_frame_template("img.jpg") && !is_frame_template("{}_{:05d}.jpg") &&
              !is_frame_template("{:5d}.jpg") && !is_frame_template("img_{:05x}.jpg") && !is_frame_template("a}{}"));
static_assert(count_placeholders("ucf101_{}_split_{}") == 2 && count_placeholders("classInd.txt") == 0);

namespace detail {

template <class T, class E>
inline constexpr bool is_array_of = false;

template <class E, std::size_t N>
inline constexpr bool is_array_of<std::array<E, N>, E> = true;

template <class T, class U>
concept same_unqualified = std::same_as<std::remove_cv_t<T>, U>;

// Each requirement also asks for a constant expression (an integral_constant built from it), so a descriptor
// whose facts are only known at run time does not qualify.
template <class D>
concept descriptor_names = requires {
    { D::name } -> std::convertible_to<std::string_view>;
    { D::title } -> std::convertible_to<std::string_view>;
    typename std::integral_constant<std::size_t, std::string_view(D::name).size()>;
    typename std::integral_constant<std::size_t, std::string_view(D::title).size()>;
};

template <class D>
concept descriptor_counts = requires {
    requires same_unqualified<decltype(D::num_classes), int>;
    requires same_unqualified<decltype(D::num_splits), int>;
    typename std::integral_constant<int, D::num_classes>;
    typename std::integral_constant<int, D::num_splits>;
};

template <class D>
concept descriptor_frames = requires {
    requires same_unqualified<decltype(D::frames), frame_naming>;
    typename std::integral_constant<int, D::frames.start_index>;
};

template <class D>
concept descriptor_layout = requires {
    requires same_unqualified<decltype(D::layout), layout_names>;
    typename std::integral_constant<std::size_t, D::layout.root.size()>;
};

template <class D>
concept descriptor_files = requires {
    requires is_array_of<std::remove_cv_t<decltype(D::official_files)>, official_file>;
    requires is_array_of<std::remove_cv_t<decltype(D::lists)>, list_file>;
    typename std::integral_constant<std::size_t, D::official_files.size()>;
    typename std::integral_constant<std::size_t, D::lists.size()>;
};

template <class D>
concept descriptor_metrics = requires {
    requires is_array_of<std::remove_cv_t<decltype(D::metrics)>, metric_kind>;
    typename std::integral_constant<std::size_t, D::metrics.size()>;
};

}  // namespace detail

/// A dataset descriptor: compile-time facts about one dataset, as static constexpr members.
///
///   static constexpr std::string_view name;     // the short name of MMAction2's list names: "ucf101", "sthv2"
///   static constexpr std::string_view title;    // "UCF-101"
///   static constexpr int num_classes, num_splits;
///   static constexpr frame_naming frames;
///   static constexpr layout_names layout;
///   static constexpr std::array<official_file, N> official_files;
///   static constexpr std::array<list_file, M> lists;
///   static constexpr std::array<metric_kind, K> metrics;
///
/// Descriptors add members of their own for what only they have (AVA's fps and keyframe range, NTU's
/// benchmarks); the concept asks only for the shared ones.
template <class D>
concept dataset_descriptor = detail::descriptor_names<D> && detail::descriptor_counts<D> && detail::descriptor_frames<D> &&
                             detail::descriptor_layout<D> && detail::descriptor_files<D> && detail::descriptor_metrics<D>;

/// Static-asserts each requirement of dataset_descriptor with a sentence naming the missing piece.
template <class D>
constexpr bool require_dataset_descriptor() {
    static_assert(detail::descriptor_names<D>,
                  "vidata: D is not a dataset_descriptor: it has no static constexpr std::string_view name and title");
    static_assert(detail::descriptor_counts<D>,
                  "vidata: D is not a dataset_descriptor: it has no static constexpr int num_classes and num_splits");
    static_assert(detail::descriptor_frames<D>, "vidata: D is not a dataset_descriptor: it has no static constexpr frame_naming frames");
    static_assert(detail::descriptor_layout<D>, "vidata: D is not a dataset_descriptor: it has no static constexpr layout_names layout");
    static_assert(detail::descriptor_files<D>,
                  "vidata: D is not a dataset_descriptor: official_files and lists must be static constexpr std::array of "
                  "official_file and list_file");
    static_assert(detail::descriptor_metrics<D>,
                  "vidata: D is not a dataset_descriptor: it has no static constexpr std::array<metric_kind, N> metrics");
    return dataset_descriptor<D>;
}

}  // namespace vidata::datasets
