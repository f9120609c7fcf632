// Git on an untrusted drive: see drive_git.h.
#include "daemon/backup/drive_git.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/platform/command.h"

namespace kluis::backup {

namespace {

// Config that would make git run a program, read elsewhere, or touch a
// working tree, each set to a harmless value. Options given with -c win
// over the repository's own config. git does not hand them on to the
// receive-pack or upload-pack of a local push or clone (another
// repository): DriveRemoteGit gives them to those again.
constexpr const char* kOverrides[] = {
    "core.hooksPath=/dev/null",  // no hook of any kind runs
    "core.fsmonitor=false",
    "core.sshCommand=false",
    "core.gitProxy=false",
    "core.askPass=false",
    "core.alternateRefsCommand=true",  // prints nothing
    "core.pager=cat",
    "core.editor=false",
    "core.bare=true",
    "credential.helper=",
    // No transport at all: a "promisor remote" a drive's config names is
    // never fetched from (its uploadpack would run through a shell). Only
    // the parent of a push or clone gets file transport (kFileTransport).
    "protocol.allow=never",
    "protocol.ext.allow=never",
    // A drive whose config says otherwise gets no checkout on a push.
    "receive.denyCurrentBranch=ignore",
    "receive.fsckObjects=true",
    "transfer.fsckObjects=true",
    "gc.auto=0",
    "maintenance.auto=false",
    "fetch.fsckObjects=true",
    "gpg.program=false",
    "gpg.ssh.program=false",
    "gpg.x509.program=false",
    // Lists of objects fsck would let pass; the drive's own (which may
    // name a FIFO) is refused with its config by CheckDriveRepository.
    "fsck.skipList=/dev/null",
    "receive.fsck.skipList=/dev/null",
    "fetch.fsck.skipList=/dev/null",
    "sequence.editor=false",
    "log.showSignature=false",
};

// The local path of a push to a drive or a clone (from the vault onto a
// drive, or from a drive at a restore) is git's file transport. Its
// process runs in the vault's repository or a fresh one, never on the
// drive's config: the drive's side runs DriveRemoteGit, with none.
constexpr char kFileTransport[] = "protocol.file.allow=always";
constexpr char kNoFileTransport[] = "protocol.file.allow=never";

constexpr char kDriveConfig[] =
    "[core]\n"
    "\trepositoryformatversion = 0\n"
    "\tbare = true\n"
    "\tfsync = committed\n"
    "\tfsyncMethod = fsync\n"
    "[transfer]\n"
    "\tunpackLimit = 1\n"
    "[gc]\n"
    "\tauto = 0\n"
    "[receive]\n"
    "\tfsckObjects = true\n"  // every object a push brings is checked
    "[pack]\n"
    "\tbigFileThreshold = 64\n";

}  // namespace

absl::string_view DriveRepositoryConfig() { return kDriveConfig; }

std::vector<std::string> DriveGitArgv(const std::string& repo,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git"};
  for (const char* o : kOverrides) {
    argv.push_back("-c");
    argv.push_back(o);
  }
  const bool transfer =
      !args.empty() && (args.front() == "push" || args.front() == "clone");
  argv.push_back("-c");
  argv.push_back(transfer ? kFileTransport : kNoFileTransport);
  if (!repo.empty()) argv.push_back("--git-dir=" + repo);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::string DriveRemoteGit(absl::string_view program) {
  // Run by a shell: every option single-quoted (none holds a quote).
  std::string out = "git";
  for (const char* o : kOverrides) absl::StrAppend(&out, " -c '", o, "'");
  absl::StrAppend(&out, " -c '", kNoFileTransport, "' ", program);
  return out;
}

absl::StatusOr<std::string> RunDriveGit(
    const std::string& repo, const std::vector<std::string>& args,
    absl::Duration timeout,
    const std::function<void(absl::string_view)>& on_stderr) {
  platform::CommandOptions options;
  // None of the caller's GIT_DIR, GIT_CONFIG_PARAMETERS, alternates…
  options.drop_env_prefixes = {"GIT_"};
  options.env = {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                 "GIT_TERMINAL_PROMPT=0", "GIT_NO_REPLACE_OBJECTS=1",
                 "GIT_PROTOCOL_FROM_USER=0", "GIT_OPTIONAL_LOCKS=0",
                 // No lazy fetch of a missing object from a promisor
                 // remote (git 2.39.4 and later; ignored before).
                 "GIT_NO_LAZY_FETCH=1"};
  options.timeout = timeout;
  options.on_stderr = on_stderr;
  absl::StatusOr<std::string> out =
      platform::RunCommand(DriveGitArgv(repo, args), options);
  if (!out.ok()) return out.status();
  return std::string(absl::StripTrailingAsciiWhitespace(*out));
}

namespace {

int FoundLink(const char*, const struct stat*, int type, struct FTW*) {
  return type == FTW_SL || type == FTW_SLN ? 1 : 0;
}

}  // namespace

absl::Status CheckDriveConfig(const std::string& repo) {
  // Read as ReadDriveFile does: no link followed, no FIFO waited on, a cap.
  const int fd = open((repo + "/config").c_str(),
                      O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        errno == ENOENT ? "repository: its git settings (config) are missing"
                        : "repository: its git settings (config) are not a "
                          "plain file kluis can read; refused");
  }
  std::string there;
  struct stat st;
  bool plain = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
               static_cast<size_t>(st.st_size) <= kMaxDriveConfig;
  if (plain) {
    there.resize(kMaxDriveConfig + 1);
    size_t done = 0;
    while (done < there.size()) {
      const ssize_t n = read(fd, there.data() + done, there.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        plain = n == 0;
        break;
      }
      done += static_cast<size_t>(n);
    }
    there.resize(done);
  }
  close(fd);
  if (!plain || there != kDriveConfig) {
    return absl::FailedPreconditionError(
        "repository: the backup's git settings (config) were changed by "
        "someone else; kluis runs no git on it (kluis backup run writes "
        "them afresh); refused");
  }
  return absl::OkStatus();
}

absl::Status CheckDriveRepository(const std::string& repo,
                                  DriveConfigCheck config) {
  struct stat st;
  if (lstat(repo.c_str(), &st) != 0) {
    return absl::FailedPreconditionError("repository: missing on the drive");
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        "repository: not a folder on the drive (a link or a file pointing "
        "elsewhere); refused");
  }
  for (const char* borrowed : {"commondir", "objects/info/alternates",
                               "objects/info/http-alternates", "gitdir"}) {
    if (lstat(absl::StrCat(repo, "/", borrowed).c_str(), &st) == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("repository: reads from outside the drive (", borrowed,
                       "); kluis never uses such a repository; refused"));
    }
  }
  const int rc = nftw(repo.c_str(), FoundLink, 32, FTW_PHYS);
  if (rc == 1) {
    return absl::FailedPreconditionError(
        "repository: holds a symbolic link; kluis follows none on a drive; "
        "refused");
  }
  if (rc != 0) {
    return absl::FailedPreconditionError("repository: cannot be read");
  }
  if (config == DriveConfigCheck::kAboutToRewrite) return absl::OkStatus();
  return CheckDriveConfig(repo);
}

}  // namespace kluis::backup
