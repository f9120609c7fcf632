// The whole codec through its public API: round trips over random sizes,
// recipient sets, write/read sizes and armor; every single-byte change is
// detected; misuse is refused; a 1 GiB stream passes through bounded memory.
#include "daemon/crypto/age.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstring>
#include <random>

#include "absl/strings/ascii.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/scrypt_recipient.h"
#include "daemon/crypto/stream.h"
#include "daemon/crypto/x25519.h"
#include "tests/support/test_support.h"

namespace kluis::crypto {
namespace {

using kluis::testing::TempDir;

std::vector<uint8_t> Bytes(size_t n, std::mt19937_64& rng) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

X25519Identity NewIdentity() {
  absl::StatusOr<X25519Identity> id = X25519Identity::Generate();
  EXPECT_TRUE(id.ok());
  return std::move(*id);
}

// Encrypts `plain` writing it in random pieces.
std::vector<uint8_t> EncryptInPieces(absl::Span<const Recipient* const> rs,
                                     const std::vector<uint8_t>& plain,
                                     bool armor, std::mt19937_64& rng) {
  std::vector<uint8_t> out;
  VectorWriter sink(&out);
  absl::StatusOr<std::unique_ptr<Writer>> enc =
      NewEncryptor(rs, &sink, EncryptOptions{armor});
  EXPECT_TRUE(enc.ok()) << enc.status();
  size_t i = 0;
  while (i < plain.size()) {
    const size_t n = std::min<size_t>(plain.size() - i, 1 + rng() % 150000);
    EXPECT_TRUE((*enc)->Write(absl::MakeConstSpan(plain).subspan(i, n)).ok());
    i += n;
  }
  EXPECT_TRUE((*enc)->Close().ok());
  return out;
}

absl::StatusOr<std::vector<uint8_t>> DecryptInPieces(
    absl::Span<const Identity* const> ids, const std::vector<uint8_t>& cipher,
    std::mt19937_64& rng) {
  SpanReader src(cipher);
  absl::StatusOr<std::unique_ptr<Reader>> dec = NewDecryptor(ids, &src);
  if (!dec.ok()) return dec.status();
  std::vector<uint8_t> out, buf(200000);
  while (true) {
    const size_t want = 1 + rng() % buf.size();
    absl::StatusOr<size_t> n = (*dec)->Read(absl::MakeSpan(buf.data(), want));
    if (!n.ok()) return n.status();
    if (*n == 0) return out;
    out.insert(out.end(), buf.begin(), buf.begin() + *n);
  }
}

TEST(AgeTest, RoundTripsRandomSizesRecipientsAndPieces) {
  std::mt19937_64 rng(20261123);
  std::vector<X25519Identity> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(NewIdentity());
  const size_t edge[] = {0, 1, 65535, 65536, 65537, 3 * 65536, 3 * 65536 + 1};
  for (int round = 0; round < 40; ++round) {
    const size_t size =
        round < 7 ? edge[round] : static_cast<size_t>(rng() % 400000);
    const std::vector<uint8_t> plain = Bytes(size, rng);
    const size_t n_rec = 1 + rng() % ids.size();
    std::vector<const Recipient*> rs;
    for (size_t i = 0; i < n_rec; ++i) rs.push_back(&ids[i].recipient());
    const bool armor = rng() % 2 == 0;
    const std::vector<uint8_t> cipher = EncryptInPieces(rs, plain, armor, rng);
    // Any one of the recipients' identities opens it.
    const Identity* one[] = {&ids[rng() % n_rec]};
    absl::StatusOr<std::vector<uint8_t>> back =
        DecryptInPieces(one, cipher, rng);
    ASSERT_TRUE(back.ok()) << back.status() << " size " << size;
    EXPECT_EQ(*back, plain) << "size " << size << " armor " << armor;
    // An identity that is not a recipient does not.
    if (n_rec < ids.size()) {
      const Identity* other[] = {&ids.back()};
      EXPECT_EQ(GetAgeErrorKind(Decrypt(other, cipher).status()),
                AgeErrorKind::kNoMatch);
    }
  }
}

TEST(AgeTest, PassphraseRoundTripAndWrongPassphrase) {
  absl::StatusOr<ScryptRecipient> r =
      ScryptRecipient::Create(SecureBytes::CopyOf("correct horse"), 10);
  ASSERT_TRUE(r.ok());
  const Recipient* rs[] = {&*r};
  const std::string msg = "Invented client: Fenna de Vries, intake notes.";
  absl::StatusOr<std::vector<uint8_t>> c = Encrypt(rs, AsBytes(msg));
  ASSERT_TRUE(c.ok());
  ScryptIdentity good(SecureBytes::CopyOf("correct horse"));
  ScryptIdentity bad(SecureBytes::CopyOf("correct horsf"));
  const Identity* ok_ids[] = {&good};
  const Identity* bad_ids[] = {&bad};
  absl::StatusOr<std::vector<uint8_t>> p = Decrypt(ok_ids, *c);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(std::string(p->begin(), p->end()), msg);
  absl::Status wrong = Decrypt(bad_ids, *c).status();
  EXPECT_EQ(GetAgeErrorKind(wrong), AgeErrorKind::kNoMatch);
  EXPECT_TRUE(absl::IsPermissionDenied(wrong));
  // A decryptor whose ceiling is below the file's work factor refuses it.
  ScryptIdentity low(SecureBytes::CopyOf("correct horse"), 9);
  const Identity* low_ids[] = {&low};
  EXPECT_EQ(GetAgeErrorKind(Decrypt(low_ids, *c).status()),
            AgeErrorKind::kHeader);
}

TEST(AgeTest, RefusesMisuse) {
  X25519Identity id = NewIdentity();
  absl::StatusOr<ScryptRecipient> pass =
      ScryptRecipient::Create(SecureBytes::CopyOf("p"), 10);
  ASSERT_TRUE(pass.ok());
  const Recipient* mixed[] = {&id.recipient(), &*pass};
  EXPECT_TRUE(absl::IsInvalidArgument(Encrypt(mixed, {}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Encrypt({}, {}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ScryptRecipient::Create(SecureBytes::CopyOf(""), 10).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      ScryptRecipient::Create(SecureBytes::CopyOf("p"), 23).status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(X25519Recipient::Parse("age1xyz").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      X25519Identity::Parse(id.recipient().Encode()).status()));
  // Only age's own spellings, as the age CLI: AGE1… and age-secret-key-1…
  // are valid Bech32 but refused.
  EXPECT_TRUE(absl::IsInvalidArgument(
      X25519Recipient::Parse(absl::AsciiStrToUpper(id.recipient().Encode()))
          .status()));
  SecureBytes secret = id.Encode();
  std::string lower_secret = absl::AsciiStrToLower(secret.view());
  EXPECT_TRUE(
      absl::IsInvalidArgument(X25519Identity::Parse(lower_secret).status()));
  EXPECT_TRUE(X25519Identity::Parse(secret.view()).ok());
}

TEST(AgeTest, ErrorsNeverQuoteTheRejectedKey) {
  X25519Identity id = NewIdentity();
  SecureBytes secret = id.Encode();
  std::string damaged(secret.view());
  damaged[20] = damaged[20] == 'Q' ? 'P' : 'Q';
  absl::Status s = X25519Identity::Parse(damaged).status();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().find(damaged.substr(16, 20)), absl::string_view::npos);
  EXPECT_EQ(s.message().find("AGE-SECRET-KEY-1Q"), absl::string_view::npos);
}

// Flips bit 0 of each position in turn: decryption must fail every time.
void ExpectEveryFlipDetected(absl::Span<const Identity* const> ids,
                             const std::vector<uint8_t>& cipher,
                             const std::vector<size_t>& positions) {
  for (size_t pos : positions) {
    std::vector<uint8_t> bad = cipher;
    bad[pos] ^= 0x01;
    absl::StatusOr<std::vector<uint8_t>> r = Decrypt(ids, bad);
    EXPECT_FALSE(r.ok()) << "flip at " << pos << " of " << cipher.size();
  }
}

TEST(AgeTest, DetectsEverySingleByteChange) {
  std::mt19937_64 rng(7);
  X25519Identity a = NewIdentity(), b = NewIdentity();
  const Recipient* rs[] = {&a.recipient(), &b.recipient()};
  const Identity* ids[] = {&b};
  // Small file: every byte, binary and armored (but the armor's final
  // newline, since trailing whitespace is allowed by the spec).
  for (bool armor : {false, true}) {
    std::vector<uint8_t> c =
        *Encrypt(rs, Bytes(700, rng), EncryptOptions{armor});
    std::vector<size_t> all;
    for (size_t i = 0; i + (armor ? 1 : 0) < c.size(); ++i) all.push_back(i);
    ExpectEveryFlipDetected(ids, c, all);
  }
  // Three chunks: every header byte, every tag and chunk edge, and a sample.
  std::vector<uint8_t> big = *Encrypt(rs, Bytes(2 * kChunkSize + 999, rng));
  const size_t payload_start =
      big.size() - (2 * kEncChunkSize + 999 + kAeadTagSize);
  std::vector<size_t> pos;
  for (size_t i = 0; i < payload_start; ++i) pos.push_back(i);
  for (size_t chunk = payload_start; chunk < big.size();
       chunk += kEncChunkSize) {
    for (size_t k = 0; k < 24 && chunk + k < big.size(); ++k)
      pos.push_back(chunk + k);
    const size_t end = std::min(chunk + kEncChunkSize, big.size());
    for (size_t k = 1; k <= 24; ++k) pos.push_back(end - k);
  }
  for (int i = 0; i < 200; ++i)
    pos.push_back(payload_start + rng() % (big.size() - payload_start));
  ExpectEveryFlipDetected(ids, big, pos);
}

TEST(AgeTest, TruncationAndExtensionAreDetected) {
  std::mt19937_64 rng(9);
  X25519Identity id = NewIdentity();
  const Recipient* rs[] = {&id.recipient()};
  const Identity* ids[] = {&id};
  const std::vector<uint8_t> c = *Encrypt(rs, Bytes(2 * kChunkSize, rng));
  for (size_t cut :
       {size_t{1}, kAeadTagSize, kEncChunkSize, kEncChunkSize + 1}) {
    std::vector<uint8_t> shorter(c.begin(),
                                 c.end() - static_cast<ptrdiff_t>(cut));
    EXPECT_EQ(GetAgeErrorKind(Decrypt(ids, shorter).status()),
              AgeErrorKind::kPayload)
        << cut;
  }
  std::vector<uint8_t> longer = c;
  longer.push_back(0);
  EXPECT_EQ(GetAgeErrorKind(Decrypt(ids, longer).status()),
            AgeErrorKind::kPayload);
}

// Generates `size` deterministic pseudo-random bytes, hashing what it hands
// out.
class GeneratorReader : public Reader {
 public:
  explicit GeneratorReader(uint64_t size) : left_(size), rng_(1) {
    md_ = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md_, EVP_sha256(), nullptr);
  }
  ~GeneratorReader() override { EVP_MD_CTX_free(md_); }
  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(out.size(), left_));
    for (size_t i = 0; i < n; i += 8) {
      const uint64_t r = rng_();
      std::memcpy(out.data() + i, &r, std::min<size_t>(8, n - i));
    }
    EVP_DigestUpdate(md_, out.data(), n);
    left_ -= n;
    return n;
  }
  std::string Hex() {
    uint8_t d[32];
    unsigned len = 0;
    EVP_DigestFinal_ex(md_, d, &len);
    return std::string(reinterpret_cast<char*>(d), len);
  }

 private:
  uint64_t left_;
  std::mt19937_64 rng_;
  EVP_MD_CTX* md_;
};

long MaxRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

TEST(AgeTest, StreamsAGibibyteThroughBoundedMemory) {
#if defined(__SANITIZE_ADDRESS__)
  const uint64_t kSize = uint64_t{256} << 20;  // sanitizers are ~10x slower
#else
  const uint64_t kSize = uint64_t{1} << 30;
#endif
  TempDir dir;
  const std::string path = dir.File("big.age");
  X25519Identity id = NewIdentity();
  const Recipient* rs[] = {&id.recipient()};
  const Identity* ids[] = {&id};
  const long rss_before = MaxRssKb();

  GeneratorReader gen(kSize);
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    FdWriter file(fd);
    absl::StatusOr<std::unique_ptr<Writer>> enc = NewEncryptor(rs, &file);
    ASSERT_TRUE(enc.ok());
    std::vector<uint8_t> buf(1 << 20);
    while (true) {
      absl::StatusOr<size_t> n = gen.Read(absl::MakeSpan(buf));
      ASSERT_TRUE(n.ok());
      if (*n == 0) break;
      ASSERT_TRUE((*enc)->Write(absl::MakeConstSpan(buf.data(), *n)).ok());
    }
    ASSERT_TRUE((*enc)->Close().ok());
    ::close(fd);
  }
  const std::string expected = gen.Hex();

  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  FdReader file(fd);
  absl::StatusOr<std::unique_ptr<Reader>> dec = NewDecryptor(ids, &file);
  ASSERT_TRUE(dec.ok()) << dec.status();
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
  std::vector<uint8_t> buf(1 << 20);
  uint64_t total = 0;
  while (true) {
    absl::StatusOr<size_t> n = (*dec)->Read(absl::MakeSpan(buf));
    ASSERT_TRUE(n.ok()) << n.status();
    if (*n == 0) break;
    EVP_DigestUpdate(md, buf.data(), *n);
    total += *n;
  }
  ::close(fd);
  uint8_t d[32];
  unsigned len = 0;
  EVP_DigestFinal_ex(md, d, &len);
  EVP_MD_CTX_free(md);
  EXPECT_EQ(total, kSize);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(d), len), expected);
  // Both directions together grew the peak RSS by far less than the file.
  EXPECT_LT(MaxRssKb() - rss_before, 64 * 1024) << "KiB";
}

}  // namespace
}  // namespace kluis::crypto
