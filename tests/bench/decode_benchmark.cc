// Google Benchmark micro-benchmarks of the per-message CPU on the IO
// thread: framing + Envelope decoding and validation, and Ack encoding.
// performance.md sets parse cost at <= 5% of per-message CPU (storage costs
// about 90..230 us per message); compare these figures against that.
#include <benchmark/benchmark.h>

#include <string>

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

}  // namespace

BENCHMARK_MAIN();
