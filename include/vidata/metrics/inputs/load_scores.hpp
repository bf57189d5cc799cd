// SPDX-License-Identifier: Apache-2.0
// load_scores: an N × C score matrix from a .npy, an MMAction2 results.pkl or JSON, in the precision the file holds.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/metrics/concepts.hpp>
#include <vidata/metrics/inputs/input_format.hpp>

#include <Eigen/Core>

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vidata {

/// An owning N × C score matrix, row-major: what the metrics take (score_matrix) and what load_scores returns.
template <score_scalar T>
using score_table = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Scores read from a file: float32 when the file holds float32 (or float16, widened exactly), float64
/// otherwise, so that the metrics see the values numpy would: ties and AP thresholds depend on the precision.
///   const auto s = vidata::load_scores("results.pkl");
///   s.visit([&](const auto& m) { acc = vidata::top_k_accuracy(m, labels, {1, 5}); });
class loaded_scores {
public:
    using storage = std::variant<score_table<float>, score_table<double>>;

    loaded_scores(storage matrix, input_format format) : matrix_(std::move(matrix)), format_(format) {}

    [[nodiscard]] Eigen::Index rows() const noexcept {
        return std::visit([](const auto& m) { return m.rows(); }, matrix_);
    }
    [[nodiscard]] Eigen::Index cols() const noexcept {
        return std::visit([](const auto& m) { return m.cols(); }, matrix_);
    }
    /// True when the scores are float64 (the file held float64, integers, or JSON/Python numbers).
    [[nodiscard]] bool is_double() const noexcept { return matrix_.index() == 1; }
    /// The form the file was read as.
    [[nodiscard]] input_format format() const noexcept { return format_; }
    [[nodiscard]] const storage& matrix() const noexcept { return matrix_; }

    /// Calls `f` with the matrix, a `const score_table<float>&` or `const score_table<double>&`.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return std::visit(std::forward<F>(f), matrix_);
    }

    /// The scores converted to T (a copy).
    template <score_scalar T>
    [[nodiscard]] score_table<T> as() const {
        return std::visit([](const auto& m) -> score_table<T> { return m.template cast<T>(); }, matrix_);
    }

private:
    storage matrix_;
    input_format format_;
};

namespace detail {

[[nodiscard]] inline parse_error score_error(const std::string& file, std::string where, std::string expected,
                                             std::string found) {
    return parse_error(source_location{file, 0, 0, -1, std::move(where)}, std::move(expected), std::move(found));
}

/// float32 for float16/float32 arrays (float16 widens exactly and keeps every order and difference), else float64.
[[nodiscard]] inline bool stores_single_precision(const vidata::dtype& t) noexcept {
    return t.kind == 'f' && t.itemsize <= 4;
}

/// numpy's description of an array for messages: "float32 array of shape (3, 4)".
[[nodiscard]] inline std::string describe_array(const ndarray& a) {
    return a.type().name() + " array of shape " + ndarray::shape_string(a.shape());
}

[[nodiscard]] inline std::string number_of_scores(Eigen::Index n) {
    return std::to_string(n) + (n == 1 ? " score" : " scores");
}

template <score_scalar T>
[[nodiscard]] score_table<T> matrix_from_2d(const ndarray& a) {
    score_table<T> m(a.shape()[0], a.shape()[1]);
    // The common case (np.save of a C-order array in this byte order) is one copy.
    if (a.type() == vidata::dtype::of<T>() && !a.fortran_order() && a.size() > 0) {
        std::memcpy(m.data(), a.bytes().data(), a.bytes().size());
        return m;
    }
    a.copy_to(0, std::span<T>(m.data(), static_cast<std::size_t>(m.size())));
    return m;
}

/// A whole 2-D array as the score matrix, from a .npy or a pickled ndarray.
[[nodiscard]] inline loaded_scores scores_from_array(const ndarray& a, const std::string& file, input_format format,
                                                     const std::string& where) {
    if (a.ndim() != 2)
        throw score_error(file, where, "a 2-D array of scores (samples x classes)", describe_array(a));
    if (a.shape()[0] == 0 || a.shape()[1] == 0)
        throw score_error(file, where, "at least one sample and one class of scores", describe_array(a));
    if (a.type().kind == 'b')
        throw score_error(file, where, "numeric scores (float or integer)", describe_array(a));
    if (stores_single_precision(a.type())) return {matrix_from_2d<float>(a), format};
    return {matrix_from_2d<double>(a), format};
}

/// The class scores of one pickled sample: a 1-D array, a 1 × C array, or a list/tuple of numbers.
struct pickled_row {
    std::vector<double> values;  // used when the row is not a float32 array
    const ndarray* array = nullptr;
};

[[nodiscard]] inline std::string describe_pickled(const pickle::value& v) {
    if (v.is_ndarray()) return "numpy.ndarray " + describe_array(v.as_ndarray());
    if (v.is_list() || v.is_tuple()) return v.type_name() + " of " + std::to_string(v.size()) + " elements";
    return v.type_name();
}

}  // namespace detail

/// Reads scores from a .npy file: a 2-D array, N samples × C classes, of float16/32/64 or integers.
/// float16 and float32 load as float; everything else as double. Throws parse_error for another shape
/// or an empty array, io_error when the file cannot be read.
[[nodiscard]] inline loaded_scores load_scores_npy(const std::filesystem::path& path) {
    // The common case, a C-order float32 or float64 N x C array in this machine's byte order (what np.save writes),
    // is read straight into the matrix: the scores are in memory once, not twice.
    const npy_file file(path);
    const npy_header& h = file.header();
    const auto direct = [&]<score_scalar T>(T*) -> std::optional<loaded_scores> {
        if (h.type != vidata::dtype::of<T>() || h.fortran_order || h.shape.size() != 2 || h.shape[0] == 0 || h.shape[1] == 0)
            return std::nullopt;
        score_table<T> m(h.shape[0], h.shape[1]);
        file.read_data(reinterpret_cast<unsigned char*>(m.data()));
        return loaded_scores(std::move(m), input_format::npy);
    };
    if (auto s = direct(static_cast<float*>(nullptr))) return std::move(*s);
    if (auto s = direct(static_cast<double*>(nullptr))) return std::move(*s);
    return detail::scores_from_array(file.load(), path.string(), input_format::npy, "");
}

/// Reads scores from a pickle: MMAction2 0.x's results.pkl (what `tools/test.py --out` writes for a
/// recognizer), a list (or tuple) with one entry per sample, each a 1-D numpy array of C class scores (or a
/// 1 × C array, or a list of numbers); or a single 2-D array. Loads as float when every row is a float16 or
/// float32 array, as double otherwise (numpy's np.array(results) promotes the same way).
/// Throws parse_error naming the sample (`results.pkl at [17]`) for a row of another length or kind, and
/// for an empty list; unsafe_input_error for a pickle that names a global outside the safe reader's list.
[[nodiscard]] inline loaded_scores load_scores_pickle(const std::filesystem::path& path) {
    const std::string file = path.string();
    const pickle::value root = pickle::load_file(path);
    if (root.is_ndarray()) return detail::scores_from_array(root.as_ndarray(), file, input_format::pickle, "");
    if (!root.is_list() && !root.is_tuple())
        throw detail::score_error(file, "", "a list of per-sample score arrays (MMAction2 results.pkl) or a 2-D array",
                                  detail::describe_pickled(root));
    const auto& items = root.as_list();
    if (items.empty()) throw detail::score_error(file, "", "at least one sample's scores", "an empty " + root.type_name());

    std::vector<detail::pickled_row> rows(items.size());
    bool single = true;
    Eigen::Index cols = -1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const pickle::value& item = items[i];
        const std::string where = "[" + std::to_string(i) + "]";
        const auto expected = [&] {
            return cols < 0 ? std::string("a 1-D array or list of class scores")
                            : "a 1-D array or list of " + detail::number_of_scores(cols) + ", as sample 0 has";
        };
        Eigen::Index n = 0;
        if (item.is_ndarray()) {
            const ndarray& a = item.as_ndarray();
            const bool row_shape = a.ndim() == 1 || (a.ndim() == 2 && a.shape()[0] == 1);
            if (!row_shape || a.type().kind == 'b') throw detail::score_error(file, where, expected(), detail::describe_pickled(item));
            n = static_cast<Eigen::Index>(a.size());
            rows[i].array = &a;
            single = single && detail::stores_single_precision(a.type());
        } else if (item.is_list() || item.is_tuple()) {
            const auto& values = item.as_list();
            rows[i].values.reserve(values.size());
            for (std::size_t j = 0; j < values.size(); ++j) {
                const pickle::value& v = values[j];
                if (!(v.is_float() || v.is_int() || (v.is_numpy_scalar() && v.as_ndarray().type().kind != 'b')))
                    throw detail::score_error(file, where + "[" + std::to_string(j) + "]", "a number",
                                              detail::describe_pickled(v));
                rows[i].values.push_back(v.as_float());
            }
            n = static_cast<Eigen::Index>(values.size());
            single = false;
        } else {
            throw detail::score_error(file, where, expected(), detail::describe_pickled(item));
        }
        if (n == 0) throw detail::score_error(file, where, "at least one class score", detail::describe_pickled(item));
        if (cols < 0) cols = n;
        if (n != cols) throw detail::score_error(file, where, expected(), detail::describe_pickled(item));
    }

    const auto fill = [&](auto& m) {
        using T = typename std::remove_reference_t<decltype(m)>::Scalar;
        m.resize(static_cast<Eigen::Index>(rows.size()), cols);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            T* out = m.data() + static_cast<Eigen::Index>(i) * cols;
            if (rows[i].array != nullptr) {
                const auto values = rows[i].array->to_vector<T>();
                std::copy(values.begin(), values.end(), out);
            } else {
                for (Eigen::Index j = 0; j < cols; ++j) out[j] = static_cast<T>(rows[i].values[static_cast<std::size_t>(j)]);
            }
        }
    };
    if (single) {
        score_table<float> m;
        fill(m);
        return {std::move(m), input_format::pickle};
    }
    score_table<double> m;
    fill(m);
    return {std::move(m), input_format::pickle};
}

/// Reads scores from JSON: an array of N arrays of C numbers each (`[[0.1, 0.9], [0.7, 0.3]]`), as float64.
/// JSON has no NaN or infinity (Python's json.dump writes the non-standard `NaN`, which is refused): store
/// such scores in a .npy. Throws parse_error with the JSON pointer of a ragged row (`/5`), a value that is
/// not a number (`/5/17`) or an empty document.
[[nodiscard]] inline loaded_scores load_scores_json(const std::filesystem::path& path) {
    const std::string file = path.string();
    const nlohmann::json doc = read_json(path);
    const json_node root(doc, file);
    if (!doc.is_array() || doc.empty()) throw root.error("a non-empty array of per-sample arrays of class scores");
    Eigen::Index cols = -1;
    score_table<double> m;
    Eigen::Index r = 0;
    for (const json_node row : root.elements()) {
        const auto& v = row.value();
        const auto expected = [&] {
            return cols < 0 ? std::string("a non-empty array of class scores")
                            : "an array of " + detail::number_of_scores(cols) + ", as row 0 has";
        };
        if (!v.is_array() || v.empty() || (cols >= 0 && static_cast<Eigen::Index>(v.size()) != cols))
            throw row.error(expected());
        if (cols < 0) {
            cols = static_cast<Eigen::Index>(v.size());
            m.resize(static_cast<Eigen::Index>(doc.size()), cols);
        }
        Eigen::Index c = 0;
        for (const auto& x : v) {
            if (!x.is_number()) throw row[static_cast<std::size_t>(c)].error("a number");
            m(r, c++) = x.get<double>();
        }
        ++r;
    }
    return {std::move(m), input_format::json};
}

/// Reads an N × C score matrix from `path`, in whichever form it is (detect_input_format, or `format`):
/// a .npy (load_scores_npy), an MMAction2 results.pkl (load_scores_pickle) or JSON (load_scores_json).
/// Throws parse_error, located in the file, when it is none of them, is empty, has rows of different
/// lengths or holds something other than numbers; io_error when it cannot be read.
[[nodiscard]] inline loaded_scores load_scores(const std::filesystem::path& path,
                                              input_format format = input_format::automatic) {
    if (format == input_format::automatic) format = detect_input_format(path);
    switch (format) {
    case input_format::npy: return load_scores_npy(path);
    case input_format::pickle: return load_scores_pickle(path);
    case input_format::json: return load_scores_json(path);
    default: break;
    }
    throw parse_error(source_location{path.string(), 0, 0, 0, {}},
                      "scores as a .npy array, a pickle (MMAction2 results.pkl) or JSON", "a file of none of these forms");
}

}  // namespace vidata
