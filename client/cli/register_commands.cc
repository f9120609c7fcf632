// The practice's registers and reports, made by the daemon:
//   kluis register [--format md|html|json] [--out FILE]
//   kluis breach new|update|list|show … (record_commands.cc), and
//   kluis breach assess-lost-target NAME --key-compromised yes|no
//   kluis hours add|list|… (record_commands.cc), and kluis hours report
//   kluis annual-report --org ORG --year YEAR [--format] [--out FILE]
//   kluis agenda archive --ics FILE --month YYYY-MM [--dry-run]
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "client/cli/cli_context.h"
#include "client/cli/document_lang.h"
#include "kluis/v1/registers.grpc.pb.h"

namespace kluis::cli {
namespace {

std::unique_ptr<kluis::v1::Registers::Stub> Registers(Context& ctx) {
  return kluis::v1::Registers::NewStub(ctx.Channel());
}

// stdout, or a new file.
void Emit(Context& ctx, const grpc::Status& st, const kluis::v1::Document& d,
          const std::string& out) {
  ctx.exit_code = Report(st);
  if (!st.ok()) return;
  if (d.format() == "pdf" && out.empty() && isatty(STDOUT_FILENO)) {
    ctx.exit_code = Report(absl::InvalidArgumentError(
        "out: a PDF goes into a file (--out FILE) or a pipe"));
    return;
  }
  if (out.empty()) {
    std::fwrite(d.text().data(), 1, d.text().size(), stdout);
  } else if (!WriteNewFile(out, d.text())) {
    ctx.exit_code = 1;
  }
}

std::string Hours(uint64_t minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(minutes) / 60);
  return buf;
}

void AddAssess(CLI::App& breach, Context& ctx) {
  struct Args {
    std::string name, key;
    bool dry_run = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* c = breach.add_subcommand(
      "assess-lost-target",
      "A backup drive was lost or stolen: what it held, the AP's three "
      "conditions, and the register entry (and drafts when you must notify)");
  c->add_option("name", a->name, "The backup target")->required();
  c->add_option("--key-compromised", a->key,
                "Could the passphrase or recovery key have gone with it?")
      ->required()
      ->check(CLI::IsMember({"yes", "no"}));
  c->add_flag("--dry-run", a->dry_run, "Assess only; register nothing");
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([&ctx, a] {
    kluis::v1::AssessLostTargetRequest req;
    req.set_name(a->name);
    req.set_key_compromised(a->key);
    req.set_dry_run(a->dry_run);
    kluis::v1::LostTargetAssessment r;
    grpc::Status st = Registers(ctx)->AssessLostTarget(Call().get(), req, &r);
    if (!ShowText(ctx, st, r, a->json)) return;
    std::printf("drive %s, as of its last good backup %s:\n",
                r.target().c_str(), r.last_good_run().c_str());
    std::printf("  %lu dossier(s), about %lu people; special categories: %s\n",
                static_cast<unsigned long>(r.dossiers()),
                static_cast<unsigned long>(r.people()),
                r.special_category() ? "yes" : "no");
    for (const kluis::v1::DataCategory& k : r.data_kinds()) {
      std::printf("  - %s%s\n", k.name().c_str(),
                  k.special_category() ? " (special category)" : "");
    }
    std::printf("%s\n\nThe AP's conditions for not notifying:\n",
                r.encryption().c_str());
    for (const kluis::v1::NotifyCondition& k : r.conditions()) {
      std::printf("  [%s] %s: %s\n", k.met() ? "met" : "NOT met",
                  k.condition().c_str(), k.because().c_str());
    }
    std::printf("\n%s\n", r.notify_required()
                              ? "NOTIFY the Autoriteit Persoonsgegevens within "
                                "72 hours of discovery."
                              : "No notification needed; the breach is "
                                "registered with the reasons.");
    if (!r.breach_id().empty()) {
      std::printf("breach register entry: %s (kluis breach show %s)\n",
                  ShortId(r.breach_id()).c_str(),
                  ShortId(r.breach_id()).c_str());
    }
    if (!r.ap_notification().empty()) {
      std::printf("\n--- draft notification ---\n%s",
                  r.ap_notification().c_str());
    }
    if (!r.client_letter().empty()) {
      std::printf("\n--- draft letter to clients ---\n%s",
                  r.client_letter().c_str());
    }
  });
}

void AddHoursReport(CLI::App& hours, Context& ctx) {
  struct Args {
    std::string org, from, to;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* c = hours.add_subcommand(
      "report", "Hours per organisation and activity: the invoice basis");
  c->add_option("--org", a->org,
                "The organisation: its name, number in kluis org list, or "
                "id start (default: all)");
  c->add_option("--from", a->from, "First day (YYYY-MM-DD or DD-MM-YYYY)");
  c->add_option("--to", a->to, "Last day (YYYY-MM-DD or DD-MM-YYYY)");
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([&ctx, a] {
    if ((!a->org.empty() &&
         !ResolveRecordArg(ctx, "", {kluis::v1::RECORD_KIND_ORGANISATION},
                           &a->org)) ||
        !ResolveDayArg(ctx, "from", &a->from) ||
        !ResolveDayArg(ctx, "to", &a->to)) {
      return;
    }
    kluis::v1::HoursReportRequest req;
    req.set_organisation_id(a->org);
    req.set_from_date(a->from);
    req.set_to_date(a->to);
    kluis::v1::HoursReportResponse r;
    grpc::Status st = Registers(ctx)->HoursReport(Call().get(), req, &r);
    if (!ShowText(ctx, st, r, a->json)) return;
    if (r.organisations_size() == 0) std::printf("no hours in this period\n");
    for (const kluis::v1::OrganisationHours& o : r.organisations()) {
      std::printf(
          "%s  %s: %lu min = %s hours (%lu entries)\n",
          ShortId(o.organisation_id()).c_str(), o.organisation().c_str(),
          static_cast<unsigned long>(o.minutes()), Hours(o.minutes()).c_str(),
          static_cast<unsigned long>(o.entries()));
      for (const kluis::v1::ActivityMinutes& m : o.by_activity()) {
        std::string name = kluis::v1::HoursActivity_Name(m.activity());
        name = name.substr(std::string("HOURS_ACTIVITY_").size());
        for (char& ch : name) ch = static_cast<char>(std::tolower(ch));
        std::printf("    %-14s %6lu min\n", name.c_str(),
                    static_cast<unsigned long>(m.minutes()));
      }
    }
  });
}

void AddAgendaArchive(CLI::App& agenda, Context& ctx) {
  struct Args {
    std::string ics, month;
    bool dry_run = false, json = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* c = agenda.add_subcommand(
      "archive",
      "File a month of the agenda's iCalendar export in the dossiers and "
      "list the entries to delete from the agenda");
  c->add_option("--ics", a->ics, "The agenda's .ics export")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--month", a->month, "YYYY-MM")->required();
  c->add_flag("--dry-run", a->dry_run, "Match and list only; file nothing");
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([&ctx, a] {
    std::ifstream in(a->ics, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    kluis::v1::ArchiveAgendaRequest req;
    req.set_ics(buf.str());
    req.set_month(a->month);
    req.set_dry_run(a->dry_run);
    kluis::v1::ArchiveAgendaResponse r;
    grpc::Status st = Registers(ctx)->ArchiveAgenda(LongCall().get(), req, &r);
    if (!ShowText(ctx, st, r, a->json)) return;
    for (const kluis::v1::ArchivedEntry& e : r.filed()) {
      std::printf("%s %s %s  %s\n", a->dry_run ? "would file" : "filed",
                  e.date().c_str(), e.time().c_str(),
                  e.dossier_id().empty() ? "in the practice archive"
                                         : ShortId(e.dossier_id()).c_str());
    }
    for (const std::string& s : r.skipped()) {
      std::printf("skipped: %s\n", s.c_str());
    }
    std::printf("\ndelete these %d entries from the agenda:\n",
                r.to_delete_size());
    for (const kluis::v1::ArchivedEntry& e : r.to_delete()) {
      std::printf("%s %s  %s  (UID %s)\n", e.date().c_str(), e.time().c_str(),
                  e.subject().c_str(), e.uid().c_str());
    }
  });
}

}  // namespace

void AddRegisterCommands(CLI::App& app, Context& ctx) {
  struct Args {
    std::string format, out, org, lang;
    uint32_t year = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* reg = app.add_subcommand(
      "register",
      "The processing register (GDPR art. 30), from what the vault holds");
  reg->add_option("--format", a->format,
                  "md (default), html, pdf (with --out) or json")
      ->check(CLI::IsMember({"md", "html", "pdf", "json"}));
  reg->add_option("--out", a->out, "New file (mode 0600); default stdout");
  AddLangOption(reg, &a->lang);
  reg->callback([&ctx, a] {
    kluis::v1::ProcessingRegisterRequest req;
    req.set_format(a->format);
    req.set_lang(DocumentLang(a->lang));
    kluis::v1::Document d;
    Emit(ctx, Registers(ctx)->ProcessingRegister(Call().get(), req, &d), d,
         a->out);
  });

  CLI::App* annual = app.add_subcommand(
      "annual-report",
      "An organisation's anonymised annual report; without --out, the "
      "preview shows exactly what it will read");
  annual
      ->add_option("--org", a->org,
                   "The organisation: its name, number in kluis org list, or "
                   "id start")
      ->required();
  annual->add_option("--year", a->year, "Calendar year")->required();
  annual
      ->add_option("--format", a->format,
                   "md (default), html, pdf (with --out) or json")
      ->check(CLI::IsMember({"md", "html", "pdf", "json"}));
  annual->add_option("--out", a->out, "New file (mode 0600)");
  AddLangOption(annual, &a->lang);
  annual->callback([&ctx, a] {
    if (!ResolveRecordArg(ctx, "", {kluis::v1::RECORD_KIND_ORGANISATION},
                          &a->org)) {
      return;
    }
    kluis::v1::AnnualReportRequest req;
    req.set_organisation_id(a->org);
    req.set_year(a->year);
    req.set_format(a->format);
    req.set_lang(DocumentLang(a->lang));
    kluis::v1::Document d;
    Emit(ctx, Registers(ctx)->AnnualReport(LongCall().get(), req, &d), d,
         a->out);
  });

  CLI::App* breach = app.get_subcommand("breach");
  breach->get_subcommand("add")->alias("new");
  AddAssess(*breach, ctx);
  AddHoursReport(*app.get_subcommand("hours"), ctx);
  AddAgendaArchive(*app.get_subcommand("agenda"), ctx);
}

}  // namespace kluis::cli
