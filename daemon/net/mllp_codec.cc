#include "net/mllp_codec.h"

#include <algorithm>

#include "hl7/ack_builder.h"
#include "hl7/batch.h"
#include "hl7/hl7_frame.h"
#include "hl7/mllp_frame.h"

namespace iraed::net {
namespace {

// How much of a frame that could not be delimited is kept for audit.
constexpr std::size_t kKeptBytes = 4096;

// The acknowledgement's own MSH-10: unique per stored message.
std::string AckControlId(const model::Outcome& outcome,
                         std::uint64_t frame_number, std::size_t index,
                         UnixMillis now) {
  return outcome.message_row > 0
             ? "IRAED" + std::to_string(outcome.message_row)
             : "IRAED-" + std::to_string(now) + "-" +
                   std::to_string(frame_number) + "-" + std::to_string(index);
}

class MllpReply final : public PendingReply {
 public:
  explicit MllpReply(hl7::AckContext ack) : ack_(std::move(ack)) {}
  void Append(const std::vector<model::Outcome>& outcomes,
              std::uint64_t frame_number, UnixMillis now,
              std::string& out) override {
    const model::Outcome& outcome = outcomes.front();
    for (const std::string& ack : hl7::AcksFor(
             ack_, outcome, AckControlId(outcome, frame_number, 0, now), now)) {
      hl7::AppendMllpFrame(ack, out);
    }
  }

 private:
  const hl7::AckContext ack_;
};

// A batch is answered by one batch of the acknowledgements of its
// messages, in one frame.
class MllpBatchReply final : public PendingReply {
 public:
  MllpBatchReply(const hl7::Hl7Batch& batch, std::vector<hl7::AckContext> acks)
      : header_(batch.header), file_(batch.file), acks_(std::move(acks)) {}
  void Append(const std::vector<model::Outcome>& outcomes,
              std::uint64_t frame_number, UnixMillis now,
              std::string& out) override {
    std::vector<std::string> messages;
    for (std::size_t i = 0; i < acks_.size() && i < outcomes.size(); ++i) {
      for (std::string& ack :
           hl7::AcksFor(acks_[i], outcomes[i],
                        AckControlId(outcomes[i], frame_number, i, now), now)) {
        messages.push_back(std::move(ack));
      }
    }
    hl7::Hl7Batch batch;
    batch.file = file_;
    batch.header = header_;  // the received header, kept as a copy
    hl7::AppendMllpFrame(
        hl7::BatchResponse(batch, messages,
                           "IRAED-B" + std::to_string(now) + "-" +
                               std::to_string(frame_number),
                           now),
        out);
  }

 private:
  const std::string header_;  // the first FHS or BHS segment as received
  const bool file_;
  const std::vector<hl7::AckContext> acks_;
};

}  // namespace

FrameScan MllpCodec::Scan(std::string_view data) {
  const hl7::MllpScan m = hl7::ScanMllpFrame(data, max_frame_bytes_, scanned_);
  // The session keeps the open frame at the start of the next `data`.
  scanned_ = m.kind == hl7::MllpScan::Kind::kNeedMore ? m.scanned : 0;
  FrameScan scan;
  scan.junk = m.junk;
  switch (m.kind) {
    case hl7::MllpScan::Kind::kNeedMore:
      scan.consumed = m.consumed;
      break;
    case hl7::MllpScan::Kind::kFrame:
      scan.kind = FrameScan::Kind::kFrame;
      scan.payload = m.payload;
      scan.consumed = m.consumed;
      break;
    case hl7::MllpScan::Kind::kOversized:
    case hl7::MllpScan::Kind::kMalformed:
      scan.kind = m.kind == hl7::MllpScan::Kind::kOversized
                      ? FrameScan::Kind::kOversized
                      : FrameScan::Kind::kMalformed;
      scan.problem = m.problem;
      scan.consumed = m.junk;
      {
        const std::string_view frame = data.substr(m.junk + 1);
        scan.kept = frame.substr(0, std::min(frame.size(), kKeptBytes));
        scan.announced = frame.size();
      }
      break;
  }
  return scan;
}

DecodedFrame MllpCodec::Decode(std::string_view payload,
                               const std::string& peer, UnixMillis now) {
  hl7::Hl7Frame read = hl7::ReadHl7Frame(payload, peer, now, options_);
  DecodedFrame frame;
  frame.submissions = std::move(read.submissions);
  if (read.batch) {
    frame.reply =
        std::make_unique<MllpBatchReply>(*read.batch, std::move(read.acks));
  } else {
    frame.reply = std::make_unique<MllpReply>(std::move(read.acks.front()));
  }
  return frame;
}

DecodedFrame MllpCodec::Reject(const FrameScan& scan, const std::string& peer,
                               UnixMillis now) {
  // The MSH segment, if it arrived, still tells whom to answer and how.
  const std::string_view kept = scan.kept;
  const std::size_t eol = kept.find_first_of("\r\n");
  hl7::Hl7Reading r = hl7::ReadHl7Message(
      kept.substr(0, eol == std::string_view::npos ? kept.size() : eol),
      options_);
  r.ack.error = hl7::Hl7Error{"100", "Segment sequence error", "MSH^1^1",
                              scan.problem + "; connection closed", false};
  r.message.reset();
  DecodedFrame frame;
  frame.submissions.push_back(
      hl7::Hl7Submission(r, kept, scan.announced, peer, now));
  frame.reply = std::make_unique<MllpReply>(std::move(r.ack));
  return frame;
}

}  // namespace iraed::net
