#include "console/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace iraed::console {
namespace {

constexpr UnixMillis kT0 = 1'790'000'000'000;
constexpr std::int64_t kLockMs = 15LL * 60 * 1000;

SignInThrottle Throttle() {
  return SignInThrottle(ThrottleLimits{5, std::chrono::minutes(15)});
}

TEST(SignInThrottleTest, TheFifthFailureInARowLocks) {
  auto t = Throttle();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.Failed("rn.jones", kT0 + i), std::nullopt) << i;
    EXPECT_EQ(t.LockedUntil("rn.jones", kT0 + i), std::nullopt);
  }
  EXPECT_EQ(t.Failed("rn.jones", kT0 + 4), kT0 + 4 + kLockMs);
  EXPECT_EQ(t.LockedUntil("rn.jones", kT0 + 4 + kLockMs - 1),
            kT0 + 4 + kLockMs);
  EXPECT_EQ(t.LockedUntil("rn.jones", kT0 + 4 + kLockMs), std::nullopt);
  EXPECT_EQ(t.LockedUntil("someone.else", kT0 + 5), std::nullopt);
}

TEST(SignInThrottleTest, ASuccessClearsTheCount) {
  auto t = Throttle();
  for (int i = 0; i < 4; ++i) t.Failed("u", kT0 + i);
  t.Succeeded("u");
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(t.Failed("u", kT0 + 10 + i), std::nullopt);
}

TEST(SignInThrottleTest, OldFailuresNoLongerCount) {
  auto t = Throttle();
  for (int i = 0; i < 4; ++i) t.Failed("u", kT0);
  // The next failure comes lock_for after the last: the count restarts.
  EXPECT_EQ(t.Failed("u", kT0 + kLockMs), std::nullopt);
  auto u = Throttle();
  for (int i = 0; i < 4; ++i) u.Failed("u", kT0);
  // Just below: it still counts, and locks.
  EXPECT_TRUE(u.Failed("u", kT0 + kLockMs - 1).has_value());
}

TEST(SignInThrottleTest, AfterALockTheCountStartsAgain) {
  auto t = Throttle();
  for (int i = 0; i < 5; ++i) t.Failed("u", kT0);
  EXPECT_EQ(t.Failed("u", kT0 + kLockMs), std::nullopt);
}

TEST(SignInThrottleTest, AFullTableForgetsTheOldestUnlockedName) {
  auto t = Throttle();
  // "victim" has four failures; then the table fills with other names.
  for (int i = 0; i < 4; ++i) t.Failed("victim", kT0);
  for (std::size_t i = 1; i < kMaxTrackedNames; ++i) {
    t.Failed("name" + std::to_string(i), kT0 + 1 + static_cast<UnixMillis>(i));
  }
  // One more name: the oldest unlocked record ("victim") is forgotten, so
  // its next failure is its first again.
  t.Failed("newcomer", kT0 + 20000);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.Failed("victim", kT0 + 20001), std::nullopt) << i;
  }
}

TEST(SignInThrottleTest, ALockedNameIsNeverForgottenEarly) {
  auto t = Throttle();
  for (int i = 0; i < 5; ++i) t.Failed("victim", kT0);  // locked
  ASSERT_TRUE(t.LockedUntil("victim", kT0 + 1).has_value());
  for (std::size_t i = 0; i < kMaxTrackedNames + 100; ++i) {
    t.Failed("flood" + std::to_string(i), kT0 + 2);
  }
  EXPECT_EQ(t.LockedUntil("victim", kT0 + 3), kT0 + kLockMs);
}

TEST(SignInThrottleTest, ATableFullOfLocksLocksEveryOtherName) {
  auto t = Throttle();
  for (std::size_t i = 0; i < kMaxTrackedNames; ++i) {
    for (int f = 0; f < 5; ++f) t.Failed("locked" + std::to_string(i), kT0);
  }
  EXPECT_EQ(t.LockedUntil("somebody", kT0 + 1), kT0 + kLockMs);
  EXPECT_EQ(t.Failed("somebody", kT0 + 1), kT0 + kLockMs);
  EXPECT_EQ(t.LockedUntil("somebody", kT0 + kLockMs), std::nullopt);
}

}  // namespace
}  // namespace iraed::console
