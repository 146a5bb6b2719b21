// File: common/clock.h
//
// The clock seam (absl Clock / Envoy TimeSource). Code that needs the time
// takes a Clock& so tests can substitute their own; pure code takes the time
// as an argument instead.
#ifndef IRAED_COMMON_CLOCK_H_
#define IRAED_COMMON_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace iraed {

// Wall-clock milliseconds since the Unix epoch, UTC: the unit of every time
// stored in the database.
using UnixMillis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, for stored timestamps. May jump.
  virtual UnixMillis NowMillis() const = 0;
};

// The process-wide real clock. Thread-safe.
Clock& RealClock();

}  // namespace iraed

#endif  // IRAED_COMMON_CLOCK_H_
