// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::to_json: a JSON view of a pickle value (what `vidata inspect --json --full` prints).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/detail/walk.hpp>
#include <vidata/io/pickle/repr.hpp>
#include <vidata/io/pickle/value.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::pickle {

/// Limits of to_json.
struct json_options {
    /// Most JSON values (array elements included) to produce. A pickle that references the same
    /// containers many times through its memo can describe exponentially large JSON from a few
    /// bytes; the size is computed first, in time linear in the distinct data, and beyond this
    /// limit to_json throws vidata::invalid_argument before building anything.
    std::size_t max_elements = std::size_t{1} << 26;
    /// Longest repr() of a non-str dict key; longer ones are cut and end in "...".
    std::size_t max_key_length = std::size_t{1} << 20;
};

namespace detail {

[[nodiscard]] inline std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[n >> 18];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += alphabet[n >> 18];
        out += alphabet[(n >> 12) & 63];
        out += rest == 2 ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The number of JSON values to_json(v) produces, saturating at `cap`, computed over the shared
// structure: each container's size is computed once however often it is referenced.
[[nodiscard]] inline std::uint64_t json_size(const value& root, std::uint64_t cap) {
    const auto leaf = [](const value& v) -> std::uint64_t { return v.is_ndarray() ? 1 + v.as_ndarray().size() : 1; };
    if (!root.is_container()) return leaf(root);
    const auto add = [cap](std::uint64_t a, std::uint64_t b) { return a > cap - std::min(b, cap) ? cap : a + b; };
    std::unordered_map<const void*, std::uint64_t> known;
    struct frame {
        const value* v;
        std::size_t next;
        std::size_t count;
        std::uint64_t total;
    };
    std::vector<frame> stack{{&root, 0, child_count(root), 1}};
    for (;;) {
        frame& f = stack.back();
        if (f.next < f.count) {
            const std::size_t i = f.next++;
            if (f.v->is_dict() && i % 2 == 0) continue;  // keys become object member names
            const value& c = child_at(*f.v, i);
            if (!c.is_container()) {
                f.total = add(f.total, leaf(c));
            } else if (const auto it = known.find(c.identity()); it != known.end()) {
                f.total = add(f.total, it->second);
            } else {
                stack.push_back({&c, 0, child_count(c), 1});
            }
            continue;
        }
        const frame done = f;
        stack.pop_back();
        known.emplace(done.v->identity(), done.total);
        if (stack.empty()) return done.total;
        stack.back().total = add(stack.back().total, done.total);
    }
}

template <class Json>
class json_visitor {
public:
    json_visitor(Json& root, const json_options& options) : slot_(&root), options_(options) {}

    bool enter(const value& v) {
        Json& out = *slot_;
        switch (v.kind()) {
        case value_kind::none: out = nullptr; return false;
        case value_kind::boolean: out = v.as_bool(); return false;
        case value_kind::integer: out = v.as_int(); return false;
        case value_kind::big_integer: {
            const big_int n = v.as_big_int();
            if (const auto u = n.to_uint64()) out = *u;
            else out = n.to_string();
            return false;
        }
        case value_kind::floating: out = v.as_float(); return false;
        case value_kind::str: out = v.as_str(); return false;
        case value_kind::bytes:
        case value_kind::bytearray: out = Json{{"__bytes__", base64(v.as_bytes())}}; return false;
        case value_kind::numpy_scalar: out = scalar_json(v.as_ndarray()); return false;
        case value_kind::ndarray: out = array_json(v.as_ndarray()); return false;
        case value_kind::dict:
            out = Json::object();
            open_.push_back(slot_);
            return true;
        default:
            out = Json::array();
            out.template get_ref<typename Json::array_t&>().reserve(v.size());
            open_.push_back(slot_);
            return true;
        }
    }

    bool before_child(const value& parent, std::size_t i) {
        Json& container = *open_.back();
        if (parent.is_dict()) {
            if (i % 2 == 0) {
                const value& key = child_at(parent, i);
                key_ = key.is_str() ? key.as_str() : repr(key, options_.max_key_length);
                return false;
            }
            slot_ = &container[key_];
            return true;
        }
        // The array was reserved to its final size, so earlier elements never move while a later
        // one (and everything below it) is being filled through slot_.
        auto& elements = container.template get_ref<typename Json::array_t&>();
        elements.emplace_back();
        slot_ = &elements.back();
        return true;
    }

    void leave(const value&) { open_.pop_back(); }
    [[nodiscard]] bool stopped() const noexcept { return false; }

private:
    [[nodiscard]] static Json scalar_json(const vidata::ndarray& a) {
        switch (a.type().kind) {
        case 'b': return a.at<bool>(0);
        case 'i': return a.at<std::int64_t>(0);
        case 'u': return a.at<std::uint64_t>(0);
        default: return a.at<double>(0);
        }
    }

    [[nodiscard]] static Json array_json(const vidata::ndarray& a) {
        Json shape = Json::array();
        for (auto d : a.shape()) shape.push_back(d);
        Json data = Json::array();
        auto& elements = data.template get_ref<typename Json::array_t&>();
        elements.reserve(a.size());
        switch (a.type().kind) {
        case 'b':
            for (auto x : a.to_vector<std::uint8_t>()) elements.emplace_back(x != 0);
            break;
        case 'i':
            for (auto x : a.to_vector<std::int64_t>()) elements.emplace_back(x);
            break;
        case 'u':
            for (auto x : a.to_vector<std::uint64_t>()) elements.emplace_back(x);
            break;
        default:
            for (auto x : a.to_vector<double>()) elements.emplace_back(x);
        }
        Json inner = Json::object();
        inner["dtype"] = a.type().str();
        inner["shape"] = std::move(shape);
        inner["data"] = std::move(data);
        Json out = Json::object();
        out["__ndarray__"] = std::move(inner);
        return out;
    }

    Json* slot_;
    std::vector<Json*> open_;
    std::string key_;
    const json_options& options_;
};

}  // namespace detail

/// The JSON view of a pickle value:
///   dict, OrderedDict, defaultdict → object; str keys as they are, other keys as their Python
///                                    repr (1, (1, 'a'), b'x', None, True, 0.5)
///   list, tuple, set, frozenset    → array
///   None, bool, str                → null, true/false, string
///   int                            → number when it fits int64 or uint64, else its exact decimal string
///   float                          → number (NaN and ±inf stay numbers in the Json object, but
///                                    nlohmann's dump() writes them as null: JSON has no spelling for them)
///   bytes, bytearray               → {"__bytes__": "<base64>"}
///   numpy.ndarray                  → {"__ndarray__": {"dtype": "<f4", "shape": [2, 3], "data": [flat C-order values]}}
///                                    (bool elements as true/false, float16 as its float value)
///   numpy scalar                   → its plain value (numpy.str_ a string, numpy.bytes_ as bytes)
/// `Json` may be nlohmann::ordered_json to keep dict insertion order in the output. Iterative,
/// so any depth converts; keys repeated after repr conversion keep the last value.
///   std::cout << vidata::pickle::to_json<nlohmann::ordered_json>(v).dump(2);
template <class Json = nlohmann::json>
[[nodiscard]] Json to_json(const value& v, const json_options& options = {}) {
    const auto size = detail::json_size(v, static_cast<std::uint64_t>(options.max_elements) + 1);
    if (size > options.max_elements)
        throw invalid_argument("vidata::pickle::to_json: the value expands to more than " + std::to_string(options.max_elements) +
                               " JSON values (a pickle that references the same containers many times describes exponentially "
                               "large JSON); raise json_options::max_elements to convert it anyway");
    Json root;
    detail::json_visitor<Json> visitor(root, options);
    detail::walk(v, visitor);
    return root;
}

}  // namespace vidata::pickle
