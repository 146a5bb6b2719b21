// File: tests/bench/workload.h
//
// The message mix shared by the load generator, the SQLite baseline and the
// preload, so that all three store the same kind of rows with the same
// patient locality: every message is an ObservationBatch of
// kObservationsPerMessage numeric observations (~1.1 KiB serialized) for ONE
// patient drawn uniformly from a pool (default 2,000), as a real ORU^R01.
#ifndef IRAED_TESTS_BENCH_WORKLOAD_H_
#define IRAED_TESTS_BENCH_WORKLOAD_H_

#include <cstdint>
#include <random>
#include <string>

#include "iraed/v1/ingest.pb.h"

namespace iraed::bench {

inline constexpr int kObservationsPerMessage = 10;
inline constexpr int kDefaultPatientPool = 2000;
// Envelope.source of benchmark traffic.
inline constexpr char kBenchSource[] = "bench";
// Observation time of the first benchmark message, in Unix seconds; each
// later message of a sequence is one second later. Preloaded messages lie
// before it, so new results land at the end of each patient's index range.
inline constexpr std::int64_t kBenchEpochSeconds = 1790000000;

// The identifier of pool member `index` (0-based), e.g. "BENCH0001234".
// Assigning authority "TESTHOSP", as tests/support/proto_client builds.
std::string PatientIdentifier(int index);

// A unique-enough tag for one benchmark run ("r" + Unix ms + "p" + pid), so
// that message ids never collide with an earlier run on the same database.
std::string MakeRunId();

// Draws patients uniformly from a pool of `pool_size`. Not thread-safe: one
// per thread.
class PatientPicker {
 public:
  PatientPicker(int pool_size, std::uint64_t seed)
      : rng_(seed), dist_(0, pool_size - 1) {}
  int Next() { return dist_(rng_); }

 private:
  std::mt19937_64 rng_;
  std::uniform_int_distribution<int> dist_;
};

// The benchmark envelope: kObservationsPerMessage observations of patient
// `patient_index`, observed at `observed_at_seconds`.
iraed::v1::Envelope BenchEnvelope(const std::string& message_id,
                                  const std::string& source, int patient_index,
                                  std::int64_t observed_at_seconds);

// The same content as an HL7 v2.5.1 ORU^R01 (PID-3 MR of TESTHOSP, one OBR,
// kObservationsPerMessage OBX NM ALT results), segments ended by CR.
std::string BenchOru(const std::string& message_id, int patient_index,
                     std::int64_t observed_at_seconds);

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_WORKLOAD_H_
