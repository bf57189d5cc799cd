// SPDX-License-Identifier: Apache-2.0
// vidata::rawframe_source: a directory of extracted frames (img_00001.jpg ...) as a frame_source, MMAction2's RawFrameDecode.
#pragma once

#include <vidata/core/clip.hpp>
#include <vidata/core/error.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/io/detail/posix_file.hpp>
#include <vidata/io/image/filename_template.hpp>
#include <vidata/io/image/image_backend.hpp>
#include <vidata/io/image/image_decoder.hpp>
#include <vidata/io/read_file.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace vidata {

/// What a frame directory holds for a clip: RGB frames, or optical flow as pairs of gray x / y images.
enum class rawframe_modality : unsigned char { rgb, flow };

/// How a frame directory names its frames, and how to decode them. The defaults are MMAction2's
/// RawframeDataset: `img_{:05d}.jpg`, start_index 1, RGB.
///
///   rawframe_options{}                                   // img_00001.jpg, img_00002.jpg ...
///   rawframe_options{.filename_template = "{:05d}.jpg"}  // Jester, Something-Something V1 (00001.jpg)
///   rawframe_options{.filename_template = "image_{:05d}.jpg", .start_index = 0, .offset = 120}  // ActivityNet clips
///   rawframe_options::flow()                             // flow_x_00001.jpg + flow_y_00001.jpg
///   rawframe_options::flow("{}_{:05d}.jpg")              // denseflow's x_00001.jpg + y_00001.jpg
struct rawframe_options {
    /// RGB: a template with one integer field (filename_template). Flow: MMAction2's two-field form, a direction
    /// and then the number (`flow_{}_{:05d}.jpg`, expanded with "x" and "y"); or, with `flow_y_template` set, the
    /// one-field template of the x files (`flow_x_{:05d}.jpg`, as vidata's dataset descriptors name them).
    std::string filename_template = "img_{:05d}.jpg";
    /// Flow only: the one-field template of the y files, when `filename_template` is that of the x files.
    std::string flow_y_template{};
    /// The number in the name of the directory's first frame: 1 for `img_00001.jpg` (RawframeDataset's default),
    /// 0 for ActivityNet's `image_00000.jpg`. The indices read() takes already include it (samplers add it, as in
    /// MMAction2); the source uses it to tell a user whose directory starts elsewhere which start_index to set.
    std::int64_t start_index = 1;
    /// Added to every index when naming a file: the `offset` of MMAction2's with-offset lists, where one
    /// directory holds a whole video and each list entry a clip of it. A vidata::pipeline adds the record's
    /// offset to the indices itself before read(): leave this at 0 there.
    std::int64_t offset = 0;
    rawframe_modality modality = rawframe_modality::rgb;
    /// Which library decodes JPEG frames (PNG always goes through stb_image).
    image_backend backend = image_backend::automatic;

    /// Options for flow frames named by `flow_template` (two fields: direction, number), numbered from `start_index`.
    [[nodiscard]] static rawframe_options flow(std::string flow_template = "flow_{}_{:05d}.jpg", std::int64_t start_index = 1) {
        rawframe_options o;
        o.filename_template = std::move(flow_template);
        o.start_index = start_index;
        o.modality = rawframe_modality::flow;
        return o;
    }
};

/// A directory of extracted frames, read as MMAction2's RawFrameDecode reads it; models frame_source.
///
///   vidata::rawframe_source src("data/ucf101/rawframes/ApplyEyeMakeup/v_ApplyEyeMakeup_g01_c01");
///   src.frame_count();                          // files matching img_{:05d}.jpg
///   vidata::clip c = src.read(indices);         // indices from a sampler, start_index already added
///
/// `read(indices)` decodes frame file `template.format(index + offset)` for each index and returns the frames
/// in the order of `indices`, repeats included. Each distinct index is read and decoded once (MMAction2 keeps a
/// cache keyed on the index and deep-copies repeats); repeats are copies of it. RGB frames have 3 channels.
/// Flow: each index gives two gray frames, its x then its y component, so the clip holds `2 * indices.size()`
/// frames `[x0, y0, x1, y1, ...]`, the order MMAction2 appends them in (FormatShape's NCHW_Flow relies on it).
///
/// Errors:
/// - a frame file that does not exist: io_error naming it, what the directory holds, and, where its first frame
///   is numbered otherwise than `start_index` says, the start_index to set (MMAction2's FAQ: a FileNotFound on
///   `img_00300.jpg` for a directory whose frames start at `img_00000.jpg`);
/// - a file that is not an image, corrupt or truncated: decode_error naming it;
/// - frames of different sizes in one read: decode_error naming the file and the clip's first file.
///
/// frame_count() lists the directory (once; the result is kept) and counts the files the template matches; for
/// flow, the x files, after checking that there are as many y files. read() never lists it, except to explain a
/// missing file. A source is used by one thread at a time (it reuses a file buffer and the JPEG decoder's state).
class rawframe_source {
public:
    /// The frame directory `frame_dir` with the default options (`img_{:05d}.jpg`, start_index 1, RGB).
    /// Throws io_error when `frame_dir` is not a directory.
    explicit rawframe_source(const std::filesystem::path& frame_dir) : rawframe_source(frame_dir, rawframe_options{}) {}

    /// The frame directory `frame_dir` with frames named by `filename_template` (RGB, start_index 1):
    /// `open_at<rawframe_source>("data/sthv1/rawframes", "{:05d}.jpg")`.
    rawframe_source(std::filesystem::path frame_dir, std::string_view filename_template)
        : rawframe_source(std::move(frame_dir), rawframe_options{.filename_template = std::string(filename_template)}) {}

    /// The frame directory `frame_dir` read with `options`. Throws io_error when `frame_dir` is not a directory,
    /// invalid_argument when a template does not suit the modality (filename_template) or the backend is missing.
    rawframe_source(std::filesystem::path frame_dir, rawframe_options options)
        : dir_(std::move(frame_dir)), options_(std::move(options)), template_(options_.filename_template),
          y_template_(options_.flow_y_template.empty() ? options_.filename_template : options_.flow_y_template),
          decoder_(options_.backend) {
        const bool flow = options_.modality == rawframe_modality::flow;
        if (!flow && template_.has_direction())
            throw invalid_argument("vidata::rawframe_source: '" + options_.filename_template +
                                   "' has a direction field ({}) and a number: a flow template; set modality to flow");
        if (!flow && !options_.flow_y_template.empty())
            throw invalid_argument("vidata::rawframe_source: flow_y_template is set but the modality is rgb");
        if (flow && options_.flow_y_template.empty() && !template_.has_direction())
            throw invalid_argument("vidata::rawframe_source: the flow template '" + options_.filename_template +
                                   "' has no direction field: write it as MMAction2 does ('flow_{}_{:05d}.jpg', "
                                   "expanded with x and y), or give the x and y templates (filename_template and flow_y_template)");
        if (flow && !options_.flow_y_template.empty() && (template_.has_direction() || y_template_.has_direction()))
            throw invalid_argument("vidata::rawframe_source: with flow_y_template set, the x and y templates have one field each ('" +
                                   options_.filename_template + "', '" + options_.flow_y_template + "')");
        std::error_code ec;
        if (!std::filesystem::is_directory(dir_, ec))
            throw io_error(dir_.string(), ec ? "cannot open the frame directory: " + ec.message()
                                             : std::string("not a frame directory (it does not exist or is not a directory)"));
    }

    [[nodiscard]] const std::filesystem::path& frame_dir() const noexcept { return dir_; }
    [[nodiscard]] const rawframe_options& options() const noexcept { return options_; }

    /// Channels of each frame read() returns: 3 (RGB) or 1 (each flow component).
    [[nodiscard]] std::size_t channels() const noexcept { return options_.modality == rawframe_modality::rgb ? 3 : 1; }

    /// Frames read() returns per index: 1 (RGB) or 2 (flow x and y).
    [[nodiscard]] std::size_t frames_per_index() const noexcept { return options_.modality == rawframe_modality::rgb ? 1 : 2; }

    /// The library JPEG frames go through (`stb` or `turbojpeg`).
    [[nodiscard]] image_backend jpeg_backend() const noexcept { return decoder_.jpeg_backend(); }

    /// The file of frame `index` (offset added): component `component` (0 = x, 1 = y) for flow, 0 for RGB.
    [[nodiscard]] std::filesystem::path frame_path(std::int64_t index, std::size_t component = 0) const {
        return dir_ / file_name(index + options_.offset, component);
    }

    /// The number of frames in the directory: the files its template matches (flow: the x files). Lists the
    /// directory on the first call. Throws io_error when it cannot be listed, or, for flow, when the x and y
    /// files differ in number (MMAction2's build_file_list refuses such a directory too).
    [[nodiscard]] std::int64_t frame_count() const {
        const listing& l = list();
        if (options_.modality == rawframe_modality::flow && l.count != l.y_count)
            throw io_error(dir_.string(), "holds " + std::to_string(l.count) + " flow x frames (" + template_.text() + ") but " +
                                              std::to_string(l.y_count) + " flow y frames: a flow directory has them in pairs");
        return l.count;
    }

    /// The smallest frame number among the directory's files (the x files for flow), or nullopt when none
    /// matches the template. For a well-formed directory it equals `options().start_index`. Lists as frame_count().
    [[nodiscard]] std::optional<std::int64_t> first_frame_number() const {
        const listing& l = list();
        if (l.count == 0) return std::nullopt;
        return l.first;
    }

    /// The frames `indices` name (each already including start_index; the offset is added here), in their order.
    [[nodiscard]] clip read(const frame_indices& indices) { return read(indices.flat()); }

    /// As read(const frame_indices&), for a plain list of indices. An empty list gives an empty clip.
    [[nodiscard]] clip read(std::span<const std::int64_t> indices) {
        const std::size_t n = indices.size();
        if (n == 0) return clip();
        // Positions sorted by index (stably: the first position of each index comes first), so each distinct index
        // is decoded once, into the output frame of its first position, in file-name order.
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return indices[a] < indices[b]; });

        const std::size_t per_index = frames_per_index();
        const image_channels pixels = options_.modality == rawframe_modality::rgb ? image_channels::rgb : image_channels::gray;
        clip out;
        image_header first_header;
        std::filesystem::path first_file;
        std::vector<std::size_t> source(n);  // the position whose decoded frame position p copies
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t p = order[k];
            if (k > 0 && indices[p] == indices[order[k - 1]]) {
                source[p] = source[order[k - 1]];
                continue;
            }
            source[p] = p;
            for (std::size_t component = 0; component < per_index; ++component) {
                const std::filesystem::path file = frame_path(indices[p], component);
                load(file, indices[p]);
                const std::string name = file.string();
                const image_header h = decoder_.header(buffer_, name);
                if (out.empty()) {
                    out = clip(n * per_index, h.height, h.width, channels());
                    first_header = h;
                    first_file = file;
                } else if (h.width != first_header.width || h.height != first_header.height) {
                    throw decode_error(name, -1, "the frame is " + std::to_string(h.width) + "x" + std::to_string(h.height) +
                                                     " pixels but " + first_file.string() + ", read first for this clip, is " +
                                                     std::to_string(first_header.width) + "x" + std::to_string(first_header.height) +
                                                     ": the frames of one clip must share a size");
                }
                decoder_.decode_into(buffer_, h, pixels, out.frame_pixels(p * per_index + component), name);
                ++files_decoded_;
            }
        }
        const std::size_t bytes = out.frame_size() * per_index;
        for (std::size_t p = 0; p < n; ++p)
            if (source[p] != p) std::memcpy(out.data() + p * bytes, out.data() + source[p] * bytes, bytes);
        return out;
    }

    /// How many image files this source has decoded so far (repeated indices are decoded once per read()).
    [[nodiscard]] std::size_t files_decoded() const noexcept { return files_decoded_; }

private:
    struct listing {
        std::int64_t count = 0;    // files matching the (x) template
        std::int64_t y_count = 0;  // flow: files matching the y template
        std::int64_t first = 0;    // smallest and largest matched number (when count > 0)
        std::int64_t last = 0;
        std::size_t entries = 0;   // every entry of the directory
        std::string example;       // the first entry in name order, to show when nothing matches
    };

    [[nodiscard]] std::string file_name(std::int64_t number, std::size_t component) const {
        if (options_.modality == rawframe_modality::rgb) return template_.format(number);
        const filename_template& t = component == 0 ? template_ : y_template_;
        return t.has_direction() ? t.format(component == 0 ? "x" : "y", number) : t.format(number);
    }

    [[nodiscard]] std::optional<std::int64_t> match(std::string_view name, std::size_t component) const {
        const filename_template& t = component == 0 ? template_ : y_template_;
        if (!t.has_direction()) return t.match(name);
        return t.match(name, component == 0 ? "x" : "y");
    }

    const listing& list() const {
        if (listing_) return *listing_;
        listing l;
        std::error_code ec;
        std::filesystem::directory_iterator it(dir_, ec);
        if (ec) throw io_error(dir_.string(), "cannot list the frame directory: " + ec.message());
        bool any_match = false;
        for (const std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
            if (ec) break;
            const std::string name = it->path().filename().string();
            ++l.entries;
            if (l.example.empty() || name < l.example) l.example = name;
            if (const auto x = match(name, 0)) {
                l.first = any_match ? std::min(l.first, *x) : *x;
                l.last = any_match ? std::max(l.last, *x) : *x;
                any_match = true;
                ++l.count;
            }
            if (options_.modality == rawframe_modality::flow && match(name, 1)) ++l.y_count;
        }
        if (ec) throw io_error(dir_.string(), "cannot list the frame directory: " + ec.message());
        listing_ = l;
        return *listing_;
    }

    // Reads `file` into buffer_. A missing file is explained from the directory listing.
    void load(const std::filesystem::path& file, std::int64_t index) {
        const detail::unique_fd fd = detail::open_fd(file.c_str(), O_RDONLY);
        if (!fd) {
            const int error = errno;
            if (error == ENOENT) throw io_error(file.string(), missing_frame_reason(index));
            throw io_error(file.string(), "cannot open the frame file: " + detail::errno_message(error));
        }
        detail::read_fd_into(fd.get(), file, buffer_);
    }

    [[nodiscard]] std::string missing_frame_reason(std::int64_t index) const {
        const std::int64_t number = index + options_.offset;
        std::string out = "no such frame file (frame " + std::to_string(number);
        if (options_.offset != 0)
            out += " = index " + std::to_string(index) + " + offset " + std::to_string(options_.offset);
        out += ")";
        listing l;
        try {
            l = list();
        } catch (const error&) {
            return out;  // the directory cannot be listed: the plain fact is all there is to say
        }
        const std::size_t component = 0;
        if (l.count == 0) {
            out += "; no file in the directory matches the template '" + template_.text() + "'";
            if (l.entries == 0) return out + ": it is empty";
            return out + ": it holds " + std::to_string(l.entries) + (l.entries == 1 ? " entry" : " entries") +
                   ", the first named '" + l.example + "' (set filename_template to the directory's naming)";
        }
        out += "; the directory holds " + std::to_string(l.count) + " frames numbered " + std::to_string(l.first) + " to " +
               std::to_string(l.last) + " (" + file_name(l.first, component) + " to " + file_name(l.last, component) + ")";
        if (l.first != options_.start_index)
            return out + ": its first frame is " + std::to_string(l.first) + ", not start_index " +
                   std::to_string(options_.start_index) + ", so set start_index=" + std::to_string(l.first) +
                   " (the dataset's start_index, which the sampler adds to every index; MMAction2's FAQ: frames extracted from 00000 or 00001)";
        if (number > l.last)
            return out + ": frame " + std::to_string(number) +
                   " is past the last one (does the list's total_frames" + (options_.offset != 0 ? " or offset" : "") +
                   " match the directory?)";
        if (number < l.first) return out + ": frame " + std::to_string(number) + " comes before the first one";
        return out + ": frame " + std::to_string(number) + " is missing from the middle of the sequence";
    }

    std::filesystem::path dir_;
    rawframe_options options_;
    filename_template template_;
    filename_template y_template_;
    image_decoder decoder_;
    std::vector<unsigned char> buffer_;
    std::size_t files_decoded_ = 0;
    mutable std::optional<listing> listing_;
};

}  // namespace vidata
