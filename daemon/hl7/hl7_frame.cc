#include "hl7/hl7_frame.h"

namespace iraed::hl7 {

model::Submission Hl7Submission(const Hl7Reading& r, std::string_view raw,
                                std::uint64_t raw_size, const std::string& peer,
                                UnixMillis now) {
  model::Submission s;
  s.protocol = "hl7v2";
  s.peer = peer;
  s.received_at = now;
  s.raw.assign(raw.data(), raw.size());
  s.raw_size = raw_size;
  s.message_id = r.message_id;
  s.source = r.source;
  s.body_kind = r.body_kind;
  s.sent_at = r.sent_at;
  if (r.ack.error) {
    s.rejection = Status::InvalidArgument(
        r.ack.error->code + " " + r.ack.error->code_text + " at " +
        r.ack.error->location + ": " + r.ack.error->text);
  } else {
    s.message = r.message;
  }
  return s;
}

Hl7Frame ReadHl7Frame(std::string_view payload, const std::string& peer,
                      UnixMillis now, const Hl7Options& options) {
  Hl7Frame frame;
  frame.batch = SplitBatch(payload);
  // Every message of a batch is filed on its own, raw.
  const std::vector<std::string_view> messages =
      frame.batch ? frame.batch->messages
                  : std::vector<std::string_view>{payload};
  for (std::string_view message : messages) {
    Hl7Reading r = ReadHl7Message(message, options);
    frame.submissions.push_back(
        Hl7Submission(r, message, message.size(), peer, now));
    frame.acks.push_back(std::move(r.ack));
  }
  return frame;
}

}  // namespace iraed::hl7
