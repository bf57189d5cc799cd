// SPDX-License-Identifier: Apache-2.0
// vidata::prepare optical flow: denseflow's flow between consecutive frames (TV-L1 or Farneback through OpenCV),
// quantised to two 8-bit images. The quantisation is plain C++; the flow itself needs the OpenCV backend.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/image_size.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#if VIDATA_HAS_FLOW
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/optflow.hpp>
#include <opencv2/video/tracking.hpp>

#include <concepts>
#include <variant>
#include <vector>
#endif

// What denseflow (open-mmlab/denseflow, which MMAction2's build_rawframes.py runs as `denseflow -a=ALG -b=20 -s=1`)
// does, and what this follows:
// - Each decoded frame goes to gray (cvtColor BGR2GRAY on OpenCV's BGR frames: the same weights as RGB2GRAY on ours),
//   then is resized (cv::resize, bilinear) when a new size is asked for. The flow of frame i to frame i+1 (step 1)
//   is written as flow_x_{i+1:05d}.jpg and flow_y_{i+1:05d}.jpg: n frames give n-1 pairs.
// - tvl1: OpenCV's CPU dual TV-L1 with its default parameters. denseflow runs cuda::OpticalFlowDual_TVL1::create(),
//   whose defaults are the same (tau 0.25, lambda 0.15, theta 0.3, 5 scales, 5 warps, epsilon 0.01, scale step 0.8)
//   except the iterations (the CPU class: 10 outer x 30 inner, and a 5x5 median filter): close, not bit-identical.
//   farn: Farneback with cuda::FarnebackOpticalFlow::create()'s defaults (5 levels, pyramid scale 0.5, window 13,
//   10 iterations, polyN 5, polySigma 1.1, no flags). brox and warp_tvl1 are CUDA-only in denseflow: not offered.
// - Quantisation (denseflow's encodeFlowMap with bound B): v > B -> 255, v < -B -> 0, else cvRound(255 (v + B) / 2B)
//   in double, cvRound rounding half to even. MMAction2's tools/misc/flow_extraction.py instead truncates
//   uint8((clip(v, -B, B) + B) * 255 / 2B) in float32: flow_rounding::truncate. The images are encoded by OpenCV's
//   imencode (JPEG quality 95, one gray channel), as denseflow does, so the files are denseflow's byte for byte.

namespace vidata::prepare {

/// The flow algorithms offered (denseflow's `-a`/MMAction2's `--flow-type` names: "tvl1", "farn").
enum class flow_algorithm : unsigned char {
    tvl1,       ///< dual TV-L1 (Zach et al.): denseflow's default; sharper at motion boundaries, 10-30x Farneback's time
    farneback,  ///< Farneback's polynomial expansion: fast, smoother and less accurate at motion boundaries
};

[[nodiscard]] constexpr std::string_view to_string_view(flow_algorithm a) noexcept { return a == flow_algorithm::tvl1 ? "tvl1" : "farn"; }

/// "tvl1" or "farn" (also "farneback"); invalid_argument otherwise, naming the ones that exist.
[[nodiscard]] inline flow_algorithm parse_flow_algorithm(std::string_view name) {
    if (name == "tvl1") return flow_algorithm::tvl1;
    if (name == "farn" || name == "farneback") return flow_algorithm::farneback;
    throw invalid_argument("optical flow: unknown flow type '" + std::string(name) +
                           "' (tvl1 or farn; denseflow's warp_tvl1 and brox need CUDA and are not offered)");
}

/// How a flow value in [-bound, bound] becomes a byte.
enum class flow_rounding : unsigned char {
    nearest,   ///< denseflow's encodeFlowMap: cvRound(255 (v + B) / 2B) in double (half to even); what build_rawframes writes
    truncate,  ///< MMAction2's tools/misc/flow_extraction.py: uint8((clip(v, -B, B) + B) * 255 / 2B) in float32
};

/// The byte of one flow component `v` (pixels) with bound `bound` (> 0): -bound and below -> 0, bound and above -> 255.
/// A NaN (which no OpenCV method returns for finite input) counts as no motion.
[[nodiscard]] inline std::uint8_t quantise_flow(float v, int bound, flow_rounding rounding = flow_rounding::nearest) noexcept {
    if (std::isnan(v)) v = 0.0f;
    if (rounding == flow_rounding::nearest) {
        const double low = -static_cast<double>(bound), high = static_cast<double>(bound);
        if (v > high) return 255;
        if (v < low) return 0;
        // std::nearbyint in the default rounding mode is cvRound's round-half-to-even.
        return static_cast<std::uint8_t>(std::nearbyint(255.0 * (static_cast<double>(v) - low) / (high - low)));
    }
    // numpy keeps float32 for float32 array op python int: every step rounds to float.
    const float b = static_cast<float>(bound);
    const float clipped = v < -b ? -b : (v > b ? b : v);
    const float scaled = (clipped + b) * 255.0f / static_cast<float>(2 * bound);
    return static_cast<std::uint8_t>(scaled);  // astype(uint8) truncates; scaled is in [0, 255]
}

/// Splits an interleaved flow field (x0, y0, x1, y1, ...: OpenCV's CV_32FC2) into its two quantised images.
/// invalid_argument when the sizes disagree or the bound is not positive.
inline void quantise_flow(std::span<const float> xy, int bound, flow_rounding rounding, std::span<std::uint8_t> x, std::span<std::uint8_t> y) {
    if (bound <= 0) throw invalid_argument("optical flow: the bound must be positive, got " + std::to_string(bound));
    if (xy.size() != 2 * x.size() || x.size() != y.size())
        throw invalid_argument("optical flow: a flow of " + std::to_string(xy.size()) + " values cannot fill images of " + std::to_string(x.size()) +
                               " and " + std::to_string(y.size()) + " pixels");
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = quantise_flow(xy[2 * i], bound, rounding);
        y[i] = quantise_flow(xy[2 * i + 1], bound, rounding);
    }
}

/// True when this build computes optical flow (vidata::flow linked: OpenCV with its contrib optflow module).
[[nodiscard]] constexpr bool has_flow_backend() noexcept {
#if VIDATA_HAS_FLOW
    return true;
#else
    return false;
#endif
}

#if VIDATA_HAS_FLOW

/// A dense flow method: computes the CV_32FC2 flow (pixels, x then y) from one 8-bit gray frame to the next.
template <class M>
concept dense_flow_method = requires(M& m, const cv::Mat& frame, cv::Mat& flow) { m(frame, frame, flow); };

/// Dual TV-L1 with OpenCV's default parameters (see the notes at the top). One instance per thread: it keeps buffers.
class tvl1_flow {
public:
    static constexpr flow_algorithm algorithm = flow_algorithm::tvl1;
    void operator()(const cv::Mat& prev, const cv::Mat& next, cv::Mat& flow) { impl_->calc(prev, next, flow); }

private:
    cv::Ptr<cv::DenseOpticalFlow> impl_ = cv::optflow::createOptFlow_DualTVL1();
};

/// Farneback with the parameters of denseflow's CUDA Farneback (see the notes at the top).
class farneback_flow {
public:
    static constexpr flow_algorithm algorithm = flow_algorithm::farneback;
    static constexpr double pyramid_scale = 0.5;
    static constexpr int levels = 5;
    static constexpr int window = 13;
    static constexpr int iterations = 10;
    static constexpr int poly_n = 5;
    static constexpr double poly_sigma = 1.1;
    void operator()(const cv::Mat& prev, const cv::Mat& next, cv::Mat& flow) const {
        cv::calcOpticalFlowFarneback(prev, next, flow, pyramid_scale, levels, window, iterations, poly_n, poly_sigma, 0);
    }
};

static_assert(dense_flow_method<tvl1_flow> && dense_flow_method<farneback_flow>);

/// Streams a video's frames and gives the quantised flow of each consecutive pair; holds two gray frames and one
/// flow field, whatever the video's length. One per thread.
class flow_extractor {
public:
    /// Flow at size `out` (frames of another size are resized to it), quantised with `bound` and `rounding`.
    flow_extractor(flow_algorithm algorithm, image_size out, int bound = 20, flow_rounding rounding = flow_rounding::nearest)
        : out_(out), bound_(bound), rounding_(rounding) {
        if (out.empty()) throw invalid_argument("optical flow: the flow size must not be empty");
        if (bound <= 0) throw invalid_argument("optical flow: the bound must be positive, got " + std::to_string(bound));
        if (algorithm == flow_algorithm::farneback) method_.emplace<farneback_flow>();
        const auto pixels = static_cast<std::size_t>(out.height) * static_cast<std::size_t>(out.width);
        x_.resize(pixels);
        y_.resize(pixels);
    }

    /// Starts a new video: the next frame pushed has no predecessor.
    void reset() noexcept { have_prev_ = false; }

    /// Takes the next frame (RGB24, rows packed, size `in`). Returns true when it had a predecessor: x() and y() then
    /// hold the quantised flow from that frame to this one, flow() the raw field.
    bool push(const std::uint8_t* rgb, image_size in) {
        const cv::Mat frame(in.height, in.width, CV_8UC3, const_cast<std::uint8_t*>(rgb));  // read only
        cv::cvtColor(frame, gray_, cv::COLOR_RGB2GRAY);
        if (in != out_) {
            cv::resize(gray_, resized_, cv::Size(out_.width, out_.height), 0, 0, cv::INTER_LINEAR);
            cv::swap(gray_, resized_);
        }
        const bool paired = have_prev_;
        if (paired) {
            std::visit([&](auto& method) { method(prev_, gray_, flow_); }, method_);
            const auto* xy = flow_.ptr<float>();
            quantise_flow({xy, 2 * x_.size()}, bound_, rounding_, x_, y_);
        }
        cv::swap(prev_, gray_);
        have_prev_ = true;
        return paired;
    }

    [[nodiscard]] std::span<const std::uint8_t> x() const noexcept { return x_; }
    [[nodiscard]] std::span<const std::uint8_t> y() const noexcept { return y_; }
    [[nodiscard]] const cv::Mat& flow() const noexcept { return flow_; }
    [[nodiscard]] image_size size() const noexcept { return out_; }

private:
    image_size out_;
    int bound_;
    flow_rounding rounding_;
    std::variant<tvl1_flow, farneback_flow> method_;
    cv::Mat gray_, resized_, prev_, flow_;
    bool have_prev_ = false;
    std::vector<std::uint8_t> x_, y_;
};

/// Encodes a quantised flow image (one gray channel, rows packed) as denseflow does: OpenCV's imencode, JPEG quality
/// 95 (or PNG). `extension` is "jpg" or "png". The bytes are valid until the next call with the same buffer.
inline std::span<const unsigned char> encode_flow_image(std::span<const std::uint8_t> gray, image_size size, std::string_view extension,
                                                        std::vector<unsigned char>& buffer) {
    const cv::Mat image(size.height, size.width, CV_8UC1, const_cast<std::uint8_t*>(gray.data()));  // read only
    const std::vector<int> params = extension == "png" ? std::vector<int>{} : std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 95};
    if (!cv::imencode(extension == "png" ? ".png" : ".jpg", image, buffer, params))
        throw invalid_argument("optical flow: OpenCV could not encode a " + std::to_string(size.width) + " x " + std::to_string(size.height) +
                               " flow image");
    return buffer;
}

#endif  // VIDATA_HAS_FLOW

}  // namespace vidata::prepare
