// Table-driven tests for the two text encodings age uses: canonical base64
// (header and armor) and Bech32 (keys).
#include <gtest/gtest.h>

#include "daemon/crypto/base64.h"
#include "daemon/crypto/bech32.h"
#include "daemon/crypto/io.h"

namespace kluis::crypto {
namespace {

TEST(Base64Test, RawRoundTripsEveryLengthUpTo100) {
  for (size_t n = 0; n <= 100; ++n) {
    std::vector<uint8_t> data(n);
    for (size_t i = 0; i < n; ++i) data[i] = static_cast<uint8_t>(i * 37 + n);
    const std::string text = Base64EncodeRaw(data);
    EXPECT_EQ(text.find('='), std::string::npos);
    std::optional<std::vector<uint8_t>> back = Base64DecodeRaw(text);
    ASSERT_TRUE(back.has_value()) << n;
    EXPECT_EQ(*back, data);
    std::vector<uint8_t> padded;
    ASSERT_TRUE(Base64DecodePaddedAppend(Base64EncodePadded(data), &padded));
    EXPECT_EQ(padded, data);
  }
}

struct Base64Case {
  const char* text;
  bool raw_ok;
  bool padded_ok;
};

TEST(Base64Test, AcceptsOnlyCanonicalSpellings) {
  const Base64Case cases[] = {
      {"", true, true},         {"Zg", true, false},  // "f" unpadded
      {"Zg==", false, true},                          // "f" padded
      {"Zh", false, false},                           // non-zero unused bits
      {"Zh==", false, false},                         // same, padded
      {"Zm8", true, false},                           // "fo"
      {"Zm9=", false, false},                         // non-zero unused bits
      {"Z", false, false},                            // impossible length
      {"Zm9v", true, true},                           // "foo"
      {"Zm9v\n", false, false}, {"Zm 9v", false, false},
      {"Zm-_", false, false},  // URL alphabet
      {"Z===", false, false},   {"=Zm9", false, false},
  };
  for (const Base64Case& c : cases) {
    EXPECT_EQ(Base64DecodeRaw(c.text).has_value(), c.raw_ok) << c.text;
    std::vector<uint8_t> out;
    EXPECT_EQ(Base64DecodePaddedAppend(c.text, &out), c.padded_ok) << c.text;
  }
}

TEST(Bech32Test, RoundTripsAndKeepsCaseRules) {
  std::vector<uint8_t> key(32);
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i);
  const std::string lower = Bech32Encode("age", key, false);
  const std::string upper = Bech32Encode("age-secret-key-", key, true);
  EXPECT_EQ(lower.substr(0, 4), "age1");
  EXPECT_EQ(upper.substr(0, 16), "AGE-SECRET-KEY-1");
  for (const std::string& s : {lower, upper}) {
    absl::StatusOr<Bech32Data> d = Bech32Decode(s);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->data, key);
  }
  EXPECT_EQ(Bech32Decode(upper)->hrp, "AGE-SECRET-KEY-");  // as written
  EXPECT_EQ(Bech32Decode(lower)->hrp, "age");
}

TEST(Bech32Test, RejectsDamage) {
  std::vector<uint8_t> key(32, 0xab);
  const std::string good = Bech32Encode("age", key, false);
  std::string mixed = good;
  mixed[5] = static_cast<char>(std::toupper(mixed[5]));
  std::string flipped = good;
  flipped[10] = flipped[10] == 'q' ? 'p' : 'q';
  const std::string cases[] = {
      mixed,                            // mixed case
      flipped,                          // checksum
      good.substr(0, good.size() - 1),  // truncated
      "age1",                           // no data or checksum
      "1qqqqqqqq",                      // empty human-readable part
      good + "b",                       // bad character 'b'
      "age1" + std::string(60, 'q') + "\x7f",
  };
  for (const std::string& c : cases) {
    EXPECT_TRUE(absl::IsInvalidArgument(Bech32Decode(c).status())) << c;
  }
}

}  // namespace
}  // namespace kluis::crypto
