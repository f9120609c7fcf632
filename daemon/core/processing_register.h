// The processing register (GDPR art. 30(1)) built from what the vault
// holds: the record kinds in use, the disclosures and processors, the
// retention terms, and the security measures actually in force. Nothing in
// it is typed by hand, so it cannot drift from reality.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_PROCESSING_REGISTER_H_
#define KLUIS_DAEMON_CORE_PROCESSING_REGISTER_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "daemon/core/document.h"
#include "daemon/core/retention.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/records.pb.h"
#include "kluis/v1/registers.pb.h"

namespace kluis::core {

// What the vault cannot see itself: the daemon's settings and backups.
struct BackupFact {
  std::string name;
  std::string last_good_run;  // RFC 3339, "" when never
  bool overdue = false;
};
struct SecurityFacts {
  int scrypt_work_factor = 18;
  absl::Duration idle_lock = absl::Minutes(15);
  std::vector<BackupFact> backups;
};

struct RegisterInputs {
  std::string today;
  const kluis::v1::PracticeProfile* profile = nullptr;  // may be null
  std::vector<kluis::v1::Record> heads;  // every dossier's head record
  std::vector<kluis::v1::Processor> processors;
  bool organisation_contacts = false;  // an organisation names a person
  RetentionTerms terms;
  SecurityFacts security;
};

// The category of personal data a record kind holds, in t's words ("" for
// a kind that holds none).
std::string CategoryOf(kluis::v1::RecordKind kind, const i18n::Translator& t);

// Every text of the register in t's language.
kluis::v1::ProcessingRegister BuildProcessingRegister(
    const RegisterInputs& in, const i18n::Translator& t);
Document RegisterDocument(const kluis::v1::ProcessingRegister& reg,
                          const i18n::Translator& t);

// The encryption at rest, in t's words: for the register and a breach.
std::string EncryptionFacts(int scrypt_work_factor, const i18n::Translator& t);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_PROCESSING_REGISTER_H_
