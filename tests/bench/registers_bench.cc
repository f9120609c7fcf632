// make bench, part 4: the registers and reports at a practice's scale,
// through the real kluisd: 5,000 coaching dossiers (9 notes each), 300
// adviser cases of one school with 3 contact moments each, 1,000 hours
// entries and a backup drive. Times the processing register (md, pdf),
// kluis status (which reads the breaches), the hours report, the annual
// report, the assessment of a lost drive and a month's agenda archive.
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "kluis/v1/registers.grpc.pb.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() +
                  std::chrono::seconds(1800));
  return c;
}

// Best of three, in milliseconds.
template <typename F>
double BestMs(F&& f) {
  double best = 1e18;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = Clock::now();
    if (!f()) return -1;
    best = std::min(
        best,
        std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return best;
}

bool Check(const grpc::Status& s, const char* what) {
  if (!s.ok())
    std::fprintf(stderr, "%s: %s\n", what, s.error_message().c_str());
  return s.ok();
}

std::string Ics(int events) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//NL\r\n";
  for (int i = 0; i < events; ++i) {
    absl::StrAppend(&out, "BEGIN:VEVENT\r\nUID:bench-", i,
                    "@agenda.example\r\n",
                    absl::StrFormat("DTSTART:202611%02dT%02d0000\r\n",
                                    1 + i % 28, 8 + i % 9),
                    "DURATION:PT1H\r\nSUMMARY:Sessie\r\nATTENDEE:mailto:client",
                    i * 7, "@example.org\r\nEND:VEVENT\r\n");
  }
  return out + "END:VCALENDAR\r\n";
}

int Main() {
  DaemonHarness d;
  if (!d.Start({"--idle-lock", "0"})) return 1;
  d.Init();
  auto dossiers = d.DossiersStub();
  auto records = d.RecordsStub();
  auto registers = kluis::v1::Registers::NewStub(grpc::CreateChannel(
      absl::StrCat("unix:", d.socket()), grpc::InsecureChannelCredentials()));

  constexpr int kDossiers = 5000, kBatch = 1000, kCases = 300;
  const auto setup = Clock::now();
  for (int b = 0; b < kDossiers / kBatch; ++b) {
    kluis::v1::ImportDossiersRequest req;
    for (int i = 0; i < kBatch; ++i) {
      const int n = b * kBatch + i;
      kluis::v1::ImportDossier* item = req.add_dossiers();
      item->mutable_client()->set_name(absl::StrCat("Cliënt ", n));
      item->mutable_client()->set_email(
          absl::StrCat("client", n, "@example.org"));
      for (int k = 0; k < 9; ++k) {
        item->add_notes()->set_text(absl::StrCat("Sessie ", k));
      }
    }
    kluis::v1::ImportDossiersResponse resp;
    if (!Check(dossiers->ImportDossiers(Ctx().get(), req, &resp), "import")) {
      return 1;
    }
  }
  kluis::v1::CreateRecordRequest org;
  org.mutable_record()->mutable_organisation()->set_name("Basisschool Bench");
  kluis::v1::CreateRecordResponse org_id;
  if (!Check(records->CreateRecord(Ctx().get(), org, &org_id), "org")) return 1;
  const char* kCategories[] = {"bullying", "intimidation", "discrimination"};
  for (int i = 0; i < kCases; ++i) {
    kluis::v1::CreateDossierRequest cd;
    kluis::v1::AdviserCase* c = cd.mutable_adviser_case();
    c->set_organisation_id(org_id.record_id());
    c->mutable_reporter()->set_name(absl::StrCat("Melder ", i));
    c->add_categories(kCategories[i % 3]);
    c->set_relation(kluis::v1::CaseRelation(1 + i % 6));
    c->set_opened_date(absl::StrFormat("%d-%02d-10", 2023 + i % 3, 1 + i % 12));
    kluis::v1::CreateDossierResponse cdr;
    if (!Check(dossiers->CreateDossier(Ctx().get(), cd, &cdr), "case")) {
      return 1;
    }
    for (int k = 0; k < 3; ++k) {
      kluis::v1::CreateRecordRequest m;
      m.set_dossier_id(cdr.dossier_id());
      m.mutable_record()->mutable_contact_moment()->set_date(
          c->opened_date().substr(0, 8) + absl::StrFormat("%02d", 11 + k));
      kluis::v1::CreateRecordResponse mr;
      if (!Check(records->CreateRecord(Ctx().get(), m, &mr), "contact")) {
        return 1;
      }
    }
  }
  for (int i = 0; i < 1000; ++i) {
    kluis::v1::CreateRecordRequest h;
    kluis::v1::HoursEntry* e = h.mutable_record()->mutable_hours();
    e->set_organisation_id(org_id.record_id());
    e->set_date(
        absl::StrFormat("%d-%02d-%02d", 2023 + i % 3, 1 + i % 12, 1 + i % 28));
    e->set_minutes(15 + i % 90);
    e->set_activity(kluis::v1::HoursActivity(1 + i % 7));
    kluis::v1::CreateRecordResponse hr;
    if (!Check(records->CreateRecord(Ctx().get(), h, &hr), "hours")) return 1;
  }
  const std::string drive = d.dir().File("drive");
  mkdir(drive.c_str(), 0700);
  if (d.Kluis({"backup", "add", drive, "--name", "usb1"}).exit_code != 0 ||
      d.Kluis({"backup", "run", "usb1"}).exit_code != 0) {
    std::fprintf(stderr, "backup failed\n");
    return 1;
  }
  std::printf(
      "registers: %d dossiers (%d cases), 1,000 hours entries, set "
      "up in %.0f s\n",
      kDossiers + kCases, kCases,
      std::chrono::duration<double>(Clock::now() - setup).count());

  auto doc = [&](const char* format) {
    kluis::v1::ProcessingRegisterRequest req;
    req.set_format(format);
    kluis::v1::Document out;
    return Check(registers->ProcessingRegister(Ctx().get(), req, &out),
                 "register");
  };
  std::printf("  %-40s %9.1f ms\n", "kluis register (md)",
              BestMs([&] { return doc("md"); }));
  std::printf("  %-40s %9.1f ms\n", "kluis register (pdf)",
              BestMs([&] { return doc("pdf"); }));
  std::printf("  %-40s %9.1f ms\n", "kluis status", BestMs([&] {
                kluis::v1::StatusResponse st;
                return Check(d.VaultStub()->Status(Ctx().get(), {}, &st),
                             "status");
              }));
  std::printf(
      "  %-40s %9.1f ms\n", "kluis hours report (1,000 entries)", BestMs([&] {
        kluis::v1::HoursReportRequest req;
        kluis::v1::HoursReportResponse out;
        return Check(registers->HoursReport(Ctx().get(), req, &out), "hours");
      }));
  for (const char* format : {"md", "pdf"}) {
    std::printf(
        "  %-40s %9.1f ms\n",
        absl::StrCat("kluis annual-report (", format, ", 300 cases)").c_str(),
        BestMs([&] {
          kluis::v1::AnnualReportRequest req;
          req.set_organisation_id(org_id.record_id());
          req.set_year(2025);
          req.set_format(format);
          kluis::v1::Document out;
          return Check(registers->AnnualReport(Ctx().get(), req, &out),
                       "annual");
        }));
  }
  std::printf(
      "  %-40s %9.1f ms\n", "breach assess-lost-target (dry run)", BestMs([&] {
        kluis::v1::AssessLostTargetRequest req;
        req.set_name("usb1");
        req.set_key_compromised("no");
        req.set_dry_run(true);
        kluis::v1::LostTargetAssessment out;
        return Check(registers->AssessLostTarget(Ctx().get(), req, &out),
                     "assess");
      }));
  const std::string ics = Ics(200);
  std::printf("  %-40s %9.1f ms\n", "agenda archive, 200 events (dry run)",
              BestMs([&] {
                kluis::v1::ArchiveAgendaRequest req;
                req.set_ics(ics);
                req.set_month("2026-11");
                req.set_dry_run(true);
                kluis::v1::ArchiveAgendaResponse out;
                return Check(registers->ArchiveAgenda(Ctx().get(), req, &out),
                             "agenda");
              }));
  const auto t0 = Clock::now();
  kluis::v1::ArchiveAgendaRequest req;
  req.set_ics(ics);
  req.set_month("2026-11");
  kluis::v1::ArchiveAgendaResponse out;
  if (!Check(registers->ArchiveAgenda(Ctx().get(), req, &out), "agenda")) {
    return 1;
  }
  std::printf(
      "  %-40s %9.1f ms (%d filed)\n", "agenda archive, 200 events",
      std::chrono::duration<double, std::milli>(Clock::now() - t0).count(),
      out.filed_size());
  d.Stop();
  return 0;
}

}  // namespace
}  // namespace kluis::testing

int main() { return kluis::testing::Main(); }
