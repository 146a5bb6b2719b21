// Never stop monitoring silently (issue 11), through the real front door:
// the real daemon, real MLLP sockets, real SQLite files and the real
// iraectl. Character sets, unrecognised drugs and codes, differing
// duplicates and daylight-saving local times each leave a visible trace.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/json.h"
#include "common/utf8.h"
#include "integration/integration_fixture.h"
#include "support/mllp_client.h"

namespace iraed::testing {
namespace {

// A RAS^O17 giving `drug` (RXA-5, "code^text^system") to `mrn`, with MSH-18
// `charset`.
std::string Ras(const std::string& id, const std::string& mrn,
                const std::string& drug, const std::string& charset = "") {
  return "MSH|^~\\&|MAR|ONC|IRAED|ONC|20260921090000+0000||RAS^O17|" + id +
         "|P|2.5.1||||||" + charset +
         "\r"
         "PID|1||" +
         mrn +
         "^^^HOSP^MR\r"
         "ORC|RE|O-" +
         id +
         "|F-1\r"
         "RXA|0|1|20260921090000+0000|20260921100000+0000|" +
         drug + "|200|mg\r";
}

// An ORU^R01 with one ALT result (ULN 56): 260 U/L is CTCAE grade 2.
std::string Alt(const std::string& id, const std::string& mrn,
                const std::string& value = "260",
                const std::string& obx14 = "20260921141320+0000",
                const std::string& charset = "",
                const std::string& display = "ALT SerPl-cCnc") {
  return "MSH|^~\\&|LIS|LAB-1|IRAED|ONC|20260921141500+0000||ORU^R01|" + id +
         "|P|2.5.1||||||" + charset +
         "\r"
         "PID|1||" +
         mrn +
         "^^^HOSP^MR\r"
         "OBR|1||F-" +
         id +
         "|24323-8^CMP^LN\r"
         "OBX|1|NM|1742-6^" +
         display + "^LN||" + value + "|U/L|7-56|H|||F|||" + obx14 + "\r";
}

class VisibleGapsTest : public DaemonTest {
 protected:
  // Starts the daemon with `config` as its config file ("" for none).
  void Start(const std::string& config = "") {
    if (config.empty()) {
      StartDaemon();
      return;
    }
    const std::string conf = dir_.File("iraed.conf");
    std::ofstream(conf) << config;
    StartDaemon({"--config", conf});
  }

  // Sends one HL7 message and returns MSA-1 of its acknowledgement.
  std::string Send(const std::string& message) {
    auto c = MllpClient::Connect(daemon_->mllp_port());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return "";
    EXPECT_TRUE((*c)->Send(message).ok());
    auto ack = (*c)->ReadFrame();
    EXPECT_TRUE(ack.ok()) << ack.status().ToString();
    return ack.ok() ? FieldOf(Segment(*ack, 1), 1) : "";
  }

  CommandResult Ctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {
        IRAECTL_BINARY, "--db", db_path(), "--connect",
        "127.0.0.1:" + std::to_string(daemon_->port())};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  // iraectl --json COMMAND, parsed strictly (nlohmann refuses ill-formed
  // UTF-8 in strict parsing, which is what pandas and R do too).
  nlohmann::json CtlJson(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    CommandResult r = Ctl(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(IsValidUtf8(r.out));
    try {
      return nlohmann::json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
      return nullptr;
    }
  }

  // Waits (at most 15 s) until `sql` counts at least one row.
  void WaitForRow(const std::string& sql) {
    for (int i = 0; i < 150 && Count(sql) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // The value of `figure` in `iraectl stats` (-1 when absent).
  std::int64_t Stat(const std::string& figure) {
    for (const auto& row : CtlJson({"stats"})) {
      if (row["figure"] == figure) return row["value"].get<std::int64_t>();
    }
    return -1;
  }
};

// Latin-1 at the door: the product name with its registered sign (one byte
// 0xAE under MSH-18 8859/1) is stored as UTF-8, the alert pages, and every
// output stays valid UTF-8 (the reference notifier died on it before).
TEST_F(VisibleGapsTest, Latin1FeedIsReadAndEveryOutputIsValidUtf8) {
  Start();
  const std::string ras =
      Ras("R-1", "MRN-1", "KEY^Keytruda\xae^99PHARM", "8859/1");
  ASSERT_EQ(Send(ras), "AA");
  ASSERT_EQ(Send(Alt("A-1", "MRN-1")), "AA");
  // Stored as UTF-8 (U+00AE), recognised as pembrolizumab, monitored.
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_name = 'Keytruda' || char(174) AND "
                  "drug_generic = 'pembrolizumab'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Hepatitis'"), 1);
  // The raw message stays byte-for-byte as received.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id='R-1' AND "
                  "instr(raw, X'4B65797472756461AE') > 0 AND length(raw) = " +
                  std::to_string(ras.size())),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality"), 0);
  // Every output parses strictly and keeps the sign.
  const nlohmann::json alerts = CtlJson({"alerts"});
  ASSERT_EQ(alerts.size(), 1u);
  CommandResult follow =
      Ctl({"alerts", "follow", "--consumer", "t", "--once", "--json"});
  ASSERT_EQ(follow.exit_code, 0) << follow.err;
  EXPECT_TRUE(IsValidUtf8(follow.out));
  std::istringstream lines(follow.out);
  int events = 0;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
    ++events;
  }
  EXPECT_GE(events, 1);
  CommandResult csv = Ctl({"export", "--from", "2026-01-01", "--to",
                           "2027-01-01", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(IsValidUtf8(csv.out));
  EXPECT_NE(csv.out.find("Keytruda\xc2\xae"), std::string::npos) << csv.out;
  // JSON Lines, at both levels: every line one valid object.
  for (const char* level : {"episode", "finding"}) {
    CommandResult json =
        Ctl({"export", "--from", "2026-01-01", "--to", "2027-01-01", "--format",
             "json", "--level", level});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(IsValidUtf8(json.out));
    std::istringstream lines(json.out);
    int rows = 0;
    for (std::string line; std::getline(lines, line); ++rows) {
      const auto row = nlohmann::json::parse(line);
      EXPECT_EQ(row["product"], "Keytruda\xc2\xae") << line;
    }
    EXPECT_GE(rows, 1) << level;
  }
}

// A byte the declared (here: default UTF-8) charset does not define is
// replaced, counted and noted; the message is still graded.
TEST_F(VisibleGapsTest, InvalidByteIsReplacedCountedAndNoted) {
  Start();
  ASSERT_EQ(Send(Ras("R-1", "MRN-2", "NIVO^nivolumab^99PHARM")), "AA");
  const std::string oru =
      Alt("A-1", "MRN-2", "260", "20260921141320+0000", "", "ALT Cr\xe9me");
  ASSERT_EQ(Send(oru), "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE code_display = "
                  "'ALT Cr' || char(65533) || 'me'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality d JOIN messages m ON "
                  "m.id = d.message WHERE m.message_id = 'A-1' AND "
                  "d.issue = 'invalid_characters' AND d.detail LIKE "
                  "'1 byte sequence(s) not valid in UNICODE UTF-8%' AND "
                  "d.patient_id IS NOT NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id='A-1' AND "
                  "length(raw) = " +
                  std::to_string(oru.size()) + " AND instr(raw, X'E9') > 0"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);  // still graded
  EXPECT_EQ(Stat("data_quality_invalid_characters"), 1);
  // Audited like every data-quality record.
  CommandResult verify = Ctl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(VisibleGapsTest, Windows1252FeedByTheSiteDefault) {
  Start("mllp_listener { default_charset: \"WINDOWS-1252\" }\n");
  // 0x99 is the trade mark sign in Windows-1252.
  ASSERT_EQ(Send(Ras("R-1", "MRN-3", "OPD^Opdivo\x99^99PHARM")), "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_name = 'Opdivo' || char(8482) AND "
                  "drug_generic = 'nivolumab'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality"), 0);
  // MSH-18 wins over the default: a UTF-8 message stays UTF-8.
  ASSERT_EQ(Send(Ras("R-2", "MRN-3", "OPD^Opdivo\xe2\x84\xa2^99PHARM",
                     "UNICODE UTF-8")),
            "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_name = 'Opdivo' || char(8482)"),
            2);
}

TEST_F(VisibleGapsTest, UnknownCharsetIsReadAsTheDefaultAndNoted) {
  Start();
  ASSERT_EQ(Send(Ras("R-1", "MRN-4", "NIVO^nivolumab^99PHARM", "EBCDIC")),
            "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE issue = "
                  "'unknown_charset' AND detail LIKE '%EBCDIC%'"),
            1);
}

// An unrecognised drug is answered AA but leaves a data-quality row, a
// counter, a log line and a report; once the site maps it, monitoring
// starts.
TEST_F(VisibleGapsTest, UnrecognisedDrugIsVisibleUntilTheSiteMapsIt) {
  Start();
  ASSERT_EQ(Send(Ras("R-1", "MRN-5", "5555^PEMBRO^99PHARM")), "AA");
  ASSERT_EQ(Send(Ras("R-2", "MRN-5", "5555^PEMBRO^99PHARM")), "AA");
  ASSERT_EQ(Send(Alt("A-1", "MRN-5")), "AA");
  // Not monitored: the ALT pages nobody; but nothing of it is silent.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE issue = "
                  "'unrecognised_drug' AND detail LIKE "
                  "'%99PHARM|5555%PEMBRO%' AND patient_id IS NOT NULL"),
            2);
  // A numeric result whose code maps to no analyte is counted too.
  std::string oru = Alt("A-2", "MRN-5", "12");
  oru.replace(oru.find("1742-6^ALT SerPl-cCnc^LN"), 24, "XYZ9^Mystery^99LAB");
  ASSERT_EQ(Send(oru), "AA");
  const nlohmann::json unmapped = CtlJson({"unmapped"});
  ASSERT_EQ(unmapped.size(), 2u) << unmapped.dump();
  const nlohmann::json& drug = unmapped[0];
  EXPECT_EQ(drug["kind"], "drug");
  EXPECT_EQ(drug["code_system"], "99PHARM");
  EXPECT_EQ(drug["code"], "5555");
  EXPECT_EQ(drug["example_text"], "PEMBRO");
  EXPECT_EQ(drug["count"], 2);
  EXPECT_TRUE(drug["first_seen"].is_string());
  EXPECT_TRUE(drug["last_seen"].is_string());
  EXPECT_TRUE(drug["mapped_at"].is_null());
  EXPECT_EQ(unmapped[1]["kind"], "observation");
  EXPECT_EQ(unmapped[1]["code"], "XYZ9");
  EXPECT_EQ(unmapped[1]["example_unit"], "U/L");
  EXPECT_EQ(Stat("unmapped_drug_codes"), 1);
  EXPECT_EQ(Stat("unmapped_drug_administrations"), 2);
  EXPECT_EQ(Stat("unmapped_observation_codes"), 1);
  EXPECT_EQ(Stat("data_quality_unrecognised_drug"), 2);
  // One warning per code, naming the code, never the patient.
  const std::string log = daemon_->Log();
  EXPECT_NE(log.find("unrecognised drug 99PHARM|5555"), std::string::npos)
      << log;
  EXPECT_EQ(log.find("MRN-5"), std::string::npos) << log;

  // The integration engineer maps it; after a restart the report says so
  // and the next dose starts monitoring.
  ASSERT_EQ(daemon_->Terminate(), 0);
  Start(
      "grading { drugs { generic: \"pembrolizumab\" drug_class: "
      "\"checkpoint_inhibitor\" target: \"PD-1\" codes: \"99PHARM|5555\" } "
      "}\n");
  EXPECT_EQ(CtlJson({"unmapped"}).size(), 1u);  // only the observation code
  const nlohmann::json all = CtlJson({"unmapped", "--all"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0]["mapped_at"].is_string());
  ASSERT_EQ(Send(Ras("R-3", "MRN-5", "5555^PEMBRO^99PHARM")), "AA");
  std::string later = Alt("A-3", "MRN-5", "260", "20260922141320+0000");
  ASSERT_EQ(Send(later), "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

// A duplicate whose content differs is kept, not applied, and loud: a
// warning (ids and sizes, no patient data), a counter, a filter.
TEST_F(VisibleGapsTest, DifferingDuplicateIsLoud) {
  Start();
  ASSERT_EQ(Send(Alt("D-1", "MRN-6", "40")), "AA");
  ASSERT_EQ(Send(Alt("D-1", "MRN-6", "40")), "AA");   // the same bytes
  ASSERT_EQ(Send(Alt("D-1", "MRN-6", "400")), "AA");  // different content
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 1);  // not applied
  EXPECT_EQ(Stat("messages_duplicate"), 2);
  EXPECT_EQ(Stat("messages_duplicate_differing"), 1);
  const nlohmann::json differing = CtlJson({"messages", "--differing"});
  ASSERT_EQ(differing.size(), 1u);
  EXPECT_EQ(differing[0]["id"], 3);
  EXPECT_EQ(differing[0]["duplicate_of"], 1);
  EXPECT_EQ(CtlJson({"messages", "--outcome", "duplicate"}).size(), 2u);
  const std::string log = daemon_->Log();
  EXPECT_NE(log.find("duplicate message row 3 differs from accepted row 1"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("MRN-6"), std::string::npos) << log;
  EXPECT_EQ(Ctl({"messages", "--outcome", "lost"}).exit_code, 2);
}

// Europe/Berlin 2026: 25 October 02:30 happens twice, 29 March 02:30 never.
TEST_F(VisibleGapsTest, DaylightSavingLocalTimesFollowTheRuleAndAreNoted) {
  Start("mllp_listener { site_time_zone: \"Europe/Berlin\" }\n");
  ASSERT_EQ(Send(Alt("T-1", "MRN-7", "40", "20261025023000")), "AA");
  ASSERT_EQ(Send(Alt("T-2", "MRN-7", "41", "20260329023000")), "AA");
  ASSERT_EQ(Send(Alt("T-3", "MRN-7", "42", "20260715120000")), "AA");
  // The earlier instant (CEST), and shifted forward (03:30 CEST).
  EXPECT_EQ(Count("SELECT observed_at_ms FROM observations WHERE "
                  "value_numeric = 40"),
            1792888200000);
  EXPECT_EQ(Count("SELECT observed_at_ms FROM observations WHERE "
                  "value_numeric = 41"),
            1774747800000);
  EXPECT_EQ(Count("SELECT observed_at_ms FROM observations WHERE "
                  "value_numeric = 42"),
            1784109600000);  // 10:00Z: an ordinary summer time
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality d JOIN messages m ON "
                  "m.id = d.message WHERE m.message_id = 'T-1' AND d.issue = "
                  "'ambiguous_local_time'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality d JOIN messages m ON "
                  "m.id = d.message WHERE m.message_id = 'T-2' AND d.issue = "
                  "'nonexistent_local_time'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality"), 2);
}

// Paging that has stopped pages someone: a notifier that stops confirming
// is marked stalled on the feed itself (another consumer sees it), in the
// log and in stats; it recovers once it has caught up. Before any notifier
// reads the feed, iraed warns that nobody is being paged.
TEST_F(VisibleGapsTest, AStalledNotifierIsOnTheFeedTheLogAndStats) {
  // The on-call engineer's consumer reads by hand here: never stalled.
  Start(
      "alerting { consumer_max_lag_seconds: 1 "
      "consumer_max_lag { consumer: \"oncall\" seconds: 0 } }\n");
  ASSERT_EQ(Send(Ras("R-1", "MRN-8", "NIVO^nivolumab^99PHARM")), "AA");
  ASSERT_EQ(Send(Alt("A-1", "MRN-8")), "AA");  // feed event 1: raised
  // Nobody reads the feed yet: said in the log.
  for (int i = 0; i < 50 && daemon_->Log().find("no notifier has ever read") ==
                                std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(daemon_->Log().find("no notifier has ever read the feed"),
            std::string::npos)
      << daemon_->Log();
  // The pager delivers event 1, then its pager command starts failing: the
  // next alert's events are never confirmed.
  ASSERT_EQ(Ctl({"alerts", "confirm", "--consumer", "pager", "1"}).exit_code,
            0);
  ASSERT_EQ(Ctl({"alerts", "confirm", "--consumer", "oncall", "1"}).exit_code,
            0);
  ASSERT_EQ(Send(Alt("A-2", "MRN-8", "1200", "20260921151320+0000")),
            "AA");  // > 20 x ULN: grade 4, a new alert (events 2 and 3)
  // The check runs once a second.
  WaitForRow(
      "SELECT count(*) FROM alert_events WHERE kind = "
      "'consumer_stalled'");
  ASSERT_EQ(Count("SELECT count(*) FROM alert_events WHERE kind = "
                  "'consumer_stalled' AND actor = 'pager' AND alert IS NULL"),
            1);
  EXPECT_NE(daemon_->Log().find("feed consumer 'pager' is stalled"),
            std::string::npos)
      << daemon_->Log();
  // The only paging consumer is stalled (the on-call one is exempt): the
  // log says nobody is being paged, as when no notifier exists.
  EXPECT_NE(daemon_->Log().find("none of the 2 notifier(s) is keeping up"),
            std::string::npos)
      << daemon_->Log();
  // The on-call engineer's notifier gets it as a feed event.
  CommandResult oncall =
      Ctl({"alerts", "follow", "--consumer", "oncall", "--once", "--json"});
  ASSERT_EQ(oncall.exit_code, 0) << oncall.err;
  nlohmann::json stalled;
  std::istringstream events(oncall.out);
  for (std::string line; std::getline(events, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["kind"] == "consumer_stalled") stalled = e;
  }
  ASSERT_TRUE(stalled.is_object()) << oncall.out;
  EXPECT_EQ(stalled["kind"], "consumer_stalled");
  EXPECT_EQ(stalled["consumer"], "pager");
  EXPECT_EQ(stalled["lag_events"], 2);
  EXPECT_GE(stalled["lag_seconds"].get<int>(), 1);
  EXPECT_EQ(stalled["max_lag_seconds"], 1);
  EXPECT_FALSE(stalled.contains("patient"));
  // stats shows each consumer's lag.
  EXPECT_EQ(Stat("feed_consumers"), 2);
  EXPECT_GE(Stat("consumer.pager.lag_events"), 2);
  EXPECT_GE(Stat("consumer.pager.lag_seconds"), 1);
  EXPECT_EQ(Stat("consumer.pager.stalled"), 1);
  EXPECT_EQ(Stat("consumer.oncall.stalled"), 0);
  // The pager catches up: recovered.
  const std::int64_t newest = Count("SELECT max(id) FROM alert_events");
  ASSERT_EQ(
      Ctl({"alerts", "confirm", "--consumer", "pager", std::to_string(newest)})
          .exit_code,
      0);
  WaitForRow(
      "SELECT count(*) FROM alert_events WHERE kind = "
      "'consumer_recovered'");
  EXPECT_EQ(Count("SELECT count(*) FROM alert_events WHERE kind = "
                  "'consumer_recovered' AND actor = 'pager'"),
            1)
      << daemon_->Log();
  EXPECT_EQ(Stat("consumer.pager.stalled"), 0);
  CommandResult verify = Ctl({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

// audit verify on a live database reads one snapshot: rows the daemon
// commits while it runs never look unaudited (before, it cried "tampered"
// in 70 of 78 runs under load).
TEST_F(VisibleGapsTest, AuditVerifyNeverReportsTamperingUnderLoad) {
  Start();
  std::atomic<bool> stop{false};
  std::atomic<int> sent{0};
  std::thread load([&] {
    auto c = Connect();
    if (c == nullptr) return;
    for (int p = 0; !stop; ++p) {
      const std::string patient = "P" + std::to_string(p % 40);
      (void)RoundTrip(
          *c, TherapyEnvelope("dose-" + std::to_string(p), patient,
                              iraed::v1::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                              "nivolumab", 1789000000));
      auto alt = ObservationEnvelope("alt-" + std::to_string(p), "lab", patient,
                                     3, 1790000000 + p);
      alt.mutable_observations()->mutable_observations(0)->set_numeric(
          p % 2 == 0 ? 250 : 30);  // alerts, findings, feed events
      (void)RoundTrip(*c, alt);
      ++sent;
    }
  });
  int runs = 0;
  for (; runs < 25; ++runs) {
    CommandResult v = Ctl({"audit", "verify"});
    EXPECT_EQ(v.exit_code, 0) << "run " << runs << ": " << v.out << v.err;
    if (v.exit_code != 0) break;
  }
  stop = true;
  load.join();
  EXPECT_GT(sent.load(), 25);  // the stream really ran beside the checks
  CommandResult final_check = Ctl({"audit", "verify"});
  EXPECT_EQ(final_check.exit_code, 0) << final_check.out;
}

// Every standard code of clinical-grading.md section 7 (2026-12 addendum) is
// graded without a site code map, in mass and in molar units, and counts in
// the spellings labs send are read exactly.
TEST_F(VisibleGapsTest, EveryStandardCodeIsGradedInBothUnitSystems) {
  Start();
  struct Case {
    const char* loinc;
    const char* value;
    const char* unit;
    const char* range;
    const char* term;
    int grade;
  };
  const Case cases[] = {
      {"17861-6", "6.5", "mg/dL", "8.5-10.5", "Hypocalcemia", 3},
      {"2000-8", "1.6", "mmol/L", "2.1-2.6", "Hypocalcemia", 3},
      {"1994-3", "0.85", "mmol/L", "1.1-1.3", "Hypocalcemia", 3},
      {"19123-9", "0.8", "mg/dL", "1.7-2.2", "Hypomagnesemia", 3},
      {"2601-3", "0.35", "mmol/L", "0.7-1.0", "Hypomagnesemia", 3},
      {"14749-6", "2.0", "mmol/L", "3.9-5.5", "Hypoglycemia", 3},
      {"1558-6", "200", "mg/dL", "70-99", "Diabetes mellitus", 2},
      {"14771-0", "11", "mmol/L", "3.9-5.5", "Diabetes mellitus", 2},
      {"14631-6", "80", "umol/L", "3-21", "Blood bilirubin increased", 3},
      {"6301-6", "2.0", "{INR}", "0.8-1.2", "INR increased", 2},
      // Counts: 400 x 10^3/mL = 0.4 x 10^9/L; 2.0 x 10^4/uL = 20 x 10^9/L
      // (HL7 escapes the ^ as \S\).
      {"751-8", "400", "10*3/mL", "", "Neutrophil count decreased", 4},
      {"751-8", "0.9", "G/L", "", "Neutrophil count decreased", 3},
      // Sent with its caret unescaped: read as "10" and "3/uL", joined.
      {"751-8", "0.4", "10^3/uL", "", "Neutrophil count decreased", 4},
      {"777-3", "2.0", "10\\S\\4/uL", "", "Platelet count decreased", 4},
      {"6690-2", "1500", "cells/mm3", "", "White blood cell decreased", 3},
  };
  int n = 0;
  for (const Case& c : cases) {
    // Each for a patient of its own, on nivolumab.
    const std::string mrn = "MRN-S" + std::to_string(n);
    ASSERT_EQ(Send(Ras("R-" + mrn, mrn, "NIVO^nivolumab^99PHARM")), "AA");
    const std::string day = std::to_string(10 + n);
    const std::string oru =
        "MSH|^~\\&|LIS|LAB-1|IRAED|ONC|202610" + day +
        "090000+0000||ORU^R01|S-" + std::to_string(n) + "|P|2.5.1\rPID|1||" +
        mrn + "^^^HOSP^MR\rOBR|1||F-" + std::to_string(n) +
        "|24323-8^CMP^LN\rOBX|1|NM|" + c.loinc + "^x^LN||" + c.value + "|" +
        c.unit + "|" + c.range + "||||F|||202610" + day + "090000+0000\r";
    ASSERT_EQ(Send(oru), "AA") << c.loinc;
    EXPECT_EQ(Count(std::string("SELECT max(f.grade) FROM findings f JOIN "
                                "observations o ON o.id = f.observation "
                                "JOIN messages m ON m.id = o.message "
                                "WHERE m.message_id = 'S-") +
                    std::to_string(n) + "' AND o.code = '" + c.loinc +
                    "' AND f.term = '" + c.term + "'"),
              c.grade)
        << c.loinc << " " << c.value << " " << c.unit;
    ++n;
  }
  // Recognised quantities that are recorded, not graded: neither unmapped
  // nor a data-quality row.
  std::string vitals = Alt("V-1", "MRN-S0", "88");
  vitals.replace(vitals.find("1742-6^ALT SerPl-cCnc^LN"), 24,
                 "8867-4^Heart rate^LN");
  ASSERT_EQ(Send(vitals), "AA");
  EXPECT_EQ(Count("SELECT count(*) FROM unmapped_codes"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality"), 0)
      << Ctl({"--json", "stats"}).out;
}

}  // namespace
}  // namespace iraed::testing
