#include "common/utf8.h"

namespace iraed {
namespace {

// The length of the well-formed sequence at `s[i]`, or 0 when it is
// ill-formed; `*consumed` is then the length of the maximal ill-formed
// subsequence to replace by one U+FFFD (Unicode 15, table 3-7).
std::size_t SequenceAt(std::string_view s, std::size_t i,
                       std::size_t* consumed) {
  const auto b = [&s](std::size_t k) {
    return static_cast<unsigned char>(s[k]);
  };
  const unsigned char c = b(i);
  if (c < 0x80) return *consumed = 1;
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *consumed = 1;
    return 0;
  }
  std::size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    const unsigned char x = b(i + k);
    const unsigned char low = k == 1 ? lo : 0x80;
    const unsigned char high = k == 1 ? hi : 0xBF;
    if (x < low || x > high) break;
  }
  if (k == need + 1) return *consumed = need + 1;
  *consumed = k;  // the lead byte and the valid continuation bytes seen
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t consumed = 0;
    if (SequenceAt(s, i, &consumed) == 0) return false;
    i += consumed;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view s, std::size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t consumed = 0;
    if (SequenceAt(s, i, &consumed) == 0) {
      out += kReplacementCharacter;
      if (replaced) ++*replaced;
    } else {
      out.append(s.substr(i, consumed));
    }
    i += consumed;
  }
  return out;
}

std::size_t RepairUtf8(std::string& s) {
  if (IsValidUtf8(s)) return 0;
  std::size_t replaced = 0;
  s = ReplaceInvalidUtf8(s, &replaced);
  return replaced;
}

}  // namespace iraed
