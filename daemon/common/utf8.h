// File: common/utf8.h
//
// UTF-8 validity. Everything iraed stores as text and everything it writes
// as JSON or CSV is valid UTF-8 (issue 11): text that arrives otherwise is
// repaired here, and the repair is counted so that it is never silent.
#ifndef IRAED_COMMON_UTF8_H_
#define IRAED_COMMON_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iraed {

// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// `s` with every maximal ill-formed subsequence replaced by U+FFFD (the
// Unicode "best practice" of section 3.9, as WHATWG's decoder does); adds
// the number of replacements to `*replaced` when it is not null.
std::string ReplaceInvalidUtf8(std::string_view s,
                               std::size_t* replaced = nullptr);

// Repairs `s` in place; returns the number of replacements (0: unchanged).
std::size_t RepairUtf8(std::string& s);

}  // namespace iraed

#endif  // IRAED_COMMON_UTF8_H_
