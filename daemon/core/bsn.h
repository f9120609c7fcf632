// Finding BSNs (Dutch citizen service numbers) in text, so that kluis can
// refuse to store one anywhere. A BSN is 8 or 9 digits that pass the
// eleven-test (an 8-digit one has a leading zero dropped); people write it
// whole or in groups separated by single spaces, dots or dashes.
//
// Rule: within a number written as digit groups with single separators,
// any run of whole consecutive groups that holds 8 or 9 digits and passes
// the eleven-test is a BSN, except a run that reads as a calendar date
// (2024-01-15, 15.01.2024) and a number that reads as a phone number (10
// digits from a 0, or international: after a '+', or from "00").
// Numbers that fail the eleven-test pass.
//
// Thread-safety: free functions are pure; a BsnScanner is one stream's.
#ifndef KLUIS_DAEMON_CORE_BSN_H_
#define KLUIS_DAEMON_CORE_BSN_H_

#include <string>

#include "absl/strings/string_view.h"

namespace kluis::core {

// True when `digits` (8 or 9 ASCII digits) passes the BSN eleven-test.
bool PassesElevenTest(absl::string_view digits);

bool ContainsBsn(absl::string_view text);

// ContainsBsn over a stream of chunks, such as an uploaded text file: a
// number split across two chunks is still found.
class BsnScanner {
 public:
  void Feed(absl::string_view chunk);
  // Call once at the end of the stream.
  bool Finish();
  bool found() const { return found_; }

 private:
  std::string tail_;  // the unfinished number at the end of the last chunk
  bool found_ = false;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_BSN_H_
