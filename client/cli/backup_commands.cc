// kluis backup add | run | verify | status: the weekly backup to external
// drives. The daemon does the work (it needs no unlocked vault); this
// client shows the phases as they happen.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"
#include "kluis/v1/backup.grpc.pb.h"

namespace kluis::cli {
namespace {

struct Args {
  std::string path, name;
  bool json = false, deep = false;
  unsigned sample = 0;
};

std::unique_ptr<kluis::v1::Backup::Stub> Backups(Context& ctx) {
  return kluis::v1::Backup::NewStub(ctx.Channel());
}

std::string Age(const kluis::v1::BackupTarget& t) {
  if (t.age_hours() < 0) return "never";
  if (t.age_hours() < 48) return std::to_string(t.age_hours()) + " hours ago";
  return std::to_string(t.age_hours() / 24) + " days ago";
}

std::string Bytes(uint64_t n) {
  char buf[32];
  if (n < 1024) {
    std::snprintf(buf, sizeof(buf), "%lu bytes", static_cast<unsigned long>(n));
  } else if (n < 1024 * 1024) {
    std::snprintf(buf, sizeof(buf), "%.1f KiB", n / 1024.0);
  } else if (n < 1024ull * 1024 * 1024) {
    std::snprintf(buf, sizeof(buf), "%.1f MiB", n / (1024.0 * 1024));
  } else {
    std::snprintf(buf, sizeof(buf), "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
  return buf;
}

// A transfer update: a bar redrawn in place on a terminal; elsewhere (a
// log, a timer's journal) one line when the transfer is complete.
void ShowTransfer(const kluis::v1::BackupProgress& p, bool terminal) {
  const bool done = p.transfer_done();
  if (terminal) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(
        kWidth * p.objects_sent() / std::max<uint64_t>(1, p.objects_to_send()));
    std::printf(
        "\r%s: %-8s [%s%s] %3d%% %lu/%lu objects, %s   ", p.target().c_str(),
        p.phase().c_str(), std::string(filled, '#').c_str(),
        std::string(kWidth - filled, '.').c_str(), filled * 100 / kWidth,
        static_cast<unsigned long>(p.objects_sent()),
        static_cast<unsigned long>(p.objects_to_send()),
        Bytes(p.bytes_sent()).c_str());
    if (done) std::printf("\n");
  } else if (done) {
    std::printf("%s: sent %lu objects, %s\n", p.target().c_str(),
                static_cast<unsigned long>(p.objects_sent()),
                Bytes(p.bytes_sent()).c_str());
  }
}

}  // namespace

void PrintBackupWarnings(Context& ctx) {
  kluis::v1::BackupStatusResponse resp;
  if (!Backups(ctx)->Status(Call().get(), {}, &resp).ok()) return;
  if (resp.targets_size() == 0) {
    std::printf(
        "warning:   no backup target: plug in a drive and run kluis backup "
        "add PATH\n");
  }
  for (const kluis::v1::BackupTarget& t : resp.targets()) {
    if (t.overdue()) {
      std::printf(
          "BACKUP OVERDUE: %s, last good backup %s (due every %u "
          "days): kluis backup run %s\n",
          t.name().c_str(), Age(t).c_str(), resp.interval_days(),
          t.name().c_str());
    }
  }
}

void AddBackupCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* backup = app.add_subcommand("backup", "Backups to external drives");
  backup->require_subcommand(1);

  CLI::App* add = backup->add_subcommand(
      "add", "Make a folder on a mounted drive a backup target");
  add->add_option("path", a->path, "Folder (absolute path)")->required();
  add->add_option("--name", a->name, "Name (default: the folder's name)");
  add->callback([&ctx, a] {
    kluis::v1::AddTargetRequest req;
    req.set_path(a->path);
    req.set_name(a->name);
    kluis::v1::BackupTarget t;
    grpc::Status s = Backups(ctx)->AddTarget(Call().get(), req, &t);
    if (s.ok() && !t.last_good_run().empty()) {
      // The drive held this vault's backup already (after a restore).
      std::printf(
          "adopted the existing backup of this vault as %s, last run %s "
          "(kluis backup run %s brings it up to date)\n",
          t.name().c_str(), Age(t).c_str(), t.name().c_str());
    } else if (s.ok()) {
      std::printf("added %s: %s (now run kluis backup run %s)\n",
                  t.name().c_str(), t.path().c_str(), t.name().c_str());
    }
    ctx.exit_code = Report(s);
  });

  CLI::App* run = backup->add_subcommand(
      "run", "Back up now, to one target or every mounted one");
  run->add_option("name", a->name, "Target (default: every mounted one)");
  run->callback([&ctx, a] {
    kluis::v1::RunBackupRequest req;
    req.set_name(a->name);
    auto call = LongCall();
    auto reader = Backups(ctx)->Run(call.get(), req);
    kluis::v1::BackupProgress p;
    const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    while (reader->Read(&p)) {
      if (p.objects_to_send() > 0) {
        ShowTransfer(p, terminal);
      } else if (p.phase() == "failed") {
        std::printf("%s: FAILED: %s\n", p.target().c_str(), p.error().c_str());
      } else {
        std::printf("%s: %-8s %lu objects\n", p.target().c_str(),
                    p.phase().c_str(), static_cast<unsigned long>(p.objects()));
      }
      std::fflush(stdout);
    }
    ctx.exit_code = Report(reader->Finish());
  });

  CLI::App* verify = backup->add_subcommand(
      "verify", "Check a target: every object, the refs, the key files");
  verify->add_option("name", a->name, "Target (default: every mounted one)");
  verify->add_flag("--deep", a->deep,
                   "Also decrypt every record and attachment (needs unlock)");
  verify
      ->add_option("--sample", a->sample,
                   "With --deep: only this percentage, another part each "
                   "day")
      ->check(CLI::Range(1, 100));
  verify->callback([&ctx, a] {
    kluis::v1::VerifyBackupRequest req;
    req.set_name(a->name);
    req.set_deep(a->deep);
    req.set_sample_percent(a->sample);
    kluis::v1::VerifyBackupResponse resp;
    grpc::Status s = Backups(ctx)->Verify(LongCall().get(), req, &resp);
    if (!s.ok()) {
      ctx.exit_code = Report(s);
      return;
    }
    bool all_ok = true;
    for (const kluis::v1::TargetCheck& c : resp.checks()) {
      if (a->deep) {
        std::printf(
            "%s: deep: %lu files decrypted in %.1f s (%.0f per second), %lu "
            "failed, %lu of erased dossiers\n",
            c.target().c_str(), static_cast<unsigned long>(c.deep_checked()),
            c.deep_seconds(),
            c.deep_seconds() > 0
                ? static_cast<double>(c.deep_checked()) / c.deep_seconds()
                : 0.0,
            static_cast<unsigned long>(c.deep_failed()),
            static_cast<unsigned long>(c.deep_erased()));
      }
      if (c.ok()) {
        std::printf("%s: ok (%lu objects, %lu records)\n", c.target().c_str(),
                    static_cast<unsigned long>(c.objects()),
                    static_cast<unsigned long>(c.records()));
        continue;
      }
      all_ok = false;
      for (const std::string& p : c.problems()) {
        std::printf("%s: FAILED: %s\n", c.target().c_str(), p.c_str());
      }
    }
    ctx.exit_code = all_ok ? 0 : 1;
  });

  CLI::App* status =
      backup->add_subcommand("status", "Every target, its last run and age");
  status->add_flag("--json", a->json, "Print JSON");
  status->callback([&ctx, a] {
    kluis::v1::BackupStatusResponse resp;
    grpc::Status s = Backups(ctx)->Status(Call().get(), {}, &resp);
    if (!ShowText(ctx, s, resp, a->json)) return;
    for (const kluis::v1::BackupTarget& t : resp.targets()) {
      std::printf("%-12s %-8s last good %-14s %s%s  %s\n", t.name().c_str(),
                  t.mounted() ? "mounted" : "absent", Age(t).c_str(),
                  t.overdue() ? "OVERDUE" : "ok",
                  t.last_result().empty() || t.last_result() == "ok"
                      ? ""
                      : (" (last run: " + t.last_result() + ")").c_str(),
                  t.path().c_str());
      if (t.keys_pending_size() > 0 || t.records_pending() > 0) {
        std::printf(
            "  erasures pending until its next run: %d keys, %lu records\n",
            t.keys_pending_size(),
            static_cast<unsigned long>(t.records_pending()));
        for (const std::string& id : t.keys_pending()) {
          std::printf("    key %s still on the drive\n", ShortId(id).c_str());
        }
      }
    }
  });
}

}  // namespace kluis::cli
