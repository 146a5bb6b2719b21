#include "common/time_format.h"

#include <gtest/gtest.h>

namespace iraed {
namespace {

TEST(TimeFormatTest, ParsesTheThreeCommandLineShapes) {
  EXPECT_EQ(ParseUtcMillis("1970-01-01"), 0);
  EXPECT_EQ(ParseUtcMillis("2026-09-01"), 1788220800000);
  EXPECT_EQ(ParseUtcMillis("2026-09-01T12:30:05Z"), 1788265805000);
  EXPECT_EQ(ParseUtcMillis("2026-09-01T12:30:05.123Z"), 1788265805123);
}

TEST(TimeFormatTest, IsTheInverseOfFormat) {
  for (UnixMillis ms : {0LL, 1788265805123LL, 951782400999LL}) {
    EXPECT_EQ(ParseUtcMillis(FormatUtcMillis(ms)), ms) << ms;
  }
}

TEST(TimeFormatTest, RefusesAnythingElse) {
  for (const char* bad :
       {"", "yesterday", "2026-9-01", "2026-02-30", "2026-13-01",
        "2026-09-01T24:00:00Z", "2026-09-01T12:60:00Z", "2026-09-01T12:30:05",
        "2026-09-01T12:30:05+01:00", "2026-09-01 12:30:05Z",
        "2026-09-01T12:30:05.12Z", "2026-09-01T12:30:05.1234Z", "2026-09-01x",
        "2026-09-01T12:30:05,123Z"}) {
    EXPECT_EQ(ParseUtcMillis(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace iraed
