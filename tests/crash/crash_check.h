// Opens crash states and checks them: the generic loop (sampling, counts,
// failure reports) and the vault checks every state must pass — a fresh
// kluisd starts and unlocks, every ACKed command's effect is visible,
// `git fsck --full --strict` is clean, and every dossier in the head has its
// key. Test code only.
#ifndef KLUIS_TESTS_CRASH_CRASH_CHECK_H_
#define KLUIS_TESTS_CRASH_CRASH_CHECK_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/crash/crash_states.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::crash {

// What a check of one ACKed command sees: a fresh daemon on the state,
// unlocked with passphrase_files[passphrase].
struct StateView {
  testing::DaemonHarness& d;
  size_t passphrase;
};
// Returns "" when the command's effect is there, else what is missing.
using AckCheck = std::function<std::string(StateView&)>;

struct VaultChecks {
  std::vector<std::string> passphrase_files;  // tried in order to unlock
  std::map<std::string, AckCheck> acks;       // by ACK name
};

// Checks one state at `dest` (materialized by `build(dir)`), requiring the
// first `acks` of `ack_names`. Returns the problems found.
using StateCheck = std::function<std::vector<std::string>(
    const std::function<void(const std::string&)>& build, size_t acks)>;

StateCheck VaultStateCheck(const VaultChecks& checks,
                           const std::vector<std::string>& ack_names);

// Problems with a bare repository: `git fsck --full --strict` errors (not
// dangling objects), and dossiers in `ref` without keys/dossiers/<id>.age
// under `keys`.
// After an unlock: every dossier key file belongs to a dossier some
// version of `repo` held, and the key intent log is gone.
std::vector<std::string> OrphanKeyProblems(const std::string& repo,
                                           const std::string& keys);

std::vector<std::string> RepoProblems(const std::string& repo,
                                      const std::string& keys,
                                      const std::string& ref);

// Every Nth state (N from $KLUIS_CRASH_SAMPLE, else `default_sample`; 1 is
// all) plus every minimal state, chosen by position so runs are repeatable.
// Prints the counts and fails the test once per kind of problem (with how
// many states show it and the first one in full). Returns the number of bad
// states.
size_t CheckStates(const std::string& workload, const CrashModel& model,
                   const CrashStates& states, const StateCheck& check,
                   size_t default_sample);

}  // namespace kluis::crash

#endif  // KLUIS_TESTS_CRASH_CRASH_CHECK_H_
