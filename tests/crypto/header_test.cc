// The header codec on its own: canonical encoding round-trips, and each
// syntax rule of the spec is enforced (table of malformed headers).
#include "daemon/crypto/header.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/io.h"

namespace kluis::crypto {
namespace {

absl::StatusOr<Header> Parse(absl::string_view text) {
  SpanReader src(text);
  BufferedReader in(&src);
  return ReadHeader(in);
}

const std::string kMac43(43, 'A');  // 32 zero bytes

TEST(HeaderTest, EncodingRoundTripsAcrossBodyLineBoundaries) {
  // 0, 47, 48 (one full line and an empty last line), 49 and 200 bytes.
  for (size_t body_len : {0, 47, 48, 49, 200}) {
    std::vector<Stanza> stanzas(2);
    stanzas[0].type = "X25519";
    stanzas[0].args = {"abc", "d-e_f"};
    stanzas[0].body.assign(body_len, 0x5a);
    stanzas[1].type = "grease!";
    const std::string mac_input = EncodeHeaderMacInput(stanzas);
    Sha256Digest mac{};
    mac[0] = 1;
    const std::string text = EncodeHeader(mac_input, mac) + "payload";
    SpanReader src(text);
    BufferedReader in(&src);
    absl::StatusOr<Header> h = ReadHeader(in);
    ASSERT_TRUE(h.ok()) << h.status() << " body " << body_len;
    ASSERT_EQ(h->stanzas.size(), 2u);
    EXPECT_EQ(h->stanzas[0].args, stanzas[0].args);
    EXPECT_EQ(h->stanzas[0].body, stanzas[0].body);
    EXPECT_TRUE(h->stanzas[1].body.empty());
    EXPECT_EQ(h->mac, mac);
    EXPECT_EQ(h->mac_input, mac_input);
    // The reader is left at the payload.
    uint8_t rest[16];
    absl::StatusOr<size_t> n = ReadFull(in, rest);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(std::string(reinterpret_cast<char*>(rest), *n), "payload");
  }
}

TEST(HeaderTest, RejectsMalformedHeaders) {
  const std::string v = "age-encryption.org/v1\n";
  const std::string ok_stanza = "-> t a\nAAAA\n";
  const std::string mac = "--- " + kMac43 + "\n";
  const struct {
    const char* why;
    std::string text;
  } cases[] = {
      {"empty", ""},
      {"wrong version", "age-encryption.org/v2\n" + ok_stanza + mac},
      {"not age", "hello\n"},
      {"no stanzas", v + mac},
      {"CRLF", "age-encryption.org/v1\r\n" + ok_stanza + mac},
      {"no type", v + "->\nAAAA\n" + mac},
      {"empty type", v + "-> \nAAAA\n" + mac},
      {"empty arg", v + "-> t  a\nAAAA\n" + mac},
      {"trailing space", v + "-> t a \nAAAA\n" + mac},
      {"bad arg char", v + "-> t a\x80\nAAAA\n" + mac},
      {"missing body", v + "-> t a\n" + mac},
      {"long body line", v + "-> t\n" + std::string(68, 'A') + "\n" + mac},
      {"full line then stanza",
       v + "-> t\n" + std::string(64, 'A') + "\n" + ok_stanza + mac},
      {"body padding", v + "-> t\nAA==\n" + mac},
      {"body not canonical", v + "-> t\nAB\n" + mac},
      {"two short lines", v + "-> t\nAAAA\nAAAA\n" + mac},
      {"mac no space", v + ok_stanza + "---" + kMac43 + "\n"},
      {"mac two spaces", v + ok_stanza + "---  " + kMac43 + "\n"},
      {"mac short", v + ok_stanza + "--- " + kMac43.substr(1) + "\n"},
      {"mac trailing", v + ok_stanza + "--- " + kMac43 + " \n"},
      {"mac no newline", v + ok_stanza + "--- " + kMac43},
      {"truncated", v + "-> t a\n"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Header> h = Parse(c.text);
    EXPECT_EQ(GetAgeErrorKind(h.status()), AgeErrorKind::kHeader) << c.why;
  }
}

TEST(HeaderTest, RefusesOversizedHeaders) {
  std::string text = "age-encryption.org/v1\n";
  while (text.size() <= kMaxHeaderSize) absl::StrAppend(&text, "-> t\nAAAA\n");
  text += "--- " + kMac43 + "\n";
  EXPECT_EQ(GetAgeErrorKind(Parse(text).status()), AgeErrorKind::kHeader);
}

}  // namespace
}  // namespace kluis::crypto
