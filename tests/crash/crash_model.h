// Replays an operation log (op_log.h) over a snapshot of the crash root and
// turns it into the events the state constructor reasons about: name
// operations, data writes per inode, barriers and ACKs. Files are modelled
// by inode, so a write followed by a rename lands on the renamed file, and a
// state that keeps the rename but loses the write shows a short file under
// the new name. Test code only; not thread-safe.
#ifndef KLUIS_TESTS_CRASH_CRASH_MODEL_H_
#define KLUIS_TESTS_CRASH_CRASH_MODEL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/crash/op_log.h"

namespace kluis::crash {

struct Inode {
  enum Type { kFile, kDir, kSymlink } type = kFile;
  std::string snapshot_file;  // its bytes before the workload; "" when new
  int mode = 0600;
  std::string target;  // symlinks
};

// Names: path relative to the root ("" is the root itself) -> inode.
using Names = std::map<std::string, int>;

struct Event {
  enum Kind { kMeta, kData, kSync, kAck } kind = kMeta;
  size_t op = 0;  // index into the op log, for reports
  // kMeta: the name change, and the directories (inodes) whose entries it
  // changes: a directory fsync covers the events that list it.
  enum Meta {
    kCreate,
    kMkdir,
    kSymlink,
    kLink,
    kRename,
    kExchange,
    kUnlink,
    kRmdir
  } meta = kCreate;
  std::string path, path2;  // kLink/kRename/kExchange: path -> path2
  std::vector<int> dirs;
  // kData: a write of `bytes` at `offset`, a truncation to `offset`, or
  // (replace) the whole content becoming `bytes`.
  int inode = -1;
  bool truncate = false;
  bool replace = false;
  int64_t offset = 0;
  const std::string* bytes = nullptr;  // points into the op log
  // kSync: a file's data (inode), a directory's entries (inode), or all.
  enum Sync { kFileData, kDirEntries, kAll } sync = kAll;
  std::string ack;  // kAck
};

class CrashModel {
 public:
  // `root` is where the workload ran (the paths in `ops`), `snapshot` a copy
  // of it taken before. `ops` must outlive the model. Errors:
  // kFailedPrecondition when the log does something the model cannot follow
  // (a rename into the root from outside it).
  static absl::StatusOr<CrashModel> Build(const std::string& snapshot,
                                          const std::string& root,
                                          const std::vector<Op>& ops);

  const std::vector<Inode>& inodes() const { return inodes_; }
  const Names& initial() const { return initial_; }
  const std::vector<Event>& events() const { return events_; }
  const std::string& snapshot() const { return snapshot_; }

  // Applies one name event to `names` (as the kernel did when it ran).
  static void Apply(const Event& e, Names* names);

 private:
  std::string snapshot_;
  std::vector<Inode> inodes_;
  Names initial_;
  std::vector<Event> events_;
};

}  // namespace kluis::crash

#endif  // KLUIS_TESTS_CRASH_CRASH_MODEL_H_
