// iraed_loadgen: drives a running iraed over the native protocol from N
// connections (one thread each), each keeping W frames outstanding, and
// reports durable throughput and send-to-ack latency.
//
//   iraed_loadgen --port 7570 --connections 16 --window 1 --seconds 5 [--json]
//
// Every frame is an ObservationBatch of 10 results for one patient from a
// pool (workload.h), message id "<run>-<conn>-<seq>", source "bench".
// Exit status: 0 when every ack was ACCEPTED and no connection failed;
// 1 otherwise (counts and the first problem are printed); 2 for a bad
// command line.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench/flags.h"
#include "bench/json_line.h"
#include "bench/latency_summary.h"
#include "bench/loadgen_connection.h"
#include "bench/workload.h"

namespace {

using iraed::bench::ConnectionResult;

// The daemon reads at most this many frames ahead of their acks per
// connection (SessionOptions::max_in_flight); a larger window would make
// the blocking sender stall against a full socket.
constexpr std::int64_t kMaxWindow = 256;

struct Totals {
  std::uint64_t sent = 0;
  std::uint64_t acked = 0;
  std::uint64_t acked_in_window = 0;
  std::uint64_t not_accepted = 0;
  std::uint64_t failed_connections = 0;
  std::string first_error;
  std::string first_rejection;
  std::vector<std::uint32_t> latency_us;
};

Totals Combine(std::vector<ConnectionResult>& results) {
  Totals t;
  for (ConnectionResult& r : results) {
    t.sent += r.sent;
    t.acked += r.acked;
    t.acked_in_window += r.acked_in_window;
    t.not_accepted += r.not_accepted;
    if (!r.error.empty()) {
      ++t.failed_connections;
      if (t.first_error.empty()) t.first_error = r.error;
    }
    if (t.first_rejection.empty()) t.first_rejection = r.first_rejection;
    t.latency_us.insert(t.latency_us.end(), r.latency_us.begin(),
                        r.latency_us.end());
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t port = 7570;
  std::int64_t connections = 1;
  std::int64_t window = 1;
  std::int64_t patients = iraed::bench::kDefaultPatientPool;
  double seconds = 5;
  double warmup_seconds = 1;
  std::string run_id = iraed::bench::MakeRunId();
  bool json = false;
  std::string protocol = "proto";
  std::string tls_ca;
  iraed::bench::Flags flags(
      "iraed_loadgen",
      "Sends benchmark observation messages to a running iraed on\n"
      "127.0.0.1 and measures msgs/s and send-to-ack latency.");
  flags.Int("port", &port, "iraed port on 127.0.0.1 (of --protocol)");
  flags.String("protocol", &protocol,
               "proto (native Envelopes) or hl7 (ORU^R01 over MLLP)");
  flags.Int("connections", &connections, "concurrent connections");
  flags.Int("window", &window,
            "frames outstanding per connection (1 = ping-pong, max 256)");
  flags.Double("seconds", &seconds, "measured duration");
  flags.Double("warmup-seconds", &warmup_seconds,
               "unmeasured sending before the measurement");
  flags.Int("patients", &patients, "patient pool size");
  flags.String("run-id", &run_id, "message id prefix (unique per run)");
  flags.Bool("json", &json, "print one JSON line instead of text");
  flags.String("tls-ca", &tls_ca,
               "proto over TLS: the CA file the daemon's certificate (for "
               "127.0.0.1) chains to; empty: plain TCP");
  if (auto exit = flags.Parse(argc, argv)) return *exit;
  if (port < 1 || port > 65535 || connections < 1 || window < 1 ||
      window > kMaxWindow || patients < 1 || seconds <= 0 ||
      warmup_seconds < 0 || (protocol != "proto" && protocol != "hl7") ||
      (!tls_ca.empty() && protocol != "proto")) {
    std::fprintf(stderr, "iraed_loadgen: option out of range (see --help)\n");
    return 2;
  }

  iraed::bench::StartLine start(static_cast<int>(connections));
  std::vector<ConnectionResult> results(static_cast<std::size_t>(connections));
  std::vector<std::thread> threads;
  for (std::int64_t i = 0; i < connections; ++i) {
    iraed::bench::ConnectionConfig c;
    c.port = static_cast<std::uint16_t>(port);
    c.index = static_cast<int>(i);
    c.window = static_cast<int>(window);
    c.patients = static_cast<int>(patients);
    c.run_id = run_id;
    c.hl7 = protocol == "hl7";
    c.tls_ca = tls_ca;
    threads.emplace_back([c, &start, &results, i] {
      results[static_cast<std::size_t>(i)] =
          iraed::bench::RunConnection(c, start);
    });
  }
  start.connected.wait();
  using Clock = std::chrono::steady_clock;
  const auto to_clock = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(s));
  };
  start.schedule.measure_start = Clock::now() + to_clock(warmup_seconds);
  start.schedule.measure_end = start.schedule.measure_start + to_clock(seconds);
  start.go.count_down();
  for (std::thread& t : threads) t.join();

  Totals t = Combine(results);
  const iraed::bench::LatencySummary lat =
      iraed::bench::Summarize(t.latency_us);
  const double msgs_per_s = static_cast<double>(t.acked_in_window) / seconds;
  const bool ok = t.not_accepted == 0 && t.failed_connections == 0;
  if (json) {
    iraed::bench::JsonLine j;
    j.Add("tool", "iraed_loadgen")
        .Add("connections", connections)
        .Add("window", window)
        .Add("seconds", seconds)
        .Add("msgs", t.acked_in_window)
        .Add("msgs_per_s", msgs_per_s)
        .Add("p50_ms", lat.p50_ms)
        .Add("p99_ms", lat.p99_ms)
        .Add("p999_ms", lat.p999_ms)
        .Add("max_ms", lat.max_ms)
        .Add("latency_samples", lat.count)
        .Add("sent", t.sent)
        .Add("acked", t.acked)
        .Add("not_accepted", t.not_accepted)
        .Add("failed_connections", t.failed_connections);
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf(
        "iraed_loadgen: %lld connections x window %lld, %.1f s after %.1f s "
        "warm-up\n"
        "  msgs/s        %.0f\n"
        "  ack latency   p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms"
        "  (%llu samples)\n"
        "  not accepted  %llu of %llu acks\n",
        static_cast<long long>(connections), static_cast<long long>(window),
        seconds, warmup_seconds, msgs_per_s, lat.p50_ms, lat.p99_ms,
        lat.p999_ms, lat.max_ms, static_cast<unsigned long long>(lat.count),
        static_cast<unsigned long long>(t.not_accepted),
        static_cast<unsigned long long>(t.acked));
  }
  if (!t.first_rejection.empty()) {
    std::fprintf(stderr, "iraed_loadgen: first ack not accepted: %s\n",
                 t.first_rejection.c_str());
  }
  if (!t.first_error.empty()) {
    std::fprintf(stderr,
                 "iraed_loadgen: %llu connection(s) failed; first: %s\n",
                 static_cast<unsigned long long>(t.failed_connections),
                 t.first_error.c_str());
  }
  return ok ? 0 : 1;
}
