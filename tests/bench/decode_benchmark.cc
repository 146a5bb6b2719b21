// Google Benchmark micro-benchmarks of the per-message CPU on the IO
// thread: framing + Envelope decoding and validation, and Ack encoding;
// MLLP framing + HL7 v2 parsing and mapping of the same content as an
// ORU^R01, and HL7 ACK building.
// performance.md sets parse cost at <= 5% of per-message CPU (storage costs
// about 90..230 us per message); compare these figures against that.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/workload.h"
#include "hl7/ack_builder.h"
#include "hl7/hl7_reader.h"
#include "hl7/mllp_frame.h"
#include "ingest/ack_encoder.h"
#include "ingest/delimited_frame.h"
#include "ingest/envelope_decoder.h"
#include "support/proto_client.h"

namespace {

void BM_FrameAndDecodeTenObservations(benchmark::State& state) {
  const std::string frame = iraed::testing::Frame(
      iraed::testing::ObservationEnvelope("bench-1", "lab", "P1", 10));
  for (auto _ : state) {
    auto h = iraed::ingest::ParseFrameHeader(frame, 1 << 20);
    auto decoded = iraed::ingest::DecodeEnvelope(
        std::string_view(frame).substr(h.header_bytes, h.payload_bytes));
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(frame.size()));
}
BENCHMARK(BM_FrameAndDecodeTenObservations);

void BM_EncodeAck(benchmark::State& state) {
  iraed::model::Outcome outcome;
  outcome.disposition = iraed::model::Disposition::kAccepted;
  std::string out;
  std::uint64_t n = 0;
  for (auto _ : state) {
    out.clear();
    iraed::ingest::AppendAckFrame("lab-0000123456", outcome, ++n, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_EncodeAck);

void BM_MllpFrameAndReadOru(benchmark::State& state) {
  std::string frame;
  iraed::hl7::AppendMllpFrame(iraed::bench::BenchOru("bench-1", 7, 1790000000),
                              frame);
  const iraed::hl7::Hl7Options options;
  for (auto _ : state) {
    auto scan = iraed::hl7::ScanMllpFrame(frame, 16 << 20);
    auto reading = iraed::hl7::ReadHl7Message(scan.payload, options);
    benchmark::DoNotOptimize(reading);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(frame.size()));
}
BENCHMARK(BM_MllpFrameAndReadOru);

void BM_BuildHl7Ack(benchmark::State& state) {
  const auto reading = iraed::hl7::ReadHl7Message(
      iraed::bench::BenchOru("bench-1", 7, 1790000000),
      iraed::hl7::Hl7Options{});
  iraed::model::Outcome outcome;
  outcome.disposition = iraed::model::Disposition::kAccepted;
  outcome.message_row = 12345;
  for (auto _ : state) {
    auto acks =
        iraed::hl7::AcksFor(reading.ack, outcome, "IRAED12345", 1790000000000);
    benchmark::DoNotOptimize(acks);
  }
}
BENCHMARK(BM_BuildHl7Ack);

}  // namespace

BENCHMARK_MAIN();
