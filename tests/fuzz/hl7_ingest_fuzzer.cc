// libFuzzer target: arbitrary bytes as an MLLP stream. Every frame the
// framer finds goes through the HL7 v2 reader and the acknowledgement
// builder for each possible outcome, exactly as an MLLP session does, and
// the ER7 accessors are driven past the ends of every segment. It must
// never crash, hang, leak or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hl7/ack_builder.h"
#include "hl7/batch.h"
#include "hl7/er7.h"
#include "hl7/hl7_reader.h"
#include "hl7/mllp_frame.h"

namespace {
constexpr std::size_t kMaxFrame = 64 * 1024;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace iraed;
  std::string_view stream(reinterpret_cast<const char*>(data), size);
  static const hl7::Hl7Options options;
  std::string out;
  while (!stream.empty()) {
    const hl7::MllpScan scan = hl7::ScanMllpFrame(stream, kMaxFrame);
    if (scan.kind != hl7::MllpScan::Kind::kFrame) break;
    if (scan.consumed > stream.size()) __builtin_trap();
    if (auto batch = hl7::SplitBatch(scan.payload)) {
      std::vector<std::string> acks;
      for (std::string_view message : batch->messages) {
        if (message.data() < scan.payload.data() ||
            message.data() + message.size() >
                scan.payload.data() + scan.payload.size()) {
          __builtin_trap();
        }
        model::Outcome accepted;
        accepted.disposition = model::Disposition::kAccepted;
        for (std::string& a : hl7::AcksFor(
                 hl7::ReadHl7Message(message, options).ack, accepted, "A", 0)) {
          acks.push_back(std::move(a));
        }
      }
      out += hl7::BatchResponse(*batch, acks, "B", 0);
    }
    const hl7::Hl7Reading r = hl7::ReadHl7Message(scan.payload, options);
    if (r.message.has_value() == r.ack.error.has_value()) __builtin_trap();
    for (auto d :
         {model::Disposition::kAccepted, model::Disposition::kDuplicate,
          model::Disposition::kRejected, model::Disposition::kUnavailable}) {
      model::Outcome outcome;
      outcome.disposition = d;
      outcome.reason = "fuzz";
      for (const std::string& ack : hl7::AcksFor(r.ack, outcome, "A1", 0)) {
        hl7::AppendMllpFrame(ack, out);
      }
    }
    if (auto m = hl7::Er7Message::Parse(scan.payload); m.ok()) {
      for (const hl7::Segment& s : m->segments()) {
        for (int f = 0; f <= static_cast<int>(s.parts.size()) + 1; ++f) {
          out += m->Value(s, f, 1, 1, 0);
          out += m->Value(s, f, 3, 2, 1);
        }
      }
    }
    stream.remove_prefix(scan.consumed);
    out.clear();
  }
  return 0;
}
