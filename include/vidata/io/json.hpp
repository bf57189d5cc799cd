// SPDX-License-Identifier: Apache-2.0
// JSON over nlohmann/json: located parse errors, checked member access with JSON-pointer paths, atomic writing.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/read_file.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vidata {

namespace detail {

// 1-based line and column of byte `position` of `text` (a position at the end names the end of input).
inline void line_and_column(std::string_view text, std::size_t position, std::size_t& line, std::size_t& column) noexcept {
    position = position < text.size() ? position : text.size();
    line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < position; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    column = position - line_start + 1;
}

// The text around `position` on its line, which is what a reader of the error message wants to see
// (annotation JSON is often one 4 MB line, so never the whole line).
[[nodiscard]] inline std::string json_excerpt(std::string_view text, std::size_t position) {
    position = position < text.size() ? position : text.size();
    std::size_t begin = position > 30 ? position - 30 : 0;
    for (std::size_t i = position; i > begin; --i)
        if (text[i - 1] == '\n') {
            begin = i;
            break;
        }
    std::size_t end = begin;
    while (end < text.size() && end < position + 20 && text[end] != '\n') ++end;
    if (end < position) end = position;
    return std::string(text.substr(begin, end - begin));
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
// parsing object key - unexpected '}'; expected string literal". Its expectation becomes ours, its
// diagnosis goes in parentheses; its "last read" is dropped for our own excerpt.
[[nodiscard]] inline std::string json_expectation(std::string_view message) {
    if (const auto colon = message.find(": "); colon != std::string_view::npos && message.find("parse error") < colon)
        message.remove_prefix(colon + 2);
    std::string expected = "valid JSON";
    if (const auto e = message.find("; expected "); e != std::string_view::npos) {
        expected = std::string(message.substr(e + 11));
        message = message.substr(0, e);
    }
    if (const auto l = message.find("; last read: "); l != std::string_view::npos) message = message.substr(0, l);
    return expected + " (" + std::string(message) + ")";
}

// Python's json gives up near 1000 levels (its recursion limit); so do we, because nlohmann's dump,
// copy and comparison recurse, and a hostile "[[[[..." would otherwise overflow the stack after parsing.
inline constexpr std::size_t json_max_depth = 1000;

// The offset of the bracket that opens level json_max_depth + 1, or npos. Exact for valid JSON (brackets
// inside strings do not count); for invalid JSON nlohmann reports the syntax error instead.
[[nodiscard]] inline std::size_t json_too_deep_at(std::string_view text) noexcept {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > json_max_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

// A short JSON rendering of `value` for error messages, built only as far as `limit` characters
// (dumping a whole 4 MB database to show 80 characters of it would make each error cost the file size).
template <class Json>
void append_json_excerpt(std::string& out, const Json& value, std::size_t limit) {
    if (out.size() >= limit) return;
    if (value.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = value.cbegin(); it != value.cend() && out.size() < limit; ++it) {
            if (!first) out += ',';
            first = false;
            out += Json(it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += ':';
            append_json_excerpt(out, it.value(), limit);
        }
        if (out.size() < limit) out += '}';
    } else if (value.is_array()) {
        out += '[';
        bool first = true;
        for (auto it = value.cbegin(); it != value.cend() && out.size() < limit; ++it) {
            if (!first) out += ',';
            first = false;
            append_json_excerpt(out, *it, limit);
        }
        if (out.size() < limit) out += ']';
    } else if (value.is_string() && value.template get_ref<const typename Json::string_t&>().size() > limit) {
        const auto& s = value.template get_ref<const typename Json::string_t&>();
        out += Json(s.substr(0, limit)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

// JSON-pointer escaping of one reference token (RFC 6901): "~" → "~0", "/" → "~1".
inline void append_pointer_token(std::string& path, std::string_view token) {
    path += '/';
    for (char c : token) {
        if (c == '~') path += "~0";
        else if (c == '/') path += "~1";
        else path += c;
    }
}

}  // namespace detail

/// Parses `text` as JSON (RFC 8259, no comments, a UTF-8 BOM tolerated, at most 1000 levels of nesting
/// as with Python's json). Malformed input throws a
/// vidata::parse_error naming `source_name`, line and column, what was expected and the text there:
///   [vidata.parse_error] gt.json:3:14: expected ']' (syntax error while parsing array - unexpected end of input), got '  [1, 2'
/// `Json` is nlohmann::json (keys sorted, fast lookup) or nlohmann::ordered_json (document order kept,
/// as Python's dict, for outputs whose order matters).
template <class Json = nlohmann::json>
[[nodiscard]] Json parse_json(std::string_view text, std::string_view source_name = {}) {
    if (const std::size_t at = detail::json_too_deep_at(text); at != std::string_view::npos) {
        source_location where{std::string(source_name), 0, 0, -1, {}};
        detail::line_and_column(text, at, where.line, where.column);
        throw parse_error(std::move(where), "at most " + std::to_string(detail::json_max_depth) + " nested arrays and objects",
                          detail::json_excerpt(text, at));
    }
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t position = e.byte > 0 ? e.byte - 1 : 0;
        source_location where{std::string(source_name), 0, 0, -1, {}};
        detail::line_and_column(text, position, where.line, where.column);
        throw parse_error(std::move(where), detail::json_expectation(e.what()), detail::json_excerpt(text, position));
    } catch (const nlohmann::json::out_of_range& e) {
        // Number overflow (1e999) carries no position; find the number nlohmann quotes.
        const std::string_view message = e.what();
        std::string token;
        if (const auto q = message.find('\''); q != std::string_view::npos) {
            token = std::string(message.substr(q + 1));
            if (!token.empty() && token.back() == '\'') token.pop_back();
        }
        source_location where{std::string(source_name), 0, 0, -1, {}};
        if (const auto at = token.empty() ? std::string_view::npos : text.find(token); at != std::string_view::npos)
            detail::line_and_column(text, at, where.line, where.column);
        throw parse_error(std::move(where), "a number within the range of a double", token);
    }
}

/// Reads and parses the JSON file at `path` (io_error when it cannot be read, parse_error when malformed).
template <class Json = nlohmann::json>
[[nodiscard]] Json read_json(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    return parse_json<Json>(text, path.string());
}

/// Writes `value` to `path` through an atomic_file, indented by `indent` spaces (-1: one line) and
/// followed by a newline. A string that is not valid UTF-8 is an invalid_argument, and nothing is written.
template <class Json>
void write_json(const std::filesystem::path& path, const Json& value, int indent = 2, atomic_file_options options = {}) {
    std::string text;
    try {
        text = value.dump(indent);
    } catch (const nlohmann::json::type_error& e) {
        throw invalid_argument("vidata::write_json: cannot write " + path.string() + ": " + e.what());
    }
    text += '\n';
    write_file_atomically(path, text, options);
}

/// A read-only handle on a value inside a parsed document that knows where it is: the source name and
/// the JSON pointer from the root (`/database/v_abc/annotations/3/segment`). Every checked accessor
/// throws a parse_error carrying both, what was expected and the value found:
///
///   const auto doc = vidata::read_json(path);
///   const vidata::json_node root(doc, path.string());
///   for (auto [id, video] : root["database"].members()) {
///       for (auto annotation : video["annotations"].elements()) {
///           const auto [start, end] = annotation["segment"].numbers<2>();
///           // [vidata.parse_error] anet.json at /database/v_abc/annotations/3/segment:
///           //   expected an array of 2 numbers, got '"x"'
///       }
///   }
///
/// The node refers to the document, which must outlive it. Paths are built as nodes are made (one
/// string per node; the source name is shared), which is small beside nlohmann's own cost per value.
template <class Json>
class basic_json_node {
public:
    basic_json_node(const Json& value, std::string source, std::string path = {})
        : value_(&value), source_(std::make_shared<const std::string>(std::move(source))), path_(std::move(path)) {}

    [[nodiscard]] const Json& value() const noexcept { return *value_; }
    /// The JSON pointer of this value ("" for the root).
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] const std::string& source() const noexcept { return *source_; }

    /// The member `key` of this object; a parse_error when this is not an object or has no such member.
    [[nodiscard]] basic_json_node operator[](std::string_view key) const {
        if (!value_->is_object()) throw error("an object with a member '" + std::string(key) + "'");
        const auto it = value_->find(key);
        if (it == value_->end()) throw error("an object with a member '" + std::string(key) + "'");
        return child(*it, key);
    }

    /// The element `index` of this array; a parse_error when this is not an array or is too short.
    [[nodiscard]] basic_json_node operator[](std::size_t index) const {
        if (!value_->is_array() || index >= value_->size())
            throw error("an array with at least " + std::to_string(index + 1) + (index == 0 ? " element" : " elements"));
        return child((*value_)[index], std::to_string(index));
    }

    /// The member `key` if this object has it (nullopt otherwise); a parse_error when this is not an object.
    [[nodiscard]] std::optional<basic_json_node> find(std::string_view key) const {
        if (!value_->is_object()) throw error("an object");
        const auto it = value_->find(key);
        if (it == value_->end()) return std::nullopt;
        return child(*it, key);
    }

    [[nodiscard]] bool contains(std::string_view key) const { return value_->is_object() && value_->contains(key); }
    [[nodiscard]] bool is_null() const noexcept { return value_->is_null(); }

    /// The number of elements or members; a parse_error for scalars.
    [[nodiscard]] std::size_t size() const {
        if (!value_->is_array() && !value_->is_object()) throw error("an array or an object");
        return value_->size();
    }

    [[nodiscard]] std::string_view string() const {
        if (!value_->is_string()) throw error("a string");
        return value_->template get_ref<const typename Json::string_t&>();
    }

    [[nodiscard]] bool boolean() const {
        if (!value_->is_boolean()) throw error("true or false");
        return value_->template get<bool>();
    }

    /// A number (integer or floating-point JSON) as a double.
    [[nodiscard]] double number() const { return value<double>(); }

    /// An integer as int64. A float with an integral value (3.0) is accepted, as Python's int() would.
    [[nodiscard]] std::int64_t integer() const { return value<std::int64_t>(); }

    /// A number converted to T; a parse_error when it is not a number, not integral (for integral T) or out of T's range.
    template <class T>
        requires(std::integral<T> && !std::same_as<T, bool>) || std::floating_point<T>
    [[nodiscard]] T value() const {
        if constexpr (std::floating_point<T>) {
            if (!value_->is_number()) throw error("a number");
            return static_cast<T>(value_->template get<double>());
        } else {
            const std::string expected = std::string("an integer") + " within [" +
                                         std::to_string(std::numeric_limits<T>::min()) + ", " +
                                         std::to_string(std::numeric_limits<T>::max()) + "]";
            if (value_->is_number_unsigned()) {
                const auto v = value_->template get<std::uint64_t>();
                if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) throw error(expected);
                return static_cast<T>(v);
            }
            if (value_->is_number_integer()) {
                const auto v = value_->template get<std::int64_t>();
                if (std::cmp_less(v, std::numeric_limits<T>::min()) || std::cmp_greater(v, std::numeric_limits<T>::max()))
                    throw error(expected);
                return static_cast<T>(v);
            }
            if (value_->is_number_float()) {
                const double v = value_->template get<double>();
                // 2^63 and 2^64 are exact doubles; compare against them rather than against max(), which is not.
                const double limit = std::ldexp(1.0, std::numeric_limits<T>::digits);
                const double low = std::is_signed_v<T> ? -limit : 0.0;
                if (!(v == std::trunc(v))) throw error("an integer");
                if (!(v >= low && v < limit)) throw error(expected);
                return static_cast<T>(v);
            }
            throw error("an integer");
        }
    }

    /// An array of exactly N numbers: `const auto [start, end] = node.numbers<2>();`.
    template <std::size_t N>
    [[nodiscard]] std::array<double, N> numbers() const {
        std::array<double, N> out{};
        const auto expected = [] { return "an array of " + std::to_string(N) + (N == 1 ? " number" : " numbers"); };
        if (!value_->is_array() || value_->size() != N) throw error(expected());
        for (std::size_t i = 0; i < N; ++i) {
            const Json& v = (*value_)[i];
            if (!v.is_number()) throw error(expected());
            out[i] = v.template get<double>();
        }
        return out;
    }

    /// An array of numbers of any length.
    [[nodiscard]] std::vector<double> number_array() const {
        if (!value_->is_array()) throw error("an array of numbers");
        std::vector<double> out;
        out.reserve(value_->size());
        for (const Json& v : *value_) {
            if (!v.is_number()) throw error("an array of numbers");
            out.push_back(v.template get<double>());
        }
        return out;
    }

    /// A parse_error about this value: `throw node.error("a subset of 'training', 'validation' or 'testing'");`.
    [[nodiscard]] parse_error error(std::string expected) const {
        std::string found;
        detail::append_json_excerpt(found, *value_, 200);
        return parse_error(source_location{*source_, 0, 0, -1, path_.empty() ? std::string("/") : path_},
                           std::move(expected), std::move(found));
    }

    /// `for (auto [key, node] : object.members())` — the members in the document's key order
    /// (sorted for nlohmann::json, as written for nlohmann::ordered_json).
    [[nodiscard]] auto members() const {
        if (!value_->is_object()) throw error("an object");
        return member_range{*this, value_->cbegin(), value_->cend()};
    }

    /// `for (auto node : array.elements())`.
    [[nodiscard]] auto elements() const {
        if (!value_->is_array()) throw error("an array");
        return element_range{*this, value_->size()};
    }

private:
    using json_iterator = typename Json::const_iterator;

    [[nodiscard]] basic_json_node child(const Json& value, std::string_view token) const {
        std::string path = path_;
        detail::append_pointer_token(path, token);
        return basic_json_node(value, source_, std::move(path));
    }

    basic_json_node(const Json& value, std::shared_ptr<const std::string> source, std::string path)
        : value_(&value), source_(std::move(source)), path_(std::move(path)) {}

    // The ranges hold a copy of the node: in `for (auto m : root["database"].members())` the node
    // root["database"] is a temporary that dies before the loop body runs.
    struct member_range {
        basic_json_node parent;
        json_iterator first, last;

        class iterator {
        public:
            using value_type = std::pair<std::string_view, basic_json_node>;
            using difference_type = std::ptrdiff_t;
            using iterator_concept = std::input_iterator_tag;
            iterator() = default;
            iterator(const basic_json_node* parent, json_iterator it) : parent_(parent), it_(it) {}
            [[nodiscard]] value_type operator*() const {
                const std::string& key = it_.key();
                return {std::string_view(key), parent_->child(it_.value(), key)};
            }
            iterator& operator++() {
                ++it_;
                return *this;
            }
            void operator++(int) { ++it_; }
            [[nodiscard]] friend bool operator==(const iterator& a, const iterator& b) { return a.it_ == b.it_; }

        private:
            const basic_json_node* parent_ = nullptr;
            json_iterator it_{};
        };
        [[nodiscard]] iterator begin() const { return {&parent, first}; }
        [[nodiscard]] iterator end() const { return {&parent, last}; }
    };

    struct element_range {
        basic_json_node parent;
        std::size_t count;

        class iterator {
        public:
            using value_type = basic_json_node;
            using difference_type = std::ptrdiff_t;
            using iterator_concept = std::input_iterator_tag;
            iterator() = default;
            iterator(const basic_json_node* parent, std::size_t i) : parent_(parent), i_(i) {}
            [[nodiscard]] basic_json_node operator*() const {
                return parent_->child((*parent_->value_)[i_], std::to_string(i_));
            }
            iterator& operator++() {
                ++i_;
                return *this;
            }
            void operator++(int) { ++i_; }
            [[nodiscard]] friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

        private:
            const basic_json_node* parent_ = nullptr;
            std::size_t i_ = 0;
        };
        [[nodiscard]] iterator begin() const { return {&parent, 0}; }
        [[nodiscard]] iterator end() const { return {&parent, count}; }
    };

    const Json* value_;
    std::shared_ptr<const std::string> source_;  // shared by every node of a document
    std::string path_;
};

using json_node = basic_json_node<nlohmann::json>;
using ordered_json_node = basic_json_node<nlohmann::ordered_json>;

}  // namespace vidata
