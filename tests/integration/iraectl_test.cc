// iraectl against a database written by the real daemon.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "integration/integration_fixture.h"
#include "support/csv_rows.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

unsigned ModeOf(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return 07777;  // missing: never 0600
  return st.st_mode & 07777;
}

class IraectlTest : public DaemonTest {
 protected:
  void SetUp() override {
    StartDaemon();
    auto c = Connect();
    RoundTrip(*c, ObservationEnvelope("m-1", "lab", "MRN-77", 4));
    RoundTrip(*c, ObservationEnvelope("m-1", "lab", "MRN-77", 4));
    auto bad = ObservationEnvelope("m-2", "lab", "MRN-77", 1);
    bad.clear_source();
    RoundTrip(*c, bad);
  }

  CommandResult Ctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {IRAECTL_BINARY, "--db", db_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
};

TEST_F(IraectlTest, MessagesShowOutcomesNewestFirst) {
  auto r = Ctl({"messages"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Past the header line (which names the column duplicate_of).
  const std::size_t rows = r.out.find('\n');
  auto rejected = r.out.find("rejected", rows);
  auto duplicate = r.out.find("duplicate", rows);
  auto accepted = r.out.find("accepted", rows);
  ASSERT_NE(rejected, std::string::npos) << r.out;
  EXPECT_LT(rejected, duplicate);
  EXPECT_LT(duplicate, accepted);
  EXPECT_NE(r.out.find("source: required"), std::string::npos);
}

TEST_F(IraectlTest, JsonOutputIsMachineReadable) {
  auto r = Ctl({"--json", "--limit", "1", "messages"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("[\n  {\"id\": 3, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"outcome\": \"rejected\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"id\": 2"), std::string::npos);  // limit 1
}

TEST_F(IraectlTest, PatientsAndStats) {
  auto p = Ctl({"patients"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_NE(p.out.find("MRN-77"), std::string::npos);
  auto s = Ctl({"--json", "stats"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("{\"figure\": \"observations\", \"value\": 4}"),
            std::string::npos)
      << s.out;
  EXPECT_NE(s.out.find("{\"figure\": \"messages_duplicate\", \"value\": 1}"),
            std::string::npos);
}

TEST_F(IraectlTest, BadUsageAndMissingDatabase) {
  EXPECT_EQ(Ctl({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Ctl({}).exit_code, 2);
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "stats"}).exit_code, 2);
  auto missing =
      RunCommand({IRAECTL_BINARY, "--db", dir_.File("nope.db"), "stats"});
  EXPECT_EQ(missing.exit_code, 5);  // the database cannot be reached
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "--help"}).exit_code, 0);
  // Values are checked before anything runs.
  auto zero = Ctl({"--limit", "0", "messages"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("'0' is not a whole number of at least 1"),
            std::string::npos)
      << zero.err;
  EXPECT_EQ(Ctl({"--limit", "2.5", "messages"}).exit_code, 2);
  EXPECT_EQ(Ctl({"--limit=many", "messages"}).exit_code, 2);
  EXPECT_EQ(Ctl({"messages", "extra"}).exit_code, 2);
  EXPECT_EQ(Ctl({"audit", "explain", "-3"}).exit_code, 2);
  EXPECT_EQ(Ctl({"audit", "frobnicate"}).exit_code, 2);
  EXPECT_EQ(Ctl({"token"}).exit_code, 2);
  EXPECT_EQ(Ctl({"replay"}).exit_code, 2);  // no --rules
}

// CLI11: each command has its own --help; options take "--opt=value"; the
// tool's options may follow the command.
TEST_F(IraectlTest, CommandsHaveTheirOwnHelpAndOptionForms) {
  auto top = RunCommand({IRAECTL_BINARY, "--help"});
  ASSERT_EQ(top.exit_code, 0);
  for (const char* command :
       {"messages", "unmapped", "patients", "alerts", "findings", "stats",
        "backup", "audit", "token", "export", "replay", "Exit status:"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
  }
  // The last word names the rule set (scripts read it for replay --rules).
  EXPECT_NE(top.out.find("Rule set carried (for replay --rules): iraed-rules-"),
            std::string::npos)
      << top.out;
  auto ack = RunCommand({IRAECTL_BINARY, "alerts", "ack", "--help"});
  ASSERT_EQ(ack.exit_code, 0);
  EXPECT_NE(ack.out.find("Acknowledge an alert"), std::string::npos) << ack.out;
  EXPECT_NE(ack.out.find("--by"), std::string::npos);
  EXPECT_EQ(ack.out.find("--pseudonym-key-file"), std::string::npos);
  auto version = RunCommand({IRAECTL_BINARY, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("iraectl ", 0), 0u) << version.out;

  auto equals = RunCommand({IRAECTL_BINARY, "--db=" + db_path(), "--limit=1",
                            "--json", "messages", "--outcome=accepted"});
  ASSERT_EQ(equals.exit_code, 0) << equals.err;
  EXPECT_NE(equals.out.find("\"outcome\": \"accepted\""), std::string::npos);
  auto after =
      RunCommand({IRAECTL_BINARY, "stats", "--db", db_path(), "--json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out.rfind("[", 0), 0u) << after.out;
}

// The documented exit statuses (iraectl --help, README "iraectl").
TEST_F(IraectlTest, ExitStatusesSayWhatHappened) {
  EXPECT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  EXPECT_EQ(Ctl({"audit", "explain", "424242"}).exit_code, 4);
  // Nobody listens on port 1: the daemon cannot be reached.
  auto unreachable = Ctl(
      {"--connect", "127.0.0.1:1", "alerts", "ack", "1", "--by", "rn.jones"});
  EXPECT_EQ(unreachable.exit_code, 5) << unreachable.err;
  const std::string address = "127.0.0.1:" + std::to_string(daemon_->port());
  auto ack = Ctl(
      {"--connect", address, "alerts", "ack", "424242", "--by", "rn.jones"});
  EXPECT_EQ(ack.exit_code, 4) << ack.err;
  const std::string tokens = dir_.File("tokens");
  ASSERT_EQ(
      RunCommand({IRAECTL_BINARY, "--tokens", tokens, "token", "create", "a"})
          .exit_code,
      0);
  EXPECT_EQ(
      RunCommand({IRAECTL_BINARY, "--tokens", tokens, "token", "revoke", "b"})
          .exit_code,
      4);
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "--tokens", tokens, "token", "create",
                        "c", "--role", "emperor"})
                .exit_code,
            2);
}

// An online backup while senders keep writing: the copy is complete as of
// one commit, reads back, and is never written over an existing file.
TEST_F(IraectlTest, BackupWhileTheDaemonWrites) {
  std::atomic<bool> stop{false};
  std::atomic<int> accepted{0};
  std::thread writer([&] {
    auto c = ProtoClient::Connect(daemon_->port());
    if (!c.ok()) return;
    for (int i = 0; !stop; ++i) {
      if (!(*c)->Send(ObservationEnvelope("w-" + std::to_string(i), "lab",
                                          "MRN-78", 10))
               .ok()) {
        return;
      }
      auto ack = (*c)->ReadAck();
      if (!ack.ok()) return;
      if (ack->status() == pb::ACK_STATUS_ACCEPTED) ++accepted;
    }
  });
  for (int i = 0; i < 2000 && accepted < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::string dest = dir_.File("copy.db");
  auto r = Ctl({"backup", dest});
  const int after = accepted;
  stop = true;
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("written to " + dest), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dest + ".partial"));
  // Consistent: every copied message has all 10 of its observations.
  EXPECT_EQ(QueryCount(dest,
                       "SELECT count(*) FROM messages m WHERE "
                       "m.outcome='accepted' AND m.message_id LIKE 'w-%' "
                       "AND (SELECT count(*) FROM observations o WHERE "
                       "o.message=m.id) <> 10"),
            0);
  const std::int64_t copied = QueryCount(
      dest, "SELECT count(*) FROM messages WHERE message_id LIKE 'w-%'");
  EXPECT_GE(copied, 20);
  EXPECT_LE(copied, after + 1);
  auto stats = RunCommand({IRAECTL_BINARY, "--db", dest, "stats"});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  // Never over an existing file.
  auto again = Ctl({"backup", dest});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("exists"), std::string::npos);
  EXPECT_EQ(Ctl({"backup"}).exit_code, 2);
}

// The audit trail of a database the daemon wrote verifies; an edit made
// behind its back, in the real file, is named by entry.
TEST_F(IraectlTest, AuditVerifyNamesTheAlteredEntry) {
  auto ok = Ctl({"audit", "verify"});
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("audit trail intact: "), std::string::npos) << ok.out;
  ASSERT_EQ(daemon_->Terminate(), 0);
  {
    auto db = store::Database::Open(db_path(),
                                    store::Database::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE messages SET outcome = 'accepted', "
                         "reason = NULL WHERE outcome = 'rejected'")
                    .ok());
  }
  const std::int64_t entry =
      QueryCount(db_path(),
                 "SELECT a.id FROM audit_log a JOIN messages m ON "
                 "a.subject_table = 'messages' AND a.subject_id = m.id "
                 "WHERE m.message_id = 'm-2'");
  auto broken = Ctl({"audit", "verify"});
  EXPECT_EQ(broken.exit_code, 3) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("BROKEN at entry " + std::to_string(entry)),
            std::string::npos)
      << broken.out;
  EXPECT_EQ(Ctl({"audit"}).exit_code, 2);
}

// Pharmacovigilance export of a checkpoint-inhibitor patient: the episode
// and finding levels, their columns, the time zone, JSON Lines, the
// pseudonym key and the usage errors.
TEST_F(IraectlTest, ExportEpisodesAndFindingsForPharmacovigilance) {
  auto c = Connect();
  const pb::Envelope dose =
      TherapyEnvelope("dose-9", "MRN-90",
                      pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE, "nivolumab",
                      1789950000);  // 2026-09-21T00:20:00Z
  ASSERT_EQ(RoundTrip(*c, dose).status(), pb::ACK_STATUS_ACCEPTED);
  // ALT 250 (grade 2), then 1200 (> 20 x ULN 56: grade 4, severe).
  auto alt = ObservationEnvelope("alt-a", "lab", "MRN-90", 1, 1790000000);
  alt.mutable_observations()->mutable_observations(0)->set_numeric(250);
  alt.mutable_observations()->mutable_patient()->set_sex("female");
  alt.mutable_observations()->mutable_patient()->set_birth_date("1970-05-01");
  ASSERT_EQ(RoundTrip(*c, alt).status(), pb::ACK_STATUS_ACCEPTED);
  alt = ObservationEnvelope("alt-b", "lab", "MRN-90", 1, 1790090000);
  alt.mutable_observations()->mutable_observations(0)->set_numeric(1200);
  ASSERT_EQ(RoundTrip(*c, alt).status(), pb::ACK_STATUS_ACCEPTED);

  // Episodes by default: one ALT episode, onset grade 2, worst 4, ongoing.
  auto csv = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                  "--time-zone", "UTC"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("episode_id,patient,assigning_authority,sex,"
                          "age_band,term,grading_system,meddra_llt_code,"
                          "meddra_version,soc,coding_source,baseline_grade,"
                          "onset_at,onset_grade,worst_grade,worst_grade_at,"
                          "end_at,outcome,severe,provisional,findings,",
                          0),
            0u)
      << csv.out;
  EXPECT_NE(csv.out.find(",MRN-90,TESTHOSP,female,adult,Alanine "
                         "aminotransferase increased,CTCAE 5.0,10001551,20.1,"
                         "Investigations,CTCAE 5.0,0,2026-09-21T14:13:20+00:00,"
                         "2,4,2026-09-22T15:13:20+00:00,,ongoing,1,0,2,"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find(",checkpoint inhibitor (PD-1),nivolumab,nivolumab,"
                         "2026-09-21T00:20:00+00:00,2026-09-21T00:20:00+00:00,"
                         ",,1,0\r\n"),
            std::string::npos)
      << csv.out;  // day 1 = the dose's day; 0 days since it
  EXPECT_EQ(csv.out.find("serious"), std::string::npos);
  // In New York the dose was on the evening of 20 September: the onset is
  // on day 2, one calendar day after the dose; times carry -04:00.
  auto ny = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                 "--time-zone", "America/New_York"});
  ASSERT_EQ(ny.exit_code, 0) << ny.err;
  EXPECT_NE(ny.out.find(",2026-09-21T10:13:20-04:00,"), std::string::npos)
      << ny.out;
  EXPECT_NE(ny.out.find(",2026-09-20T20:20:00-04:00,,,2,1\r\n"),
            std::string::npos)
      << ny.out;

  // Findings: one row per grade change, severe from grade 3.
  auto findings = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                       "--level", "finding", "--time-zone", "UTC"});
  ASSERT_EQ(findings.exit_code, 0) << findings.err;
  EXPECT_EQ(findings.out.rfind("finding_id,patient,assigning_authority,", 0),
            0u);
  EXPECT_NE(findings.out.find(",2026-09-21T14:13:20+00:00,2,0,0,0,"
                              "ctcae-5.0/iraed-"),
            std::string::npos)
      << findings.out;
  EXPECT_NE(findings.out.find(",2026-09-22T15:13:20+00:00,4,2,1,0,"
                              "ctcae-5.0/iraed-"),
            std::string::npos)
      << findings.out;

  // JSON Lines under --format json, and under the tool's --json; codes are
  // strings. --to with an offset.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"export", "--from", "2026-09-01", "--to",
                                 "2026-09-30T23:59:59+01:00", "--format",
                                 "json"},
        std::vector<std::string>{"--json", "export", "--from", "2026-09-01",
                                 "--to", "2026-10-01"}}) {
    auto json = Ctl(args);
    ASSERT_EQ(json.exit_code, 0) << json.err;
    ASSERT_FALSE(json.out.empty());
    EXPECT_EQ(json.out.back(), '\n');
    // The CTCAE ALT episode and the ASCO hepatitis episode (coded by the
    // CTCAE 6.0 term Hepatitis).
    std::istringstream lines(json.out);
    std::map<std::string, nlohmann::json> by_term;
    for (std::string line; std::getline(lines, line);) {
      const auto row = nlohmann::json::parse(line);
      EXPECT_TRUE(row["meddra_llt_code"].is_string()) << line;
      EXPECT_EQ(row["worst_grade"], 4);
      by_term[row["term"].get<std::string>()] = row;
    }
    ASSERT_EQ(by_term.size(), 2u) << json.out;
    EXPECT_EQ(by_term["Hepatitis"]["grading_system"], "ASCO 2021");
    EXPECT_EQ(by_term["Hepatitis"]["meddra_llt_code"], "10019717");
    EXPECT_EQ(by_term["Hepatitis"]["soc"], "Hepatobiliary disorders");
    EXPECT_EQ(by_term["Hepatitis"]["coding_source"], "CTCAE 6.0");
    EXPECT_EQ(by_term["Alanine aminotransferase increased"]["meddra_version"],
              "20.1");
  }
  // --format csv wins over --json.
  auto forced = Ctl({"--json", "export", "--from", "2026-09-01", "--to",
                     "2026-10-01", "--format", "csv"});
  EXPECT_EQ(forced.out.rfind("episode_id,", 0), 0u) << forced.out;
  // The period [from, to): an episode begun at --to is not in it, and a
  // finding at --to is not read (the grade 4 at 15:13:20).
  auto none = Ctl({"export", "--from", "2026-09-01", "--to",
                   "2026-09-21T14:13:20Z", "--format", "json"});
  ASSERT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "");
  auto worst_until = [&](const char* to) {
    auto r = Ctl({"export", "--from", "2026-09-01", "--to", to});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto rows = ParseCsvRows(r.out);
    const auto alt =
        RowsWhere(rows, {{"term", "Alanine aminotransferase increased"}});
    return alt.size() == 1 ? alt[0].at("worst_grade") : std::string("?");
  };
  EXPECT_EQ(worst_until("2026-09-22T15:13:19.999Z"), "2");
  EXPECT_EQ(worst_until("2026-09-22T15:13:20Z"), "2");
  EXPECT_EQ(worst_until("2026-09-22T15:13:20.001Z"), "4");

  const std::string key = dir_.File("pv.key");
  std::ofstream(key) << "a site secret of enough bytes";
  auto pseudo = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                     "--format", "json", "--pseudonym-key-file", key});
  ASSERT_EQ(pseudo.exit_code, 0) << pseudo.err;
  EXPECT_EQ(pseudo.out.find("MRN-90"), std::string::npos) << pseudo.out;
  // The site stays as a column under pseudonyms.
  EXPECT_NE(pseudo.out.find("\"assigning_authority\": \"TESTHOSP\""),
            std::string::npos);
  const std::size_t at = pseudo.out.find("\"patient\": \"PSN-");
  ASSERT_NE(at, std::string::npos) << pseudo.out;
  const std::string psn = pseudo.out.substr(at + 12, 36);
  // Stable with the same key, different with another.
  auto again = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                    "--format", "json", "--pseudonym-key-file", key});
  EXPECT_NE(again.out.find(psn), std::string::npos);
  const std::string other = dir_.File("other.key");
  std::ofstream(other) << "another secret of enough bytes";
  auto different = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                        "--pseudonym-key-file", other});
  EXPECT_EQ(different.out.find(psn), std::string::npos);
  // A bad key file says what is wrong with it.
  const std::string short_key = dir_.File("short.key");
  std::ofstream(short_key) << "tiny";
  for (const auto& [file, says] :
       std::vector<std::pair<std::string, std::string>>{
           {dir_.path(), "is a directory"},
           {dir_.File("absent.key"), "does not exist"},
           {"/dev/urandom", "is not a regular file"},
           {short_key, "holds 4 bytes"}}) {
    auto bad = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                    "--pseudonym-key-file", file});
    EXPECT_EQ(bad.exit_code, 2) << file;
    EXPECT_NE(bad.err.find(says), std::string::npos) << bad.err;
  }
  // Bad usage.
  EXPECT_EQ(
      Ctl({"export", "--from", "2026-10-01", "--to", "2026-09-01"}).exit_code,
      2);
  EXPECT_EQ(
      Ctl({"export", "--from", "yesterday", "--to", "2026-09-01"}).exit_code,
      2);
  EXPECT_EQ(Ctl({"export", "--from", "2026-09-01"}).exit_code, 2);
  EXPECT_EQ(Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                 "--format", "xml"})
                .exit_code,
            2);
  EXPECT_EQ(Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                 "--time-zone", "Mars/Olympus"})
                .exit_code,
            2);
  EXPECT_EQ(Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                 "--plot", dir_.File("p.svg")})
                .exit_code,
            2);  // --plot needs --summary
}

// Combination therapy (nivolumab with ipilimumab on one day) is one
// regimen: both ingredients, the combined class; a v6-only term (HDL
// decreased) is in the default CTCAE 5.0 export.
TEST_F(IraectlTest, ExportCombinationsAndV6OnlyTerms) {
  auto c = Connect();
  ASSERT_EQ(
      RoundTrip(*c, TherapyEnvelope("nivo-1", "MRN-95",
                                    pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                                    "nivolumab", 1789950000))
          .status(),
      pb::ACK_STATUS_ACCEPTED);
  ASSERT_EQ(
      RoundTrip(*c, TherapyEnvelope("ipi-1", "MRN-95",
                                    pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                                    "ipilimumab", 1789950000 + 5400))
          .status(),
      pb::ACK_STATUS_ACCEPTED);
  auto alt = ObservationEnvelope("alt-c", "lab", "MRN-95", 1, 1790000000);
  alt.mutable_observations()->mutable_observations(0)->set_numeric(400);
  ASSERT_EQ(RoundTrip(*c, alt).status(), pb::ACK_STATUS_ACCEPTED);
  auto hdl = ObservationEnvelope("hdl-c", "lab", "MRN-95", 1, 1790000000);
  auto* o = hdl.mutable_observations()->mutable_observations(0);
  o->mutable_code()->set_code("2085-9");
  o->mutable_code()->set_display("HDL");
  o->set_numeric(30);
  o->set_unit("mg/dL");
  o->mutable_reference_range()->set_low(40);
  o->mutable_reference_range()->set_high(100);
  o->mutable_reference_range()->set_text("40-100");
  ASSERT_EQ(RoundTrip(*c, hdl).status(), pb::ACK_STATUS_ACCEPTED);
  auto csv = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                  "--time-zone", "UTC"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto rows = ParseCsvRows(csv.out);
  const auto alt_rows = RowsWhere(
      rows,
      {{"patient", "MRN-95"}, {"term", "Alanine aminotransferase increased"}});
  ASSERT_EQ(alt_rows.size(), 1u) << csv.out;
  EXPECT_EQ(alt_rows[0].at("therapy_class"),
            "checkpoint inhibitor (CTLA-4 + PD-1)");
  EXPECT_EQ(alt_rows[0].at("active_ingredient"), "ipilimumab;nivolumab");
  EXPECT_EQ(alt_rows[0].at("first_dose_at"), "2026-09-21T00:20:00+00:00");
  EXPECT_EQ(alt_rows[0].at("latest_dose_at"), "2026-09-21T01:50:00+00:00");
  const auto hdl_rows =
      RowsWhere(rows, {{"patient", "MRN-95"}, {"term", "HDL decreased"}});
  ASSERT_EQ(hdl_rows.size(), 1u) << csv.out;
  EXPECT_EQ(hdl_rows[0].at("grading_system"), "CTCAE 6.0");
  EXPECT_EQ(hdl_rows[0].at("meddra_version"), "28.0");
  EXPECT_EQ(hdl_rows[0].at("soc"), "Investigations");
  // The summary counts the combination as its own class.
  auto summary = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                      "--summary", "--time-zone", "UTC"});
  EXPECT_NE(summary.out.find("checkpoint inhibitor (CTLA-4 + PD-1),Alanine "
                             "aminotransferase increased,CTCAE 5.0,3,1,1,1,"
                             "100\r\n"),
            std::string::npos)
      << summary.out;
}

// A patient merged into another (ADT^A40 / MERGED) is one patient in the
// export: the findings and doses under the retired identifier are the
// survivor's.
TEST_F(IraectlTest, ExportFoldsMergedPatients) {
  auto c = Connect();
  ASSERT_EQ(
      RoundTrip(*c, TherapyEnvelope("dose-tmp", "TMP-1",
                                    pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                                    "pembrolizumab", 1789950000))
          .status(),
      pb::ACK_STATUS_ACCEPTED);
  auto before = ObservationEnvelope("alt-m1", "lab", "TMP-1", 1, 1790000000);
  before.mutable_observations()->mutable_observations(0)->set_numeric(400);
  ASSERT_EQ(RoundTrip(*c, before).status(), pb::ACK_STATUS_ACCEPTED);
  pb::Envelope merge;
  merge.set_message_id("merge-1");
  merge.set_source("adt");
  auto* e = merge.mutable_patient_event();
  e->mutable_patient()->set_id("MRN-96");
  e->mutable_patient()->set_assigning_authority("TESTHOSP");
  e->mutable_merged_from()->set_id("TMP-1");
  e->mutable_merged_from()->set_assigning_authority("TESTHOSP");
  e->set_kind(pb::PATIENT_EVENT_KIND_MERGED);
  e->mutable_occurred_at()->set_seconds(1790100000);
  ASSERT_EQ(RoundTrip(*c, merge).status(), pb::ACK_STATUS_ACCEPTED);
  auto csv = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto rows = ParseCsvRows(csv.out);
  EXPECT_TRUE(RowsWhere(rows, {{"patient", "TMP-1"}}).empty()) << csv.out;
  const auto alt = RowsWhere(
      rows,
      {{"patient", "MRN-96"}, {"term", "Alanine aminotransferase increased"}});
  ASSERT_EQ(alt.size(), 1u) << csv.out;
  EXPECT_EQ(alt[0].at("worst_grade"), "3");
  EXPECT_EQ(alt[0].at("active_ingredient"), "pembrolizumab");
}

// The period summary and its plot, and the data dictionary (which needs no
// database).
TEST_F(IraectlTest, ExportSummaryPlotAndDataDictionary) {
  auto c = Connect();
  for (const char* mrn : {"MRN-91", "MRN-92"}) {
    ASSERT_EQ(RoundTrip(*c, TherapyEnvelope(
                                std::string("dose-") + mrn, mrn,
                                pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                                "pembrolizumab", 1789950000))
                  .status(),
              pb::ACK_STATUS_ACCEPTED);
  }
  auto alt = ObservationEnvelope("alt-s", "lab", "MRN-91", 1, 1790000000);
  alt.mutable_observations()->mutable_observations(0)->set_numeric(400);
  ASSERT_EQ(RoundTrip(*c, alt).status(), pb::ACK_STATUS_ACCEPTED);
  const std::string plot = dir_.File("incidence.svg");
  auto summary = Ctl({"export", "--from", "2026-09-01", "--to", "2026-10-01",
                      "--summary", "--plot", plot});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(summary.out,
            "therapy_class,term,grading_system,worst_grade,episodes,patients,"
            "patients_at_risk,incidence_percent\r\n"
            "checkpoint inhibitor (PD-1),Alanine aminotransferase increased,"
            "CTCAE 5.0,3,1,1,2,50\r\n"
            "checkpoint inhibitor (PD-1),Hepatitis,ASCO 2021,3,1,1,2,50\r\n");
  EXPECT_EQ(ModeOf(plot), 0600u);
  std::ifstream in(plot);
  const std::string svg((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("Alanine aminotransferase increased (CTCAE 5.0)"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("grade 3: 1 patient(s), 50.0 %"), std::string::npos)
      << svg;
  EXPECT_NE(svg.find("2 patient(s) at risk"), std::string::npos);

  CommandResult describe =
      RunCommand({IRAECTL_BINARY, "export", "--describe", "--format", "csv"});
  ASSERT_EQ(describe.exit_code, 0) << describe.err;
  EXPECT_EQ(describe.out.rfind("level,column,type,meaning\r\n", 0), 0u);
  for (const char* row :
       {"episode,outcome,text,", "episode,day_of_therapy,integer,",
        "finding,meddra_llt_code,text,", "summary,patients_at_risk,integer,"}) {
    EXPECT_NE(describe.out.find(row), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace iraed::testing
