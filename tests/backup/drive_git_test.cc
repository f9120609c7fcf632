// The git a drive gets (drive_git.h) and how its children end: a timeout
// or a daemon stopping kills the whole process group.
#include "daemon/backup/drive_git.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/platform/command.h"
#include "tests/support/test_support.h"

namespace kluis::backup {
namespace {

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
