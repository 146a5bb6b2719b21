// Every public sample message in ../shared/samples/hl7 (hl7-mllp.md section
// 8) through the HL7 reader and the acknowledgement builder. The samples are
// read where they are, never copied into the project.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "hl7/ack_builder.h"
#include "hl7/er7.h"
#include "hl7/hl7_reader.h"
#include "support/hl7_samples.h"

namespace iraed::hl7 {
namespace {

namespace fs = std::filesystem;
using ::iraed::testing::MessageType;
using ::iraed::testing::MshField;
using ::iraed::testing::SampleDir;
using ::iraed::testing::SampleFiles;
using ::iraed::testing::SplitMessages;
std::string ReadFile(const fs::path& p) {
  return ::iraed::testing::ReadSample(p);
}

bool SupportedAdtEvent(const std::string& e) {
  static const std::set<std::string> kEvents = {"A01", "A02", "A03", "A04",
                                                "A05", "A06", "A07", "A08",
                                                "A14", "A28", "A31", "A40"};
  return kEvents.count(e) > 0;
}

// OBX segments of a message that are not skipped (OBX-11 O and N are),
// counted from the raw lines.
std::size_t ResultObxCount(std::string_view message) {
  const char sep = message.size() > 3 ? message[3] : '|';
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t end = message.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = message.size();
    const std::string_view line = message.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 4 || line.substr(0, 3) != "OBX" || line[3] != sep) {
      continue;
    }
    std::size_t field = 0;
    std::size_t start = 0;
    std::string_view status;
    for (std::size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == sep) {
        if (field == 11) status = line.substr(start, i - start);
        ++field;
        start = i + 1;
      }
    }
    if (status != "O" && status != "N") ++count;
  }
  return count;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  if (name.size() > 4) name.resize(name.size() - 4);  // ".hl7"
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class SampleFileTest : public ::testing::TestWithParam<std::string> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SampleFileTest);

TEST_P(SampleFileTest, ReadsAndAcknowledgesEveryMessage) {
  const std::string file = GetParam();
  const std::vector<std::string> messages =
      SplitMessages(ReadFile(SampleDir() / file));
  ASSERT_FALSE(messages.empty()) << file << " has no MSH";
  Hl7Options options;
  int index = 0;
  for (const std::string& raw : messages) {
    SCOPED_TRACE(file + " message #" + std::to_string(index++));
    const Hl7Reading r = ReadHl7Message(raw, options);
    // Invariants of any reading.
    EXPECT_TRUE(r.ack.msh_readable);
    EXPECT_EQ(r.message.has_value(), !r.ack.error.has_value());
    const std::string msh10 = MshField(raw, 10);
    if (!msh10.empty()) {
      EXPECT_EQ(r.ack.control_id, msh10);
      EXPECT_EQ(r.message_id, msh10);
    }
    if (r.ack.error) {
      EXPECT_FALSE(r.ack.error->code.empty());
      EXPECT_FALSE(r.ack.error->text.empty());
    }
    // The acknowledgements parse and echo MSH-10 verbatim.
    const model::Outcome outcome{r.ack.error ? model::Disposition::kRejected
                                             : model::Disposition::kAccepted,
                                 "", 0};
    for (const std::string& ack : AcksFor(r.ack, outcome, "ACK1", 0)) {
      auto parsed = Er7Message::Parse(ack);
      ASSERT_TRUE(parsed.ok()) << ack;
      const Segment* msa = parsed->Find("MSA");
      ASSERT_NE(msa, nullptr) << ack;
      EXPECT_EQ(parsed->Field(*msa, 2), msh10);
      EXPECT_EQ(parsed->delimiters().field, r.ack.delimiters.field);
      EXPECT_EQ(parsed->Field(parsed->msh(), 3), MshField(raw, 5));
      EXPECT_EQ(parsed->Field(parsed->msh(), 5), MshField(raw, 3));
    }

    const auto [code, trigger] = MessageType(raw);
    if (msh10.empty()) {
      // hapi_lab_workflow_13msgs_cr_blank_segments.hl7 has two of these.
      ASSERT_TRUE(r.ack.error.has_value());
      EXPECT_EQ(r.ack.error->code, "101");
      EXPECT_EQ(r.ack.error->location, "MSH^1^10");
      EXPECT_TRUE(r.ack.error->reject);
      continue;
    }
    if (code == "ORU" && trigger == "R01") {
      EXPECT_EQ(r.body_kind, "observations");
      ASSERT_FALSE(r.ack.error.has_value())
          << r.ack.error->code << " " << r.ack.error->location << " "
          << r.ack.error->text;
      ASSERT_TRUE(r.message.has_value());
      const auto* batch =
          std::get_if<model::ObservationBatch>(&r.message->body);
      ASSERT_NE(batch, nullptr);
      EXPECT_FALSE(batch->patient.id.empty());
      // Every OBX that is not skipped is one observation; only a message
      // without OBX (pyhl7_rep_sample.hl7) maps to none.
      const std::size_t results = ResultObxCount(raw);
      EXPECT_EQ(batch->observations.size(), results);
      if (file != "pyhl7_rep_sample.hl7") {
        EXPECT_GE(batch->observations.size(), 1u);
      }
      for (const model::Observation& o : batch->observations) {
        EXPECT_FALSE(o.code.system.empty());
        EXPECT_FALSE(o.result_id.empty());
        EXPECT_FALSE(o.numeric.has_value() && o.text.has_value());
      }
    } else if (code == "ADT" && SupportedAdtEvent(trigger)) {
      ASSERT_FALSE(r.ack.error.has_value())
          << r.ack.error->code << " " << r.ack.error->location << " "
          << r.ack.error->text;
      EXPECT_EQ(r.body_kind, "patient_event");
      ASSERT_TRUE(r.message.has_value());
      const auto* event = std::get_if<model::PatientEvent>(&r.message->body);
      ASSERT_NE(event, nullptr);
      EXPECT_FALSE(event->patient.id.empty());
    } else if ((code == "RAS" && trigger == "O17") ||
               (code == "VXU" && trigger == "V04")) {
      ASSERT_FALSE(r.ack.error.has_value())
          << r.ack.error->code << " " << r.ack.error->location << " "
          << r.ack.error->text;
      EXPECT_EQ(r.body_kind, "medication_administration");
      const auto* batch =
          std::get_if<model::MedicationAdministrationBatch>(&r.message->body);
      ASSERT_NE(batch, nullptr);
      // One administration per RXA segment.
      std::size_t rxa = 0;
      for (std::size_t at = raw.find("RXA|"); at != std::string::npos;
           at = raw.find("RXA|", at + 1)) {
        if (at == 0 || raw[at - 1] == '\r' || raw[at - 1] == '\n') ++rxa;
      }
      EXPECT_EQ(batch->administrations.size(), rxa);
      for (const auto& a : batch->administrations) {
        EXPECT_GT(a.started_at, 0);
        EXPECT_FALSE(a.drug.code.empty() && a.drug.display.empty());
      }
    } else if (code == "ADT") {
      ASSERT_TRUE(r.ack.error.has_value());
      EXPECT_EQ(r.ack.error->code, "201");
      EXPECT_TRUE(r.ack.error->reject);
    } else {
      ASSERT_TRUE(r.ack.error.has_value());
      EXPECT_EQ(r.ack.error->code, "200");
      EXPECT_TRUE(r.ack.error->reject);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Hl7Samples, SampleFileTest,
                         ::testing::ValuesIn(SampleFiles()), TestName);

// ------------------------------------------------- specific sample facts

class SampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(SampleDir())) {
      GTEST_SKIP() << "no sample folder at " << SampleDir();
    }
  }
  static std::vector<std::string> Messages(const std::string& file) {
    const fs::path p = SampleDir() / file;
    if (!fs::exists(p)) return {};
    return SplitMessages(ReadFile(p));
  }
  static Hl7Reading Read(const std::string& file, std::size_t index = 0) {
    const auto messages = Messages(file);
    if (index >= messages.size()) {
      ADD_FAILURE() << file << " has no message #" << index;
      return Hl7Reading{};
    }
    return ReadHl7Message(messages[index], Hl7Options{});
  }
  static const model::ObservationBatch* Batch(const Hl7Reading& r) {
    if (!r.message) return nullptr;
    return std::get_if<model::ObservationBatch>(&r.message->body);
  }
};

TEST_F(SampleTest, LabWorkflowMessagesWithoutMsh10AreAR101) {
  const auto messages =
      Messages("hapi_lab_workflow_13msgs_cr_blank_segments.hl7");
  ASSERT_EQ(messages.size(), 13u);
  int without_id = 0;
  for (const std::string& raw : messages) {
    const Hl7Reading r = ReadHl7Message(raw, Hl7Options{});
    if (!r.ack.control_id.empty()) continue;
    ++without_id;
    ASSERT_TRUE(r.ack.error.has_value());
    EXPECT_EQ(r.ack.error->code, "101");
    EXPECT_TRUE(r.ack.error->reject);
    const auto acks =
        AcksFor(r.ack, {model::Disposition::kRejected, "", 0}, "A", 0);
    ASSERT_EQ(acks.size(), 1u);
    auto ack = Er7Message::Parse(acks[0]);
    ASSERT_TRUE(ack.ok());
    ASSERT_NE(ack->Find("MSA"), nullptr);
    EXPECT_EQ(ack->Field(*ack->Find("MSA"), 1), "AR");
    ASSERT_NE(ack->Find("ERR"), nullptr);
    EXPECT_EQ(ack->Value(*ack->Find("ERR"), 3), "101");
  }
  EXPECT_EQ(without_id, 2);
}

TEST_F(SampleTest, SimpleSenderHas124Messages) {
  const auto messages =
      Messages("mirth_simplesender_124_adt_crlf_blank_lines.hl7");
  ASSERT_EQ(messages.size(), 124u);
  std::set<std::string> ids;
  for (const std::string& raw : messages) {
    const Hl7Reading r = ReadHl7Message(raw, Hl7Options{});
    ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
    ids.insert(r.message_id);
  }
  EXPECT_EQ(ids.size(), 15u);
}

TEST_F(SampleTest, StructuredNumericGlucose) {
  for (const char* file :
       {"ms_oru_r01_v24_sn_value.hl7", "pyhl7_oru_r01_v24_sn_fn.hl7"}) {
    SCOPED_TRACE(file);
    const Hl7Reading r = Read(file);
    const auto* b = Batch(r);
    ASSERT_NE(b, nullptr);
    ASSERT_GE(b->observations.size(), 1u);
    const model::Observation& o = b->observations[0];
    EXPECT_EQ(o.code.code, "1554-5");
    EXPECT_EQ(o.numeric, 182.0);
    EXPECT_EQ(o.comparator, "");
    EXPECT_EQ(o.unit, "mg/dl");
    EXPECT_EQ(o.reference_range.text, "70_105");
    EXPECT_EQ(o.reference_range.low, 70.0);
    EXPECT_EQ(o.reference_range.high, 105.0);
    EXPECT_EQ(o.abnormal_flag, "H");
    EXPECT_EQ(o.status, model::ResultStatus::kFinal);
    EXPECT_EQ(b->patient.id, "555-44-4444");
  }
}

TEST_F(SampleTest, LocalCodeWithLoincAlternate) {
  const Hl7Reading r = Read("mirth_oru_r01_v23_cbc_flags.hl7");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->patient.id, "12345");
  EXPECT_EQ(b->patient.assigning_authority, "MIE");
  EXPECT_EQ(b->patient.id_type, "MR");
  ASSERT_GE(b->observations.size(), 1u);
  const model::Observation& wbc = b->observations[0];
  EXPECT_EQ(wbc.code.code, "wbc");
  EXPECT_EQ(wbc.code.system, "Local");
  ASSERT_EQ(wbc.alternate_codes.size(), 1u);
  EXPECT_EQ(wbc.alternate_codes[0].code, "6690-2");
  EXPECT_EQ(wbc.alternate_codes[0].system, "LN");
  EXPECT_EQ(wbc.numeric, 7.0);
  EXPECT_EQ(wbc.unit, "/nl");
  EXPECT_EQ(wbc.reference_range.low, 3.8);
  EXPECT_EQ(wbc.reference_range.high, 11.0);
}

TEST_F(SampleTest, NumbersSentAsSt) {
  const Hl7Reading r = Read("mirth_oru_r01_v22_cbc_st_values.hl7");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr);
  ASSERT_GE(b->observations.size(), 1u);
  const model::Observation& wbc = b->observations[0];
  EXPECT_EQ(wbc.code.code, "WBC");
  ASSERT_EQ(wbc.alternate_codes.size(), 1u);
  EXPECT_EQ(wbc.alternate_codes[0].code, "6690-2");
  EXPECT_EQ(wbc.numeric, 5.8);
  EXPECT_EQ(wbc.unit, "THOU/uL");
  EXPECT_EQ(wbc.reference_range.text, "4.0-10.0");
  EXPECT_EQ(wbc.reference_range.low, 4.0);
  EXPECT_EQ(wbc.reference_range.high, 10.0);
  EXPECT_EQ(r.sent_at, 1275709644085);  // 20100604234724.085-0400
}

TEST_F(SampleTest, NistLriRangesWithTo) {
  const Hl7Reading r = Read("ms_oru_r01_v251_nist_lri_cbc.hl7");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->patient.id, "PATID1234");
  ASSERT_GE(b->observations.size(), 1u);
  const model::Observation& rbc = b->observations[0];
  EXPECT_EQ(rbc.code.code, "26453-1");
  EXPECT_EQ(rbc.code.system, "LN");
  EXPECT_EQ(rbc.numeric, 4.41);
  EXPECT_EQ(rbc.unit, "10*6/uL");
  EXPECT_EQ(rbc.reference_range.text, "4.3 to 6.2");
  EXPECT_EQ(rbc.reference_range.low, 4.3);
  EXPECT_EQ(rbc.reference_range.high, 6.2);
  EXPECT_EQ(rbc.abnormal_flag, "N");
  EXPECT_EQ(rbc.result_id, "R-991133|26453-1|");
}

TEST_F(SampleTest, CustomDelimitersA24IsAR201) {
  const Hl7Reading r = Read("hapi_adt_a24_custom_delimiters.hl7");
  EXPECT_EQ(r.ack.delimiters.field, '^');
  EXPECT_EQ(r.ack.delimiters.component, '~');
  EXPECT_EQ(r.ack.delimiters.repetition, '|');
  EXPECT_EQ(r.ack.control_id, "2003582144");
  EXPECT_EQ(r.ack.message_code, "ADT");
  EXPECT_EQ(r.ack.trigger, "A24");
  ASSERT_TRUE(r.ack.error.has_value());
  EXPECT_EQ(r.ack.error->code, "201");
  EXPECT_TRUE(r.ack.error->reject);
}

TEST_F(SampleTest, MangledMsh2IsRead) {
  const Hl7Reading r = Read("l4h_adt_a01_crlf_mangled_msh2.hl7");
  EXPECT_EQ(r.ack.delimiters.escape, '\\');
  EXPECT_EQ(r.ack.delimiters.subcomponent, '&');
  EXPECT_EQ(r.ack.delimiters.encoding_characters, "^~\\\\&");
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  ASSERT_TRUE(r.message.has_value());
  const auto* e = std::get_if<model::PatientEvent>(&r.message->body);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->patient.id, "PID1234");
  EXPECT_EQ(e->patient.id_type, "MR");
}

TEST_F(SampleTest, BomAndPreliminaryResults) {
  const Hl7Reading r = Read("ms_oru_r01_v25_two_obr_bom.hl7");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->patient.id, "10006579");
  bool saw_in_process = false;
  for (const model::Observation& o : b->observations) {
    if (o.code.code == "11156-7") {
      saw_in_process = true;
      EXPECT_EQ(o.status, model::ResultStatus::kPreliminary);
      EXPECT_FALSE(o.numeric.has_value());
      EXPECT_FALSE(o.text.has_value());
    }
  }
  EXPECT_TRUE(saw_in_process);
}

TEST_F(SampleTest, PatientIdentifierOnlyInPid4) {
  // LAB562901: PID-3 is a blank, the identifier is in PID-4.
  const Hl7Reading r =
      Read("hapi_lab_workflow_13msgs_cr_blank_segments.hl7", 9);
  EXPECT_EQ(r.ack.control_id, "LAB562901");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr) << r.ack.error->text;
  EXPECT_EQ(b->patient.id, "123456");
  EXPECT_EQ(b->observations.size(), 5u);
}

TEST_F(SampleTest, NarrativeObxWithoutIdentifier) {
  const Hl7Reading r = Read("l4h_oru_r01_empty_obx.hl7");
  const auto* b = Batch(r);
  ASSERT_NE(b, nullptr) << r.ack.error->text;
  ASSERT_EQ(b->observations.size(), 4u);
  EXPECT_EQ(b->observations[0].code.code, "12345");
  EXPECT_EQ(b->observations[1].code.code, "");
  EXPECT_EQ(b->observations[2].text, "[PII] Emergency Department");
}

TEST_F(SampleTest, BatchFilesSplitOnMsh) {
  EXPECT_EQ(Messages("pyhl7_batch_bhs_bts.hl7").size(), 2u);
  EXPECT_EQ(Messages("pyhl7_fhs_file_two_batches.hl7").size(), 3u);
  EXPECT_EQ(Messages("mirth_siu_stream_3msgs_no_bhs.hl7").size(), 3u);
  // NE/NE: no acknowledgement at all.
  const Hl7Reading r = Read("pyhl7_batch_bhs_bts.hl7");
  ASSERT_FALSE(r.ack.error.has_value()) << r.ack.error->text;
  EXPECT_EQ(r.ack.accept_ack_type, "NE");
  EXPECT_EQ(r.ack.application_ack_type, "NE");
  EXPECT_TRUE(
      AcksFor(r.ack, {model::Disposition::kAccepted, "", 1}, "A", 0).empty());
}

}  // namespace
}  // namespace iraed::hl7
