// GitProgressParser: git's progress lines as numbers, also when a line is
// split across reads, and nothing from lines that are not a transfer.
#include "daemon/backup/git_progress.h"

#include <gtest/gtest.h>

namespace kluis::backup {
namespace {

TEST(GitProgressParserTest, ReadsObjectsAndBytesOfAPush) {
  GitProgressParser p;
  EXPECT_FALSE(
      p.Feed("Enumerating objects: 3, done.\nCounting objects:  33% "
             "(1/3)\rCounting objects: 100% (3/3), done.\n"));
  EXPECT_EQ(p.progress().objects_total, 0u);
  EXPECT_TRUE(p.Feed("Writing objects:  33% (1/3)\r"));
  EXPECT_EQ(p.progress().objects_done, 1u);
  EXPECT_EQ(p.progress().objects_total, 3u);
  EXPECT_EQ(p.progress().bytes, 0u);
  EXPECT_TRUE(p.Feed("Writing objects: 100% (3/3)\r"));
  EXPECT_FALSE(p.progress().done);  // 100%, but git has not said "done"
  // Split in the middle of a line.
  EXPECT_FALSE(p.Feed("Writing objects: 100% (3/3), 2.8"));
  EXPECT_TRUE(p.Feed("6 MiB | 24.22 MiB/s, done.\nTotal 3 (delta 0)\n"));
  EXPECT_EQ(p.progress().objects_done, 3u);
  EXPECT_EQ(p.progress().bytes, 2998927u);  // 2.86 × 1024²
  EXPECT_TRUE(p.progress().done);
}

TEST(GitProgressParserTest, ReadsAClonesReceivingLineAndSmallSizes) {
  GitProgressParser p;
  EXPECT_TRUE(
      p.Feed("Receiving objects: 100% (12/12), 250 bytes | 250.00 "
             "KiB/s, done.\n"));
  EXPECT_EQ(p.progress().objects_total, 12u);
  EXPECT_EQ(p.progress().bytes, 250u);
  EXPECT_TRUE(p.Feed("remote: Writing objects:  50% (6/12), 1.50 KiB\r"));
  EXPECT_EQ(p.progress().objects_done, 6u);
  EXPECT_EQ(p.progress().bytes, 1536u);
}

TEST(GitProgressParserTest, IgnoresLinesThatAreNotATransfer) {
  GitProgressParser p;
  EXPECT_FALSE(p.Feed("Writing objects: lots\n"));
  EXPECT_FALSE(p.Feed("error: Writing objects (x/y) failed\n"));
  EXPECT_FALSE(p.Feed("Writing objects: 10% (a/b)\n"));
  EXPECT_EQ(p.progress().objects_total, 0u);
}

}  // namespace
}  // namespace kluis::backup
