#include "hl7/batch.h"

#include "hl7/er7.h"
#include "hl7/hl7_time.h"

namespace iraed::hl7 {
namespace {

std::string_view SegmentName(std::string_view line) {
  return line.substr(0, 3);
}

// The `n`-th field (1-based, header numbering: FHS-1 is the separator) of
// a header segment.
std::string_view HeaderField(std::string_view header, int n) {
  if (header.size() < 4) return {};
  const char sep = header[3];
  if (n == 1) return header.substr(3, 1);
  std::size_t start = 4;
  for (int i = 2; i < n; ++i) {
    const std::size_t at = header.find(sep, start);
    if (at == std::string_view::npos) return {};
    start = at + 1;
  }
  const std::size_t end = header.find(sep, start);
  return header.substr(start, end == std::string_view::npos
                                  ? std::string_view::npos
                                  : end - start);
}

}  // namespace

std::optional<Hl7Batch> SplitBatch(std::string_view payload) {
  payload = StripLeadingNoise(payload);
  const std::string_view first = SegmentName(payload);
  if (first != "FHS" && first != "BHS") return std::nullopt;
  Hl7Batch batch;
  batch.file = first == "FHS";
  std::size_t message_start = std::string_view::npos;
  std::size_t pos = 0;
  auto close_message = [&](std::size_t end) {
    if (message_start != std::string_view::npos) {
      batch.messages.push_back(
          payload.substr(message_start, end - message_start));
      message_start = std::string_view::npos;
    }
  };
  while (pos < payload.size()) {
    std::size_t stop = payload.find_first_of("\r\n", pos);
    if (stop == std::string_view::npos) stop = payload.size();
    const std::string_view line = payload.substr(pos, stop - pos);
    const std::string_view name = SegmentName(line);
    if (name == "FHS" || name == "BHS") {
      close_message(pos);
      if (batch.header.empty()) batch.header = line;
    } else if (name == "BTS" || name == "FTS") {
      close_message(pos);
    } else if (name == "MSH") {
      close_message(pos);
      message_start = pos;
    }
    pos = stop;
    while (pos < payload.size() &&
           (payload[pos] == '\r' || payload[pos] == '\n')) {
      ++pos;
    }
  }
  close_message(payload.size());
  return batch;
}

std::string BatchResponse(const Hl7Batch& batch,
                          const std::vector<std::string>& acks,
                          std::string_view control_id, UnixMillis now) {
  const std::string_view h = batch.header;
  const std::string sep(HeaderField(h, 1).empty() ? "|" : HeaderField(h, 1));
  const std::string encoding(HeaderField(h, 2).empty() ? "^~\\&"
                                                       : HeaderField(h, 2));
  // Sending and receiving swapped; the reference to the sender's batch id.
  auto header = [&](std::string_view name) {
    return std::string(name) + sep + encoding + sep +
           std::string(HeaderField(h, 5)) + sep +
           std::string(HeaderField(h, 6)) + sep +
           std::string(HeaderField(h, 3)) + sep +
           std::string(HeaderField(h, 4)) + sep + FormatHl7Time(now) + sep +
           sep + sep + sep + std::string(control_id) + sep +
           std::string(HeaderField(h, 11)) + "\r";
  };
  std::string out;
  if (batch.file) out += header("FHS");
  out += header("BHS");
  for (const std::string& ack : acks) out += ack;
  out += "BTS" + sep + std::to_string(acks.size()) + "\r";
  if (batch.file) out += "FTS" + sep + "1\r";
  return out;
}

}  // namespace iraed::hl7
