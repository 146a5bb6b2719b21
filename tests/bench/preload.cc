#include "bench/preload.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "bench/raw_store.h"
#include "bench/workload.h"

namespace iraed::bench {

namespace {

constexpr std::int64_t kPreloadCacheKib = 1 << 20;  // 1 GiB

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Status Preload(const PreloadOptions& opts) {
  std::error_code ec;
  if (std::filesystem::exists(opts.path, ec)) {
    return Status::FailedPrecondition(opts.path +
                                      " exists; preload needs a new file");
  }
  RawStoreOptions ro;
  ro.path = opts.path;
  ro.journal_mode = "off";
  ro.synchronous = "OFF";
  ro.cache_kib = kPreloadCacheKib;
  ASSIGN_OR_RETURN(std::unique_ptr<RawStore> store, RawStore::Open(ro));

  const std::int64_t messages =
      (opts.observations + kObservationsPerMessage - 1) /
      kObservationsPerMessage;
  const std::int64_t per_txn = std::max<std::int64_t>(1, opts.messages_per_txn);
  const std::int64_t progress_every = std::max<std::int64_t>(1, messages / 10);
  PatientPicker picker(opts.patients, /*seed=*/42);
  const auto started = std::chrono::steady_clock::now();
  std::string raw;
  for (std::int64_t i = 0; i < messages;) {
    RETURN_IF_ERROR(store->Begin());
    const std::int64_t stop = std::min(messages, i + per_txn);
    for (; i < stop; ++i) {
      const iraed::v1::Envelope env =
          BenchEnvelope(std::string("preload-") + std::to_string(i), "preload",
                        picker.Next(), kBenchEpochSeconds - messages + i);
      env.SerializeToString(&raw);
      if (opts.raw_bytes > 0 &&
          raw.size() > static_cast<std::size_t>(opts.raw_bytes)) {
        raw.resize(static_cast<std::size_t>(opts.raw_bytes));
      }
      RETURN_IF_ERROR(store->InsertObservationMessage(env, raw, NowMillis()));
      if ((i + 1) % progress_every == 0) {
        const double s = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - started)
                             .count();
        std::fprintf(stderr, "preload: %lld / %lld messages, %.0f s\n",
                     static_cast<long long>(i + 1),
                     static_cast<long long>(messages), s);
      }
    }
    RETURN_IF_ERROR(store->Commit());
  }
  RETURN_IF_ERROR(store->SetJournalMode("wal"));
  store.reset();
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  std::printf(
      "preload: %s holds %lld messages, %lld observations, %d patients; "
      "%.1f MiB; %.0f s\n",
      opts.path.c_str(), static_cast<long long>(messages),
      static_cast<long long>(messages * kObservationsPerMessage), opts.patients,
      static_cast<double>(std::filesystem::file_size(opts.path, ec)) /
          (1 << 20),
      s);
  return Status::Ok();
}

}  // namespace iraed::bench
