#include "daemon/platform/command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "daemon/platform/scoped_fd.h"

extern char** environ;

namespace kluis::platform {

absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv) {
  const std::string what =
      argv.size() > 1 ? absl::StrCat(argv[0], " ", argv[1]) : argv.at(0);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  ScopedFd read_end(fds[0]), write_end(fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  const int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr,
                              args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  write_end.reset();
  if (rc != 0) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start"));
  }
  std::string out;
  char buf[65536];
  while (true) {
    const ssize_t n = read(read_end.get(), buf, sizeof(buf));
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::UnavailableError(
        absl::StrCat(what, ": failed (exit ",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1, ")"));
  }
  return out;
}

}  // namespace kluis::platform
