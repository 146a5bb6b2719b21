#include "support/csv_rows.h"

namespace iraed::testing {
namespace {

std::vector<std::vector<std::string>> Records(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      out.push_back(std::move(record));
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace

std::vector<CsvRow> ParseCsvRows(const std::string& text) {
  const auto records = Records(text);
  std::vector<CsvRow> rows;
  if (records.empty()) return rows;
  const std::vector<std::string>& header = records.front();
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRow row;
    for (std::size_t i = 0; i < header.size(); ++i) {
      row[header[i]] = i < records[r].size() ? records[r][i] : "";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CsvRow> RowsWhere(const std::vector<CsvRow>& rows,
                              const CsvRow& match) {
  std::vector<CsvRow> out;
  for (const CsvRow& row : rows) {
    bool all = true;
    for (const auto& [column, value] : match) {
      auto it = row.find(column);
      if (it == row.end() || it->second != value) all = false;
    }
    if (all) out.push_back(row);
  }
  return out;
}

}  // namespace iraed::testing
