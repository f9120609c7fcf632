// Regression test for issue 17, item 1: a ref update must be durable before
// the write is acknowledged. libgit2 1.5 reads its fsync option only when a
// repository's ref database is first loaded, so a store that turns it on
// later renames refs/heads/main.lock over main with nothing synced. From the
// recorder's log of one `kluis note add`: every rename onto a file under
// repo.git/refs/ must have the new ref's bytes synced before it and its
// directory synced after it, before the ACK.
#include <gtest/gtest.h>

#include <map>

#include "tests/crash/crash_recording.h"

namespace kluis::crash {
namespace {

using testing::DaemonHarness;

std::string DirOf(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

bool IsBarrier(const Op& op) {
  return op.kind == OpKind::kSyncfs || op.kind == OpKind::kSync;
}

// Index of the first ACK after `from`, or the end of the log.
size_t NextAck(const std::vector<Op>& ops, size_t from) {
  for (size_t i = from; i < ops.size(); ++i) {
    if (ops[i].kind == OpKind::kAck) return i;
  }
  return ops.size();
}

TEST(RefFsyncTest, EveryRefRenameIsSyncedBeforeAndItsDirectoryAfter) {
  if (!RecorderUsable()) GTEST_SKIP() << "recorder needs a build without ASan";
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string dossier =
      testing::Trim(d.Kluis({"client", "add", "--name", "Sietske Hoorn"}).out);
  Recording rec(d, d.vault());
  rec.Command("note", {"note", "add", dossier, "--text", "Eerste gesprek."});
  const std::vector<Op> ops = rec.Finish();
  const std::string refs = rec.root() + "/repo.git/refs/";

  std::map<std::pair<int, int>, std::string> open_path;  // (pid, fd) -> path
  std::map<std::string, size_t> last_write;              // path -> op index
  int ref_renames = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const auto key = std::make_pair(op.pid, op.fd);
    if (op.kind == OpKind::kOpen) open_path[key] = op.p1;
    if (op.kind == OpKind::kWrite) last_write[open_path[key]] = i;
    if (op.kind != OpKind::kRename ||
        op.p2.compare(0, refs.size(), refs) != 0) {
      continue;
    }
    ++ref_renames;
    const std::string ref = op.p2.substr(rec.root().size() + 1);
    // The new ref's bytes: an fsync of the lock file, or a file-system
    // barrier, after its last write and before the rename.
    const size_t written = last_write.count(op.p1) ? last_write[op.p1] : 0;
    bool data_synced = false;
    for (size_t j = written; j < i && !data_synced; ++j) {
      const Op& s = ops[j];
      const bool file_sync =
          (s.kind == OpKind::kFsync || s.kind == OpKind::kFdatasync) &&
          s.p1 == op.p1;
      data_synced = file_sync || (IsBarrier(s) && s.a == 1);
    }
    EXPECT_TRUE(data_synced)
        << ref << ": renamed from " << op.p1.substr(refs.size()) << " (op " << i
        << ") with its bytes never synced";
    // Its directory entry: an fsync of the ref's directory, or a barrier,
    // after the rename and before the reply.
    const size_t ack = NextAck(ops, i);
    bool dir_synced = false;
    for (size_t j = i + 1; j < ack && !dir_synced; ++j) {
      const Op& s = ops[j];
      dir_synced = (s.kind == OpKind::kFsync && s.p1 == DirOf(op.p2)) ||
                   (IsBarrier(s) && s.a == 1);
    }
    EXPECT_TRUE(dir_synced)
        << ref << ": renamed (op " << i << ") and acknowledged without a sync "
        << "of " << DirOf(op.p2).substr(rec.root().size() + 1);
  }
  EXPECT_GE(ref_renames, 1) << "no ref update seen: is the recorder loaded?";
}

}  // namespace
}  // namespace kluis::crash
