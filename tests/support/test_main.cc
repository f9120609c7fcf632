// main() for every test binary: the secure heap first, as in the programs.
#include <gtest/gtest.h>

#include "daemon/crypto/secure_bytes.h"

int main(int argc, char** argv) {
  (void)kluis::crypto::InitSecureHeap();
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
