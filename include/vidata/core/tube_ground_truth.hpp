// SPDX-License-Identifier: Apache-2.0
// vidata::tube_ground_truth: the spatio-temporal ground truth of JHMDB and UCF101-24 (the ACT-detector GT pickles).
#pragma once

#include <vidata/core/image_size.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vidata {

/// One action tube: N rows of `frame, x1, y1, x2, y2`, the frame 1-based and the box in pixels, as the
/// GT pickles store it (an N×5 numpy array). Double holds both the float32 and the float64 files exactly.
using tube = Eigen::Matrix<double, Eigen::Dynamic, 5, Eigen::RowMajor>;

/// The content of `JHMDB-GT.pkl` / `UCF101v2-GT.pkl`:
///
/// - `labels`: class names, indexed by label id (0-based).
/// - `gttubes`: video → label id → the tubes of that class in the video (UCF101-24 has several actors).
/// - `nframes`: video → number of frames.
/// - `train_videos`, `test_videos`: one list of video names per official split (JHMDB 3, UCF101-24 1).
/// - `resolution`: video → (height, width).
/// Video names are `class/video` paths as in the pickles; maps are ordered so that writing is deterministic.
struct tube_ground_truth {
    std::vector<std::string> labels;
    std::map<std::string, std::map<int, std::vector<tube>>> gttubes;
    std::map<std::string, std::int64_t> nframes;
    std::vector<std::vector<std::string>> train_videos;
    std::vector<std::vector<std::string>> test_videos;
    std::map<std::string, image_size> resolution;

    /// The number of splits (the length of `train_videos`).
    [[nodiscard]] std::size_t num_splits() const noexcept { return train_videos.size(); }

    // Eigen's operator== asserts equal sizes instead of answering false, so tubes compare by hand.
    friend bool operator==(const tube_ground_truth& a, const tube_ground_truth& b) {
        return a.labels == b.labels && a.nframes == b.nframes && a.train_videos == b.train_videos &&
               a.test_videos == b.test_videos && a.resolution == b.resolution && same_tubes(a.gttubes, b.gttubes);
    }

private:
    using tube_map = std::map<std::string, std::map<int, std::vector<tube>>>;

    [[nodiscard]] static bool same_tubes(const tube_map& a, const tube_map& b) {
        if (a.size() != b.size()) return false;
        for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
            if (ia->first != ib->first || ia->second.size() != ib->second.size()) return false;
            for (auto ja = ia->second.begin(), jb = ib->second.begin(); ja != ia->second.end(); ++ja, ++jb) {
                if (ja->first != jb->first || ja->second.size() != jb->second.size()) return false;
                for (std::size_t k = 0; k < ja->second.size(); ++k) {
                    const tube& ta = ja->second[k];
                    const tube& tb = jb->second[k];
                    if (ta.rows() != tb.rows() || !(ta.array() == tb.array()).all()) return false;
                }
            }
        }
        return true;
    }
};

}  // namespace vidata
