#include "hl7/er7.h"

#include <cctype>

namespace iraed::hl7 {
namespace {

bool IsSegmentName(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!std::isupper(u) && !std::isdigit(u)) return false;
  }
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// The `index`-th (0-based) piece of `s` split on `sep`, or "".
std::string_view Nth(std::string_view s, char sep, int index) {
  if (index < 0) return {};
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) return {};
    start = at + 1;
  }
  const std::size_t end = s.find(sep, start);
  return s.substr(start, end == std::string_view::npos ? std::string_view::npos
                                                       : end - start);
}

}  // namespace

std::string_view StripLeadingNoise(std::string_view raw) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  while (!raw.empty() &&
         (raw.front() == '\r' || raw.front() == '\n' || raw.front() == ' ' ||
          raw.front() == '\t' || raw.front() == '\0')) {
    raw.remove_prefix(1);
  }
  return raw;
}

namespace {

// MSH-1 and MSH-2 of `raw` (which starts with "MSH"), checked: usable,
// distinct, not letters or digits.
Result<Delimiters> ReadDelimiters(std::string_view raw) {
  Delimiters d;
  d.field = raw[3];
  const unsigned char f = static_cast<unsigned char>(d.field);
  if (std::isalnum(f) || d.field == '\r' || d.field == '\n' || d.field == ' ') {
    return Status::InvalidArgument("MSH-1: field separator is not usable");
  }
  // MSH-2 runs to the next field separator (or the end of the segment).
  std::size_t end = 4;
  while (end < raw.size() && raw[end] != d.field && raw[end] != '\r' &&
         raw[end] != '\n') {
    ++end;
  }
  std::string enc(raw.substr(4, end - 4));
  d.encoding_characters = enc;
  // A doubled escape written by a buggy exporter: "^~\\&" means "^~\&".
  if (enc.size() == 5 && enc[2] == enc[3]) enc.erase(3, 1);
  if (enc.size() < 2 || enc.size() > 5) {
    return Status::InvalidArgument(
        "MSH-2: encoding characters must be 2 to 5 characters");
  }
  d.component = enc[0];
  d.repetition = enc[1];
  d.escape = enc.size() >= 3 ? enc[2] : '\0';
  d.subcomponent = enc.size() >= 4 ? enc[3] : '\0';
  for (char c : enc.substr(0, 4)) {
    if (c == d.field || std::isalnum(static_cast<unsigned char>(c))) {
      return Status::InvalidArgument(
          "MSH-2: encoding characters clash with the field separator or are "
          "letters or digits");
    }
  }
  if (d.component == d.repetition ||
      (d.escape != '\0' &&
       (d.escape == d.component || d.escape == d.repetition)) ||
      (d.subcomponent != '\0' &&
       (d.subcomponent == d.component || d.subcomponent == d.repetition ||
        d.subcomponent == d.escape))) {
    return Status::InvalidArgument("MSH-2: encoding characters repeat");
  }
  return d;
}

}  // namespace

Result<Er7Message> Er7Message::Parse(std::string_view raw) {
  raw = StripLeadingNoise(raw);
  if (raw.size() < 8 || raw.substr(0, 3) != "MSH") {
    return Status::InvalidArgument(
        "message does not start with an MSH segment");
  }
  Er7Message m;
  ASSIGN_OR_RETURN(m.delimiters_, ReadDelimiters(raw));
  const Delimiters& d = m.delimiters_;

  // Own the text; segments end at CR, LF or CRLF; blank ones are dropped.
  m.text_ = std::make_unique<std::string>(raw);
  std::string_view text(*m.text_);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t stop = pos;
    while (stop < text.size() && text[stop] != '\r' && text[stop] != '\n') {
      ++stop;
    }
    std::string_view line = text.substr(pos, stop - pos);
    pos = stop;
    while (pos < text.size() && (text[pos] == '\r' || text[pos] == '\n')) {
      ++pos;
    }
    // Trailing spaces and tabs, and lines made of them, are noise.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    Segment s;
    s.parts = Split(line, d.field);
    s.name = s.parts.front();
    if (m.segments_.empty()) {
      // MSH: parts[1] is MSH-2 as written; MSH-1 is implicit.
      s.name = "MSH";
    } else if (!IsSegmentName(s.name)) {
      // Not a segment: a line break inside a value. Kept with the segment
      // before, as the sender's (broken) continuation of its last field.
      Segment& prev = m.segments_.back();
      const char* base = m.text_->data();
      const std::size_t prev_begin =
          static_cast<std::size_t>(prev.parts.front().data() - base);
      const std::size_t line_end =
          static_cast<std::size_t>(line.data() - base) + line.size();
      std::string_view joined =
          std::string_view(*m.text_).substr(prev_begin, line_end - prev_begin);
      prev.parts = Split(joined, d.field);
      prev.name = prev.parts.front().substr(0, 3);
      continue;
    }
    m.segments_.push_back(std::move(s));
  }
  return m;
}

const Segment* Er7Message::Find(std::string_view name) const {
  for (const Segment& s : segments_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string_view Er7Message::Field(const Segment& s, int n) const {
  if (n < 1) return {};
  if (s.name == "MSH" && &s == &segments_.front()) {
    if (n == 1) return std::string_view(&delimiters_.field, 1);
    n -= 1;  // MSH-2 is parts[1]
  }
  if (static_cast<std::size_t>(n) >= s.parts.size()) return {};
  return s.parts[static_cast<std::size_t>(n)];
}

std::vector<std::string_view> Er7Message::Repetitions(
    std::string_view field) const {
  return Split(field, delimiters_.repetition);
}

std::string_view Er7Message::FirstRepetition(std::string_view field) const {
  return field.substr(0, field.find(delimiters_.repetition));
}

std::string_view Er7Message::Component(std::string_view repetition,
                                       int c) const {
  return Nth(repetition, delimiters_.component, c - 1);
}

std::string_view Er7Message::Subcomponent(std::string_view component,
                                          int sc) const {
  if (delimiters_.subcomponent == '\0') {
    return sc == 1 ? component : std::string_view();
  }
  return Nth(component, delimiters_.subcomponent, sc - 1);
}

std::string Er7Message::Value(const Segment& s, int n, int c, int sc,
                              int r) const {
  const std::string_view field = Field(s, n);
  if (IsNull(field)) return "";
  if (s.name == "MSH" && n <= 2) return std::string(field);
  const std::string_view rep = Nth(field, delimiters_.repetition, r);
  const std::string_view leaf = Subcomponent(Component(rep, c), sc);
  if (IsNull(leaf)) return "";
  return Decode(leaf);
}

std::string Er7Message::Decode(std::string_view in) const {
  const char esc = delimiters_.escape;
  if (esc == '\0' || in.find(esc) == std::string_view::npos) {
    return std::string(in);
  }
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    if (in[i] != esc) {
      out.push_back(in[i++]);
      continue;
    }
    const std::size_t close = in.find(esc, i + 1);
    if (close == std::string_view::npos || close == i + 1) {
      out.push_back(in[i++]);  // unterminated or empty: literal
      continue;
    }
    const std::string_view body = in.substr(i + 1, close - i - 1);
    const char code = body.front();
    bool known = true;
    if (body.size() == 1) {
      switch (code) {
        case 'F':
          out.push_back(delimiters_.field);
          break;
        case 'S':
          out.push_back(delimiters_.component);
          break;
        case 'T':
          if (delimiters_.subcomponent != '\0') {
            out.push_back(delimiters_.subcomponent);
          } else {
            known = false;
          }
          break;
        case 'R':
          out.push_back(delimiters_.repetition);
          break;
        case 'E':
          out.push_back(esc);
          break;
        case 'H':
        case 'N':
          break;  // highlighting on/off: formatting only
        default:
          known = false;
      }
    } else if (code == 'X') {
      std::string hex(body.substr(1));
      if (hex.size() % 2 == 1) hex.insert(hex.begin(), '0');
      std::string bytes;
      for (std::size_t h = 0; h + 1 < hex.size() && known; h += 2) {
        const int hi = HexDigit(hex[h]);
        const int lo = HexDigit(hex[h + 1]);
        if (hi < 0 || lo < 0) {
          known = false;
        } else if (hi != 0 || lo != 0) {
          bytes.push_back(static_cast<char>(hi * 16 + lo));
        }
      }
      if (known) {
        if (charset_.IsUtf8()) {
          out += bytes;  // checked with every stored text (RepairText)
        } else {
          Utf8Text text = ToUtf8(bytes, charset_);
          escape_replacements_ += text.replaced;
          out += text.text;
        }
      }
    } else if (code == '.') {
      if (body == ".br" || body.substr(0, 3) == ".sp") out.push_back('\n');
      // .fi .nf .in .ti .sk .ce: formatting only
    } else {
      known = false;  // \C..\ \M..\ \Z..\ and anything else: as sent
    }
    if (!known) out.append(in.substr(i, close - i + 1));
    i = close + 1;
  }
  return out;
}

}  // namespace iraed::hl7
