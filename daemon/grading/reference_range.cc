#include "grading/reference_range.h"

#include <cctype>
#include <charconv>
#include <string>

namespace iraed::grading {
namespace {

void SkipSpaces(std::string_view& s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
}

// Reads a decimal number (optional sign) at the start of `s`.
std::optional<double> ReadNumber(std::string_view& s) {
  SkipSpaces(s);
  std::size_t n = 0;
  if (n < s.size() && (s[n] == '-' || s[n] == '+')) ++n;
  bool digits = false;
  while (n < s.size() &&
         (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '.')) {
    digits = digits || s[n] != '.';
    ++n;
  }
  if (!digits) return std::nullopt;
  std::string text(s.substr(s[0] == '+' ? 1 : 0, s[0] == '+' ? n - 1 : n));
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  s.remove_prefix(n);
  return v;
}

bool ConsumeSeparator(std::string_view& s) {
  SkipSpaces(s);
  for (std::string_view sep : {"to", "-", "_", "\xe2\x80\x93" /* en dash */}) {
    if (s.rfind(sep, 0) == 0) {
      s.remove_prefix(sep.size());
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Range> ParseRange(std::string_view text) {
  std::string_view s = text;
  SkipSpaces(s);
  Range r;
  if (!s.empty() && (s.front() == '<' || s.front() == '>')) {
    const bool upper = s.front() == '<';
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '=') s.remove_prefix(1);
    auto v = ReadNumber(s);
    SkipSpaces(s);
    if (!v || !s.empty()) return std::nullopt;
    (upper ? r.high : r.low) = *v;
    return r;
  }
  auto low = ReadNumber(s);
  if (!low || !ConsumeSeparator(s)) return std::nullopt;
  auto high = ReadNumber(s);
  SkipSpaces(s);
  if (!high || !s.empty() || *low > *high) return std::nullopt;
  r.low = *low;
  r.high = *high;
  return r;
}

}  // namespace iraed::grading
