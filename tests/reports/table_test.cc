#include "reports/table.h"

#include <gtest/gtest.h>

#include <limits>

#include "common/time_format.h"

namespace iraed::reports {
namespace {

Table Sample() {
  Table t;
  t.columns = {"id", "name", "note"};
  t.rows.push_back({Cell::Number(1), Cell::Text("a\"b\\c"), Cell::Null()});
  t.rows.push_back(
      {Cell::Number(22), Cell::Text("line\nbreak"), Cell::Text("x")});
  return t;
}

TEST(TableTest, RendersAlignedTextWithNullsAsDash) {
  EXPECT_EQ(RenderText(Sample()),
            "id  name        note\n"
            "1   a\"b\\c       -\n"
            "22  line?break  x\n");
}

TEST(TableTest, RendersJsonWithEscapesAndNulls) {
  EXPECT_EQ(RenderJson(Sample()),
            "[\n  {\"id\": 1, \"name\": \"a\\\"b\\\\c\", \"note\": null},\n"
            "  {\"id\": 22, \"name\": \"line\\nbreak\", \"note\": \"x\"}\n]\n");
  EXPECT_EQ(RenderJson(Table{{"a"}, {}}), "[]\n");
}

TEST(TableTest, RendersJsonLinesOneObjectPerLine) {
  EXPECT_EQ(RenderJsonLines(Sample()),
            "{\"id\": 1, \"name\": \"a\\\"b\\\\c\", \"note\": null}\n"
            "{\"id\": 22, \"name\": \"line\\nbreak\", \"note\": \"x\"}\n");
  EXPECT_EQ(RenderJsonLines(Table{{"a"}, {}}), "");
}

TEST(TableTest, RealNumbersAreShortestAndNonFiniteIsNull) {
  EXPECT_EQ(Cell::Real(200).text, "200");
  EXPECT_EQ(Cell::Real(0.5).text, "0.5");
  EXPECT_EQ(Cell::Real(33.3).text, "33.3");
  EXPECT_EQ(Cell::Real(0.1 + 0.2).text, "0.30000000000000004");
  EXPECT_EQ(Cell::Real(std::numeric_limits<double>::infinity()).kind,
            Cell::Kind::kNull);
  Table t{{"dose"}, {{Cell::Real(2.5)}}};
  EXPECT_EQ(RenderJsonLines(t), "{\"dose\": 2.5}\n");
  EXPECT_EQ(RenderCsv(t), "dose\r\n2.5\r\n");
}

TEST(ReportsTest, FormatsUtcMilliseconds) {
  EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(1790000000123), "2026-09-21T14:13:20.123Z");
  EXPECT_EQ(FormatUtcMillis(-1), "1969-12-31T23:59:59.999Z");
}

TEST(TableTest, CsvQuotesWhatNeedsIt) {
  Table t;
  t.columns = {"a", "b,c"};
  t.rows = {{Cell::Text("plain"), Cell::Null()},
            {Cell::Text("say \"hi\""), Cell::Text("x,y\nz")},
            {Cell::Number(3), Cell::Text("")}};
  EXPECT_EQ(RenderCsv(t),
            "a,\"b,c\"\r\n"
            "plain,\r\n"
            "\"say \"\"hi\"\"\",\"x,y\nz\"\r\n"
            "3,\r\n");
}

// Rows written by an iraed before issue 11 can hold Latin-1 bytes: every
// rendering still writes valid UTF-8 (U+FFFD in their place).
TEST(TableTest, IllFormedBytesAreReplacedInEveryFormat) {
  Table t;
  t.columns = {"product"};
  t.rows = {{Cell::Text("Keytruda\xae")}};
  const std::string fffd = "\xef\xbf\xbd";
  EXPECT_EQ(RenderJson(t), "[\n  {\"product\": \"Keytruda" + fffd + "\"}\n]\n");
  EXPECT_EQ(RenderCsv(t), "product\r\nKeytruda" + fffd + "\r\n");
  EXPECT_EQ(RenderText(t), "product\nKeytruda" + fffd + "\n");
}

TEST(TableTest, CsvNeutralisesSpreadsheetFormulas) {
  Table t;
  t.columns = {"text", "number"};
  t.rows = {{Cell::Text("=HYPERLINK(\"http://x\")"), Cell::Number(-3)},
            {Cell::Text("+1"), Cell::Number(4)},
            {Cell::Text("-2"), Cell::Null()},
            {Cell::Text("@SUM(A1)"), Cell::Null()},
            {Cell::Text("\tx"), Cell::Null()},
            {Cell::Text("a=b"), Cell::Null()}};
  EXPECT_EQ(RenderCsv(t),
            "text,number\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",-3\r\n"
            "'+1,4\r\n"
            "'-2,\r\n"
            "'@SUM(A1),\r\n"
            "'\tx,\r\n"
            "a=b,\r\n");
}

}  // namespace
}  // namespace iraed::reports
