#include "ctl/table.h"

#include <algorithm>

#include "common/json.h"

namespace iraed::ctl {
namespace {

std::string Printable(const Cell& c) {
  if (c.kind == Cell::Kind::kNull) return "-";
  std::string out = c.text;
  for (char& ch : out) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
  }
  return out;
}

// Display width: counts UTF-8 lead bytes only.
std::size_t Width(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  });
}

}  // namespace

std::string RenderText(const Table& t) {
  std::vector<std::size_t> widths;
  for (const auto& c : t.columns) widths.push_back(Width(c));
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : t.rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line.push_back(Printable(row[i]));
      widths[i] = std::max(widths[i], Width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto emit = [&widths](const std::vector<std::string>& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
      out += line[i];
      if (i + 1 < line.size()) out.append(widths[i] - Width(line[i]) + 2, ' ');
    }
    return out + "\n";
  };
  std::string out = emit(t.columns);
  for (const auto& line : cells) out += emit(line);
  return out;
}

std::string RenderJson(const Table& t) {
  std::string out = "[";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += r == 0 ? "\n  {" : ",\n  {";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i > 0) out += ", ";
      out += JsonQuote(t.columns[i]) + ": ";
      const Cell& c = t.rows[r][i];
      switch (c.kind) {
        case Cell::Kind::kNull:
          out += "null";
          break;
        case Cell::Kind::kNumber:
          out += c.text;
          break;
        case Cell::Kind::kText:
          out += JsonQuote(c.text);
          break;
      }
    }
    out += "}";
  }
  return out + (t.rows.empty() ? "]\n" : "\n]\n");
}

namespace {

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string RenderCsv(const Table& t) {
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    out += (i > 0 ? "," : "") + CsvField(t.columns[i]);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ",";
      if (row[i].kind != Cell::Kind::kNull) out += CsvField(row[i].text);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace iraed::ctl
