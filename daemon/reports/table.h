// File: reports/table.h
//
// A small result table that iraectl prints either for people (aligned
// columns) or for machines (JSON: an array of objects, one per row).
#ifndef IRAED_REPORTS_TABLE_H_
#define IRAED_REPORTS_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace iraed::reports {

struct Cell {
  enum class Kind { kNull, kText, kNumber };
  Kind kind = Kind::kNull;
  std::string text;  // for kNumber, the number as written

  static Cell Null() { return {}; }
  static Cell Text(std::string t) { return {Kind::kText, std::move(t)}; }
  static Cell Number(std::int64_t n) {
    return {Kind::kNumber, std::to_string(n)};
  }
  // The shortest decimal that reads back as `v` (200, 0.5, 2.4e-05).
  static Cell Real(double v);
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

// All three write valid UTF-8: ill-formed bytes in stored text (rows of an
// iraed before issue 11) show as U+FFFD.
//
// Aligned columns with a header line; NULL shows as "-". Control characters
// in text are shown as '?', so stored bytes cannot move the terminal.
std::string RenderText(const Table& t);
// A JSON array of objects, one row per line: [{"column":value,...},...];
// NULL is null, numbers are numbers.
std::string RenderJson(const Table& t);
// JSON Lines (jsonlines.org): one object per row and line, as RenderJson
// writes them, each line ending in LF; nothing for no rows.
std::string RenderJsonLines(const Table& t);
// RFC 4180 CSV with a header line, UTF-8 without a byte-order mark: fields
// with a comma, quote, CR or LF are quoted (quotes doubled); NULL is an
// empty field; lines end in CRLF. A text cell starting with =, +, -, @, tab
// or CR is prefixed with an apostrophe so that a spreadsheet does not run
// it as a formula (numbers are written as they are).
std::string RenderCsv(const Table& t);

}  // namespace iraed::reports

#endif  // IRAED_REPORTS_TABLE_H_
