// kluisd: wires the layers together and runs until SIGTERM/SIGINT.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/synchronization/notification.h"
#include "daemon/backup/backup_restore.h"
#include "daemon/core/vault.h"
#include "daemon/crypto/age_key_ring.h"
#include "daemon/crypto/secure_bytes.h"
#include "daemon/daemon_options.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"
#include "daemon/platform/lock_file.h"
#include "daemon/platform/log.h"
#include "daemon/platform/process.h"
#include "daemon/service/services.h"
#include "daemon/service/unix_server.h"
#include "daemon/store/git_store.h"

namespace {

using kluis::platform::Log;
using kluis::platform::LogLevel;

int Fail(const char* what, const absl::Status& s) {
  std::fprintf(stderr, "kluisd: %s: %s\n", what,
               std::string(s.message()).c_str());
  return 1;
}

// Forks; the parent exits 0 once the child reports ready on the pipe (or 1
// if it fails first). Returns the write end in the child.
int Daemonize() {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid > 0) {
    close(fds[1]);
    char c = 0;
    const bool ready = read(fds[0], &c, 1) == 1 && c == 'R';
    _exit(ready ? 0 : 1);
  }
  close(fds[0]);
  setsid();
  const int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    close(devnull);
  }
  return fds[1];
}

}  // namespace

// kluisd --restore-from DRIVE --vault NEWDIR [--restore-at X]: prints what
// it restored (ids and counts only) and exits.
int RestoreFromBackup(const kluis::DaemonOptions& opt) {
  absl::StatusOr<kluis::backup::RestoreSummary> r = kluis::backup::RestoreVault(
      opt.restore_from, opt.vault_dir, opt.restore_at);
  if (!r.ok()) {
    std::fprintf(stderr, "kluisd: restore: %s\n",
                 std::string(r.status().message()).c_str());
    return absl::IsInvalidArgument(r.status()) ? 2 : 1;
  }
  std::printf("restored: %lu dossiers up to %s into %s\n",
              static_cast<unsigned long>(r->dossiers), r->head.c_str(),
              opt.vault_dir.c_str());
  if (r->erased > 0) {
    std::printf(
        "skipped: %lu erased dossiers (their keys are gone; they stay "
        "unreadable)\n",
        static_cast<unsigned long>(r->erased));
  }
  std::printf("next: start kluisd with --vault %s, then kluis unlock\n",
              opt.vault_dir.c_str());
  return 0;
}

int main(int argc, char** argv) {
  kluis::platform::HardenProcess();
  // Everything the daemon creates is the owner's alone.
  umask(077);
  kluis::DaemonOptions opt;
  opt.vault_dir = kluis::DefaultVaultDir();
  opt.socket_path = kluis::DefaultSocketPath();
  CLI::App app{"kluisd: the kluis vault daemon"};
  app.add_flag("--foreground", opt.foreground, "Stay in the foreground");
  app.add_option("--vault", opt.vault_dir, "Vault directory")
      ->capture_default_str();
  app.add_option("--socket", opt.socket_path, "Socket path")
      ->capture_default_str();
  app.add_option("--idle-lock", opt.idle_lock_minutes,
                 "Lock after this many idle minutes (0: never)")
      ->check(CLI::Range(0.0, 24 * 60.0))
      ->capture_default_str();
  app.add_option("--scrypt-work-factor", opt.scrypt_work_factor,
                 "scrypt work factor for the passphrase at init (tests only "
                 "lower it)")
      ->check(CLI::Range(10, 22))
      ->capture_default_str();
  app.add_option("--backup-poll", opt.backup_poll_seconds,
                 "Seconds between looks for a plugged-in backup drive whose "
                 "backup is due (0: never)")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  app.add_option("--backup-interval", opt.backup_interval_days,
                 "Days after which a target's backup is overdue")
      ->check(CLI::Range(0.0, 365.0))
      ->capture_default_str();
  app.add_option("--restore-from", opt.restore_from,
                 "Make the vault (--vault, a new folder) from this backup "
                 "drive folder, then exit");
  app.add_option("--restore-at", opt.restore_at,
                 "With --restore-from: as it was at this commit or day "
                 "(YYYY-MM-DD)");
  CLI11_PARSE(app, argc, argv);
  if (!opt.restore_from.empty()) return RestoreFromBackup(opt);

  absl::Status s = kluis::platform::MakePrivateDirs(opt.vault_dir);
  if (s.ok()) s = kluis::platform::CheckPrivateDir(opt.vault_dir);
  if (!s.ok()) return Fail("vault directory", s);
  const std::string socket_dir = kluis::platform::DirName(opt.socket_path);
  s = kluis::platform::MakePrivateDirs(socket_dir);
  if (s.ok()) s = kluis::platform::CheckPrivateDir(socket_dir);
  if (!s.ok()) return Fail("socket directory", s);
  absl::StatusOr<kluis::platform::LockFile> lock =
      kluis::platform::LockFile::Acquire(opt.vault_dir + "/kluisd.lock");
  if (!lock.ok()) return Fail("lock", lock.status());
  // Under the lock no write runs: what an interrupted one left is swept.
  for (const char* sub : {"/keys", "/state"}) {
    absl::StatusOr<int> swept =
        kluis::platform::ShredTempLeftovers(opt.vault_dir + sub);
    if (!swept.ok()) return Fail("vault directory", swept.status());
  }

  const int ready_fd = opt.foreground ? -1 : Daemonize();
  // After the fork: memory locks are not inherited by a child.
  if (absl::Status heap = kluis::crypto::InitSecureHeap(4 << 20); !heap.ok()) {
    Log(LogLevel::kWarning, "secure_heap_unavailable", {{"status", heap}});
  }
  kluis::platform::BlockTerminationSignals();

  kluis::crypto::AgeKeyRing keys(opt.vault_dir, {opt.scrypt_work_factor});
  kluis::core::SystemClock clock;
  const std::string repo = opt.vault_dir + "/repo.git";
  kluis::core::Vault vault(
      [repo](
          bool create) -> absl::StatusOr<std::unique_ptr<kluis::core::Store>> {
        absl::StatusOr<std::unique_ptr<kluis::store::GitStore>> st =
            create ? kluis::store::GitStore::Create(repo)
                   : kluis::store::GitStore::Open(repo);
        if (!st.ok()) return st.status();
        return std::unique_ptr<kluis::core::Store>(std::move(*st));
      },
      &keys, &clock,
      {absl::Seconds(static_cast<int64_t>(opt.idle_lock_minutes * 60)), 2});
  s = vault.Start();
  if (!s.ok()) return Fail("vault", s);

  kluis::service::VaultService vault_service(&vault);
  kluis::service::DossierService dossier_service(&vault);
  kluis::service::RecordService record_service(&vault);
  kluis::service::AttachmentService attachment_service(&vault);
  kluis::service::AuditService audit_service(&vault);
  kluis::service::HistoryService history_service(&vault);
  kluis::service::RetentionService retention_service(&vault);
  kluis::service::ExportService export_service(&vault, opt.scrypt_work_factor);
  kluis::backup::Backups backups(
      opt.vault_dir,
      {absl::Seconds(static_cast<int64_t>(opt.backup_interval_days * 86400))});
  kluis::service::BackupService backup_service(&backups, &vault);
  kluis::service::RegisterService register_service(&vault, &backups,
                                                   opt.scrypt_work_factor);
  kluis::service::UnixServer server(
      {&vault_service, &dossier_service, &record_service, &attachment_service,
       &audit_service, &history_service, &backup_service, &retention_service,
       &export_service, &register_service});
  s = server.Start(opt.socket_path);
  if (!s.ok()) return Fail("socket", s);

  // Idle lock: checked often enough for a lock within a few seconds.
  absl::Notification stop;
  std::thread idle([&] {
    while (!stop.WaitForNotificationWithTimeout(absl::Seconds(1))) {
      if (vault.LockIfIdle()) {
        Log(LogLevel::kInfo, "vault_lock", {{"reason_idle", true}});
      }
    }
  });

  // Backups due on a drive that is plugged in run by themselves.
  std::thread backup_poll([&] {
    if (opt.backup_poll_seconds <= 0) return;
    const absl::Duration every = absl::Seconds(opt.backup_poll_seconds);
    while (!stop.WaitForNotificationWithTimeout(every)) {
      backups.RunDue([&](const std::string& name, const absl::Status& result) {
        Log(result.ok() ? LogLevel::kInfo : LogLevel::kWarning,
            "backup_run_scheduled", {{"status", result}});
        (void)vault.JournalAction("backup", result.ok() ? "ok" : "failed",
                                  "target " + name + " (scheduled)");
      });
    }
  });

  Log(LogLevel::kInfo, "ready", {{"pid", static_cast<int64_t>(getpid())}});
  kluis::platform::NotifyReady();
  if (ready_fd >= 0) {
    (void)!write(ready_fd, "R", 1);
    close(ready_fd);
  }

  const int sig = kluis::platform::WaitForTerminationSignal();
  Log(LogLevel::kInfo, "stopping", {{"signal", sig}});
  kluis::platform::NotifyStopping();
  // A git child on a hung drive would hold the backup run, and with it the
  // shutdown, for as long as its timeout: end every helper process now.
  kluis::platform::CancelAllCommands();
  stop.Notify();
  idle.join();
  backup_poll.join();
  server.Shutdown();
  vault.Lock();
  Log(LogLevel::kInfo, "stopped");
  return 0;
}
