#include "hl7/charset.h"

#include <iconv.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <utility>

#include "common/utf8.h"

namespace iraed::hl7 {
namespace {

// Upper-cased, spaces, '-' and '_' removed: "Unicode UTF-8" -> "UNICODEUTF8",
// "8859/1" -> "8859/1", "ISO-8859-1" -> "ISO88591".
std::string Fold(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out.push_back(
        static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

// Folded name -> (name to show, iconv name).
const std::array<std::pair<std::string_view, Charset>, 17>& Fixed() {
  static const std::array<std::pair<std::string_view, Charset>, 17> k = {{
      {"ASCII", {"ASCII", "ASCII"}},
      {"ISOIR6", {"ISO IR6", "ASCII"}},
      {"USASCII", {"ASCII", "ASCII"}},
      {"ISOIR100", {"8859/1", "ISO-8859-1"}},
      {"LATIN1", {"8859/1", "ISO-8859-1"}},
      {"UNICODEUTF8", {"UNICODE UTF-8", "UTF-8"}},
      {"UNICODE", {"UNICODE UTF-8", "UTF-8"}},
      {"UTF8", {"UNICODE UTF-8", "UTF-8"}},
      {"GB180302000", {"GB 18030-2000", "GB18030"}},
      {"GB18030", {"GB 18030-2000", "GB18030"}},
      {"KSX1001", {"KS X 1001", "EUC-KR"}},
      {"EUCKR", {"KS X 1001", "EUC-KR"}},
      {"CNS116431992", {"CNS 11643-1992", "EUC-TW"}},
      {"BIG5", {"BIG-5", "BIG5"}},
      {"WINDOWS1252", {"WINDOWS-1252", "CP1252"}},
      {"CP1252", {"WINDOWS-1252", "CP1252"}},
      {"WINLATIN1", {"WINDOWS-1252", "CP1252"}},
  }};
  return k;
}

// "8859/N" or "ISO8859N" (after folding) with N in 1..16 but 12.
std::optional<Charset> Iso8859(const std::string& folded) {
  std::string_view n;
  if (folded.rfind("8859/", 0) == 0) {
    n = std::string_view(folded).substr(5);
  } else if (folded.rfind("ISO8859", 0) == 0) {
    n = std::string_view(folded).substr(7);
  } else {
    return std::nullopt;
  }
  if (n.empty() || n.size() > 2 || n.front() == '0') return std::nullopt;
  int v = 0;
  for (char c : n) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1 || v > 16 || v == 12) return std::nullopt;  // 8859-12 never was
  return Charset{"8859/" + std::to_string(v), "ISO-8859-" + std::to_string(v)};
}

// Windows code pages 1250-1258 ("WINDOWS1250", "CP1251").
std::optional<Charset> WindowsCodePage(const std::string& folded) {
  std::string_view digits;
  if (folded.rfind("WINDOWS", 0) == 0)
    digits = std::string_view(folded).substr(7);
  if (folded.rfind("CP", 0) == 0) digits = std::string_view(folded).substr(2);
  if (digits.size() != 4 || digits.substr(0, 3) != "125" ||
      !std::isdigit(static_cast<unsigned char>(digits[3]))) {
    return std::nullopt;
  }
  return Charset{"WINDOWS-" + std::string(digits), "CP" + std::string(digits)};
}

// Converts with iconv, replacing what the charset does not define.
Utf8Text Iconv(std::string_view bytes, const std::string& from) {
  Utf8Text out;
  iconv_t cd = ::iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    // The converter is missing (a stripped C library): keep what is valid
    // UTF-8, replace the rest; the caller still counts it.
    out.text = ReplaceInvalidUtf8(bytes, &out.replaced);
    return out;
  }
  out.text.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char buffer[4096];
  while (in_left > 0) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    const std::size_t r = ::iconv(cd, &in, &in_left, &dst, &dst_left);
    out.text.append(buffer, sizeof buffer - dst_left);
    if (r != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;  // buffer full: go on
    // EILSEQ (not defined in the charset) or EINVAL (cut short at the end):
    // one replacement for the offending byte, then resume after it.
    out.text += kReplacementCharacter;
    ++out.replaced;
    ++in;
    --in_left;
    ::iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  }
  // Flush a stateful encoding's final shift sequence.
  char* dst = buffer;
  std::size_t dst_left = sizeof buffer;
  ::iconv(cd, nullptr, nullptr, &dst, &dst_left);
  out.text.append(buffer, sizeof buffer - dst_left);
  ::iconv_close(cd);
  return out;
}

}  // namespace

std::optional<Charset> FindCharset(std::string_view name) {
  const std::string folded = Fold(name);
  for (const auto& [key, charset] : Fixed()) {
    if (folded == key) return charset;
  }
  if (auto c = Iso8859(folded)) return c;
  return WindowsCodePage(folded);
}

bool IsAscii(std::string_view bytes) {
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

Utf8Text ToUtf8(std::string_view bytes, const Charset& charset) {
  Utf8Text out;
  if (charset.IsUtf8()) {
    // The Unicode replacement rule (common/utf8.h), without iconv.
    out.text = ReplaceInvalidUtf8(bytes, &out.replaced);
    return out;
  }
  if (charset.iconv == "ASCII") {
    out.text.reserve(bytes.size());
    for (char c : bytes) {
      if (static_cast<unsigned char>(c) < 0x80) {
        out.text.push_back(c);
      } else {
        out.text += kReplacementCharacter;
        ++out.replaced;
      }
    }
    return out;
  }
  if (IsAscii(bytes)) {
    out.text.assign(bytes);
    return out;
  }
  return Iconv(bytes, charset.iconv);
}

}  // namespace iraed::hl7
