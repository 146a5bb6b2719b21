#include "bench/flags.h"

#include <charconv>
#include <cstdio>
#include <sstream>

namespace iraed::bench {

Flags::Flags(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {}

void Flags::Int(const std::string& name, std::int64_t* value,
                std::string help) {
  flags_.push_back(
      {name, Kind::kInt, value, std::move(help), std::to_string(*value)});
}

void Flags::Double(const std::string& name, double* value, std::string help) {
  std::ostringstream d;
  d << *value;
  flags_.push_back({name, Kind::kDouble, value, std::move(help), d.str()});
}

void Flags::String(const std::string& name, std::string* value,
                   std::string help) {
  flags_.push_back({name, Kind::kString, value, std::move(help), *value});
}

void Flags::Bool(const std::string& name, bool* value, std::string help) {
  flags_.push_back(
      {name, Kind::kBool, value, std::move(help), *value ? "true" : "false"});
}

const Flags::Flag* Flags::Find(const std::string& name) const {
  for (const Flag& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool Flags::Store(const Flag& f, const std::string& text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  switch (f.kind) {
    case Kind::kInt: {
      auto* out = static_cast<std::int64_t*>(f.value);
      auto [ptr, ec] = std::from_chars(first, last, *out);
      return ec == std::errc() && ptr == last;
    }
    case Kind::kDouble: {
      auto* out = static_cast<double*>(f.value);
      auto [ptr, ec] = std::from_chars(first, last, *out);
      return ec == std::errc() && ptr == last;
    }
    case Kind::kString:
      *static_cast<std::string*>(f.value) = text;
      return true;
    case Kind::kBool:
      if (text == "true" || text == "1") {
        *static_cast<bool*>(f.value) = true;
        return true;
      }
      if (text == "false" || text == "0") {
        *static_cast<bool*>(f.value) = false;
        return true;
      }
      return false;
  }
  return false;
}

std::optional<int> Flags::Parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(Usage().c_str(), stdout);
      return 0;
    }
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg.resize(eq);
    }
    const Flag* f = arg.rfind("--", 0) == 0 ? Find(arg.substr(2)) : nullptr;
    if (f == nullptr) {
      std::fprintf(stderr, "%s: unknown argument '%s' (see --help)\n",
                   program_.c_str(), arg.c_str());
      return 2;
    }
    std::string text;
    if (inline_value) {
      text = *inline_value;
    } else if (f->kind == Kind::kBool) {
      text = "true";
    } else if (i + 1 < argc) {
      text = argv[++i];
    } else {
      std::fprintf(stderr, "%s: %s needs a value\n", program_.c_str(),
                   arg.c_str());
      return 2;
    }
    if (!Store(*f, text)) {
      std::fprintf(stderr, "%s: bad value '%s' for %s\n", program_.c_str(),
                   text.c_str(), arg.c_str());
      return 2;
    }
  }
  return std::nullopt;
}

std::string Flags::Usage() const {
  std::string out =
      "Usage: " + program_ + " [OPTIONS]\n\n" + summary_ + "\n\nOptions:\n";
  for (const Flag& f : flags_) {
    out += "  --" + f.name;
    if (f.kind != Kind::kBool) out += " VALUE";
    out += "\n      " + f.help + " (default: " +
           (f.default_text.empty() ? std::string("none") : f.default_text) +
           ")\n";
  }
  return out;
}

}  // namespace iraed::bench
