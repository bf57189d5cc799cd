// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::atomic_file: commit, discard, errors, killed writers and concurrent writers of one target.
#include <vidata/io/atomic_file.hpp>

#include "support.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A payload that shows whether it is complete: `size` copies of one character.
std::string payload(char c, std::size_t size) { return std::string(size, c); }

bool complete_payload(const std::string& s, std::size_t size) {
    return s.size() == size && s.find_first_not_of(s.empty() ? '\0' : s[0]) == std::string::npos;
}

// Runs `body` in a child process and returns its wait status. The child never returns into Catch.
template <class F>
pid_t spawn(F&& body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = 1;
        try {
            code = body();
        } catch (...) {
            code = 2;
        }
        ::_exit(code);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

}  // namespace

TEST_CASE("atomic_file: nothing is visible before commit, everything after", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "list.txt";
    {
        vidata::atomic_file file(target);
        CHECK(file.is_open());
        file.stream() << "v_a 12 " << 3 << '\n';
        file.write(std::string_view("v_b 7 1\n"));
        const std::string temp_name = file.temp_path().filename().string();
        CHECK(temp_name.starts_with(".list.txt.tmp."));
        CHECK(temp_name.size() == std::string(".list.txt.tmp.").size() + 6);
        CHECK(file.temp_path().parent_path() == dir.path());
        CHECK_FALSE(fs::exists(target));
        CHECK(names_in(dir.path()) == std::vector<std::string>{temp_name});
        file.commit();
        CHECK_FALSE(file.is_open());
        CHECK(file.temp_path().empty());
    }
    CHECK(vidata::test::read_file(target) == "v_a 12 3\nv_b 7 1\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"list.txt"});
}

TEST_CASE("atomic_file: replacing keeps the old file's permissions", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "a.csv";
    vidata::test::write_file(target, "old");
    ::chmod(target.c_str(), 0640);
    vidata::write_file_atomically(target, std::string_view("new content"));
    CHECK(vidata::test::read_file(target) == "new content");
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);

    // A new file gets 0666 minus the umask, not mkstemp's 0600.
    const mode_t mask = ::umask(022);
    vidata::write_file_atomically(dir / "fresh", std::string_view("x"), {.durable = false});
    ::umask(mask);
    REQUIRE(::stat((dir / "fresh").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0644);

    const std::vector<unsigned char> bytes{0, 1, 2, 255};
    vidata::write_file_atomically(dir / "bytes", std::span<const unsigned char>(bytes));
    CHECK(vidata::test::read_file(dir / "bytes") == std::string("\0\1\2\xff", 4));
}

TEST_CASE("atomic_file: without commit the target stays as it was", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "keep.json";
    vidata::test::write_file(target, "{\"old\": true}");
    {
        vidata::atomic_file file(target);
        file.stream() << "{\"new\": ";  // ... and an exception, an early return: no commit
    }
    CHECK(vidata::test::read_file(target) == "{\"old\": true}");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"keep.json"});

    try {
        vidata::atomic_file file(dir / "absent.json");
        file.stream() << "partial";
        throw std::runtime_error("failure halfway");
    } catch (const std::runtime_error&) {
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"keep.json"});

    vidata::atomic_file discarded(target);
    discarded.stream() << "x";
    discarded.discard();
    CHECK_FALSE(discarded.is_open());
    CHECK(names_in(dir.path()) == std::vector<std::string>{"keep.json"});
    CHECK_THROWS_AS(discarded.commit(), vidata::invalid_argument);
    CHECK_THROWS_AS(discarded.stream(), vidata::invalid_argument);
}

TEST_CASE("atomic_file: move", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    vidata::atomic_file a(dir / "m.txt");
    a.stream() << "moved ";
    vidata::atomic_file b = std::move(a);
    b.stream() << "content";
    vidata::atomic_file c(dir / "other.txt");
    c = std::move(b);  // discards other.txt's temporary
    c.commit();
    CHECK(vidata::test::read_file(dir / "m.txt") == "moved content");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"m.txt"});
}

TEST_CASE("atomic_file: errors name the path and the OS reason", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto in_missing_dir = dir / "no/such/dir/x.txt";
    try {
        vidata::atomic_file file(in_missing_dir);
        FAIL("no exception");
    } catch (const vidata::io_error& e) {
        CHECK(e.path() == in_missing_dir.string());
        CHECK(std::string(e.what()) == "[vidata.io_error] " + in_missing_dir.string() + ": cannot create a temporary file in " +
                                           (dir / "no/such/dir").string() + ": No such file or directory");
    }

    // Renaming over a non-empty directory fails at commit: the temporary goes, the directory stays.
    fs::create_directories(dir / "occupied" / "child");
    try {
        vidata::write_file_atomically(dir / "occupied", std::string_view("x"));
        FAIL("no exception");
    } catch (const vidata::io_error& e) {
        const std::string what = e.what();
        CHECK(what.starts_with("[vidata.io_error] " + (dir / "occupied").string() + ": cannot rename "));
        CHECK(what.ends_with(" over it: Is a directory"));
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"occupied"});

    // A write error (here the file size limit, EFBIG) surfaces at commit, with the old content kept.
    // In a child process, since the limit is process-wide.
    const auto target = dir / "limited.bin";
    vidata::test::write_file(target, "old");
    const pid_t pid = spawn([&] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{100000, 100000};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 3;
        vidata::atomic_file file(target);
        file.write(payload('z', 300000));
        try {
            file.commit();
        } catch (const vidata::io_error& e) {
            const std::string what = e.what();
            return what.find(": cannot write ") != std::string::npos && what.ends_with(": File too large") ? 0 : 4;
        }
        return 5;
    });
    const int status = wait_for(pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(vidata::test::read_file(target) == "old");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"limited.bin", "occupied"});
}

TEST_CASE("atomic_file: a writer killed before commit leaves the target untouched", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "train_list.txt";
    for (const bool had_old_content : {true, false}) {
        INFO("old content: " << had_old_content);
        if (had_old_content) vidata::test::write_file(target, "old complete content\n");
        const pid_t pid = spawn([&] {
            vidata::atomic_file file(target);
            file.write(payload('h', 1 << 20));  // half of what it meant to write
            file.stream().flush();
            std::raise(SIGKILL);
            return 0;
        });
        const int status = wait_for(pid);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
        if (had_old_content) {
            CHECK(vidata::test::read_file(target) == "old complete content\n");
        } else {
            CHECK_FALSE(fs::exists(target));
        }
        // The killed writer's temporary is all that is left, and it is cleaned up without harm.
        const auto names = names_in(dir.path());
        CHECK(names.size() == (had_old_content ? 2u : 1u));
        CHECK(vidata::remove_stale_temp_files(target) == 1);
        CHECK(names_in(dir.path()) == (had_old_content ? std::vector<std::string>{"train_list.txt"} : std::vector<std::string>{}));
        CHECK(vidata::remove_stale_temp_files(target) == 0);
        // A later writer succeeds.
        vidata::write_file_atomically(target, std::string_view("resumed\n"));
        CHECK(vidata::test::read_file(target) == "resumed\n");
        fs::remove(target);
    }
}

TEST_CASE("atomic_file: a writer killed at any moment leaves a complete file", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "features.bin";
    constexpr std::size_t size = 256 * 1024;
    vidata::test::write_file(target, payload('@', size));
    std::set<char> seen;
    for (int round = 0; round < 6; ++round) {
        const pid_t pid = spawn([&] {
            for (int k = 0;; ++k) vidata::write_file_atomically(target, payload(static_cast<char>('a' + k % 26), size));
            return 0;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(15 + 20 * round));
        ::kill(pid, SIGKILL);
        const int status = wait_for(pid);
        CHECK(WIFSIGNALED(status));
        INFO("round " << round);
        const std::string content = vidata::test::read_file(target);
        CHECK(complete_payload(content, size));
        if (!content.empty()) seen.insert(content[0]);
        (void)vidata::remove_stale_temp_files(target);
    }
    CHECK(seen.size() > 1);  // the writers did get to commit, and were killed at different points
    CHECK(names_in(dir.path()) == std::vector<std::string>{"features.bin"});
}

TEST_CASE("atomic_file: concurrent writers of one target each leave a complete file", "[io][atomic_file]") {
    vidata::test::temp_dir dir;
    const auto target = dir / "shared.txt";
    constexpr std::size_t size = 200 * 1024;
    constexpr int writers = 4, commits = 25;
    std::vector<pid_t> children;
    for (int w = 0; w < writers; ++w) {
        children.push_back(spawn([&, w] {
            for (int k = 0; k < commits; ++k) {
                vidata::atomic_file file(target, {.durable = k % 2 == 0});
                // Written in pieces so that writers interleave.
                for (int piece = 0; piece < 8; ++piece) file.write(payload(static_cast<char>('A' + w), size / 8));
                file.commit();
            }
            return 0;
        }));
    }
    // Meanwhile, every read sees a complete file from one writer (or none yet).
    int reads = 0, incomplete = 0;
    std::vector<int> statuses(children.size(), -1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        bool running = false;
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (statuses[i] != -1) continue;
            int status = 0;
            if (::waitpid(children[i], &status, WNOHANG) == children[i]) statuses[i] = status;
            else running = true;
        }
        if (fs::exists(target)) {
            ++reads;
            if (!complete_payload(vidata::test::read_file(target), size)) ++incomplete;
        }
        if (!running) break;
        if (std::chrono::steady_clock::now() > deadline) {
            for (std::size_t i = 0; i < children.size(); ++i)
                if (statuses[i] == -1) ::kill(children[i], SIGKILL), statuses[i] = wait_for(children[i]);
            FAIL("the writers did not finish in time");
        }
    }
    for (const int status : statuses) CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    CHECK(reads > 0);
    CHECK(incomplete == 0);
    CHECK(complete_payload(vidata::test::read_file(target), size));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"shared.txt"});
}
