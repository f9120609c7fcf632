#include "tests/crash/crash_states.h"

#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/test_support.h"

namespace kluis::crash {
namespace {

// Each inode's data events, in order: the bytes of a file in a state are its
// snapshot bytes with the first k of them applied.
std::map<int, std::vector<const Event*>> DataByInode(const CrashModel& m) {
  std::map<int, std::vector<const Event*>> out;
  for (const Event& e : m.events()) {
    if (e.kind == Event::kData) out[e.inode].push_back(&e);
  }
  return out;
}

std::string Content(const CrashModel& m,
                    const std::map<int, std::vector<const Event*>>& data,
                    int inode, size_t k) {
  const Inode& in = m.inodes()[inode];
  std::string bytes =
      in.snapshot_file.empty() ? "" : testing::ReadFileOrDie(in.snapshot_file);
  auto it = data.find(inode);
  for (size_t i = 0; it != data.end() && i < k; ++i) {
    const Event& e = *it->second[i];
    if (e.replace) {
      bytes = *e.bytes;
      continue;
    }
    if (e.truncate) {
      bytes.resize(e.offset);
      continue;
    }
    const size_t end = e.offset + e.bytes->size();
    if (bytes.size() < end) bytes.resize(end);
    bytes.replace(e.offset, e.bytes->size(), *e.bytes);
  }
  return bytes;
}

class Builder {
 public:
  Builder(const CrashModel& m, const std::vector<Op>& ops,
          const std::string& root)
      : m_(m), ops_(ops), root_(root), data_all_(DataByInode(m)) {}

  CrashStates Run() {
    const auto& ev = m_.events();
    for (size_t i = 0; i < ev.size(); ++i) {
      const Event& e = ev[i];
      switch (e.kind) {
        case Event::kMeta:
          metas_.push_back(&e);
          break;
        case Event::kData:
          ++issued_[e.inode];
          break;
        case Event::kSync:
          CrashPoint(e, out_.acks.size());
          Complete(e);
          break;
        case Event::kAck:
          out_.acks.push_back(e.ack);
          CrashPoint(e, out_.acks.size());
          break;
      }
    }
    return std::move(out_);
  }

 private:
  void Complete(const Event& e) {
    if (e.sync == Event::kAll) {
      min_prefix_ = metas_.size();
      durable_ = issued_;
    } else if (e.sync == Event::kFileData) {
      durable_[e.inode] = issued_[e.inode];
    } else {
      for (size_t j = metas_.size(); j > min_prefix_; --j) {
        const auto& dirs = metas_[j - 1]->dirs;
        if (std::find(dirs.begin(), dirs.end(), e.inode) != dirs.end()) {
          min_prefix_ = j;
          break;
        }
      }
    }
  }

  std::shared_ptr<const Names> Prefix(size_t len) {
    while (prefixes_.size() <= len) {
      if (prefixes_.empty()) {
        prefixes_.push_back(std::make_shared<Names>(m_.initial()));
        continue;
      }
      auto next = std::make_shared<Names>(*prefixes_.back());
      CrashModel::Apply(*metas_[prefixes_.size() - 1], next.get());
      prefixes_.push_back(std::move(next));
    }
    return prefixes_[len];
  }

  void CrashPoint(const Event& at, size_t acks) {
    ++out_.crash_points;
    const std::string point = Describe(ops_[at.op], root_);
    const size_t longest = metas_.size();
    for (size_t len = min_prefix_; len <= longest; ++len) {
      auto names = Prefix(len);
      std::set<int> present;
      for (const auto& [path, inode] : *names) present.insert(inode);
      const std::string where =
          absl::StrCat("crash at op ", at.op, " [", point, "], names ", len,
                       " of ", longest, " (at least ", min_prefix_, ")");
      Add(names, issued_, acks, where + ", all data kept", false);
      Add(names, durable_, acks, where + ", unsynced data lost",
          len == min_prefix_);
      if (len != min_prefix_ && len != longest) continue;
      for (const auto& [inode, n] : issued_) {
        const size_t d = durable_.count(inode) ? durable_[inode] : 0;
        if (d == n || !present.count(inode)) continue;
        auto applied = issued_;
        applied[inode] = d;
        Add(names, applied, acks,
            absl::StrCat(where, ", unsynced data of ", NameOf(*names, inode),
                         " lost"),
            false);
      }
    }
  }

  static std::string NameOf(const Names& names, int inode) {
    for (const auto& [path, i] : names) {
      if (i == inode) return path;
    }
    return "?";
  }

  void Add(std::shared_ptr<const Names> names,
           const std::map<int, size_t>& applied, size_t acks,
           const std::string& where, bool minimal) {
    std::string desc;
    for (const auto& [path, inode] : *names) {
      const Inode& in = m_.inodes()[inode];
      absl::StrAppend(&desc, path, "\t", static_cast<int>(in.type), "\t");
      if (in.type == Inode::kSymlink) absl::StrAppend(&desc, in.target);
      if (in.type == Inode::kFile) {
        auto it = applied.find(inode);
        absl::StrAppend(
            &desc, ContentHash(inode, it == applied.end() ? 0 : it->second));
      }
      desc += "\n";
    }
    const std::string hash = testing::Sha256Hex(desc);
    auto seen = seen_.find(hash);
    if (seen != seen_.end()) {
      CrashState& s = out_.states[seen->second];
      if (acks > s.acks) s.acks = acks, s.where = where;
      s.minimal = s.minimal || minimal;
      return;
    }
    seen_[hash] = out_.states.size();
    out_.states.push_back(
        {hash, acks, where, minimal, std::move(names), applied});
  }

  std::string ContentHash(int inode, size_t k) {
    const auto key = std::make_pair(inode, k);
    auto it = hashes_.find(key);
    if (it != hashes_.end()) return it->second;
    const std::string h =
        k == 0 && !m_.inodes()[inode].snapshot_file.empty()
            ? absl::StrCat("snapshot ", inode)  // untouched: no need to read
            : testing::Sha256Hex(Content(m_, data_all_, inode, k));
    return hashes_[key] = h;
  }

  const CrashModel& m_;
  const std::vector<Op>& ops_;
  const std::string root_;
  const std::map<int, std::vector<const Event*>> data_all_;
  std::vector<const Event*> metas_;
  std::map<int, size_t> issued_, durable_;  // inode -> data events
  size_t min_prefix_ = 0;
  std::vector<std::shared_ptr<Names>> prefixes_;
  std::map<std::pair<int, size_t>, std::string> hashes_;
  std::map<std::string, size_t> seen_;
  CrashStates out_;
};

}  // namespace

CrashStates BuildCrashStates(const CrashModel& model,
                             const std::vector<Op>& ops,
                             const std::string& root) {
  return Builder(model, ops, root).Run();
}

void Materialize(const CrashModel& model, const CrashState& state,
                 const std::string& dest) {
  const auto data = DataByInode(model);
  std::map<int, std::string> first_name;  // hard links share an inode
  for (const auto& [rel, inode] : *state.names) {
    const Inode& in = model.inodes()[inode];
    const std::string path = rel.empty() ? dest : dest + "/" + rel;
    bool ok = true;
    if (in.type == Inode::kDir) {
      ok = ::mkdir(path.c_str(), in.mode | 0700) == 0;
    } else if (in.type == Inode::kSymlink) {
      ok = ::symlink(in.target.c_str(), path.c_str()) == 0;
    } else if (first_name.count(inode)) {
      ok = ::link(first_name[inode].c_str(), path.c_str()) == 0;
    } else {
      auto it = state.applied.find(inode);
      testing::WriteFileOrDie(
          path, Content(model, data, inode,
                        it == state.applied.end() ? 0 : it->second));
      ok = ::chmod(path.c_str(), in.mode) == 0;
      first_name[inode] = path;
    }
    if (!ok) throw std::runtime_error("materialize: cannot create " + rel);
  }
}

}  // namespace kluis::crash
