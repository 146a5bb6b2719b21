// File: console/report_table.h
//
// A report (reports/table.h) as an HTML table for the console's role pages:
// the columns asked for, a header cell per column, NULL shown as a dash,
// every cell escaped. Pure.
#ifndef IRAED_CONSOLE_REPORT_TABLE_H_
#define IRAED_CONSOLE_REPORT_TABLE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/table.h"

namespace iraed::console {

struct ReportTableView {
  std::string caption;
  // Names of the table's columns to show, in this order; empty: all. A
  // name the table lacks is skipped.
  std::vector<std::string> columns;
  // At most this many rows; the caption then says how many were left out.
  std::size_t max_rows = 200;
  // What a table without rows says instead.
  std::string empty = "None.";
  // Optional: a cell's HTML (already escaped) for a column, given the row;
  // "" falls back to the escaped text.
  std::function<std::string(const std::string& column,
                            const std::vector<reports::Cell>& row,
                            const std::vector<std::string>& columns)>
      cell_html;
};

std::string RenderReportTable(const reports::Table& table,
                              const ReportTableView& view);

// The text of `row`'s cell in `column` ("" for NULL or a column `columns`
// lacks).
std::string CellText(const std::vector<reports::Cell>& row,
                     const std::vector<std::string>& columns,
                     std::string_view column);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_REPORT_TABLE_H_
