// kluis client … and kluis case …: the two dossier kinds, each born with
// its head record; kluis search across both; kluis guardian … for the
// parents or carers of a minor client.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_join.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_fields.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

using kluis::v1::Record;

struct Args {
  std::string dossier, reason, query, organisation, from, to, file, kind;
  bool json = false, open = false, closed = false;
  uint32_t limit = 0;
  int index = 0;
};

std::unique_ptr<kluis::v1::Dossiers::Stub> Dossiers(Context& ctx) {
  return kluis::v1::Dossiers::NewStub(ctx.Channel());
}

grpc::Status FetchDossier(Context& ctx, const std::string& id,
                          kluis::v1::GetDossierResponse* out) {
  kluis::v1::GetDossierRequest req;
  req.set_dossier_id(id);
  return Dossiers(ctx)->GetDossier(Call().get(), req, out);
}

void PrintSummary(const kluis::v1::DossierSummary& d) {
  std::printf("%s  %-6s %-32s %-24s %s – %s%s%s\n",
              ShortId(d.dossier_id()).c_str(),
              d.kind() == kluis::v1::DOSSIER_KIND_CASE ? "case" : "client",
              d.name().c_str(), absl::StrJoin(d.organisations(), ", ").c_str(),
              d.start_date().empty() ? "?" : d.start_date().c_str(),
              d.end_date().c_str(), d.closed() ? "  [closed]" : "",
              d.working_notes_overdue() > 0 ? "  [working notes overdue]" : "");
}

int ListAndPrint(Context& ctx, const kluis::v1::ListDossiersRequest& req,
                 bool json) {
  kluis::v1::ListDossiersResponse resp;
  grpc::Status st = Dossiers(ctx)->ListDossiers(Call().get(), req, &resp);
  if (!st.ok()) return Report(st);
  if (json) {
    PrintJson(resp);
  } else {
    for (const auto& d : resp.dossiers()) PrintSummary(d);
  }
  return 0;
}

// What a record adds to its line in the dossier: a working note's expiry
// (its own, else the end of the trajectory), the special category.
std::string Marks(const Record& r, const kluis::v1::DossierSummary& s) {
  if (r.has_health()) return "  [special category: health, GDPR art. 9]";
  if (r.has_note() && r.note().working()) {
    const std::string& until =
        !r.note().expires().empty() ? r.note().expires() : s.end_date();
    return until.empty() ? "  [working note; expires when the trajectory ends]"
                         : "  [working note; expires " + until + "]";
  }
  return "";
}

void PrintDossier(Context& ctx, const kluis::v1::GetDossierResponse& d) {
  const kluis::v1::DossierSummary& s = d.summary();
  std::printf(
      "Dossier %s (%s%s)\n", ShortId(s.dossier_id()).c_str(),
      s.kind() == kluis::v1::DOSSIER_KIND_CASE ? "adviser case" : "coaching",
      s.closed() ? ", closed" : "");
  const OrganisationNames names = OrganisationNamesOf(ctx);
  if (const google::protobuf::Message* head = BodyOf(d.client())) {
    PrintBody(*head, &names);
  }
  if (s.organisations_size() > 0) {
    std::printf("  %-22s %s\n", "organisations:",
                absl::StrJoin(s.organisations(), ", ").c_str());
  }
  std::vector<Record> records(d.records().begin(), d.records().end());
  InListOrder(&records);
  if (std::any_of(records.begin(), records.end(),
                  [](const Record& r) { return r.has_health(); })) {
    std::printf("  %-22s %s\n",
                "special category:", "yes: health data (GDPR art. 9)");
  }
  if (s.working_notes_overdue() > 0) {
    std::printf(
        "  warning: %u working note(s) kept past their expiry: "
        "destroy them or turn them into regular notes\n",
        s.working_notes_overdue());
  }
  std::printf("Records (%d)\n", d.records_size());
  for (size_t i = 0; i < records.size(); ++i) {
    std::printf("%3zu  %s%s\n", i + 1, SummaryLine(records[i], &names).c_str(),
                Marks(records[i], s).c_str());
  }
}

// kluis <client|case> add | show | update
void AddHead(CLI::App& app, Context& ctx, const char* name, const char* help,
             const char* field, kluis::v1::DossierKind kind) {
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(name, help);
  cmd->require_subcommand(1);
  const google::protobuf::Descriptor* type =
      Record::descriptor()->FindFieldByName(field)->message_type();

  CLI::App* add = cmd->add_subcommand("add", "Open a new dossier");
  auto add_fields = std::make_shared<FieldOptions>(add, type);
  add->add_option("--reason", a->reason, "Why (kept with this version)");
  add->add_flag("--json", a->json, "Print the new dossier's whole id as JSON");
  add->callback([&ctx, a, add_fields, field] {
    kluis::v1::CreateDossierRequest req;
    google::protobuf::Message* head = req.GetReflection()->MutableMessage(
        &req, req.GetDescriptor()->FindFieldByName(field));
    absl::Status s = add_fields->Apply(head);
    if (!s.ok()) {
      ctx.exit_code = Report(s);
      return;
    }
    if (!ResolveLinks(ctx, "", head)) return;
    req.set_reason(a->reason);
    kluis::v1::CreateDossierResponse resp;
    grpc::Status st = Dossiers(ctx)->CreateDossier(Call().get(), req, &resp);
    if (ShowText(ctx, st, resp, a->json)) {
      std::printf("%s\n", ShortId(resp.dossier_id()).c_str());
    }
  });

  CLI::App* show =
      cmd->add_subcommand("show", "Show a dossier and its records");
  AddDossierArg(show, ctx, &a->dossier)->required();
  show->add_flag("--json", a->json, "Print JSON");
  show->callback([&ctx, a] {
    kluis::v1::GetDossierResponse resp;
    grpc::Status st = FetchDossier(ctx, a->dossier, &resp);
    ctx.exit_code = Report(st);
    if (!st.ok()) return;
    a->json ? PrintJson(resp) : PrintDossier(ctx, resp);
  });

  CLI::App* list = cmd->add_subcommand("list", "List or search these dossiers");
  list->add_option("query", a->query, "Part of a name (empty: all)");
  list->add_option("--limit", a->limit, "At most this many");
  list->add_flag("--json", a->json, "Print JSON");
  list->callback([&ctx, a, kind] {
    kluis::v1::ListDossiersRequest req;
    req.set_query(a->query);
    req.set_limit(a->limit);
    req.set_kind(kind);
    ctx.exit_code = ListAndPrint(ctx, req, a->json);
  });

  if (kind == kluis::v1::DOSSIER_KIND_COACHING) {
    CLI::App* import = cmd->add_subcommand(
        "import", "Import clients from a JSON-lines file (ImportDossier each)");
    import->add_option("file", a->file, "The file")->required();
    import->add_option("--reason", a->reason, "Why (kept with every record)");
    import->callback(
        [&ctx, a] { ctx.exit_code = ImportJsonLines(ctx, a->file, a->reason);
  });
}

CLI::App* update = cmd->add_subcommand("update", "Change the head record");
AddDossierArg(update, ctx, &a->dossier)->required();
auto upd_fields = std::make_shared<FieldOptions>(update, type);
update->add_option("--reason", a->reason, "Why (kept with this version)");
update->callback([&ctx, a, upd_fields, field] {
  kluis::v1::GetDossierRequest get;
  get.set_dossier_id(a->dossier);
  kluis::v1::GetDossierResponse current;
  grpc::Status st = Dossiers(ctx)->GetDossier(Call().get(), get, &current);
  if (!st.ok()) {
    ctx.exit_code = Report(st);
    return;
  }
  kluis::v1::UpdateRecordRequest req;
  req.set_dossier_id(a->dossier);
  *req.mutable_record() = current.client();
  google::protobuf::Message* head = MutableBody(req.mutable_record(), field);
  absl::Status s = upd_fields->Apply(head);
  if (!s.ok()) {
    ctx.exit_code = Report(s);
    return;
  }
  if (!ResolveLinks(ctx, a->dossier, head)) return;
  req.set_expected_updated(
      google::protobuf::util::TimeUtil::ToString(current.client().updated()));
  req.set_reason(a->reason);
  Record updated;
  ctx.exit_code = Report(kluis::v1::Records::NewStub(ctx.Channel())
                             ->UpdateRecord(Call().get(), req, &updated));
});

CLI::App* del = cmd->add_subcommand(
    "delete", "Delete the whole dossier from the head (history keeps it)");
AddDossierArg(del, ctx, &a->dossier)->required();
del->callback([&ctx, a] {
  kluis::v1::DeleteDossierRequest req;
  req.set_dossier_id(a->dossier);
  kluis::v1::DeleteDossierResponse resp;
  ctx.exit_code =
      Report(Dossiers(ctx)->DeleteDossier(Call().get(), req, &resp));
});
}  // namespace

void AddSearch(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "search", "Find dossiers by name, organisation, kind, period, state");
  cmd->add_option("query", a->query, "Part of a name");
  cmd->add_option("--org", a->organisation, "Part of an organisation's name");
  cmd->add_option("--kind", a->kind, "client or case");
  cmd->add_option("--from", a->from, "Active on or after, YYYY-MM-DD");
  cmd->add_option("--to", a->to, "Active on or before, YYYY-MM-DD");
  cmd->add_flag("--open", a->open, "Only open dossiers");
  cmd->add_flag("--closed", a->closed, "Only closed dossiers");
  cmd->add_option("--limit", a->limit, "At most this many");
  cmd->add_flag("--json", a->json, "Print JSON");
  cmd->callback([&ctx, a] {
    if (!ResolveDayArg(ctx, "from", &a->from) ||
        !ResolveDayArg(ctx, "to", &a->to)) {
      return;
    }
    const std::string* kind = &a->kind;
    kluis::v1::ListDossiersRequest req;
    req.set_query(a->query);
    req.set_organisation(a->organisation);
    if (*kind == "client" || *kind == "coaching") {
      req.set_kind(kluis::v1::DOSSIER_KIND_COACHING);
    } else if (*kind == "case") {
      req.set_kind(kluis::v1::DOSSIER_KIND_CASE);
    } else if (!kind->empty()) {
      ctx.exit_code =
          Report(absl::InvalidArgumentError("--kind: must be client or case"));
      return;
    }
    req.set_from_date(a->from);
    req.set_to_date(a->to);
    req.set_state(a->open     ? kluis::v1::DOSSIER_STATE_OPEN
                  : a->closed ? kluis::v1::DOSSIER_STATE_CLOSED
                              : kluis::v1::DOSSIER_STATE_ANY);
    req.set_limit(a->limit);
    ctx.exit_code = ListAndPrint(ctx, req, a->json);
  });
}

// Guardians are part of the client record: each command rewrites it.
void AddGuardian(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("guardian", "Parents or carers of a minor client");
  cmd->require_subcommand(1);
  auto edit =
      [&ctx, a](const std::function<absl::Status(kluis::v1::Client*)>& change) {
        kluis::v1::GetDossierRequest get;
        get.set_dossier_id(a->dossier);
        kluis::v1::GetDossierResponse current;
        grpc::Status st =
            Dossiers(ctx)->GetDossier(Call().get(), get, &current);
        if (!st.ok()) return Report(st);
        if (!current.client().has_client()) {
          return Report(absl::InvalidArgumentError(
              "dossier: guardians belong to a coaching client"));
        }
        kluis::v1::UpdateRecordRequest req;
        req.set_dossier_id(a->dossier);
        *req.mutable_record() = current.client();
        absl::Status s = change(req.mutable_record()->mutable_client());
        if (!s.ok()) return Report(s);
        req.set_expected_updated(google::protobuf::util::TimeUtil::ToString(
            current.client().updated()));
        req.set_reason(a->reason);
        Record updated;
        return Report(kluis::v1::Records::NewStub(ctx.Channel())
                          ->UpdateRecord(Call().get(), req, &updated));
      };

  CLI::App* add = cmd->add_subcommand("add", "Add a parent or carer");
  AddDossierArg(add, ctx, &a->dossier)->required();
  auto fields =
      std::make_shared<FieldOptions>(add, kluis::v1::Guardian::descriptor());
  add->add_option("--reason", a->reason, "Why (kept with this version)");
  add->callback([&ctx, fields, edit] {
    ctx.exit_code = edit([&](kluis::v1::Client* c) {
      return fields->Apply(c->add_guardians());
    });
  });

  CLI::App* list = cmd->add_subcommand("list", "List them");
  AddDossierArg(list, ctx, &a->dossier)->required();
  list->add_flag("--json", a->json, "Print JSON");
  list->callback([&ctx, a] {
    kluis::v1::GetDossierResponse d;
    grpc::Status st = FetchDossier(ctx, a->dossier, &d);
    ctx.exit_code = Report(st);
    if (!st.ok()) return;
    const kluis::v1::Client& c = d.client().client();
    if (a->json) {
      kluis::v1::Client only;
      *only.mutable_guardians() = c.guardians();
      PrintJson(only);
      return;
    }
    for (int i = 0; i < c.guardians_size(); ++i) {
      std::printf("guardian %d\n", i + 1);
      PrintMessage(c.guardians(i), 2);
    }
  });

  CLI::App* remove = cmd->add_subcommand("remove", "Remove one (by number)");
  AddDossierArg(remove, ctx, &a->dossier)->required();
  remove->add_option("number", a->index, "As shown by guardian list")
      ->required();
  remove->add_option("--reason", a->reason, "Why (kept with this version)");
  remove->callback([&ctx, a, edit] {
    ctx.exit_code = edit([&](kluis::v1::Client* c) {
      if (a->index < 1 || a->index > c->guardians_size()) {
        return absl::NotFoundError("number: no such guardian");
      }
      c->mutable_guardians()->DeleteSubrange(a->index - 1, 1);
      return absl::OkStatus();
    });
  });
}

}  // namespace kluis::cli

void AddDossierCommands(CLI::App& app, Context& ctx) {
  AddHead(app, ctx, "client", "Coaching clients and their dossiers", "client",
          kluis::v1::DOSSIER_KIND_COACHING);
  AddHead(app, ctx, "case", "Confidential-adviser cases", "adviser_case",
          kluis::v1::DOSSIER_KIND_CASE);
  AddSearch(app, ctx);
  AddGuardian(app, ctx);
}

}  // namespace kluis::cli
