#include "common/clock.h"

namespace iraed {
namespace {

class SystemClock final : public Clock {
 public:
  UnixMillis NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Clock& RealClock() {
  static SystemClock* clock = new SystemClock();  // never destroyed
  return *clock;
}

}  // namespace iraed
