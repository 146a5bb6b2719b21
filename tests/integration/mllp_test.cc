// HL7 v2 over MLLP end to end: the real daemon, real sockets, a real SQLite
// file; the project's own MLLP client for timing-sensitive cases and
// Debian's python3-hl7 `mllp_send` as an independent sender.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "integration/integration_fixture.h"
#include "support/mllp_client.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

// An ORU^R01 with one ALT result for patient `mrn`, control id `id`.
std::string Oru(const std::string& id, const std::string& mrn,
                const std::string& value = "250",
                const std::string& obx14 = "20260921141320") {
  return "MSH|^~\\&|LIS|LAB-1|IRAED|ONC|20260921141500||ORU^R01^ORU_R01|" + id +
         "|P|2.5.1\r"
         "PID|1||" +
         mrn +
         "^^^HOSP^MR~999^^^SSA^SS||DOE^JANE\r"
         "OBR|1||F-1|24323-8^CMP^LN|||20260921141000\r"
         "OBX|1|NM|1742-6^ALT SerPl-cCnc^LN||" +
         value + "|U/L|7-56|H|||F|||" + obx14 + "\r";
}

class MllpTest : public DaemonTest {
 protected:
  void SetUp() override { StartDaemon({"--mllp-listen", "127.0.0.1:0"}); }

  std::unique_ptr<MllpClient> Hl7() {
    auto c = MllpClient::Connect(daemon_->mllp_port());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }

  // Sends `message` and returns the one acknowledgement.
  std::string RoundTrip(MllpClient& c, const std::string& message) {
    EXPECT_TRUE(c.Send(message).ok());
    auto ack = c.ReadFrame();
    EXPECT_TRUE(ack.ok()) << ack.status().ToString();
    return ack.ok() ? *ack : "";
  }
};

TEST_F(MllpTest, ResultIsStoredBeforeAaWithTheHeaderSwapped) {
  ASSERT_NE(daemon_->mllp_port(), 0);
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  // MSH-10 longer than ST(20): echoed verbatim, never truncated.
  const std::string id(60, 'Z');
  const std::string ack = RoundTrip(*c, Oru(id, "MRN-7"));
  const std::string msh = Segment(ack, 0);
  const std::string msa = Segment(ack, 1);
  EXPECT_EQ(FieldOf(msh, 3), "IRAED");
  EXPECT_EQ(FieldOf(msh, 4), "ONC");
  EXPECT_EQ(FieldOf(msh, 5), "LIS");
  EXPECT_EQ(FieldOf(msh, 6), "LAB-1");
  EXPECT_EQ(FieldOf(msh, 9), "ACK^R01^ACK");
  EXPECT_EQ(FieldOf(msh, 12), "2.5.1");
  EXPECT_EQ(FieldOf(msa, 1), "AA");
  EXPECT_EQ(FieldOf(msa, 2), id);
  // On disk by the time the AA arrived: the raw message and its result,
  // filed under the MR identifier.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE protocol='hl7v2' AND "
                  "outcome='accepted' AND source='LIS|LAB-1' AND "
                  "message_id='" +
                  id + "' AND length(raw) > 100"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM observations o JOIN patients p ON "
                  "p.id=o.patient WHERE p.identifier='MRN-7' AND "
                  "p.assigning_authority='HOSP' AND o.code='1742-6' AND "
                  "o.value_numeric=250 AND o.ref_high=56 AND o.unit='U/L' "
                  "AND o.result_id='F-1|1742-6|'"),
            1);
}

TEST_F(MllpTest, DuplicateIsAcknowledgedAndNotAppliedTwice) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(FieldOf(Segment(RoundTrip(*c, Oru("D-1", "MRN-1")), 1), 1), "AA");
  const std::string again = RoundTrip(*c, Oru("D-1", "MRN-1"));
  EXPECT_EQ(FieldOf(Segment(again, 1), 1), "AA");
  EXPECT_NE(FieldOf(Segment(again, 1), 3).find("duplicate"), std::string::npos);
  // Same id, different content: acknowledged, kept and flagged.
  EXPECT_EQ(FieldOf(Segment(RoundTrip(*c, Oru("D-1", "MRN-1", "999")), 1), 1),
            "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='duplicate'"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='duplicate' "
                  "AND reason LIKE '%differ%'"),
            1);
}

TEST_F(MllpTest, SenderDelimitersAreUsedInTheAnswer) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  // Field '^', component '~', repetition '|' (as HAPI's A24 sample).
  const std::string msg =
      "MSH^~|\\&^LIS^LAB-1^IRAED^ONC^20260921141500^^ORU~R01^CTL-9^P^2.4\r"
      "PID^1^^MRN-2~~~HOSP~MR\r"
      "OBX^1^NM^1742-6~ALT~LN^^99^U/L^7-56^^^^F^^^20260921141320\r";
  const std::string ack = RoundTrip(*c, msg);
  ASSERT_EQ(ack.rfind("MSH^~|\\&^", 0), 0u) << ack;
  EXPECT_NE(ack.find("\rMSA^AA^CTL-9"), std::string::npos) << ack;
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE value_numeric=99"),
            1);
}

TEST_F(MllpTest, ContentErrorGetsAeWithErrAndIsKept) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string ack =
      RoundTrip(*c, Oru("E-1", "MRN-3", "250", "yesterday at noon"));
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AE");
  const std::string err = Segment(ack, 2);
  EXPECT_EQ(FieldOf(err, 0), "ERR");
  EXPECT_EQ(FieldOf(err, 2), "OBX^1^14");
  EXPECT_EQ(FieldOf(err, 3), "102^Data type error^HL70357");
  EXPECT_EQ(FieldOf(err, 4), "E");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' "
                  "AND message_id='E-1' AND reason LIKE '%OBX-14%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 0);
}

TEST_F(MllpTest, UnsupportedTypeVersionAndMissingIdAreAr) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string siu =
      "MSH|^~\\&|SCH|H|IRAED|ONC|20260921141500||SIU^S12|S-1|P|2.5\r"
      "SCH|1\r";
  std::string ack = RoundTrip(*c, siu);
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AR");
  EXPECT_EQ(FieldOf(Segment(ack, 2), 3),
            "200^Unsupported message type^HL70357");
  std::string v3 = Oru("V-1", "MRN-4");
  v3.replace(v3.find("|2.5.1\r"), 7, "|3.0\r");
  ack = RoundTrip(*c, v3);
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AR");
  EXPECT_EQ(FieldOf(Segment(ack, 2), 3).substr(0, 3), "203");
  std::string no_id = Oru("", "MRN-4");
  ack = RoundTrip(*c, no_id);
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AR");
  EXPECT_EQ(FieldOf(Segment(ack, 2), 3).substr(0, 3), "101");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected'"), 3);
}

TEST_F(MllpTest, EnhancedModeAnswersOneCommitAck) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  std::string msg = Oru("EN-1", "MRN-5");
  // MSH-15 AL, MSH-16 AL.
  msg.replace(msg.find("|2.5.1\r"), 7, "|2.5.1|||AL|AL\r");
  const std::string ack = RoundTrip(*c, msg);
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "CA");
  // Exactly one answer: nothing else arrives.
  EXPECT_FALSE(c->ReadFrame(std::chrono::milliseconds(300)).ok());
}

TEST_F(MllpTest, FramesSplitAcrossReadsAndJunkBetweenFrames) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string a = "\x0b" + Oru("S-1", "MRN-6") + "\x1c\x0d";
  const std::string b = "\x0b" + Oru("S-2", "MRN-6") + "\x1c\x0d";
  // NULs and a newline before the first frame, the second frame glued to
  // the first and cut in three pieces with pauses in between.
  const std::string all = std::string("\0\0\n", 3) + a + b;
  const std::size_t cut1 = 3 + a.size() + 5;
  const std::size_t cut2 = cut1 + 40;
  ASSERT_TRUE(c->SendRaw(all.substr(0, cut1)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(c->SendRaw(all.substr(cut1, cut2 - cut1)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(c->SendRaw(all.substr(cut2)).ok());
  auto first = c->ReadFrame();
  auto second = c->ReadFrame();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(FieldOf(Segment(*first, 1), 2), "S-1");
  EXPECT_EQ(FieldOf(Segment(*second, 1), 2), "S-2");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted'"), 2);
}

class MllpLimitsTest : public DaemonTest {};

TEST_F(MllpLimitsTest, OversizedAndStalledFramesOnlyAffectTheirConnection) {
  const std::string conf = dir_.File("mllp.conf");
  std::ofstream(conf) << "mllp_listener { listen: \"127.0.0.1:0\" "
                         "max_frame_bytes: 2048 frame_timeout_seconds: 1 }\n";
  StartDaemon({"--config", conf});
  auto healthy = MllpClient::Connect(daemon_->mllp_port());
  auto big = MllpClient::Connect(daemon_->mllp_port());
  auto stalled = MllpClient::Connect(daemon_->mllp_port());
  ASSERT_TRUE(healthy.ok() && big.ok() && stalled.ok());
  // Over the limit: answered AE (ERR 100) and closed.
  std::string huge = Oru("BIG-1", "MRN-8");
  huge += "NTE|1||" + std::string(4000, 'x') + "\r";
  ASSERT_TRUE((*big)->Send(huge).ok());
  auto ack = (*big)->ReadFrame();
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  EXPECT_EQ(FieldOf(Segment(*ack, 1), 1), "AE");
  EXPECT_EQ(FieldOf(Segment(*ack, 1), 2), "BIG-1");
  EXPECT_TRUE((*big)->WaitForClose(std::chrono::seconds(5)));
  // A frame that never ends: closed after the frame timeout.
  ASSERT_TRUE((*stalled)->SendRaw("\x0bMSH|^~\\&|LIS").ok());
  EXPECT_TRUE((*stalled)->WaitForClose(std::chrono::seconds(5)));
  // The third connection never noticed.
  ASSERT_TRUE((*healthy)->Send(Oru("OK-1", "MRN-8")).ok());
  auto ok = (*healthy)->ReadFrame();
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(FieldOf(Segment(*ok, 1), 1), "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' "
                  "AND message_id='BIG-1' AND reason LIKE '%limit%'"),
            1);
}

// Debian's python3-hl7 client as an independent sender.
TEST_F(MllpTest, DebianMllpSendGetsAcknowledgements) {
  if (!std::filesystem::exists("/usr/bin/mllp_send")) {
    GTEST_SKIP() << "python3-hl7 (mllp_send) is not installed";
  }
  const std::string file = dir_.File("two.hl7");
  std::ofstream(file) << Oru("PY-1", "MRN-9") << "\n" << Oru("PY-2", "MRN-9");
  auto r = RunCommand({"/usr/bin/mllp_send", "--port",
                       std::to_string(daemon_->mllp_port()), "--loose",
                       "--file", file, "127.0.0.1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("MSA|AA|PY-1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("MSA|AA|PY-2"), std::string::npos) << r.out;
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 2);
}

// HL7 results feed the same grading: a CAR-T patient's flowsheet row sent
// as HL7 raises the CRS alert before the AA.
TEST_F(MllpTest, FlowsheetOverHl7RaisesCrs) {
  auto p = Connect();
  ASSERT_NE(p, nullptr);
  pb::Envelope infusion;
  infusion.set_message_id("cart-1");
  infusion.set_source("pharmacy");
  auto* t = infusion.mutable_therapy_event();
  t->mutable_patient()->set_id("MRN-10");
  t->mutable_patient()->set_assigning_authority("HOSP");
  t->set_kind(pb::THERAPY_KIND_CAR_T_INFUSION);
  t->mutable_product()->set_display("Kymriah");
  t->mutable_administered_at()->set_seconds(1790000000);  // 2026-09-21 14:13Z
  ASSERT_EQ(DaemonTest::RoundTrip(*p, infusion).status(),
            pb::ACK_STATUS_ACCEPTED);
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string vitals =
      "MSH|^~\\&|FLOW|ICU|IRAED|ONC|20260922100000+0000||ORU^R01|V-1|P|2.5.1\r"
      "PID|1||MRN-10^^^HOSP^MR\r"
      "OBR|1||FS-1|85353-1^Vital signs^LN|||20260922100000+0000\r"
      "OBX|1|NM|8310-5^Body temperature^LN||38.9|Cel||H|||F\r"
      "OBX|2|CWE|O2-DEVICE^Oxygen device^IRAED||NC^Nasal cannula^L||||||F\r"
      "OBX|3|NM|3151-8^O2 flow^LN||4|L/min|||||F\r";
  const std::string ack = RoundTrip(*c, vitals);
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AA") << ack;
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS' AND "
                  "grade=2"),
            1);
}

// Everything over HL7: the CAR-T infusion and a vasopressor as RAS^O17, the
// fever as ORU^R01: CRS grade 3 (one vasopressor), from HL7 alone.
TEST_F(MllpTest, CarTInfusionAndVasopressorOverRas) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string msh = "MSH|^~\\&|MAR|ICU|IRAED|ONC|20260922100000+0000||";
  const std::string pid = "PID|1||MRN-11^^^HOSP^MR\r";
  std::string ack = RoundTrip(
      *c, msh + "RAS^O17|R-1|P|2.5.1\r" + pid +
              "ORC|RE|P-1|F-1\r"
              "RXA|0|1|20260921090000+0000|20260921093000+0000|KYM^Kymriah^"
              "99PHARM|1|bag|||||||||||||CP|A\r");
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AA") << ack;
  EXPECT_EQ(Count("SELECT count(*) FROM therapies WHERE "
                  "kind='car_t_infusion' AND event_id='F-1|KYM'"),
            1);
  ack = RoundTrip(*c, msh + "ORU^R01|O-1|P|2.5.1\r" + pid +
                          "OBX|1|NM|8310-5^Body temperature^LN||39.1|Cel|||||F|"
                          "||20260922094000+0000\r");
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AA") << ack;
  ack = RoundTrip(*c, msh + "RAS^O17|R-2|P|2.5.1\r" + pid +
                          "ORC|RE|P-2|F-2\r"
                          "RXA|0|1|20260922095000+0000||NE^Norepinephrine^"
                          "99PHARM|8|mg|||||10ml/hr||||||||CP|A\r"
                          "RXR|IV\r");
  EXPECT_EQ(FieldOf(Segment(ack, 1), 1), "AA") << ack;
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_class='vasopressor' AND status='in_progress' AND "
                  "route='IV' AND rate=10"),
            1);
  EXPECT_EQ(Count("SELECT max(grade) FROM alerts WHERE syndrome='CRS'"), 3);

  // The provenance of that alert, for an auditor.
  const std::int64_t alert =
      Count("SELECT id FROM alerts WHERE syndrome='CRS' AND grade=3");
  auto explain = RunCommand({IRAECTL_BINARY, "--db", db_path(), "audit",
                             "explain", std::to_string(alert)});
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  const std::string& e = explain.out;
  EXPECT_NE(e.find("Alert " + std::to_string(alert) + ": CRS grade 3 (was "),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("ASTCT 2019 grade 3"), std::string::npos) << e;
  EXPECT_NE(e.find("rule version astct-2019-crs/"), std::string::npos);
  EXPECT_NE(e.find("\"vasopressors\":[\"norepinephrine\"]"), std::string::npos);
  EXPECT_NE(e.find("RXA|0|1|20260922095000+0000||NE^Norepinephrine"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("alert alerts " + std::to_string(alert)), std::string::npos)
      << e;
  EXPECT_EQ(e.find("NO AUDIT ENTRY"), std::string::npos) << e;
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "--db", db_path(), "audit", "explain",
                        "99999"})
                .exit_code,
            4);  // not found
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "--db", db_path(), "audit", "explain"})
                .exit_code,
            2);
}

// FHS/BHS batch in one frame: every message filed, one response batch of
// their acknowledgements in one frame.
TEST_F(MllpTest, BatchInOneFrameGetsOneResponseBatch) {
  auto c = Hl7();
  ASSERT_NE(c, nullptr);
  const std::string batch =
      "FHS|^~\\&|LIS|LAB|IRAED|ONC|20260922\r"
      "BHS|^~\\&|LIS|LAB|IRAED|ONC|20260922||||B-1\r" +
      Oru("BA-1", "MRN-12") + Oru("BA-2", "MRN-13", "not a number") +
      "MSH|^~\\&|SCH|H|IRAED|ONC|20260921||SIU^S12|BA-3|P|2.5\r"
      "BTS|3\rFTS|1\r";
  const std::string reply = RoundTrip(*c, batch);
  EXPECT_EQ(reply.rfind("FHS|", 0), 0u) << reply;
  EXPECT_NE(reply.find("MSA|AA|BA-1"), std::string::npos) << reply;
  EXPECT_NE(reply.find("MSA|AA|BA-2"), std::string::npos) << reply;
  EXPECT_NE(reply.find("MSA|AR|BA-3"), std::string::npos) << reply;
  EXPECT_NE(reply.find("BTS|3\rFTS|1\r"), std::string::npos) << reply;
  EXPECT_FALSE(c->ReadFrame(std::chrono::milliseconds(200)).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id LIKE "
                  "'BA-%'"),
            3);
  // The non-numeric ALT value is kept as text.
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE "
                  "value_text='not a number'"),
            1);
}

}  // namespace
}  // namespace iraed::testing
