// SPDX-License-Identifier: Apache-2.0
// The allow-list of pickle globals: the only names the reader resolves, each to built-in behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>

namespace vidata::pickle::detail {

/// What an allowed global stands for. Nothing is imported or called: the reader implements each.
enum class callable : std::uint8_t {
    reconstruct,    // numpy.core.multiarray._reconstruct: an empty ndarray that BUILD fills
    scalar,         // numpy.core.multiarray.scalar(dtype, bytes): a numpy scalar
    frombuffer,     // numpy.core.numeric._frombuffer(buffer, dtype, shape, order): protocol 5 arrays
    ndarray_type,   // numpy.ndarray: only as _reconstruct's first argument
    dtype,          // numpy.dtype(code, align, copy): a dtype that BUILD completes
    codecs_encode,  // _codecs.encode(str, 'latin1'): protocol 2's spelling of bytes
    set, frozenset, list, bytes, bytearray,
    ordered_dict, defaultdict,
    factory_only    // int, float, str, dict, tuple, bool: allowed only as a defaultdict's default_factory
};

struct allowed_global {
    callable id;
    /// How a defaultdict names this type as its factory ("list", "collections.OrderedDict"); empty
    /// when it cannot be a factory.
    std::string_view factory_name;
};

/// The allow-list. Python 2's `__builtin__` is read as `builtins` (with `long` and `unicode` as `int`
/// and `str`) and numpy 2.x's `numpy._core` as `numpy.core`, as Python's own unpickler and numpy's
/// compatibility shims do.
[[nodiscard]] inline std::optional<allowed_global> resolve_global(std::string_view module, std::string_view name) {
    if (module == "numpy.core.multiarray" || module == "numpy._core.multiarray") {
        if (name == "_reconstruct") return allowed_global{callable::reconstruct, {}};
        if (name == "scalar") return allowed_global{callable::scalar, {}};
    } else if (module == "numpy.core.numeric" || module == "numpy._core.numeric") {
        if (name == "_frombuffer") return allowed_global{callable::frombuffer, {}};
    } else if (module == "numpy") {
        if (name == "ndarray") return allowed_global{callable::ndarray_type, {}};
        if (name == "dtype") return allowed_global{callable::dtype, {}};
    } else if (module == "_codecs") {
        if (name == "encode") return allowed_global{callable::codecs_encode, {}};
    } else if (module == "builtins" || module == "__builtin__") {
        // Python 3 writes int and str as Python 2's long and unicode below protocol 3 (its
        // _compat_pickle mapping) and reads them back as int and str.
        if (module == "__builtin__" && name == "long") return allowed_global{callable::factory_only, "int"};
        if (module == "__builtin__" && name == "unicode") return allowed_global{callable::factory_only, "str"};
        if (name == "set") return allowed_global{callable::set, "set"};
        if (name == "frozenset") return allowed_global{callable::frozenset, "frozenset"};
        if (name == "list") return allowed_global{callable::list, "list"};
        if (name == "bytes") return allowed_global{callable::bytes, "bytes"};
        if (name == "bytearray") return allowed_global{callable::bytearray, "bytearray"};
        if (name == "int") return allowed_global{callable::factory_only, "int"};
        if (name == "float") return allowed_global{callable::factory_only, "float"};
        if (name == "str") return allowed_global{callable::factory_only, "str"};
        if (name == "dict") return allowed_global{callable::factory_only, "dict"};
        if (name == "tuple") return allowed_global{callable::factory_only, "tuple"};
        if (name == "bool") return allowed_global{callable::factory_only, "bool"};
    } else if (module == "collections") {
        if (name == "OrderedDict") return allowed_global{callable::ordered_dict, "collections.OrderedDict"};
        if (name == "defaultdict") return allowed_global{callable::defaultdict, "collections.defaultdict"};
    }
    return std::nullopt;
}

/// The (module, name) the writer uses for a defaultdict factory name, or nullopt for names the
/// reader would refuse.
[[nodiscard]] inline std::optional<std::pair<std::string_view, std::string_view>> factory_global(std::string_view factory) {
    constexpr std::string_view collections_prefix = "collections.";
    if (factory.starts_with(collections_prefix)) {
        const auto name = factory.substr(collections_prefix.size());
        if (const auto g = resolve_global("collections", name)) return std::pair{std::string_view("collections"), g->factory_name.substr(collections_prefix.size())};
        return std::nullopt;
    }
    if (const auto g = resolve_global("builtins", factory); g && !g->factory_name.empty()) return std::pair{std::string_view("builtins"), g->factory_name};
    return std::nullopt;
}

}  // namespace vidata::pickle::detail
