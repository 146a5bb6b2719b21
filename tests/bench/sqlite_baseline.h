// File: tests/bench/sqlite_baseline.h
//
// The storage-only ceiling: one thread writes benchmark messages through a
// RawStore (raw SQLite, WAL) in transactions of `per_txn` messages, as fast
// as it can, for `seconds` after `warmup_seconds`. Each message is built and
// serialized inside the loop (a few µs, about what the daemon spends decoding
// one), so msgs/s is "what one SQLite writer sustains for this workload".
#ifndef IRAED_TESTS_BENCH_SQLITE_BASELINE_H_
#define IRAED_TESTS_BENCH_SQLITE_BASELINE_H_

#include <cstdint>
#include <string>

#include "bench/latency_summary.h"
#include "bench/raw_store.h"
#include "common/status.h"

namespace iraed::bench {

struct BaselineOptions {
  RawStoreOptions store;
  std::int64_t per_txn = 1;
  double seconds = 5;
  double warmup_seconds = 1;
  int patients = 2000;
};

struct BaselineResult {
  std::uint64_t messages = 0;  // committed within the measured window
  double elapsed_seconds = 0;
  double msgs_per_second = 0;
  double commits_per_second = 0;
  LatencySummary txn;  // BEGIN to COMMIT returned
};

Result<BaselineResult> RunBaseline(const BaselineOptions& opts);

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_SQLITE_BASELINE_H_
