// kluis <kind> add | list | show | update | delete, for every record kind
// that is not a dossier's head: the options come from the kind's proto
// fields (record_fields.h), so every kind behaves alike.
#include <google/protobuf/util/time_util.h>
#include <unistd.h>

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/cli/cli_context.h"
#include "client/cli/record_fields.h"
#include "client/cli/record_view.h"
#include "client/common/connection.h"
#include "client/common/local_time.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::cli {
namespace {

using kluis::v1::Record;

struct KindCommand {
  const char* command;
  const char* field;  // the Record oneof field
  const char* help;
  bool practice;  // no dossier
};

constexpr KindCommand kKindCommands[] = {
    {"commission", "commission",
     "The employer that commissions and pays for a trajectory", false},
    {"agreement", "agreement",
     "The personal agreement of a trajectory, with its retention term", false},
    {"report", "session_report", "Session reports", false},
    {"note", "note", "Notes; --working for your own memory aids (they expire)",
     false},
    {"trajectory", "earlier_trajectory", "Earlier coaching trajectories",
     false},
    {"health", "health", "Health information: a special category (GDPR art. 9)",
     false},
    {"moment", "personal_moment", "ZKM personal moments", false},
    {"invoice", "invoice", "Invoice data", false},
    {"mail", "correspondence", "Correspondence, kept until answered", false},
    {"appointment", "appointment", "Appointments", false},
    {"contact", "contact_moment", "Contact moments of an adviser case", false},
    {"consent", "consent",
     "The client's consents to share data: with whom, for what, given and "
     "withdrawn when",
     false},
    {"disclosure", "disclosure",
     "Data that left the practice: to whom, what, when, on which consent or "
     "legal ground (refused without one)",
     false},
    {"org", "organisation", "Commissioning organisations (practice level)",
     true},
    {"request", "subject_request",
     "Requests of data subjects (access, erasure, …): one month to answer, "
     "or three when extended in time",
     true},
    {"processor", "processor",
     "Processors and their agreements (art. 28): they feed the processing "
     "register and the delete-by date of what they receive",
     true},
    {"breach", "breach",
     "The breach register (art. 33(5)): every breach, with the AP form's "
     "fields; 72 hours to notify from discovery (new = add)",
     true},
    {"hours", "hours",
     "Anonymous hours per organisation: no case, no person, no free text "
     "(report: the invoice basis)",
     true},
    {"advice", "annual_advice",
     "Your advice to an organisation, for its annual report", true},
    {"agenda", "agenda_entry",
     "Agenda entries archived at practice level (no dossier matched); "
     "archive: the monthly clean-up",
     true},
};

struct Args {
  std::string dossier, record, reason;
  bool json = false;
};

kluis::v1::RecordKind KindOf(const KindCommand& k) {
  kluis::v1::RecordKind kind = kluis::v1::RECORD_KIND_UNSPECIFIED;
  kluis::v1::RecordKind_Parse(
      absl::AsciiStrToUpper(absl::StrCat("RECORD_KIND_", k.field)), &kind);
  return kind;
}

// Names for the organisations a kind links to; nullptr for other kinds.
std::unique_ptr<OrganisationNames> NamesFor(
    Context& ctx, const google::protobuf::Descriptor* type) {
  if (type->FindFieldByName("organisation_id") == nullptr) return nullptr;
  return std::make_unique<OrganisationNames>(OrganisationNamesOf(ctx));
}

std::unique_ptr<kluis::v1::Records::Stub> Records(Context& ctx) {
  return kluis::v1::Records::NewStub(ctx.Channel());
}

// stdin fills the main text field when it was not given and stdin is a
// pipe or a file, as in `kluis note add D < note.txt`.
void TextFromStdin(const FieldOptions& fields,
                   google::protobuf::Message* body) {
  const google::protobuf::FieldDescriptor* f = fields.main_text();
  if (f == nullptr || isatty(STDIN_FILENO) ||
      !body->GetReflection()->GetString(*body, f).empty()) {
    return;
  }
  body->GetReflection()->SetString(body, f, ReadStdin());
}

void AddKind(CLI::App& app, Context& ctx, const KindCommand& k) {
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(k.command, k.help);
  cmd->require_subcommand(1);
  const google::protobuf::Descriptor* type =
      Record::descriptor()->FindFieldByName(k.field)->message_type();
  auto positional = [&](CLI::App* c, bool record) {
    if (!k.practice) AddDossierArg(c, ctx, &a->dossier)->required();
    if (record) {
      c->add_option("record", a->record,
                    k.practice || std::string(k.field) == "organisation"
                        ? "Its number in the list, or the start of its id"
                        : "Its number in the list, or the start of its id "
                          "(4 or more characters)")
          ->required();
    }
  };
  const RecordScope scope{KindOf(k), false};

  CLI::App* add = cmd->add_subcommand("add", std::string("Add: ") + k.help);
  positional(add, false);
  auto add_fields = std::make_shared<FieldOptions>(add, type);
  add->add_option("--reason", a->reason, "Why (kept with this version)");
  add->add_flag("--json", a->json, "Print the new record's whole id as JSON");
  add->callback([&ctx, a, add_fields, k] {
    kluis::v1::CreateRecordRequest req;
    req.set_dossier_id(a->dossier);
    google::protobuf::Message* body =
        MutableBody(req.mutable_record(), k.field);
    absl::Status s = add_fields->Apply(body);
    if (!s.ok()) {
      ctx.exit_code = Report(s);
      return;
    }
    if (!ResolveLinks(ctx, a->dossier, body)) return;
    TextFromStdin(*add_fields, body);
    req.set_reason(a->reason);
    kluis::v1::CreateRecordResponse resp;
    grpc::Status st = Records(ctx)->CreateRecord(Call().get(), req, &resp);
    if (ShowText(ctx, st, resp, a->json)) {
      std::printf("%s\n", ShortId(resp.record_id()).c_str());
    }
  });

  CLI::App* list = cmd->add_subcommand("list", "List them");
  positional(list, false);
  list->add_flag("--json", a->json, "Print JSON");
  list->callback([&ctx, a, scope, type] {
    std::vector<Record> records;
    if (!ListInOrder(ctx, a->dossier, scope.kind, &records)) return;
    if (a->json) {
      kluis::v1::ListRecordsResponse resp;
      for (const Record& r : records) *resp.add_records() = r;
      PrintJson(resp);
      return;
    }
    std::unique_ptr<OrganisationNames> names = NamesFor(ctx, type);
    const bool orgs = scope.kind == kluis::v1::RECORD_KIND_ORGANISATION;
    if (orgs && !records.empty()) {
      std::printf("  #  %-8s  %-32s %-8s %-24s %s\n", "id", "name", "type",
                  "contact person", "city");
    }
    for (size_t i = 0; i < records.size(); ++i) {
      std::printf("%3zu  %s\n", i + 1,
                  orgs ? OrganisationLine(records[i]).c_str()
                       : SummaryLine(records[i], names.get()).c_str());
    }
  });

  CLI::App* show = cmd->add_subcommand("show", "Show one");
  positional(show, true);
  show->add_flag("--json", a->json, "Print JSON");
  show->callback([&ctx, a, scope, type] {
    if (!ResolveRecordArg(ctx, a->dossier, scope, &a->record)) return;
    kluis::v1::GetRecordRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    Record r;
    grpc::Status st = Records(ctx)->GetRecord(Call().get(), req, &r);
    ctx.exit_code = Report(st);
    if (!st.ok()) return;
    if (a->json) {
      PrintJson(r);
      return;
    }
    PrintRecord(r, NamesFor(ctx, type).get());
  });

  CLI::App* update = cmd->add_subcommand("update", "Change fields of one");
  positional(update, true);
  auto upd_fields = std::make_shared<FieldOptions>(update, type);
  update->add_option("--reason", a->reason, "Why (kept with this version)");
  update->callback([&ctx, a, upd_fields, k, scope] {
    if (!ResolveRecordArg(ctx, a->dossier, scope, &a->record)) return;
    kluis::v1::GetRecordRequest get;
    get.set_dossier_id(a->dossier);
    get.set_record_id(a->record);
    kluis::v1::UpdateRecordRequest req;
    grpc::Status st =
        Records(ctx)->GetRecord(Call().get(), get, req.mutable_record());
    if (!st.ok()) {
      ctx.exit_code = Report(st);
      return;
    }
    google::protobuf::Message* body =
        MutableBody(req.mutable_record(), k.field);
    absl::Status s = upd_fields->Apply(body);
    if (!s.ok()) {
      ctx.exit_code = Report(s);
      return;
    }
    if (!ResolveLinks(ctx, a->dossier, body)) return;
    req.set_dossier_id(a->dossier);
    // Refused if someone else changed it in between.
    req.set_expected_updated(
        google::protobuf::util::TimeUtil::ToString(req.record().updated()));
    req.set_reason(a->reason);
    Record updated;
    ctx.exit_code =
        Report(Records(ctx)->UpdateRecord(Call().get(), req, &updated));
  });

  CLI::App* del =
      cmd->add_subcommand("delete", "Delete one (history keeps it)");
  positional(del, true);
  del->callback([&ctx, a, scope] {
    if (!ResolveRecordArg(ctx, a->dossier, scope, &a->record)) return;
    kluis::v1::DeleteRecordRequest req;
    req.set_dossier_id(a->dossier);
    req.set_record_id(a->record);
    kluis::v1::DeleteRecordResponse resp;
    ctx.exit_code =
        Report(Records(ctx)->DeleteRecord(Call().get(), req, &resp));
  });
}

// The terms the daemon applies where the profile leaves a field at 0 or
// empty (records.proto says which; kind_rules.cc has the category list),
// filled in so that a person sees what holds.
void FillProfileDefaults(kluis::v1::PracticeProfile* p) {
  if (p->coaching_retention_years() == 0) p->set_coaching_retention_years(7);
  if (p->case_retention_years() == 0) p->set_case_retention_years(2);
  if (p->journal_retention_years() == 0) p->set_journal_retention_years(5);
  if (p->report_min_count() == 0) p->set_report_min_count(3);
  if (p->payment_term_days() == 0) p->set_payment_term_days(14);
  if (p->case_categories_size() == 0) {
    for (const char* c : {"bullying", "intimidation", "sexual intimidation",
                          "aggression", "violence", "aggression/violence",
                          "discrimination", "integrity", "other"}) {
      p->add_case_categories(c);
    }
  }
}

// The fields the profile left to the defaults, with the value that holds.
void PrintDefaults(const kluis::v1::PracticeProfile& as_set,
                   const kluis::v1::PracticeProfile& effective) {
  const google::protobuf::Reflection* r = effective.GetReflection();
  const google::protobuf::Descriptor* d = effective.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = d->field(i);
    const bool was_set =
        f->is_repeated() ? r->FieldSize(as_set, f) > 0 : r->HasField(as_set, f);
    const bool is_set = f->is_repeated() ? r->FieldSize(effective, f) > 0
                                         : r->HasField(effective, f);
    if (was_set || !is_set) continue;
    std::string value;
    if (f->is_repeated()) {
      for (int k = 0; k < r->FieldSize(effective, f); ++k) {
        absl::StrAppend(&value, k > 0 ? ", " : "",
                        r->GetRepeatedString(effective, f, k));
      }
    } else {
      value = absl::StrCat(r->GetUInt32(effective, f));
    }
    std::string label = absl::StrCat(f->name(), ":");
    for (char& c : label) c = c == '_' ? ' ' : c;
    std::printf("  %-22s %s (default)\n", label.c_str(), value.c_str());
  }
}

void AddProfile(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "profile", "The practice profile: controller and default terms");
  cmd->require_subcommand(1);
  CLI::App* show = cmd->add_subcommand("show", "Show the profile");
  show->add_flag("--json", a->json, "Print JSON");
  show->callback([&ctx, a] {
    kluis::v1::ListRecordsRequest req;
    req.set_kind(kluis::v1::RECORD_KIND_PRACTICE_PROFILE);
    kluis::v1::ListRecordsResponse resp;
    grpc::Status st = Records(ctx)->ListRecords(Call().get(), req, &resp);
    ctx.exit_code = Report(st);
    if (!st.ok()) return;
    if (resp.records_size() == 0) {
      std::fprintf(stderr,
                   "kluis: no practice profile yet; kluis profile set "
                   "--controller-name …\n");
      ctx.exit_code = client::kExitNotFound;
      return;
    }
    Record effective = resp.records(0);
    kluis::v1::PracticeProfile* p = effective.mutable_practice_profile();
    const kluis::v1::PracticeProfile as_set = *p;
    FillProfileDefaults(p);
    if (a->json) {
      PrintJson(effective);
      return;
    }
    std::printf("practice profile\n");
    PrintMessage(as_set, 2);
    PrintDefaults(as_set, *p);
    std::printf(
        "  %-22s %s\n", "updated:",
        client::LocalTimeOfSeconds(effective.updated().seconds()).c_str());
  });
  CLI::App* set = cmd->add_subcommand("set", "Create or change the profile");
  auto fields = std::make_shared<FieldOptions>(
      set, kluis::v1::PracticeProfile::descriptor());
  set->add_option("--reason", a->reason, "Why (kept with this version)");
  set->callback([&ctx, a, fields] {
    kluis::v1::ListRecordsRequest list;
    list.set_kind(kluis::v1::RECORD_KIND_PRACTICE_PROFILE);
    kluis::v1::ListRecordsResponse current;
    grpc::Status st = Records(ctx)->ListRecords(Call().get(), list, &current);
    if (!st.ok()) {
      ctx.exit_code = Report(st);
      return;
    }
    Record r;
    if (current.records_size() > 0) r = current.records(0);
    absl::Status s = fields->Apply(r.mutable_practice_profile());
    if (!s.ok()) {
      ctx.exit_code = Report(s);
      return;
    }
    if (current.records_size() == 0) {
      kluis::v1::CreateRecordRequest req;
      *req.mutable_record() = r;
      req.set_reason(a->reason);
      kluis::v1::CreateRecordResponse resp;
      ctx.exit_code =
          Report(Records(ctx)->CreateRecord(Call().get(), req, &resp));
      return;
    }
    kluis::v1::UpdateRecordRequest req;
    *req.mutable_record() = r;
    req.set_expected_updated(
        google::protobuf::util::TimeUtil::ToString(r.updated()));
    req.set_reason(a->reason);
    Record updated;
    ctx.exit_code =
        Report(Records(ctx)->UpdateRecord(Call().get(), req, &updated));
  });
}

}  // namespace

void AddRecordCommands(CLI::App& app, Context& ctx) {
  for (const KindCommand& k : kKindCommands) AddKind(app, ctx, k);
  AddProfile(app, ctx);
}

}  // namespace kluis::cli
