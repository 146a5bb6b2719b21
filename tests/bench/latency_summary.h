// File: tests/bench/latency_summary.h
//
// Percentiles of a set of latency samples (nearest-rank method).
#ifndef IRAED_TESTS_BENCH_LATENCY_SUMMARY_H_
#define IRAED_TESTS_BENCH_LATENCY_SUMMARY_H_

#include <cstdint>
#include <vector>

namespace iraed::bench {

struct LatencySummary {
  std::uint64_t count = 0;
  // Milliseconds; all 0 when count is 0.
  double p50_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
};

// Sorts `samples_us` (microseconds) in place and summarizes them.
LatencySummary Summarize(std::vector<std::uint32_t>& samples_us);

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_LATENCY_SUMMARY_H_
