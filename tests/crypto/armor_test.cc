// The armor on its own: the writer's exact canonical layout, and the reader's
// strictness, beyond what the CCTV vectors cover.
#include "daemon/crypto/armor.h"

#include <gtest/gtest.h>

#include "daemon/crypto/age_error.h"
#include "daemon/crypto/base64.h"

namespace kluis::crypto {
namespace {

std::string Armor(absl::string_view data, size_t write_size) {
  std::vector<uint8_t> out;
  VectorWriter sink(&out);
  ArmorWriter w(&sink);
  for (size_t i = 0; i < data.size(); i += write_size) {
    EXPECT_TRUE(w.Write(AsBytes(data.substr(i, write_size))).ok());
  }
  EXPECT_TRUE(w.Close().ok());
  return std::string(out.begin(), out.end());
}

absl::StatusOr<std::string> Dearmor(absl::string_view text) {
  SpanReader src(text);
  BufferedReader in(&src);
  ArmorReader r(&in);
  std::string out;
  uint8_t buf[100];
  while (true) {
    absl::StatusOr<size_t> n = r.Read(buf);
    if (!n.ok()) return n.status();
    if (*n == 0) return out;
    out.append(reinterpret_cast<char*>(buf), *n);
  }
}

TEST(ArmorTest, WriterIsCanonicalWhateverTheWriteSizes) {
  std::string data;
  for (int i = 0; i < 200; ++i) data.push_back(static_cast<char>(i));
  const std::string expected = Armor(data, data.size());
  // 64-column lines, padded last line, LF ends, END line with a newline.
  EXPECT_EQ(expected.substr(0, 35), "-----BEGIN AGE ENCRYPTED FILE-----\n");
  EXPECT_EQ(expected.substr(expected.size() - 33),
            "-----END AGE ENCRYPTED FILE-----\n");
  const std::string b64 = Base64EncodePadded(AsBytes(data));
  std::string body;
  for (size_t i = 0; i < b64.size(); i += 64) body += b64.substr(i, 64) + "\n";
  EXPECT_EQ(expected, "-----BEGIN AGE ENCRYPTED FILE-----\n" + body +
                          "-----END AGE ENCRYPTED FILE-----\n");
  for (size_t ws : {1, 7, 47, 48, 49, 100})
    EXPECT_EQ(Armor(data, ws), expected);
  absl::StatusOr<std::string> back = Dearmor(expected);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, data);
}

TEST(ArmorTest, EmptyInputHasNoDataLines) {
  EXPECT_EQ(Armor("", 1),
            "-----BEGIN AGE ENCRYPTED FILE-----\n"
            "-----END AGE ENCRYPTED FILE-----\n");
}

TEST(ArmorTest, ReaderRejectsDamage) {
  const std::string b = "-----BEGIN AGE ENCRYPTED FILE-----\n";
  const std::string e = "-----END AGE ENCRYPTED FILE-----\n";
  const std::string full(64, 'A');
  const struct {
    const char* why;
    std::string text;
  } cases[] = {
      {"no begin", "AAAA\n" + e},
      {"no end", b + "AAAA\n"},
      {"garbage after end", b + "AAAA\n" + e + "x"},
      {"short line before full", b + "AAAA\n" + full + "\n" + e},
      {"line too long", b + full + "AAAA\n" + e},
      {"empty line", b + "\n" + e},
      {"unpadded", b + "AAA\n" + e},
      {"tab in line", b + "AA\tA\n" + e},
      {"lowercase end", b + "AAAA\n-----end age encrypted file-----\n"},
      {"too much trailing space", b + "AAAA\n" + e + std::string(2000, ' ')},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(GetAgeErrorKind(Dearmor(c.text).status()), AgeErrorKind::kArmor)
        << c.why;
  }
}

TEST(ArmorTest, ReaderAcceptsCrlfAndSurroundingWhitespace) {
  absl::StatusOr<std::string> r = Dearmor(
      " \n\t-----BEGIN AGE ENCRYPTED FILE-----\r\nZm9v\r\n"
      "-----END AGE ENCRYPTED FILE-----\r\n \n");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, "foo");
}

}  // namespace
}  // namespace kluis::crypto
