#include "bench/loadgen_connection.h"

#include <deque>

#include "bench/workload.h"
#include "support/proto_client.h"

namespace iraed::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Longest wait for one ack before the connection is declared broken.
constexpr std::chrono::seconds kAckTimeout{60};

struct Pending {
  Clock::time_point sent_at;
  std::uint64_t frame_number;  // 1-based, as the server counts
  std::string message_id;
};

}  // namespace

ConnectionResult RunConnection(const ConnectionConfig& config,
                               StartLine& start) {
  ConnectionResult r;
  auto client = iraed::testing::ProtoClient::Connect(config.port);
  start.connected.count_down();
  start.go.wait();
  if (!client.ok()) {
    r.error = client.status().ToString();
    return r;
  }
  const LoadSchedule& schedule = start.schedule;
  const std::string prefix =
      config.run_id + "-" + std::to_string(config.index) + "-";
  PatientPicker picker(config.patients,
                       /*seed=*/static_cast<std::uint64_t>(config.index) + 1);
  std::deque<Pending> in_flight;
  std::uint64_t seq = 0;
  for (;;) {
    while (in_flight.size() < static_cast<std::size_t>(config.window) &&
           Clock::now() < schedule.measure_end) {
      std::string id = prefix + std::to_string(seq);
      const std::string frame = iraed::testing::Frame(
          BenchEnvelope(id, kBenchSource, picker.Next(),
                        kBenchEpochSeconds + static_cast<std::int64_t>(seq)));
      const auto t = Clock::now();
      if (Status s = (*client)->SendRaw(frame); !s.ok()) {
        r.error = s.ToString();
        return r;
      }
      ++seq;
      ++r.sent;
      in_flight.push_back(Pending{t, seq, std::move(id)});
    }
    if (in_flight.empty()) break;

    auto ack = (*client)->ReadAck(kAckTimeout);
    const auto t = Clock::now();
    if (!ack.ok()) {
      r.error = ack.status().ToString();
      return r;
    }
    const Pending p = std::move(in_flight.front());
    in_flight.pop_front();
    ++r.acked;
    if (ack->frame_number() != p.frame_number ||
        ack->message_id() != p.message_id) {
      r.error = std::string("ack for frame ") +
                std::to_string(ack->frame_number()) + " (" + ack->message_id() +
                ") while expecting frame " + std::to_string(p.frame_number) +
                " (" + p.message_id + ")";
      return r;
    }
    if (ack->status() != iraed::v1::ACK_STATUS_ACCEPTED) {
      if (r.not_accepted++ == 0) {
        r.first_rejection =
            iraed::v1::AckStatus_Name(ack->status()) + ": " + ack->reason();
      }
    }
    if (t >= schedule.measure_start && t < schedule.measure_end) {
      ++r.acked_in_window;
    }
    if (p.sent_at >= schedule.measure_start &&
        p.sent_at < schedule.measure_end) {
      r.latency_us.push_back(static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(t - p.sent_at)
              .count()));
    }
  }
  return r;
}

}  // namespace iraed::bench
