// The full record domain through the real kluisd: every kind created, read,
// updated and listed; a BSN in any string field of any kind refused with
// nothing written; attachments streamed with bounded daemon memory and
// readable with git + age alone; CSV import all or nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/record_fixtures.h"

namespace kluis {
namespace {

using kluis::testing::DaemonHarness;
using kluis::testing::FixtureRecord;
using kluis::testing::Git;
using kluis::testing::KindFixtures;
using kluis::testing::ProcessResult;
using kluis::testing::RandomBytes;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::Sha256Hex;
using kluis::testing::WriteFileOrDie;
using kluis::v1::Record;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return c;
}

std::string Trim(const std::string& s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

std::string Head(DaemonHarness& d) {
  kluis::v1::StatusResponse st;
  EXPECT_TRUE(d.VaultStub()->Status(Ctx().get(), {}, &st).ok());
  return st.head();
}

class DomainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    recovery_ = d_.Init();
    Record org = FixtureRecord(Fixture("organisation"));
    kluis::v1::CreateRecordRequest req;
    *req.mutable_record() = org;
    kluis::v1::CreateRecordResponse resp;
    ASSERT_TRUE(d_.RecordsStub()->CreateRecord(Ctx().get(), req, &resp).ok());
    org_ = resp.record_id();
    dossier_ = CreateDossier(FixtureRecord(Fixture("client"), org_));
    ASSERT_EQ(dossier_.size(), 32u);
  }

  static const kluis::testing::KindFixture& Fixture(const std::string& f) {
    for (const auto& k : KindFixtures()) {
      if (f == k.field) return k;
    }
    std::abort();
  }

  grpc::Status Create(const Record& r, const std::string& dossier,
                      std::string* id) {
    kluis::v1::CreateRecordRequest req;
    req.set_dossier_id(dossier);
    *req.mutable_record() = r;
    kluis::v1::CreateRecordResponse resp;
    grpc::Status s = d_.RecordsStub()->CreateRecord(Ctx().get(), req, &resp);
    *id = resp.record_id();
    return s;
  }
  grpc::Status CreateDossierStatus(const Record& head, std::string* id) {
    kluis::v1::CreateDossierRequest req;
    if (head.has_client()) *req.mutable_client() = head.client();
    if (head.has_adviser_case())
      *req.mutable_adviser_case() = head.adviser_case();
    kluis::v1::CreateDossierResponse resp;
    grpc::Status s = d_.DossiersStub()->CreateDossier(Ctx().get(), req, &resp);
    *id = resp.dossier_id();
    return s;
  }
  std::string CreateDossier(const Record& head) {
    std::string id;
    grpc::Status s = CreateDossierStatus(head, &id);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return id;
  }

  DaemonHarness d_;
  std::string recovery_, org_, dossier_;
};

TEST_F(DomainTest, EveryKindIsCreatedReadUpdatedAndListed) {
  int kinds = 0;
  for (const auto& k : KindFixtures()) {
    Record r = FixtureRecord(k, org_);
    std::string where = k.practice ? "" : dossier_;
    std::string id;
    if (k.head) {
      where = CreateDossier(r);
      kluis::v1::GetDossierRequest g;
      g.set_dossier_id(where);
      kluis::v1::GetDossierResponse got;
      ASSERT_TRUE(d_.DossiersStub()->GetDossier(Ctx().get(), g, &got).ok());
      id = got.client().id();
    } else if (k.field == std::string("practice_profile")) {
      ASSERT_TRUE(Create(r, where, &id).ok()) << k.field;
    } else {
      grpc::Status s = Create(r, where, &id);
      ASSERT_TRUE(s.ok()) << k.field << ": " << s.error_message();
    }
    // Read.
    kluis::v1::GetRecordRequest get;
    get.set_dossier_id(where);
    get.set_record_id(id);
    Record back;
    ASSERT_TRUE(d_.RecordsStub()->GetRecord(Ctx().get(), get, &back).ok())
        << k.field;
    EXPECT_EQ(back.body_case(), r.body_case()) << k.field;
    // Update: one string field changes, a new version is written.
    Record changed = back;
    bool done = false;
    kluis::testing::ForEachStringField(
        kluis::testing::MutableBodyOf(&changed), k.field,
        [&](const std::string& path, const auto& set) {
          if (done || absl::StrContains(path, "id") ||
              absl::StrContains(path, "date") ||
              absl::StrContains(path, "email") ||
              absl::StrContains(path, "phone") ||
              absl::StrContains(path, "postcode") ||
              absl::StrContains(path, "iban") ||
              absl::StrContains(path, "time") ||
              absl::StrContains(path, "categories")) {
            return;
          }
          set("Gewijzigd");
          done = true;
        },
        /*fill=*/false);
    ASSERT_TRUE(done) << k.field;
    kluis::v1::UpdateRecordRequest upd;
    upd.set_dossier_id(where);
    *upd.mutable_record() = changed;
    upd.set_reason("correctie");
    Record updated;
    grpc::Status us =
        d_.RecordsStub()->UpdateRecord(Ctx().get(), upd, &updated);
    ASSERT_TRUE(us.ok()) << k.field << ": " << us.error_message();
    EXPECT_GT(
        updated.updated().seconds() * 1000000000LL + updated.updated().nanos(),
        back.updated().seconds() * 1000000000LL + back.updated().nanos());
    // Listed with its dossier (or the practice).
    kluis::v1::ListRecordsRequest list;
    list.set_dossier_id(where);
    list.set_kind(back.kind());
    kluis::v1::ListRecordsResponse all;
    ASSERT_TRUE(d_.RecordsStub()->ListRecords(Ctx().get(), list, &all).ok());
    bool listed = false;
    for (const Record& x : all.records()) listed |= x.id() == id;
    EXPECT_TRUE(listed) << k.field;
    ++kinds;
  }
  EXPECT_EQ(kinds, static_cast<int>(KindFixtures().size()));
  // Stored as ids and ciphertext only: no name in any path of the tree.
  ProcessResult tree = Git(d_.repo(), {"ls-tree", "-r", "--name-only", "main"});
  EXPECT_FALSE(absl::StrContains(tree.out, "Fenna"));
  EXPECT_TRUE(absl::StrContains(tree.out, "practice/"));
}

TEST_F(DomainTest, ABsnInAnyFieldOfAnyKindIsRefusedAndNothingIsWritten) {
  const std::string head = Head(d_);
  const std::string kBsn = "111.222.333";
  int refused = 0;
  for (const auto& k : KindFixtures()) {
    const Record base = FixtureRecord(k, org_);
    std::vector<std::string> paths;
    Record probe = base;
    kluis::testing::ForEachStringField(
        kluis::testing::MutableBodyOf(&probe), k.field,
        [&](const std::string& p, const auto&) { paths.push_back(p); });
    for (size_t i = 0; i < paths.size(); ++i) {
      // kluisd derives this one and replaces what is sent
      // (core_kind_rules_test proves the BSN is not kept).
      if (paths[i] == "subject_request.deadline") continue;
      Record r = base;
      size_t at = 0;
      kluis::testing::ForEachStringField(
          kluis::testing::MutableBodyOf(&r), k.field,
          [&](const std::string&, const auto& set) {
            if (at++ == i) set("zie " + kBsn);
          });
      std::string id;
      grpc::Status s = k.head ? CreateDossierStatus(r, &id)
                              : Create(r, k.practice ? "" : dossier_, &id);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << paths[i];
      EXPECT_TRUE(absl::StartsWith(s.error_message(), paths[i]))
          << paths[i] << ": " << s.error_message();
      EXPECT_FALSE(absl::StrContains(s.error_message(), kBsn));
      ++refused;
    }
  }
  EXPECT_GT(refused, 80);
  EXPECT_EQ(Head(d_), head) << "a refused write made a commit";
  EXPECT_FALSE(absl::StrContains(d_.log(), "111.222.333"));
}

// Peak anonymous memory (heap, not the page cache of mapped objects) of
// the daemon while `work` runs, sampled every 10 ms.
int64_t PeakRssAnonKb(pid_t pid, const std::function<void()>& work) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> peak{0};
  std::thread sampler([&] {
    while (!stop) {
      std::ifstream in("/proc/" + std::to_string(pid) + "/status");
      std::string line;
      while (std::getline(in, line)) {
        if (!absl::StartsWith(line, "RssAnon:")) continue;
        int64_t kb = 0;
        std::vector<std::string> parts =
            absl::StrSplit(line, ' ', absl::SkipEmpty());
        if (parts.size() >= 2 && absl::SimpleAtoi(parts[1], &kb)) {
          peak = std::max<int64_t>(peak, kb);
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  work();
  stop = true;
  sampler.join();
  return peak;
}

TEST_F(DomainTest,
       A50MiBAttachmentRoundTripsInBoundedMemoryAndOpensWithGitAndAge) {
  const std::string file = d_.dir().File("scan.pdf");
  const std::string content = RandomBytes(50 << 20);
  WriteFileOrDie(file, content);
  const int64_t before = PeakRssAnonKb(d_.pid(), [] {});
  std::string record;
  const int64_t up = PeakRssAnonKb(d_.pid(), [&] {
    ProcessResult r =
        d_.Kluis({"attach", dossier_, file, "--reason", "getekend", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    record = kluis::testing::IdFromJson(r.out);
  });
  ASSERT_EQ(record.size(), 32u);
  const std::string out = d_.dir().File("back.pdf");
  const int64_t down = PeakRssAnonKb(d_.pid(), [&] {
    ProcessResult r = d_.Kluis({"fetch", dossier_, record, "-o", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  });
  EXPECT_EQ(Sha256Hex(ReadFileOrDie(out)), Sha256Hex(content));
  // The file is 50 MiB; holding it (or its ciphertext) would show here.
  // ASan's quarantine keeps freed chunks resident, so only the release
  // build measures.
  if (!kSanitized) {
    EXPECT_LT(up - before, 24 * 1024) << "KiB, upload";
    EXPECT_LT(down - before, 24 * 1024) << "KiB, fetch";
  }
  RecordProperty("daemon_rss_anon_growth_upload_kib", up - before);
  RecordProperty("daemon_rss_anon_growth_fetch_kib", down - before);

  kluis::v1::GetRecordRequest get;
  get.set_dossier_id(dossier_);
  get.set_record_id(record);
  Record meta;
  ASSERT_TRUE(d_.RecordsStub()->GetRecord(Ctx().get(), get, &meta).ok());
  EXPECT_EQ(meta.attachment().size(), content.size());
  EXPECT_EQ(meta.attachment().sha256(), Sha256Hex(content));
  EXPECT_EQ(meta.attachment().name(), "scan.pdf");
  EXPECT_EQ(meta.attachment().media_type(), "application/pdf");

  // Only git and age, with the recovery key.
  d_.Stop();
  const std::string key = d_.vault() + "/keys/dossiers/" + dossier_ + ".age";
  ProcessResult k = RunCommand({"age", "-d", "-i", recovery_, "-o",
                                d_.dir().File("dossier-id.txt"), key});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  const std::string path = "main:dossiers/" + dossier_.substr(0, 2) + "/" +
                           dossier_ + "/" + record + ".data.age";
  ProcessResult blob = Git(d_.repo(), {"cat-file", "blob", path});
  ASSERT_EQ(blob.exit_code, 0) << blob.err;
  WriteFileOrDie(d_.dir().File("data.age"), blob.out);
  ProcessResult plain =
      RunCommand({"age", "-d", "-i", d_.dir().File("dossier-id.txt"), "-o",
                  d_.dir().File("plain.pdf"), d_.dir().File("data.age")});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(Sha256Hex(ReadFileOrDie(d_.dir().File("plain.pdf"))),
            Sha256Hex(content));
}

TEST_F(DomainTest, ATextAttachmentWithABsnIsRefusedAndNothingIsWritten) {
  const std::string head = Head(d_);
  std::string text(300000, 'a');
  text += "\nburgerservicenummer 1112 22 333\n";
  WriteFileOrDie(d_.dir().File("verslag.txt"), text);
  ProcessResult r =
      d_.Kluis({"attach", dossier_, d_.dir().File("verslag.txt")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "attachment.content: looks like a BSN"));
  EXPECT_EQ(Head(d_), head);
  // The same file without the number is accepted.
  WriteFileOrDie(d_.dir().File("schoon.txt"), std::string(300000, 'a'));
  EXPECT_EQ(
      d_.Kluis({"attach", dossier_, d_.dir().File("schoon.txt")}).exit_code, 0);
}

TEST_F(DomainTest, CsvImportIsAllOrNothingUnlessAskedOtherwise) {
  const std::string csv = d_.dir().File("klanten.csv");
  WriteFileOrDie(csv,
                 "naam;e-mail;postcode;iban\r\n"
                 "Anna Smit;anna@example.org;1234ab;NL91ABNA0417164300\r\n"
                 "Bram Kok;geen-adres;1234 AB;\r\n"
                 "Carla Jong;carla@example.org;;NL92ABNA0417164300\r\n"
                 "Daan Berg;daan@example.org;3511 AA;\r\n");
  const std::string head = Head(d_);
  ProcessResult r = d_.Kluis({"import", "clients", csv});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "row 2 (line 3): client.email"))
      << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "row 3 (line 4): client.iban")) << r.err;
  EXPECT_FALSE(absl::StrContains(r.err, "geen-adres"));
  EXPECT_EQ(Head(d_), head);

  r = d_.Kluis({"import", "clients", csv, "--skip-invalid"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ProcessResult list = d_.Kluis({"client", "list"});
  EXPECT_TRUE(absl::StrContains(list.out, "Anna Smit"));
  EXPECT_TRUE(absl::StrContains(list.out, "Daan Berg"));
  EXPECT_FALSE(absl::StrContains(list.out, "Bram Kok"));
  EXPECT_FALSE(absl::StrContains(list.out, "Carla Jong"));

  // Day-first dates, as Dutch spreadsheets write them.
  const std::string dates = d_.dir().File("datums.csv");
  WriteFileOrDie(dates, "naam,geboortedatum\nEva Groen,4-5-1990\n");
  r = d_.Kluis({"import", "clients", dates});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      d_.Kluis({"client", "show", Trim(r.out), "--json"}).out, "1990-05-04"));

  const std::string orgs = d_.dir().File("orgs.csv");
  WriteFileOrDie(orgs,
                 "name,type,contact_person,email\n"
                 "Acme Logistiek BV,company,Bert Kok,bert@example.org\n"
                 "\"School, De Linde\",school,,\n");
  r = d_.Kluis({"import", "organisations", orgs});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ProcessResult listed = d_.Kluis({"org", "list"});
  EXPECT_TRUE(absl::StrContains(listed.out, "School, De Linde")) << listed.out;
}

TEST_F(DomainTest, SearchAndWorkingNoteWarningsThroughTheCli) {
  ProcessResult c =
      d_.Kluis({"commission", "add", dossier_, "--organisation-id", org_,
                "--contact-person", "Bert Kok"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  ASSERT_EQ(d_.Kluis({"agreement", "add", dossier_, "--question", "Rust vinden",
                      "--start-date", "2020-01-01", "--end-date", "2020-06-30"})
                .exit_code,
            0);
  ProcessResult n = d_.Kluis({"note", "add", dossier_, "--working"},
                             "Geheugensteun voor mezelf.\n");
  ASSERT_EQ(n.exit_code, 0) << n.err;
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"status"}).out,
                                "1 working note(s) kept past their expiry"));
  const std::string shown = dossier_.substr(0, 8);  // search shows short ids
  ProcessResult found = d_.Kluis({"search", "--org", "linde", "--closed"});
  EXPECT_TRUE(absl::StrContains(found.out, shown)) << found.out;
  EXPECT_FALSE(absl::StrContains(
      d_.Kluis({"search", "--org", "linde", "--open"}).out, shown));
  EXPECT_FALSE(absl::StrContains(
      d_.Kluis({"search", "--from", "2021-01-01"}).out, shown));
  // Turned into a regular note, the warning goes.
  ASSERT_EQ(d_.Kluis({"note", "update", dossier_, Trim(n.out), "--no-working"})
                .exit_code,
            0);
  EXPECT_FALSE(absl::StrContains(d_.Kluis({"status"}).out, "working note"));
  // Bad input names the field; an impossible day is refused by the CLI
  // before anything is sent.
  ProcessResult bad = d_.Kluis({"appointment", "add", dossier_, "--date",
                                "2026-02-30", "--time", "10:00"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "kluis: error: --date: that day does not exist\n");
}

}  // namespace
}  // namespace kluis
