// File: common/clock.h
//
// The clock seam (absl Clock / Envoy TimeSource). Code that needs the time
// takes a Clock& so tests can substitute FakeClock; pure code takes the time
// as an argument instead.
#ifndef IRAED_COMMON_CLOCK_H_
#define IRAED_COMMON_CLOCK_H_

#include <atomic>
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
  // Monotonic time, for intervals and latencies.
  virtual std::chrono::steady_clock::time_point MonotonicNow() const = 0;
};

// The process-wide real clock. Thread-safe.
Clock& RealClock();

// A clock that moves only when told. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixMillis start) : now_(start) {}
  UnixMillis NowMillis() const override { return now_.load(); }
  std::chrono::steady_clock::time_point MonotonicNow() const override {
    return std::chrono::steady_clock::time_point(
        std::chrono::milliseconds(now_.load()));
  }
  void Set(UnixMillis t) { now_.store(t); }
  void Advance(std::int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<UnixMillis> now_;
};

}  // namespace iraed

#endif  // IRAED_COMMON_CLOCK_H_
