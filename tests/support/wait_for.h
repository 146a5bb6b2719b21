// File: support/wait_for.h
//
// Waiting for a condition instead of sleeping a fixed time: a test that
// waits for what it expects is as fast as the machine allows and as
// patient as a loaded one needs.
#ifndef IRAED_TESTS_SUPPORT_WAIT_FOR_H_
#define IRAED_TESTS_SUPPORT_WAIT_FOR_H_

#include <chrono>
#include <thread>

namespace iraed::testing {

// Polls `done` every 10 ms until it holds or `limit` passes; returns whether
// it held.
template <typename Condition>
bool WaitFor(Condition done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_WAIT_FOR_H_
