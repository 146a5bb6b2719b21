// iraed_sqlite_baseline: the raw-SQLite ceiling the daemon is compared
// against (see sqlite_baseline.h), and the preload of a big database for
// steady-state runs (see preload.h).
//
//   iraed_sqlite_baseline --db /tmp/b.db --per-txn 8 --seconds 5 [--json]
//   iraed_sqlite_baseline --db /tmp/big.db --preload-observations 10000000
//
// Exit status: 0 on success, 1 on a SQLite error, 2 for a bad command line.
#include <cstdio>
#include <string>

#include "bench/flags.h"
#include "bench/json_line.h"
#include "bench/preload.h"
#include "bench/sqlite_baseline.h"

namespace {

using iraed::bench::BaselineOptions;
using iraed::bench::BaselineResult;
using iraed::bench::JsonLine;

void PrintResult(const BaselineOptions& o, const BaselineResult& r, bool json) {
  if (json) {
    JsonLine j;
    j.Add("tool", "iraed_sqlite_baseline")
        .Add("synchronous", o.store.synchronous)
        .Add("foreign_keys", o.store.foreign_keys ? 1 : 0)
        .Add("per_txn", o.per_txn)
        .Add("seconds", r.elapsed_seconds)
        .Add("msgs", r.messages)
        .Add("msgs_per_s", r.msgs_per_second)
        .Add("commits_per_s", r.commits_per_second)
        .Add("txn_p50_ms", r.txn.p50_ms)
        .Add("txn_p99_ms", r.txn.p99_ms)
        .Add("txn_p999_ms", r.txn.p999_ms);
    std::printf("%s\n", j.str().c_str());
    return;
  }
  std::printf(
      "raw SQLite, synchronous=%s, %lld msgs/txn, %.1f s:\n"
      "  msgs/s      %.0f\n"
      "  commits/s   %.0f\n"
      "  txn latency p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms\n",
      o.store.synchronous.c_str(), static_cast<long long>(o.per_txn),
      r.elapsed_seconds, r.msgs_per_second, r.commits_per_second, r.txn.p50_ms,
      r.txn.p99_ms, r.txn.p999_ms);
}

}  // namespace

int main(int argc, char** argv) {
  BaselineOptions o;
  iraed::bench::PreloadOptions p;
  std::int64_t patients = o.patients;
  std::int64_t preload_observations = 0;
  bool json = false;
  iraed::bench::Flags flags(
      "iraed_sqlite_baseline",
      "Writes benchmark observation messages straight into SQLite (the\n"
      "storage ceiling for iraed), or preloads a big database.");
  flags.String("db", &o.store.path, "database file (required)");
  flags.Int("per-txn", &o.per_txn, "messages per transaction");
  flags.Double("seconds", &o.seconds, "measured duration");
  flags.Double("warmup-seconds", &o.warmup_seconds,
               "unmeasured writing before the measurement");
  flags.String("synchronous", &o.store.synchronous,
               "PRAGMA synchronous: FULL, NORMAL, OFF, EXTRA");
  flags.Int("cache-kib", &o.store.cache_kib,
            "PRAGMA cache_size in KiB; 0 = SQLite default (the daemon: 8192)");
  flags.Bool("foreign-keys", &o.store.foreign_keys,
             "PRAGMA foreign_keys = ON, as the daemon sets");
  flags.Int("patients", &patients, "patient pool size");
  flags.Bool("json", &json, "print one JSON line instead of text");
  flags.Int("preload-observations", &preload_observations,
            "preload mode: fill a NEW --db with this many observations");
  flags.Int("preload-raw-bytes", &p.raw_bytes,
            "preload mode: truncate each raw blob to this size; 0 = whole");
  flags.Int("preload-per-txn", &p.messages_per_txn,
            "preload mode: messages per transaction");
  if (auto exit = flags.Parse(argc, argv)) return *exit;
  if (o.store.path.empty()) {
    std::fprintf(stderr, "iraed_sqlite_baseline: --db is required\n");
    return 2;
  }
  if (patients < 1 || o.per_txn < 1 || o.seconds <= 0) {
    std::fprintf(stderr,
                 "iraed_sqlite_baseline: --patients, --per-txn and --seconds "
                 "must be positive\n");
    return 2;
  }
  o.patients = static_cast<int>(patients);

  if (preload_observations > 0) {
    p.path = o.store.path;
    p.observations = preload_observations;
    p.patients = o.patients;
    iraed::Status s = iraed::bench::Preload(p);
    if (!s.ok()) {
      std::fprintf(stderr, "iraed_sqlite_baseline: %s\n", s.ToString().c_str());
      return 1;
    }
    return 0;
  }

  auto r = iraed::bench::RunBaseline(o);
  if (!r.ok()) {
    std::fprintf(stderr, "iraed_sqlite_baseline: %s\n",
                 r.status().ToString().c_str());
    return 1;
  }
  PrintResult(o, *r, json);
  return 0;
}
