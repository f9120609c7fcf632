// Backups::Add and the identity of a drive: a target is known by a random
// id kept both in the registry and in the drive's manifest, and by the
// vault's id; a run writes only to the drive that carries both.
#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/fs.h"

namespace kluis::backup {

using kluis::v1::BackupManifest;
using kluis::v1::BackupRegistry;
using kluis::v1::BackupTarget;

namespace {

bool ValidName(absl::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

std::string BaseName(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

absl::StatusOr<std::string> NewTargetId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("target_id: no random bytes");
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(bytes), sizeof(bytes)));
}

absl::Status WriteManifestFile(const std::string& dir,
                               const BackupManifest& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.always_print_primitive_fields = true;
  if (!google::protobuf::util::MessageToJsonString(m, &json, opts).ok()) {
    return absl::InternalError("manifest: cannot encode");
  }
  return WriteDriveFile(ManifestOf(dir), json);
}

absl::StatusOr<std::string> Backups::AssignTargetId(const std::string& name) {
  absl::StatusOr<std::string> id = NewTargetId();
  if (!id.ok()) return id.status();
  absl::MutexLock lock(&mu_);
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return registry.status();
  for (BackupTarget& t : *registry->mutable_targets()) {
    if (t.name() == name) t.set_target_id(*id);
  }
  absl::Status s = Save(*registry);
  if (!s.ok()) return s;
  return id;
}

absl::Status Backups::CheckIdentity(
    const std::string& dir, const std::string& target_id,
    const absl::StatusOr<BackupManifest>& manifest,
    const std::string& registered_head) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        "the kluis-backup folder is a link or not a folder (kluis follows no "
        "link on a drive); nothing was written");
  }
  if (!manifest.ok() && (!target_id.empty() ||
                         !LegacyDriveWithoutManifest(dir, registered_head))) {
    return absl::FailedPreconditionError(
        "the drive there holds no readable kluis manifest: another drive is "
        "mounted at this place; nothing was written");
  }
  if (manifest.ok() && !manifest->vault_id().empty() &&
      !IsThisVault(manifest->vault_id())) {
    return absl::FailedPreconditionError(
        "holds the backup of another vault; nothing was written");
  }
  if (!target_id.empty() && manifest->target_id() != target_id) {
    return absl::FailedPreconditionError(
        "holds another backup drive than the one added under this name "
        "(another target id); nothing was written");
  }
  return absl::OkStatus();
}

bool Backups::LegacyDriveWithoutManifest(const std::string& dir,
                                         const std::string& registered_head) {
  // Never run: such a drive got its manifest at its first run.
  if (registered_head.empty()) return true;
  // A good run was recorded: only the vault's own history proves it ours.
  absl::StatusOr<std::string> main = DriveMainId(MirrorOf(dir));
  return main.ok() && VaultContains(*main);
}

absl::StatusOr<BackupTarget> Backups::Add(absl::string_view path_in,
                                          absl::string_view name_in) {
  std::string path(path_in);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  struct stat st;
  if (path.empty() || path[0] != '/' || stat(path.c_str(), &st) != 0 ||
      !S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(
        "path: must be the absolute path of an existing folder (a mounted "
        "drive)");
  }
  if (access(path.c_str(), W_OK) != 0) {
    return absl::InvalidArgumentError("path: not writable");
  }
  const std::string name =
      name_in.empty() ? BaseName(path) : std::string(name_in);
  if (!ValidName(name)) {
    return absl::InvalidArgumentError(
        "name: 1 to 40 letters, digits, '-', '_' or '.'");
  }
  const std::string dir = absl::StrCat(path, "/", kTargetFolder);
  absl::MutexLock run(&run_mu_);  // an adoption checks like a run
  absl::MutexLock lock(&mu_);
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return registry.status();
  for (const BackupTarget& t : registry->targets()) {
    if (t.name() == name) {
      return absl::AlreadyExistsError("name: a target has that name");
    }
    if (t.path() == dir) {
      return absl::AlreadyExistsError("path: already a backup target");
    }
  }
  if (lstat(dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(
        "path: its kluis-backup is a link or a file; kluis follows no link "
        "on a drive");
  }
  absl::StatusOr<BackupTarget> adopted;
  if (lstat(MirrorOf(dir).c_str(), &st) == 0 ||
      lstat(ManifestOf(dir).c_str(), &st) == 0) {
    // This vault's own backup is taken on; anything else is refused.
    adopted = Adopt(dir, *registry);
  } else {
    adopted = StartTarget(dir);
  }
  if (!adopted.ok()) return adopted.status();
  // Only now, with the drive complete: a crash before this leaves a drive
  // that the next add takes on.
  BackupTarget* t = registry->add_targets();
  *t = *adopted;
  t->set_name(name);
  t->set_path(dir);
  absl::Status s = Save(*registry);
  if (!s.ok()) return s;
  BackupTarget out = *t;
  out.set_mounted(true);
  absl::Time last;
  std::string err;
  const bool ever =
      absl::ParseTime(absl::RFC3339_full, t->last_good_run(), &last, &err);
  out.set_age_hours(ever ? absl::ToInt64Hours(absl::Now() - last) : -1);
  out.set_overdue(!ever || absl::Now() - last > options_.interval);
  return out;
}

absl::StatusOr<BackupTarget> Backups::StartTarget(const std::string& dir) {
  absl::StatusOr<std::string> id = NewTargetId();
  if (!id.ok()) return id.status();
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return platform::ErrnoStatus(errno, "create the backup folder");
  }
  absl::Status s = platform::FsyncDir(platform::DirName(dir));
  if (!s.ok()) return s;
  // The manifest first: the drive carries its id (and the vault's) before
  // anything else is there, so that an add cut short at any point leaves
  // either nothing or a drive of this vault that the next add takes on.
  BackupManifest m;
  m.set_target_id(*id);
  m.set_vault_id(
      Git(vault_dir_ + "/repo.git", {"rev-list", "--max-parents=0", "main"})
          .value_or(""));
  m.set_tool_version(KLUIS_VERSION);
  s = WriteManifestFile(dir, m);
  if (s.ok()) s = InitMirror(dir);
  if (!s.ok()) return s;
  BackupTarget t;
  t.set_target_id(*id);
  return t;
}

absl::Status InitMirror(const std::string& dir) {
  absl::StatusOr<std::string> init =
      RunDriveGit("", {"init", "--bare", "-q", "--template=", MirrorOf(dir)},
                  kDriveGitTimeout);
  if (!init.ok()) return init.status();
  absl::Status s = ConfigureMirror(MirrorOf(dir));
  if (s.ok()) s = WriteRestoreText(dir);
  // git init syncs nothing: all of it is on the drive before the registry
  // names the drive.
  if (s.ok()) s = platform::SyncFilesystem(dir);
  return s;
}

}  // namespace kluis::backup
