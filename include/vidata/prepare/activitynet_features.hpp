// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::activitynet_features: MMAction2's tools/data/activitynet/activitynet_feature_postprocessing.py:
// RGB and flow snippet features of a video pooled to 100 temporal steps, concatenated, written as `csv_mean_100`.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/shard.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// What the script does (reference-behaviour.md §1.10), and where vidata differs:
// - Inputs: the `*.pkl` files of the RGB directory, each an array snippets × channels that mmcv.load reads (as
//   tsn_feature_extraction.py dumps it), and the flow file of the same name. The script asserts that both
//   directories hold the same names; vidata lists a name missing on either side as a failure and goes on.
// - pool_feature(data, 100, 3, 'mean'): a single snippet is repeated 100 times. Otherwise, with n snippets,
//   start = 1e-4, end = n - 1 - 1e-4, anchor = (end - start) / 100, and for step k (ptr = start + anchor added k
//   times) the mean of scipy's interp1d (linear) at ptr + (i / 3) · anchor for i = 0, 1, 2. interp1d's linear rule,
//   reproduced operation for operation: j = searchsorted(0..n-1, x) (side left) clipped to [1, n-1], then
//   (y[j] - y[j-1]) · (x - (j-1)) + y[j-1], where the difference is taken in the array's own precision (float32
//   features subtract in float32) and the rest in double; the mean is ((a + b) + c) / 3.
// - Output: RGB ‖ flow per step, written `f'{x:.4f}'`, comma-separated, after a header line; lines joined by "\n"
//   with no newline after the last, to `<name with .pkl replaced by .csv>`. The script's header is always
//   f0..f399 (ActivityNet's 200 + 200 channels); vidata names as many columns as there are (the same for 200 + 200).
// - Every file is written atomically; a file that cannot be read or pooled is listed in failed.txt and skipped;
//   resume skips names whose CSV exists; shard {K, N} takes every N-th name of the sorted list from the K-th.

namespace vidata::prepare {

/// A video's snippet features as mmcv.load gives them: `rows` snippets of `cols` channels, row-major.
struct feature_matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> values;    ///< rows × cols, each exactly the stored value
    bool single_precision = false; ///< the array was float32: interp1d subtracts neighbours in float32

    [[nodiscard]] double at(std::size_t r, std::size_t c) const noexcept { return values[r * cols + c]; }
};

namespace detail {

// a * b rounded to double on its own: a compiler allowed to contract (-ffp-contract=fast with FMA, aarch64) would
// fuse it into the following addition and round once, unlike numpy.
[[nodiscard]] inline double separately_rounded_product(double a, double b) noexcept {
    volatile double product = a * b;
    return product;
}

[[nodiscard]] inline const char* feature_array_expected() {
    return "a 2-D array snippets x channels of float32, float64 or integers (or a list of 1-D arrays)";
}

inline void check_feature_dtype(const ndarray& a, const std::string& source) {
    const auto& t = a.type();
    if (t.kind == 'b' || (t.kind == 'f' && t.itemsize == 2))
        throw parse_error(source_location{source, 0, 0, -1, "/"}, feature_array_expected(), "an array of " + t.name());
}

}  // namespace detail

/// The features a pickle holds (`source` names it in errors): a 2-D numeric array, or a list of 1-D arrays of one
/// length and dtype (pool_feature's documented `list[np.ndarray]`). Throws parse_error for anything else, for an
/// array without snippets or channels, and for a non-finite value.
[[nodiscard]] inline feature_matrix feature_matrix_from_pickle(const pickle::value& root, const std::string& source) {
    feature_matrix m;
    const auto fail = [&](const std::string& found) -> void {
        throw parse_error(source_location{source, 0, 0, -1, "/"}, detail::feature_array_expected(), found);
    };
    if (root.is_ndarray()) {
        const ndarray& a = root.as_ndarray();
        detail::check_feature_dtype(a, source);
        if (a.ndim() != 2) fail("an array of shape " + ndarray::shape_string(a.shape()));
        m.rows = static_cast<std::size_t>(a.shape()[0]);
        m.cols = static_cast<std::size_t>(a.shape()[1]);
        m.single_precision = a.type().kind == 'f' && a.type().itemsize == 4;
        m.values = a.to_vector<double>();
    } else if (root.is_list()) {
        const auto& items = root.as_list();
        m.rows = items.size();
        for (std::size_t r = 0; r < items.size(); ++r) {
            if (!items[r].is_ndarray()) fail("a list whose item " + std::to_string(r) + " is " + items[r].type_name());
            const ndarray& a = items[r].as_ndarray();
            detail::check_feature_dtype(a, source);
            const bool single = a.type().kind == 'f' && a.type().itemsize == 4;
            if (a.ndim() != 1 || (r > 0 && (static_cast<std::size_t>(a.shape()[0]) != m.cols || single != m.single_precision)))
                fail("a list whose item " + std::to_string(r) + " is an array of shape " + ndarray::shape_string(a.shape()) + " of " +
                     a.type().name() + ", unlike the first");
            if (r == 0) {
                m.cols = static_cast<std::size_t>(a.shape()[0]);
                m.single_precision = single;
            }
            const auto row = a.to_vector<double>();
            m.values.insert(m.values.end(), row.begin(), row.end());
        }
    } else {
        fail(root.type_name());
    }
    if (m.rows == 0 || m.cols == 0) fail("no snippets or no channels (" + std::to_string(m.rows) + " x " + std::to_string(m.cols) + ")");
    for (double v : m.values)
        if (!std::isfinite(v)) fail("a NaN or an infinity");
    return m;
}

/// Reads a feature pickle as mmcv.load does (see feature_matrix_from_pickle); io_error when it cannot be read.
[[nodiscard]] inline feature_matrix read_feature_pickle(const std::filesystem::path& path) {
    return feature_matrix_from_pickle(pickle::load_file(path), path.string());
}

/// pool_feature(data, num_proposals, num_sample_bins, 'mean') of the script: `num_proposals` rows of `data.cols`
/// values, row-major (see the notes at the top of this header for the arithmetic).
[[nodiscard]] inline std::vector<double> pool_feature(const feature_matrix& data, int num_proposals = 100, int num_sample_bins = 3) {
    if (num_proposals <= 0 || num_sample_bins <= 0)
        throw invalid_argument("vidata::prepare::pool_feature: num_proposals and num_sample_bins must be positive");
    if (data.rows == 0 || data.cols == 0 || data.values.size() != data.rows * data.cols)
        throw invalid_argument("vidata::prepare::pool_feature: the features need at least one snippet and one channel");
    const std::size_t cols = data.cols;
    std::vector<double> out(static_cast<std::size_t>(num_proposals) * cols);
    if (data.rows == 1) {  // np.concatenate([data] * num_proposals)
        for (std::size_t k = 0; k < static_cast<std::size_t>(num_proposals); ++k)
            std::copy(data.values.begin(), data.values.end(), out.begin() + static_cast<std::ptrdiff_t>(k * cols));
        return out;
    }
    const std::size_t n = data.rows;
    constexpr double eps = 1e-4;
    const double start = eps;
    const double end = static_cast<double>(n - 1) - eps;  // len(data) - 1 - eps: an integer, then a float subtraction
    const double anchor = (end - start) / static_cast<double>(num_proposals);
    std::vector<double> sum(cols);
    double ptr = start;
    for (int k = 0; k < num_proposals; ++k) {
        for (int i = 0; i < num_sample_bins; ++i) {
            const double x = ptr + detail::separately_rounded_product(static_cast<double>(i) / static_cast<double>(num_sample_bins), anchor);
            // searchsorted(0..n-1, x, side='left'): how many of 0..n-1 are < x, clipped to [1, n-1].
            std::size_t hi = x <= 0.0 ? 0 : static_cast<std::size_t>(std::min(std::ceil(x), static_cast<double>(n)));
            hi = std::clamp<std::size_t>(hi, 1, n - 1);
            const std::size_t lo = hi - 1;
            const double offset = x - static_cast<double>(lo);
            for (std::size_t c = 0; c < cols; ++c) {
                const double y_lo = data.at(lo, c), y_hi = data.at(hi, c);
                const double slope = data.single_precision ? static_cast<double>(static_cast<float>(y_hi) - static_cast<float>(y_lo)) : y_hi - y_lo;
                const double y = detail::separately_rounded_product(slope, offset) + y_lo;
                sum[c] = i == 0 ? y : sum[c] + y;
            }
        }
        double* row = out.data() + static_cast<std::size_t>(k) * cols;
        for (std::size_t c = 0; c < cols; ++c) row[c] = sum[c] / static_cast<double>(num_sample_bins);
        ptr += anchor;
    }
    return out;
}

/// The CSV the script writes for pooled RGB and flow features of `steps` rows each: a header f0..f{C-1}, then per
/// step the RGB values and the flow values with 4 decimals, lines joined by "\n" (none after the last).
[[nodiscard]] inline std::string activitynet_feature_csv(std::span<const double> rgb, std::span<const double> flow, std::size_t steps) {
    if (steps == 0 || rgb.size() % steps != 0 || flow.size() % steps != 0)
        throw invalid_argument("vidata::prepare::activitynet_feature_csv: the RGB and flow features need the same number of steps");
    const std::size_t rgb_cols = rgb.size() / steps, flow_cols = flow.size() / steps;
    std::string text;
    text.reserve(steps * (rgb_cols + flow_cols) * 8 + 8 * (rgb_cols + flow_cols));
    for (std::size_t c = 0; c < rgb_cols + flow_cols; ++c) {
        if (c != 0) text += ',';
        text += 'f';
        text += std::to_string(c);
    }
    char number[400];  // a double in fixed notation: up to 309 integer digits
    const auto append = [&](double v) {
        const auto r = std::to_chars(number, number + sizeof number, v, std::chars_format::fixed, 4);
        text.append(number, r.ptr);
    };
    for (std::size_t s = 0; s < steps; ++s) {
        text += '\n';
        for (std::size_t c = 0; c < rgb_cols; ++c) {
            if (c != 0) text += ',';
            append(rgb[s * rgb_cols + c]);
        }
        for (std::size_t c = 0; c < flow_cols; ++c) {
            text += ',';
            append(flow[s * flow_cols + c]);
        }
    }
    return text;
}

/// The CSV name the script writes for a feature file: `name.replace('.pkl', '.csv')` (every occurrence).
[[nodiscard]] inline std::string activitynet_feature_csv_name(std::string name) {
    for (auto at = name.find(".pkl"); at != std::string::npos; at = name.find(".pkl", at + 4)) name.replace(at, 4, ".csv");
    return name;
}

/// What a run did: the failures are the feature files' names (relative to the directories).
using anet_features_summary = batch_summary;

struct anet_features_options {
    unsigned num_worker = 1;  ///< threads, one video each
    int num_proposals = 100;  ///< the script's defaults
    int num_sample_bins = 3;
    bool resume = false;      ///< skip names whose CSV exists
    shard part{};
    std::function<void(const batch_progress&)> on_progress;
};

namespace detail {

[[nodiscard]] inline std::set<std::string> pkl_names(const std::filesystem::path& dir) {
    std::error_code ec;
    std::set<std::string> out;
    std::filesystem::directory_iterator it(dir, ec), end;
    if (ec) throw io_error(dir.string(), "cannot list the feature directory: " + ec.message());
    for (; it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (name.ends_with(".pkl") && !it->is_directory(type_ec)) out.insert(name);
    }
    if (ec) throw io_error(dir.string(), "cannot list the feature directory: " + ec.message());
    return out;
}

}  // namespace detail

/// activitynet_feature_postprocessing.py over two directories: for every `*.pkl` name of `rgb_dir` and `flow_dir`
/// (this shard's), pools both files and writes `out_dir/<name with .csv>` atomically; a name that either directory
/// lacks, or whose file cannot be read or pooled, is a failure listed in `out_dir/failed.txt` (name, tab, reason).
/// Throws invalid_argument for bad options, io_error when a directory cannot be listed or an output written.
inline anet_features_summary postprocess_activitynet_features(const std::filesystem::path& rgb_dir, const std::filesystem::path& flow_dir,
                                                              const std::filesystem::path& out_dir, const anet_features_options& o = {}) {
    namespace fs = std::filesystem;
    if (o.part.count == 0 || o.part.index >= o.part.count) throw invalid_argument("anet-features: the shard must be K/N with K < N");
    if (o.num_proposals <= 0 || o.num_sample_bins <= 0) throw invalid_argument("anet-features: the steps and bins must be positive");
    const auto rgb_names = detail::pkl_names(rgb_dir);
    const auto flow_names = detail::pkl_names(flow_dir);
    std::set<std::string> all = rgb_names;
    all.insert(flow_names.begin(), flow_names.end());
    std::vector<fs::path> inputs, outputs;
    for (const auto& name : all) {
        inputs.emplace_back(name);
        outputs.emplace_back(activitynet_feature_csv_name(name));
    }
    return run_batch(out_dir, inputs, outputs, batch_options_of(o), [&](const batch_job& job) {
        const std::string name = job.input.string();
        if (rgb_names.count(name) == 0) throw batch_input_failure("no RGB features " + (rgb_dir / name).string());
        if (flow_names.count(name) == 0) throw batch_input_failure("no flow features " + (flow_dir / name).string());
        const auto rgb = read_feature_pickle(rgb_dir / name);
        const auto flow = read_feature_pickle(flow_dir / name);
        const auto steps = static_cast<std::size_t>(o.num_proposals);
        const std::string text = activitynet_feature_csv(pool_feature(rgb, o.num_proposals, o.num_sample_bins),
                                                         pool_feature(flow, o.num_proposals, o.num_sample_bins), steps);
        detail::writing([&] { write_file_atomically(job.output, text, {.durable = false}); });
        return batch_item{0, text.size()};
    });
}

}  // namespace vidata::prepare
