#include "daemon/crypto/secure_bytes.h"

#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <unistd.h>

namespace kluis::crypto {
namespace {

TEST(SecureBytesTest, LivesInTheSecureHeapOnceInitialised) {
  ASSERT_TRUE(InitSecureHeap().ok());  // test main already did; idempotent
  SecureBytes key(32);
  EXPECT_EQ(CRYPTO_secure_allocated(key.data()), 1);
  for (size_t i = 0; i < key.size(); ++i) EXPECT_EQ(key.data()[i], 0);
}

TEST(SecureBytesTest, FallsBackToOrdinaryMemoryWhenTheHeapIsFull) {
  // Larger than the whole 1 MiB secure heap: still usable, still wiped.
  SecureBytes big(2 << 20);
  ASSERT_NE(big.data(), nullptr);
  EXPECT_EQ(CRYPTO_secure_allocated(big.data()), 0);
  // Whole pages of its own, so unlocking them never unlocks a neighbour.
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % sysconf(_SC_PAGESIZE),
            0u);
  big.data()[big.size() - 1] = 0x5a;
  EXPECT_EQ(big.data()[big.size() - 1], 0x5a);
}

TEST(SecureBytesTest, MoveTransfersOwnership) {
  SecureBytes a = SecureBytes::CopyOf("secret-ish");
  const uint8_t* p = a.data();
  SecureBytes b = std::move(a);
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(b.view(), "secret-ish");
  EXPECT_EQ(a.data(), nullptr);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(a.size(), 0u);       // NOLINT(bugprone-use-after-move)
}

TEST(SecureBytesTest, EqualsIsExact) {
  EXPECT_TRUE(SecureBytes::CopyOf("abc").Equals(SecureBytes::CopyOf("abc")));
  EXPECT_FALSE(SecureBytes::CopyOf("abc").Equals(SecureBytes::CopyOf("abd")));
  EXPECT_FALSE(SecureBytes::CopyOf("abc").Equals(SecureBytes::CopyOf("ab")));
}

}  // namespace
}  // namespace kluis::crypto
