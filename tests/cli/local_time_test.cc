// client/common/local_time: what a person reads and types, in TZ's zone.
#include "client/common/local_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace kluis::client {
namespace {

class LocalTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz == nullptr ? "" : tz;
    had_ = tz != nullptr;
  }
  void TearDown() override {
    if (had_) {
      ::setenv("TZ", saved_.c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
  }
  static void Zone(const char* tz) { ::setenv("TZ", tz, 1); }

 private:
  std::string saved_;
  bool had_ = false;
};

TEST_F(LocalTimeTest, ShowsUtcInTheLocalZoneWithSummerTime) {
  Zone("Europe/Amsterdam");
  EXPECT_EQ(LocalTime("2026-01-15T09:15:00Z"), "2026-01-15 10:15");
  EXPECT_EQ(LocalTime("2026-07-15T09:15:42.123456Z"), "2026-07-15 11:15");
  EXPECT_EQ(LocalTime("2026-12-31T23:30:00Z"), "2027-01-01 00:30");
  EXPECT_EQ(LocalTime("2026-07-15T11:15:00+02:00"), "2026-07-15 11:15");
  Zone("UTC");
  EXPECT_EQ(LocalTime("2026-07-15T09:15:00Z"), "2026-07-15 09:15");
}

TEST_F(LocalTimeTest, HonoursAPosixZoneRule) {
  Zone("CET-1CEST,M3.5.0,M10.5.0/3");
  EXPECT_EQ(LocalTime("2026-07-15T09:15:00Z"), "2026-07-15 11:15");
}

TEST_F(LocalTimeTest, LeavesWhatIsNoTimeAlone) {
  EXPECT_EQ(LocalTime(""), "");
  EXPECT_EQ(LocalTime("2026-05-01"), "2026-05-01");
  EXPECT_EQ(LocalTimeOfSeconds(0), "");
}

TEST_F(LocalTimeTest, ADayEndsAtLocalMidnight) {
  Zone("Europe/Amsterdam");
  // Summer: the local day 2026-07-15 ends at 21:59:59.999999999 UTC.
  const absl::Time end = EndOfLocalDay("2026-07-15");
  EXPECT_EQ(end + absl::Nanoseconds(1), *ParseRfc3339("2026-07-15T22:00:00Z"));
  EXPECT_EQ(StartOfLocalDay("2026-07-15"),
            *ParseRfc3339("2026-07-14T22:00:00Z"));
  // The last day of a month rolls over into the next.
  EXPECT_EQ(EndOfLocalDay("2026-01-31") + absl::Nanoseconds(1),
            *ParseRfc3339("2026-01-31T23:00:00Z"));
}

}  // namespace
}  // namespace kluis::client
