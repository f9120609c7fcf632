#include "daemon/platform/command.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/platform/scoped_fd.h"

extern char** environ;

namespace kluis::platform {

namespace {

// What a failing command is called in errors: the program and its
// subcommand, never a path or a value.
std::string Describe(const std::vector<std::string>& argv) {
  std::string what = argv.at(0);
  for (size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "-c") {
      ++i;  // a config option's value: not the subcommand
      continue;
    }
    if (argv[i].empty() || argv[i][0] == '-' ||
        argv[i].find('/') != std::string::npos) {
      continue;
    }
    absl::StrAppend(&what, " ", argv[i]);
    break;
  }
  return what;
}

// Reads `fd` to its end, showing each chunk to `seen` (when set).
std::string Drain(int fd,
                  const std::function<void(absl::string_view)>& seen = {}) {
  std::string out;
  char buf[65536];
  while (true) {
    const ssize_t n = read(fd, buf, sizeof(buf));
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      if (seen) seen(absl::string_view(buf, static_cast<size_t>(n)));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

}  // namespace

absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv) {
  return RunCommand(argv, CommandOptions());
}

absl::StatusOr<std::string> RunCommand(
    const std::vector<std::string>& argv,
    const std::function<void(absl::string_view)>& on_stderr) {
  CommandOptions options;
  options.on_stderr = on_stderr;
  return RunCommand(argv, options);
}

namespace {

// The helpers running now, by process group, for CancelAllCommands.
struct Running {
  std::mutex mu;
  std::set<pid_t> groups;
  bool cancelled = false;
};
Running& running() {
  static Running* r = new Running;
  return *r;
}

// environ without the dropped variables, with the added ones.
std::vector<std::string> EnvironmentFor(const CommandOptions& options) {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const absl::string_view var(*e);
    bool drop = false;
    for (const std::string& prefix : options.drop_env_prefixes) {
      drop = drop || absl::StartsWith(var, prefix);
    }
    if (!drop) out.emplace_back(var);
  }
  out.insert(out.end(), options.env.begin(), options.env.end());
  return out;
}

}  // namespace

absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv,
                                       const CommandOptions& options) {
  const std::function<void(absl::string_view)>& on_stderr = options.on_stderr;
  const std::string what = Describe(argv);
  {
    std::lock_guard<std::mutex> lock(running().mu);
    if (running().cancelled) {
      return absl::AbortedError(
          absl::StrCat(what, ": stopped, kluisd is stopping"));
    }
  }
  int out_fds[2], err_fds[2];
  if (pipe2(out_fds, O_CLOEXEC) != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  ScopedFd out_read(out_fds[0]), out_write(out_fds[1]);
  if (pipe2(err_fds, O_CLOEXEC) != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  ScopedFd err_read(err_fds[0]), err_write(err_fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  std::vector<char*> args;
  for (const std::string& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  const std::vector<std::string> env_strings = EnvironmentFor(options);
  std::vector<char*> env;
  for (const std::string& e : env_strings) {
    env.push_back(const_cast<char*>(e.c_str()));
  }
  env.push_back(nullptr);
  // Its own process group, so that a timeout kills what it started too.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid;
  const int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, &attr,
                              args.data(), env.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  out_write.reset();
  err_write.reset();
  if (rc != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  bool cancelled = false;
  {
    std::lock_guard<std::mutex> lock(running().mu);
    cancelled = running().cancelled;
    if (cancelled) {
      kill(-pid, SIGKILL);
    } else {
      running().groups.insert(pid);
    }
  }
  // Read stderr on a thread so that neither pipe can fill up and stall
  // the child. Progress lines make it grow: keep only its tail.
  std::string err;
  std::thread err_reader([&] {
    err = Drain(err_read.get(), on_stderr);
    if (err.size() > 65536) err.erase(0, err.size() - 65536);
  });
  // The group stays ours until the child is reaped below, so the kill
  // cannot reach a stranger's processes.
  std::mutex mu;
  std::condition_variable cv;
  bool ended = false, timed_out = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mu);
    if (options.timeout == absl::InfiniteDuration()) {
      cv.wait(lock, [&] { return ended; });
      return;
    }
    if (!cv.wait_for(lock, absl::ToChronoMilliseconds(options.timeout),
                     [&] { return ended; })) {
      timed_out = true;
      kill(-pid, SIGKILL);
    }
  });
  std::string out = Drain(out_read.get());
  err_reader.join();
  {
    std::lock_guard<std::mutex> lock(mu);
    ended = true;
  }
  cv.notify_all();
  watchdog.join();
  {
    std::lock_guard<std::mutex> lock(running().mu);
    running().groups.erase(pid);
    cancelled = cancelled || running().cancelled;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (cancelled && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    return absl::AbortedError(
        absl::StrCat(what, ": stopped, kluisd is stopping"));
  }
  if (timed_out) {
    return absl::DeadlineExceededError(absl::StrCat(what, ": timed out"));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return out;
  // What it said is not passed on (it may name files); only what it means.
  if (absl::StrContains(err, "No space left on device") ||
      absl::StrContains(err, "Disk quota exceeded")) {
    return absl::ResourceExhaustedError(
        absl::StrCat(what, ": the disk is full"));
  }
  return absl::UnavailableError(
      absl::StrCat(what, ": failed (exit ",
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1, ")"));
}

void CancelAllCommands() {
  std::lock_guard<std::mutex> lock(running().mu);
  running().cancelled = true;
  // Each group is ours until its leader is reaped, which waits for this
  // mutex to leave the set first.
  for (pid_t group : running().groups) kill(-group, SIGKILL);
}

}  // namespace kluis::platform
