#include "tests/crash/crash_check.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace kluis::crash {
namespace {

using testing::DaemonHarness;
using testing::ProcessResult;

std::string FirstLines(const std::string& text, int n) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (lines.size() > static_cast<size_t>(n)) lines.resize(n);
  return absl::StrJoin(lines, " | ");
}

// A problem with its temp paths, object ids and dossier ids blanked, so
// that the same fault in many states is reported once.
std::string Kind(const std::string& problem) {
  std::string out = problem.substr(0, problem.find(" | "));
  static const std::pair<std::regex, const char*> kBlank[] = {
      {std::regex("objects/[0-9a-f]{2}/[0-9a-f]{38}"), "objects/<oid>"},
      {std::regex("/[^ ]*/vault/"), "<vault>/"},
      {std::regex("/[^ ]*/drive/"), "<drive>/"},
      {std::regex("[0-9a-f]{40}"), "<oid>"},
      {std::regex("[0-9a-f]{32}"), "<id>"}};
  for (const auto& [re, with] : kBlank) out = std::regex_replace(out, re, with);
  return out;
}

// With $KLUIS_CRASH_KEEP_LOG set, the first state of each kind of problem
// is written there too, for a person to open with git and kluisd.
void KeepState(const std::string& workload, const CrashModel& model,
               const CrashState& s, size_t i) {
  const char* keep = std::getenv("KLUIS_CRASH_KEEP_LOG");
  if (keep == nullptr) return;
  const std::string dir = absl::StrCat(keep, "/", workload, "-state-", i);
  if (!testing::FileExists(dir)) Materialize(model, s, dir);
}

size_t SampleEvery(size_t default_sample) {
  const char* env = std::getenv("KLUIS_CRASH_SAMPLE");
  if (env == nullptr || *env == '\0') return default_sample;
  const long n = std::strtol(env, nullptr, 10);
  return n < 1 ? 1 : static_cast<size_t>(n);
}

}  // namespace

std::vector<std::string> RepoProblems(const std::string& repo,
                                      const std::string& keys,
                                      const std::string& ref) {
  std::vector<std::string> problems;
  ProcessResult fsck =
      testing::Git(repo, {"fsck", "--full", "--strict", "--no-progress"});
  if (fsck.exit_code != 0) {
    // Say whether the damage is reachable: an empty loose object that no
    // ref points to loses nothing yet, but a later write of the same id is
    // skipped by libgit2 (the file "exists") and would then point at it.
    const bool refs_whole =
        testing::Git(repo, {"rev-list", "--objects", "--all"}).exit_code == 0;
    problems.push_back((refs_whole ? "git fsck (every ref still reads whole): "
                                   : "git fsck (a ref reaches damage): ") +
                       FirstLines(fsck.err + fsck.out, 4));
  }
  ProcessResult tree =
      testing::Git(repo, {"ls-tree", "-r", "--name-only", ref});
  // A vault without a commit yet has no main: nothing to check.
  const bool never_written =
      !testing::FileExists(repo + "/" + ref) &&
      testing::Git(repo, {"show-ref", "--verify", "-q", ref}).exit_code != 0 &&
      tree.err.find("broken") == std::string::npos;
  if (tree.exit_code != 0 && never_written) return problems;
  if (tree.exit_code != 0) {
    problems.push_back(ref + " unreadable: " + FirstLines(tree.err, 2));
    return problems;
  }
  std::set<std::string> dossiers;
  for (absl::string_view line : absl::StrSplit(tree.out, '\n')) {
    std::vector<std::string> parts = absl::StrSplit(line, '/');
    if (parts.size() >= 4 && parts[0] == "dossiers") dossiers.insert(parts[2]);
  }
  for (const std::string& id : dossiers) {
    const std::string key = keys + "/dossiers/" + id + ".age";
    struct stat st;
    if (::stat(key.c_str(), &st) != 0 || st.st_size == 0) {
      problems.push_back("dossier " + id + " in " + ref + " has no key");
    }
  }
  return problems;
}

std::vector<std::string> OrphanKeyProblems(const std::string& repo,
                                           const std::string& keys) {
  std::vector<std::string> problems;
  // Every dossier any version of main ever held (a deleted dossier keeps
  // its key until it is erased, for its history).
  ProcessResult log = testing::Git(
      repo, {"log", "--all", "--name-only", "--format=", "--", "dossiers"});
  std::set<std::string> ever;
  for (absl::string_view line : absl::StrSplit(log.out, '\n')) {
    std::vector<std::string> parts = absl::StrSplit(line, '/');
    if (parts.size() >= 4 && parts[0] == "dossiers") ever.insert(parts[2]);
  }
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(keys + "/dossiers", ec)) {
    const std::string name = e.path().filename().string();
    if (name == ".pending") {
      problems.push_back("the key intent log survived an unlock");
      continue;
    }
    static const std::regex kDossierKey("[0-9a-f]{32}\\.age");
    if (!std::regex_match(name, kDossierKey)) continue;
    const std::string id = name.substr(0, 32);
    // The practice key and the fiscal years' keys are not dossiers.
    if (id == "00000000000000000000000000000000" || id.rfind("f15ca1", 0) == 0)
      continue;
    if (ever.count(id) == 0) {
      problems.push_back("a key to no dossier stayed after unlock (" + id +
                         ")");
    }
  }
  return problems;
}

StateCheck VaultStateCheck(const VaultChecks& checks,
                           const std::vector<std::string>& ack_names) {
  return [checks, ack_names](
             const std::function<void(const std::string&)>& build,
             size_t acks) {
    std::vector<std::string> problems;
    DaemonHarness d;
    build(d.vault());
    if (!d.Start()) {
      // An empty log means exec itself failed: in a shared tree, most
      // likely kluisd being relinked while the suite ran.
      const std::string log = d.log();
      problems.push_back(log.empty()
                             ? "kluisd did not start and logged nothing "
                               "(was it being rebuilt?)"
                             : "kluisd did not start: " + FirstLines(log, 3));
      return problems;
    }
    size_t used = checks.passphrase_files.size();
    for (size_t i = 0; i < checks.passphrase_files.size(); ++i) {
      if (d.Kluis({"unlock", "--passphrase-file", checks.passphrase_files[i]})
              .exit_code == 0) {
        used = i;
        break;
      }
    }
    if (used == checks.passphrase_files.size()) {
      problems.push_back("unlock failed with every passphrase");
    } else {
      StateView view{d, used};
      for (size_t i = 0; i < acks && i < ack_names.size(); ++i) {
        auto it = checks.acks.find(ack_names[i]);
        if (it == checks.acks.end()) continue;
        const std::string err = it->second(view);
        if (!err.empty()) {
          problems.push_back("ACKed " + ack_names[i] + " lost: " + err);
        }
      }
    }
    d.Stop();
    for (std::string& p :
         RepoProblems(d.repo(), d.vault() + "/keys", "refs/heads/main")) {
      problems.push_back(std::move(p));
    }
    if (used != checks.passphrase_files.size()) {
      for (std::string& p : OrphanKeyProblems(d.repo(), d.vault() + "/keys")) {
        problems.push_back(std::move(p));
      }
    }
    return problems;
  };
}

size_t CheckStates(const std::string& workload, const CrashModel& model,
                   const CrashStates& states, const StateCheck& check,
                   size_t default_sample) {
  const auto start = std::chrono::steady_clock::now();
  const size_t every = SampleEvery(default_sample);
  size_t checked = 0, bad = 0;
  // One failure per kind of problem, with its count and first state: one
  // missing fsync shows up in dozens of states.
  std::map<std::string, std::pair<size_t, std::string>> kinds;
  std::printf("[crash] %s: %zu crash points, %zu distinct states; checking\n",
              workload.c_str(), states.crash_points, states.states.size());
  std::fflush(stdout);
  for (size_t i = 0; i < states.states.size(); ++i) {
    const CrashState& s = states.states[i];
    if (i % every != 0 && !s.minimal) continue;
    ++checked;
    std::vector<std::string> problems;
    try {
      problems = check(
          [&model, &s](const std::string& dir) { Materialize(model, s, dir); },
          s.acks);
    } catch (const std::exception& e) {
      problems.push_back(std::string("harness: ") + e.what());
    }
    if (problems.empty()) continue;
    ++bad;
    for (const std::string& p : problems) {
      auto& [count, example] = kinds[Kind(p)];
      if (count++ == 0) {
        KeepState(workload, model, s, i);
        example = absl::StrCat("state ", i, " (", s.where, ", ", s.acks,
                               " ACKs required):\n  ",
                               absl::StrJoin(problems, "\n  "));
      }
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "[crash] %s: %zu crash points, %zu distinct states, %zu checked "
      "(every %zu + minimal), %zu bad, %.1f s\n",
      workload.c_str(), states.crash_points, states.states.size(), checked,
      every, bad, secs);
  for (const auto& [kind, seen] : kinds) {
    ADD_FAILURE() << workload << ": " << seen.first << " state(s): " << kind
                  << "\nfirst: " << seen.second;
  }
  return bad;
}

}  // namespace kluis::crash
