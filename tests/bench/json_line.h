// File: tests/bench/json_line.h
//
// Builds one flat JSON object on one line, for the --json output that
// tests/bench/run parses. Keys and string values must not need escaping
// beyond quotes and backslashes (they are ours, not data).
#ifndef IRAED_TESTS_BENCH_JSON_LINE_H_
#define IRAED_TESTS_BENCH_JSON_LINE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace iraed::bench {

class JsonLine {
 public:
  JsonLine& Add(std::string_view key, std::string_view value);
  JsonLine& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  JsonLine& Add(std::string_view key, std::int64_t value);
  JsonLine& Add(std::string_view key, std::uint64_t value);
  JsonLine& Add(std::string_view key, int value) {
    return Add(key, static_cast<std::int64_t>(value));
  }
  // Printed with 3 decimals.
  JsonLine& Add(std::string_view key, double value);

  // "{...}" without a newline.
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_;
};

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_JSON_LINE_H_
