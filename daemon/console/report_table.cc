#include "console/report_table.h"

#include <algorithm>

#include "console/html.h"

namespace iraed::console {

std::string CellText(const std::vector<reports::Cell>& row,
                     const std::vector<std::string>& columns,
                     std::string_view column) {
  const auto at = std::find(columns.begin(), columns.end(), column);
  if (at == columns.end()) return "";
  const auto i = static_cast<std::size_t>(at - columns.begin());
  return i < row.size() ? row[i].text : "";
}

std::string RenderReportTable(const reports::Table& table,
                              const ReportTableView& view) {
  std::vector<std::size_t> shown;
  const std::vector<std::string>& wanted =
      view.columns.empty() ? table.columns : view.columns;
  for (const std::string& name : wanted) {
    const auto at = std::find(table.columns.begin(), table.columns.end(), name);
    if (at != table.columns.end()) {
      shown.push_back(static_cast<std::size_t>(at - table.columns.begin()));
    }
  }
  std::string caption = Escape(view.caption);
  if (table.rows.size() > view.max_rows) {
    caption += " (the first " + std::to_string(view.max_rows) + " of " +
               std::to_string(table.rows.size()) + ")";
  }
  std::string html =
      "<div class=\"report\"><table class=\"report\">\n"
      "<caption>" +
      caption + "</caption>\n<thead><tr>";
  for (std::size_t i : shown) {
    html += "<th scope=\"col\">" + Escape(table.columns[i]) + "</th>";
  }
  html += "</tr></thead>\n<tbody>\n";
  if (table.rows.empty()) {
    html += "<tr class=\"none\"><td colspan=\"" +
            std::to_string(std::max<std::size_t>(shown.size(), 1)) + "\">" +
            Escape(view.empty) + "</td></tr>\n";
  }
  const std::size_t rows = std::min(table.rows.size(), view.max_rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::vector<reports::Cell>& row = table.rows[r];
    html += "<tr>";
    for (std::size_t i : shown) {
      const reports::Cell& cell = row[i];
      std::string content =
          view.cell_html ? view.cell_html(table.columns[i], row, table.columns)
                         : "";
      if (content.empty()) {
        content = cell.kind == reports::Cell::Kind::kNull
                      ? "<span class=\"muted\">–</span>"
                      : Escape(cell.text);
      }
      html += cell.kind == reports::Cell::Kind::kNumber
                  ? "<td class=\"number\">" + content + "</td>"
                  : "<td>" + content + "</td>";
    }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table></div>\n";
}

}  // namespace iraed::console
