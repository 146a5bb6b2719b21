#include "hl7/hl7_reader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/time_format.h"
#include "hl7/hl7_time.h"

namespace iraed::hl7 {
namespace {

using model::ObservationBatch;
using model::PatientEvent;
using model::PatientEventKind;
using model::ResultStatus;

constexpr const char* kOruMsh =
    "MSH|^~\\&|LAB|HOSP|IRAED|SITE|20240315120000+0000||ORU^R01^ORU_R01|"
    "MSG-1|P|2.5.1";
constexpr const char* kPid =
    "PID|1||SSN1^^^SSA^SS~MRN7^^^HOSP&1.2.3&ISO^MR||DOE^JANE||19700101|F";
constexpr const char* kObr =
    "OBR|1|PL1^EHR|FILL9^LAB|57021-8^CBC^LN|||20240315100000+0000";

std::string Join(std::initializer_list<std::string_view> segments) {
  std::string out;
  for (std::string_view s : segments) {
    out += s;
    out += '\r';
  }
  return out;
}

// `ts` read in UTC (the default zone of Hl7Options).
UnixMillis T(std::string_view ts) {
  auto t = ParseHl7Time(ts, TimeZone::Utc());
  EXPECT_TRUE(t.has_value()) << ts;
  return t ? t->at : 0;
}

// One ORU^R01 with the default MSH, PID and OBR and the given OBX lines.
std::string Oru(std::initializer_list<std::string_view> obx) {
  std::string out = Join({kOruMsh, kPid, kObr});
  for (std::string_view s : obx) {
    out += s;
    out += '\r';
  }
  return out;
}

std::string Adt(std::string_view event, std::string_view extra = "",
                std::string_view pid = kPid) {
  std::string out =
      "MSH|^~\\&|ADTAPP|HOSP|IRAED|SITE|20240315120000+0000||ADT^" +
      std::string(event) + "|ADT-1|P|2.5.1\r";
  out += "EVN|" + std::string(event) + "|20240315113000+0000\r";
  out += std::string(pid) + "\r";
  out += "PV1|1|I\r";
  if (!extra.empty()) out += std::string(extra) + "\r";
  return out;
}

const ObservationBatch* Batch(const Hl7Reading& r) {
  if (!r.message) return nullptr;
  return std::get_if<ObservationBatch>(&r.message->body);
}

const PatientEvent* Event(const Hl7Reading& r) {
  if (!r.message) return nullptr;
  return std::get_if<PatientEvent>(&r.message->body);
}

void ExpectError(const Hl7Reading& r, std::string_view code,
                 std::string_view location, bool reject) {
  ASSERT_TRUE(r.ack.error.has_value()) << "expected ERR " << code;
  EXPECT_EQ(r.ack.error->code, code) << r.ack.error->text;
  EXPECT_EQ(r.ack.error->location, location) << r.ack.error->text;
  EXPECT_EQ(r.ack.error->reject, reject) << r.ack.error->text;
  EXPECT_FALSE(r.ack.error->code_text.empty());
  EXPECT_FALSE(r.ack.error->text.empty());
  EXPECT_FALSE(r.message.has_value());
}

// Values without an offset are read in the zone of the options: UTC unless
// a test sets another.
class Hl7ReaderTest : public ::testing::Test {
 protected:
  Hl7Options options_;
};

// ------------------------------------------------------------- ack context

TEST_F(Hl7ReaderTest, AckContextFromMsh) {
  const std::string raw = Join(
      {"MSH|^~\\&|LAB^1.2.3^ISO|HOSP|IRAED|SITE|20240315120000+0000||ORU^R01^"
       "ORU_R01|MSG-1|T^A|2.5.1^USA|||AL |NE",
       kPid, kObr, "OBX|1|NM|wbc^Wbc^L||7|x|||||F"});
  Hl7Reading r = ReadHl7Message(raw, options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const AckContext& a = r.ack;
  EXPECT_TRUE(a.msh_readable);
  EXPECT_EQ(a.delimiters.field, '|');
  EXPECT_EQ(a.sending_application, "LAB^1.2.3^ISO");
  EXPECT_EQ(a.sending_facility, "HOSP");
  EXPECT_EQ(a.receiving_application, "IRAED");
  EXPECT_EQ(a.receiving_facility, "SITE");
  EXPECT_EQ(a.message_code, "ORU");
  EXPECT_EQ(a.trigger, "R01");
  EXPECT_EQ(a.control_id, "MSG-1");
  EXPECT_EQ(a.processing_id, "T");
  EXPECT_EQ(a.version, "2.5.1");
  EXPECT_EQ(a.accept_ack_type, "AL");
  EXPECT_EQ(a.application_ack_type, "NE");
  EXPECT_EQ(r.source, "LAB^1.2.3^ISO|HOSP");
  EXPECT_EQ(r.message_id, "MSG-1");
  EXPECT_EQ(r.body_kind, "observations");
  EXPECT_EQ(r.sent_at, T("20240315120000+0000"));
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(r.message->message_id, "MSG-1");
  EXPECT_EQ(r.message->source, "LAB^1.2.3^ISO|HOSP");
  EXPECT_EQ(r.message->sent_at, T("20240315120000+0000"));
}

TEST_F(Hl7ReaderTest, UnreadableMessage) {
  Hl7Reading r = ReadHl7Message("this is not HL7 at all", options_);
  EXPECT_FALSE(r.ack.msh_readable);
  ASSERT_TRUE(r.ack.error.has_value());
  EXPECT_EQ(r.ack.error->code, "100");
  EXPECT_FALSE(r.message.has_value());
  EXPECT_TRUE(r.ack.control_id.empty());
  Hl7Reading empty = ReadHl7Message("", options_);
  EXPECT_FALSE(empty.ack.msh_readable);
  EXPECT_TRUE(empty.ack.error.has_value());
}

TEST_F(Hl7ReaderTest, SentAtWithoutOffsetUsesTheProcessZone) {
  const std::string raw =
      Join({"MSH|^~\\&|LAB|HOSP|||20240315120000||ORU^R01|M|P|2.5", kPid, kObr,
            "OBX|1|NM|wbc^Wbc^L||7|x|||||F"});
  Hl7Reading r = ReadHl7Message(raw, options_);
  EXPECT_EQ(r.sent_at, 1710504000000);  // 2024-03-15T12:00:00Z
}

// ----------------------------------------------------------- ORU^R01 body

TEST_F(Hl7ReaderTest, OruMapsEveryObservation) {
  const std::string raw = Oru({
      "OBX|1|NM|wbc^Wbc^Local^6690-2^Wbc^LN||7.5|10*3/uL^thousand per "
      "uL^UCUM|4.0-10.0|H|||F|||20240315101500+0000",
      "OBX|2|SN|glu^Glucose^L||^182|mg/dl|70_105|H|||F",
      "OBX|3|SN|crp^CRP^L||<^1.2|mg/L|<5||||C",
      "OBX|4|SN|tit^Titre^L||^10^-^20|ratio|||||P",
      "OBX|5|ST|hgb^Hgb^L||14.3|g/dL|4.3 to 6.2||||F",
      "OBX|6|ST|il6^IL-6^L||<0.5|pg/mL|<7||||F",
      "OBX|7|CE|cult^Culture^L||POS^Positive^HL70078||||||F",
      "OBX|8|ST|cmt^Comment^L||see note||||||F",
  });
  Hl7Reading r = ReadHl7Message(raw, options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  // The MR repetition, not the first one.
  EXPECT_EQ(b->patient.id, "MRN7");
  EXPECT_EQ(b->patient.assigning_authority, "HOSP");
  EXPECT_EQ(b->patient.id_type, "MR");
  ASSERT_EQ(b->observations.size(), 8u);

  const model::Observation& wbc = b->observations[0];
  EXPECT_EQ(wbc.code.code, "wbc");
  EXPECT_EQ(wbc.code.display, "Wbc");
  EXPECT_EQ(wbc.code.system, "Local");
  ASSERT_EQ(wbc.alternate_codes.size(), 1u);
  EXPECT_EQ(wbc.alternate_codes[0].code, "6690-2");
  EXPECT_EQ(wbc.alternate_codes[0].display, "Wbc");
  EXPECT_EQ(wbc.alternate_codes[0].system, "LN");
  EXPECT_EQ(wbc.numeric, 7.5);
  EXPECT_FALSE(wbc.text.has_value());
  EXPECT_EQ(wbc.comparator, "");
  EXPECT_EQ(wbc.unit, "10*3/uL");
  EXPECT_EQ(wbc.reference_range.text, "4.0-10.0");
  EXPECT_EQ(wbc.reference_range.low, 4.0);
  EXPECT_EQ(wbc.reference_range.high, 10.0);
  EXPECT_EQ(wbc.abnormal_flag, "H");
  EXPECT_EQ(wbc.status, ResultStatus::kFinal);
  EXPECT_EQ(wbc.observed_at, T("20240315101500+0000"));  // OBX-14
  EXPECT_EQ(wbc.result_id, "FILL9|wbc|");

  const model::Observation& glu = b->observations[1];
  EXPECT_EQ(glu.code.system, "L");
  EXPECT_TRUE(glu.alternate_codes.empty());
  EXPECT_EQ(glu.numeric, 182.0);
  EXPECT_EQ(glu.comparator, "");
  EXPECT_FALSE(glu.text.has_value());
  EXPECT_EQ(glu.reference_range.text, "70_105");
  EXPECT_EQ(glu.reference_range.low, 70.0);
  EXPECT_EQ(glu.reference_range.high, 105.0);
  EXPECT_EQ(glu.observed_at, T("20240315100000+0000"));  // OBR-7

  const model::Observation& crp = b->observations[2];
  EXPECT_EQ(crp.numeric, 1.2);
  EXPECT_EQ(crp.comparator, "<");
  EXPECT_EQ(crp.reference_range.text, "<5");
  EXPECT_FALSE(crp.reference_range.low.has_value());
  EXPECT_EQ(crp.reference_range.high, 5.0);
  EXPECT_EQ(crp.status, ResultStatus::kCorrected);

  const model::Observation& titre = b->observations[3];
  EXPECT_FALSE(titre.numeric.has_value());
  EXPECT_EQ(titre.text, "10-20");
  EXPECT_EQ(titre.status, ResultStatus::kPreliminary);

  const model::Observation& hgb = b->observations[4];
  EXPECT_EQ(hgb.numeric, 14.3);
  EXPECT_FALSE(hgb.text.has_value());
  EXPECT_EQ(hgb.reference_range.low, 4.3);
  EXPECT_EQ(hgb.reference_range.high, 6.2);

  const model::Observation& il6 = b->observations[5];
  EXPECT_EQ(il6.numeric, 0.5);
  EXPECT_EQ(il6.comparator, "<");
  EXPECT_EQ(il6.reference_range.high, 7.0);

  const model::Observation& cult = b->observations[6];
  EXPECT_FALSE(cult.numeric.has_value());
  EXPECT_EQ(cult.text, "Positive");
  EXPECT_EQ(cult.unit, "");
  EXPECT_EQ(cult.reference_range.text, "");
  EXPECT_FALSE(cult.reference_range.low.has_value());
  EXPECT_FALSE(cult.reference_range.high.has_value());

  const model::Observation& cmt = b->observations[7];
  EXPECT_FALSE(cmt.numeric.has_value());
  EXPECT_EQ(cmt.text, "see note");
}

TEST_F(Hl7ReaderTest, ValueReadingByType) {
  const std::string raw = Oru({
      "OBX|1|NM|a^A^L||-14|deg|||||F",
      "OBX|2||b^B^L|| 5.8 |x|||||F",        // blank OBX-2
      "OBX|3|NM|c^C^L||60~120|/min|||||F",  // repeated value
      "OBX|4|SN|d^D^L||>=^200|x|||||F", "OBX|5|SN|e^E^L||=^3|x|||||F",
      "OBX|6|SN|f^F^L||^1^:^128|x|||||F",  // ratio
      "OBX|7|CWE|g^G^L||CODEONLY||||||F",  // no text
      "OBX|8|TX|h^H^L||line1\\.br\\line2 \\T\\ more||||||F",
      "OBX|9|NM|i^I^L||\"\"|x|||||X",  // explicit null
      "OBX|10|NM|j^J^L|||x|||||I",     // empty
      "OBX|11|ST|k^K^L||> 200|x|||||F", "OBX|12|NM|l^L^L||+5|x|||||F",
      "OBX|13|ST|m^M^L||12 mg|x|||||F",
      "OBX|14|NM|n^N^L||1.5|^mg/dL|||||F",  // unit component 2
  });
  Hl7Reading r = ReadHl7Message(raw, options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->observations.size(), 14u);
  const auto& o = b->observations;
  EXPECT_EQ(o[0].numeric, -14.0);
  EXPECT_EQ(o[1].numeric, 5.8);
  EXPECT_EQ(o[2].numeric, 60.0);
  EXPECT_EQ(o[3].numeric, 200.0);
  EXPECT_EQ(o[3].comparator, ">=");
  EXPECT_EQ(o[4].numeric, 3.0);
  EXPECT_EQ(o[4].comparator, "");
  EXPECT_FALSE(o[5].numeric.has_value());
  EXPECT_EQ(o[5].text, "1:128");
  EXPECT_EQ(o[6].text, "CODEONLY");
  EXPECT_EQ(o[7].text, "line1\nline2 & more");
  EXPECT_FALSE(o[7].numeric.has_value());
  EXPECT_FALSE(o[8].numeric.has_value());
  EXPECT_FALSE(o[8].text.has_value());
  EXPECT_EQ(o[8].status, ResultStatus::kCancelled);
  EXPECT_FALSE(o[9].numeric.has_value());
  EXPECT_FALSE(o[9].text.has_value());
  EXPECT_EQ(o[9].status, ResultStatus::kPreliminary);
  EXPECT_EQ(o[10].numeric, 200.0);
  EXPECT_EQ(o[10].comparator, ">");
  EXPECT_EQ(o[11].numeric, 5.0);
  EXPECT_FALSE(o[12].numeric.has_value());
  EXPECT_EQ(o[12].text, "12 mg");
  EXPECT_EQ(o[13].unit, "mg/dL");
  for (const auto& obs : o) {
    EXPECT_FALSE(obs.numeric.has_value() && obs.text.has_value())
        << obs.code.code << ": at most one of numeric and text";
  }
}

TEST_F(Hl7ReaderTest, EveryResultStatusCode) {
  struct Case {
    const char* code;
    std::optional<ResultStatus> status;  // nullopt: skipped
  };
  const Case cases[] = {
      {"F", ResultStatus::kFinal},
      {"V", ResultStatus::kFinal},
      {"U", ResultStatus::kFinal},
      {"C", ResultStatus::kCorrected},
      {"A", ResultStatus::kCorrected},
      {"B", ResultStatus::kCorrected},
      {"P", ResultStatus::kPreliminary},
      {"R", ResultStatus::kPreliminary},
      {"S", ResultStatus::kPreliminary},
      {"I", ResultStatus::kPreliminary},
      {"X", ResultStatus::kCancelled},
      {"D", ResultStatus::kEnteredInError},
      {"W", ResultStatus::kEnteredInError},
      {"O", std::nullopt},
      {"N", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    const std::string obx = std::string("OBX|1|NM|a^A^L||1|x|||||") + c.code;
    Hl7Reading r =
        ReadHl7Message(Oru({obx, "OBX|2|NM|b^B^L||2|x|||||F"}), options_);
    ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
    const ObservationBatch* b = Batch(r);
    ASSERT_NE(b, nullptr);
    if (c.status) {
      ASSERT_EQ(b->observations.size(), 2u);
      EXPECT_EQ(b->observations[0].code.code, "a");
      EXPECT_EQ(b->observations[0].status, *c.status);
    } else {
      ASSERT_EQ(b->observations.size(), 1u);
      EXPECT_EQ(b->observations[0].code.code, "b");
    }
  }
}

TEST_F(Hl7ReaderTest, UnknownResultStatusIsAE103) {
  Hl7Reading r = ReadHl7Message(
      Oru({"OBX|1|NM|a^A^L||1|x|||||F", "OBX|2|NM|b^B^L||2|x|||||Q"}),
      options_);
  ExpectError(r, "103", "OBX^2^11", false);
}

TEST_F(Hl7ReaderTest, MissingResultStatusIsAE101) {
  Hl7Reading r = ReadHl7Message(Oru({"OBX|1|NM|a^A^L||1|x"}), options_);
  ExpectError(r, "101", "OBX^1^11", false);
  for (const char* type : {"ST", "SN", "CWE", ""}) {
    SCOPED_TRACE(type);
    Hl7Reading t =
        ReadHl7Message(Oru({"OBX|1|NM|a^A^L||1|x|||||F",
                            std::string("OBX|2|") + type + "|b^B^L||2|x"}),
                       options_);
    ExpectError(t, "101", "OBX^2^11", false);
  }
}

// Attachments and narrative are never graded: kept without a status, as
// preliminary.
TEST_F(Hl7ReaderTest, NarrativeWithoutStatusIsPreliminary) {
  Hl7Reading r = ReadHl7Message(
      Oru({"OBX|1|TX|n^Note^L||some text", "OBX|2|FT|f^F^L||a\\.br\\b",
           "OBX|3|ED|e^E^L||^AP^PDF^Base64^JVBERi0=",
           "OBX|4|RP|r^R^L||https://x.example/img^^IMAGE^JPEG"}),
      options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->observations.size(), 4u);
  for (const auto& o : b->observations) {
    EXPECT_EQ(o.status, ResultStatus::kPreliminary) << o.code.code;
    EXPECT_FALSE(o.numeric.has_value()) << o.code.code;
  }
  EXPECT_EQ(b->observations[0].text, "some text");
  EXPECT_EQ(b->observations[1].text, "a\nb");
}

// An OBX without OBX-3 (narrative lines) is kept with an empty code.
TEST_F(Hl7ReaderTest, ObxWithoutIdentifierIsKept) {
  Hl7Reading r =
      ReadHl7Message(Oru({"OBX|1|NM|a^A^L||1|x|||||F", "OBX|2|TX|||text||||||F",
                          "OBX|3|TX|||||||||F"}),
                     options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->observations.size(), 3u);
  const model::Observation& o = b->observations[1];
  EXPECT_EQ(o.code.code, "");
  EXPECT_EQ(o.code.system, "L");
  EXPECT_TRUE(o.alternate_codes.empty());
  EXPECT_EQ(o.text, "text");
  EXPECT_FALSE(o.numeric.has_value());
  EXPECT_EQ(o.status, ResultStatus::kFinal);
  EXPECT_EQ(o.result_id, "FILL9||");
  EXPECT_FALSE(b->observations[2].text.has_value());
}

TEST_F(Hl7ReaderTest, OnlySkippedResultsIsAnEmptyBatch) {
  Hl7Reading r = ReadHl7Message(
      Oru({"OBX|1|NM|a^A^L||1|x|||||O", "OBX|2|NM|b^B^L||1|x|||||N"}),
      options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  ASSERT_NE(Batch(r), nullptr);
  EXPECT_TRUE(Batch(r)->observations.empty());
}

TEST_F(Hl7ReaderTest, OruWithoutObxIsAcceptedWithoutPidIsAE) {
  // Nothing to grade, but a valid message.
  Hl7Reading no_obx = ReadHl7Message(Oru({}), options_);
  ASSERT_FALSE(no_obx.ack.error.has_value()) << no_obx.ack.error->text;
  ASSERT_NE(Batch(no_obx), nullptr);
  EXPECT_EQ(Batch(no_obx)->patient.id, "MRN7");
  EXPECT_TRUE(Batch(no_obx)->observations.empty());
  Hl7Reading no_pid = ReadHl7Message(
      Join({kOruMsh, kObr, "OBX|1|NM|a^A^L||1|x|||||F"}), options_);
  ExpectError(no_pid, "101", "PID^1^3", false);
}

// ------------------------------------------------------------------- time

TEST_F(Hl7ReaderTest, ObservationTimeFallsBackObx14Obr7Msh7) {
  const std::string obx = "OBX|1|NM|a^A^L||1|x|||||F";
  // OBR-7 when OBX-14 is empty.
  Hl7Reading r1 = ReadHl7Message(Oru({obx}), options_);
  ASSERT_NE(Batch(r1), nullptr);
  EXPECT_EQ(Batch(r1)->observations[0].observed_at, T("20240315100000+0000"));
  // MSH-7 when OBR-7 is empty too.
  Hl7Reading r2 = ReadHl7Message(
      Join({kOruMsh, kPid, "OBR|1|PL1|FILL9|57021-8^CBC^LN", obx}), options_);
  ASSERT_NE(Batch(r2), nullptr);
  EXPECT_EQ(Batch(r2)->observations[0].observed_at, T("20240315120000+0000"));
  // MSH-7 when there is no OBR at all.
  Hl7Reading r3 = ReadHl7Message(Join({kOruMsh, kPid, obx}), options_);
  ASSERT_NE(Batch(r3), nullptr);
  EXPECT_EQ(Batch(r3)->observations[0].observed_at, T("20240315120000+0000"));
  // Nothing at all: AE 101.
  Hl7Reading r4 =
      ReadHl7Message(Join({"MSH|^~\\&|LAB|HOSP|||||ORU^R01|M2|P|2.5.1", kPid,
                           "OBR|1|PL1|FILL9|57021-8^CBC^LN", obx}),
                     options_);
  ExpectError(r4, "101", "OBX^1^14", false);
  EXPECT_FALSE(r4.sent_at.has_value());
}

TEST_F(Hl7ReaderTest, ObservationTimePerObrGroup) {
  Hl7Reading r = ReadHl7Message(
      Join({kOruMsh, kPid, "OBR|1||F1|p1^P1^L|||20240301080000+0000",
            "OBX|1|NM|a^A^L||1|x|||||F",
            "OBR|2||F2|p2^P2^L|||20240302090000+0000",
            "OBX|1|NM|b^B^L||2|x|||||F",
            "OBX|2|NM|c^C^L||3|x|||||F|||20240302091500+0000"}),
      options_);
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->observations.size(), 3u);
  EXPECT_EQ(b->observations[0].observed_at, T("20240301080000+0000"));
  EXPECT_EQ(b->observations[0].result_id, "F1|a|");
  EXPECT_EQ(b->observations[1].observed_at, T("20240302090000+0000"));
  EXPECT_EQ(b->observations[1].result_id, "F2|b|");
  EXPECT_EQ(b->observations[2].observed_at, T("20240302091500+0000"));
}

TEST_F(Hl7ReaderTest, BadObx14IsAE102) {
  Hl7Reading r = ReadHl7Message(Oru({"OBX|1|NM|a^A^L||1|x|||||F",
                                     "OBX|2|NM|b^B^L||1|x|||||F|||"
                                     "Aug 15, 1942"}),
                                options_);
  ExpectError(r, "102", "OBX^2^14", false);
  Hl7Reading feb30 = ReadHl7Message(
      Oru({"OBX|1|NM|a^A^L||1|x|||||F|||20240230120000"}), options_);
  ExpectError(feb30, "102", "OBX^1^14", false);
}

TEST_F(Hl7ReaderTest, BadObr7AndMsh7AreAE102) {
  Hl7Reading obr = ReadHl7Message(
      Join({kOruMsh, kPid, "OBR|1|PL1|FILL9|57021-8^CBC^LN|||yesterday",
            "OBX|1|NM|a^A^L||1|x|||||F"}),
      options_);
  ExpectError(obr, "102", "OBR^1^7", false);
  Hl7Reading msh = ReadHl7Message(
      Join({"MSH|^~\\&|LAB|HOSP|||2024-03-15||ORU^R01|M2|P|2.5.1", kPid,
            "OBX|1|NM|a^A^L||1|x|||||F"}),
      options_);
  ExpectError(msh, "102", "MSH^1^7", false);
}

TEST_F(Hl7ReaderTest, NullObx14FallsBack) {
  Hl7Reading r =
      ReadHl7Message(Oru({"OBX|1|NM|a^A^L||1|x|||||F|||\"\""}), options_);
  ASSERT_NE(Batch(r), nullptr) << r.ack.error->text;
  EXPECT_EQ(Batch(r)->observations[0].observed_at, T("20240315100000+0000"));
}

// `""` is the explicit null (er7.h): an OBR-7 sent as `""` has no value,
// so the observation time falls back to MSH-7 like an empty OBR-7.
TEST_F(Hl7ReaderTest, NullObr7FallsBackToMsh7) {
  Hl7Reading r = ReadHl7Message(
      Join({kOruMsh, kPid, "OBR|1|PL1|FILL9|57021-8^CBC^LN|||\"\"",
            "OBX|1|NM|a^A^L||1|x|||||F"}),
      options_);
  ASSERT_FALSE(r.ack.error.has_value())
      << r.ack.error->code << " " << r.ack.error->location << " "
      << r.ack.error->text;
  ASSERT_NE(Batch(r), nullptr);
  EXPECT_EQ(Batch(r)->observations[0].observed_at, T("20240315120000+0000"));
}

// ERR-2 (ERL) is segment^sequence^field: the sequence is the occurrence of
// the segment in the message, so a bad OBR-7 in the second order group is
// OBR^2^7.
TEST_F(Hl7ReaderTest, BadObr7InSecondGroupIsLocatedThere) {
  Hl7Reading r = ReadHl7Message(
      Join({kOruMsh, kPid, "OBR|1||F1|p1^P1^L|||20240301080000+0000",
            "OBX|1|NM|a^A^L||1|x|||||F", "OBR|2||F2|p2^P2^L|||not a time",
            "OBX|1|NM|b^B^L||2|x|||||F"}),
      options_);
  ExpectError(r, "102", "OBR^2^7", false);
}

// ------------------------------------------------------------ result id

TEST_F(Hl7ReaderTest, ResultId) {
  Hl7Reading r = ReadHl7Message(
      Oru({"OBX|1|NM|a^A^L|1.2|1|x|||||F||||||||||RID-77^LAB",
           "OBX|2|NM|b^B^L|3|2|x|||||F", "OBX|3|NM| c ^C^L||3|x|||||F"}),
      options_);
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr) << r.ack.error->text;
  ASSERT_EQ(b->observations.size(), 3u);
  EXPECT_EQ(b->observations[0].result_id, "RID-77");
  EXPECT_EQ(b->observations[1].result_id, "FILL9|b|3");
  EXPECT_EQ(b->observations[2].code.code, "c");
  EXPECT_EQ(b->observations[2].result_id, "FILL9|c|");
  // No OBR: no filler order number.
  Hl7Reading no_obr = ReadHl7Message(
      Join({kOruMsh, kPid, "OBX|1|NM|a^A^L|7|1|x|||||F"}), options_);
  ASSERT_NE(Batch(no_obr), nullptr);
  EXPECT_EQ(Batch(no_obr)->observations[0].result_id, "|a|7");
}

// ---------------------------------------------------------------- patient

// PID-7 (reference 10.5: a child's ICANS is graded by CAPD).
TEST_F(Hl7ReaderTest, BirthDateFromPid7) {
  const std::string obx = "OBX|1|NM|a^A^L||1|x|||||F";
  auto read = [&](std::string_view pid) {
    return ReadHl7Message(Join({kOruMsh, pid, kObr, obx}), options_);
  };
  for (const auto& [pid7, expected] :
       std::vector<std::pair<std::string, std::string>>{
           {"20180301", "2018-03-01"},
           {"201803011230", "2018-03-01"},
           {"20180301^D", "2018-03-01"},
           {"", ""}}) {
    Hl7Reading r = read("PID|1||MRN7^^^HOSP^MR||DOE^JANE||" + pid7);
    ASSERT_NE(Batch(r), nullptr) << pid7;
    EXPECT_EQ(Batch(r)->patient.birth_date, expected) << pid7;
    EXPECT_TRUE(r.message->quality_notes.empty()) << pid7;
  }
  // Not a date: left out, with a data-quality note; the message is kept.
  for (std::string pid7 : {"2018", "20181301", "last spring"}) {
    Hl7Reading r = read("PID|1||MRN7^^^HOSP^MR||DOE^JANE||" + pid7);
    ASSERT_NE(Batch(r), nullptr) << pid7;
    EXPECT_EQ(Batch(r)->patient.birth_date, "") << pid7;
    ASSERT_EQ(r.message->quality_notes.size(), 1u) << pid7;
    EXPECT_EQ(r.message->quality_notes[0].issue, "unreadable_birth_date");
    EXPECT_EQ(r.message->quality_notes[0].detail.find(pid7), std::string::npos);
  }
}

// PID-5 and PV1-3 (the console's name, ward and bed).
TEST_F(Hl7ReaderTest, NameFromPid5AndWardAndBedFromPv1) {
  const std::string obx = "OBX|1|NM|a^A^L||1|x|||||F";
  auto read = [&](const std::string& pid5, const std::string& pv1) {
    const std::string pid = "PID|1||MRN7^^^HOSP^MR||" + pid5;
    return ReadHl7Message(pv1.empty() ? Join({kOruMsh, pid, kObr, obx})
                                      : Join({kOruMsh, pid, pv1, kObr, obx}),
                          options_);
  };
  Hl7Reading r = read("DOE^JANE^Q^JR^DR", "PV1|1|I|5W^12^2^GHH");
  ASSERT_NE(Batch(r), nullptr);
  EXPECT_EQ(Batch(r)->patient.name, "DOE, JANE Q");
  EXPECT_EQ(Batch(r)->patient.ward, "5W");
  EXPECT_EQ(Batch(r)->patient.bed, "12-2");
  EXPECT_TRUE(r.message->quality_notes.empty());
  // The legal name (type L) over an alias given first; escapes decoded.
  Hl7Reading legal = read("SMITH^J^^^^^A~O\\T\\BRIEN^MARY^^^^^L", "");
  EXPECT_EQ(Batch(legal)->patient.name, "O&BRIEN, MARY");
  EXPECT_FALSE(Batch(legal)->patient.ward.has_value());  // no PV1
  EXPECT_FALSE(Batch(legal)->patient.bed.has_value());
  // Empty: nothing said; HL7's delete: cleared.
  Hl7Reading empty = read("", "PV1|1|I");
  EXPECT_FALSE(Batch(empty)->patient.name.has_value());
  EXPECT_FALSE(Batch(empty)->patient.ward.has_value());
  Hl7Reading deleted = read("\"\"", "PV1|1|I|\"\"");
  EXPECT_EQ(Batch(deleted)->patient.name, "");
  EXPECT_EQ(Batch(deleted)->patient.ward, "");
  EXPECT_EQ(Batch(deleted)->patient.bed, "");
  // A location without a bed clears the bed on record.
  Hl7Reading ward_only = read("DOE", "PV1|1|I|ICU");
  EXPECT_EQ(Batch(ward_only)->patient.name, "DOE");
  EXPECT_EQ(Batch(ward_only)->patient.ward, "ICU");
  EXPECT_EQ(Batch(ward_only)->patient.bed, "");
  // At the limit kept; one byte over: left out and noted, text not kept.
  const std::string at(model::kMaxPersonTextBytes - 2, 'N');  // + ", X"
  Hl7Reading long_ok = read(at.substr(0, at.size() - 1) + "^X", "");
  EXPECT_EQ(Batch(long_ok)->patient.name->size(), model::kMaxPersonTextBytes);
  EXPECT_TRUE(long_ok.message->quality_notes.empty());
  Hl7Reading too_long = read(at + "^X", "PV1|1|I|" + at + "XYZ");
  ASSERT_NE(Batch(too_long), nullptr);
  EXPECT_FALSE(Batch(too_long)->patient.name.has_value());
  EXPECT_FALSE(Batch(too_long)->patient.ward.has_value());
  ASSERT_EQ(too_long.message->quality_notes.size(), 2u);
  EXPECT_EQ(too_long.message->quality_notes[0].issue, "unreadable_name");
  EXPECT_EQ(too_long.message->quality_notes[1].issue, "unreadable_location");
  EXPECT_EQ(too_long.message->quality_notes[0].detail.find("NNN"),
            std::string::npos);
  // HL7's null inside a component is empty; a v2.7+ HD point of care is its
  // namespace id; a null repetition is skipped.
  Hl7Reading nulls =
      read("\"\"~DOE^JANE^\"\"", "PV1|1|I|4W&1.2.3&ISO^\"\"^\"\"");
  EXPECT_EQ(Batch(nulls)->patient.name, "DOE, JANE");
  EXPECT_EQ(Batch(nulls)->patient.ward, "4W");
  EXPECT_EQ(Batch(nulls)->patient.bed, "");
  // A PV1 after the order segments is not the patient's visit.
  Hl7Reading late = ReadHl7Message(
      Join({kOruMsh, "PID|1||MRN7^^^HOSP^MR||DOE", kObr, "PV1|1|I|ICU", obx}),
      options_);
  ASSERT_NE(Batch(late), nullptr);
  EXPECT_FALSE(Batch(late)->patient.ward.has_value());
}

// PID-8 and PID-29/30 (the pharmacovigilance export's sex and fatal
// outcome).
TEST_F(Hl7ReaderTest, SexFromPid8AndDeathFromPid29) {
  const std::string obx = "OBX|1|NM|a^A^L||1|x|||||F";
  auto read = [&](const std::string& pid8, const std::string& tail) {
    return ReadHl7Message(
        Join({kOruMsh,
              "PID|1||MRN7^^^HOSP^MR||DOE^JANE||20180301|" + pid8 + tail, kObr,
              obx}),
        options_);
  };
  for (const auto& [code, sex] :
       std::vector<std::pair<std::string, std::string>>{{"F", "female"},
                                                        {"M", "male"},
                                                        {"O", "other"},
                                                        {"A", "other"},
                                                        {"U", "unknown"},
                                                        {"N", "unknown"},
                                                        {"", ""},
                                                        {"\"\"", ""}}) {
    Hl7Reading r = read(code, "");
    ASSERT_NE(Batch(r), nullptr) << code;
    EXPECT_EQ(Batch(r)->patient.sex, sex) << code;
    EXPECT_TRUE(r.message->quality_notes.empty()) << code;
    EXPECT_FALSE(Batch(r)->patient.died_at.has_value());
  }
  Hl7Reading odd = read("X", "");
  ASSERT_NE(Batch(odd), nullptr);
  EXPECT_EQ(Batch(odd)->patient.sex, "");
  ASSERT_EQ(odd.message->quality_notes.size(), 1u);
  EXPECT_EQ(odd.message->quality_notes[0].issue, "unreadable_sex");
  // PID-29 is the death (site time zone when it has no offset); PID-30
  // alone gives no time: noted, no death kept.
  const std::string to29 = std::string(20, '|');  // PID-9 .. PID-28 empty
  Hl7Reading died = read("F", to29 + "|20261101093000+0100|Y");
  ASSERT_NE(Batch(died), nullptr);
  ASSERT_TRUE(Batch(died)->patient.died_at.has_value());
  EXPECT_EQ(*Batch(died)->patient.died_at,
            *ParseUtcMillis("2026-11-01T08:30:00Z"));
  EXPECT_TRUE(died.message->quality_notes.empty());
  Hl7Reading no_time = read("F", to29 + "||Y");
  ASSERT_NE(Batch(no_time), nullptr);
  EXPECT_FALSE(Batch(no_time)->patient.died_at.has_value());
  ASSERT_EQ(no_time.message->quality_notes.size(), 1u);
  EXPECT_EQ(no_time.message->quality_notes[0].issue, "death_time_missing");
  Hl7Reading bad = read("F", to29 + "|last week|Y");
  ASSERT_NE(Batch(bad), nullptr);
  EXPECT_FALSE(Batch(bad)->patient.died_at.has_value());
  ASSERT_EQ(bad.message->quality_notes.size(), 1u);
  EXPECT_EQ(bad.message->quality_notes[0].issue, "unreadable_death_time");
  // PID-29 "" (HL7's delete) withdraws a death recorded before; PID-30 "N"
  // does not (many systems send it on every message).
  Hl7Reading deleted = read("F", to29 + "|\"\"|");
  ASSERT_NE(Batch(deleted), nullptr);
  EXPECT_TRUE(deleted.message->quality_notes.empty());
  EXPECT_TRUE(Batch(deleted)->patient.death_withdrawn);
  EXPECT_FALSE(Batch(deleted)->patient.died_at.has_value());
  Hl7Reading no = read("F", to29 + "||N");
  EXPECT_TRUE(no.message->quality_notes.empty());
  EXPECT_FALSE(Batch(no)->patient.death_withdrawn);
  EXPECT_FALSE(Batch(no)->patient.died_at.has_value());
  EXPECT_FALSE(Batch(died)->patient.death_withdrawn);
  EXPECT_FALSE(Batch(read("F", ""))->patient.death_withdrawn);
  // A date without a time is the end of that local day (site zone): a
  // result charted that day is not after the death.
  Hl7Reading day = read("F", to29 + "|20261101|Y");
  ASSERT_TRUE(Batch(day)->patient.died_at.has_value());
  const UnixMillis end_of_day =
      options_.zone.ToInstant({2026, 11, 1, 23, 59, 59, 999}).at;
  EXPECT_EQ(*Batch(day)->patient.died_at, end_of_day);
}

TEST_F(Hl7ReaderTest, PatientRules) {
  const std::string obx = "OBX|1|NM|a^A^L||1|x|||||F";
  auto patient = [&](std::string_view pid, const Hl7Options& o) {
    return ReadHl7Message(Join({kOruMsh, pid, kObr, obx}), o);
  };
  // Default: MR wins even when it is not first.
  {
    Hl7Reading r = patient(kPid, options_);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "MRN7");
  }
  // A configured type.
  {
    Hl7Options o;
    o.patient_id_type = "SS";
    Hl7Reading r = patient(kPid, o);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "SSN1");
    EXPECT_EQ(Batch(r)->patient.assigning_authority, "SSA");
    EXPECT_EQ(Batch(r)->patient.id_type, "SS");
  }
  // Type and authority together.
  const std::string two_mr =
      "PID|1||A1^^^CLINIC^MR~B2^^^HOSP^MR~C3^^^&2.16.840.1&ISO^MR";
  {
    Hl7Options o;
    o.patient_id_authority = "HOSP";
    Hl7Reading r = patient(two_mr, o);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "B2");
  }
  // The universal id when the namespace is empty.
  {
    Hl7Options o;
    o.patient_id_authority = "2.16.840.1";
    Hl7Reading r = patient(two_mr, o);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "C3");
    EXPECT_EQ(Batch(r)->patient.assigning_authority, "2.16.840.1");
  }
  // Any type, given authority.
  {
    Hl7Options o;
    o.patient_id_type = "";
    o.patient_id_authority = "SSA";
    Hl7Reading r = patient(kPid, o);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "SSN1");
  }
  // No match, lenient: the first repetition with an identifier.
  const std::string no_mr = "PID|1||^^^^TEAM~~ X9 ^^^SSA^SS~Y8^^^X^PI";
  {
    Hl7Reading r = patient(no_mr, options_);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "X9");
    EXPECT_EQ(Batch(r)->patient.id_type, "SS");
  }
  // No match, strict: AE 204.
  {
    Hl7Options o;
    o.strict_patient_id = true;
    Hl7Reading r = patient(no_mr, o);
    ExpectError(r, "204", "PID^1^3", false);
  }
  // Strict and matching: fine.
  {
    Hl7Options o;
    o.strict_patient_id = true;
    Hl7Reading r = patient(kPid, o);
    ASSERT_NE(Batch(r), nullptr);
    EXPECT_EQ(Batch(r)->patient.id, "MRN7");
  }
  // PID-3 without an identifier: PID-2, else PID-4 (older senders).
  {
    Hl7Reading r = patient("PID|1||^^^^MR~\"\"^^^^MR|ALT1^^^OLD^PI", options_);
    ASSERT_NE(Batch(r), nullptr) << r.ack.error->text;
    EXPECT_EQ(Batch(r)->patient.id, "ALT1");
    EXPECT_EQ(Batch(r)->patient.assigning_authority, "OLD");
    EXPECT_EQ(Batch(r)->patient.id_type, "PI");
    Hl7Reading blank = patient("PID|1|| |ALT1", options_);
    ASSERT_NE(Batch(blank), nullptr) << blank.ack.error->text;
    EXPECT_EQ(Batch(blank)->patient.id, "ALT1");
    Hl7Reading pid2 = patient("PID|1|EXT2^^^X^PT||ALT1", options_);
    ASSERT_NE(Batch(pid2), nullptr) << pid2.ack.error->text;
    EXPECT_EQ(Batch(pid2)->patient.id, "EXT2");
  }
  // No identifier anywhere: AE 101.
  {
    Hl7Reading r = patient("PID|1|\"\"|^^^^MR~\"\"^^^^MR| ", options_);
    ExpectError(r, "101", "PID^1^3", false);
  }
  // Strict: no fallback to PID-2/PID-4.
  {
    Hl7Options o;
    o.strict_patient_id = true;
    Hl7Reading r = patient("PID|1|EXT2||ALT1", o);
    ASSERT_TRUE(r.ack.error.has_value());
    EXPECT_FALSE(r.ack.error->reject);
    EXPECT_EQ(r.ack.error->location, "PID^1^3");
    EXPECT_FALSE(r.message.has_value());
  }
}

TEST_F(Hl7ReaderTest, TwoPatientsInOneOruIsAE) {
  Hl7Reading r = ReadHl7Message(
      Join({kOruMsh, kPid, kObr, "OBX|1|NM|a^A^L||1|x|||||F",
            "PID|2||OTHER^^^HOSP^MR", kObr, "OBX|1|NM|b^B^L||2|x|||||F"}),
      options_);
  ExpectError(r, "100", "PID^2^3", false);
  // The same patient twice is one patient.
  Hl7Reading same =
      ReadHl7Message(Join({kOruMsh, kPid, kObr, "OBX|1|NM|a^A^L||1|x|||||F",
                           kPid, kObr, "OBX|1|NM|b^B^L||2|x|||||F"}),
                     options_);
  ASSERT_NE(Batch(same), nullptr);
  EXPECT_EQ(Batch(same)->observations.size(), 2u);
}

// ERR-2 must point at the PID that is wrong: the second one.
TEST_F(Hl7ReaderTest, SecondPidWithoutIdentifierIsLocatedThere) {
  Hl7Reading r =
      ReadHl7Message(Join({kOruMsh, kPid, kObr, "OBX|1|NM|a^A^L||1|x|||||F",
                           "PID|2||", kObr, "OBX|1|NM|b^B^L||2|x|||||F"}),
                     options_);
  ExpectError(r, "101", "PID^2^3", false);
}

TEST_F(Hl7ReaderTest, CustomDelimitersReadTheSame) {
  const std::string raw =
      "MSH^~|\\&^LAB^HOSP^IRAED^SITE^20240315120000+0000^^ORU~R01^CUST-1^P^"
      "2.4^^^AL^AL\r\n"
      "PID^1^^X1~~~SSA~SS|MRN5~~~HOSP&1.2&ISO~MR^^DOE~JANE\r\n"
      "OBR^1^^FILL2^cbc~CBC~L^^^20240315100000+0000\r\n"
      "OBX^1^NM^wbc~Wbc~Local~6690-2~Wbc~LN^^7.5|8.0^10\\F\\9/L~x~UCUM^"
      "4.0-10.0^H^^^F\r\n"
      "OBX^2^SN^crp~CRP~L^^<~1.2^mg/L^^^^^F\r\n";
  Hl7Reading r = ReadHl7Message(raw, options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  EXPECT_EQ(r.ack.delimiters.field, '^');
  EXPECT_EQ(r.ack.delimiters.component, '~');
  EXPECT_EQ(r.ack.message_code, "ORU");
  EXPECT_EQ(r.ack.trigger, "R01");
  EXPECT_EQ(r.ack.control_id, "CUST-1");
  EXPECT_EQ(r.ack.accept_ack_type, "AL");
  const ObservationBatch* b = Batch(r);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->patient.id, "MRN5");
  EXPECT_EQ(b->patient.assigning_authority, "HOSP");
  ASSERT_EQ(b->observations.size(), 2u);
  EXPECT_EQ(b->observations[0].code.code, "wbc");
  ASSERT_EQ(b->observations[0].alternate_codes.size(), 1u);
  EXPECT_EQ(b->observations[0].alternate_codes[0].code, "6690-2");
  EXPECT_EQ(b->observations[0].numeric, 7.5);  // first repetition
  EXPECT_EQ(b->observations[0].unit, "10^9/L");
  EXPECT_EQ(b->observations[0].reference_range.low, 4.0);
  EXPECT_EQ(b->observations[0].result_id, "FILL2|wbc|");
  EXPECT_EQ(b->observations[1].numeric, 1.2);
  EXPECT_EQ(b->observations[1].comparator, "<");
}

// --------------------------------------------------- MSH-level rejections

TEST_F(Hl7ReaderTest, MissingMsh10IsAR101) {
  Hl7Reading r = ReadHl7Message(
      Join({"MSH|^~\\&|HIS|ASE|LIS|Rapela|||OML^O21||T|2.5", kPid}), options_);
  ExpectError(r, "101", "MSH^1^10", true);
  EXPECT_TRUE(r.ack.msh_readable);
  EXPECT_EQ(r.ack.control_id, "");
  EXPECT_EQ(r.ack.sending_application, "HIS");
}

TEST_F(Hl7ReaderTest, MissingRequiredMshFieldsAreAR101) {
  ExpectError(ReadHl7Message("MSH|^~\\&|A|B|C|D|20240101||||P|2.5\r", options_),
              "101", "MSH^1^9", true);
  ExpectError(
      ReadHl7Message("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1||2.5\r", options_),
      "101", "MSH^1^11", true);
  ExpectError(
      ReadHl7Message("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|\r", options_),
      "101", "MSH^1^12", true);
  // All four, as in the reference's example: the first is located.
  Hl7Reading all = ReadHl7Message("MSH|^~\\&|||||20261126141657\r", options_);
  ExpectError(all, "101", "MSH^1^9", true);
}

TEST_F(Hl7ReaderTest, UnsupportedTypeIsAR200) {
  Hl7Reading r = ReadHl7Message(
      "MSH|^~\\&|MIRTH|MIRTH|||200612131519||ORM^O01|12345678|P|2.4\r"
      "PID|1||X^^^^MR\r",
      options_);
  ExpectError(r, "200", "MSH^1^9", true);
  EXPECT_EQ(r.ack.control_id, "12345678");
  EXPECT_EQ(r.ack.message_code, "ORM");
  EXPECT_EQ(r.ack.trigger, "O01");
}

TEST_F(Hl7ReaderTest, UnsupportedAdtEventIsAR201) {
  Hl7Reading r = ReadHl7Message(Adt("A24"), options_);
  ExpectError(r, "201", "MSH^1^9^1^2", true);
  EXPECT_EQ(r.ack.control_id, "ADT-1");
}

TEST_F(Hl7ReaderTest, ProcessingIdNotAcceptedIsAR202) {
  Hl7Reading r = ReadHl7Message(
      Join({"MSH|^~\\&|LAB|HOSP|||20240315120000+0000||ORU^R01|M|X|2.5", kPid,
            kObr, "OBX|1|NM|a^A^L||1|x|||||F"}),
      options_);
  ExpectError(r, "202", "MSH^1^11", true);
  Hl7Options production_only;
  production_only.processing_ids = {"P"};
  Hl7Reading t = ReadHl7Message(
      Join({"MSH|^~\\&|LAB|HOSP|||20240315120000+0000||ORU^R01|M|T|2.5", kPid,
            kObr, "OBX|1|NM|a^A^L||1|x|||||F"}),
      production_only);
  ExpectError(t, "202", "MSH^1^11", true);
  Hl7Reading p = ReadHl7Message(
      Join({"MSH|^~\\&|LAB|HOSP|||20240315120000+0000||ORU^R01|M|P|2.5", kPid,
            kObr, "OBX|1|NM|a^A^L||1|x|||||F"}),
      production_only);
  EXPECT_FALSE(p.ack.error.has_value());
}

TEST_F(Hl7ReaderTest, UnsupportedVersionIsAR203) {
  for (const char* version : {"3.0", "2", "V2.5", "1.0"}) {
    SCOPED_TRACE(version);
    Hl7Reading r = ReadHl7Message(
        Join({"MSH|^~\\&|LAB|HOSP|||20240315120000+0000||ORU^R01|M|P|" +
                  std::string(version),
              kPid, kObr, "OBX|1|NM|a^A^L||1|x|||||F"}),
        options_);
    ExpectError(r, "203", "MSH^1^12", true);
  }
  for (const char* version : {"2.1", "2.3.1", "2.5.1", "2.8"}) {
    SCOPED_TRACE(version);
    Hl7Reading r = ReadHl7Message(
        Join({"MSH|^~\\&|LAB|HOSP|||20240315120000+0000||ORU^R01|M|P|" +
                  std::string(version),
              kPid, kObr, "OBX|1|NM|a^A^L||1|x|||||F"}),
        options_);
    EXPECT_FALSE(r.ack.error.has_value());
  }
}

// -------------------------------------------------------------------- ADT

TEST_F(Hl7ReaderTest, AdtEvents) {
  struct Case {
    const char* event;
    PatientEventKind kind;
  };
  for (const Case& c : {Case{"A01", PatientEventKind::kRegistered},
                        Case{"A04", PatientEventKind::kRegistered},
                        Case{"A05", PatientEventKind::kRegistered},
                        Case{"A14", PatientEventKind::kRegistered},
                        Case{"A28", PatientEventKind::kRegistered},
                        Case{"A02", PatientEventKind::kUpdated},
                        Case{"A06", PatientEventKind::kUpdated},
                        Case{"A07", PatientEventKind::kUpdated},
                        Case{"A08", PatientEventKind::kUpdated},
                        Case{"A31", PatientEventKind::kUpdated},
                        Case{"A03", PatientEventKind::kDischarged}}) {
    SCOPED_TRACE(c.event);
    Hl7Reading r = ReadHl7Message(Adt(c.event), options_);
    ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
    EXPECT_EQ(r.body_kind, "patient_event");
    const PatientEvent* e = Event(r);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, c.kind);
    EXPECT_EQ(e->patient.id, "MRN7");
    EXPECT_EQ(e->patient.assigning_authority, "HOSP");
    EXPECT_FALSE(e->merged_from.has_value());
    EXPECT_EQ(e->occurred_at, T("20240315113000+0000"));  // EVN-2
    EXPECT_EQ(r.message->message_id, "ADT-1");
    EXPECT_EQ(r.message->source, "ADTAPP|HOSP");
  }
}

TEST_F(Hl7ReaderTest, AdtA40MergeReadsMrg1) {
  Hl7Reading r = ReadHl7Message(
      Adt("A40", "MRG|OLDSS^^^SSA^SS~OLD1^^^HOSP^MR|||OLDACCT"), options_);
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  const PatientEvent* e = Event(r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, PatientEventKind::kMerged);
  EXPECT_EQ(e->patient.id, "MRN7");
  ASSERT_TRUE(e->merged_from.has_value());
  EXPECT_EQ(e->merged_from->id, "OLD1");
  EXPECT_EQ(e->merged_from->assigning_authority, "HOSP");
  EXPECT_EQ(e->merged_from->id_type, "MR");
}

TEST_F(Hl7ReaderTest, AdtA40Errors) {
  ExpectError(ReadHl7Message(Adt("A40"), options_), "101", "MRG^1^1", false);
  ExpectError(ReadHl7Message(Adt("A40", "MRG|"), options_), "101", "MRG^1^1",
              false);
  Hl7Options strict;
  strict.strict_patient_id = true;
  ExpectError(ReadHl7Message(Adt("A40", "MRG|OLDSS^^^SSA^SS"), strict), "204",
              "MRG^1^1", false);
}

TEST_F(Hl7ReaderTest, AdtEventTime) {
  // EVN-6 before EVN-2.
  std::string evn6 = Adt("A08");
  evn6.replace(evn6.find("EVN|A08|20240315113000+0000"),
               std::string("EVN|A08|20240315113000+0000").size(),
               "EVN|A08|20240315113000+0000||||20240315090000+0000");
  Hl7Reading r6 = ReadHl7Message(evn6, options_);
  ASSERT_NE(Event(r6), nullptr);
  EXPECT_EQ(Event(r6)->occurred_at, T("20240315090000+0000"));
  // MSH-7 without EVN.
  Hl7Reading msh =
      ReadHl7Message("MSH|^~\\&|A|B|||20240315120000+0000||ADT^A01|1|P|2.5\r" +
                         std::string(kPid) + "\r",
                     options_);
  ASSERT_NE(Event(msh), nullptr);
  EXPECT_EQ(Event(msh)->occurred_at, T("20240315120000+0000"));
  // A bad EVN-2.
  std::string bad = Adt("A01");
  bad.replace(bad.find("20240315113000+0000"), 19, "20241301");
  ExpectError(ReadHl7Message(bad, options_), "102", "EVN^1^2", false);
}

// `""` is the explicit null (er7.h): an EVN-6 sent as `""` has no value, so
// the event time falls back to EVN-2 (A08 updates are full of `""`).
TEST_F(Hl7ReaderTest, NullEvn6FallsBackToEvn2) {
  std::string raw = Adt("A08");
  const std::string evn = "EVN|A08|20240315113000+0000";
  raw.replace(raw.find(evn), evn.size(), evn + "||||\"\"");
  Hl7Reading r = ReadHl7Message(raw, options_);
  ASSERT_FALSE(r.ack.error.has_value())
      << r.ack.error->code << " " << r.ack.error->location << " "
      << r.ack.error->text;
  ASSERT_NE(Event(r), nullptr);
  EXPECT_EQ(Event(r)->occurred_at, T("20240315113000+0000"));
}

TEST_F(Hl7ReaderTest, AdtWithoutPatientIsAE) {
  Hl7Reading r = ReadHl7Message(
      "MSH|^~\\&|A|B|||20240315120000+0000||ADT^A01|1|P|2.5\rEVN|A01\r",
      options_);
  ExpectError(r, "101", "PID^1^3", false);
}

// RAS^O17: a vasopressor infusion started (no end, a rate), its rate
// changed and then stopped, all one order; a tocilizumab dose completed.
TEST(Hl7ReaderRxaTest, RasInfusionsAndDoses) {
  const std::string ras =
      "MSH|^~\\&|MAR|ICU|IRAED|ONC|20260922100000+0000||RAS^O17|R-1|P|2.5.1\r"
      "PID|1||MRN-1^^^HOSP^MR\r"
      "ORC|RE|P-7|F-7\r"
      "RXA|0|1|20260922093000+0000||NE^Norepinephrine^99PHARM|8|mg|||||"
      "12ml/hr||||||||CP|A\r"
      "RXR|IV^Intravenous^HL70162\r"
      "RXA|0|2|20260922094500+0000|20260922094500+0000|NE^Norepinephrine^"
      "99PHARM|8|mg|||||20ml/hr||||||||CP|U\r"
      "ORC|RE|P-8|F-8\r"
      "RXA|0|1|20260922080000+0000|20260922090000+0000|TOCI^Tocilizumab^"
      "99PHARM|400|mg|||||||||||||CP|A\r"
      "RXA|0|1|20260922070000+0000||APAP^Acetaminophen^99PHARM|1|g||||||||"
      "|||||RE\r"
      "RXA|0|1|20260922060000+0000||X^Wrong^99PHARM|1|g|||||||||||||CP|D\r";
  const Hl7Reading r = ReadHl7Message(ras, Hl7Options{});
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  EXPECT_EQ(r.body_kind, "medication_administration");
  const auto& batch =
      std::get<model::MedicationAdministrationBatch>(r.message->body);
  ASSERT_EQ(batch.administrations.size(), 5u);
  const auto& start = batch.administrations[0];
  EXPECT_EQ(start.patient.id, "MRN-1");
  EXPECT_EQ(start.drug.display, "Norepinephrine");
  EXPECT_EQ(start.drug.system, "99PHARM");
  EXPECT_EQ(start.status, model::AdministrationStatus::kInProgress);
  EXPECT_EQ(start.rate, 12);
  EXPECT_EQ(start.rate_unit, "ml/hr");
  EXPECT_EQ(start.route, "IV");
  EXPECT_EQ(start.administration_id, "F-7|NE");
  EXPECT_EQ(start.started_at, 1790069400000);
  // The rate change: same order, same id; end equal to start is no end.
  EXPECT_EQ(batch.administrations[1].administration_id, "F-7|NE");
  EXPECT_EQ(batch.administrations[1].status,
            model::AdministrationStatus::kInProgress);
  EXPECT_EQ(batch.administrations[1].rate, 20);
  const auto& toci = batch.administrations[2];
  EXPECT_EQ(toci.status, model::AdministrationStatus::kCompleted);
  EXPECT_EQ(toci.dose, 400);
  EXPECT_EQ(toci.dose_unit, "mg");
  ASSERT_TRUE(toci.ended_at.has_value());
  EXPECT_EQ(*toci.ended_at - toci.started_at, 3600000);
  EXPECT_EQ(toci.administration_id, "F-8|TOCI");
  EXPECT_EQ(batch.administrations[3].status,
            model::AdministrationStatus::kNotGiven);
  EXPECT_EQ(batch.administrations[4].status,
            model::AdministrationStatus::kEnteredInError);
}

TEST(Hl7ReaderRxaTest, MissingDrugOrStartIsAe) {
  const std::string head =
      "MSH|^~\\&|MAR|ICU|IRAED|ONC|20260922100000||RAS^O17|R-2|P|2.5.1\r"
      "PID|1||MRN-1^^^HOSP^MR\r";
  Hl7Reading r =
      ReadHl7Message(head + "RXA|0|1|20260922093000|||1|mg\r", Hl7Options{});
  ASSERT_TRUE(r.ack.error.has_value());
  EXPECT_EQ(r.ack.error->code, "101");
  EXPECT_EQ(r.ack.error->location, "RXA^1^5");
  EXPECT_FALSE(r.ack.error->reject);
  r = ReadHl7Message(head + "RXA|0|1|||NE^Norepinephrine^L|1|mg\r",
                     Hl7Options{});
  ASSERT_TRUE(r.ack.error.has_value());
  EXPECT_EQ(r.ack.error->location, "RXA^1^3");
  r = ReadHl7Message(head, Hl7Options{});
  ASSERT_TRUE(r.ack.error.has_value());
  EXPECT_EQ(r.ack.error->location, "RXA^1^1");
}

}  // namespace

}  // namespace iraed::hl7
