// A core::Vault over the in-memory fakes, initialised, for tests of one
// area of the domain (erasure, consent): the fake store, key ring and
// clock (2026-11-23) are there to inspect.
#ifndef KLUIS_TESTS_CORE_VAULT_FIXTURE_H_
#define KLUIS_TESTS_CORE_VAULT_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>

#include "daemon/core/vault.h"
#include "tests/core/fakes.h"

namespace kluis::core {

inline constexpr char kFixturePassphrase[] = "lang genoeg wachtwoord";

class FakeVaultTest : public ::testing::Test {
 protected:
  FakeVaultTest()
      : vault_(
            [this](bool) -> absl::StatusOr<std::unique_ptr<Store>> {
              auto s = std::make_unique<FakeStore>();
              store_ = s.get();
              return std::unique_ptr<Store>(std::move(s));
            },
            &keys_, &clock_, {absl::ZeroDuration(), 2}) {
    EXPECT_TRUE(vault_.Init(kFixturePassphrase).ok());
  }

  FakeKeyRing keys_;
  FakeClock clock_;
  FakeStore* store_ = nullptr;
  Vault vault_;
};

}  // namespace kluis::core

#endif  // KLUIS_TESTS_CORE_VAULT_FIXTURE_H_
