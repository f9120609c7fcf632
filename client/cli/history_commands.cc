// kluis history | show | diff | restore: how a record changed, when, by
// whom and why, and getting an earlier version back as a new change.
#include <cstdio>
#include <string>
#include <vector>

#include "client/cli/cli_context.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

struct Args {
  std::string dossier, record, since, until, at, older, newer, version, reason;
  std::vector<std::string> ids;
  bool json = false;
};

std::unique_ptr<kluis::v1::History::Stub> History(Context& ctx) {
  return kluis::v1::History::NewStub(ctx.Channel());
}

}  // namespace

void AddHistoryCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();

  CLI::App* history = app.add_subcommand(
      "history",
      "Versions of a record, of every record in a dossier, or (no dossier) "
      "every change of the vault");
  AddDossierArg(history, ctx, &a->dossier);
  history->add_option("record", a->record, "Record id (default: all)");
  history->add_option("--since", a->since, "From this day, YYYY-MM-DD");
  history->add_option("--until", a->until, "Up to this day, YYYY-MM-DD");
  history->add_flag("--json", a->json, "Print JSON");
  history->callback([&ctx, a] {
    kluis::v1::ListVersionsRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    req.set_since(a->since);
    req.set_until(a->until);
    req.set_all(a->dossier.empty());
    kluis::v1::ListVersionsResponse resp;
    grpc::Status s = History(ctx)->ListVersions(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->json) {
      PrintJson(resp);
      return;
    }
    for (const kluis::v1::Version& v : resp.versions()) {
      if (req.all()) {
        std::printf("%s  %s  %s\n", v.version().c_str(),
                    v.time().substr(0, 19).c_str(), v.summary().c_str());
        continue;
      }
      std::printf("%s  %s  %-6s %s %s%s%s\n", v.version().c_str(),
                  v.time().substr(0, 19).c_str(), v.operation().c_str(),
                  v.record_id().c_str(),
                  kluis::v1::RecordKind_Name(v.kind()).substr(12).c_str(),
                  v.reason().empty() ? "" : "  — ", v.reason().c_str());
    }
  });

  CLI::App* show = app.add_subcommand(
      "show", "Show a record, now or as it was at a version");
  AddDossierArg(show, ctx, &a->dossier)->required();
  show->add_option("record", a->record, "Record id")->required();
  show->add_option("--at", a->at, "A version from kluis history");
  show->add_flag("--json", a->json, "Print JSON");
  show->callback([&ctx, a] {
    kluis::v1::Record r;
    grpc::Status s;
    if (a->at.empty()) {
      kluis::v1::GetRecordRequest req;
      req.set_dossier_id(a->dossier);
      req.set_record_id(a->record);
      s = kluis::v1::Records::NewStub(ctx.Channel())
              ->GetRecord(Call().get(), req, &r);
    } else {
      kluis::v1::GetVersionRequest req;
      req.set_dossier_id(a->dossier);
      req.set_record_id(a->record);
      req.set_version(a->at);
      s = History(ctx)->GetVersion(Call().get(), req, &r);
    }
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    a->json ? PrintJson(r) : PrintRecord(r);
  });

  CLI::App* diff = app.add_subcommand(
      "diff", "What changed in a record between two versions");
  AddDossierArg(diff, ctx, &a->dossier)->required();
  diff->add_option("record", a->record, "Record id")->required();
  diff->add_option("older", a->older, "The earlier version")->required();
  diff->add_option("newer", a->newer, "The later version (default: now)");
  diff->add_flag("--json", a->json, "Print JSON");
  diff->callback([&ctx, a] {
    kluis::v1::DiffRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    req.set_older(a->older);
    req.set_newer(a->newer);
    kluis::v1::DiffResponse resp;
    grpc::Status s = History(ctx)->Diff(Call().get(), req, &resp);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    if (a->json) {
      PrintJson(resp);
      return;
    }
    if (resp.changes_size() == 0) std::printf("no changes\n");
    for (const kluis::v1::FieldChange& c : resp.changes()) {
      std::printf("%s: %s\n", c.field().c_str(), c.change().c_str());
      if (!c.old_value().empty())
        std::printf("  - %s\n", c.old_value().c_str());
      if (!c.new_value().empty())
        std::printf("  + %s\n", c.new_value().c_str());
    }
  });

  CLI::App* restore = app.add_subcommand(
      "restore",
      "Make an earlier version of a record (DOSSIER RECORD VERSION) or of a "
      "whole dossier (DOSSIER VERSION) current again, as a new change; also "
      "a deleted one. History is kept. With --from: a whole vault from a "
      "backup drive into a new folder.");
  restore->add_option("ids", a->ids, "DOSSIER [RECORD] VERSION")
      ->expected(2, 3);
  restore->add_option("--reason", a->reason, "Why (kept with it)");
  auto whole = std::make_shared<VaultRestoreArgs>();
  restore->add_option("--from", whole->from,
                      "A whole vault: the drive folder given to kluis backup "
                      "add (or its kluis-backup folder)");
  restore->add_option("--vault", whole->vault,
                      "With --from: the new vault folder (default: "
                      "kluisd's); it must not hold a vault");
  restore->add_option("--at", whole->at,
                      "With --from: as it was at this commit (from kluis "
                      "history) or at the end of this day (YYYY-MM-DD)");
  restore->callback([&ctx, a, whole] {
    if (!whole->from.empty() || !whole->vault.empty() || !whole->at.empty()) {
      if (!a->ids.empty() || whole->from.empty()) {
        std::fprintf(stderr,
                     "kluis: error: restore: either DOSSIER [RECORD] VERSION, "
                     "or --from DRIVE for a whole vault (--vault and --at go "
                     "with --from)\n");
        ctx.exit_code = client::kExitInvalid;
        return;
      }
      RestoreVaultFrom(ctx, *whole);
      return;
    }
    if (a->ids.size() < 2) {
      std::fprintf(stderr,
                   "kluis: error: restore: needs DOSSIER [RECORD] VERSION, or "
                   "--from DRIVE\n");
      ctx.exit_code = client::kExitInvalid;
      return;
    }
    kluis::v1::RestoreRequest req;
    req.set_dossier_id(a->ids.front());
    if (a->ids.size() == 3) req.set_record_id(a->ids[1]);
    req.set_version(a->ids.back());
    req.set_reason(a->reason);
    kluis::v1::Record r;
    ctx.exit_code = Report(History(ctx)->Restore(Call().get(), req, &r));
  });
}

}  // namespace kluis::cli
