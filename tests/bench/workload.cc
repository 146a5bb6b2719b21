#include "bench/workload.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

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

std::string BenchOru(const std::string& message_id, int patient_index,
                     std::int64_t observed_at_seconds) {
  const std::time_t t = static_cast<std::time_t>(observed_at_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y%m%d%H%M%S+0000", &tm);
  std::string m = "MSH|^~\\&|BENCH|LAB|IRAED|ONC|" + std::string(when) +
                  "||ORU^R01^ORU_R01|" + message_id + "|P|2.5.1\r";
  m += "PID|1||" + PatientIdentifier(patient_index) + "^^^TESTHOSP^MR\r";
  m += "OBR|1||" + message_id + "|24323-8^CMP^LN|||" + when + "\r";
  for (int i = 0; i < kObservationsPerMessage; ++i) {
    m += "OBX|" + std::to_string(i + 1) + "|NM|1742-6^ALT SerPl-cCnc^LN|" +
         std::to_string(i) + "|" + std::to_string(20 + i) +
         "|U/L|7-56|N|||F|||" + when + "\r";
  }
  return m;
}

}  // namespace iraed::bench
