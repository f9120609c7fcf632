#include "tests/crash/crash_model.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"

namespace kluis::crash {
namespace {

namespace fs = std::filesystem;

std::string Parent(const std::string& rel) {
  const size_t slash = rel.rfind('/');
  return slash == std::string::npos ? "" : rel.substr(0, slash);
}

bool Under(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

// Moves `from` and everything under it to `to` (a rename of a directory
// renames its subtree).
void MoveTree(const std::string& from, const std::string& to, Names* names,
              Names* out) {
  for (auto it = names->begin(); it != names->end();) {
    if (it->first == from || Under(it->first, from)) {
      (*out)[to + it->first.substr(from.size())] = it->second;
      it = names->erase(it);
    } else {
      ++it;
    }
  }
}

void EraseTree(const std::string& path, Names* names) {
  for (auto it = names->begin(); it != names->end();) {
    if (it->first == path || Under(it->first, path)) {
      it = names->erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace

void CrashModel::Apply(const Event& e, Names* names) {
  switch (e.meta) {
    case Event::kCreate:
    case Event::kMkdir:
    case Event::kSymlink:
      (*names)[e.path] = e.inode;
      break;
    case Event::kLink:
      if (names->count(e.path)) (*names)[e.path2] = names->at(e.path);
      break;
    case Event::kRename: {
      if (!names->count(e.path)) break;  // its creation did not persist
      Names moved;
      MoveTree(e.path, e.path2, names, &moved);
      EraseTree(e.path2, names);
      names->insert(moved.begin(), moved.end());
      break;
    }
    case Event::kExchange: {
      Names a, b;
      MoveTree(e.path, e.path2, names, &a);
      MoveTree(e.path2, e.path, names, &b);
      names->insert(a.begin(), a.end());
      names->insert(b.begin(), b.end());
      break;
    }
    case Event::kUnlink:
    case Event::kRmdir:
      EraseTree(e.path, names);
      break;
  }
}

absl::StatusOr<CrashModel> CrashModel::Build(const std::string& snapshot,
                                             const std::string& root,
                                             const std::vector<Op>& ops) {
  CrashModel m;
  m.snapshot_ = snapshot;
  auto add_inode = [&m](Inode in) {
    m.inodes_.push_back(std::move(in));
    return static_cast<int>(m.inodes_.size() - 1);
  };
  // The snapshot is durable: every name in it starts as its own inode.
  struct stat top;
  const int top_mode =
      ::stat(snapshot.c_str(), &top) == 0 ? top.st_mode & 07777 : 0700;
  m.initial_[""] = add_inode({Inode::kDir, "", top_mode, ""});
  for (const auto& entry : fs::recursive_directory_iterator(snapshot)) {
    struct stat st;
    if (::lstat(entry.path().c_str(), &st) != 0) continue;
    Inode in;
    in.mode = st.st_mode & 07777;
    if (S_ISDIR(st.st_mode)) {
      in.type = Inode::kDir;
    } else if (S_ISLNK(st.st_mode)) {
      in.type = Inode::kSymlink;
      in.target = fs::read_symlink(entry.path()).string();
    } else {
      in.snapshot_file = entry.path().string();
    }
    const std::string rel = entry.path().string().substr(snapshot.size() + 1);
    m.initial_[rel] = add_inode(std::move(in));
  }

  auto rel = [&root](const std::string& abs) {
    return abs.size() == root.size() ? std::string()
                                     : abs.substr(root.size() + 1);
  };
  Names cur = m.initial_;
  std::map<std::pair<int, int>, int> fds;  // (pid, fd) -> inode
  auto meta = [&](size_t i, Event::Meta kind, const std::string& p,
                  const std::string& p2, int inode) {
    Event e;
    e.kind = Event::kMeta;
    e.op = i, e.meta = kind, e.path = p, e.path2 = p2, e.inode = inode;
    for (const std::string* q : {&p, &p2}) {
      if (q->empty() && q == &p2) continue;
      auto it = cur.find(Parent(*q));
      if (it != cur.end()) e.dirs.push_back(it->second);
    }
    Apply(e, &cur);
    m.events_.push_back(std::move(e));
  };
  auto data = [&](size_t i, int inode, bool trunc, int64_t off,
                  const std::string* bytes) {
    Event e;
    e.kind = Event::kData;
    e.op = i, e.inode = inode, e.truncate = trunc, e.offset = off;
    e.bytes = bytes;
    m.events_.push_back(std::move(e));
  };
  auto sync = [&](size_t i, Event::Sync kind, int inode) {
    Event e;
    e.kind = Event::kSync;
    e.op = i, e.sync = kind, e.inode = inode;
    m.events_.push_back(std::move(e));
  };

  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const auto key = std::make_pair(op.pid, op.fd);
    switch (op.kind) {
      case OpKind::kOpen: {
        const std::string p = rel(op.p1);
        auto it = cur.find(p);
        int inode;
        if (it != cur.end()) {
          inode = it->second;
          if ((op.a & O_TRUNC) && (op.a & O_ACCMODE) != O_RDONLY) {
            data(i, inode, true, 0, nullptr);
          }
        } else {
          // Created by this open (or O_TMPFILE, never given a name here).
          inode =
              add_inode({Inode::kFile, "", static_cast<int>(op.b & 0777), ""});
          if (!(op.a & __O_TMPFILE)) meta(i, Event::kCreate, p, "", inode);
        }
        fds[key] = inode;
        break;
      }
      case OpKind::kWrite:
      case OpKind::kTrunc:
        if (fds.count(key)) {
          data(i, fds[key], op.kind == OpKind::kTrunc, op.a, &op.data);
        }
        break;
      case OpKind::kContent:
        if (cur.count(rel(op.p1))) {
          data(i, cur[rel(op.p1)], false, 0, &op.data);
          m.events_.back().replace = true;
        }
        break;
      case OpKind::kTruncPath:
        if (cur.count(rel(op.p1))) {
          data(i, cur[rel(op.p1)], true, op.a, nullptr);
        }
        break;
      case OpKind::kRename:
      case OpKind::kLink:
        if (!op.b) {
          return absl::FailedPreconditionError(absl::StrCat(
              "op ", i, ": name moved into the root from outside"));
        }
        if (!op.c) {  // moved out of the root: gone, as far as we can see
          meta(i, Event::kUnlink, rel(op.p1), "", -1);
        } else if (op.kind == OpKind::kLink) {
          meta(i, Event::kLink, rel(op.p1), rel(op.p2), -1);
        } else {
          meta(i,
               (op.a & 2 /* RENAME_EXCHANGE */) ? Event::kExchange
                                                : Event::kRename,
               rel(op.p1), rel(op.p2), -1);
        }
        break;
      case OpKind::kSymlink:
        meta(i, Event::kSymlink, rel(op.p2), "",
             add_inode({Inode::kSymlink, "", 0777, op.p1}));
        break;
      case OpKind::kUnlink:
        meta(i, Event::kUnlink, rel(op.p1), "", -1);
        break;
      case OpKind::kRmdir:
        meta(i, Event::kRmdir, rel(op.p1), "", -1);
        break;
      case OpKind::kMkdir:
        meta(i, Event::kMkdir, rel(op.p1), "",
             add_inode({Inode::kDir, "", static_cast<int>(op.a & 0777), ""}));
        break;
      case OpKind::kClose:
        fds.erase(key);
        break;
      case OpKind::kDup:
        if (fds.count(key)) fds[{op.pid, static_cast<int>(op.a)}] = fds[key];
        break;
      case OpKind::kFsync:
      case OpKind::kFdatasync: {
        if (!op.a) break;  // not under the root
        int inode = fds.count(key) ? fds[key] : -1;
        if (inode < 0 && cur.count(rel(op.p1))) inode = cur[rel(op.p1)];
        if (inode < 0) break;
        const bool dir = m.inodes_[inode].type == Inode::kDir;
        sync(i, dir ? Event::kDirEntries : Event::kFileData, inode);
        break;
      }
      case OpKind::kSyncfs:
      case OpKind::kSync:
        if (op.a) sync(i, Event::kAll, -1);
        break;
      case OpKind::kAck: {
        Event e;
        e.kind = Event::kAck;
        e.op = i, e.ack = op.p1;
        m.events_.push_back(std::move(e));
        break;
      }
    }
  }
  return m;
}

}  // namespace kluis::crash
