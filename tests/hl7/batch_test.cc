// HL7 batches inside one frame: splitting and the response batch.
#include "hl7/batch.h"

#include <gtest/gtest.h>

namespace iraed::hl7 {
namespace {

const char kBatch[] =
    "FHS|^~\\&|LIS|LAB|IRAED|ONC|20260922\r"
    "BHS|^~\\&|LIS|LAB|IRAED|ONC|20260922||||B-7\r"
    "MSH|^~\\&|LIS|LAB|IRAED|ONC|20260922||ORU^R01|M1|P|2.5\r"
    "PID|1||1^^^H^MR\r"
    "OBX|1|NM|1742-6^ALT^LN||20|U/L|||||F\r"
    "MSH|^~\\&|LIS|LAB|IRAED|ONC|20260922||ORU^R01|M2|P|2.5\n"
    "PID|1||2^^^H^MR\n"
    "BTS|2\r"
    "BHS|^~\\&|LIS|LAB|IRAED|ONC|20260922||||B-8\r"
    "MSH|^~\\&|LIS|LAB|IRAED|ONC|20260922||ADT^A08|M3|P|2.5\r"
    "BTS|1\r"
    "FTS|2\r";

TEST(Hl7BatchTest, PlainMessageIsNotABatch) {
  EXPECT_FALSE(SplitBatch("MSH|^~\\&|A|B\rPID|1\r").has_value());
  EXPECT_FALSE(SplitBatch("").has_value());
}

TEST(Hl7BatchTest, SplitsEveryMessageOfEveryBatch) {
  auto b = SplitBatch(kBatch);
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->file);
  EXPECT_EQ(b->header.substr(0, 3), "FHS");
  ASSERT_EQ(b->messages.size(), 3u);
  EXPECT_EQ(b->messages[0].substr(0, 3), "MSH");
  EXPECT_NE(b->messages[0].find("|M1|"), std::string_view::npos);
  EXPECT_NE(b->messages[0].find("OBX|1"), std::string_view::npos);
  EXPECT_EQ(b->messages[0].find("|M2|"), std::string_view::npos);
  EXPECT_NE(b->messages[1].find("|M2|"), std::string_view::npos);
  EXPECT_EQ(b->messages[1].find("BTS"), std::string_view::npos);
  EXPECT_NE(b->messages[2].find("|M3|"), std::string_view::npos);
}

TEST(Hl7BatchTest, TruncatedBatchWithoutTrailersStillSplits) {
  auto b = SplitBatch(
      "\xEF\xBB\xBF"
      "BHS|^~\\&|A|B\r\nMSH|^~\\&|A|B|C|D|2026||ORM^O01|X|P|2.4\r\nPID|1");
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(b->file);
  ASSERT_EQ(b->messages.size(), 1u);
  EXPECT_NE(b->messages[0].find("PID|1"), std::string_view::npos);
}

TEST(Hl7BatchTest, EmptyBatchHasNoMessages) {
  auto b = SplitBatch("BHS|^~\\&|A|B\rBTS|0\r");
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->messages.empty());
  EXPECT_EQ(BatchResponse(*b, {}, "R1", 0).find("BTS|0\r"),
            BatchResponse(*b, {}, "R1", 0).size() - 6);
}

TEST(Hl7BatchTest, ResponseWrapsTheAcksWithSwappedHeader) {
  auto b = SplitBatch(kBatch);
  ASSERT_TRUE(b.has_value());
  const std::string out =
      BatchResponse(*b, {"MSH|a\rMSA|AA|M1\r", "MSH|b\rMSA|AE|M2\r"}, "R-1", 0);
  EXPECT_EQ(out.rfind("FHS|^~\\&|IRAED|ONC|LIS|LAB|", 0), 0u) << out;
  EXPECT_NE(out.find("\rBHS|^~\\&|IRAED|ONC|LIS|LAB|"), std::string::npos);
  // BHS-11 is the response's id, BHS-12 the sender's batch id.
  EXPECT_NE(out.find("||||R-1|\r"), std::string::npos) << out;
  EXPECT_NE(out.find("MSA|AA|M1\rMSH|b\rMSA|AE|M2\rBTS|2\rFTS|1\r"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace iraed::hl7
