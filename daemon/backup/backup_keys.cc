// The key files on a target: new and changed keys copied (durably) before
// the push, so that a drive never holds a main whose dossiers lack their
// keys; the keys of erased dossiers shredded after it, and only those the
// vault's main holds a tombstone for. vault.age, the recovery wrap and the
// signing key are never removed by a run.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/fs.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::backup {

namespace {

// A temp file of an atomic write (name.tmp-XXXXXX, or a dot file): a crash
// leftover, never a key.
bool IsTempName(absl::string_view name) {
  return absl::StartsWith(name, ".") || absl::StrContains(name, ".tmp-");
}

}  // namespace

absl::Status KeyFiles(const std::string& root,
                      std::map<std::string, uint64_t>* out) {
  struct stat st;
  if (lstat(root.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return platform::ErrnoStatus(errno, "list the key files");
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        "not a folder (a link or a file); kluis follows no link there");
  }
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::filesystem::file_status link = it->symlink_status(ec);
    if (ec) break;
    if (std::filesystem::is_symlink(link)) {
      return absl::FailedPreconditionError(
          "holds a symbolic link; kluis follows none there");
    }
    if (IsTempName(name)) {
      if (std::filesystem::is_directory(link)) it.disable_recursion_pending();
      continue;
    }
    if (std::filesystem::is_regular_file(link)) {
      (*out)[it->path().lexically_relative(root).string()] = it->file_size(ec);
    }
  }
  if (ec) return platform::ErrnoStatus(ec.value(), "list the key files");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadDriveFile(const std::string& path,
                                          uint64_t max) {
  platform::ScopedFd fd(
      open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!fd.valid()) {
    if (errno == ELOOP) {
      return absl::DataLossError("drive file: a link (never followed)");
    }
    return platform::ErrnoStatus(errno, "open a drive file");
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return platform::ErrnoStatus(errno, "stat");
  if (!S_ISREG(st.st_mode)) {
    return absl::DataLossError("drive file: not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max) {
    return absl::DataLossError("drive file: too large");
  }
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = read(fd.get(), out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return platform::ErrnoStatus(errno, "read a drive file");
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

absl::Status WriteDriveFile(const std::string& path, absl::string_view data,
                            bool sync) {
  platform::AtomicWriteOptions options;
  options.sync = sync;
  options.mode_may_fail = true;
  return platform::WriteFileAtomic(path, data, options);
}

absl::Status CopyDriveKeys(const std::string& from, const std::string& to) {
  std::map<std::string, uint64_t> files;
  absl::Status s = KeyFiles(from, &files);
  if (!s.ok()) return s;
  for (const auto& [rel, size] : files) {
    absl::StatusOr<std::string> data =
        ReadDriveFile(absl::StrCat(from, "/", rel), kMaxKeyFile);
    if (!data.ok()) {
      return absl::DataLossError(
          absl::StrCat("keys: a key file on the drive cannot be used (",
                       data.status().message(), ")"));
    }
    const std::string dest = absl::StrCat(to, "/", rel);
    s = platform::MakePrivateDirs(platform::DirName(dest));
    if (s.ok()) s = platform::WriteFileAtomicNoSync(dest, *data);
    if (!s.ok()) return s;
  }
  return platform::MakePrivateDirs(to);
}

absl::StatusOr<std::set<std::string>> Tombstones(const std::string& repo) {
  // A vault with no record yet has no main, and nothing erased.
  if (!Git(repo, {"rev-parse", "-q", "--verify", "main"}).ok()) {
    return std::set<std::string>();
  }
  absl::StatusOr<std::string> files =
      Git(repo, {"ls-tree", "-r", "--name-only", "main", "--", "erased"});
  if (!files.ok()) return files.status();
  std::set<std::string> out;
  for (absl::string_view f : absl::StrSplit(*files, '\n', absl::SkipEmpty())) {
    // erased/<2 hex>/<id>.age (a record's tombstone has one level more)
    std::vector<absl::string_view> parts = absl::StrSplit(f, '/');
    if (parts.size() == 3 && absl::EndsWith(parts[2], ".age")) {
      out.emplace(parts[2].substr(0, parts[2].size() - 4));
    }
  }
  return out;
}

absl::StatusOr<std::map<std::string, uint64_t>> Backups::VaultKeys() {
  const std::string root = vault_dir_ + "/keys";
  struct stat st;
  if (lstat((root + "/vault.age").c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      access((root + "/vault.age").c_str(), R_OK) != 0) {
    return absl::FailedPreconditionError(
        "keys: the vault's key folder is missing or unreadable (no "
        "keys/vault.age); the run stopped and nothing on the drive changed");
  }
  std::map<std::string, uint64_t> ours;
  absl::Status s = KeyFiles(root, &ours);
  // keys/dossiers may be missing only while main has nothing that needs
  // a key (no dossier, no practice record).
  const std::string repo = vault_dir_ + "/repo.git";
  const bool needed =
      Git(repo, {"rev-parse", "-q", "--verify", "main:dossiers"}).ok() ||
      Git(repo, {"rev-parse", "-q", "--verify", "main:practice"}).ok();
  const bool there = lstat((root + "/dossiers").c_str(), &st) == 0;
  if (s.ok() &&
      (there ? !S_ISDIR(st.st_mode) ||
                   access((root + "/dossiers").c_str(), R_OK | X_OK) != 0
             : needed)) {
    s = absl::FailedPreconditionError("keys/dossiers: not a readable folder");
  }
  if (!s.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "keys: the vault's key folder cannot be read (", s.message(),
        "); the run stopped and nothing on the drive changed"));
  }
  return ours;
}

absl::Status Backups::CopyKeys(const std::string& dir,
                               const std::map<std::string, uint64_t>& ours,
                               bool full) {
  const std::string from = vault_dir_ + "/keys";
  const std::string to = KeysOf(dir);
  std::map<std::string, uint64_t> theirs;
  absl::Status s = KeyFiles(to, &theirs);
  if (!s.ok()) return s;
  // Temp files a run cut short left (no links in `to`: KeyFiles said so).
  if (platform::PathExists(to)) {
    absl::StatusOr<int> swept = platform::ShredTempLeftovers(to);
    if (!swept.ok()) return swept.status();
  }
  bool wrote = false;
  for (const auto& [rel, size] : ours) {
    const auto there_size = theirs.find(rel);
    // A dossier key is written once and never changed (erasure deletes
    // it): one of the same size on the drive is taken as it is, except
    // when everything is compared (after a verify found damage).
    if (!full && absl::StartsWith(rel, "dossiers/") &&
        there_size != theirs.end() && there_size->second == size) {
      continue;
    }
    absl::StatusOr<std::string> data =
        platform::ReadFile(absl::StrCat(from, "/", rel));
    if (!data.ok()) return data.status();
    const std::string dest = absl::StrCat(to, "/", rel);
    if (there_size != theirs.end() && there_size->second == size) {
      absl::StatusOr<std::string> there = ReadDriveFile(dest, kMaxKeyFile);
      if (there.ok() && *there == *data) continue;
    }
    s = platform::MakePrivateDirs(platform::DirName(dest));
    if (s.ok()) s = WriteDriveFile(dest, *data, /*sync=*/false);
    if (!s.ok()) return s;
    wrote = true;
  }
  // One barrier for all of them, before the push that needs them.
  return wrote ? platform::SyncFilesystem(to) : absl::OkStatus();
}

absl::Status Backups::ShredErasedKeys(const std::string& dir) {
  std::map<std::string, uint64_t> theirs;
  absl::Status s = KeyFiles(KeysOf(dir), &theirs);
  if (!s.ok()) return s;
  absl::StatusOr<std::set<std::string>> erased =
      Tombstones(vault_dir_ + "/repo.git");
  if (!erased.ok()) return erased.status();
  for (const auto& [rel, size] : theirs) {
    absl::string_view id = rel;
    if (!absl::ConsumePrefix(&id, "dossiers/") ||
        !absl::ConsumeSuffix(&id, ".age") ||
        erased->count(std::string(id)) == 0) {
      continue;
    }
    s = platform::ShredFile(absl::StrCat(KeysOf(dir), "/", rel));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace kluis::backup
