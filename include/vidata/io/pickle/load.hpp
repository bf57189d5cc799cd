// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::load and load_file: a safe reader of Python pickles (protocols 0-5) that executes nothing.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/pickle/detail/unpickler.hpp>
#include <vidata/io/pickle/load_options.hpp>
#include <vidata/io/pickle/value.hpp>
#include <vidata/io/read_file.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace vidata::pickle {

/// Reads one pickle (protocol 0 to 5) into a value, executing nothing.
///
/// Every opcode that needs no code execution is understood. Globals resolve only through a fixed
/// allow-list, each implemented by vidata itself: numpy's `_reconstruct`, `scalar`, `_frombuffer`,
/// `ndarray` and `dtype` (under `numpy.core` and numpy 2's `numpy._core`), `_codecs.encode`,
/// `builtins` (or `__builtin__`) `set`, `frozenset`, `list`, `bytes`, `bytearray`, and
/// `collections.OrderedDict` / `defaultdict` (whose factory may be one of a few builtin types).
/// Anything else (`os.system`, `builtins.eval`, a PyTorch storage...) is refused with
/// vidata::unsafe_input_error naming the module, the name and the byte offset, as are persistent ids,
/// the extension registry, out-of-band buffers, object arrays and PyTorch files (legacy
/// torch.save pickles and zip archives). Malformed or truncated input is a vidata::parse_error
/// with the byte offset; so are numpy dtypes outside vidata::dtype (complex, strings, structured:
/// except that numpy.str_ / numpy.bytes_ scalars load as str / bytes), self-referencing containers
/// and nesting deeper than options.max_depth.
///
/// Resource use is linear in the input: lengths are checked against the remaining bytes before
/// anything is allocated, an array's byte count must equal product(shape) × itemsize, and data
/// that memo references would multiply is capped at 8 × the input size + 1 MiB. Python 2 byte
/// strings (STRING, BINSTRING) become str decoded as latin-1, as pickle.load(encoding='latin1') does.
/// Thread-safe (no shared state). `source_name` appears in error messages.
///   const auto v = vidata::pickle::load(bytes, "results.pkl");
///   for (const auto& scores : v.as_list()) use(scores.as_ndarray().to_matrix<float>());
[[nodiscard]] inline value load(std::span<const unsigned char> bytes, std::string source_name = {}, const load_options& options = {}) {
    return detail::unpickler(bytes, std::move(source_name), options).run();
}

/// load() over the bytes of a string.
[[nodiscard]] inline value load(std::string_view bytes, std::string source_name = {}, const load_options& options = {}) {
    return load(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), std::move(source_name), options);
}

/// Reads and loads the pickle file at `path`; io_error when it cannot be read. Errors name the path.
[[nodiscard]] inline value load_file(const std::filesystem::path& path, const load_options& options = {}) {
    const auto bytes = vidata::read_file_bytes(path);
    return load(std::span<const unsigned char>(bytes), path.string(), options);
}

}  // namespace vidata::pickle
