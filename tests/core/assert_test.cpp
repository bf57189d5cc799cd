// SPDX-License-Identifier: Apache-2.0
// Tests of VIDATA_ASSERT's default: a broken precondition aborts with the message and the file:line.
#include <vidata/core/assert.hpp>
#include <vidata/core/frame_indices.hpp>
#include <vidata/core/tensor.hpp>

#include "support.hpp"

#include <csignal>
#include <cstdio>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace {

struct death {
    bool aborted = false;
    std::string stderr_text;
};

// Runs `f` in a child process with stderr captured, and reports whether it died of SIGABRT.
template <class F>
death run_in_child(F f) {
    std::fflush(nullptr);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        ::dup2(fds[1], 2);
        // Catch2's fatal-signal handler is inherited: restore the default so the child simply dies.
        std::signal(SIGABRT, SIG_DFL);
        f();
        ::_exit(0);  // not reached when the assertion fires
    }
    ::close(fds[1]);
    death d;
    char buffer[512];
    ssize_t n;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) d.stderr_text.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    d.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    return d;
}

}  // namespace

TEST_CASE("VIDATA_ASSERT aborts with the message, the condition and the location", "[core][assert]") {
    const death d = run_in_child([] { const vidata::frame_indices fi(2, 3, {0, 1, 2}); (void)fi; });
    CHECK(d.aborted);
    CHECK_THAT(d.stderr_text, Catch::Contains("vidata: assertion failed: vidata::frame_indices: the number of indices is not num_clips * clip_len"));
    CHECK_THAT(d.stderr_text, Catch::Contains("flat_.size() == num_clips_ * clip_len_"));
    CHECK_THAT(d.stderr_text, Catch::Contains("frame_indices.hpp:"));
}

TEST_CASE("VIDATA_ASSERT lets a satisfied precondition through", "[core][assert]") {
    const death d = run_in_child([] { const vidata::frame_indices fi(2, 3, {0, 1, 2, 3, 4, 5}); (void)fi; });
    CHECK_FALSE(d.aborted);
    CHECK(d.stderr_text.empty());
}

#ifndef NDEBUG
TEST_CASE("VIDATA_DEBUG_ASSERT checks element access in debug builds", "[core][assert]") {
    const death d = run_in_child([] {
        vidata::float_tensor t({2, 3});
        t(1, 3) = 1.f;
    });
    CHECK(d.aborted);
    CHECK_THAT(d.stderr_text, Catch::Contains("vidata::tensor: index out of range"));
}
#endif
