// Git on an untrusted drive: see drive_git.h.
#include "daemon/backup/drive_git.h"

#include <ftw.h>
#include <sys/stat.h>

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
    "protocol.allow=never",
    "protocol.file.allow=always",
    // A drive whose config says otherwise gets no checkout on a push.
    "receive.denyCurrentBranch=ignore",
    "receive.fsckObjects=true",
    "transfer.fsckObjects=true",
    "gc.auto=0",
    "maintenance.auto=false",
    "fetch.fsckObjects=true",
    "gpg.program=false",
    "sequence.editor=false",
    "log.showSignature=false",
};

}  // namespace

std::vector<std::string> DriveGitArgv(const std::string& repo,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git"};
  for (const char* o : kOverrides) {
    argv.push_back("-c");
    argv.push_back(o);
  }
  if (!repo.empty()) argv.push_back("--git-dir=" + repo);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::string DriveRemoteGit(absl::string_view program) {
  // Run by a shell: every option single-quoted (none holds a quote).
  std::string out = "git";
  for (const char* o : kOverrides) absl::StrAppend(&out, " -c '", o, "'");
  absl::StrAppend(&out, " ", program);
  return out;
}

absl::StatusOr<std::string> RunDriveGit(
    const std::string& repo, const std::vector<std::string>& args,
    absl::Duration timeout,
    const std::function<void(absl::string_view)>& on_stderr) {
  platform::CommandOptions options;
  // None of the caller's GIT_DIR, GIT_CONFIG_PARAMETERS, alternates…
  options.drop_env_prefixes = {"GIT_"};
  options.env = {"GIT_CONFIG_NOSYSTEM=1",    "GIT_CONFIG_GLOBAL=/dev/null",
                 "GIT_TERMINAL_PROMPT=0",    "GIT_NO_REPLACE_OBJECTS=1",
                 "GIT_PROTOCOL_FROM_USER=0", "GIT_OPTIONAL_LOCKS=0"};
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

absl::Status CheckDriveRepository(const std::string& repo) {
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
  return absl::OkStatus();
}

}  // namespace kluis::backup
