// SPDX-License-Identifier: Apache-2.0
// The inputs of frame_mean_ap and video_mean_ap: JHMDB-GT.pkl / UCF101v2-GT.pkl ground truth, frame detections and detected tubes.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>
#include <vidata/core/tube_ground_truth.hpp>
#include <vidata/formats/detail/pickle_fields.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/detail/tube_ranking.hpp>
#include <vidata/metrics/frame_map.hpp>
#include <vidata/metrics/video_map.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vidata {

namespace detail {

[[nodiscard]] inline const pickle::value& required_key(const pickle::value& root, const std::string& source, const char* key) {
    if (const pickle::value* v = root.find(key)) return *v;
    std::string keys;
    for (const auto& [k, unused] : root.as_dict()) {
        if (!keys.empty()) keys += ", ";
        keys += k.is_str() ? k.as_str() : k.type_name();
    }
    throw tube_input_error(source, "/", std::string("the key '") + key + "' (a tube ground truth has labels, gttubes, nframes and test_videos)",
                           "a dict with the keys " + keys);
}

[[nodiscard]] inline std::vector<std::string> pickle_names(const pickle::value& v, const std::string& source, const std::string& path) {
    if (!v.is_list() && !v.is_tuple()) throw tube_input_error(source, path, "a list of names", v.type_name());
    std::vector<std::string> out;
    const auto& items = v.as_list();
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(pickle_text(items[i], source, path + "/" + std::to_string(i), "a name (str)"));
    return out;
}

[[nodiscard]] inline std::vector<std::vector<std::string>> pickle_splits(const pickle::value& v, const std::string& source, const std::string& path) {
    if (!v.is_list() && !v.is_tuple()) throw tube_input_error(source, path, "a list of splits, each a list of video names", v.type_name());
    std::vector<std::vector<std::string>> out;
    const auto& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(pickle_names(items[i], source, path + "/" + std::to_string(i)));
    return out;
}

// A 2-D numeric array of at least 5 columns as a tube (its first five: frame, x1, y1, x2, y2).
[[nodiscard]] inline tube tube_from_array(const pickle::value& v, const std::string& source, const std::string& path) {
    if (!v.is_ndarray()) throw tube_input_error(source, path, "a numpy array of rows (frame, x1, y1, x2, y2)", v.type_name());
    const ndarray& a = v.as_ndarray();
    if (a.ndim() != 2 || a.shape()[1] < 5)
        throw tube_input_error(source, path, "a 2-D numpy array with 5 columns (frame, x1, y1, x2, y2)",
                               "an array of shape " + ndarray::shape_string(a.shape()));
    if (a.type().kind == 'b') throw tube_input_error(source, path, "a numeric array", "an array of " + a.type().name());
    const auto rows = static_cast<Eigen::Index>(a.shape()[0]);
    const auto cols = static_cast<std::size_t>(a.shape()[1]);
    const auto values = a.to_vector<double>();
    tube t(rows, 5);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index c = 0; c < 5; ++c) t(i, c) = values[static_cast<std::size_t>(i) * cols + static_cast<std::size_t>(c)];
    return t;
}

}  // namespace detail

/// Reads the ground truth of a JHMDB / UCF101-24 / MultiSports GT pickle (ACT-detector's format), loaded
/// with vidata::pickle (nothing executed; Python 2 pickles such as the original JHMDB-GT.pkl included):
///
///   {'labels': [name, ...],                              # class names; label ids index this list
///    'gttubes': {video: {label: [array (N, 5) of frame, x1, y1, x2, y2], ...}},
///    'nframes': {video: int},
///    'train_videos': [[video, ...] per split],           # absent from MultiSports' GT: left empty
///    'test_videos': [[video, ...] per split],
///    'resolution': {video: (height, width)}}              # optional
///
/// Arrays may be of any numeric dtype (the files hold float32); extra columns after the fifth are ignored.
/// A missing required key, or a value of the wrong type, is a vidata::parse_error naming `source`, the path
/// inside the pickle (`/gttubes/<video>/<label>/2`) and what was there. Tube rows are not validated here
/// (frame_mean_ap and video_mean_ap check the tubes they use).
[[nodiscard]] inline tube_ground_truth tube_ground_truth_from(const pickle::value& root, const std::string& source) {
    using detail::tube_input_error;
    if (!root.is_dict()) throw tube_input_error(source, "/", "a dict with labels, gttubes, nframes and test_videos", root.type_name());
    tube_ground_truth gt;
    gt.labels = detail::pickle_names(detail::required_key(root, source, "labels"), source, "/labels");

    const pickle::value& tubes = detail::required_key(root, source, "gttubes");
    if (!tubes.is_dict()) throw tube_input_error(source, "/gttubes", "a dict video -> {label: [tubes]}", tubes.type_name());
    for (const auto& [video_key, per_label] : tubes.as_dict()) {
        const std::string video = detail::pickle_text(video_key, source, "/gttubes", "video names (str) as keys");
        const std::string video_path = "/gttubes/" + video;
        if (!per_label.is_dict()) throw tube_input_error(source, video_path, "a dict label -> [tubes]", per_label.type_name());
        auto& out = gt.gttubes[video];
        for (const auto& [label_key, list] : per_label.as_dict()) {
            const std::int64_t label = detail::pickle_integer(label_key, source, video_path, "integer labels as keys");
            if (label < 0 || static_cast<std::size_t>(label) >= gt.labels.size())
                throw tube_input_error(source, video_path, "labels in [0, " + std::to_string(gt.labels.size()) + ")", std::to_string(label));
            const std::string label_path = video_path + "/" + std::to_string(label);
            if (!list.is_list() && !list.is_tuple()) throw tube_input_error(source, label_path, "a list of tubes", list.type_name());
            auto& dst = out[static_cast<int>(label)];
            const auto& items = list.as_list();
            for (std::size_t k = 0; k < items.size(); ++k)
                dst.push_back(detail::tube_from_array(items[k], source, label_path + "/" + std::to_string(k)));
        }
    }

    const pickle::value& nframes = detail::required_key(root, source, "nframes");
    if (!nframes.is_dict()) throw tube_input_error(source, "/nframes", "a dict video -> number of frames", nframes.type_name());
    for (const auto& [video_key, count] : nframes.as_dict()) {
        const std::string video = detail::pickle_text(video_key, source, "/nframes", "video names (str) as keys");
        gt.nframes[video] = detail::pickle_integer(count, source, "/nframes/" + video, "a number of frames (int)");
    }

    gt.test_videos = detail::pickle_splits(detail::required_key(root, source, "test_videos"), source, "/test_videos");
    if (const pickle::value* train = root.find("train_videos")) gt.train_videos = detail::pickle_splits(*train, source, "/train_videos");

    if (const pickle::value* resolution = root.find("resolution")) {
        if (!resolution->is_dict()) throw tube_input_error(source, "/resolution", "a dict video -> (height, width)", resolution->type_name());
        for (const auto& [video_key, hw] : resolution->as_dict()) {
            const std::string video = detail::pickle_text(video_key, source, "/resolution", "video names (str) as keys");
            const std::string path = "/resolution/" + video;
            if ((!hw.is_tuple() && !hw.is_list()) || hw.size() != 2) throw tube_input_error(source, path, "a pair (height, width)", hw.type_name());
            gt.resolution[video] = image_size{static_cast<int>(detail::pickle_integer(hw[0], source, path, "an integer height")),
                                              static_cast<int>(detail::pickle_integer(hw[1], source, path, "an integer width"))};
        }
    }
    return gt;
}

/// tube_ground_truth_from() on the pickle at `path` (`JHMDB-GT.pkl`, `UCF101v2-GT.pkl`); errors name the file.
[[nodiscard]] inline tube_ground_truth read_tube_ground_truth(const std::filesystem::path& path) {
    return tube_ground_truth_from(pickle::load_file(path), path.string());
}

/// Detections as read from a file, with video names resolved against the evaluated list.
template <class Detection>
struct loaded_detections {
    std::vector<Detection> detections;
    /// Videos named by the file that are not in the evaluated list, sorted: video index
    /// `evaluated_videos(gt, split).size() + k` is other_videos[k]. Their detections are false positives.
    std::vector<std::string> other_videos;
};

namespace detail {

// Video names → indices: listed videos by their position, the others after them in sorted order, so that
// the indices (and the canonical tie order) do not depend on the order of the file.
class video_indexer {
public:
    explicit video_indexer(const std::vector<std::string>& videos) : count_(static_cast<std::int64_t>(videos.size())) {
        for (std::size_t i = 0; i < videos.size(); ++i) index_.emplace(videos[i], static_cast<std::int64_t>(i));
    }

    // A listed video's index, or a provisional negative one for another (see finish()).
    [[nodiscard]] std::int64_t operator()(const std::string& name) {
        if (const auto it = index_.find(name); it != index_.end()) return it->second;
        const auto [it, inserted] = others_.emplace(name, -static_cast<std::int64_t>(others_.size()) - 1);
        return it->second;
    }

    // Replaces provisional indices by count + rank of the name, and returns the names in that order.
    template <class Detection>
    void finish(loaded_detections<Detection>& out) const {
        std::vector<std::int64_t> final_index(others_.size());
        std::int64_t rank = 0;
        for (const auto& [name, provisional] : others_) {  // std::map: sorted by name
            final_index[static_cast<std::size_t>(-provisional - 1)] = count_ + rank++;
            out.other_videos.push_back(name);
        }
        for (auto& d : out.detections)
            if (d.video < 0) d.video = final_index[static_cast<std::size_t>(-d.video - 1)];
    }

private:
    std::int64_t count_;
    std::unordered_map<std::string, std::int64_t> index_;
    std::map<std::string, std::int64_t> others_;
};

// A label given as a 0-based integer or as a class name.
[[nodiscard]] inline int label_of(std::string_view text, const std::vector<std::string>& labels, bool& ok) {
    ok = true;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return value;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == text) return static_cast<int>(i);
    ok = false;
    return -1;
}

[[nodiscard]] inline std::string label_expectation(const std::vector<std::string>& labels) {
    return "a label: an integer in [0, " + std::to_string(labels.size()) + ") or a class name of the ground truth";
}

[[nodiscard]] inline std::int64_t integral_cell(double v, const std::string& source, const std::string& path, const char* what) {
    if (!std::isfinite(v) || v != std::floor(v) || std::abs(v) > 9.0e15) throw tube_input_error(source, path, what, std::to_string(v));
    return static_cast<std::int64_t>(v);
}

}  // namespace detail

/// Frame detections from CSV text, one detection per record:
///
///   video,frame,label,score,x1,y1,x2,y2
///   Basketball/v_Basketball_g01_c01,1,0,0.93,12.5,30,80.25,190
///
/// The header line is optional (recognised by its first field `video`). `video` is a name as in the
/// ground truth; `frame` a 1-based integer; `label` a 0-based class index or a class name; the rest numbers
/// as Python's float() reads them (`nan` allowed for the score). Errors are parse_errors with file:line:column.
[[nodiscard]] inline loaded_detections<frame_detection> parse_frame_detections_csv(std::string_view text, const std::string& source,
                                                                                 const tube_ground_truth& gt, std::size_t split) {
    detail::video_indexer index(evaluated_videos(gt, split));
    loaded_detections<frame_detection> out;
    csv_reader reader(text, source);
    csv_row row;
    bool first = true;
    while (reader.next(row)) {
        if (first && row.size() > 0 && row[0] == "video") {
            first = false;
            continue;
        }
        first = false;
        if (row.size() != 8) throw parse_error(row.location(0), "8 fields video,frame,label,score,x1,y1,x2,y2", std::string(row.raw()));
        frame_detection d;
        d.video = index(std::string(row.text(0)));
        d.frame = row.integer(1, "an integer frame number");
        bool ok = false;
        d.label = detail::label_of(row.text(2), gt.labels, ok);
        if (!ok || d.label < 0 || static_cast<std::size_t>(d.label) >= gt.labels.size())
            throw parse_error(row.location(2), detail::label_expectation(gt.labels), std::string(row.text(2)));
        d.score = row.number(3, "a score");
        d.box = {row.number(4, "x1"), row.number(5, "y1"), row.number(6, "x2"), row.number(7, "y2")};
        for (std::size_t c = 4; c < 8; ++c)
            if (!std::isfinite(row.number(c))) throw parse_error(row.location(c), "a finite box corner", std::string(row.text(c)));
        out.detections.push_back(d);
    }
    index.finish(out);
    return out;
}

/// Frame detections from ACT-detector / MOC's array (`frame_detections.pkl`, or the same as .npy): N rows
/// `<video_index> <frame> <label> <score> <x1> <y1> <x2> <y2>`, the video index into gt.test_videos[split].
/// Indices, frames and labels must be integral; an index at or beyond the list is a video without ground truth.
[[nodiscard]] inline std::vector<frame_detection> frame_detections_from_array(const ndarray& a, const std::string& source,
                                                                             std::size_t num_classes) {
    if (a.ndim() != 2 || a.shape()[1] != 8 || a.type().kind == 'b')
        throw detail::tube_input_error(source, "/", "a numeric N x 8 array (video index, frame, label, score, x1, y1, x2, y2)",
                                       "an array of shape " + ndarray::shape_string(a.shape()) + " of " + a.type().name());
    const auto values = a.to_vector<double>();
    const auto rows = static_cast<std::size_t>(a.shape()[0]);
    std::vector<frame_detection> out(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        const double* r = values.data() + 8 * i;
        const std::string path = "/" + std::to_string(i);
        frame_detection& d = out[i];
        d.video = detail::integral_cell(r[0], source, path + "/0", "a non-negative integral video index");
        if (d.video < 0) throw detail::tube_input_error(source, path + "/0", "a non-negative integral video index", std::to_string(r[0]));
        d.frame = detail::integral_cell(r[1], source, path + "/1", "an integral frame number");
        const std::int64_t label = detail::integral_cell(r[2], source, path + "/2", "an integral label");
        if (label < 0 || static_cast<std::size_t>(label) >= num_classes)
            throw detail::tube_input_error(source, path + "/2", "a label in [0, " + std::to_string(num_classes) + ")", std::to_string(r[2]));
        d.label = static_cast<int>(label);
        d.score = r[3];
        d.box = {r[4], r[5], r[6], r[7]};
        for (int c = 4; c < 8; ++c)
            if (!std::isfinite(r[c])) throw detail::tube_input_error(source, path + "/" + std::to_string(c), "a finite box corner", std::to_string(r[c]));
    }
    return out;
}

/// Frame detections from a file: `.pkl`/`.pickle` (ACT/MOC `frame_detections.pkl`, an N x 8 array) and
/// `.npy` (the same array) by frame_detections_from_array, anything else as CSV by parse_frame_detections_csv.
/// Arrays name videos by index only, so their other_videos stays empty.
[[nodiscard]] inline loaded_detections<frame_detection> read_frame_detections(const std::filesystem::path& path, const tube_ground_truth& gt,
                                                                            std::size_t split) {
    const std::string ext = path.extension().string();
    const std::string source = path.string();
    if (ext == ".pkl" || ext == ".pickle" || ext == ".npy") {
        (void)evaluated_videos(gt, split);  // the split must exist, as for CSV
        loaded_detections<frame_detection> out;
        if (ext == ".npy") {
            out.detections = frame_detections_from_array(load_npy(path), source, gt.labels.size());
        } else {
            const auto v = pickle::load_file(path);
            if (!v.is_ndarray()) throw detail::tube_input_error(source, "/", "a numpy N x 8 array (ACT/MOC frame_detections.pkl)", v.type_name());
            out.detections = frame_detections_from_array(v.as_ndarray(), source, gt.labels.size());
        }
        return out;
    }
    const std::string text = read_file(path);
    return parse_frame_detections_csv(text, source, gt, split);
}

namespace detail {

[[nodiscard]] inline int tube_label_from_pickle(const pickle::value& key, const std::string& source, std::size_t num_classes) {
    const std::int64_t label = pickle_integer(key, source, "/", "integer labels as keys");
    if (label < 0 || static_cast<std::size_t>(label) >= num_classes)
        throw tube_input_error(source, "/" + std::to_string(label), "labels in [0, " + std::to_string(num_classes) + ")", std::to_string(label));
    return static_cast<int>(label);
}

}  // namespace detail

/// Detected tubes from JSON: a list of objects
///
///   [{"video": "Basketball/v_Basketball_g01_c01", "label": 0, "score": 0.87,
///     "boxes": [[1, 12.5, 30, 80.25, 190], [2, 13, 31, 81, 190], ...]}, ...]
///
/// `label` is a 0-based index or a class name; `boxes` the rows frame, x1, y1, x2, y2 (more columns ignored).
[[nodiscard]] inline loaded_detections<tube_detection> parse_tube_detections_json(std::string_view text, const std::string& source,
                                                                                const tube_ground_truth& gt, std::size_t split) {
    detail::video_indexer index(evaluated_videos(gt, split));
    loaded_detections<tube_detection> out;
    const auto doc = parse_json(text, source);
    const json_node root(doc, source);
    for (const auto node : root.elements()) {
        tube_detection d;
        d.video = index(std::string(node["video"].string()));
        const auto label = node["label"];
        bool ok = true;
        if (label.value().is_number_integer()) d.label = static_cast<int>(label.integer());
        else if (label.value().is_string()) d.label = detail::label_of(label.string(), gt.labels, ok);
        else ok = false;
        if (!ok || d.label < 0 || static_cast<std::size_t>(d.label) >= gt.labels.size()) throw label.error(detail::label_expectation(gt.labels));
        d.score = node["score"].number();
        const auto boxes = node["boxes"];
        d.boxes.resize(static_cast<Eigen::Index>(boxes.size()), 5);
        Eigen::Index i = 0;
        for (const auto box : boxes.elements()) {
            const auto numbers = box.number_array();
            if (numbers.size() < 5) throw box.error("a row [frame, x1, y1, x2, y2]");
            for (Eigen::Index c = 0; c < 5; ++c) d.boxes(i, c) = numbers[static_cast<std::size_t>(c)];
            ++i;
        }
        out.detections.push_back(std::move(d));
    }
    index.finish(out);
    return out;
}

/// Detected tubes from MultiSports / MMAction2 1.x `link_tubes` output pickled as it returns it:
/// `{label: [(video, score, array (L, 5 or 6) of frame, x1, y1, x2, y2[, score]), ...]}`.
[[nodiscard]] inline loaded_detections<tube_detection> tube_detections_from_pickle(const pickle::value& root, const std::string& source,
                                                                                 const tube_ground_truth& gt, std::size_t split) {
    using detail::tube_input_error;
    detail::video_indexer index(evaluated_videos(gt, split));
    loaded_detections<tube_detection> out;
    if (!root.is_dict()) throw tube_input_error(source, "/", "a dict label -> [(video, score, tube)] (MultiSports link_tubes output)", root.type_name());
    for (const auto& [key, list] : root.as_dict()) {
        const int label = detail::tube_label_from_pickle(key, source, gt.labels.size());
        const std::string path = "/" + std::to_string(label);
        if (!list.is_list() && !list.is_tuple()) throw tube_input_error(source, path, "a list of (video, score, tube)", list.type_name());
        const auto& items = list.as_list();
        for (std::size_t k = 0; k < items.size(); ++k) {
            const std::string item_path = path + "/" + std::to_string(k);
            const auto& item = items[k];
            if ((!item.is_tuple() && !item.is_list()) || item.size() != 3)
                throw tube_input_error(source, item_path, "a triple (video, score, tube)", item.type_name());
            tube_detection d;
            d.video = index(detail::pickle_text(item[0], source, item_path + "/0", "a video name (str)"));
            d.label = label;
            if (!item[1].is_float() && !item[1].is_int() && !item[1].is_numpy_scalar())
                throw tube_input_error(source, item_path + "/1", "a score", item[1].type_name());
            d.score = item[1].as_float();
            d.boxes = detail::tube_from_array(item[2], source, item_path + "/2");
            out.detections.push_back(std::move(d));
        }
    }
    index.finish(out);
    return out;
}

/// Detected tubes of the videos of a split from ACT-detector / MOC's per-video files `DIR/<video>_tubes.pkl`,
/// each `{label: [(array (L, 6) of frame, x1, y1, x2, y2, score), score], ...]}`. Every evaluated video must
/// have its file (ACT stops on a missing one); a missing file is an io_error naming it. ACT's evaluation
/// runs nms3dt(0.3) on these tubes before matching; this reader returns them as they are.
[[nodiscard]] inline loaded_detections<tube_detection> read_act_tube_directory(const std::filesystem::path& dir, const tube_ground_truth& gt,
                                                                             std::size_t split) {
    using detail::tube_input_error;
    const auto& videos = evaluated_videos(gt, split);
    loaded_detections<tube_detection> out;
    for (std::size_t v = 0; v < videos.size(); ++v) {
        const std::filesystem::path file = dir / (videos[v] + "_tubes.pkl");
        if (!std::filesystem::is_regular_file(file))
            throw io_error(file.string(), "missing: ACT/MOC tube directories hold one <video>_tubes.pkl per evaluated video");
        const std::string source = file.string();
        const auto root = pickle::load_file(file);
        if (!root.is_dict()) throw tube_input_error(source, "/", "a dict label -> [(tube, score)] (ACT/MOC <video>_tubes.pkl)", root.type_name());
        for (const auto& [key, list] : root.as_dict()) {
            const int label = detail::tube_label_from_pickle(key, source, gt.labels.size());
            const std::string path = "/" + std::to_string(label);
            if (!list.is_list() && !list.is_tuple()) throw tube_input_error(source, path, "a list of (tube, score)", list.type_name());
            const auto& items = list.as_list();
            for (std::size_t k = 0; k < items.size(); ++k) {
                const std::string item_path = path + "/" + std::to_string(k);
                const auto& item = items[k];
                if ((!item.is_tuple() && !item.is_list()) || item.size() != 2)
                    throw tube_input_error(source, item_path, "a pair (tube, score)", item.type_name());
                tube_detection d;
                d.video = static_cast<std::int64_t>(v);
                d.label = label;
                d.boxes = detail::tube_from_array(item[0], source, item_path + "/0");
                if (!item[1].is_float() && !item[1].is_int() && !item[1].is_numpy_scalar())
                    throw tube_input_error(source, item_path + "/1", "a score", item[1].type_name());
                d.score = item[1].as_float();
                out.detections.push_back(std::move(d));
            }
        }
    }
    return out;
}

/// Detected tubes from a path: a directory by read_act_tube_directory, `.pkl`/`.pickle` by
/// tube_detections_from_pickle, anything else as JSON by parse_tube_detections_json.
[[nodiscard]] inline loaded_detections<tube_detection> read_tube_detections(const std::filesystem::path& path, const tube_ground_truth& gt,
                                                                          std::size_t split) {
    if (std::filesystem::is_directory(path)) return read_act_tube_directory(path, gt, split);
    const std::string ext = path.extension().string();
    if (ext == ".pkl" || ext == ".pickle") return tube_detections_from_pickle(pickle::load_file(path), path.string(), gt, split);
    const std::string text = read_file(path);
    return parse_tube_detections_json(text, path.string(), gt, split);
}

}  // namespace vidata
