#include "reports/table.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/json.h"
#include "common/utf8.h"

namespace iraed::reports {
namespace {

std::string Printable(const Cell& c) {
  if (c.kind == Cell::Kind::kNull) return "-";
  std::string out = ReplaceInvalidUtf8(c.text);
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

Cell Cell::Real(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc() || !std::isfinite(v)) return Cell::Null();
  return {Kind::kNumber, std::string(buf, end)};
}

namespace {

// `"column": value` pairs separated by ", " (the layout iraectl has always
// printed), each key and value written by the JSON library.
std::string JsonObject(const Table& t, const std::vector<Cell>& row) {
  std::string out = "{";
  for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
    const Cell& c = row[i];
    Json value;  // null
    if (c.kind == Cell::Kind::kText) value = c.text;
    if (c.kind == Cell::Kind::kNumber) {
      auto n = ParseJson(c.text);
      value = n.ok() && n->is_number() ? *n : Json(c.text);
    }
    out +=
        (i > 0 ? ", " : "") + DumpJson(t.columns[i]) + ": " + DumpJson(value);
  }
  return out + "}";
}

}  // namespace

std::string RenderJson(const Table& t) {
  std::string out = "[";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += (r == 0 ? "\n  " : ",\n  ") + JsonObject(t, t.rows[r]);
  }
  return out + (t.rows.empty() ? "]\n" : "\n]\n");
}

std::string RenderJsonLines(const Table& t) {
  std::string out;
  for (const auto& row : t.rows) out += JsonObject(t, row) + "\n";
  return out;
}

namespace {

// A text cell a spreadsheet would run as a formula (=, +, -, @, and tab or
// CR, which some spreadsheets strip before looking: OWASP "CSV injection")
// gets a leading apostrophe, so that it shows as the text it is.
std::string NeutraliseFormula(std::string v) {
  if (!v.empty() &&
      std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) {
    v.insert(v.begin(), '\'');
  }
  return v;
}

std::string CsvField(const std::string& raw) {
  std::string v = ReplaceInvalidUtf8(raw);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvCell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kNull:
      return "";
    case Cell::Kind::kNumber:
      return CsvField(c.text);
    case Cell::Kind::kText:
      return CsvField(NeutraliseFormula(c.text));
  }
  return "";
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
      out += CsvCell(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace iraed::reports
