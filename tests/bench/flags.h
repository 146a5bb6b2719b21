// File: tests/bench/flags.h
//
// A minimal command-line parser for the benchmark tools: `--name value`,
// `--name=value` and bare boolean `--name`. Every flag is registered with a
// pointer that already holds its default, so the usage text shows defaults.
#ifndef IRAED_TESTS_BENCH_FLAGS_H_
#define IRAED_TESTS_BENCH_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iraed::bench {

class Flags {
 public:
  // `summary` is printed under the usage line of --help.
  Flags(std::string program, std::string summary);

  void Int(const std::string& name, std::int64_t* value, std::string help);
  void Double(const std::string& name, double* value, std::string help);
  void String(const std::string& name, std::string* value, std::string help);
  // Present means true; `--name=false` sets false.
  void Bool(const std::string& name, bool* value, std::string help);

  // Parses argv[1..]. Returns an exit status when the program must stop at
  // once: 0 after printing --help, 2 after printing an error. nullopt means
  // every value was stored and the program may run.
  std::optional<int> Parse(int argc, char** argv);

  std::string Usage() const;

 private:
  enum class Kind { kInt, kDouble, kString, kBool };
  struct Flag {
    std::string name;
    Kind kind;
    void* value;
    std::string help;
    std::string default_text;
  };
  const Flag* Find(const std::string& name) const;
  static bool Store(const Flag& f, const std::string& text);

  std::string program_;
  std::string summary_;
  std::vector<Flag> flags_;
};

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_FLAGS_H_
