// Builds the states a power cut may leave behind, from a CrashModel, under
// an ordered-journal (ext4 data=ordered without auto_da_alloc) reading of
// POSIX:
//  - name operations persist as an in-order prefix of those issued, which
//    holds at least every one covered by a completed barrier: an fsync of a
//    directory covers the earlier name operations on its entries, syncfs and
//    sync cover everything before them;
//  - a file's written bytes persist once an fsync/fdatasync of that file (or
//    a syncfs/sync) completed after them; unsynced writes may be lost.
// Crash points are every barrier (the crash hits while it is in flight) and
// every ACK (the crash hits right after the reply). At each, for every
// allowed name prefix, it tries: all data kept, all unsynced data lost, and
// (for the shortest and the longest prefix) each file alone losing its
// unsynced data — which includes "the rename persisted, the renamed file's
// data did not". Identical states are checked once, against the most ACKs
// any crash point that reaches them requires. Test code only.
#ifndef KLUIS_TESTS_CRASH_CRASH_STATES_H_
#define KLUIS_TESTS_CRASH_CRASH_STATES_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/crash/crash_model.h"

namespace kluis::crash {

struct CrashState {
  std::string hash;      // of every name, type and content
  size_t acks = 0;       // the first `acks` ACKs must be visible
  std::string where;     // crash point and variant, for reports
  bool minimal = false;  // shortest prefix, all unsynced data lost
  std::shared_ptr<const Names> names;
  std::map<int, size_t> applied;  // inode -> how many of its writes persist
};

struct CrashStates {
  size_t crash_points = 0;
  std::vector<CrashState> states;  // distinct, in discovery order
  std::vector<std::string> acks;   // names, in order
};

CrashStates BuildCrashStates(const CrashModel& model,
                             const std::vector<Op>& ops,
                             const std::string& root);

// Writes `state` as a fresh tree at `dest` (which must not exist).
void Materialize(const CrashModel& model, const CrashState& state,
                 const std::string& dest);

}  // namespace kluis::crash

#endif  // KLUIS_TESTS_CRASH_CRASH_STATES_H_
