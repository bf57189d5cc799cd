// SPDX-License-Identifier: Apache-2.0
// VIDATA_ASSERT and VIDATA_DEBUG_ASSERT: how vidata reacts to a broken precondition (a bug in the caller).
#pragma once

#include <cstdio>
#include <cstdlib>

// vidata separates two kinds of failure. Bad input (a malformed list, a missing file, a corrupt video)
// is recoverable and throws an exception derived from vidata::error. A broken precondition (an index
// past the end, a shape that does not match its data) is a bug in the calling code; it goes through
// VIDATA_ASSERT(condition, message):
//
//  - By default it is checked in every build type and, on failure, prints
//      vidata: assertion failed: <message> [<condition>] at <file>:<line>
//    to stderr and calls std::abort(). Aborting rather than throwing keeps bugs out of the
//    `catch (const vidata::error&)` paths with which tools skip a corrupt video, and leaves a core dump
//    at the faulty call.
//  - In a constant expression a failed assertion is a compile error: the handler is not constexpr.
//  - To replace it (throw your own exception, log, or expand to nothing), define VIDATA_ASSERT before
//    the first vidata include. Define it identically in every translation unit of a program (a project-
//    wide compile definition), as for any macro that changes the body of inline functions.
//
// VIDATA_DEBUG_ASSERT guards per-element accessors (`clip(t, y, x, c)`, `tensor(i, j)`), which sit in
// inner loops: it is VIDATA_ASSERT unless NDEBUG is defined, and then checks nothing. It can be replaced
// the same way.

namespace vidata::detail {

[[noreturn]] inline void assertion_failed(const char* condition, const char* message, const char* file,
                                          int line) noexcept {
    std::fprintf(stderr, "vidata: assertion failed: %s [%s] at %s:%d\n", message, condition, file, line);
    std::fflush(stderr);
    std::abort();
}

}  // namespace vidata::detail

#ifndef VIDATA_ASSERT
#define VIDATA_ASSERT(condition, message)                                                                \
    (static_cast<bool>(condition) ? static_cast<void>(0)                                                 \
                                  : ::vidata::detail::assertion_failed(#condition, message, __FILE__, __LINE__))
#endif

#ifndef VIDATA_DEBUG_ASSERT
#ifdef NDEBUG
// sizeof keeps the operands "used" (no unused-variable warnings) without evaluating them.
#define VIDATA_DEBUG_ASSERT(condition, message) static_cast<void>(sizeof(static_cast<bool>(condition)))
#else
#define VIDATA_DEBUG_ASSERT(condition, message) VIDATA_ASSERT(condition, message)
#endif
#endif
