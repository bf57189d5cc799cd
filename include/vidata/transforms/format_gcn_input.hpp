// SPDX-License-Identifier: Apache-2.0
// vidata::transforms::format_gcn_input: MMAction2's FormatGCNInput, a skeleton record to a C × T × V × M tensor.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/core/rng.hpp>
#include <vidata/core/skeleton_record.hpp>
#include <vidata/transforms/layout_tensor.hpp>

#include <cstddef>
#include <string>

namespace vidata::transforms {

/// MMAction2 0.x `FormatGCNInput(input_format='NCTVM', num_person)`: the keypoints M × T × V × C, with the
/// score appended as one more coordinate when the record has scores, transposed to C' × T × V × M and
/// zero-padded or truncated to `num_person` persons (the first ones are kept).
///
///   format_gcn_input gcn{.num_person = 2};
///   layout_tensor<layouts::ctvm> x = gcn(record, g);     // 3 × 300 × 25 × 2 for NTU's 3D joints
///
/// Draws nothing. Throws vidata::invalid_argument when the record is not consistent.
struct format_gcn_input {
    std::size_t num_person = 2;

    [[nodiscard]] layout_tensor<layouts::ctvm> operator()(const skeleton_record& record, rng& /*unused*/) const {
        return apply(record);
    }

    [[nodiscard]] layout_tensor<layouts::ctvm> apply(const skeleton_record& record) const {
        if (!record.consistent())
            throw invalid_argument("vidata::transforms::format_gcn_input: '" + record.frame_dir +
                                   "': keypoint is not M x T x V x C matching keypoint_score");
        const std::size_t m = record.num_persons(), t = record.num_frames(), v = record.num_keypoints(),
                          c = record.num_coordinates();
        const bool scored = !record.keypoint_score.empty();
        const std::size_t channels = c + (scored ? 1 : 0);
        layout_tensor<layouts::ctvm> out({channels, t, v, num_person});
        for (std::size_t p = 0; p < m && p < num_person; ++p)
            for (std::size_t f = 0; f < t; ++f)
                for (std::size_t j = 0; j < v; ++j) {
                    for (std::size_t k = 0; k < c; ++k) out(k, f, j, p) = record.keypoint(p, f, j, k);
                    if (scored) out(c, f, j, p) = record.keypoint_score(p, f, j);
                }
        return out;
    }
};

}  // namespace vidata::transforms
