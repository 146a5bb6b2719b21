#include "bench/workload.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "support/proto_client.h"

namespace iraed::bench {

std::string PatientIdentifier(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "BENCH%07d", index);
  return buf;
}

std::string MakeRunId() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "r%lldp%d", static_cast<long long>(ms),
                static_cast<int>(::getpid()));
  return buf;
}

iraed::v1::Envelope BenchEnvelope(const std::string& message_id,
                                  const std::string& source, int patient_index,
                                  std::int64_t observed_at_seconds) {
  return iraed::testing::ObservationEnvelope(
      message_id, source, PatientIdentifier(patient_index),
      kObservationsPerMessage, observed_at_seconds);
}

}  // namespace iraed::bench
