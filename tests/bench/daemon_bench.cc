// make bench, part 2: a client that drives the real kluisd over its socket,
// side by side with the same work done by the age and git command lines (an
// age-encrypted file committed with git per insert, as `passage` does).
// Prints p50/p99 latencies, the bulk import, search, and unlock-to-ready
// with 10,000 dossiers × 10 records and the daemon's peak RSS.
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "client/common/connection.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
  double p50, p99;
};
Stats Percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, size_t(q * v.size()))];
  };
  return {at(0.50), at(0.99)};
}

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(600));
  return c;
}

long PeakRssKb(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

const char* kFirst[] = {"Anouk", "Bram",  "Daan", "Emma",  "Fenna",
                        "Gijs",  "Hanna", "Isa",  "Jesse", "Lotte",
                        "Milan", "Noor",  "Sem",  "Tess"};
const char* kLast[] = {"Bakker", "de Boer", "Dekker",   "Hendriks",
                       "Jansen", "Kok",     "Mulder",   "Peters",
                       "Smit",   "Visser",  "de Vries", "Willems"};

std::string NoteText(int i) {
  return absl::StrCat("Sessie ", i,
                      ": besproken hoe het gaat met werk en privé; ",
                      "afspraken gemaakt voor de komende twee weken, ",
                      "volgende keer evalueren we de voortgang.");
}

void Row(const char* what, const std::string& kluis, const std::string& cli,
         const std::string& ratio) {
  std::printf("  %-34s %-22s %-22s %s\n", what, kluis.c_str(), cli.c_str(),
              ratio.c_str());
}

std::string P(const Stats& s) {
  return absl::StrFormat("%.2f / %.2f ms", s.p50, s.p99);
}

int Main(bool quick) {
  DaemonHarness d;
  if (!d.Start({"--idle-lock", "0"})) return 1;
  d.Init();
  auto dossiers = d.DossiersStub();
  auto records = d.RecordsStub();

  // 1. put a note (durable) and get it back, one at a time.
  kluis::v1::CreateDossierRequest cd;
  cd.mutable_client()->set_name("Bench Persoon");
  kluis::v1::CreateDossierResponse cdr;
  if (!dossiers->CreateDossier(Ctx().get(), cd, &cdr).ok()) return 1;
  std::vector<double> put, get;
  std::vector<std::string> note_ids;
  for (int i = 0; i < 300; ++i) {
    kluis::v1::CreateRecordRequest req;
    req.set_dossier_id(cdr.dossier_id());
    req.mutable_record()->mutable_note()->set_text(NoteText(i));
    kluis::v1::CreateRecordResponse resp;
    const auto t0 = Clock::now();
    if (!records->CreateRecord(Ctx().get(), req, &resp).ok()) return 1;
    put.push_back(Ms(Clock::now() - t0));
    note_ids.push_back(resp.record_id());
  }
  std::mt19937 rng(42);
  for (int i = 0; i < 1000; ++i) {
    kluis::v1::GetRecordRequest req;
    req.set_dossier_id(cdr.dossier_id());
    req.set_record_id(note_ids[rng() % note_ids.size()]);
    kluis::v1::Record r;
    const auto t0 = Clock::now();
    if (!records->GetRecord(Ctx().get(), req, &r).ok()) return 1;
    get.push_back(Ms(Clock::now() - t0));
  }

  // The floor under every call: an empty request over the socket.
  std::vector<double> rtt;
  auto vault_stub = d.VaultStub();
  for (int i = 0; i < 1000; ++i) {
    kluis::v1::StatusResponse st;
    const auto t0 = Clock::now();
    if (!vault_stub->Status(Ctx().get(), {}, &st).ok()) return 1;
    rtt.push_back(Ms(Clock::now() - t0));
  }

  // Tamper check: every commit's signature and the chain, per commit.
  {
    kluis::v1::VerifyResponse vr;
    auto audit = kluis::v1::Audit::NewStub(kluis::client::Connect(d.socket()));
    const auto t0 = Clock::now();
    if (!audit->Verify(Ctx().get(), {}, &vr).ok() || vr.failures() != 0) {
      return 1;
    }
    const double ms = Ms(Clock::now() - t0);
    std::printf("audit verify: %lu commits in %.1f ms (%.1f us per commit)\n",
                static_cast<unsigned long>(vr.commits()), ms,
                1000.0 * ms / static_cast<double>(vr.commits()));
  }

  // History of one record among every commit so far, and a diff.
  {
    auto history =
        kluis::v1::History::NewStub(kluis::client::Connect(d.socket()));
    kluis::v1::ListVersionsRequest lr;
    lr.set_dossier_id(cdr.dossier_id());
    lr.set_record_id(note_ids[0]);
    kluis::v1::ListVersionsResponse lv;
    auto t0 = Clock::now();
    if (!history->ListVersions(Ctx().get(), lr, &lv).ok()) return 1;
    const double hist_ms = Ms(Clock::now() - t0);
    kluis::v1::DiffRequest dr;
    dr.set_dossier_id(cdr.dossier_id());
    dr.set_record_id(note_ids[0]);
    dr.set_older(lv.versions(0).version());
    kluis::v1::DiffResponse diff;
    t0 = Clock::now();
    if (!history->Diff(Ctx().get(), dr, &diff).ok()) return 1;
    std::printf(
        "history of one record among %zu commits: %.1f ms; diff: "
        "%.2f ms\n",
        note_ids.size() + 1, hist_ms, Ms(Clock::now() - t0));
  }

  // Attachments: 50 MiB through the CLI, streamed both ways.
  const std::string big = d.dir().File("big.bin");
  WriteFileOrDie(big, RandomBytes(50 << 20));
  double attach_ms = 1e18, fetch_ms = 1e18;
  for (int i = 0; i < 3; ++i) {
    auto t0 = Clock::now();
    ProcessResult a = d.Kluis({"attach", cdr.dossier_id(), big});
    attach_ms = std::min(attach_ms, Ms(Clock::now() - t0));
    if (a.exit_code != 0) return 1;
    const std::string out = d.dir().File(absl::StrCat("back", i));
    t0 = Clock::now();
    ProcessResult f =
        d.Kluis({"fetch", cdr.dossier_id(),
                 std::string(absl::StripAsciiWhitespace(a.out)), "-o", out});
    fetch_ms = std::min(fetch_ms, Ms(Clock::now() - t0));
    if (f.exit_code != 0) return 1;
  }
  std::printf(
      "attach 50 MiB: %.0f ms (%.0f MB/s), fetch: %.0f ms (%.0f MB/s)\n",
      attach_ms, 52.4288e3 / attach_ms, fetch_ms, 52.4288e3 / fetch_ms);

  // 2. The same with the age and git command lines.
  const std::string cli = d.dir().File("cli-repo");
  RunCommand({"git", "init", "-q", cli});
  RunCommand({"git", "-C", cli, "config", "user.email", "bench@example.org"});
  RunCommand({"git", "-C", cli, "config", "user.name", "bench"});
  RunCommand({"age-keygen", "-o", d.dir().File("cli-key.txt")});
  const std::string recipient(absl::StripAsciiWhitespace(
      RunCommand({"age-keygen", "-y", d.dir().File("cli-key.txt")}).out));
  std::vector<double> cli_put, cli_get;
  for (int i = 0; i < 40; ++i) {
    const std::string file = absl::StrCat("n", i, ".age");
    const auto t0 = Clock::now();
    RunCommand({"age", "-e", "-r", recipient, "-o", cli + "/" + file},
               NoteText(i));
    RunCommand({"git", "-C", cli, "add", file});
    RunCommand({"git", "-C", cli, "commit", "-q", "-m", "add note"});
    cli_put.push_back(Ms(Clock::now() - t0));
  }
  for (int i = 0; i < 40; ++i) {
    const auto t0 = Clock::now();
    RunCommand({"age", "-d", "-i", d.dir().File("cli-key.txt"),
                absl::StrCat(cli, "/n", i, ".age")});
    cli_get.push_back(Ms(Clock::now() - t0));
  }

  if (quick) {
    const Stats sp = Percentiles(put), sg = Percentiles(get);
    const Stats cp = Percentiles(cli_put), cg = Percentiles(cli_get);
    std::printf("put %s (cli %s), get %s (cli %s), round trip %s\n",
                P(sp).c_str(), P(cp).c_str(), P(sg).c_str(), P(cg).c_str(),
                P(Percentiles(rtt)).c_str());
    return 0;
  }

  // 3. Bulk import: 10,000 clients with 9 notes each, 1,000 per request.
  constexpr int kDossiers = 10000, kBatch = 1000, kNotes = 9;
  const auto import_start = Clock::now();
  for (int b = 0; b < kDossiers / kBatch; ++b) {
    kluis::v1::ImportDossiersRequest req;
    for (int i = 0; i < kBatch; ++i) {
      const int n = b * kBatch + i;
      kluis::v1::ImportDossier* item = req.add_dossiers();
      item->mutable_client()->set_name(
          absl::StrCat(kFirst[n % 14], " ", kLast[(n / 14) % 12], " ", n));
      item->mutable_client()->set_email(
          absl::StrCat("client", n, "@example.org"));
      for (int k = 0; k < kNotes; ++k) item->add_notes()->set_text(NoteText(k));
    }
    kluis::v1::ImportDossiersResponse resp;
    grpc::Status s = dossiers->ImportDossiers(Ctx().get(), req, &resp);
    if (!s.ok()) {
      std::fprintf(stderr, "import: %s\n", s.error_message().c_str());
      return 1;
    }
  }
  const double import_s = Ms(Clock::now() - import_start) / 1000;
  const std::string commits =
      Trim(Git(d.repo(), {"rev-list", "--count", "main"}).out);
  const std::string objects = Git(d.repo(), {"count-objects", "-v"}).out;

  // 4. List and search 10,000 dossiers by name.
  std::vector<double> search, list_all;
  const char* fragments[] = {"an", "de v", "smit", "noor",
                             "ba", "9",    "ke",   "lotte m"};
  for (int i = 0; i < 400; ++i) {
    kluis::v1::ListDossiersRequest req;
    req.set_query(fragments[i % 8]);
    req.set_limit(50);
    kluis::v1::ListDossiersResponse resp;
    const auto t0 = Clock::now();
    if (!dossiers->ListDossiers(Ctx().get(), req, &resp).ok()) return 1;
    search.push_back(Ms(Clock::now() - t0));
  }
  for (int i = 0; i < 30; ++i) {
    kluis::v1::ListDossiersResponse resp;
    const auto t0 = Clock::now();
    if (!dossiers->ListDossiers(Ctx().get(), {}, &resp).ok()) return 1;
    list_all.push_back(Ms(Clock::now() - t0));
  }

  // 4b. Backups of this vault to a folder: the first run, against `git
  //     clone --mirror` of the same repository; 500 changes later an
  //     incremental run; a structural verify.
  const std::string drive = d.dir().File("drive");
  mkdir(drive.c_str(), 0700);
  if (d.Kluis({"backup", "add", drive, "--name", "bench"}).exit_code != 0) {
    return 1;
  }
  auto timed = [](auto f) {
    const auto t0 = Clock::now();
    const bool ok = f();
    return ok ? Ms(Clock::now() - t0) / 1000 : -1.0;
  };
  const double first_backup = timed([&] {
    return d.Kluis({"backup", "run", "bench"}).exit_code == 0;
  });
  const double git_mirror = timed([&] {
    return RunCommand({"git", "clone", "--mirror", "--no-local", "-q", d.repo(),
                       d.dir().File("plain-mirror.git")})
               .exit_code == 0;
  });
  std::mt19937 pick(5);
  std::vector<std::string> some;
  {
    kluis::v1::ListDossiersRequest req;
    req.set_limit(500);
    kluis::v1::ListDossiersResponse resp;
    if (!dossiers->ListDossiers(Ctx().get(), req, &resp).ok()) return 1;
    for (const auto& e : resp.dossiers()) some.push_back(e.dossier_id());
  }
  for (int i = 0; i < 500; ++i) {
    kluis::v1::CreateRecordRequest req;
    req.set_dossier_id(some[pick() % some.size()]);
    req.mutable_record()->mutable_note()->set_text(NoteText(i));
    kluis::v1::CreateRecordResponse resp;
    if (!records->CreateRecord(Ctx().get(), req, &resp).ok()) return 1;
  }
  const double incremental = timed([&] {
    return d.Kluis({"backup", "run", "bench"}).exit_code == 0;
  });
  const double verify_backup = timed([&] {
    return d.Kluis({"backup", "verify", "bench"}).exit_code == 0;
  });
  ProcessResult deep = d.Kluis({"backup", "verify", "bench", "--deep"});
  if (deep.exit_code != 0) return 1;

  // 5. Unlock-to-ready in a fresh daemon (default KDF work factor 18 would
  //    need a re-init; this vault uses 10, reported below), and peak RSS.
  d.Stop();
  if (!d.Start({"--idle-lock", "0"})) return 1;
  kluis::v1::UnlockRequest ur;
  ur.set_passphrase(kTestPassphrase);
  kluis::v1::UnlockResponse uresp;
  const auto u0 = Clock::now();
  if (!d.VaultStub()->Unlock(Ctx().get(), ur, &uresp).ok()) return 1;
  const double unlock_ms = Ms(Clock::now() - u0);
  const long rss_kb = PeakRssKb(d.pid());
  d.Stop();

  const Stats sp = Percentiles(put), sg = Percentiles(get);
  const Stats cp = Percentiles(cli_put), cg = Percentiles(cli_get);
  std::printf(
      "\nkluisd over its socket vs the age + git command lines (p50 / p99):\n");
  Row("", "kluisd", "age + git CLI", "p50 speed-up");
  Row("put a note (durable commit)", P(sp), P(cp),
      absl::StrFormat("%.0fx", cp.p50 / sp.p50));
  Row("get a note", P(sg), P(cg), absl::StrFormat("%.0fx", cg.p50 / sg.p50));
  Row("empty call (Status): the floor", P(Percentiles(rtt)), "", "");
  std::printf("\nwith %d dossiers x %d records:\n", kDossiers, kNotes + 1);
  std::printf(
      "  bulk import                        %.1f s (%.0f records/s), %s "
      "commits after,\n",
      import_s, kDossiers * (kNotes + 1) / import_s, commits.c_str());
  std::printf("                                     %s\n",
              absl::StrReplaceAll(Trim(objects), {{"\n", ", "}}).c_str());
  std::printf("  search by name (limit 50)          p50 %.2f ms, p99 %.2f ms\n",
              Percentiles(search).p50, Percentiles(search).p99);
  std::printf("  list all 10,000                    p50 %.2f ms\n",
              Percentiles(list_all).p50);
  std::printf(
      "  backup, first run                  %.1f s (git clone --mirror of "
      "the same: %.1f s)\n"
      "  backup after 500 changes           %.2f s\n"
      "  backup verify (structural)         %.1f s\n",
      first_backup, git_mirror, incremental, verify_backup);
  std::printf("  backup verify --deep               %s",
              [&] {
                const size_t at = deep.out.find("deep: ");
                return deep.out.substr(at, deep.out.find('\n', at) - at + 1);
              }()
                  .c_str());
  std::printf("  unlock-to-ready (scrypt 2^10)      %.0f ms for %lu dossiers\n",
              unlock_ms, static_cast<unsigned long>(uresp.dossiers()));
  std::printf("  daemon peak RSS after unlock       %.1f MiB\n",
              rss_kb / 1024.0);
  return 0;
}

}  // namespace
}  // namespace kluis::testing

// --quick: only put and get (a few seconds), for a fast comparison.
int main(int argc, char** argv) {
  return kluis::testing::Main(argc > 1 && std::string(argv[1]) == "--quick");
}
