// The git a drive gets (drive_git.h) and how its children end: a timeout
// or a daemon stopping kills the whole process group.
#include "daemon/backup/drive_git.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/platform/command.h"
#include "tests/support/test_support.h"

namespace kluis::backup {
namespace {

std::string Trim(const std::string& s) {
  return std::string(absl::StripTrailingAsciiWhitespace(s));
}

bool Has(const std::vector<std::string>& argv, const std::string& a) {
  return std::find(argv.begin(), argv.end(), a) != argv.end();
}

TEST(DriveGitTest, EveryCommandHasHooksOffAndNoProgramFromTheDrive) {
  const std::vector<std::string> argv =
      DriveGitArgv("/media/usb/kluis-backup/repo.git", {"fsck", "--full"});
  EXPECT_EQ(argv.front(), "git");
  EXPECT_TRUE(Has(argv, "core.hooksPath=/dev/null"));
  EXPECT_TRUE(Has(argv, "core.fsmonitor=false"));
  EXPECT_TRUE(Has(argv, "core.sshCommand=false"));
  EXPECT_TRUE(Has(argv, "protocol.allow=never"));
  EXPECT_TRUE(Has(argv, "--git-dir=/media/usb/kluis-backup/repo.git"));
  EXPECT_EQ(argv.back(), "--full");
  // The other side of a local push gets the same options again.
  const std::string remote = DriveRemoteGit("receive-pack");
  EXPECT_TRUE(absl::StrContains(remote, "-c 'core.hooksPath=/dev/null'"));
  EXPECT_TRUE(absl::EndsWith(remote, " receive-pack"));
}

// A push into a repository whose own config names a hooks folder: plain
// git runs its hook (the control), a drive push does not, also on the
// receive-pack side that git starts without the caller's -c options.
TEST(DriveGitTest, APushIntoAHostileRepositoryRunsNothing) {
  testing::TempDir dir;
  const std::string src = dir.File("src.git"), dst = dir.File("dst.git");
  const std::string hooks = dir.File("hooks");
  ASSERT_EQ(testing::RunCommand({"git", "init", "-q", "--bare", src}).exit_code,
            0);
  ASSERT_EQ(testing::RunCommand({"git", "init", "-q", "--bare", dst}).exit_code,
            0);
  ASSERT_EQ(mkdir(hooks.c_str(), 0700), 0);
  for (const char* h : {"pre-receive", "update", "post-receive", "post-update",
                        "reference-transaction"}) {
    const std::string path = absl::StrCat(hooks, "/", h);
    testing::WriteFileOrDie(
        path, absl::StrCat("#!/bin/sh\ntouch ", dir.File("ran"), "\n"));
    ASSERT_EQ(chmod(path.c_str(), 0755), 0);
  }
  testing::WriteFileOrDie(
      dst + "/config",
      testing::ReadFileOrDie(dst + "/config") +
          absl::StrCat("[core]\n\thooksPath = ", hooks,
                       "\n\tfsmonitor = ", hooks, "/post-receive\n"));
  auto commit = [&](const std::string& msg) {
    const std::string tree = Trim(
        testing::RunCommand({"git", "--git-dir=" + src, "mktree"}, "").out);
    const std::string c =
        Trim(testing::RunCommand(
                 {"git", "--git-dir=" + src, "-c", "user.name=k", "-c",
                  "user.email=k@example.org", "commit-tree", tree, "-m", msg})
                 .out);
    ASSERT_EQ(testing::RunCommand({"git", "--git-dir=" + src, "update-ref",
                                   "refs/heads/main", c})
                  .exit_code,
              0);
  };
  commit("een");
  absl::StatusOr<std::string> push =
      RunDriveGit(src,
                  {"push", "--mirror",
                   "--receive-pack=" + DriveRemoteGit("receive-pack"), dst},
                  kDriveGitTimeout);
  ASSERT_TRUE(push.ok()) << push.status();
  EXPECT_FALSE(testing::FileExists(dir.File("ran")));
  commit("twee");
  ASSERT_EQ(
      testing::RunCommand({"git", "--git-dir=" + src, "push", "--mirror", dst})
          .exit_code,
      0);
  EXPECT_TRUE(testing::FileExists(dir.File("ran")))
      << "the control: plain git runs the planted hook";
}

// A marker whose existence after the call shows the grandchild survived.
std::string Hang(const testing::TempDir& dir) {
  return absl::StrCat("sleep 30 & wait; touch ", dir.File("survived"));
}

TEST(DriveGitTest, AHungHelperIsKilledWithWhatItStartedAtItsTimeout) {
  testing::TempDir dir;
  platform::CommandOptions options;
  options.timeout = absl::Milliseconds(300);
  absl::StatusOr<std::string> out =
      platform::RunCommand({"sh", "-c", Hang(dir)}, options);
  EXPECT_TRUE(absl::IsDeadlineExceeded(out.status())) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), "timed out"));
  EXPECT_FALSE(testing::FileExists(dir.File("survived")));
}

TEST(DriveGitTest, StoppingTheDaemonEndsEveryHelper) {
  testing::TempDir dir;
  absl::StatusOr<std::string> out;
  std::thread run([&] {
    out = platform::RunCommand({"sh", "-c", Hang(dir)},
                               platform::CommandOptions());
  });
  // Whenever the cancel comes (before or during the run), the run ends.
  platform::CancelAllCommands();
  run.join();
  EXPECT_TRUE(absl::IsAborted(out.status())) << out.status();
  EXPECT_FALSE(testing::FileExists(dir.File("survived")));
  // And later ones do not start.
  EXPECT_TRUE(absl::IsAborted(
      platform::RunCommand({"true"}, platform::CommandOptions()).status()));
}

}  // namespace
}  // namespace kluis::backup
