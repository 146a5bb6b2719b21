// Every public HL7 sample (../shared/samples/hl7, by path; skipped when
// absent) through the running daemon over MLLP: each message gets the
// acknowledgement the reference and the README table say it should, with
// MSA-2 = MSH-10, and the results of every accepted ORU land in the store.
// Batch files (FHS/BHS first) go in one frame and get one response batch.
#include <gtest/gtest.h>

#include <set>

#include "integration/integration_fixture.h"
#include "support/hl7_samples.h"
#include "support/mllp_client.h"

namespace iraed::testing {
namespace {

bool Supported(const std::pair<std::string, std::string>& type) {
  static const std::set<std::string> kAdt = {"A01", "A02", "A03", "A04",
                                             "A05", "A06", "A07", "A08",
                                             "A14", "A28", "A31", "A40"};
  const auto& [code, trigger] = type;
  return (code == "ORU" && trigger == "R01") ||
         (code == "ADT" && kAdt.count(trigger) > 0) ||
         (code == "RAS" && trigger == "O17") ||
         (code == "VXU" && trigger == "V04");
}

// Whether MSH-15/16 ask for an answer to a message that succeeds or not
// (README "Acknowledgements": one answer, commit ack first).
bool WantsAnswer(const std::string& msh15, const std::string& msh16,
                 bool success) {
  if (msh15.empty() && msh16.empty()) return true;
  auto wants = [success](const std::string& t) {
    if (t.empty() || t == "NE") return false;
    if (t == "ER") return !success;
    if (t == "SU") return success;
    return true;
  };
  return wants(msh15) || wants(msh16);
}

class MllpSamplesTest : public DaemonTest {
 protected:
  void SetUp() override { StartDaemon({"--mllp-listen", "127.0.0.1:0"}); }
};

TEST_F(MllpSamplesTest, EverySampleGetsItsAcknowledgement) {
  const std::vector<std::string> files = SampleFiles();
  if (files.empty()) GTEST_SKIP() << "no sample folder at " << SampleDir();
  auto c = MllpClient::Connect(daemon_->mllp_port());
  ASSERT_TRUE(c.ok());
  int checked = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    std::string text = ReadSample(SampleDir() / file);
    const std::string head =
        text.substr(text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0, 3);
    if (head == "FHS" || head == "BHS") {
      // One frame, one response batch with one ACK per message that asks
      // for one.
      ASSERT_TRUE((*c)->Send(text).ok());
      auto reply = (*c)->ReadFrame();
      ASSERT_TRUE(reply.ok()) << reply.status().ToString();
      EXPECT_TRUE(reply->rfind("FHS", 0) == 0 || reply->rfind("BHS", 0) == 0)
          << *reply;
      for (const std::string& m : SplitMessages(text)) {
        const bool answered = WantsAnswer(MshField(m, 15), MshField(m, 16),
                                          Supported(MessageType(m)));
        EXPECT_EQ(
            reply->find("|" + MshField(m, 10) + "\r") != std::string::npos,
            answered)
            << *reply;
        ++checked;
      }
      continue;
    }
    for (const std::string& m : SplitMessages(text)) {
      const std::string id = MshField(m, 10);
      const bool success = !id.empty() && Supported(MessageType(m));
      ASSERT_TRUE((*c)->Send(m).ok());
      if (!WantsAnswer(MshField(m, 15), MshField(m, 16), success)) {
        EXPECT_FALSE((*c)->ReadFrame(std::chrono::milliseconds(300)).ok())
            << "unasked-for answer to " << id;
        ++checked;
        continue;
      }
      auto ack = (*c)->ReadFrame();
      ASSERT_TRUE(ack.ok()) << id << ": " << ack.status().ToString();
      // The answer is in the sender's delimiters: read its MSA that way.
      const char sep = m[3];
      const std::string msa = Segment(*ack, 1);
      ASSERT_EQ(msa.substr(0, 3), "MSA") << *ack;
      const std::string prefix = std::string("MSA") + sep;
      const std::string code = msa.substr(4, 2);
      EXPECT_EQ(msa.substr(0, 4), prefix);
      EXPECT_EQ(msa.substr(7, id.size()), id) << msa;
      if (success) {
        EXPECT_TRUE(code == "AA" || code == "CA") << id << ": " << *ack;
      } else {
        EXPECT_TRUE(code == "AR" || code == "CR") << id << ": " << *ack;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
  // Every accepted ORU with results has its observations in the store.
  EXPECT_EQ(Count("SELECT count(*) FROM messages m WHERE m.outcome = "
                  "'accepted' AND m.body_kind = 'observations' AND "
                  "(instr(CAST(m.raw AS TEXT), char(13) || 'OBX') > 0 OR "
                  "instr(CAST(m.raw AS TEXT), char(10) || 'OBX') > 0) AND NOT "
                  "EXISTS (SELECT 1 FROM observations o WHERE o.message = "
                  "m.id)"),
            0);
  EXPECT_GT(Count("SELECT count(*) FROM observations"), 100);
  EXPECT_GT(Count("SELECT count(*) FROM patient_events"), 10);
  // Resent messages (the Mirth stream repeats its control ids) are
  // acknowledged and filed as duplicates, never applied twice.
  EXPECT_GT(Count("SELECT count(*) FROM messages WHERE outcome='duplicate'"),
            100);
}

}  // namespace
}  // namespace iraed::testing
