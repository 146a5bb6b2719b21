// File: tests/bench/loadgen_connection.h
//
// One load-generator connection, run on its own thread: connects to
// 127.0.0.1:port, then keeps up to `window` frames outstanding (window 1 is
// ping-pong: send, wait for the ack, send the next) until the shared
// schedule's end, then stops sending and collects every outstanding ack.
// Latency is from just before a frame is written to when its ack has been
// read; it is sampled for frames SENT inside the measured window.
#ifndef IRAED_TESTS_BENCH_LOADGEN_CONNECTION_H_
#define IRAED_TESTS_BENCH_LOADGEN_CONNECTION_H_

#include <chrono>
#include <cstdint>
#include <latch>
#include <string>
#include <vector>

namespace iraed::bench {

struct LoadSchedule {
  std::chrono::steady_clock::time_point measure_start;
  std::chrono::steady_clock::time_point measure_end;
};

struct ConnectionConfig {
  std::uint16_t port = 0;
  int index = 0;  // connection number, part of message ids and the RNG seed
  int window = 1;
  int patients = 2000;
  std::string run_id;  // message ids are "<run_id>-<index>-<seq>"
  // false: native protocol Envelopes; true: HL7 v2 ORU^R01 over MLLP,
  // answered AA.
  bool hl7 = false;
  // Native protocol over TLS, verified against this CA ("": plain TCP).
  std::string tls_ca;
};

struct ConnectionResult {
  std::uint64_t sent = 0;
  std::uint64_t acked = 0;                // all acks, warm-up included
  std::uint64_t acked_in_window = 0;      // acks read inside the window
  std::uint64_t not_accepted = 0;         // acks other than ACCEPTED
  std::vector<std::uint32_t> latency_us;  // frames sent inside the window
  // The failure that ended the connection early (connect, I/O, an ack out
  // of order); empty when it ran to the end.
  std::string error;
  // Status and reason of the first ack that was not ACCEPTED; empty if none.
  std::string first_rejection;
};

// Start-up handshake between the connections and the main thread: every
// connection connects (or fails), counts down `connected`, and waits for
// `go`; the main thread waits for `connected`, fills `schedule`, then counts
// down `go`, so the warm-up starts when every connection is open.
struct StartLine {
  std::latch connected;
  std::latch go{1};
  LoadSchedule schedule;
  explicit StartLine(int connections) : connected(connections) {}
};

// Runs one connection to completion (see the file comment).
ConnectionResult RunConnection(const ConnectionConfig& config,
                               StartLine& start);

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_LOADGEN_CONNECTION_H_
