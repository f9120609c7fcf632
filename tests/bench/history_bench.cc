// make bench, part 3: history at scale. Builds a vault with N commits
// (default 100,000) — 1,000 dossiers, a note added to a random dossier per
// commit, one appointment changed 20 times spread over the history — then
// starts the real kluisd on it and times, over its socket: the history of
// that one record, of its dossier, a diff of two of its versions, and
// `audit verify` of every commit.
//
// Generating is about writes, which `make bench` measures elsewhere: the
// commits are made in this process by the daemon's own classes (Vault,
// AgeKeyRing, GitStore: every commit encrypted and signed as kluisd does),
// packed once at the end, and under Debian's eatmydata when it is
// installed (fsync off). The daemon that is measured runs as always.
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/common/connection.h"
#include "daemon/core/clock.h"
#include "daemon/core/vault.h"
#include "daemon/crypto/age_key_ring.h"
#include "daemon/store/git_store.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() +
                  std::chrono::seconds(1800));
  return c;
}

const char* EatMyData() {
  for (const char* p : {"/usr/lib/x86_64-linux-gnu/libeatmydata.so",
                        "/usr/lib/aarch64-linux-gnu/libeatmydata.so",
                        "/usr/lib/libeatmydata.so"}) {
    if (access(p, R_OK) == 0) return p;
  }
  return nullptr;
}

bool Ok(const grpc::Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "history_bench: %s\n", s.error_message().c_str());
  }
  return s.ok();
}

// The best (lowest) of `runs` timings of `f`, in ms; -1 when f fails.
template <typename F>
double Best(int runs, F f) {
  double best = 1e18;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    if (!f()) return -1;
    best = std::min(best, Ms(Clock::now() - t0));
  }
  return best;
}

// Makes `commits` commits in the vault at `vault_dir` (the daemon stopped).
bool Generate(const std::string& vault_dir, const std::string& passphrase,
              int commits, const std::vector<std::string>& dossier_ids,
              const std::string& target, const std::string& record) {
  kluis::crypto::AgeKeyRing keys(vault_dir, {10});
  kluis::core::SystemClock clock;
  store::GitStore* git = nullptr;
  kluis::core::Vault vault(
      [&](bool) -> absl::StatusOr<std::unique_ptr<kluis::core::Store>> {
        auto st = store::GitStore::Open(vault_dir + "/repo.git", {0});
        if (!st.ok()) return st.status();
        git = st->get();
        return std::unique_ptr<kluis::core::Store>(std::move(*st));
      },
      &keys, &clock, {absl::ZeroDuration(), 2});
  if (!vault.Start().ok() || !vault.Unlock(passphrase).ok()) return false;
  std::mt19937 rng(7);
  const int every = std::max(1, commits / 20);
  const auto t0 = Clock::now();
  for (int i = 0; i < commits; ++i) {
    absl::Status s;
    if (i % every == every / 2) {
      kluis::v1::Record r;
      r.set_id(record);
      r.mutable_appointment()->set_date("2026-05-04");
      r.mutable_appointment()->set_time("10:00");
      r.mutable_appointment()->set_place(absl::StrCat("Zaal ", i));
      s = vault.UpdateRecord(target, r, "", "").status();
    } else {
      kluis::v1::Record r;
      r.mutable_note()->set_text(
          absl::StrCat("Gesprek ", i, ": voortgang besproken."));
      s = vault.CreateRecord(dossier_ids[rng() % dossier_ids.size()], r, "")
              .status();
    }
    if (!s.ok()) {
      std::fprintf(stderr, "history_bench: commit %d: %s\n", i,
                   std::string(s.message()).c_str());
      return false;
    }
    if (i > 0 && i % 10000 == 0) {
      std::fprintf(stderr, "  … %d commits (%.0f s)\n", i,
                   Ms(Clock::now() - t0) / 1000);
    }
  }
  std::printf("history at scale: %d commits made in %.0f s%s\n", commits,
              Ms(Clock::now() - t0) / 1000,
              getenv("LD_PRELOAD") != nullptr ? " (fsync off, eatmydata)" : "");
  vault.Lock();
  return git != nullptr && git->Pack().ok();
}

int Main(int commits) {
  DaemonHarness d;
  if (!d.Start({"--idle-lock", "0"})) {
    std::fprintf(stderr, "history_bench: kluisd did not start\n");
    return 1;
  }
  d.Init();
  auto dossiers = d.DossiersStub();
  auto records = d.RecordsStub();
  kluis::v1::ImportDossiersRequest imp;
  for (int i = 0; i < 1000; ++i) {
    imp.add_dossiers()->mutable_client()->set_name(
        absl::StrCat("Bench Cliënt ", i));
  }
  kluis::v1::ImportDossiersResponse ids;
  if (!Ok(dossiers->ImportDossiers(Ctx().get(), imp, &ids))) return 1;
  const std::string target = ids.dossier_ids(500);
  kluis::v1::CreateRecordRequest appt;
  appt.set_dossier_id(target);
  appt.mutable_record()->mutable_appointment()->set_date("2026-05-04");
  appt.mutable_record()->mutable_appointment()->set_time("10:00");
  appt.mutable_record()->mutable_appointment()->set_place("Praktijk");
  kluis::v1::CreateRecordResponse made;
  if (!Ok(records->CreateRecord(Ctx().get(), appt, &made))) return 1;
  d.Stop();
  const std::vector<std::string> dossier_ids(ids.dossier_ids().begin(),
                                             ids.dossier_ids().end());
  if (!Generate(d.vault(), kTestPassphrase, commits, dossier_ids, target,
                made.record_id())) {
    return 1;
  }
  const std::string record = made.record_id();

  // Measure on the repository as generated (one pack).
  const std::string packs = Trim(Git(d.repo(), {"count-objects", "-v"}).out);
  unsetenv("LD_PRELOAD");  // the measured daemon syncs as always
  if (!d.Start({"--idle-lock", "0"})) return 1;
  d.Unlock();
  auto history =
      kluis::v1::History::NewStub(kluis::client::Connect(d.socket()));
  kluis::v1::ListVersionsResponse versions;
  const double one = Best(3, [&] {
    kluis::v1::ListVersionsRequest lr;
    lr.set_dossier_id(target);
    lr.set_record_id(record);
    versions.Clear();
    return history->ListVersions(Ctx().get(), lr, &versions).ok();
  });
  const double dossier = Best(3, [&] {
    kluis::v1::ListVersionsRequest lr;
    lr.set_dossier_id(target);
    kluis::v1::ListVersionsResponse all;
    return history->ListVersions(Ctx().get(), lr, &all).ok();
  });
  if (versions.versions_size() < 2) return 1;
  const double diff = Best(3, [&] {
    kluis::v1::DiffRequest dr;
    dr.set_dossier_id(target);
    dr.set_record_id(record);
    dr.set_older(versions.versions(versions.versions_size() - 1).version());
    dr.set_newer(versions.versions(0).version());
    kluis::v1::DiffResponse out;
    return history->Diff(Ctx().get(), dr, &out).ok() && out.changes_size() == 1;
  });
  auto audit = kluis::v1::Audit::NewStub(kluis::client::Connect(d.socket()));
  kluis::v1::VerifyResponse vr;
  const double verify = Best(1, [&] {
    return audit->Verify(Ctx().get(), {}, &vr).ok() && vr.failures() == 0;
  });
  std::printf(
      "  history of one record (%d versions) among %lu commits: %.0f ms\n"
      "  history of its dossier: %.0f ms\n"
      "  diff of its first and last version: %.2f ms\n"
      "  audit verify of %lu commits: %.1f s (%.0f us per commit)\n",
      versions.versions_size(), static_cast<unsigned long>(vr.commits()), one,
      dossier, diff, static_cast<unsigned long>(vr.commits()), verify / 1000,
      1000 * verify / static_cast<double>(std::max<uint64_t>(1, vr.commits())));
  std::printf("  repository: %s\n", packs.c_str());
  return one < 0 || dossier < 0 || diff < 0 || verify < 0 ? 1 : 0;
}

}  // namespace
}  // namespace kluis::testing

int main(int argc, char** argv) {
  // Generating runs under eatmydata when it is there (the process starts
  // itself again with it preloaded); the daemon it starts runs without.
  const char* preload = kluis::testing::EatMyData();
  if (preload != nullptr && getenv("KLUIS_BENCH_PRELOADED") == nullptr) {
    setenv("KLUIS_BENCH_PRELOADED", "1", 1);
    setenv("LD_PRELOAD", preload, 1);
    execv("/proc/self/exe", argv);
  }
  const int commits = argc > 1 ? std::atoi(argv[1]) : 100000;
  return kluis::testing::Main(commits);
}
