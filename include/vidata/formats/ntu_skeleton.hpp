// SPDX-License-Identifier: Apache-2.0
// vidata::formats::ntu_skeleton: NTU RGB+D's raw `.skeleton` files (Kinect v2 bodies per frame), one record per frame.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/core/tensor.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/io/detail/parse_number.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::formats {

/// One Kinect v2 joint of an NTU body: 11 numbers and a tracking state (0 not tracked, 1 inferred, 2 tracked).
struct ntu_joint {
    double x = 0, y = 0, z = 0;                 ///< camera space, metres
    double depth_x = 0, depth_y = 0;            ///< depth-image pixel
    double color_x = 0, color_y = 0;            ///< colour-image pixel
    double orientation_w = 0, orientation_x = 0, orientation_y = 0, orientation_z = 0;
    int tracking_state = 0;

    friend bool operator==(const ntu_joint&, const ntu_joint&) = default;
};

/// One tracked body of a frame: the Kinect body's 10-value info line, then its joints (25 in NTU).
struct ntu_body {
    std::uint64_t body_id = 0;  ///< the Kinect tracking id (72057594037931101): equal across frames for one person
    int clipped_edges = 0;
    int hand_left_confidence = 0;
    int hand_left_state = 0;
    int hand_right_confidence = 0;
    int hand_right_state = 0;
    int is_restricted = 0;
    double lean_x = 0, lean_y = 0;
    int tracking_state = 0;
    std::vector<ntu_joint> joints;

    friend bool operator==(const ntu_body&, const ntu_body&) = default;
};

/// One frame of a `.skeleton` file: the bodies Kinect tracked in it (none, one or several).
struct ntu_frame {
    std::vector<ntu_body> bodies;

    friend bool operator==(const ntu_frame&, const ntu_frame&) = default;
};

template <class Json>
void to_json(Json& j, const ntu_frame& f) {
    j = Json::object();
    Json bodies = Json::array();
    for (const auto& b : f.bodies) {
        Json joints = Json::array();
        for (const auto& p : b.joints) joints.push_back(Json::array({p.x, p.y, p.z}));
        bodies.push_back(Json{{"body_id", b.body_id}, {"tracking_state", b.tracking_state}, {"joints", std::move(joints)}});
    }
    j["bodies"] = std::move(bodies);
}

namespace detail {

// Whitespace-separated tokens with the line each starts on: the official readers (MATLAB fscanf, PYSKL's
// readline().split()) do not care how numbers are spread over lines, nor does this one.
class ntu_tokens {
public:
    ntu_tokens(std::string_view text, std::string_view source) : text_(text), source_(source) {
        if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
    }

    template <class T>
    T next(std::string_view what) {
        const std::string_view token = advance();
        T value{};
        if (token.empty()) throw error(what, "the end of the file");
        if constexpr (std::is_floating_point_v<T>) {
            if (vidata::detail::parse_number(token, value) == vidata::detail::number_status::ok) return value;
        } else {
            const auto r = std::from_chars(token.data(), token.data() + token.size(), value);
            if (r.ec == std::errc() && r.ptr == token.data() + token.size()) return value;
        }
        throw error(what, token);
    }

    /// Throws unless only blanks remain.
    void expect_end(std::size_t frames) {
        const std::string_view token = advance();
        if (!token.empty()) throw error("the end of the file after " + std::to_string(frames) + " frames", token);
    }

    [[nodiscard]] parse_error error(std::string_view what, std::string_view found) const {
        return parse_error(source_location{std::string(source_), line_, column_, -1, {}}, std::string(what), std::string(found));
    }

private:
    std::string_view advance() {
        while (pos_ < text_.size() && vidata::detail::is_ascii_space(text_[pos_])) {
            if (text_[pos_] == '\n') {
                ++next_line_;
                line_start_ = pos_ + 1;
            }
            ++pos_;
        }
        line_ = next_line_;
        column_ = pos_ - line_start_ + 1;
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !vidata::detail::is_ascii_space(text_[pos_])) ++pos_;
        return text_.substr(start, pos_ - start);
    }

    std::string_view text_;
    std::string_view source_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    std::size_t next_line_ = 1;
    std::size_t line_ = 1;
    std::size_t column_ = 1;
};

inline void append_ntu_number(std::string& out, double v) {
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
    out.push_back(' ');
}

template <class T>
void append_ntu_integer(std::string& out, T v) {
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, r.ptr);
    out.push_back(' ');
}

}  // namespace detail

/// NTU RGB+D (60 and 120) raw skeleton files, `S001C001P001R001A001.skeleton`: one record per frame.
///
///   103                                                     frames
///   1                                                       bodies in frame 1
///   72057594037931101 0 1 1 1 1 0 0.02764709 0.05745083 2   bodyID clipedEdges handLeftConfidence handLeftState
///                                                           handRightConfidence handRightState isResticted leanX leanY trackingState
///   25                                                      joints
///   0.2181473 0.1729637 3.785465 277.9598 191.7909 1036.348 550.4135 -0.2419637 0.05909031 0.9685916 -0.02491205 2
///   ...                                                     x y z depthX depthY colorX colorY orientationW X Y Z trackingState
///
/// Reading follows the official MATLAB reader (fscanf): whitespace-separated numbers, however they are spread
/// over lines; the counts are non-negative integers, the body id an unsigned 64-bit integer. Errors
/// (parse_error, file:line:column): a token that is not the expected number, a file that ends early
/// ("expected the joint count of body 2 of frame 17, got 'the end of the file'"), numbers after the last frame.
/// Writing: the same layout, one line per count, info line and joint, numbers in their shortest exact form,
/// "\n"-terminated. to_skeleton() gives the core M × T × 25 × 3 record PoseC3D-style pipelines take.
struct ntu_skeleton : text_format<ntu_skeleton> {
    using record_type = ntu_frame;
    static constexpr std::string_view name = "ntu_skeleton";

    [[nodiscard]] static std::vector<ntu_frame> parse(std::string_view text, std::string_view source) {
        detail::ntu_tokens in(text, source);
        const auto frames = in.next<std::uint32_t>("the number of frames (a non-negative integer)");
        std::vector<ntu_frame> out;
        out.reserve(std::min<std::size_t>(frames, text.size() / 2 + 1));
        for (std::uint32_t f = 1; f <= frames; ++f) {
            const std::string where = " of frame " + std::to_string(f);
            ntu_frame frame;
            const auto bodies = in.next<std::uint32_t>("the number of bodies" + where);
            for (std::uint32_t b = 1; b <= bodies; ++b) {
                const std::string of = " of body " + std::to_string(b) + where;
                ntu_body body;
                body.body_id = in.next<std::uint64_t>("the body id" + of);
                body.clipped_edges = in.next<int>("clipedEdges (an integer)" + of);
                body.hand_left_confidence = in.next<int>("handLeftConfidence (an integer)" + of);
                body.hand_left_state = in.next<int>("handLeftState (an integer)" + of);
                body.hand_right_confidence = in.next<int>("handRightConfidence (an integer)" + of);
                body.hand_right_state = in.next<int>("handRightState (an integer)" + of);
                body.is_restricted = in.next<int>("isResticted (an integer)" + of);
                body.lean_x = in.next<double>("leanX (a number)" + of);
                body.lean_y = in.next<double>("leanY (a number)" + of);
                body.tracking_state = in.next<int>("trackingState (an integer)" + of);
                const auto joints = in.next<std::uint32_t>("the joint count" + of);
                body.joints.reserve(std::min<std::size_t>(joints, 64));
                for (std::uint32_t k = 1; k <= joints; ++k) {
                    const std::string at = " of joint " + std::to_string(k) + of;
                    ntu_joint j;
                    for (double* v : {&j.x, &j.y, &j.z, &j.depth_x, &j.depth_y, &j.color_x, &j.color_y, &j.orientation_w,
                                      &j.orientation_x, &j.orientation_y, &j.orientation_z})
                        *v = in.next<double>("a joint value (a number)" + at);
                    j.tracking_state = in.next<int>("the joint's trackingState (an integer)" + at);
                    body.joints.push_back(j);
                }
                frame.bodies.push_back(std::move(body));
            }
            out.push_back(std::move(frame));
        }
        in.expect_end(frames);
        return out;
    }

    static void write(std::ostream& out, std::span<const ntu_frame> records) {
        std::string text;
        auto end_line = [&] {
            text.back() = '\n';  // the separator after the line's last number
        };
        detail::append_ntu_integer(text, records.size());
        end_line();
        for (const auto& f : records) {
            detail::append_ntu_integer(text, f.bodies.size());
            end_line();
            for (const auto& b : f.bodies) {
                detail::append_ntu_integer(text, b.body_id);
                for (const int v : {b.clipped_edges, b.hand_left_confidence, b.hand_left_state, b.hand_right_confidence,
                                    b.hand_right_state, b.is_restricted})
                    detail::append_ntu_integer(text, v);
                detail::append_ntu_number(text, b.lean_x);
                detail::append_ntu_number(text, b.lean_y);
                detail::append_ntu_integer(text, b.tracking_state);
                end_line();
                detail::append_ntu_integer(text, b.joints.size());
                end_line();
                for (const auto& j : b.joints) {
                    for (const double v : {j.x, j.y, j.z, j.depth_x, j.depth_y, j.color_x, j.color_y, j.orientation_w, j.orientation_x,
                                           j.orientation_y, j.orientation_z})
                        detail::append_ntu_number(text, v);
                    detail::append_ntu_integer(text, j.tracking_state);
                    end_line();
                }
            }
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    /// The frames as the core record: M = the most bodies any frame has, T = the frames, V = the most joints
    /// any body has, C = 3 (x, y, z in metres); a body slot a frame does not fill stays zero, as in PYSKL's
    /// 3D NTU pickles. No keypoint_score (3D skeletons have none); img_shape (1080, 1920), Kinect's colour size.
    [[nodiscard]] static skeleton_record to_skeleton(std::span<const ntu_frame> frames, std::string frame_dir, int label = -1) {
        std::size_t m = 0, v = 0;
        for (const auto& f : frames) {
            m = std::max(m, f.bodies.size());
            for (const auto& b : f.bodies) v = std::max(v, b.joints.size());
        }
        skeleton_record r;
        r.frame_dir = std::move(frame_dir);
        r.total_frames = static_cast<std::int64_t>(frames.size());
        r.img_shape = r.original_shape = image_size{1080, 1920};
        r.label = label;
        r.keypoint = float_tensor({m, frames.size(), v, 3});
        r.keypoint_score = float_tensor({0, 0, 0});
        for (std::size_t t = 0; t < frames.size(); ++t)
            for (std::size_t p = 0; p < frames[t].bodies.size(); ++p)
                for (std::size_t k = 0; k < frames[t].bodies[p].joints.size(); ++k) {
                    const ntu_joint& j = frames[t].bodies[p].joints[k];
                    r.keypoint(p, t, k, std::size_t{0}) = static_cast<float>(j.x);
                    r.keypoint(p, t, k, std::size_t{1}) = static_cast<float>(j.y);
                    r.keypoint(p, t, k, std::size_t{2}) = static_cast<float>(j.z);
                }
        return r;
    }

    /// `.skeleton` is NTU's extension and no other format's.
    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return path.extension() == ".skeleton";
    }
};

}  // namespace vidata::formats
