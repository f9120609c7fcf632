#include "tests/crash/op_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/test_support.h"

namespace kluis::crash {
namespace {

const std::map<std::string, OpKind>& Kinds() {
  static const auto* kinds = new std::map<std::string, OpKind>{
      {"open", OpKind::kOpen},       {"write", OpKind::kWrite},
      {"trunc", OpKind::kTrunc},     {"truncpath", OpKind::kTruncPath},
      {"rename", OpKind::kRename},   {"link", OpKind::kLink},
      {"symlink", OpKind::kSymlink}, {"unlink", OpKind::kUnlink},
      {"rmdir", OpKind::kRmdir},     {"mkdir", OpKind::kMkdir},
      {"close", OpKind::kClose},     {"dup", OpKind::kDup},
      {"fsync", OpKind::kFsync},     {"fdatasync", OpKind::kFdatasync},
      {"syncfs", OpKind::kSyncfs},   {"sync", OpKind::kSync},
      {"content", OpKind::kContent}, {"ack", OpKind::kAck}};
  return *kinds;
}

std::string NameOf(OpKind k) {
  for (const auto& [name, kind] : Kinds()) {
    if (kind == k) return name;
  }
  return "?";
}

std::string Short(const std::string& path, const std::string& root) {
  if (path.compare(0, root.size(), root) == 0) {
    return path.size() == root.size() ? "." : path.substr(root.size() + 1);
  }
  return path;
}

}  // namespace

absl::StatusOr<std::vector<Op>> ReadOpLog(const std::string& path) {
  if (!testing::FileExists(path)) return absl::NotFoundError("no op log");
  const std::string text = testing::ReadFileOrDie(path);
  std::vector<Op> ops;
  size_t at = 0;
  while (at < text.size()) {
    const size_t eol = text.find('\n', at);
    if (eol == std::string::npos) return absl::DataLossError("torn header");
    const std::string head = text.substr(at, eol - at);
    char op[32];
    Op o;
    long long a, b, c;
    size_t n1, n2, n3;
    if (std::sscanf(head.c_str(), "K %31s %d %d %lld %lld %lld %zu %zu %zu", op,
                    &o.pid, &o.fd, &a, &b, &c, &n1, &n2, &n3) != 9 ||
        Kinds().count(op) == 0) {
      return absl::DataLossError(absl::StrCat("bad record at byte ", at));
    }
    o.kind = Kinds().at(op);
    o.a = a, o.b = b, o.c = c;
    at = eol + 1;
    if (at + n1 + n2 + n3 + 1 > text.size()) {
      return absl::DataLossError("torn record");
    }
    o.p1 = text.substr(at, n1);
    o.p2 = text.substr(at + n1, n2);
    o.data = text.substr(at + n1 + n2, n3);
    at += n1 + n2 + n3 + 1;
    ops.push_back(std::move(o));
  }
  return ops;
}

void AppendAck(const std::string& log_path, const std::string& name) {
  const std::string rec =
      absl::StrCat("K ack 0 -1 0 0 0 ", name.size(), " 0 0\n", name, "\n");
  const int fd = ::open(log_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0 ||
      ::write(fd, rec.data(), rec.size()) != static_cast<ssize_t>(rec.size())) {
    std::perror("crash log");
    std::abort();
  }
  ::close(fd);
}

std::string Describe(const Op& op, const std::string& root) {
  std::string s = absl::StrCat(NameOf(op.kind), " ", Short(op.p1, root));
  if (!op.p2.empty()) absl::StrAppend(&s, " -> ", Short(op.p2, root));
  if (op.kind == OpKind::kWrite) absl::StrAppend(&s, " ", op.data.size(), " B");
  return absl::StrCat(s, " (pid ", op.pid, ")");
}

}  // namespace kluis::crash
