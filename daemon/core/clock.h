// Clock: the time the domain sees, so that tests can set it and never sleep.
#ifndef KLUIS_DAEMON_CORE_CLOCK_H_
#define KLUIS_DAEMON_CORE_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kluis::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
  virtual void SleepFor(absl::Duration d) = 0;
};

class SystemClock : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
  void SleepFor(absl::Duration d) override { absl::SleepFor(d); }
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_CLOCK_H_
