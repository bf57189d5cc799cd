// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::dump: writes a pickle value as a protocol-4 pickle that Python's pickle.load reads.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/big_int.hpp>
#include <vidata/io/pickle/detail/globals.hpp>
#include <vidata/io/pickle/detail/opcodes.hpp>
#include <vidata/io/pickle/detail/utf8.hpp>
#include <vidata/io/pickle/detail/walk.hpp>
#include <vidata/io/pickle/value.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vidata::pickle {

namespace detail {

/// The writer: a walk visitor that emits opcodes. Shared objects are written once and referenced
/// through the memo afterwards, so output is linear in the distinct data even for values that
/// share containers many times.
class pickler {
public:
    explicit pickler(std::ostream* sink) : sink_(sink) {}

    void write(const value& root) {
        put(op::proto);
        put(4);
        walk(root, *this);
        put(op::stop);
        flush();
    }

    [[nodiscard]] std::string take() { return std::move(out_); }

    bool enter(const value& v) {
        if (const void* id = v.identity()) {
            if (const auto it = memo_.find(id); it != memo_.end()) {
                get(it->second);
                return false;
            }
        }
        switch (v.kind()) {
        case value_kind::none: put(op::none); return false;
        case value_kind::boolean: put(v.as_bool() ? op::newtrue : op::newfalse); return false;
        case value_kind::integer: write_int(v.as_int()); return false;
        case value_kind::big_integer: write_long(v.as_big_int().twos_complement()); return false;
        case value_kind::floating: {
            put(op::binfloat);
            const auto bits = std::bit_cast<std::uint64_t>(v.as_float());
            for (int k = 7; k >= 0; --k) put(static_cast<unsigned char>(bits >> (8 * k)));
            return false;
        }
        case value_kind::str:
            if (v.is_numpy()) write_numpy_str(v.as_str());
            else write_unicode(v.as_str());
            memoize_if_shared(v);
            return false;
        case value_kind::bytes:
            if (v.is_numpy()) write_numpy_bytes(v.as_bytes());
            else write_bytes(v.as_bytes());
            memoize_if_shared(v);
            return false;
        case value_kind::bytearray:
            global("builtins", "bytearray");
            write_bytes(v.as_bytes());
            put(op::tuple1);
            put(op::reduce);
            memoize_if_shared(v);
            return false;
        case value_kind::ndarray: write_ndarray(v); return false;
        case value_kind::numpy_scalar: {
            const auto& a = v.as_ndarray();
            global("numpy.core.multiarray", "scalar");
            write_dtype(dtype_code(a.type()), order_char(a.type()), -1, -1, 0);
            write_bytes(as_chars(a.bytes()));
            put(op::tuple2);
            put(op::reduce);
            memoize_if_shared(v);
            return false;
        }
        case value_kind::list:
            put(op::empty_list);
            memoize_if_shared(v);
            return true;
        case value_kind::set:
            put(op::empty_set);
            memoize_if_shared(v);
            return true;
        case value_kind::frozenset:
            put(op::mark);
            return true;
        case value_kind::tuple:
            if (v.size() == 0) {
                put(op::empty_tuple);
                return false;
            }
            if (v.size() > 3) put(op::mark);
            return true;
        case value_kind::dict:
            switch (v.flavor()) {
            case dict_flavor::ordered_dict:
                global("collections", "OrderedDict");
                put(op::empty_tuple);
                put(op::reduce);
                break;
            case dict_flavor::defaultdict: {
                global("collections", "defaultdict");
                if (v.default_factory().empty()) {
                    put(op::none);
                } else {
                    const auto factory = factory_global(v.default_factory());
                    if (!factory)
                        throw invalid_argument("vidata::pickle::dump: defaultdict factory '" + v.default_factory() +
                                               "' is not one vidata can read back (list, int, dict, set, ... or collections.OrderedDict)");
                    global(factory->first, factory->second);
                }
                put(op::tuple1);
                put(op::reduce);
                break;
            }
            default: put(op::empty_dict);
            }
            memoize_if_shared(v);
            return true;
        }
        return false;
    }

    bool before_child(const value& parent, std::size_t i) {
        // Python's pickler appends in batches of 1000 under a MARK; so do we, for lists, sets and dicts.
        const std::size_t unit = parent.is_dict() ? 2 : 1;
        if (parent.is_list() || parent.kind() == value_kind::set || parent.is_dict()) {
            if (i % (batch * unit) == 0) {
                if (i > 0) put(batch_opcode(parent));
                put(op::mark);
            }
        }
        return true;
    }

    void leave(const value& v) {
        switch (v.kind()) {
        case value_kind::list:
        case value_kind::set:
        case value_kind::dict:
            if (v.size() > 0) put(batch_opcode(v));
            break;
        case value_kind::tuple:
            put(v.size() == 1 ? op::tuple1 : v.size() == 2 ? op::tuple2 : v.size() == 3 ? op::tuple3 : op::tuple);
            memoize_if_shared(v);
            break;
        case value_kind::frozenset:
            put(op::frozenset);
            memoize_if_shared(v);
            break;
        default: break;
        }
    }

    [[nodiscard]] bool stopped() const noexcept { return false; }

private:
    static constexpr std::size_t batch = 1000;
    static constexpr std::size_t flush_threshold = std::size_t{1} << 20;

    [[nodiscard]] static unsigned char batch_opcode(const value& v) {
        return v.is_dict() ? op::setitems : v.is_list() ? op::appends : op::additems;
    }

    [[nodiscard]] static std::string_view as_chars(std::span<const unsigned char> b) {
        return {reinterpret_cast<const char*>(b.data()), b.size()};
    }

    void put(unsigned char c) { out_ += static_cast<char>(c); }

    void put_le(std::uint64_t v, int width) {
        for (int k = 0; k < width; ++k) put(static_cast<unsigned char>(v >> (8 * k)));
    }

    void put_data(std::string_view data) {
        // Large payloads go straight to the stream instead of through the buffer.
        if (sink_ != nullptr && data.size() >= flush_threshold) {
            flush();
            sink_->write(data.data(), static_cast<std::streamsize>(data.size()));
            check_sink();
            return;
        }
        out_ += data;
        if (sink_ != nullptr && out_.size() >= flush_threshold) flush();
    }

    void flush() {
        if (sink_ == nullptr || out_.empty()) return;
        sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
        out_.clear();
        check_sink();
    }

    void check_sink() const {
        if (!*sink_) throw io_error("", "vidata::pickle::dump: the output stream failed while writing the pickle");
    }

    void write_int(std::int64_t i) {
        if (i >= 0 && i < 256) {
            put(op::binint1);
            put(static_cast<unsigned char>(i));
        } else if (i >= 0 && i < 65536) {
            put(op::binint2);
            put_le(static_cast<std::uint64_t>(i), 2);
        } else if (i >= std::numeric_limits<std::int32_t>::min() && i <= std::numeric_limits<std::int32_t>::max()) {
            put(op::binint);
            put_le(static_cast<std::uint64_t>(i), 4);
        } else {
            write_long(big_int(i).twos_complement());
        }
    }

    void write_long(std::span<const unsigned char> twos_complement) {
        if (twos_complement.size() < 256) {
            put(op::long1);
            put(static_cast<unsigned char>(twos_complement.size()));
        } else {
            put(op::long4);
            put_le(twos_complement.size(), 4);
        }
        put_data(as_chars(twos_complement));
    }

    void write_unicode(std::string_view s) {
        if (s.size() < 256) {
            put(op::short_binunicode);
            put(static_cast<unsigned char>(s.size()));
        } else if (s.size() <= std::numeric_limits<std::uint32_t>::max()) {
            put(op::binunicode);
            put_le(s.size(), 4);
        } else {
            put(op::binunicode8);
            put_le(s.size(), 8);
        }
        put_data(s);
    }

    void write_bytes(std::string_view s) {
        if (s.size() < 256) {
            put(op::short_binbytes);
            put(static_cast<unsigned char>(s.size()));
        } else if (s.size() <= std::numeric_limits<std::uint32_t>::max()) {
            put(op::binbytes);
            put_le(s.size(), 4);
        } else {
            put(op::binbytes8);
            put_le(s.size(), 8);
        }
        put_data(s);
    }

    void get(std::uint64_t index) {
        if (index < 256) {
            put(op::binget);
            put(static_cast<unsigned char>(index));
        } else {
            put(op::long_binget);
            put_le(index, 4);
        }
    }

    void memoize() {
        if (next_memo_ > std::numeric_limits<std::uint32_t>::max()) throw invalid_argument("vidata::pickle::dump: more than 2^32 shared objects");
        put(op::memoize);
        ++next_memo_;
    }

    void memoize_if_shared(const value& v) {
        if (!v.is_shared()) return;
        memoize();
        memo_.emplace(v.identity(), next_memo_ - 1);
    }

    void global(std::string_view module, std::string_view name) {
        std::string key(module);
        key += '\n';
        key += name;
        if (const auto it = globals_.find(key); it != globals_.end()) return get(it->second);
        write_unicode(module);
        write_unicode(name);
        put(op::stack_global);
        memoize();
        globals_.emplace(std::move(key), next_memo_ - 1);
    }

    [[nodiscard]] static std::string dtype_code(const vidata::dtype& t) { return std::string(1, t.kind) + std::to_string(t.itemsize); }
    [[nodiscard]] static char order_char(const vidata::dtype& t) {
        return t.itemsize == 1 ? '|' : t.byte_order == std::endian::little ? '<' : '>';
    }

    // numpy.dtype(code, False, True) completed by BUILD with numpy's version-3 state.
    void write_dtype(const std::string& code, char order, std::int64_t elsize, std::int64_t alignment, std::int64_t flags) {
        global("numpy", "dtype");
        write_unicode(code);
        put(op::newfalse);
        put(op::newtrue);
        put(op::tuple3);
        put(op::reduce);
        put(op::mark);
        write_int(3);
        write_unicode(std::string_view(&order, 1));
        put(op::none);
        put(op::none);
        put(op::none);
        write_int(elsize);
        write_int(alignment);
        write_int(flags);
        put(op::tuple);
        put(op::build);
    }

    // _reconstruct(ndarray, (0,), b'b') + BUILD (1, shape, dtype, is_fortran, data): what numpy 1.x
    // writes below protocol 5, and what every numpy version reads.
    void write_ndarray(const value& v) {
        const auto& a = v.as_ndarray();
        global("numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        write_int(0);
        put(op::tuple1);
        write_bytes("b");
        put(op::tuple3);
        put(op::reduce);
        memoize_if_shared(v);
        put(op::mark);
        write_int(1);
        const auto& shape = a.shape();
        if (shape.size() > 3) put(op::mark);
        for (auto d : shape) write_int(d);
        put(shape.empty() ? op::empty_tuple : shape.size() == 1 ? op::tuple1 : shape.size() == 2 ? op::tuple2 : shape.size() == 3 ? op::tuple3 : op::tuple);
        write_dtype(dtype_code(a.type()), order_char(a.type()), -1, -1, 0);
        put(a.fortran_order() && a.ndim() >= 2 ? op::newtrue : op::newfalse);
        write_bytes(as_chars(a.bytes()));
        put(op::tuple);
        put(op::build);
    }

    // numpy.str_: scalar(dtype('U<n>'), UTF-32LE code units), as numpy pickles it.
    void write_numpy_str(std::string_view utf8) {
        std::string units;
        std::size_t count = 0;
        for (std::size_t i = 0; i < utf8.size(); ++count) {
            const char32_t cp = next_code_point(utf8, i);
            for (int k = 0; k < 4; ++k) units += static_cast<char>((cp >> (8 * k)) & 0xff);
        }
        global("numpy.core.multiarray", "scalar");
        write_dtype("U" + std::to_string(count), '<', static_cast<std::int64_t>(4 * count), 4, 8);
        write_bytes(units);
        put(op::tuple2);
        put(op::reduce);
    }

    void write_numpy_bytes(std::string_view data) {
        global("numpy.core.multiarray", "scalar");
        write_dtype("S" + std::to_string(data.size()), '|', static_cast<std::int64_t>(data.size()), 1, 0);
        write_bytes(data);
        put(op::tuple2);
        put(op::reduce);
    }

    std::ostream* sink_;
    std::string out_;
    std::unordered_map<const void*, std::uint64_t> memo_;
    std::unordered_map<std::string, std::uint64_t> globals_;
    std::uint64_t next_memo_ = 0;
};

}  // namespace detail

/// The protocol-4 pickle of `v`, as bytes. Python's pickle.load reads it back as the same value
/// (numpy 1.x and 2.x for arrays, which are written through numpy.core.multiarray._reconstruct,
/// and scalars, written through numpy.core.multiarray.scalar); so does vidata::pickle::load.
/// Objects shared inside `v` are written once and referenced through the memo, as Python does.
/// Iterative: any depth is fine. Throws invalid_argument for a defaultdict factory outside the
/// reader's allow-list.
///   const std::string bytes = vidata::pickle::dump(value::list({value(scores)}));
[[nodiscard]] inline std::string dump(const value& v) {
    detail::pickler p(nullptr);
    p.write(v);
    return p.take();
}

/// Writes the pickle of `v` to `out`, streaming (memory stays small beyond the value itself).
/// Throws vidata::io_error when the stream fails. save_file writes a file atomically.
inline void dump(const value& v, std::ostream& out) {
    detail::pickler p(&out);
    p.write(v);
}

/// Writes the pickle of `v` to `path` through vidata::atomic_file: on any error (an unwritable
/// value, a full disk) the previous file, or none, stays in place. The counterpart of load_file.
///   vidata::pickle::save_file("results.pkl", value::list(std::move(per_video_scores)));
inline void save_file(const std::filesystem::path& path, const value& v, atomic_file_options options = {}) {
    atomic_file out(path, options);
    dump(v, out.stream());
    out.commit();
}

}  // namespace vidata::pickle
