// SPDX-License-Identifier: Apache-2.0
// vidata::prepare::detail::run_video_jobs: run_batch for the operations that encode one video per input
// (resize_videos, build_videos): the frames are the counted unit, and the summary names the encoder.
#pragma once

#include <vidata/io/video/video_writer.hpp>
#include <vidata/prepare/batch.hpp>
#include <vidata/prepare/output_files.hpp>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace vidata::prepare {

/// What a run of resize_videos / build_videos did: batch_summary (its units are the frames encoded) and the encoder.
struct video_job_summary : batch_summary {
    std::string codec;  ///< the encoder that wrote the videos ("libx264", "mpeg4"); empty if none was written
};

namespace detail {

// What making one video did.
struct video_job_result {
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;
    std::string codec;
};

// Finishes the video `writer` writes to `output` (a failure is the run's) and says what it wrote; the size is 0 if it
// cannot be read (it is only counted).
[[nodiscard]] inline video_job_result finish_video(video_writer& writer, const std::filesystem::path& output) {
    writing([&] { writer.finish(); });
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(output, ec);
    return {static_cast<std::uint64_t>(writer.frames_written()), ec ? 0 : static_cast<std::uint64_t>(bytes), writer.codec_name()};
}

// run_batch with make(const batch_job&) -> video_job_result; the summary keeps the codec of the first video written.
template <class Make>
video_job_summary run_video_jobs(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                                 const std::vector<std::filesystem::path>& outputs, const batch_options& o, Make&& make) {
    std::mutex mutex;  // guards codec
    std::string codec;
    video_job_summary summary;
    static_cast<batch_summary&>(summary) = run_batch(out, inputs, outputs, o, [&](const batch_job& job) {
        const video_job_result got = make(job);
        {
            const std::lock_guard lock(mutex);
            if (codec.empty()) codec = got.codec;
        }
        return batch_item{got.frames, got.bytes};
    });
    summary.codec = std::move(codec);
    return summary;
}

}  // namespace detail
}  // namespace vidata::prepare
