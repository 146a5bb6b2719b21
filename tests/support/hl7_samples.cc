#include "support/hl7_samples.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace iraed::testing {

namespace fs = std::filesystem;

fs::path SampleDir() {
  return fs::path(IRAED_SOURCE_DIR "/../shared/samples/hl7");
}

std::vector<std::string> SampleFiles() {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(SampleDir(), ec)) return out;
  for (const auto& e : fs::directory_iterator(SampleDir(), ec)) {
    if (e.is_regular_file() && e.path().extension() == ".hl7") {
      out.push_back(e.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadSample(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Messages of a file: a message starts at a line beginning with "MSH";
// batch envelope lines (FHS BHS BTS FTS) and anything before the first MSH
// are dropped. Lines keep their original terminators (CR, LF, CRLF).
std::vector<std::string> SplitMessages(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::string> out;
  std::size_t pos = 0;
  bool in_message = false;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string::npos) {
      end = text.size();
    } else if (text[end] == '\r' && end + 1 < text.size() &&
               text[end + 1] == '\n') {
      end += 2;
    } else {
      end += 1;
    }
    const std::string_view line = std::string_view(text).substr(pos, end - pos);
    pos = end;
    const std::string_view head = line.substr(0, 3);
    if (head == "MSH") {
      out.emplace_back(line);
      in_message = true;
    } else if (head == "FHS" || head == "BHS" || head == "BTS" ||
               head == "FTS") {
      in_message = false;
    } else if (in_message) {
      out.back().append(line);
    }
  }
  return out;
}

// MSH-n read straight from the first line, independently of the parser
// under test: split on the character after "MSH" (so MSH-n is part n-1).
std::string MshField(std::string_view message, int n) {
  const std::size_t eol = message.find_first_of("\r\n");
  const std::string_view line = message.substr(0, eol);
  if (line.size() < 4) return "";
  const char sep = line[3];
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = line.find(sep, start);
    parts.push_back(line.substr(start, at == std::string_view::npos
                                           ? std::string_view::npos
                                           : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  if (n < 2 || static_cast<std::size_t>(n - 1) >= parts.size()) return "";
  return std::string(parts[static_cast<std::size_t>(n - 1)]);
}

std::pair<std::string, std::string> MessageType(std::string_view message) {
  const std::string msh9 = MshField(message, 9);
  const std::string msh2 = MshField(message, 2);
  const char component = msh2.empty() ? '^' : msh2[0];
  const std::size_t at = msh9.find(component);
  if (at == std::string::npos) return {msh9, ""};
  const std::size_t at2 = msh9.find(component, at + 1);
  return {msh9.substr(0, at),
          msh9.substr(at + 1, at2 == std::string::npos ? std::string::npos
                                                       : at2 - at - 1)};
}

}  // namespace iraed::testing
