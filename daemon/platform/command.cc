#include "daemon/platform/command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
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
  return RunCommand(argv, {});
}

absl::StatusOr<std::string> RunCommand(
    const std::vector<std::string>& argv,
    const std::function<void(absl::string_view)>& on_stderr) {
  const std::string what = Describe(argv);
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
  pid_t pid;
  const int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr,
                              args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out_write.reset();
  err_write.reset();
  if (rc != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  // Read stderr on a thread so that neither pipe can fill up and stall
  // the child. Progress lines make it grow: keep only its tail.
  std::string err;
  std::thread err_reader([&] {
    err = Drain(err_read.get(), on_stderr);
    if (err.size() > 65536) err.erase(0, err.size() - 65536);
  });
  std::string out = Drain(out_read.get());
  err_reader.join();
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
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

}  // namespace kluis::platform
