// File: support/csv_rows.h
//
// Reads the CSV iraectl writes (RFC 4180: quoted fields, doubled quotes,
// CRLF) into rows keyed by the header's column names, so export tests check
// columns by name, not by position.
#ifndef IRAED_TESTS_SUPPORT_CSV_ROWS_H_
#define IRAED_TESTS_SUPPORT_CSV_ROWS_H_

#include <map>
#include <string>
#include <vector>

namespace iraed::testing {

using CsvRow = std::map<std::string, std::string>;

// The data rows of `text`; a field missing from a short row reads "".
std::vector<CsvRow> ParseCsvRows(const std::string& text);

// The rows whose columns hold every value of `match`.
std::vector<CsvRow> RowsWhere(const std::vector<CsvRow>& rows,
                              const CsvRow& match);

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_CSV_ROWS_H_
