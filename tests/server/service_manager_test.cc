#include "server/service_manager.h"

#include <gtest/gtest.h>

namespace iraed::server {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(ServiceManagerTest,
     TheWatchdogIsFedWhileTheStoreBeatWithinHalfTheInterval) {
  const microseconds interval = std::chrono::seconds(30);
  EXPECT_TRUE(StoreIsAlive(milliseconds(0), interval));
  EXPECT_TRUE(StoreIsAlive(microseconds(14'999'999), interval));
  EXPECT_FALSE(StoreIsAlive(microseconds(15'000'000), interval));  // at half
  EXPECT_FALSE(StoreIsAlive(microseconds(15'000'001), interval));
}

TEST(ServiceManagerTest, OutsideSystemdNothingIsSent) {
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ServiceManager m = ServiceManager::FromEnvironment();
  EXPECT_FALSE(m.notifying());
  EXPECT_FALSE(m.watchdog_interval().has_value());
  m.Ready("serving");  // no socket: must not fail or block
  m.FeedWatchdog();
  m.Stopping("stopping");
}

TEST(ServiceManagerTest, TheWatchdogIntervalComesFromTheEnvironment) {
  ::setenv("WATCHDOG_USEC", "20000000", 1);
  ::unsetenv("WATCHDOG_PID");
  ServiceManager m = ServiceManager::FromEnvironment();
  ASSERT_TRUE(m.watchdog_interval().has_value());
  EXPECT_EQ(*m.watchdog_interval(), std::chrono::seconds(20));
  // Meant for another process: not ours to feed.
  ::setenv("WATCHDOG_PID", "1", 1);
  EXPECT_FALSE(ServiceManager::FromEnvironment().watchdog_interval());
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
}

}  // namespace
}  // namespace iraed::server
