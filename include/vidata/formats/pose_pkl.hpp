// SPDX-License-Identifier: Apache-2.0
// vidata::formats::pose_pkl: PYSKL / MMAction2 PoseDataset pickles (`ntu60_hrnet.pkl`, the Kinetics-400 kpfile index), one record per annotation.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/formats/detail/pickle_fields.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/record_json.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vidata::formats {

/// One annotation of a pose pickle. The keys PoseDataset reads are typed; every other key (the kpfile
/// variant's `raw_file`, `frame_inds`, `box_score`, `valid`; `filename`; `valid@0.5`...) is kept as it was
/// loaded in `extra`, in file order, so the annotation writes back whole.
struct pose_annotation {
    std::string frame_dir;
    std::optional<std::int64_t> total_frames;
    std::optional<image_size> img_shape;
    std::optional<image_size> original_shape;
    std::optional<int> label;
    std::optional<float_tensor> keypoint;        ///< M × T × V × C
    std::optional<float_tensor> keypoint_score;  ///< M × T × V
    bool half_precision = false;                 ///< the keypoints were float16 (PYSKL's 2D files), and are written so
    /// The names of the `split` lists that hold this annotation (`xsub_train`, `xview_val`...), in the file's
    /// order of splits; empty for the plain-list form.
    std::vector<std::string> splits;
    pickle::dict_items extra;

    /// The value of another key, or nullptr: `a.find("raw_file")`, `a.find("frame_inds")`.
    [[nodiscard]] const pickle::value* find(std::string_view key) const {
        for (const auto& [k, v] : extra)
            if (k.is_str() && k.as_str() == key) return &v;
        return nullptr;
    }

    /// The core record of the annotation (throws vidata::invalid_argument without keypoints, as in the kpfile
    /// variant, whose keypoints live in the `raw_file`).
    [[nodiscard]] skeleton_record skeleton() const {
        if (!keypoint) throw invalid_argument("vidata::formats::pose_annotation: '" + frame_dir + "' has no keypoint array");
        skeleton_record r;
        r.frame_dir = frame_dir;
        r.total_frames = total_frames.value_or(static_cast<std::int64_t>(keypoint->extent(1)));
        r.img_shape = img_shape.value_or(image_size{});
        r.original_shape = original_shape.value_or(r.img_shape);
        r.label = label.value_or(-1);
        r.keypoint = *keypoint;
        r.keypoint_score = keypoint_score.value_or(float_tensor{{0, 0, 0}});
        return r;
    }

    friend bool operator==(const pose_annotation&, const pose_annotation&) = default;
};

template <class Json>
void to_json(Json& j, const pose_annotation& a) {
    auto shape = [](const float_tensor& t) { return std::vector<std::size_t>(t.shape().begin(), t.shape().end()); };
    j = Json::object();
    j["frame_dir"] = a.frame_dir;
    if (a.total_frames) j["total_frames"] = *a.total_frames;
    if (a.img_shape) j["img_shape"] = *a.img_shape;
    if (a.original_shape) j["original_shape"] = *a.original_shape;
    if (a.label) j["label"] = *a.label;
    if (a.keypoint) j["keypoint"] = Json{{"shape", shape(*a.keypoint)}};
    if (a.keypoint_score) j["keypoint_score"] = Json{{"shape", shape(*a.keypoint_score)}};
    if (!a.splits.empty()) j["splits"] = a.splits;
    // Arrays print as their shape and dtype; other values as pickle::to_json writes them.
    for (const auto& [k, v] : a.extra) {
        const std::string key = k.is_str() ? k.as_str() : k.type_name();
        if (v.is_ndarray()) {
            const auto& arr = v.as_ndarray();
            j[key] = Json{{"shape", arr.shape()}, {"dtype", arr.type().name()}};
        } else {
            j[key] = pickle::to_json<Json>(v);
        }
    }
}

/// PoseDataset's annotation pickles (PYSKL and MMAction2 1.x), one record per annotation:
///
///   {'split': {'xsub_train': ['S001C001P001R001A001', ...], 'xsub_val': [...]},
///    'annotations': [{'frame_dir': 'S001C001P001R001A001', 'label': 0, 'img_shape': (1080, 1920),
///                     'original_shape': (1080, 1920), 'total_frames': 103,
///                     'keypoint': float16/32 [M, T, V, C], 'keypoint_score': [M, T, V]}, ...]}
///
/// also the older form, a plain list of annotations (MMAction2 0.x), and the Kinetics-400 kpfile index whose
/// annotations hold `raw_file`, `frame_inds`, `box_score` and `valid` instead of keypoints (kept in `extra`).
/// Split lists name annotations by `filename` when the first annotation has one, else by `frame_dir`, as
/// PoseDataset matches them.
/// Errors (parse_error naming the file and the path, `/annotations/3/keypoint`): a root that is neither a
/// list nor a dict with `split` and `annotations`; an annotation that is not a dict or lacks `frame_dir`; a
/// typed key of the wrong type (`label` not an int, `img_shape` not a pair, `keypoint` not a 4-D float array,
/// `keypoint_score` not M × T × V of it); with splits, two annotations of one name or a split naming no
/// annotation (either would silently drop data); a truncated or unsafe pickle, with its byte offset.
/// Writing: a protocol-4 pickle, the dict form when any record has splits (split lists in record order),
/// else the list form; keypoints as float16 where they were, float32 otherwise.
struct pose_pkl : text_format<pose_pkl> {
    using record_type = pose_annotation;
    static constexpr std::string_view name = "pose_pkl";

    [[nodiscard]] static std::vector<pose_annotation> parse(std::string_view bytes, std::string_view source_name) {
        using vidata::detail::pickle_error;
        const std::string source(source_name);
        const pickle::value root = pickle::load(bytes, source);
        const pickle::value* list = &root;
        const pickle::value* split = nullptr;
        std::string base;
        if (root.is_dict()) {
            split = root.find("split");
            list = root.find("annotations");
            if (list == nullptr || split == nullptr)
                throw pickle_error(source, "/", "a dict with the keys 'split' and 'annotations' (or a list of annotations)",
                                   "a dict without '" + std::string(list == nullptr ? "annotations" : "split") + "'");
            if (!split->is_dict()) throw pickle_error(source, "/split", "a dict split name -> list of names", split->type_name());
            base = "/annotations";
        }
        if (!list->is_list() && !list->is_tuple())
            throw pickle_error(source, base.empty() ? "/" : base, "a list of annotations (dicts)", list->type_name());
        std::vector<pose_annotation> out;
        out.reserve(list->size());
        const auto& items = list->as_list();
        for (std::size_t i = 0; i < items.size(); ++i) out.push_back(annotation(items[i], source, base + "/" + std::to_string(i)));
        if (split != nullptr) assign_splits(out, *split, source);
        return out;
    }

    static void write(std::ostream& out, std::span<const pose_annotation> records) {
        using pickle::value;
        std::vector<value> annotations;
        annotations.reserve(records.size());
        bool by_filename = false;
        if (!records.empty()) by_filename = records.front().find("filename") != nullptr;
        std::vector<std::string> split_names;
        std::map<std::string, std::vector<value>> split_lists;
        for (const auto& r : records) {
            annotations.push_back(to_value(r));
            const pickle::value* filename = by_filename ? r.find("filename") : nullptr;
            const value id = filename != nullptr ? *filename : vidata::detail::pickle_name(r.frame_dir);
            for (const auto& s : r.splits) {
                auto [it, added] = split_lists.try_emplace(s);
                if (added) split_names.push_back(s);
                it->second.push_back(id);
            }
        }
        if (split_names.empty()) {
            pickle::dump(value::list(std::move(annotations)), out);
            return;
        }
        pickle::dict_items splits;
        for (const auto& s : split_names) splits.emplace_back(vidata::detail::pickle_name(s), value::list(std::move(split_lists[s])));
        pickle::dump(value::dict({{value("split"), value::dict(std::move(splits))}, {value("annotations"), value::list(std::move(annotations))}}),
                     out);
    }

private:
    [[nodiscard]] static image_size shape_pair(const pickle::value& v, const std::string& source, const std::string& path) {
        if ((!v.is_tuple() && !v.is_list()) || v.size() != 2)
            throw vidata::detail::pickle_error(source, path, "a pair (height, width)", v.type_name());
        return {static_cast<int>(vidata::detail::pickle_integer(v[0], source, path + "/0", "an integer height")),
                static_cast<int>(vidata::detail::pickle_integer(v[1], source, path + "/1", "an integer width"))};
    }

    [[nodiscard]] static float_tensor float_array(const pickle::value& v, std::size_t rank, const std::string& source,
                                                  const std::string& path, bool& half) {
        const std::string expected = "a " + std::to_string(rank) + "-D float array";
        if (!v.is_ndarray()) throw vidata::detail::pickle_error(source, path, expected, v.type_name());
        const ndarray& a = v.as_ndarray();
        if (a.ndim() != rank || a.type().kind != 'f')
            throw vidata::detail::pickle_error(source, path, expected, "an array of shape " + ndarray::shape_string(a.shape()) + " of " + a.type().name());
        half = a.type().itemsize == 2;
        std::vector<std::size_t> shape(a.shape().begin(), a.shape().end());
        return float_tensor(std::move(shape), a.to_vector<float>());
    }

    [[nodiscard]] static pose_annotation annotation(const pickle::value& v, const std::string& source, const std::string& path) {
        using vidata::detail::pickle_error;
        if (!v.is_dict()) throw pickle_error(source, path, "an annotation (a dict with 'frame_dir')", v.type_name());
        pose_annotation a;
        bool have_dir = false, half_score = false;
        for (const auto& [key, value] : v.as_dict()) {
            const std::string k = key.is_str() ? key.as_str() : std::string();
            const std::string at = path + "/" + k;
            if (k == "frame_dir") {
                a.frame_dir = vidata::detail::pickle_text(value, source, at, "a frame_dir (str)");
                have_dir = true;
            } else if (k == "total_frames") {
                a.total_frames = vidata::detail::pickle_integer(value, source, at, "an integer total_frames");
            } else if (k == "label") {
                const std::int64_t label = vidata::detail::pickle_integer(value, source, at, "an integer label");
                if (label < std::numeric_limits<int>::min() || label > std::numeric_limits<int>::max()) throw pickle_error(source, at, "a label within int", std::to_string(label));
                a.label = static_cast<int>(label);
            } else if (k == "img_shape") {
                a.img_shape = shape_pair(value, source, at);
            } else if (k == "original_shape") {
                a.original_shape = shape_pair(value, source, at);
            } else if (k == "keypoint") {
                a.keypoint = float_array(value, 4, source, at, a.half_precision);
            } else if (k == "keypoint_score") {
                a.keypoint_score = float_array(value, 3, source, at, half_score);
            } else {
                a.extra.emplace_back(key, value);
            }
        }
        if (!have_dir) throw pickle_error(source, path, "an annotation with a 'frame_dir'", "a dict without one");
        if (a.keypoint_score) {
            const auto& s = a.keypoint_score->shape();
            if (!a.keypoint || s[0] != a.keypoint->extent(0) || s[1] != a.keypoint->extent(1) || s[2] != a.keypoint->extent(2))
                throw pickle_error(source, path + "/keypoint_score", "a keypoint_score of shape M x T x V matching keypoint",
                                   "an array of " + std::to_string(s[0]) + " x " + std::to_string(s[1]) + " x " + std::to_string(s[2]));
        }
        return a;
    }

    static void assign_splits(std::vector<pose_annotation>& out, const pickle::value& split,
                              const std::string& source) {
        using vidata::detail::pickle_error;
        // PoseDataset: identifier = 'filename' if 'filename' in data[0] else 'frame_dir'.
        const bool by_filename = !out.empty() && out.front().find("filename") != nullptr;
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < out.size(); ++i) {
            const std::string at = "/annotations/" + std::to_string(i);
            const pickle::value* filename = by_filename ? out[i].find("filename") : nullptr;
            if (by_filename && filename == nullptr) throw pickle_error(source, at, "a 'filename' (the first annotation has one)", "none");
            const std::string id = filename != nullptr ? vidata::detail::pickle_text(*filename, source, at + "/filename", "a filename (str)")
                                                       : out[i].frame_dir;
            const auto [it, added] = index.emplace(id, i);
            if (!added)
                throw pickle_error(source, at, "a name no other annotation has (splits name annotations by it)",
                                   id + " (also /annotations/" + std::to_string(it->second) + ")");
        }
        for (const auto& [key, names] : split.as_dict()) {
            const std::string split_name = vidata::detail::pickle_text(key, source, "/split", "split names (str) as keys");
            const std::string at = "/split/" + split_name;
            if (!names.is_list() && !names.is_tuple()) throw pickle_error(source, at, "a list of names", names.type_name());
            const auto& list = names.as_list();
            for (std::size_t i = 0; i < list.size(); ++i) {
                const std::string id = vidata::detail::pickle_text(list[i], source, at + "/" + std::to_string(i), "a name (str)");
                const auto it = index.find(id);
                if (it == index.end())
                    throw pickle_error(source, at + "/" + std::to_string(i), "the name of an annotation", id);
                auto& splits = out[it->second].splits;
                if (!splits.empty() && splits.back() == split_name)
                    throw pickle_error(source, at + "/" + std::to_string(i), "each name once per split", id);
                splits.push_back(split_name);
            }
        }
    }

    [[nodiscard]] static pickle::value to_value(const pose_annotation& a) {
        using pickle::value;
        auto array = [&](const float_tensor& t) {
            std::vector<std::int64_t> shape(t.shape().begin(), t.shape().end());
            return a.half_precision ? value(ndarray::float16_from(std::move(shape), t.values()))
                                    : value(ndarray::from_values<float>(std::move(shape), t.values()));
        };
        auto pair = [](const image_size& s) { return value::tuple({value(s.height), value(s.width)}); };
        pickle::dict_items d;
        d.emplace_back(value("frame_dir"), vidata::detail::pickle_name(a.frame_dir));
        if (a.label) d.emplace_back(value("label"), value(*a.label));
        if (a.img_shape) d.emplace_back(value("img_shape"), pair(*a.img_shape));
        if (a.original_shape) d.emplace_back(value("original_shape"), pair(*a.original_shape));
        if (a.total_frames) d.emplace_back(value("total_frames"), value(*a.total_frames));
        if (a.keypoint) d.emplace_back(value("keypoint"), array(*a.keypoint));
        if (a.keypoint_score) d.emplace_back(value("keypoint_score"), array(*a.keypoint_score));
        for (const auto& kv : a.extra) d.push_back(kv);
        return value::dict(std::move(d));
    }
};

}  // namespace vidata::formats
