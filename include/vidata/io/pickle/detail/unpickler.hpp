// SPDX-License-Identifier: Apache-2.0
// The pickle virtual machine behind vidata::pickle::load: executes opcodes, never code.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/big_int.hpp>
#include <vidata/io/pickle/detail/globals.hpp>
#include <vidata/io/pickle/detail/keyed_hash.hpp>
#include <vidata/io/pickle/detail/opcodes.hpp>
#include <vidata/io/pickle/detail/utf8.hpp>
#include <vidata/io/pickle/load_options.hpp>
#include <vidata/io/pickle/value.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace vidata::pickle::detail {

/// What the pickle stack and memo hold. Scalars, strings and finished arrays are `value`s. Objects
/// that later opcodes may still change (containers, a numpy dtype or array awaiting BUILD) live in
/// the unpickler's arenas and are referred to by index, so that a memo reference sees later
/// mutation, as in Python, and no ownership cycle can form however the references are wired.
struct item {
    enum class tag : std::uint8_t { value, node, dtype, array, global };
    tag t = tag::value;
    std::uint32_t index = 0;
    value v;
};

enum class node_kind : std::uint8_t { list, tuple, dict, set, frozenset };

// Keys of a key_index are already keyed hashes, unpredictable to the pickle's author.
struct prehashed {
    [[nodiscard]] std::size_t operator()(std::uint64_t h) const noexcept { return static_cast<std::size_t>(h); }
};
using key_index = std::unordered_multimap<std::uint64_t, std::uint32_t, prehashed>;

struct node {
    node_kind kind = node_kind::list;
    dict_flavor flavor = dict_flavor::dict;
    bool hashable = true;                     // tuples: every element is hashable
    std::int64_t offset = 0;                  // where the pickle created it, for messages
    std::string factory;                      // a defaultdict's default_factory ("" for None)
    std::vector<item> items;                  // dicts: key, value, key, value...
    std::unique_ptr<key_index> index;         // key hash → position, built once a dict or set grows
};

struct dtype_info {
    char kind = 'f';
    std::uint64_t itemsize = 0;  // bytes (for 'U', four per character)
    char order = '=';
    std::string code;            // the constructor's argument, 'f4', 'U23'...
    std::string unsupported;     // why numpy would call it structured, a subarray...
};

struct array_info {
    bool built = false;
    value result;
    std::int64_t offset = 0;
};

struct global_info {
    callable id;
    std::string qualified;  // "numpy.core.multiarray._reconstruct", for messages
    std::string factory_name;
};

class unpickler {
public:
    unpickler(std::span<const unsigned char> input, std::string source, const load_options& options)
        : in_(input), source_(std::move(source)), options_(options),
          budget_(8 * static_cast<std::uint64_t>(input.size()) + (std::uint64_t{1} << 20)) {}

    [[nodiscard]] value run() {
        static constexpr unsigned char zip_magic[] = {'P', 'K', 3, 4};
        if (in_.size() >= 4 && std::memcmp(in_.data(), zip_magic, 4) == 0)
            refuse_at(0, "this is a zip archive, the format torch.save has written since PyTorch 1.6, not a plain pickle; "
                         "vidata does not load PyTorch (torch.save) files: load it with torch.load and save the tensors as numpy arrays");
        for (;;) {
            if (pos_ >= in_.size()) fail_at(static_cast<std::int64_t>(pos_), "a pickle opcode (the input ends without STOP)", "end of input");
            op_ = pos_;
            const unsigned char c = in_[pos_++];
            if (c == op::stop) return finish();
            execute(c);
        }
    }

private:
    [[noreturn]] void fail_at(std::int64_t offset, std::string expected, std::string found) const {
        throw parse_error(source_location{source_, 0, 0, offset, {}}, std::move(expected), std::move(found));
    }
    [[noreturn]] void fail(std::string expected, std::string found) const {
        fail_at(static_cast<std::int64_t>(op_), std::move(expected), std::move(found));
    }
    [[noreturn]] void refuse_at(std::int64_t offset, const std::string& reason) const {
        throw unsafe_input_error(source_location{source_, 0, 0, offset, {}}, reason);
    }
    [[noreturn]] void refuse(const std::string& reason) const { refuse_at(static_cast<std::int64_t>(op_), reason); }

    [[nodiscard]] std::string opname() const { return opcode_name(in_[op_]); }

    // Derived data (bytes decoded from text, array buffers, copied elements) is charged against a
    // budget proportional to the input, so that memo references cannot multiply a small pickle
    // into gigabytes.
    void charge(std::uint64_t amount) {
        if (amount > budget_)
            fail("a pickle whose decoded data stays within 8 times its size plus 1 MiB", "more (memo references expanding the data)");
        budget_ -= amount;
    }

    [[nodiscard]] std::span<const unsigned char> take(std::uint64_t n) {
        const std::size_t left = in_.size() - pos_;
        if (n > left)
            fail(std::to_string(n) + " bytes of " + opname() + " data", "end of input after " + std::to_string(left) + " bytes");
        const auto out = in_.subspan(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return out;
    }

    [[nodiscard]] std::uint64_t read_le(std::size_t width) {
        const auto b = take(width);
        std::uint64_t v = 0;
        for (std::size_t k = 0; k < width; ++k) v |= std::uint64_t{b[k]} << (8 * k);
        return v;
    }

    [[nodiscard]] std::int32_t read_i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(read_le(4))); }

    // A protocol-0 argument: the bytes up to the next newline, which is consumed.
    [[nodiscard]] std::string_view read_line() {
        const auto* start = in_.data() + pos_;
        const auto* nl = static_cast<const unsigned char*>(std::memchr(start, '\n', in_.size() - pos_));
        if (nl == nullptr) fail("a newline-terminated " + opname() + " argument", "end of input");
        pos_ += static_cast<std::size_t>(nl - start) + 1;
        return {reinterpret_cast<const char*>(start), static_cast<std::size_t>(nl - start)};
    }

    [[nodiscard]] static std::string_view as_chars(std::span<const unsigned char> b) {
        return {reinterpret_cast<const char*>(b.data()), b.size()};
    }

    [[nodiscard]] std::size_t frame_base() const noexcept { return marks_.empty() ? 0 : marks_.back(); }

    void push(item it) { stack_.push_back(std::move(it)); }
    void push(value v) { stack_.push_back(item{item::tag::value, 0, std::move(v)}); }

    [[nodiscard]] item pop() {
        if (stack_.size() <= frame_base()) fail("a value on the stack for " + opname(), marks_.empty() ? "an empty stack" : "nothing since the last MARK");
        item it = std::move(stack_.back());
        stack_.pop_back();
        return it;
    }

    [[nodiscard]] item& top() {
        if (stack_.size() <= frame_base()) fail("a value on the stack for " + opname(), marks_.empty() ? "an empty stack" : "nothing since the last MARK");
        return stack_.back();
    }

    [[nodiscard]] std::vector<item> pop_mark() {
        if (marks_.empty()) fail("a MARK before " + opname(), "no open MARK");
        const std::size_t base = marks_.back();
        marks_.pop_back();
        std::vector<item> items(std::make_move_iterator(stack_.begin() + static_cast<std::ptrdiff_t>(base)), std::make_move_iterator(stack_.end()));
        stack_.resize(base);
        return items;
    }

    [[nodiscard]] item new_node(node_kind kind, std::vector<item> items = {}) {
        if (nodes_.size() >= std::numeric_limits<std::uint32_t>::max()) fail("fewer than 2^32 containers", "more");
        node n;
        n.kind = kind;
        n.offset = static_cast<std::int64_t>(op_);
        nodes_.push_back(std::move(n));
        const auto index = static_cast<std::uint32_t>(nodes_.size() - 1);
        node& created = nodes_.back();
        if (kind == node_kind::tuple) {
            for (const auto& it : items) created.hashable = created.hashable && hashable(it);
            created.items = std::move(items);
        } else if (kind == node_kind::list) {
            created.items = std::move(items);
        } else if (kind == node_kind::set || kind == node_kind::frozenset) {
            for (auto& it : items) set_add(index, std::move(it));
        }  // dicts are filled through dict_set by the caller
        return item{item::tag::node, index, {}};
    }

    [[nodiscard]] node* node_of(const item& it, node_kind kind) {
        if (it.t != item::tag::node) return nullptr;
        node& n = nodes_[it.index];
        return n.kind == kind ? &n : nullptr;
    }

    [[nodiscard]] std::string type_of(const item& it) const {
        switch (it.t) {
        case item::tag::value: return it.v.type_name();
        case item::tag::dtype: return "numpy.dtype";
        case item::tag::array: return "numpy.ndarray";
        case item::tag::global: return "the global " + vidata::detail::quote_excerpt(globals_[it.index].qualified);
        case item::tag::node: break;
        }
        const node& n = nodes_[it.index];
        switch (n.kind) {
        case node_kind::list: return "list";
        case node_kind::tuple: return "tuple";
        case node_kind::set: return "set";
        case node_kind::frozenset: return "frozenset";
        case node_kind::dict: break;
        }
        return n.flavor == dict_flavor::ordered_dict ? "collections.OrderedDict" : n.flavor == dict_flavor::defaultdict ? "collections.defaultdict" : "dict";
    }

    [[nodiscard]] bool hashable(const item& it) const {
        switch (it.t) {
        case item::tag::value: return !it.v.is_bytearray();
        case item::tag::array: return false;
        case item::tag::node: {
            const node& n = nodes_[it.index];
            return n.kind == node_kind::frozenset || (n.kind == node_kind::tuple && n.hashable);
        }
        default: return true;
        }
    }

    void require_hashable(const item& it) const {
        if (!hashable(it)) fail("a hashable dict key or set element", "unhashable type '" + type_of(it) + "'");
    }

    // A hash consistent with key_equal for the key types whose equality vidata decides (None, bool,
    // int, float, str, bytes), keyed (see keyed_hash.hpp); nullopt for the others, which are then
    // treated as distinct.
    [[nodiscard]] static std::optional<std::uint64_t> key_hash(const item& it) {
        if (it.t != item::tag::value) return std::nullopt;
        const value& v = it.v;
        const auto tagged = [](char tag, std::string_view bytes) {
            std::string buffer(1, tag);
            buffer += bytes;
            return siphash13(buffer);
        };
        switch (v.kind()) {
        case value_kind::none: return keyed_hash(0x6e6f6e65ull) ^ 1;
        case value_kind::boolean:
        case value_kind::integer: return keyed_hash(static_cast<std::uint64_t>(v.as_int()));
        case value_kind::floating: {
            const double d = v.as_float();
            if (d != d) return std::nullopt;  // NaN equals nothing (Python compares NaN keys by identity)
            if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == static_cast<double>(static_cast<std::int64_t>(d)))
                return keyed_hash(static_cast<std::uint64_t>(static_cast<std::int64_t>(d)));  // 1.0 == 1
            return keyed_hash(std::bit_cast<std::uint64_t>(d)) ^ 2;
        }
        case value_kind::big_integer: {
            const big_int n = v.as_big_int();  // named: a temporary would die before its bytes are read
            const auto bytes = n.twos_complement();
            return tagged('L', std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        }
        case value_kind::str: return tagged('S', v.as_str());
        case value_kind::bytes: return tagged('B', v.as_bytes());
        default: return std::nullopt;
        }
    }

    static constexpr std::size_t linear_scan_limit = 16;

    // Position (in items) of an existing key equal to `key`, scanning every `stride`-th item.
    [[nodiscard]] std::optional<std::size_t> find_key(node& n, const item& key, std::size_t stride) {
        const auto h = key_hash(key);
        if (!h) return std::nullopt;
        const std::size_t count = n.items.size() / stride;
        if (!n.index && count >= linear_scan_limit) {
            n.index = std::make_unique<key_index>();
            for (std::size_t k = 0; k < n.items.size(); k += stride)
                if (const auto hk = key_hash(n.items[k])) n.index->emplace(*hk, static_cast<std::uint32_t>(k));
        }
        if (n.index) {
            const auto [first, last] = n.index->equal_range(*h);
            for (auto it = first; it != last; ++it)
                if (key_equal(n.items[it->second].v, key.v)) return it->second;
            return std::nullopt;
        }
        for (std::size_t k = 0; k < n.items.size(); k += stride)
            if (n.items[k].t == item::tag::value && key_hash(n.items[k]) == h && key_equal(n.items[k].v, key.v)) return k;
        return std::nullopt;
    }

    void remember_key(node& n, const item& key, std::size_t position) {
        if (!n.index) return;
        if (const auto h = key_hash(key)) n.index->emplace(*h, static_cast<std::uint32_t>(position));
    }

    // d[key] = val, keeping the first key's position as Python's dict does.
    void dict_set(std::uint32_t index, item key, item val) {
        require_hashable(key);
        node& d = nodes_[index];
        if (const auto pos = find_key(d, key, 2)) {
            d.items[*pos + 1] = std::move(val);
            return;
        }
        if (d.items.size() >= std::numeric_limits<std::uint32_t>::max() - 2) fail("fewer than 2^31 dict entries", "more");
        d.items.push_back(std::move(key));
        d.items.push_back(std::move(val));
        remember_key(d, d.items[d.items.size() - 2], d.items.size() - 2);
    }

    void set_add(std::uint32_t index, item element) {
        require_hashable(element);
        node& s = nodes_[index];
        if (find_key(s, element, 1)) return;
        if (s.items.size() >= std::numeric_limits<std::uint32_t>::max() - 1) fail("fewer than 2^32 set elements", "more");
        s.items.push_back(std::move(element));
        remember_key(s, s.items.back(), s.items.size() - 1);
    }

    [[nodiscard]] static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        return s;
    }

    [[nodiscard]] value int_from_text(std::string_view text) {
        text = trim(text);
        if (!text.empty() && text.front() == '+') text.remove_prefix(1);
        std::int64_t v = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return value(v);
        const auto big = big_int::from_decimal(text);
        if (!big) fail("a decimal integer of at most 20000 digits for " + opname(), std::string(text));
        return value(*big);
    }

    [[nodiscard]] std::uint64_t memo_key_from_text(std::string_view text) {
        text = trim(text);
        std::uint64_t key = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), key);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size()) fail("a non-negative decimal memo key for " + opname(), std::string(text));
        return key;
    }

    [[nodiscard]] double float_from_text(std::string_view text) {
        text = trim(text);
        if (!text.empty() && text.front() == '+') text.remove_prefix(1);
        double d = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
        // from_chars reports out-of-range for overflow and underflow; Python's float() gives ±inf or 0.
        if (r.ptr != text.data() + text.size() || text.empty() || (r.ec != std::errc() && r.ec != std::errc::result_out_of_range))
            fail("a decimal float for FLOAT", std::string(text));
        if (r.ec == std::errc::result_out_of_range) d = std::strtod(std::string(text).c_str(), nullptr);
        return d;
    }

    // Python 2 `str` literal of the STRING opcode: quoted, with the escapes of codecs.escape_decode.
    [[nodiscard]] std::string unescape_string(std::string_view s) {
        if (s.size() < 2 || s.front() != s.back() || (s.front() != '\'' && s.front() != '"'))
            fail("a quoted STRING argument", std::string(s));
        s = s.substr(1, s.size() - 2);
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '\\' || i + 1 == s.size()) {
                out += s[i];
                continue;
            }
            const char e = s[++i];
            switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'x': {
                const auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
                const int hi = i + 1 < s.size() ? hex(s[i + 1]) : -1;
                const int lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
                if (hi < 0 || lo < 0) fail("two hex digits after \\x in STRING", std::string(s));
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k) v = v * 8 + (s[++i] - '0');
                    out += static_cast<char>(v & 0xff);
                } else {
                    out += '\\';
                    out += e;
                }
            }
        }
        return out;
    }

    // Python 2 byte strings are decoded as latin-1, as pickle.load(encoding='latin1') does: the
    // setting that loads Python 2 numpy pickles, whose array data arrives as such a string.
    [[nodiscard]] static std::string latin1_to_utf8(std::string_view bytes) {
        std::string out;
        out.reserve(bytes.size());
        for (char c : bytes) append_utf8(out, static_cast<unsigned char>(c));
        return out;
    }

    // The UNICODE opcode's raw-unicode-escape: latin-1 bytes plus \uXXXX and \UXXXXXXXX escapes (an
    // escape only when preceded by an odd run of backslashes).
    [[nodiscard]] std::string raw_unicode_escape(std::string_view s) {
        std::string out;
        std::size_t i = 0;
        while (i < s.size()) {
            if (s[i] != '\\') {
                append_utf8(out, static_cast<unsigned char>(s[i++]));
                continue;
            }
            std::size_t j = i;
            while (j < s.size() && s[j] == '\\') ++j;
            const std::size_t run = j - i;
            if (run % 2 == 1 && j < s.size() && (s[j] == 'u' || s[j] == 'U')) {
                out.append(run - 1, '\\');
                const std::size_t digits = s[j] == 'u' ? 4 : 8;
                if (s.size() - j - 1 < digits) fail("a complete \\u escape in UNICODE", std::string(s.substr(i)));
                char32_t cp = 0;
                for (std::size_t k = 0; k < digits; ++k) {
                    const char c = s[j + 1 + k];
                    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                    if (d < 0) fail("hex digits in a \\u escape of UNICODE", std::string(s.substr(i, digits + 2)));
                    cp = cp * 16 + static_cast<char32_t>(d);
                }
                if (!is_scalar_value(cp)) fail("a Unicode scalar value (no surrogates, at most U+10FFFF) in UNICODE", std::string(s.substr(i, digits + 2)));
                append_utf8(out, cp);
                i = j + 1 + digits;
            } else {
                out.append(run, '\\');
                i = j;
            }
        }
        return out;
    }

    [[nodiscard]] value utf8_str(std::span<const unsigned char> b) {
        const auto text = as_chars(b);
        if (const auto bad = first_invalid_utf8(text); bad != utf8_valid)
            fail_at(static_cast<std::int64_t>(pos_ - b.size() + bad), "valid UTF-8 in " + opname(), std::string(text.substr(bad, 4)));
        return value_access::validated_str(std::string(text));
    }

    void execute(unsigned char c) {
        switch (c) {
        case op::proto: {
            const auto version = read_le(1);
            if (version > 5) fail("pickle protocol 0 to 5", "protocol " + std::to_string(version));
            break;
        }
        case op::frame: {
            const auto length = read_le(8);
            if (length > in_.size() - pos_) fail("a FRAME within the remaining " + std::to_string(in_.size() - pos_) + " bytes", "a frame of " + std::to_string(length) + " bytes");
            break;
        }
        case op::none: push(value()); break;
        case op::newtrue: push(value(true)); break;
        case op::newfalse: push(value(false)); break;
        case op::binint1: push(value(static_cast<std::int64_t>(read_le(1)))); break;
        case op::binint2: push(value(static_cast<std::int64_t>(read_le(2)))); break;
        case op::binint: push(value(std::int64_t{read_i32()})); break;
        case op::int_text: {
            const auto text = read_line();
            if (text == "00") push(value(false));
            else if (text == "01") push(value(true));
            else push(int_from_text(text));
            break;
        }
        case op::long_text: {
            auto text = trim(read_line());
            if (!text.empty() && text.back() == 'L') text.remove_suffix(1);
            push(int_from_text(text));
            break;
        }
        case op::long1:
        case op::long4: {
            const std::int64_t n = c == op::long1 ? static_cast<std::int64_t>(read_le(1)) : read_i32();
            if (n < 0) fail("a non-negative byte count for LONG4", std::to_string(n));
            if (static_cast<std::uint64_t>(n) > big_int::max_bytes) fail("an integer of at most " + std::to_string(big_int::max_bytes) + " bytes", std::to_string(n) + " bytes");
            push(value(big_int::from_twos_complement(take(static_cast<std::uint64_t>(n)))));
            break;
        }
        case op::float_text: push(value(float_from_text(read_line()))); break;
        case op::binfloat: {
            const auto b = take(8);
            std::uint64_t bits = 0;
            for (int k = 0; k < 8; ++k) bits = bits << 8 | b[static_cast<std::size_t>(k)];
            push(value(std::bit_cast<double>(bits)));
            break;
        }
        case op::string: push(value_access::validated_str(latin1_to_utf8(unescape_string(read_line())))); break;
        case op::binstring: {
            const auto n = read_i32();
            if (n < 0) fail("a non-negative length for BINSTRING", std::to_string(n));
            push(value_access::validated_str(latin1_to_utf8(as_chars(take(static_cast<std::uint64_t>(n))))));
            break;
        }
        case op::short_binstring: push(value_access::validated_str(latin1_to_utf8(as_chars(take(read_le(1)))))); break;
        case op::unicode: push(value_access::validated_str(raw_unicode_escape(read_line()))); break;
        case op::short_binunicode: push(utf8_str(take(read_le(1)))); break;
        case op::binunicode: push(utf8_str(take(read_le(4)))); break;
        case op::binunicode8: push(utf8_str(take(read_le(8)))); break;
        case op::short_binbytes: push(value::bytes(std::string(as_chars(take(read_le(1)))))); break;
        case op::binbytes: push(value::bytes(std::string(as_chars(take(read_le(4)))))); break;
        case op::binbytes8: push(value::bytes(std::string(as_chars(take(read_le(8)))))); break;
        case op::bytearray8: push(value::bytearray(std::string(as_chars(take(read_le(8)))))); break;
        case op::next_buffer:
            refuse("NEXT_BUFFER: the pickle's data lives in out-of-band buffers (pickle protocol 5 with buffer_callback), which are not in the file");
        case op::readonly_buffer: {
            const item& t = top();
            if (t.t != item::tag::value || !(t.v.is_bytes() || t.v.is_bytearray())) fail("a buffer on the stack for READONLY_BUFFER", type_of(t));
            break;
        }

        case op::empty_list: push(new_node(node_kind::list)); break;
        case op::empty_tuple: push(new_node(node_kind::tuple)); break;
        case op::empty_dict: push(new_node(node_kind::dict)); break;
        case op::empty_set: push(new_node(node_kind::set)); break;
        case op::list: push(new_node(node_kind::list, pop_mark())); break;
        case op::tuple: push(new_node(node_kind::tuple, pop_mark())); break;
        case op::tuple1:
        case op::tuple2:
        case op::tuple3: {
            const std::size_t n = c - op::tuple1 + 1u;
            if (stack_.size() < frame_base() + n) fail(std::to_string(n) + " values on the stack for " + opname(), std::to_string(stack_.size() - frame_base()));
            std::vector<item> items(std::make_move_iterator(stack_.end() - static_cast<std::ptrdiff_t>(n)), std::make_move_iterator(stack_.end()));
            stack_.resize(stack_.size() - n);
            push(new_node(node_kind::tuple, std::move(items)));
            break;
        }
        case op::frozenset: push(new_node(node_kind::frozenset, pop_mark())); break;
        case op::dict: {
            auto items = pop_mark();
            if (items.size() % 2 != 0) fail("key/value pairs for DICT", std::to_string(items.size()) + " items");
            item d = new_node(node_kind::dict);
            for (std::size_t k = 0; k < items.size(); k += 2) dict_set(d.index, std::move(items[k]), std::move(items[k + 1]));
            push(std::move(d));
            break;
        }
        case op::append: {
            item v = pop();
            append_to(top(), std::move(v));
            break;
        }
        case op::appends: {
            auto items = pop_mark();
            const item& target = top();
            for (auto& v : items) append_to(target, std::move(v));
            break;
        }
        case op::setitem: {
            item v = pop();
            item k = pop();
            const item& target = top();
            if (!node_of(target, node_kind::dict)) fail("a dict under SETITEM's key and value", type_of(target));
            dict_set(target.index, std::move(k), std::move(v));
            break;
        }
        case op::setitems: {
            auto items = pop_mark();
            if (items.size() % 2 != 0) fail("key/value pairs for SETITEMS", std::to_string(items.size()) + " items");
            const item& target = top();
            if (!node_of(target, node_kind::dict)) fail("a dict below SETITEMS' MARK", type_of(target));
            for (std::size_t k = 0; k < items.size(); k += 2) dict_set(target.index, std::move(items[k]), std::move(items[k + 1]));
            break;
        }
        case op::additems: {
            auto items = pop_mark();
            const item& target = top();
            if (!node_of(target, node_kind::set)) fail("a set below ADDITEMS' MARK", type_of(target));
            for (auto& v : items) set_add(target.index, std::move(v));
            break;
        }

        case op::mark:
            if (marks_.size() >= options_.max_depth) fail("at most " + std::to_string(options_.max_depth) + " nested MARKs", "deeper nesting");
            marks_.push_back(stack_.size());
            break;
        case op::pop:
            if (stack_.size() > frame_base()) stack_.pop_back();
            else if (!marks_.empty()) marks_.pop_back();
            else fail("a value on the stack for POP", "an empty stack");
            break;
        case op::pop_mark: (void)pop_mark(); break;
        case op::dup: push(item(top())); break;

        case op::put: memo_put(memo_key_from_text(read_line())); break;
        case op::binput: memo_put(read_le(1)); break;
        case op::long_binput: memo_put(read_le(4)); break;
        case op::memoize: memo_put(memo_count_); break;  // Python's len(memo)
        case op::get: memo_get(memo_key_from_text(read_line())); break;
        case op::binget: memo_get(read_le(1)); break;
        case op::long_binget: memo_get(read_le(4)); break;

        case op::global: {
            const auto module = read_line();
            const auto name = read_line();
            push(resolve(module, name));
            break;
        }
        case op::stack_global: {
            item name = pop();
            item module = pop();
            if (module.t != item::tag::value || !module.v.is_str() || name.t != item::tag::value || !name.v.is_str())
                fail("a module and a name as str for STACK_GLOBAL", type_of(module) + " and " + type_of(name));
            push(resolve(module.v.as_str(), name.v.as_str()));
            break;
        }
        case op::inst: {
            const auto module = read_line();
            const auto name = read_line();
            const item cls = resolve(module, name);
            auto args = pop_mark();
            push(call(cls, args));
            break;
        }
        case op::obj: {
            auto items = pop_mark();
            if (items.empty()) fail("a class after OBJ's MARK", "nothing");
            const item cls = std::move(items.front());
            items.erase(items.begin());
            if (cls.t != item::tag::global) fail("a class for OBJ", type_of(cls));
            push(call(cls, items));
            break;
        }
        case op::reduce: {
            item args = pop();
            item callee = pop();
            if (callee.t != item::tag::global) fail("a callable for REDUCE", type_of(callee));
            node* t = node_of(args, node_kind::tuple);
            if (t == nullptr) fail("an argument tuple for REDUCE", type_of(args));
            charge(16 * static_cast<std::uint64_t>(t->items.size()));
            std::vector<item> arguments = t->items;  // a copy: the call may grow nodes_
            push(call(callee, arguments));
            break;
        }
        case op::newobj:
        case op::newobj_ex: {
            if (c == op::newobj_ex) {
                item kwargs = pop();
                const node* k = node_of(kwargs, node_kind::dict);
                if (k == nullptr || !k->items.empty()) fail("no keyword arguments for NEWOBJ_EX", type_of(kwargs));
            }
            item args = pop();
            item cls = pop();
            if (cls.t != item::tag::global) fail("a class for " + opname(), type_of(cls));
            const node* t = node_of(args, node_kind::tuple);
            if (t == nullptr) fail("an argument tuple for " + opname(), type_of(args));
            push(new_object(cls, t->items.size()));
            break;
        }
        case op::build: {
            item state = pop();
            build(top(), state);
            break;
        }
        case op::ext1:
        case op::ext2:
        case op::ext4:
            refuse(opname() + ": the pickle names a global through the copyreg extension registry, which vidata does not resolve");
        case op::persid:
        case op::binpersid:
            refuse(opname() + ": the pickle refers to objects stored outside it through persistent ids, as torch.save does for "
                              "tensors; vidata does not load PyTorch (torch.save) files or other persistent references");
        default: fail("a pickle opcode", opcode_name(c));
        }
    }

    void append_to(const item& target, item v) {
        node* l = node_of(target, node_kind::list);
        if (l == nullptr) fail("a list to append to", type_of(target));
        l->items.push_back(std::move(v));
    }

    // The memo: picklers number it densely from 0, so keys below the input size (there cannot be
    // more PUTs than bytes) live in a vector; other keys, which only a hand-made pickle has, go to
    // an ordered map, where no choice of keys can degrade lookups.
    void memo_put(std::uint64_t key) {
        const item& value_to_store = top();
        if (key < in_.size()) {
            if (key >= memo_dense_.size()) memo_dense_.resize(static_cast<std::size_t>(key) + 1);
            if (!memo_dense_[static_cast<std::size_t>(key)]) ++memo_count_;
            memo_dense_[static_cast<std::size_t>(key)] = value_to_store;
        } else if (memo_sparse_.insert_or_assign(key, value_to_store).second) {
            ++memo_count_;
        }
    }

    void memo_get(std::uint64_t key) {
        const item* found = nullptr;
        if (key < memo_dense_.size() && memo_dense_[static_cast<std::size_t>(key)]) found = &*memo_dense_[static_cast<std::size_t>(key)];
        else if (const auto it = memo_sparse_.find(key); it != memo_sparse_.end()) found = &it->second;
        if (found == nullptr) fail("a memo key stored before " + opname(), "key " + std::to_string(key) + ", which was never stored");
        push(item(*found));
    }

    [[nodiscard]] item resolve(std::string_view module, std::string_view name) {
        const auto allowed = resolve_global(module, name);
        if (!allowed) {
            std::string reason = "refusing the global " + vidata::detail::quote_excerpt(module) + "." + vidata::detail::quote_excerpt(name) +
                                 " (module '" + vidata::detail::quote_excerpt(module) + "', name '" + vidata::detail::quote_excerpt(name) +
                                 "'): vidata loads only plain data and numpy arrays and executes nothing";
            if (module == "torch" || module.starts_with("torch."))
                reason += "; the pickle holds PyTorch objects (convert tensors with .numpy() before pickling)";
            refuse(reason);
        }
        globals_.push_back(global_info{allowed->id, std::string(module) + "." + std::string(name), std::string(allowed->factory_name)});
        return item{item::tag::global, static_cast<std::uint32_t>(globals_.size() - 1), {}};
    }

    [[nodiscard]] bool is_global(const item& it, callable id) const { return it.t == item::tag::global && globals_[it.index].id == id; }

    void require_args(const std::vector<item>& args, std::size_t lo, std::size_t hi, const global_info& g) const {
        if (args.size() < lo || args.size() > hi)
            fail(std::to_string(lo) + (lo == hi ? "" : " to " + std::to_string(hi)) + " arguments for " + g.qualified, std::to_string(args.size()));
    }

    // The bytes of a bytes/bytearray, or of a str holding latin-1 text (Python 2's byte strings,
    // decoded into `scratch`). The view lives as long as `it` and `scratch`.
    [[nodiscard]] std::string_view byte_data(const item& it, const char* what, std::string& scratch) const {
        if (it.t == item::tag::value) {
            if (it.v.is_bytes() || it.v.is_bytearray()) return it.v.as_bytes();
            if (it.v.is_str()) {
                // Valid UTF-8 whose code points are all below U+0100: one byte, or C2/C3 and one more.
                const auto& s = it.v.as_str();
                scratch.resize(s.size());
                std::size_t n = 0;
                for (std::size_t i = 0; i < s.size(); ++i) {
                    const auto c = static_cast<unsigned char>(s[i]);
                    if (c < 0x80) {
                        scratch[n++] = static_cast<char>(c);
                    } else if ((c == 0xc2 || c == 0xc3) && i + 1 < s.size()) {
                        scratch[n++] = static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(s[++i]) & 0x3f));
                    } else {
                        fail(std::string(what) + " as bytes or latin-1 text", "a str with characters above U+00FF");
                    }
                }
                scratch.resize(n);
                return scratch;
            }
        }
        fail(std::string(what) + " as bytes", type_of(it));
    }

    [[nodiscard]] std::string encode_text(const item& text, const item* encoding) {
        if (text.t != item::tag::value || !text.v.is_str()) fail("a str to encode", type_of(text));
        std::string enc = "utf-8";
        if (encoding != nullptr) {
            if (encoding->t != item::tag::value || !encoding->v.is_str()) fail("an encoding name", type_of(*encoding));
            enc = encoding->v.as_str();
        }
        for (auto& ch : enc) ch = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch == '_' ? '-' : ch;
        charge(text.v.as_str().size());
        if (enc == "utf-8" || enc == "utf8") return text.v.as_str();
        if (enc == "latin1" || enc == "latin-1" || enc == "iso-8859-1" || enc == "iso8859-1" || enc == "l1") {
            std::string out;
            (void)byte_data(text, "the text", out);
            return out;
        }
        if (enc == "ascii") {
            for (char ch : text.v.as_str())
                if (static_cast<unsigned char>(ch) >= 0x80) fail("ASCII text to encode as ascii", "non-ASCII text");
            return text.v.as_str();
        }
        fail("the encoding latin1, utf-8 or ascii", enc);
    }

    // Elements of a list, tuple, set or frozenset argument, copied into a new container.
    [[nodiscard]] std::vector<item> iterable_items(const item& it, const global_info& g) {
        if (it.t == item::tag::node) {
            const node& n = nodes_[it.index];
            if (n.kind != node_kind::dict) {
                charge(16 * static_cast<std::uint64_t>(n.items.size()));
                return n.items;
            }
        }
        fail("a list, tuple or set argument for " + g.qualified, type_of(it));
    }

    // Entries for OrderedDict(...) / defaultdict(f, ...): a dict, or pairs as lists or tuples.
    void copy_entries(std::uint32_t target, const item& source, const global_info& g) {
        if (source.t == item::tag::node) {
            const node& n = nodes_[source.index];
            charge(16 * static_cast<std::uint64_t>(n.items.size()));
            if (n.kind == node_kind::dict) {
                const auto entries = n.items;
                for (std::size_t k = 0; k + 1 < entries.size(); k += 2) dict_set(target, entries[k], entries[k + 1]);
                return;
            }
            if (n.kind == node_kind::list || n.kind == node_kind::tuple) {
                const auto pairs = n.items;
                for (const auto& p : pairs) {
                    const node* pn = p.t == item::tag::node ? &nodes_[p.index] : nullptr;
                    if (pn == nullptr || (pn->kind != node_kind::list && pn->kind != node_kind::tuple) || pn->items.size() != 2)
                        fail("(key, value) pairs for " + g.qualified, type_of(p));
                    const auto kv = pn->items;
                    dict_set(target, kv[0], kv[1]);
                }
                return;
            }
        }
        fail("a dict or (key, value) pairs for " + g.qualified, type_of(source));
    }

    [[nodiscard]] item call(const item& callee, std::vector<item>& args) {
        const global_info g = globals_[callee.index];
        switch (g.id) {
        case callable::reconstruct: {
            require_args(args, 3, 3, g);
            if (!is_global(args[0], callable::ndarray_type))
                refuse("numpy's _reconstruct of " + type_of(args[0]) + " (an ndarray subclass or another type) is not supported; only numpy.ndarray is");
            arrays_.push_back(array_info{false, {}, static_cast<std::int64_t>(op_)});
            return item{item::tag::array, static_cast<std::uint32_t>(arrays_.size() - 1), {}};
        }
        case callable::scalar: {
            require_args(args, 1, 2, g);
            if (args[0].t != item::tag::dtype) fail("a numpy dtype for numpy's scalar()", type_of(args[0]));
            const dtype_info d = dtypes_[args[0].index];
            if (d.kind == 'O') refuse("a numpy object scalar (dtype=object) holds an arbitrary Python object; vidata does not load it");
            if (args.size() < 2) fail("the scalar's bytes for numpy's scalar()", "no data");
            std::string scratch;
            return item{item::tag::value, 0, numpy_scalar_value(d, byte_data(args[1], "numpy scalar data", scratch))};
        }
        case callable::frombuffer: {
            require_args(args, 4, 4, g);
            if (args[1].t != item::tag::dtype) fail("a numpy dtype for _frombuffer", type_of(args[1]));
            const dtype_info d = dtypes_[args[1].index];
            const vidata::dtype type = supported_dtype(d);
            auto shape = shape_of(args[2]);
            if (args[3].t != item::tag::value || !args[3].v.is_str() || (args[3].v.as_str() != "C" && args[3].v.as_str() != "F"))
                fail("the order 'C' or 'F' for _frombuffer", type_of(args[3]));
            const bool fortran = args[3].v.as_str() == "F" && shape.size() >= 2;
            std::string scratch;
            const auto data = byte_data(args[0], "the array buffer", scratch);
            return item{item::tag::value, 0, value(make_array(type, std::move(shape), data, fortran))};
        }
        case callable::ndarray_type:
            fail("numpy.ndarray only as an argument of _reconstruct", "a call of numpy.ndarray");
        case callable::dtype: {
            require_args(args, 1, 3, g);
            if (args[0].t != item::tag::value || !args[0].v.is_str()) fail("a dtype code such as 'f4' for numpy.dtype", type_of(args[0]));
            dtypes_.push_back(parse_dtype_code(args[0].v.as_str()));
            return item{item::tag::dtype, static_cast<std::uint32_t>(dtypes_.size() - 1), {}};
        }
        case callable::codecs_encode:
            require_args(args, 1, 2, g);
            return item{item::tag::value, 0, value::bytes(encode_text(args[0], args.size() > 1 ? &args[1] : nullptr))};
        case callable::set:
        case callable::frozenset:
        case callable::list: {
            require_args(args, 0, 1, g);
            const node_kind kind = g.id == callable::set ? node_kind::set : g.id == callable::frozenset ? node_kind::frozenset : node_kind::list;
            return new_node(kind, args.empty() ? std::vector<item>{} : iterable_items(args[0], g));
        }
        case callable::bytes:
        case callable::bytearray: {
            require_args(args, 0, 2, g);
            std::string data;
            if (args.size() == 2) data = encode_text(args[0], &args[1]);
            else if (args.size() == 1) {
                if (args[0].t != item::tag::value || !(args[0].v.is_bytes() || args[0].v.is_bytearray())) fail("bytes for " + g.qualified, type_of(args[0]));
                data = args[0].v.as_bytes();
                charge(data.size());
            }
            return item{item::tag::value, 0, g.id == callable::bytes ? value::bytes(std::move(data)) : value::bytearray(std::move(data))};
        }
        case callable::ordered_dict: {
            require_args(args, 0, 1, g);
            item d = new_node(node_kind::dict);
            nodes_[d.index].flavor = dict_flavor::ordered_dict;
            if (!args.empty()) copy_entries(d.index, args[0], g);
            return d;
        }
        case callable::defaultdict: {
            require_args(args, 0, 2, g);
            std::string factory;
            if (!args.empty()) {
                const item& f = args[0];
                if (f.t == item::tag::global && !globals_[f.index].factory_name.empty()) factory = globals_[f.index].factory_name;
                else if (!(f.t == item::tag::value && f.v.is_none())) fail("a builtin type or None as the defaultdict factory", type_of(f));
            }
            item d = new_node(node_kind::dict);
            nodes_[d.index].flavor = dict_flavor::defaultdict;
            nodes_[d.index].factory = std::move(factory);
            if (args.size() == 2) copy_entries(d.index, args[1], g);
            return d;
        }
        case callable::factory_only:
            refuse(g.qualified + " is accepted only as a defaultdict's default_factory, not called");
        }
        fail("a callable vidata implements", g.qualified);
    }

    // NEWOBJ: cls.__new__(cls): for the container types this is an empty instance.
    [[nodiscard]] item new_object(const item& cls, std::size_t arg_count) {
        const global_info g = globals_[cls.index];
        std::vector<item> none;
        switch (g.id) {
        case callable::set:
        case callable::list:
        case callable::ordered_dict:
        case callable::defaultdict:
        case callable::bytearray:
        case callable::frozenset:
        case callable::bytes:
            if (arg_count == 0) return call(cls, none);
            [[fallthrough]];
        default:
            fail("NEWOBJ of an empty container", "NEWOBJ of " + g.qualified + " with " + std::to_string(arg_count) + " arguments");
        }
    }

    [[nodiscard]] dtype_info parse_dtype_code(std::string_view code) {
        dtype_info d;
        d.code = std::string(code);
        if (code.empty() || code.size() > 12) fail("a numpy dtype code such as 'f4'", std::string(code));
        d.kind = code[0];
        std::uint64_t size = 0;
        for (char ch : code.substr(1)) {
            if (ch < '0' || ch > '9') fail("a numpy dtype code such as 'f4'", std::string(code));
            size = size * 10 + static_cast<std::uint64_t>(ch - '0');
        }
        if (std::string_view("biufcmMOSUVa").find(d.kind) == std::string_view::npos) fail("a numpy dtype code such as 'f4'", std::string(code));
        d.itemsize = d.kind == 'U' ? 4 * size : size;
        if (d.kind == 'a') d.kind = 'S';
        return d;
    }

    [[nodiscard]] static std::string dtype_display(const dtype_info& d) {
        if (!d.unsupported.empty()) return d.unsupported;
        const std::string bits = std::to_string(d.itemsize * 8);
        switch (d.kind) {
        case 'c': return "complex" + bits;
        case 'U': return "str (U" + std::to_string(d.itemsize / 4) + ")";
        case 'S': return "bytes (S" + std::to_string(d.itemsize) + ")";
        case 'O': return "object";
        case 'V': return "void (V" + std::to_string(d.itemsize) + ")";
        case 'M': return "datetime64";
        case 'm': return "timedelta64";
        case 'f': return "float" + bits;
        case 'i': return "int" + bits;
        case 'u': return "uint" + bits;
        case 'b': return "bool (b" + std::to_string(d.itemsize) + ")";
        default: return d.code;
        }
    }

    [[nodiscard]] vidata::dtype supported_dtype(const dtype_info& d) const {
        if (d.kind == 'O') refuse("numpy object arrays (dtype=object) hold arbitrary Python objects; vidata does not load them");
        if (!d.unsupported.empty() || d.itemsize > 8 || !vidata::dtype::valid(d.kind, static_cast<int>(d.itemsize)))
            fail("a numpy dtype vidata supports (bool, int8-int64, uint8-uint64, float16/32/64)", dtype_display(d));
        vidata::dtype t;
        t.kind = d.kind;
        t.itemsize = static_cast<std::uint8_t>(d.itemsize);
        t.byte_order = d.order == '>' ? std::endian::big : d.order == '<' ? std::endian::little : std::endian::native;
        return t;
    }

    [[nodiscard]] std::vector<std::int64_t> shape_of(const item& it) const {
        std::vector<std::int64_t> shape;
        const auto dim = [&](const item& d) {
            if (d.t != item::tag::value || !(d.v.kind() == value_kind::integer) || d.v.as_int() < 0)
                fail("non-negative int dimensions in an array shape", type_of(d) + (d.t == item::tag::value && d.v.kind() == value_kind::integer ? " " + std::to_string(d.v.as_int()) : ""));
            shape.push_back(d.v.as_int());
        };
        if (it.t == item::tag::node && (nodes_[it.index].kind == node_kind::tuple || nodes_[it.index].kind == node_kind::list)) {
            if (nodes_[it.index].items.size() > 64) fail("an array of at most 64 dimensions", std::to_string(nodes_[it.index].items.size()) + " dimensions");
            for (const auto& d : nodes_[it.index].items) dim(d);
        } else {
            dim(it);
        }
        return shape;
    }

    // Checks the byte count against the shape before anything is allocated for the array.
    [[nodiscard]] vidata::ndarray make_array(const vidata::dtype& type, std::vector<std::int64_t> shape, std::string_view data, bool fortran) {
        const auto count = vidata::ndarray::checked_count(shape);
        if (count < 0) fail("an array shape whose element count fits in 64 bits", vidata::ndarray::shape_string(shape));
        const auto want = static_cast<std::uint64_t>(count);
        if (want > std::numeric_limits<std::uint64_t>::max() / type.itemsize || want * type.itemsize != data.size())
            fail(std::to_string(want) + " elements of " + type.str() + " (shape " + vidata::ndarray::shape_string(shape) + ")",
                 std::to_string(data.size()) + " bytes of array data");
        charge(data.size());
        std::vector<unsigned char> bytes(data.begin(), data.end());
        return vidata::ndarray(type, std::move(shape), std::move(bytes), fortran);
    }

    [[nodiscard]] static vidata::ndarray to_native(vidata::ndarray a) {
        if (!a.type().needs_swap()) return a;
        vidata::dtype native = a.type();
        native.byte_order = std::endian::native;
        std::vector<unsigned char>& bytes = a.mutable_bytes();
        const std::size_t w = native.itemsize;
        for (std::size_t i = 0; i + w <= bytes.size(); i += w) std::reverse(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.begin() + static_cast<std::ptrdiff_t>(i + w));
        const bool fortran = a.fortran_order();
        return vidata::ndarray(native, a.shape(), std::move(bytes), fortran);
    }

    [[nodiscard]] value numpy_scalar_value(const dtype_info& d, std::string_view data) {
        if (data.size() < d.itemsize) fail(std::to_string(d.itemsize) + " bytes of numpy scalar data", std::to_string(data.size()) + " bytes");
        charge(data.size());
        if (d.kind == 'U') {
            std::string text;
            std::size_t end = static_cast<std::size_t>(d.itemsize / 4);
            const auto unit = [&](std::size_t k) {
                const auto* p = reinterpret_cast<const unsigned char*>(data.data()) + 4 * k;
                return d.order == '>' ? char32_t{p[0]} << 24 | char32_t{p[1]} << 16 | char32_t{p[2]} << 8 | p[3]
                                      : char32_t{p[3]} << 24 | char32_t{p[2]} << 16 | char32_t{p[1]} << 8 | p[0];
            };
            while (end > 0 && unit(end - 1) == 0) --end;  // numpy.str_ drops trailing NULs
            for (std::size_t k = 0; k < end; ++k) {
                const char32_t cp = unit(k);
                if (!is_scalar_value(cp)) fail("Unicode scalar values in a numpy.str_", "the code unit " + std::to_string(static_cast<std::uint32_t>(cp)));
                append_utf8(text, cp);
            }
            return value::numpy_str(std::move(text));
        }
        if (d.kind == 'S') {
            std::string bytes(data.substr(0, static_cast<std::size_t>(d.itemsize)));
            while (!bytes.empty() && bytes.back() == '\0') bytes.pop_back();
            return value::numpy_bytes(std::move(bytes));
        }
        const vidata::dtype type = supported_dtype(d);
        std::vector<unsigned char> bytes(data.begin(), data.begin() + type.itemsize);
        // A numpy scalar always has its type's native byte order, whatever the pickled dtype said.
        return value::numpy_scalar(to_native(vidata::ndarray(type, {}, std::move(bytes))));
    }

    void build(item& target, const item& state) {
        if (target.t == item::tag::array) return build_array(arrays_[target.index], state);
        if (target.t == item::tag::dtype) return build_dtype(dtypes_[target.index], state);
        // Python's BUILD with a None state changes nothing; any other state would set attributes.
        if (state.t == item::tag::value && state.v.is_none()) return;
        fail("BUILD state only for numpy arrays and dtypes", "state " + type_of(state) + " for " + type_of(target));
    }

    // numpy's ndarray.__setstate__((version, shape, dtype, is_fortran, rawdata)); the version may be absent.
    void build_array(array_info& a, const item& state) {
        const node* t = node_of(state, node_kind::tuple);
        if (t == nullptr || (t->items.size() != 4 && t->items.size() != 5))
            fail("an ndarray state (version, shape, dtype, is_fortran, data)", type_of(state));
        if (a.built) fail("one BUILD per numpy array", "a second one");
        const std::vector<item> s = t->items;
        const std::size_t o = s.size() == 5 ? 1 : 0;
        auto shape = shape_of(s[o]);
        if (s[o + 1].t != item::tag::dtype) fail("a numpy dtype in the ndarray state", type_of(s[o + 1]));
        const dtype_info d = dtypes_[s[o + 1].index];
        const item& fortran_flag = s[o + 2];
        if (fortran_flag.t != item::tag::value || !(fortran_flag.v.is_bool() || fortran_flag.v.kind() == value_kind::integer))
            fail("a bool is_fortran flag in the ndarray state", type_of(fortran_flag));
        const bool fortran = fortran_flag.v.as_int() != 0 && shape.size() >= 2;
        if (node_of(s[o + 3], node_kind::list) != nullptr || d.kind == 'O')
            refuse("numpy object arrays (dtype=object) hold arbitrary Python objects; vidata does not load them");
        const vidata::dtype type = supported_dtype(d);
        std::string scratch;
        const auto data = byte_data(s[o + 3], "the array data", scratch);
        // numpy's __setstate__ byte-swaps data of a non-native dtype into native order on load; so
        // do we, so that an array reads as Python sees it (protocol 5's _frombuffer keeps the order).
        a.result = value(to_native(make_array(type, std::move(shape), data, fortran)));
        a.built = true;
    }

    // numpy's dtype.__setstate__: (version, endian, subarray, names, fields, elsize, alignment,
    // flags[, metadata]) and the older 5- to 7-item layouts.
    void build_dtype(dtype_info& d, const item& state) {
        const node* t = node_of(state, node_kind::tuple);
        if (t == nullptr || t->items.size() < 5 || t->items.size() > 9) fail("a numpy dtype state tuple", type_of(state));
        const std::vector<item> s = t->items;
        const std::size_t n = s.size();
        const std::size_t endian_at = n == 5 ? 0 : 1;
        const std::size_t subarray_at = endian_at + 1;
        const std::size_t elsize_at = n >= 7 ? 5 : n == 6 ? 4 : 3;
        const item& endian = s[endian_at];
        if (endian.t != item::tag::value || !endian.v.is_str() || endian.v.as_str().size() != 1 || std::string_view("<>|=").find(endian.v.as_str()[0]) == std::string_view::npos)
            fail("a byte order '<', '>', '|' or '=' in the dtype state", type_of(endian));
        d.order = endian.v.as_str()[0];
        const auto is_none = [](const item& it) { return it.t == item::tag::value && it.v.is_none(); };
        if (!is_none(s[subarray_at])) d.unsupported = "a subarray dtype";
        for (std::size_t k = subarray_at + 1; k < elsize_at; ++k)
            if (!is_none(s[k])) d.unsupported = "a structured (record) dtype";
        const item& elsize = s[elsize_at];
        if (elsize.t != item::tag::value || elsize.v.kind() != value_kind::integer) fail("an int element size in the dtype state", type_of(elsize));
        if ((d.kind == 'U' || d.kind == 'S' || d.kind == 'V') && elsize.v.as_int() >= 0) d.itemsize = static_cast<std::uint64_t>(elsize.v.as_int());
    }

    [[nodiscard]] value finish() {
        item result = pop();
        if (result.t == item::tag::value && result.v.kind() == value_kind::big_integer) {
            static constexpr unsigned char torch_magic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
            if (result.v.as_big_int() == big_int::from_twos_complement(torch_magic))
                refuse_at(0, "this is a PyTorch (torch.save) file in the legacy format: its first pickle is torch's magic number "
                             "0x1950a86a20f9469cfc6c and the tensors follow as raw storages; it is not a plain pickle, and vidata does not load it");
        }
        if (stack_.size() != 0 || !marks_.empty())
            fail("an empty stack after STOP takes its value", std::to_string(stack_.size()) + " leftover stack item(s) and " + std::to_string(marks_.size()) + " open MARK(s)");
        const std::size_t stop_end = pos_;
        value out = finalize(result);
        if (stop_end != in_.size() && !options_.allow_trailing_data)
            fail_at(static_cast<std::int64_t>(stop_end), "the end of the input after STOP",
                    std::to_string(in_.size() - stop_end) + " more bytes (another pickle?)");
        return out;
    }

    [[nodiscard]] value leaf_value(const item& it, std::int64_t offset) const {
        switch (it.t) {
        case item::tag::value: return it.v;
        case item::tag::array:
            if (!arrays_[it.index].built) fail_at(arrays_[it.index].offset, "a BUILD giving the numpy array its state", "an array without one");
            return arrays_[it.index].result;
        case item::tag::dtype: fail_at(offset, "data (a numpy dtype object is not a value vidata represents)", "a numpy.dtype");
        case item::tag::global: fail_at(offset, "data, not a reference to a class or function", type_of(it));
        case item::tag::node: break;
        }
        return converted_[it.index];
    }

    // Turns the object graph into values, depth-first and without recursion. Shared objects stay
    // shared; an object met again while it is still being converted is a cycle, which is refused.
    [[nodiscard]] value finalize(const item& root) {
        if (root.t != item::tag::node) return leaf_value(root, static_cast<std::int64_t>(op_));
        converted_.assign(nodes_.size(), value());
        std::vector<std::uint8_t> state(nodes_.size(), 0);  // 0 new, 1 in progress, 2 done
        struct frame {
            std::uint32_t node;
            std::size_t next;
        };
        std::vector<frame> stack{{root.index, 0}};
        state[root.index] = 1;
        while (!stack.empty()) {
            frame& f = stack.back();
            node& n = nodes_[f.node];
            if (f.next < n.items.size()) {
                const item& child = n.items[f.next++];
                if (child.t != item::tag::node || state[child.index] == 2) continue;
                if (state[child.index] == 1)
                    fail_at(nodes_[child.index].offset, "a pickle without self-referencing containers",
                            "a " + type_of(child) + " that contains itself (vidata does not represent cycles)");
                if (stack.size() >= options_.max_depth)
                    fail_at(nodes_[child.index].offset, "containers nested at most " + std::to_string(options_.max_depth) + " deep", "deeper nesting");
                state[child.index] = 1;
                stack.push_back({child.index, 0});
                continue;
            }
            converted_[f.node] = node_value(n);
            std::vector<item>().swap(n.items);  // the values hold the data now
            state[f.node] = 2;
            stack.pop_back();
        }
        return converted_[root.index];
    }

    [[nodiscard]] value node_value(const node& n) const {
        if (n.kind == node_kind::dict) {
            dict_items entries;
            entries.reserve(n.items.size() / 2);
            for (std::size_t k = 0; k + 1 < n.items.size(); k += 2)
                entries.emplace_back(leaf_value(n.items[k], n.offset), leaf_value(n.items[k + 1], n.offset));
            switch (n.flavor) {
            case dict_flavor::ordered_dict: return value::ordered_dict(std::move(entries));
            case dict_flavor::defaultdict: return value::defaultdict(n.factory, std::move(entries));
            default: return value::dict(std::move(entries));
            }
        }
        std::vector<value> elements;
        elements.reserve(n.items.size());
        for (const auto& it : n.items) elements.push_back(leaf_value(it, n.offset));
        switch (n.kind) {
        case node_kind::tuple: return value::tuple(std::move(elements));
        case node_kind::set: return value::set(std::move(elements));
        case node_kind::frozenset: return value::frozenset(std::move(elements));
        default: return value::list(std::move(elements));
        }
    }

    std::span<const unsigned char> in_;
    std::string source_;
    load_options options_;
    std::size_t pos_ = 0;
    std::size_t op_ = 0;
    std::uint64_t budget_;
    std::vector<item> stack_;
    std::vector<std::size_t> marks_;
    std::vector<std::optional<item>> memo_dense_;
    std::map<std::uint64_t, item> memo_sparse_;
    std::uint64_t memo_count_ = 0;
    std::vector<node> nodes_;
    std::vector<dtype_info> dtypes_;
    std::vector<array_info> arrays_;
    std::vector<global_info> globals_;
    std::vector<value> converted_;
};

}  // namespace vidata::pickle::detail
