#include "bench/loadgen_connection.h"

#include <deque>

#include "bench/workload.h"
#include "support/mllp_client.h"
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
  std::unique_ptr<iraed::testing::ProtoClient> proto;
  std::unique_ptr<iraed::testing::MllpClient> mllp;
  Status connected = Status::Ok();
  if (config.hl7) {
    auto m = iraed::testing::MllpClient::Connect(config.port);
    if (m.ok()) {
      mllp = std::move(m).value();
    } else {
      connected = m.status();
    }
  } else {
    auto c = iraed::testing::ProtoClient::Connect(config.port, config.tls_ca);
    if (c.ok()) {
      proto = std::move(c).value();
    } else {
      connected = c.status();
    }
  }
  start.connected.count_down();
  start.go.wait();
  if (!connected.ok()) {
    r.error = connected.ToString();
    return r;
  }
  const LoadSchedule& schedule = start.schedule;
  const std::string prefix =
      config.run_id + "-" + std::to_string(config.index) + "-";
  PatientPicker picker(config.patients,
                       /*seed=*/static_cast<std::uint64_t>(config.index) + 1);
  // Counts an ack read at `t` for `p` in the measured window.
  auto record = [&r, &schedule](const Pending& p, Clock::time_point t) {
    if (t >= schedule.measure_start && t < schedule.measure_end) {
      ++r.acked_in_window;
    }
    if (p.sent_at >= schedule.measure_start &&
        p.sent_at < schedule.measure_end) {
      r.latency_us.push_back(static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(t - p.sent_at)
              .count()));
    }
  };
  std::deque<Pending> in_flight;
  std::uint64_t seq = 0;
  for (;;) {
    while (in_flight.size() < static_cast<std::size_t>(config.window) &&
           Clock::now() < schedule.measure_end) {
      std::string id = prefix + std::to_string(seq);
      const std::int64_t at =
          kBenchEpochSeconds + static_cast<std::int64_t>(seq);
      const auto t = Clock::now();
      Status s = mllp ? mllp->Send(BenchOru(id, picker.Next(), at))
                      : proto->SendRaw(iraed::testing::Frame(BenchEnvelope(
                            id, kBenchSource, picker.Next(), at)));
      if (!s.ok()) {
        r.error = s.ToString();
        return r;
      }
      ++seq;
      ++r.sent;
      in_flight.push_back(Pending{t, seq, std::move(id)});
    }
    if (in_flight.empty()) break;

    if (mllp) {
      auto frame = mllp->ReadFrame(kAckTimeout);
      const auto t = Clock::now();
      if (!frame.ok()) {
        r.error = frame.status().ToString();
        return r;
      }
      const Pending p = std::move(in_flight.front());
      in_flight.pop_front();
      ++r.acked;
      const std::string msa = iraed::testing::Segment(*frame, 1);
      if (iraed::testing::FieldOf(msa, 2) != p.message_id) {
        r.error = "ACK for " + iraed::testing::FieldOf(msa, 2) +
                  " while expecting " + p.message_id;
        return r;
      }
      if (iraed::testing::FieldOf(msa, 1) != "AA" && r.not_accepted++ == 0) {
        r.first_rejection = msa + " " + iraed::testing::Segment(*frame, 2);
      }
      record(p, t);
      continue;
    }
    auto ack = proto->ReadAck(kAckTimeout);
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
    record(p, t);
  }
  return r;
}

}  // namespace iraed::bench
