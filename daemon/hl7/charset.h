// File: hl7/charset.h
//
// The character set of an HL7 v2 message (MSH-18, HL7 table 0211) and the
// conversion of its text to UTF-8, the only encoding iraed stores
// (hl7-mllp.md section 3.5). Conversion uses the C library's iconv (glibc's
// converters ship with libc6 on every Debian system).
//
// Recognised MSH-18 values (case and spacing ignored):
//   ASCII, ISO IR6                 US-ASCII (bytes above 0x7F are invalid)
//   8859/1 ... 8859/16, ISO IR100  ISO-8859-n (8859/1 also "ISO IR100")
//   UNICODE UTF-8, UNICODE, UTF-8  UTF-8
//   GB 18030-2000, KS X 1001, CNS 11643-1992, BIG-5
//                                  GB18030, EUC-KR, EUC-TW, BIG5
// and the spellings real senders use instead: ISO-8859-1, LATIN1, UTF8,
// WINDOWS-1252 / CP1252 (and the other Windows code pages 1250-1258).
// Character sets that ER7 framing cannot carry byte-wise (UTF-16, UTF-32)
// or that need ISO 2022 switching (ISO IR87, ISO IR159, ISO IR14) are not
// recognised: the reader then uses the site default and says so.
#ifndef IRAED_HL7_CHARSET_H_
#define IRAED_HL7_CHARSET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iraed::hl7 {

// A character set iraed can read: the name to show people (the HL7 name
// where there is one) and the iconv name.
struct Charset {
  std::string name;   // "8859/1", "UNICODE UTF-8", "WINDOWS-1252"
  std::string iconv;  // "ISO-8859-1", "UTF-8", "CP1252"
  bool IsUtf8() const { return iconv == "UTF-8"; }
};

// The character set an MSH-18 value (or a configured default) names;
// nullopt when it is not one iraed reads.
std::optional<Charset> FindCharset(std::string_view name);

struct Utf8Text {
  std::string text;          // valid UTF-8
  std::size_t replaced = 0;  // sequences invalid in the charset, now U+FFFD
};

// `bytes` in `charset` as UTF-8. Every byte sequence the character set
// does not define is replaced by U+FFFD and counted; nothing is dropped.
Utf8Text ToUtf8(std::string_view bytes, const Charset& charset);

// True when every byte is below 0x80 (the same text in every charset
// iraed reads).
bool IsAscii(std::string_view bytes);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_CHARSET_H_
