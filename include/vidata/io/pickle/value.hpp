// SPDX-License-Identifier: Apache-2.0
// vidata::pickle::value: an immutable Python value, what the safe pickle reader returns and the writer takes.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/pickle/big_int.hpp>
#include <vidata/io/pickle/detail/utf8.hpp>

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vidata::pickle {

/// The Python types a pickle value can have in vidata. `integer` holds every int that fits int64,
/// `big_integer` the others. numpy.str_ and numpy.bytes_ scalars are `str` and `bytes` (their
/// type_name() tells them apart); other numpy scalars are `numpy_scalar`, a 0-d array.
enum class value_kind : std::uint8_t {
    none, boolean, integer, big_integer, floating, str, bytes, bytearray,
    list, tuple, dict, set, frozenset, ndarray, numpy_scalar
};

/// Which mapping type a `dict` value is: dict, collections.OrderedDict or collections.defaultdict.
enum class dict_flavor : std::uint8_t { dict, ordered_dict, defaultdict };

class value;

/// A dict's entries in insertion order.
using dict_items = std::vector<std::pair<value, value>>;

namespace detail {
struct dict_payload;
struct value_access;
}  // namespace detail

/// An immutable Python value: None, bool, int (arbitrary precision), float, str, bytes, bytearray,
/// list, tuple, dict (also OrderedDict and defaultdict, insertion order kept), set, frozenset, a numpy
/// ndarray or a numpy scalar.
///
/// Copies are O(1): strings, arrays and containers are shared, never copied, so an object a pickle
/// references many times (through its memo) is held once, as Python holds it. Because a value never
/// changes after construction, sharing is invisible and values may be read from several threads at
/// once. Build containers bottom-up from vectors:
///   using vidata::pickle::value;
///   const value v = value::dict({{"label", 3}, {"frame_inds", value(vidata::ndarray::from_values<int>({2}, ints))}});
///   v.get("label").as_int() == 3
/// Accessors throw vidata::invalid_argument naming the expected and the actual Python type.
/// Destruction is iterative, so arbitrarily deep values do not overflow the stack.
class value {
public:
    value() noexcept = default;  ///< None
    value(std::nullptr_t) noexcept {}
    /// bool; a template so that pointers do not silently convert to it.
    template <std::same_as<bool> B>
    value(B b) noexcept : kind_(value_kind::boolean) { scalar_.b = b; }
    /// Any integer type except bool; unsigned values above INT64_MAX become big integers.
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    value(T v) {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
            if (v > static_cast<T>(std::numeric_limits<std::int64_t>::max())) {
                *this = value(big_int::from_uint64(static_cast<std::uint64_t>(v)));
                return;
            }
        }
        kind_ = value_kind::integer;
        scalar_.i = static_cast<std::int64_t>(v);
    }
    value(double d) noexcept : kind_(value_kind::floating) { scalar_.f = d; }
    value(float f) noexcept : value(static_cast<double>(f)) {}
    /// A str. Throws invalid_argument unless `utf8` is valid UTF-8 (Python strs are Unicode text).
    value(std::string utf8) : kind_(value_kind::str), payload_(make_text(std::move(utf8), true)) {}
    value(std::string_view utf8) : value(std::string(utf8)) {}
    value(const char* utf8) : value(std::string(utf8)) {}
    /// An int; one that fits int64 is stored as `integer`.
    value(const big_int& n) {
        if (const auto small = n.to_int64()) {
            kind_ = value_kind::integer;
            scalar_.i = *small;
        } else {
            kind_ = value_kind::big_integer;
            payload_ = std::make_shared<big_int>(n);
        }
    }
    /// A numpy.ndarray.
    value(vidata::ndarray array) : kind_(value_kind::ndarray), payload_(std::make_shared<vidata::ndarray>(std::move(array))) {}

    [[nodiscard]] static value bytes(std::string data) { return value(value_kind::bytes, make_text(std::move(data), false)); }
    [[nodiscard]] static value bytearray(std::string data) { return value(value_kind::bytearray, make_text(std::move(data), false)); }
    [[nodiscard]] static value list(std::vector<value> items) { return value(value_kind::list, std::make_shared<std::vector<value>>(std::move(items))); }
    [[nodiscard]] static value tuple(std::vector<value> items) { return value(value_kind::tuple, std::make_shared<std::vector<value>>(std::move(items))); }
    /// A set; the elements are kept in the given order and should be distinct (Python would merge equal ones).
    [[nodiscard]] static value set(std::vector<value> items) { return value(value_kind::set, std::make_shared<std::vector<value>>(std::move(items))); }
    [[nodiscard]] static value frozenset(std::vector<value> items) { return value(value_kind::frozenset, std::make_shared<std::vector<value>>(std::move(items))); }
    /// A dict in the given order. Keys should be distinct: when one repeats, find() sees the last
    /// entry, as Python would after loading what dump() writes.
    [[nodiscard]] static value dict(dict_items items) { return make_dict(dict_flavor::dict, std::move(items), {}); }
    [[nodiscard]] static value ordered_dict(dict_items items) { return make_dict(dict_flavor::ordered_dict, std::move(items), {}); }
    /// A collections.defaultdict whose default_factory is the builtin type named `factory` ("list",
    /// "int", "dict", ...; empty for None).
    [[nodiscard]] static value defaultdict(std::string factory, dict_items items) {
        return make_dict(dict_flavor::defaultdict, std::move(items), std::move(factory));
    }
    /// A numpy scalar (numpy.float32, numpy.int64, numpy.bool_...) from a 0-d array.
    [[nodiscard]] static value numpy_scalar(vidata::ndarray zero_d) {
        if (zero_d.ndim() != 0) throw invalid_argument("vidata::pickle::value::numpy_scalar: expected a 0-d array, got shape " + vidata::ndarray::shape_string(zero_d.shape()));
        return value(value_kind::numpy_scalar, std::make_shared<vidata::ndarray>(std::move(zero_d)));
    }
    /// A numpy scalar of T's dtype: numpy_scalar(std::uint8_t{164}) is numpy.uint8(164).
    template <class T>
        requires std::is_arithmetic_v<T>
    [[nodiscard]] static value numpy_scalar(T v) {
        return numpy_scalar(vidata::ndarray::from_values<T>({}, std::span<const T>(&v, 1)));
    }
    /// A numpy.str_ (valid UTF-8 required, as for str).
    [[nodiscard]] static value numpy_str(std::string utf8) {
        value v(value_kind::str, make_text(std::move(utf8), true));
        v.flavor_ = numpy_flavor;
        return v;
    }
    /// A numpy.bytes_.
    [[nodiscard]] static value numpy_bytes(std::string data) {
        value v(value_kind::bytes, make_text(std::move(data), false));
        v.flavor_ = numpy_flavor;
        return v;
    }

    value(const value&) = default;
    value(value&& other) noexcept : kind_(other.kind_), flavor_(other.flavor_), scalar_(other.scalar_), payload_(std::move(other.payload_)) {
        other.kind_ = value_kind::none;
        other.flavor_ = 0;
    }
    value& operator=(const value& other) {
        value copy(other);
        swap(copy);
        return *this;
    }
    value& operator=(value&& other) noexcept {
        value taken(std::move(other));
        swap(taken);
        return *this;
    }
    ~value() { release_deep(); }

    void swap(value& other) noexcept {
        std::swap(kind_, other.kind_);
        std::swap(flavor_, other.flavor_);
        std::swap(scalar_, other.scalar_);
        payload_.swap(other.payload_);
    }

    [[nodiscard]] value_kind kind() const noexcept { return kind_; }

    /// Python's name of the type: "NoneType", "int", "str", "dict", "collections.OrderedDict",
    /// "numpy.ndarray", "numpy.float32", "numpy.bool_", "numpy.str_"...
    [[nodiscard]] std::string type_name() const {
        switch (kind_) {
        case value_kind::none: return "NoneType";
        case value_kind::boolean: return "bool";
        case value_kind::integer:
        case value_kind::big_integer: return "int";
        case value_kind::floating: return "float";
        case value_kind::str: return flavor_ == numpy_flavor ? "numpy.str_" : "str";
        case value_kind::bytes: return flavor_ == numpy_flavor ? "numpy.bytes_" : "bytes";
        case value_kind::bytearray: return "bytearray";
        case value_kind::list: return "list";
        case value_kind::tuple: return "tuple";
        case value_kind::dict:
            switch (static_cast<dict_flavor>(flavor_)) {
            case dict_flavor::ordered_dict: return "collections.OrderedDict";
            case dict_flavor::defaultdict: return "collections.defaultdict";
            default: return "dict";
            }
        case value_kind::set: return "set";
        case value_kind::frozenset: return "frozenset";
        case value_kind::ndarray: return "numpy.ndarray";
        case value_kind::numpy_scalar: {
            const auto& t = array_payload().type();
            return t.kind == 'b' ? "numpy.bool_" : "numpy." + t.name();
        }
        }
        return "?";
    }

    [[nodiscard]] bool is_none() const noexcept { return kind_ == value_kind::none; }
    [[nodiscard]] bool is_bool() const noexcept { return kind_ == value_kind::boolean; }
    /// A Python int (of any size; bool is not counted although Python makes it an int subclass).
    [[nodiscard]] bool is_int() const noexcept { return kind_ == value_kind::integer || kind_ == value_kind::big_integer; }
    [[nodiscard]] bool is_float() const noexcept { return kind_ == value_kind::floating; }
    /// str or numpy.str_.
    [[nodiscard]] bool is_str() const noexcept { return kind_ == value_kind::str; }
    /// bytes or numpy.bytes_ (not bytearray).
    [[nodiscard]] bool is_bytes() const noexcept { return kind_ == value_kind::bytes; }
    [[nodiscard]] bool is_bytearray() const noexcept { return kind_ == value_kind::bytearray; }
    [[nodiscard]] bool is_list() const noexcept { return kind_ == value_kind::list; }
    [[nodiscard]] bool is_tuple() const noexcept { return kind_ == value_kind::tuple; }
    /// dict, OrderedDict or defaultdict.
    [[nodiscard]] bool is_dict() const noexcept { return kind_ == value_kind::dict; }
    /// set or frozenset.
    [[nodiscard]] bool is_set() const noexcept { return kind_ == value_kind::set || kind_ == value_kind::frozenset; }
    [[nodiscard]] bool is_ndarray() const noexcept { return kind_ == value_kind::ndarray; }
    [[nodiscard]] bool is_numpy_scalar() const noexcept { return kind_ == value_kind::numpy_scalar; }
    /// A numpy object: ndarray, numpy scalar, numpy.str_ or numpy.bytes_.
    [[nodiscard]] bool is_numpy() const noexcept {
        return kind_ == value_kind::ndarray || kind_ == value_kind::numpy_scalar || (flavor_ == numpy_flavor && (kind_ == value_kind::str || kind_ == value_kind::bytes));
    }
    /// list, tuple, dict, set or frozenset: a value that holds other values.
    [[nodiscard]] bool is_container() const noexcept { return is_container_kind(kind_); }

    /// bool or numpy.bool_.
    [[nodiscard]] bool as_bool() const {
        if (kind_ == value_kind::boolean) return scalar_.b;
        if (kind_ == value_kind::numpy_scalar && array_payload().type().kind == 'b') return array_payload().at<bool>(0);
        type_mismatch("bool");
    }

    /// An int that fits int64, a bool (as 0/1, as Python allows), or a numpy integer or bool scalar
    /// that fits. Throws for anything else, including ints beyond int64 (see as_big_int()).
    [[nodiscard]] std::int64_t as_int() const {
        switch (kind_) {
        case value_kind::integer: return scalar_.i;
        case value_kind::boolean: return scalar_.b ? 1 : 0;
        case value_kind::big_integer:
            throw invalid_argument("vidata::pickle::value: the int " + big_payload().to_string() + " does not fit in 64 bits");
        case value_kind::numpy_scalar: {
            const auto& a = array_payload();
            if (a.type().kind == 'u' && a.type().itemsize == 8) {
                const auto u = a.at<std::uint64_t>(0);
                if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                    throw invalid_argument("vidata::pickle::value: numpy.uint64 " + std::to_string(u) + " does not fit in int64");
                return static_cast<std::int64_t>(u);
            }
            if (a.type().kind == 'i' || a.type().kind == 'u' || a.type().kind == 'b') return a.at<std::int64_t>(0);
            break;
        }
        default: break;
        }
        type_mismatch("int");
    }

    /// Any int (bool and numpy integer scalars included) as a big_int.
    [[nodiscard]] big_int as_big_int() const {
        if (kind_ == value_kind::big_integer) return big_payload();
        if (kind_ == value_kind::numpy_scalar && array_payload().type().kind == 'u' && array_payload().type().itemsize == 8)
            return big_int::from_uint64(array_payload().at<std::uint64_t>(0));
        return big_int(as_int());
    }

    /// A float, an int (converted as Python's float() does), or a numpy float, int or bool scalar.
    [[nodiscard]] double as_float() const {
        switch (kind_) {
        case value_kind::floating: return scalar_.f;
        case value_kind::integer: return static_cast<double>(scalar_.i);
        case value_kind::boolean: return scalar_.b ? 1.0 : 0.0;
        case value_kind::big_integer: return big_payload().to_double();
        case value_kind::numpy_scalar: return array_payload().at<double>(0);
        default: type_mismatch("float");
        }
    }

    /// The UTF-8 text of a str or numpy.str_.
    [[nodiscard]] const std::string& as_str() const {
        if (kind_ != value_kind::str) type_mismatch("str");
        return text_payload();
    }

    /// The bytes of a bytes, bytearray or numpy.bytes_.
    [[nodiscard]] const std::string& as_bytes() const {
        if (kind_ != value_kind::bytes && kind_ != value_kind::bytearray) type_mismatch("bytes");
        return text_payload();
    }

    /// The elements of a list or a tuple.
    [[nodiscard]] const std::vector<value>& as_list() const {
        if (kind_ != value_kind::list && kind_ != value_kind::tuple) type_mismatch("list or tuple");
        return sequence_payload();
    }

    /// The elements of a tuple.
    [[nodiscard]] const std::vector<value>& as_tuple() const {
        if (kind_ != value_kind::tuple) type_mismatch("tuple");
        return sequence_payload();
    }

    /// The elements of a set or frozenset, in the order the pickle listed them.
    [[nodiscard]] const std::vector<value>& as_set() const {
        if (!is_set()) type_mismatch("set or frozenset");
        return sequence_payload();
    }

    /// The elements of a list, tuple, set or frozenset.
    [[nodiscard]] const std::vector<value>& elements() const {
        if (kind_ != value_kind::list && kind_ != value_kind::tuple && !is_set()) type_mismatch("list, tuple, set or frozenset");
        return sequence_payload();
    }

    /// The entries of a dict, OrderedDict or defaultdict, in insertion order.
    [[nodiscard]] const dict_items& as_dict() const;

    [[nodiscard]] dict_flavor flavor() const {
        if (kind_ != value_kind::dict) type_mismatch("dict");
        return static_cast<dict_flavor>(flavor_);
    }

    /// A defaultdict's factory type name ("list", "int"...; empty when it is None).
    [[nodiscard]] const std::string& default_factory() const;

    /// The array of a numpy.ndarray, or the 0-d array of a numpy scalar.
    [[nodiscard]] const vidata::ndarray& as_ndarray() const {
        if (kind_ != value_kind::ndarray && kind_ != value_kind::numpy_scalar) type_mismatch("numpy.ndarray");
        return array_payload();
    }

    /// Number of elements of a list, tuple, set, frozenset or dict.
    [[nodiscard]] std::size_t size() const;

    /// Element `i` of a list or tuple.
    [[nodiscard]] const value& operator[](std::size_t i) const {
        const auto& items = as_list();
        if (i >= items.size()) throw invalid_argument("vidata::pickle::value: index " + std::to_string(i) + " out of range for a " + type_name() + " of " + std::to_string(items.size()));
        return items[i];
    }

    /// The value of the str key `key` in a dict, or nullptr when absent. O(size()).
    [[nodiscard]] const value* find(std::string_view key) const;
    /// The value of `key` (compared as Python compares keys: 1 == 1.0 == True, 'a' == numpy.str_('a')), or nullptr.
    [[nodiscard]] const value* find(const value& key) const;
    [[nodiscard]] const value* find(const char* key) const { return find(std::string_view(key)); }
    [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
    /// The value of the str key `key`; throws invalid_argument naming the key when it is absent.
    [[nodiscard]] const value& get(std::string_view key) const {
        if (const value* v = find(key)) return *v;
        throw invalid_argument("vidata::pickle::value: the " + type_name() + " has no key '" + vidata::detail::quote_excerpt(key) + "'");
    }
    [[nodiscard]] const value& operator[](std::string_view key) const { return get(key); }

    /// Structural identity: same type (OrderedDict is not dict, numpy.str_ is not str), same contents
    /// in the same order; floats compare by bit pattern (NaN equals NaN, 0.0 differs from -0.0) and
    /// arrays by dtype, shape and element bytes. Iterative, so deep values are fine.
    friend bool operator==(const value& a, const value& b);

    /// The shared storage of a str, bytes, container or array, for code that must recognise the same
    /// object met twice (the writer's memo); nullptr for scalars.
    [[nodiscard]] const void* identity() const noexcept { return payload_.get(); }
    /// Whether another value shares this one's storage.
    [[nodiscard]] bool is_shared() const noexcept { return payload_.use_count() > 1; }

private:
    friend struct detail::value_access;
    static constexpr std::uint8_t numpy_flavor = 1;

    value(value_kind k, std::shared_ptr<void> payload) noexcept : kind_(k), payload_(std::move(payload)) {}

    static value make_dict(dict_flavor f, dict_items items, std::string factory);

    static std::shared_ptr<void> make_text(std::string s, bool must_be_utf8) {
        if (must_be_utf8) {
            if (const auto bad = detail::first_invalid_utf8(s); bad != detail::utf8_valid)
                throw invalid_argument("vidata::pickle::value: a str must be valid UTF-8; byte " + std::to_string(bad) + " is not");
        }
        return std::make_shared<std::string>(std::move(s));
    }

    [[nodiscard]] static constexpr bool is_container_kind(value_kind k) noexcept {
        return k == value_kind::list || k == value_kind::tuple || k == value_kind::dict || k == value_kind::set || k == value_kind::frozenset;
    }

    [[noreturn]] void type_mismatch(const char* wanted) const {
        throw invalid_argument(std::string("vidata::pickle::value: expected ") + wanted + ", got " + type_name());
    }

    [[nodiscard]] const std::string& text_payload() const noexcept { return *static_cast<const std::string*>(payload_.get()); }
    [[nodiscard]] const big_int& big_payload() const noexcept { return *static_cast<const big_int*>(payload_.get()); }
    [[nodiscard]] const std::vector<value>& sequence_payload() const noexcept { return *static_cast<const std::vector<value>*>(payload_.get()); }
    [[nodiscard]] const vidata::ndarray& array_payload() const noexcept { return *static_cast<const vidata::ndarray*>(payload_.get()); }

    // True when destroying this value would recurse: it solely owns a container that solely owns another.
    [[nodiscard]] bool owns_nested_container() noexcept;
    void release_deep() noexcept;
    template <class F>
    void for_each_child_mut(F&& f) noexcept;

    value_kind kind_ = value_kind::none;
    std::uint8_t flavor_ = 0;  // dict_flavor for dicts; numpy_flavor for numpy.str_ / numpy.bytes_
    union {
        bool b;
        std::int64_t i;
        double f;
    } scalar_{};
    std::shared_ptr<void> payload_;  // std::string, big_int, std::vector<value>, detail::dict_payload or ndarray
};

namespace detail {

struct dict_payload {
    dict_items items;
    std::string factory;
};

/// Construction paths for the reader, which has already validated what it passes.
struct value_access {
    [[nodiscard]] static value validated_str(std::string utf8) {
        return value(value_kind::str, std::make_shared<std::string>(std::move(utf8)));
    }
};

/// Python's == on dict keys and set elements, restricted to the types vidata can compare cheaply:
/// None, bool, int, float (numerically: True == 1 == 1.0), str/numpy.str_, bytes/numpy.bytes_.
/// Other types fall back to structural identity.
[[nodiscard]] inline bool key_equal(const value& a, const value& b);

}  // namespace detail

inline value value::make_dict(dict_flavor f, dict_items items, std::string factory) {
    value v(value_kind::dict, std::make_shared<detail::dict_payload>(detail::dict_payload{std::move(items), std::move(factory)}));
    v.flavor_ = static_cast<std::uint8_t>(f);
    return v;
}

inline const dict_items& value::as_dict() const {
    if (kind_ != value_kind::dict) type_mismatch("dict");
    return static_cast<const detail::dict_payload*>(payload_.get())->items;
}

inline const std::string& value::default_factory() const {
    if (kind_ != value_kind::dict || flavor_ != static_cast<std::uint8_t>(dict_flavor::defaultdict)) type_mismatch("collections.defaultdict");
    return static_cast<const detail::dict_payload*>(payload_.get())->factory;
}

inline std::size_t value::size() const {
    if (kind_ == value_kind::dict) return as_dict().size();
    if (is_container()) return sequence_payload().size();
    type_mismatch("a container");
}

inline const value* value::find(std::string_view key) const {
    const auto& items = as_dict();
    for (auto it = items.rbegin(); it != items.rend(); ++it)
        if (it->first.kind_ == value_kind::str && it->first.text_payload() == key) return &it->second;
    return nullptr;
}

inline const value* value::find(const value& key) const {
    const auto& items = as_dict();
    for (auto it = items.rbegin(); it != items.rend(); ++it)
        if (detail::key_equal(it->first, key)) return &it->second;
    return nullptr;
}

template <class F>
void value::for_each_child_mut(F&& f) noexcept {
    if (kind_ == value_kind::dict) {
        for (auto& [k, v] : static_cast<detail::dict_payload*>(payload_.get())->items) {
            f(k);
            f(v);
        }
    } else if (is_container()) {
        for (auto& v : *static_cast<std::vector<value>*>(payload_.get())) f(v);
    }
}

inline bool value::owns_nested_container() noexcept {
    if (!is_container() || payload_.use_count() != 1) return false;
    bool nested = false;
    for_each_child_mut([&](value& c) {
        nested = nested || (c.is_container() && c.payload_.use_count() == 1);
    });
    return nested;
}

inline void value::release_deep() noexcept {
    if (!owns_nested_container()) return;
    // Containers solely owned by this value are detached into a work list and destroyed one level at
    // a time, so a million nested lists need a million-entry vector, not a million stack frames.
    std::vector<value> pending;
    auto detach = [&](value& c) {
        if (c.is_container() && c.payload_.use_count() == 1) pending.push_back(std::move(c));
    };
    for_each_child_mut(detach);
    while (!pending.empty()) {
        value v = std::move(pending.back());
        pending.pop_back();
        v.for_each_child_mut(detach);
    }
}

inline bool operator==(const value& a, const value& b) {
    // Pairs of containers already compared (or queued): a value whose containers are shared many
    // times through the memo would otherwise cost one comparison per path, exponentially many.
    struct pair_hash {
        std::size_t operator()(const std::pair<const void*, const void*>& p) const noexcept {
            return std::hash<const void*>{}(p.first) * 31 + std::hash<const void*>{}(p.second);
        }
    };
    std::unordered_set<std::pair<const void*, const void*>, pair_hash> seen;
    std::vector<std::pair<const value*, const value*>> work{{&a, &b}};
    while (!work.empty()) {
        const auto [x, y] = work.back();
        work.pop_back();
        if (x->kind_ != y->kind_ || x->flavor_ != y->flavor_) return false;
        if (x->payload_ && x->payload_ == y->payload_) continue;  // the same object
        if (x->is_container() && !seen.emplace(x->payload_.get(), y->payload_.get()).second) continue;
        switch (x->kind_) {
        case value_kind::none: break;
        case value_kind::boolean:
            if (x->scalar_.b != y->scalar_.b) return false;
            break;
        case value_kind::integer:
            if (x->scalar_.i != y->scalar_.i) return false;
            break;
        case value_kind::floating:
            if (std::bit_cast<std::uint64_t>(x->scalar_.f) != std::bit_cast<std::uint64_t>(y->scalar_.f)) return false;
            break;
        case value_kind::big_integer:
            if (!(x->big_payload() == y->big_payload())) return false;
            break;
        case value_kind::str:
        case value_kind::bytes:
        case value_kind::bytearray:
            if (x->text_payload() != y->text_payload()) return false;
            break;
        case value_kind::ndarray:
        case value_kind::numpy_scalar:
            if (!(x->array_payload() == y->array_payload())) return false;
            if (x->array_payload().ndim() >= 2 && x->array_payload().fortran_order() != y->array_payload().fortran_order()) return false;
            break;
        case value_kind::dict: {
            const auto* px = static_cast<const detail::dict_payload*>(x->payload_.get());
            const auto* py = static_cast<const detail::dict_payload*>(y->payload_.get());
            if (px->items.size() != py->items.size() || px->factory != py->factory) return false;
            for (std::size_t i = 0; i < px->items.size(); ++i) {
                work.emplace_back(&px->items[i].first, &py->items[i].first);
                work.emplace_back(&px->items[i].second, &py->items[i].second);
            }
            break;
        }
        default: {
            const auto& ex = x->sequence_payload();
            const auto& ey = y->sequence_payload();
            if (ex.size() != ey.size()) return false;
            for (std::size_t i = 0; i < ex.size(); ++i) work.emplace_back(&ex[i], &ey[i]);
        }
        }
    }
    return true;
}

namespace detail {

inline bool key_equal(const value& a, const value& b) {
    const auto numeric = [](const value& v) {
        return v.is_bool() || v.kind() == value_kind::integer || v.is_float();
    };
    if (numeric(a) && numeric(b)) {
        if (a.is_float() && b.is_float()) return a.as_float() == b.as_float();
        if (!a.is_float() && !b.is_float()) return a.as_int() == b.as_int();
        // int == float compares exactly in Python; a double converts to int64 exactly when it is
        // integral and within [-2^63, 2^63).
        const double d = a.is_float() ? a.as_float() : b.as_float();
        const std::int64_t i = a.is_float() ? b.as_int() : a.as_int();
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != static_cast<double>(static_cast<std::int64_t>(d))) return false;
        return static_cast<std::int64_t>(d) == i;
    }
    if (a.is_str() && b.is_str()) return a.as_str() == b.as_str();
    if (a.is_bytes() && b.is_bytes()) return a.as_bytes() == b.as_bytes();
    return a == b;
}

}  // namespace detail

}  // namespace vidata::pickle
