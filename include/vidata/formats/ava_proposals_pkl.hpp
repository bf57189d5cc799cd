// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ava_proposals_pkl: AVA's person-proposal pickles (`ava_dense_proposals_{train,val}.FAIR.recall_93.9.pkl`).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/formats/detail/ava_rows.hpp>
#include <vidata/formats/detail/pickle_fields.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vidata::formats {

/// The proposals of one keyframe: N rows of x1, y1, x2, y2[, score], normalised to [0, 1].
struct ava_frame_proposals {
    using matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    std::string video_id;
    int timestamp = 0;  ///< seconds; the key's four digits ("0902")
    matrix boxes{0, 5}; ///< N × 5 (with scores) or N × 4

    /// Whether the rows carry a score column.
    [[nodiscard]] bool has_scores() const noexcept { return boxes.cols() == 5; }

    // Eigen's operator== asserts equal sizes instead of answering false.
    friend bool operator==(const ava_frame_proposals& a, const ava_frame_proposals& b) {
        return a.video_id == b.video_id && a.timestamp == b.timestamp && a.boxes.rows() == b.boxes.rows() &&
               a.boxes.cols() == b.boxes.cols() && (a.boxes.array() == b.boxes.array()).all();
    }
};

template <class Json>
void to_json(Json& j, const ava_frame_proposals& p) {
    j = Json::object();
    j["video_id"] = p.video_id;
    j["timestamp"] = p.timestamp;
    Json rows = Json::array();
    for (Eigen::Index i = 0; i < p.boxes.rows(); ++i) {
        Json row = Json::array();
        for (Eigen::Index c = 0; c < p.boxes.cols(); ++c) row.push_back(p.boxes(i, c));
        rows.push_back(std::move(row));
    }
    j["boxes"] = std::move(rows);
}

namespace detail {

// Values as an array of the narrowest float dtype that holds them exactly: float32 for what float32 files
// held, float64 otherwise, so that nothing written loses a value.
template <class Derived>
[[nodiscard]] ndarray exact_float_array(const Eigen::DenseBase<Derived>& m) {
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> d = m.template cast<double>();
    const bool single = (d.template cast<float>().template cast<double>().array() == d.array()).all();
    if (single) {
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> f = d.template cast<float>();
        return ndarray::from_eigen(f);
    }
    return ndarray::from_eigen(d);
}

}  // namespace detail

/// MMAction2's AVA proposal pickles: a dict from `"video_id,timestamp"` to a float array of the person boxes
/// a detector found on that keyframe,
///
///   {'-5KQ66BBWC4,0902': array([[0.077, 0.151, 0.283, 0.811, 0.998], ...]),     # N x 5: x1, y1, x2, y2, score
///    ...}
///
/// (N × 4 arrays, without scores, read too; AVADataset then takes every box). One record per key, in the
/// dict's order. The key splits at its last comma; the timestamp is an integer. MultiSports' proposal files
/// (`video.mp4,0377` keys) have the same form.
/// Errors (parse_error naming the file and the key's path, `/-5KQ66BBWC4,0902`): a root that is not a dict,
/// a key that is not `video_id,timestamp`, a key listed twice, a value that is not a 2-D numeric array of 4
/// or 5 columns, a non-finite value; a truncated or unsafe pickle as pickle::load reports it (byte offset).
/// Writing: a protocol-4 pickle of the same dict, keys `video_id,%04d`, arrays float32 where every value
/// is a float32, else float64.
struct ava_proposals_pkl : text_format<ava_proposals_pkl> {
    using record_type = ava_frame_proposals;
    static constexpr std::string_view name = "ava_proposals_pkl";

    [[nodiscard]] static std::vector<ava_frame_proposals> parse(std::string_view bytes, std::string_view source_name) {
        const std::string source(source_name);
        const pickle::value root = pickle::load(bytes, source);
        if (!root.is_dict())
            throw vidata::detail::pickle_error(source, "/", "a dict 'video_id,timestamp' -> array of proposals", root.type_name());
        std::vector<ava_frame_proposals> out;
        out.reserve(root.as_dict().size());
        std::unordered_set<std::string> seen;
        for (const auto& [key, array] : root.as_dict()) {
            const std::string text = vidata::detail::pickle_text(key, source, "/", "keys 'video_id,timestamp' (str)");
            const std::string path = "/" + text;
            ava_frame_proposals p;
            const std::size_t comma = text.rfind(',');
            if (comma == std::string::npos ||
                vidata::detail::parse_number(std::string_view(text).substr(comma + 1), p.timestamp) != vidata::detail::number_status::ok)
                throw vidata::detail::pickle_error(source, path, "a key 'video_id,timestamp' with an integer timestamp", text);
            if (!seen.insert(text).second) throw vidata::detail::pickle_error(source, path, "each key once", text);
            p.video_id = text.substr(0, comma);
            p.boxes = boxes_from(array, source, path);
            out.push_back(std::move(p));
        }
        return out;
    }

    static void write(std::ostream& out, std::span<const ava_frame_proposals> records) {
        pickle::dict_items items;
        items.reserve(records.size());
        std::string key;
        for (const auto& r : records) {
            key.assign(r.video_id).push_back(',');
            detail::append_ava_integer(key, r.timestamp, 4);
            items.emplace_back(vidata::detail::pickle_name(key), pickle::value(detail::exact_float_array(r.boxes)));
        }
        pickle::dump(pickle::value::dict(std::move(items)), out);
    }

    /// Claims `.pkl` files whose name says they hold AVA proposals (`ava_dense_proposals_val.FAIR.recall_93.9.pkl`).
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        const std::string file = path.filename().string();
        return path.extension() == ".pkl" && file.starts_with("ava_") && file.find("proposals") != std::string::npos;
    }

private:
    [[nodiscard]] static ava_frame_proposals::matrix boxes_from(const pickle::value& v, const std::string& source, const std::string& path) {
        const char* expected = "a 2-D numeric array of proposals with 4 (x1, y1, x2, y2) or 5 (and a score) columns";
        if (!v.is_ndarray()) throw vidata::detail::pickle_error(source, path, expected, v.type_name());
        const ndarray& a = v.as_ndarray();
        // An empty detection result may be stored as a 1-D empty array: no proposals.
        if (a.ndim() == 1 && a.size() == 0 && a.type().kind != 'b') return ava_frame_proposals::matrix(0, 5);
        if (a.ndim() != 2 || (a.shape()[1] != 4 && a.shape()[1] != 5) || a.type().kind == 'b')
            throw vidata::detail::pickle_error(source, path, expected,
                                               "an array of shape " + ndarray::shape_string(a.shape()) + " of " + a.type().name());
        ava_frame_proposals::matrix m = a.to_matrix<double>();
        if (!m.allFinite()) throw vidata::detail::pickle_error(source, path, "finite coordinates and scores", "a NaN or an infinity");
        return m;
    }
};

}  // namespace vidata::formats
