// The one place that starts git on a backup drive. A drive is untrusted
// (DESIGN.md 3.5): whoever had it may have planted hooks, config that
// names programs (core.fsmonitor, core.sshCommand, core.alternateRefsCommand,
// a hooks path…), alternates that point into the vault, or a git directory
// that is a link to somewhere else. Every git child that touches a drive
// repository is built here, with hooks off, every program-running key
// overridden on the command line (which beats the repository's own config),
// no system or global config, none of the caller's GIT_* variables, and a
// timeout after which it and what it started are killed.
//
// Thread-safety: plain functions, no shared state.
#ifndef KLUIS_DAEMON_BACKUP_DRIVE_GIT_H_
#define KLUIS_DAEMON_BACKUP_DRIVE_GIT_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace kluis::backup {

// git, the neutralising options (no transport at all, except file
// transport for a "push" or "clone"), --git-dir=REPO (when `repo` is not empty:
// clone and init name their repositories among `args`), then `args`.
std::vector<std::string> DriveGitArgv(const std::string& repo,
                                      const std::vector<std::string>& args);

// The command line for the git program on the drive's side of a local
// push or clone ("receive-pack" or "upload-pack"), for --receive-pack= /
// --upload-pack=: git clears -c options for that other repository's
// process, so the neutralising options must be given to it again.
std::string DriveRemoteGit(absl::string_view program);

// Runs DriveGitArgv(repo, args) with the drive environment and `timeout`;
// returns its standard output. `on_stderr` (when set) sees git's progress.
// Errors: as platform::RunCommand, and kDeadlineExceeded "git …: timed
// out" when the drive stopped answering.
absl::StatusOr<std::string> RunDriveGit(
    const std::string& repo, const std::vector<std::string>& args,
    absl::Duration timeout,
    const std::function<void(absl::string_view)>& on_stderr = {});

// Time a quick git command (rev-parse, config…) on a drive may take; a
// transfer or a full check gets kDriveGitSlowTimeout.
inline constexpr absl::Duration kDriveGitTimeout = absl::Minutes(2);
inline constexpr absl::Duration kDriveGitSlowTimeout = absl::Hours(2);

// The whole `config` of a drive repository as kluis writes it
// (ConfigureMirror): nothing else is ever accepted there.
absl::string_view DriveRepositoryConfig();
inline constexpr size_t kMaxDriveConfig = 1 << 16;

// Whether CheckDriveRepository also requires the config kluis writes. Only
// a caller that writes it afresh (ConfigureMirror) before any git runs on
// the repository may skip that, and checks again after.
enum class DriveConfigCheck { kRequired, kAboutToRewrite };

// Refuses a drive repository that git would read through to somewhere
// else, or whose settings could make git run a program, before any git
// runs on it: `repo` must be a real directory (not a link, not a gitfile),
// with no `commondir`, no objects/info/alternates or http-alternates, no
// symbolic link anywhere inside, and (kRequired) a `config` that is
// exactly DriveRepositoryConfig(), read without following a link and at
// most kMaxDriveConfig bytes. Some settings cannot be overridden on git's
// command line at all (extensions.partialClone: a "promisor remote" whose
// uploadpack git runs to fetch a missing object). Errors:
// kFailedPrecondition naming the rule (never a path).
absl::Status CheckDriveRepository(
    const std::string& repo,
    DriveConfigCheck config = DriveConfigCheck::kRequired);

// The config rule of CheckDriveRepository alone.
absl::Status CheckDriveConfig(const std::string& repo);

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_DRIVE_GIT_H_
