// File: hl7/er7.h
//
// HL7 v2 messages in ER7 ("pipe") encoding, read leniently the way real
// feeds write them (hl7-mllp.md section 3). Pure; never reads out of bounds.
//
//   - Delimiters come from each message: MSH-1 (field) and MSH-2
//     (component, repetition, escape, subcomponent), also non-default ones,
//     the three-character form (no subcomponent separator) and the doubled
//     escape a buggy exporter writes ("^~\\&").
//   - Segments end at CR, LF or CRLF; blank segments are dropped; a leading
//     UTF-8 byte-order mark and a missing final terminator are accepted.
//   - Splitting happens first, escape sequences are decoded afterwards, per
//     leaf value (Decode): \F\ \S\ \T\ \R\ \E\, \Xhh..\ (hex bytes; NUL
//     bytes dropped, so the \X000d\ some labs send is a CR), \.br\ and
//     \.sp\ become a line feed, \H\ \N\ and the other formatting commands
//     are dropped, character-set switches (\C..\ \M..\ \Z..\) are kept as
//     sent; an unterminated escape is kept literally.
//   - `""` is the explicit HL7 null (IsNull); an omitted field is "".
//   - Field numbers follow the standard: MSH-1 is the field separator,
//     MSH-2 the encoding characters, MSH-3 the sending application.
#ifndef IRAED_HL7_ER7_H_
#define IRAED_HL7_ER7_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "hl7/charset.h"

namespace iraed::hl7 {

struct Delimiters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';       // '\0' when the message declares none
  char subcomponent = '&';  // '\0' when the message declares none
  // MSH-2 exactly as the sender wrote it (echoed in acknowledgements).
  std::string encoding_characters = "^~\\&";
};

struct Segment {
  std::string_view name;  // "MSH", "PID", "ZXY"
  // parts[0] is the name; for MSH parts[1] is MSH-2 (MSH-1 is implicit).
  std::vector<std::string_view> parts;
};

class Er7Message {
 public:
  // Reads one message. Fails (with a reason for the sender) only when the
  // text does not start with an MSH segment carrying usable delimiters.
  static Result<Er7Message> Parse(std::string_view raw);

  const Delimiters& delimiters() const { return delimiters_; }
  const std::vector<Segment>& segments() const { return segments_; }
  // The first segment named `name`, or nullptr.
  const Segment* Find(std::string_view name) const;
  const Segment& msh() const { return segments_.front(); }

  // Field `n` (1-based, standard numbering) of `s`, still escaped; "" when
  // absent.
  std::string_view Field(const Segment& s, int n) const;
  // Repetitions of an escaped field ("" gives one empty repetition).
  std::vector<std::string_view> Repetitions(std::string_view field) const;
  // The first repetition of a field (no allocation).
  std::string_view FirstRepetition(std::string_view field) const;
  // Component `c` (1-based) of one repetition, and subcomponent `sc`
  // (1-based) of it; still escaped; "" when absent.
  std::string_view Component(std::string_view repetition, int c) const;
  std::string_view Subcomponent(std::string_view component, int sc) const;
  // Decoded value of field n, repetition r (0-based), component c,
  // subcomponent sc. The explicit null `""` reads as "".
  std::string Value(const Segment& s, int n, int c = 1, int sc = 1,
                    int r = 0) const;
  // Escape sequences decoded (see above). Bytes of a \X..\ escape are in
  // the message's character set: converted to UTF-8 when one was set.
  std::string Decode(std::string_view escaped) const;
  // The character set of the message's bytes, for \X..\ escapes (the text
  // itself is converted before parsing). Default: UTF-8.
  void UseCharset(Charset charset) { charset_ = std::move(charset); }
  // Bytes of \X..\ escapes that were not valid in the message's charset
  // and were replaced by U+FFFD in Decode() so far.
  std::size_t escape_replacements() const { return escape_replacements_; }
  static bool IsNull(std::string_view raw) { return raw == "\"\""; }

 private:
  Er7Message() = default;
  std::unique_ptr<std::string> text_;  // segments point into it
  Delimiters delimiters_;
  std::vector<Segment> segments_;
  Charset charset_{"UNICODE UTF-8", "UTF-8"};
  mutable std::size_t escape_replacements_ = 0;
};

// A byte-order mark and any whitespace before the first segment removed.
std::string_view StripLeadingNoise(std::string_view raw);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_ER7_H_
