// libFuzzer target: arbitrary bytes through armor detection, the armor
// reader, the header parser, stanza unwrapping and the STREAM reader. Must
// never crash, hang, leak or read out of bounds; every input either decrypts
// or fails with an age error category.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "daemon/crypto/age.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/scrypt_recipient.h"
#include "daemon/crypto/x25519.h"

namespace {

using namespace kluis::crypto;  // NOLINT: fuzz harness

struct Identities {
  // The CCTV vectors' test identity and passphrase, so that seeds from the
  // vectors get past the header into the payload.
  X25519Identity x25519 = *X25519Identity::Parse(
      "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2"
      "MMDKWYKLMGR48UAWX40Q2P2LM0");
  // Low work-factor ceiling keeps each input fast.
  ScryptIdentity scrypt{SecureBytes::CopyOf("password"), 12};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Identities* ids = new Identities();
  const Identity* list[] = {&ids->x25519, &ids->scrypt};
  SpanReader src(absl::MakeConstSpan(data, size));
  absl::StatusOr<std::unique_ptr<Reader>> dec = NewDecryptor(list, &src);
  if (!dec.ok()) {
    if (GetAgeErrorKind(dec.status()) == AgeErrorKind::kNone) std::abort();
    return 0;
  }
  uint8_t buf[4096];
  while (true) {
    absl::StatusOr<size_t> n = (*dec)->Read(buf);
    if (!n.ok()) {
      if (GetAgeErrorKind(n.status()) == AgeErrorKind::kNone) std::abort();
      break;
    }
    if (*n == 0) break;
  }
  return 0;
}
