#include "common/raw_text.h"

#include <algorithm>

namespace iraed {

RawLines RawMessageLines(std::string_view raw) {
  RawLines out;
  const bool text = std::none_of(raw.begin(), raw.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 && c != '\r' && c != '\n' && c != '\t';
  });
  if (text) {
    out.lines.emplace_back();
    for (const char c : raw) {
      if (c == '\r' || c == '\n') {
        out.lines.emplace_back();
      } else {
        out.lines.back() += c;
      }
    }
    return out;
  }
  out.hex = true;
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i % 32 == 0) out.lines.emplace_back();
    const auto b = static_cast<unsigned char>(raw[i]);
    out.lines.back() += kHex[b >> 4];
    out.lines.back() += kHex[b & 15];
  }
  return out;
}

}  // namespace iraed
