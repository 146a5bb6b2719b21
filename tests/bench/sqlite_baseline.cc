#include "bench/sqlite_baseline.h"

#include <chrono>
#include <vector>

#include "bench/workload.h"

namespace iraed::bench {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<BaselineResult> RunBaseline(const BaselineOptions& opts) {
  ASSIGN_OR_RETURN(std::unique_ptr<RawStore> store, RawStore::Open(opts.store));
  const std::string prefix = MakeRunId() + "-0-";
  PatientPicker picker(opts.patients, /*seed=*/1);
  std::int64_t seq = 0;
  std::string raw;
  std::vector<std::uint32_t> txn_us;

  const auto start = Clock::now();
  const auto measure_start =
      start + std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(opts.warmup_seconds));
  const auto measure_end =
      measure_start + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(opts.seconds));
  BaselineResult r;
  auto last_commit = measure_start;
  for (;;) {
    const auto t0 = Clock::now();
    if (t0 >= measure_end) break;
    RETURN_IF_ERROR(store->Begin());
    for (std::int64_t i = 0; i < opts.per_txn; ++i, ++seq) {
      const iraed::v1::Envelope env =
          BenchEnvelope(prefix + std::to_string(seq), kBenchSource,
                        picker.Next(), kBenchEpochSeconds + seq);
      env.SerializeToString(&raw);
      RETURN_IF_ERROR(store->InsertObservationMessage(env, raw, NowMillis()));
    }
    RETURN_IF_ERROR(store->Commit());
    const auto t1 = Clock::now();
    if (t0 < measure_start) continue;
    r.messages += static_cast<std::uint64_t>(opts.per_txn);
    txn_us.push_back(static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0)
            .count()));
    last_commit = t1;
  }
  r.elapsed_seconds =
      std::chrono::duration<double>(last_commit - measure_start).count();
  if (r.elapsed_seconds > 0) {
    r.msgs_per_second = static_cast<double>(r.messages) / r.elapsed_seconds;
    r.commits_per_second =
        static_cast<double>(txn_us.size()) / r.elapsed_seconds;
  }
  r.txn = Summarize(txn_us);
  return r;
}

}  // namespace iraed::bench
