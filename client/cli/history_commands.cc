// kluis history | show | diff | restore: how a record changed, when, by
// whom and why, and getting an earlier version back as a new change.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "client/common/local_time.h"
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

// "RECORD_KIND_SESSION_REPORT" → "session report".
std::string KindWord(kluis::v1::RecordKind kind) {
  std::string word = kluis::v1::RecordKind_Name(kind);
  word = word.substr(std::min<size_t>(word.size(), 12));
  for (char& c : word) {
    c = c == '_' ? ' ' : static_cast<char>(absl::ascii_tolower(c));
  }
  return word;
}

// A commit summary ("dossier <id>: update record <id>") with short ids:
// of every run of hex digits only the first 8 are kept.
std::string ShortIdsIn(const std::string& summary) {
  std::string out;
  size_t run = 0;
  for (char c : summary) {
    run = absl::ascii_isxdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run <= 8) out += c;
  }
  return out;
}

}  // namespace

void AddHistoryCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();

  CLI::App* history = app.add_subcommand(
      "history",
      "Versions of a record, of every record in a dossier, or (no dossier) "
      "every change of the vault");
  AddDossierArg(history, ctx, &a->dossier);
  history->add_option("record", a->record,
                      "One record: its number in kluis client show, the "
                      "start of its id, or the dossier again for its head "
                      "(default: all)");
  history->add_option("--since", a->since, "From this day, YYYY-MM-DD");
  history->add_option("--until", a->until, "Up to this day, YYYY-MM-DD");
  history->add_flag("--json", a->json, "Print JSON");
  history->callback([&ctx, a] {
    if (!a->record.empty() && a->dossier.empty()) {
      ctx.exit_code = Report(absl::InvalidArgumentError(
          "record: name the dossier first (kluis history DOSSIER RECORD)"));
      return;
    }
    if (!ResolveDayArg(ctx, "since", &a->since) ||
        !ResolveDayArg(ctx, "until", &a->until)) {
      return;
    }
    if (!a->record.empty() &&
        !ResolveRecordArg(ctx, a->dossier,
                          {kluis::v1::RECORD_KIND_UNSPECIFIED, true},
                          &a->record)) {
      return;
    }
    kluis::v1::ListVersionsRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    req.set_all(a->dossier.empty());
    kluis::v1::ListVersionsResponse all;
    grpc::Status s = History(ctx)->ListVersions(Call().get(), req, &all);
    ctx.exit_code = Report(s);
    if (!s.ok()) return;
    // The days are the person's local days, so they are cut here.
    const absl::Time from = a->since.empty()
                                ? absl::InfinitePast()
                                : client::StartOfLocalDay(a->since);
    const absl::Time to = a->until.empty() ? absl::InfiniteFuture()
                                           : client::EndOfLocalDay(a->until);
    kluis::v1::ListVersionsResponse resp;
    for (const kluis::v1::Version& v : all.versions()) {
      absl::StatusOr<absl::Time> t = client::ParseRfc3339(v.time());
      if (!t.ok() || (*t >= from && *t <= to)) *resp.add_versions() = v;
    }
    if (a->json) {
      PrintJson(resp);
      return;
    }
    if (resp.versions_size() == 0) {
      std::printf("no changes%s\n", a->since.empty() && a->until.empty()
                                        ? ""
                                        : " in that period");
    }
    for (const kluis::v1::Version& v : resp.versions()) {
      const std::string when = client::LocalTime(v.time());
      if (req.all()) {
        std::printf("%s  %s  %s\n", ShortId(v.version()).c_str(), when.c_str(),
                    ShortIdsIn(v.summary()).c_str());
        continue;
      }
      std::printf("%s  %s  %-6s %s %s%s%s\n", ShortId(v.version()).c_str(),
                  when.c_str(), v.operation().c_str(),
                  ShortId(v.record_id()).c_str(), KindWord(v.kind()).c_str(),
                  v.reason().empty() ? "" : "  — ", v.reason().c_str());
    }
  });

  CLI::App* show = app.add_subcommand(
      "show", "Show a record, now or as it was at a version");
  AddDossierArg(show, ctx, &a->dossier)->required();
  show->add_option("record", a->record,
                   "Its number in kluis client show, or the start of its id "
                   "(default: the dossier's head)");
  show->add_option("--at", a->at,
                   "A version from kluis history (7 or more characters), or "
                   "a day: as it was at the end of that day");
  show->add_flag("--json", a->json, "Print JSON");
  show->callback([&ctx, a] {
    if (a->record.empty()) a->record = ctx.dossier_as_typed;
    if (!ResolveRecordArg(ctx, a->dossier,
                          {kluis::v1::RECORD_KIND_UNSPECIFIED, !a->at.empty()},
                          &a->record) ||
        (!a->at.empty() && !ResolveVersionArg(ctx, "at", &a->at))) {
      return;
    }
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
    if (a->json) {
      PrintJson(r);
      return;
    }
    const OrganisationNames names = OrganisationNamesOf(ctx);
    PrintRecord(r, &names);
  });

  CLI::App* diff = app.add_subcommand(
      "diff", "What changed in a record between two versions");
  AddDossierArg(diff, ctx, &a->dossier)->required();
  diff->add_option("record", a->record,
                   "Its number in kluis client show, the start of its id, or "
                   "the dossier again for its head")
      ->required();
  diff->add_option("older", a->older, "The earlier version, or a day")
      ->required();
  diff->add_option("newer", a->newer,
                   "The later version, or a day (default: now)");
  diff->add_flag("--json", a->json, "Print JSON");
  diff->callback([&ctx, a] {
    if (!ResolveRecordArg(ctx, a->dossier,
                          {kluis::v1::RECORD_KIND_UNSPECIFIED, true},
                          &a->record) ||
        !ResolveVersionArg(ctx, "older", &a->older) ||
        (!a->newer.empty() && !ResolveVersionArg(ctx, "newer", &a->newer))) {
      return;
    }
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
  restore
      ->add_option("ids", a->ids,
                   "DOSSIER [RECORD] VERSION: the dossier by name or id "
                   "start, the record by its number in kluis client show "
                   "or id start, the version by 7 or more characters or "
                   "a day")
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
    std::string dossier = a->ids.front();
    std::string version = a->ids.back();
    ctx.dossier_as_typed = dossier;
    if (!ResolveDossierArg(ctx, &dossier)) return;
    std::string record;
    if (a->ids.size() == 3) {
      record = a->ids[1];
      if (!ResolveRecordArg(ctx, dossier,
                            {kluis::v1::RECORD_KIND_UNSPECIFIED, true},
                            &record)) {
        return;
      }
    }
    if (!ResolveVersionArg(ctx, "version", &version)) return;
    req.set_dossier_id(dossier);
    req.set_record_id(record);
    req.set_version(version);
    req.set_reason(a->reason);
    kluis::v1::Record r;
    ctx.exit_code = Report(History(ctx)->Restore(Call().get(), req, &r));
  });
}

}  // namespace kluis::cli
