// File: tests/bench/preload.h
//
// Fills a NEW database (schema from the project's migrations) with benchmark
// observation messages, fast and not durably (journal off, synchronous OFF,
// large transactions, 1 GiB page cache), then switches it to WAL, so that the
// daemon can be started on it (`iraed --db PATH`) to measure steady state on
// a big database. Rows are what the daemon stores for accepted messages from
// source "preload", patients from the same pool as the load generator, with
// observation times before kBenchEpochSeconds.
#ifndef IRAED_TESTS_BENCH_PRELOAD_H_
#define IRAED_TESTS_BENCH_PRELOAD_H_

#include <cstdint>
#include <string>

#include "common/status.h"

namespace iraed::bench {

struct PreloadOptions {
  std::string path;                      // must not exist yet
  std::int64_t observations = 10000000;  // rounded up to whole messages
  int patients = 2000;
  // Stored raw blob length per message: 0 keeps the whole serialized
  // envelope (~1.1 KiB); a smaller value truncates it to save disk and time.
  std::int64_t raw_bytes = 0;
  std::int64_t messages_per_txn = 20000;
};

// Prints progress to stderr. Fails if the file exists or on any SQLite error.
Status Preload(const PreloadOptions& opts);

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_PRELOAD_H_
