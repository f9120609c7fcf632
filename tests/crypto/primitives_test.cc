// Known-answer tests for the libcrypto wrappers (RFC 7748, 5869, 4231, 7914)
// and the behaviour age relies on: low-order X25519 points refused, AEAD
// tampering detected, the chunk cipher reusable across nonces.
#include "daemon/crypto/primitives.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"

namespace kluis::crypto {
namespace {

std::vector<uint8_t> Hex(absl::string_view hex) {
  const std::string b = absl::HexStringToBytes(hex);
  return {b.begin(), b.end()};
}

std::string ToHex(absl::Span<const uint8_t> b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

TEST(PrimitivesTest, X25519MatchesRfc7748) {
  SecureBytes alice = SecureBytes::CopyOf(
      Hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  absl::StatusOr<X25519Public> pub = X25519PublicKey(alice);
  ASSERT_TRUE(pub.ok()) << pub.status();
  EXPECT_EQ(ToHex(*pub),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  absl::StatusOr<SecureBytes> shared = X25519SharedSecret(
      alice,
      Hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
  ASSERT_TRUE(shared.ok()) << shared.status();
  EXPECT_EQ(ToHex(shared->span()),
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
}

TEST(PrimitivesTest, X25519RefusesLowOrderPoints) {
  absl::StatusOr<SecureBytes> key = RandomSecret(32);
  ASSERT_TRUE(key.ok());
  // The identity point and a point of order 8: both give the zero secret.
  for (absl::string_view point :
       {"0000000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"}) {
    absl::StatusOr<SecureBytes> shared = X25519SharedSecret(*key, Hex(point));
    EXPECT_TRUE(absl::IsInvalidArgument(shared.status())) << point;
  }
}

TEST(PrimitivesTest, HkdfMatchesRfc5869Case1) {
  std::vector<uint8_t> ikm(22, 0x0b);
  absl::StatusOr<SecureBytes> okm =
      HkdfSha256(ikm, Hex("000102030405060708090a0b0c"),
                 absl::HexStringToBytes("f0f1f2f3f4f5f6f7f8f9"), 42);
  ASSERT_TRUE(okm.ok()) << okm.status();
  EXPECT_EQ(ToHex(okm->span()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

TEST(PrimitivesTest, HkdfEmptySaltEqualsZeroSalt) {
  // RFC 5869: no salt means HashLen zero bytes; age relies on it.
  std::vector<uint8_t> ikm(16, 0x42);
  std::vector<uint8_t> zeros(32, 0);
  absl::StatusOr<SecureBytes> a = HkdfSha256(ikm, {}, "header", 32);
  absl::StatusOr<SecureBytes> b = HkdfSha256(ikm, zeros, "header", 32);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->Equals(*b));
}

TEST(PrimitivesTest, HmacMatchesRfc4231Case2) {
  const std::string key = "Jefe";
  const std::string data = "what do ya want for nothing?";
  absl::StatusOr<Sha256Digest> mac =
      HmacSha256({reinterpret_cast<const uint8_t*>(key.data()), key.size()},
                 {reinterpret_cast<const uint8_t*>(data.data()), data.size()});
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(ToHex(*mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(PrimitivesTest, ScryptMatchesRfc7914) {
  const std::string pass = "pleaseletmein", salt = "SodiumChloride";
  absl::StatusOr<SecureBytes> key = Scrypt(
      {reinterpret_cast<const uint8_t*>(pass.data()), pass.size()},
      {reinterpret_cast<const uint8_t*>(salt.data()), salt.size()}, 14, 64);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(ToHex(key->span()),
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

TEST(PrimitivesTest, ScryptRejectsWorkFactorOutOfRange) {
  std::vector<uint8_t> p(4, 'x'), s(16, 0);
  EXPECT_TRUE(absl::IsInvalidArgument(Scrypt(p, s, 0, 32).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Scrypt(p, s, 31, 32).status()));
}

TEST(PrimitivesTest, SealOpenRoundTripsAndDetectsEveryFlippedByte) {
  absl::StatusOr<SecureBytes> key = RandomSecret(32);
  ASSERT_TRUE(key.ok());
  std::vector<uint8_t> msg = Hex("00112233445566778899aabbccddeeff");
  absl::StatusOr<std::vector<uint8_t>> sealed = SealWithZeroNonce(*key, msg);
  ASSERT_TRUE(sealed.ok());
  ASSERT_EQ(sealed->size(), msg.size() + kAeadTagSize);
  absl::StatusOr<SecureBytes> opened = OpenWithZeroNonce(*key, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(ToHex(opened->span()), ToHex(msg));
  for (size_t i = 0; i < sealed->size(); ++i) {
    std::vector<uint8_t> bad = *sealed;
    bad[i] ^= 0x01;
    EXPECT_TRUE(absl::IsPermissionDenied(OpenWithZeroNonce(*key, bad).status()))
        << "byte " << i;
  }
  EXPECT_TRUE(absl::IsPermissionDenied(
      OpenWithZeroNonce(*key, absl::MakeSpan(sealed->data(), 15)).status()));
}

TEST(PrimitivesTest, ChunkCipherIsBoundToItsNonce) {
  absl::StatusOr<SecureBytes> key = RandomSecret(32);
  ASSERT_TRUE(key.ok());
  absl::StatusOr<ChunkCipher> c = ChunkCipher::Create(*key);
  ASSERT_TRUE(c.ok());
  uint8_t n1[12] = {0}, n2[12] = {0};
  n2[11] = 1;
  std::vector<uint8_t> msg(1000, 7), sealed(1016), out(1000);
  ASSERT_TRUE(c->Seal(n1, msg, sealed.data()).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(c->Open(n2, sealed, out.data())));
  ASSERT_TRUE(c->Open(n1, sealed, out.data()).ok());
  EXPECT_EQ(out, msg);
}

TEST(PrimitivesTest, ConstantTimeEqualsComparesContentAndLength) {
  std::vector<uint8_t> a = {1, 2, 3}, b = {1, 2, 3}, c = {1, 2, 4}, d = {1, 2};
  EXPECT_TRUE(ConstantTimeEquals(a, b));
  EXPECT_FALSE(ConstantTimeEquals(a, c));
  EXPECT_FALSE(ConstantTimeEquals(a, d));
}

}  // namespace
}  // namespace kluis::crypto
