#include "hl7/ack_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "hl7/er7.h"
#include "hl7/hl7_reader.h"
#include "hl7/hl7_time.h"

namespace iraed::hl7 {
namespace {

using model::Disposition;
using model::Outcome;

constexpr UnixMillis kNow = 1710513045007;  // 2024-03-15T14:30:45.007Z

const char* const kPid = "PID|1||MRN7^^^HOSP^MR||DOE^JANE";
const char* const kObr = "OBR|1||FILL9|cbc^CBC^L|||20240315100000+0000";
const char* const kObx = "OBX|1|NM|wbc^Wbc^L||7|x|||||F";

std::string Oru(std::string_view msh, std::string_view obx = kObx) {
  return std::string(msh) + "\r" + kPid + "\r" + kObr + "\r" +
         std::string(obx) + "\r";
}

std::string Msh(std::string_view control_id, std::string_view accept = "",
                std::string_view application = "") {
  return "MSH|^~\\&|LABAPP|LABFAC|IRAED|SITE|20240315120000+0000||ORU^R01^"
         "ORU_R01|" +
         std::string(control_id) + "|P|2.5.1|||" + std::string(accept) + "|" +
         std::string(application);
}

AckContext Context(const std::string& raw) {
  return ReadHl7Message(raw, Hl7Options{}).ack;
}

Outcome Accepted() { return Outcome{Disposition::kAccepted, "", 7}; }
Outcome Duplicate() { return Outcome{Disposition::kDuplicate, "dup", 7}; }
Outcome Rejected() { return Outcome{Disposition::kRejected, "bad", 7}; }
Outcome Unavailable() {
  return Outcome{Disposition::kUnavailable, "disk full", 0};
}

// An ACK read back with the er7 parser.
struct Ack {
  std::string raw;
  std::optional<Er7Message> m;

  explicit Ack(std::string text) : raw(std::move(text)) {
    auto r = Er7Message::Parse(raw);
    EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << raw;
    if (r.ok()) m.emplace(std::move(r).value());
  }
  std::string_view Msh(int n) const { return m->Field(m->msh(), n); }
  std::string_view Msa(int n) const {
    const Segment* s = m->Find("MSA");
    return s ? m->Field(*s, n) : std::string_view("<no MSA>");
  }
  const Segment* Err() const { return m->Find("ERR"); }
  std::string ErrValue(int n, int c = 1) const {
    const Segment* s = Err();
    return s ? m->Value(*s, n, c) : "<no ERR>";
  }
};

std::vector<std::string> Codes(const std::vector<std::string>& acks) {
  std::vector<std::string> out;
  for (const std::string& a : acks) {
    Ack ack(a);
    if (!ack.m) {
      out.push_back("<unparsable>");
      continue;
    }
    out.emplace_back(ack.Msa(1));
  }
  return out;
}

// ----------------------------------------------------------------- layout

TEST(AckBuilderTest, MshSwapsSenderAndReceiver) {
  AckContext ctx = Context(Oru(Msh("CTRL-1")));
  ASSERT_FALSE(ctx.error.has_value());
  Ack ack(BuildAck(ctx, "AA", std::nullopt, "", "ACK-1", kNow));
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.raw.substr(0, 9), "MSH|^~\\&|");
  EXPECT_EQ(ack.Msh(3), "IRAED");
  EXPECT_EQ(ack.Msh(4), "SITE");
  EXPECT_EQ(ack.Msh(5), "LABAPP");
  EXPECT_EQ(ack.Msh(6), "LABFAC");
  EXPECT_EQ(ack.Msh(7), "20240315143045.007+0000");
  EXPECT_EQ(ack.Msh(7), FormatHl7Time(kNow));
  EXPECT_EQ(ack.Msh(9), "ACK^R01^ACK");
  EXPECT_EQ(ack.Msh(10), "ACK-1");
  EXPECT_EQ(ack.Msh(11), "P");
  EXPECT_EQ(ack.Msh(12), "2.5.1");
  EXPECT_EQ(ack.Msa(1), "AA");
  EXPECT_EQ(ack.Msa(2), "CTRL-1");
  EXPECT_EQ(ack.Err(), nullptr);
  // Segments end with CR, and only CR.
  EXPECT_EQ(ack.raw.back(), '\r');
  EXPECT_EQ(ack.raw.find('\n'), std::string::npos);
  ASSERT_EQ(ack.m->segments().size(), 2u);
}

TEST(AckBuilderTest, HdComponentsOfMsh3To6AreEchoed) {
  AckContext ctx =
      Context(Oru("MSH|^~\\&|IA PHIMS^2.16.840.1^ISO|LAB^1.2^ISO|DOH^2.16^ISO|"
                  "FAC^3.4^ISO|20240315120000+0000||ORU^R01|X1|T|2.5.1"));
  Ack ack(BuildAck(ctx, "AA", std::nullopt, "", "A1", kNow));
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msh(3), "DOH^2.16^ISO");
  EXPECT_EQ(ack.Msh(4), "FAC^3.4^ISO");
  EXPECT_EQ(ack.Msh(5), "IA PHIMS^2.16.840.1^ISO");
  EXPECT_EQ(ack.Msh(6), "LAB^1.2^ISO");
  EXPECT_EQ(ack.Msh(11), "T");
}

TEST(AckBuilderTest, LongControlIdIsEchoedVerbatim) {
  const std::string id = "2.16.840.1.114222.4.3.3.5.1.2-20120314235954.325";
  ASSERT_EQ(id.size(), 48u);
  AckContext ctx = Context(Oru(Msh(id)));
  ASSERT_EQ(ctx.control_id, id);
  for (const std::string& a : AcksFor(ctx, Accepted(), "ACK-9", kNow)) {
    Ack ack(a);
    ASSERT_TRUE(ack.m.has_value());
    EXPECT_EQ(ack.Msa(2), id);
  }
  std::string very_long(300, 'z');
  AckContext ctx2 = Context(Oru(Msh(very_long)));
  Ack ack2(BuildAck(ctx2, "AA", std::nullopt, "", "A", kNow));
  ASSERT_TRUE(ack2.m.has_value());
  EXPECT_EQ(ack2.Msa(2), very_long);
}

TEST(AckBuilderTest, AckUsesTheSendersDelimiters) {
  // hapi_adt_a24_custom_delimiters.hl7 style: field '^', component '~',
  // repetition '|'.
  const std::string raw =
      "MSH^~|\\&^SENDING^200M^RECEIVING^200^20120918173931-0500^^ADT~A24^"
      "2003582144^T^2.4^^^^\r\n"
      "EVN^A24^20120918173931-0500^\r\n"
      "PID^1^^11111~~~FOO&&0363~NI~FACILITY ID&200M&L^^SMITH~JOHN~TEST^\r\n";
  Hl7Reading reading = ReadHl7Message(raw, Hl7Options{});
  ASSERT_TRUE(reading.ack.error.has_value());  // A24 is not supported
  std::vector<std::string> acks =
      AcksFor(reading.ack, Rejected(), "ACK-24", kNow);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].substr(0, 9), "MSH^~|\\&^");
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.m->delimiters().field, '^');
  EXPECT_EQ(ack.m->delimiters().component, '~');
  EXPECT_EQ(ack.Msh(3), "RECEIVING");
  EXPECT_EQ(ack.Msh(4), "200");
  EXPECT_EQ(ack.Msh(5), "SENDING");
  EXPECT_EQ(ack.Msh(6), "200M");
  EXPECT_EQ(ack.Msh(9), "ACK~A24~ACK");
  EXPECT_EQ(ack.m->Value(ack.m->msh(), 9, 2), "A24");
  EXPECT_EQ(ack.Msh(10), "ACK-24");
  EXPECT_EQ(ack.Msh(11), "T");
  EXPECT_EQ(ack.Msh(12), "2.4");
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.Msa(2), "2003582144");
  ASSERT_NE(ack.Err(), nullptr);
  // ERL and the coded error in the sender's component separator.
  EXPECT_EQ(ack.m->Field(*ack.Err(), 2), "MSH~1~9~1~2");
  EXPECT_EQ(ack.ErrValue(3, 1), "201");
  EXPECT_EQ(ack.ErrValue(3, 3), "HL70357");
  EXPECT_EQ(ack.ErrValue(4), "E");
}

TEST(AckBuilderTest, MangledEncodingCharactersAreEchoed) {
  AckContext ctx = Context(
      "MSH|^~\\\\&|SE050|050|PACS|050|20120912011230+0000||ADT^A01|102|T|"
      "2.6\r\nEVN||201209122222+0000\r\nPID|1||PID1234^^^A^MR\r\n");
  ASSERT_FALSE(ctx.error.has_value());
  const std::string ack = BuildAck(ctx, "AA", std::nullopt, "", "A", kNow);
  EXPECT_EQ(ack.substr(0, 10), "MSH|^~\\\\&|");
  Ack parsed(ack);
  ASSERT_TRUE(parsed.m.has_value());
  EXPECT_EQ(parsed.Msa(2), "102");
  EXPECT_EQ(parsed.Msh(9), "ACK^A01^ACK");
}

TEST(AckBuilderTest, ThreeEncodingCharactersAck) {
  AckContext ctx = Context(
      "MSH|^~}|ADMISSION|ADT1|RADIOLOGY|MIR1|19930502185327||BAR^P01|"
      "908594ADT30502185327|P|2.4||\r");
  ASSERT_TRUE(ctx.error.has_value());
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A", kNow);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].substr(0, 8), "MSH|^~}|");
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.Msa(2), "908594ADT30502185327");
  EXPECT_EQ(ack.ErrValue(3), "200");
}

TEST(AckBuilderTest, MissingTriggerAndDefaults) {
  AckContext ctx;  // nothing readable
  Ack ack(BuildAck(ctx, "AR", std::nullopt, "", "A", kNow));
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.raw.substr(0, 9), "MSH|^~\\&|");
  EXPECT_EQ(ack.Msh(9), "ACK");
  EXPECT_EQ(ack.Msh(11), "P");
  EXPECT_EQ(ack.Msh(12), "2.5.1");
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.Msa(2), "");
}

TEST(AckBuilderTest, TextAndErrorAreEscaped) {
  AckContext ctx = Context(Oru(Msh("C1")));
  Hl7Error e{"102", "Data type error", "OBX^1^14", "value a|b^c~d\\e&f\r\nnext",
             false};
  Ack ack(BuildAck(ctx, "AE", e, "text | with ^ delimiters", "A", kNow));
  ASSERT_TRUE(ack.m.has_value());
  ASSERT_EQ(ack.m->segments().size(), 3u);
  const Segment* msa = ack.m->Find("MSA");
  ASSERT_NE(msa, nullptr);
  EXPECT_EQ(ack.m->Value(*msa, 3), "text | with ^ delimiters");
  EXPECT_EQ(ack.m->Field(*ack.Err(), 2), "OBX^1^14");
  EXPECT_EQ(ack.ErrValue(3, 1), "102");
  EXPECT_EQ(ack.ErrValue(3, 2), "Data type error");
  EXPECT_EQ(ack.ErrValue(3, 3), "HL70357");
  EXPECT_EQ(ack.ErrValue(4), "E");
  EXPECT_EQ(ack.m->Value(*ack.Err(), 8), "value a|b^c~d\\e&f  next");
  EXPECT_EQ(ack.m->Field(*ack.Err(), 9), "");
}

// ---------------------------------------------------------- original mode

TEST(AckBuilderTest, OriginalModeAccepted) {
  AckContext ctx = Context(Oru(Msh("C1")));
  std::vector<std::string> acks = AcksFor(ctx, Accepted(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AA");
  EXPECT_EQ(ack.Msa(2), "C1");
  EXPECT_EQ(ack.Msh(10), "A1");
  EXPECT_EQ(ack.Err(), nullptr);
}

TEST(AckBuilderTest, OriginalModeDuplicateIsAA) {
  AckContext ctx = Context(Oru(Msh("C1")));
  std::vector<std::string> acks = AcksFor(ctx, Duplicate(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AA");
  EXPECT_EQ(ack.Msa(2), "C1");
  EXPECT_EQ(ack.Err(), nullptr);
}

TEST(AckBuilderTest, OriginalModeContentErrorIsAEWithErr) {
  AckContext ctx = Context(Oru(Msh("C1"), "OBX|1|NM|wbc^Wbc^L||7|x"));
  ASSERT_TRUE(ctx.error.has_value());
  ASSERT_FALSE(ctx.error->reject);
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AE");
  EXPECT_EQ(ack.Msa(2), "C1");
  ASSERT_NE(ack.Err(), nullptr);
  EXPECT_EQ(ack.m->Field(*ack.Err(), 2), "OBX^1^11");
  EXPECT_EQ(ack.ErrValue(3, 1), "101");
  EXPECT_EQ(ack.ErrValue(3, 3), "HL70357");
  EXPECT_EQ(ack.ErrValue(4), "E");
  EXPECT_FALSE(ack.ErrValue(8).empty());
}

TEST(AckBuilderTest, OriginalModeRejectIsAR) {
  AckContext ctx = Context(
      "MSH|^~\\&|HIS|ASE|LIS|Rapela|||OML^O21||T|2.5\rPID|||14^^^^HC\r");
  ASSERT_TRUE(ctx.error.has_value());
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.Msa(2), "");
  EXPECT_EQ(ack.ErrValue(3), "101");
  EXPECT_EQ(ack.m->Field(*ack.Err(), 2), "MSH^1^10");
  EXPECT_EQ(ack.Msh(9), "ACK^O21^ACK");
  EXPECT_EQ(ack.Msh(3), "LIS");
  EXPECT_EQ(ack.Msh(5), "HIS");
}

TEST(AckBuilderTest, RejectedByTheStoreWithoutReaderErrorIsAR207) {
  AckContext ctx = Context(Oru(Msh("C1")));
  ASSERT_FALSE(ctx.error.has_value());
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.ErrValue(3), "207");
}

TEST(AckBuilderTest, UnavailableIsAR207) {
  AckContext ctx = Context(Oru(Msh("C1")));
  std::vector<std::string> acks = AcksFor(ctx, Unavailable(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "AR");
  EXPECT_EQ(ack.Msa(2), "C1");
  ASSERT_NE(ack.Err(), nullptr);
  EXPECT_EQ(ack.ErrValue(3, 1), "207");
  EXPECT_EQ(ack.ErrValue(3, 2), "Application internal error");
  EXPECT_NE(ack.ErrValue(8).find("disk full"), std::string::npos);
  EXPECT_NE(ack.ErrValue(8).find("resend later"), std::string::npos);
}

// The store's own reasons already end in "resend later": said once.
TEST(AckBuilderTest, UnavailableSaysResendLaterOnce) {
  AckContext ctx = Context(Oru(Msh("C1")));
  const Outcome store_said{Disposition::kUnavailable,
                           "storage unavailable; resend later", 0};
  Ack ack(AcksFor(ctx, store_said, "A1", kNow)[0]);
  const std::string text = ack.ErrValue(8);
  EXPECT_EQ(text, "not stored: storage unavailable; resend later");
  EXPECT_EQ(text.find("resend later"), text.rfind("resend later"));
}

TEST(AckBuilderTest, UnreadableMessageGetsOneDefaultAck) {
  AckContext ctx = ReadHl7Message("garbage", Hl7Options{}).ack;
  ASSERT_FALSE(ctx.msh_readable);
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A1", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.raw.substr(0, 9), "MSH|^~\\&|");
  EXPECT_EQ(ack.Msa(1), "AE");
  EXPECT_EQ(ack.ErrValue(3), "100");
}

// ---------------------------------------------------------- enhanced mode
//
// ack_builder.h: one answer per message on the connection. The commit ack
// (CA/CE/CR, sent after full processing) when MSH-15 asks for it, otherwise
// the application ack (AA/AE/AR) when MSH-16 asks for it; NE/NE: none.

struct ModeCase {
  const char* accept;       // MSH-15
  const char* application;  // MSH-16
  std::vector<std::string> on_success;
  std::vector<std::string> on_content_error;  // AE-class error
  std::vector<std::string> on_reject;         // AR-class error
  std::vector<std::string> on_unavailable;
};

TEST(AckBuilderTest, EnhancedModeMatrix) {
  const ModeCase cases[] = {
      {"", "", {"AA"}, {"AE"}, {"AR"}, {"AR"}},  // original mode
      {"AL", "AL", {"CA"}, {"CE"}, {"CR"}, {"CR"}},
      {"AL", "NE", {"CA"}, {"CE"}, {"CR"}, {"CR"}},
      {"AL", "ER", {"CA"}, {"CE"}, {"CR"}, {"CR"}},
      {"AL", "SU", {"CA"}, {"CE"}, {"CR"}, {"CR"}},
      {"NE", "AL", {"AA"}, {"AE"}, {"AR"}, {"AR"}},
      {"NE", "NE", {}, {}, {}, {}},
      {"NE", "ER", {}, {"AE"}, {"AR"}, {"AR"}},
      {"NE", "SU", {"AA"}, {}, {}, {}},
      {"ER", "AL", {"AA"}, {"CE"}, {"CR"}, {"CR"}},
      {"ER", "NE", {}, {"CE"}, {"CR"}, {"CR"}},
      {"ER", "ER", {}, {"CE"}, {"CR"}, {"CR"}},
      {"ER", "SU", {"AA"}, {"CE"}, {"CR"}, {"CR"}},
      {"SU", "AL", {"CA"}, {"AE"}, {"AR"}, {"AR"}},
      {"SU", "NE", {"CA"}, {}, {}, {}},
      {"SU", "ER", {"CA"}, {"AE"}, {"AR"}, {"AR"}},
      {"SU", "SU", {"CA"}, {}, {}, {}},
  };
  for (const ModeCase& c : cases) {
    SCOPED_TRACE(std::string("MSH-15=") + c.accept +
                 " MSH-16=" + c.application);
    const std::string msh = Msh("C1", c.accept, c.application);
    AckContext ok = Context(Oru(msh));
    ASSERT_FALSE(ok.error.has_value());
    EXPECT_EQ(ok.accept_ack_type, c.accept);
    EXPECT_EQ(ok.application_ack_type, c.application);
    EXPECT_EQ(Codes(AcksFor(ok, Accepted(), "A", kNow)), c.on_success);
    // A duplicate of an accepted message is answered like the original.
    EXPECT_EQ(Codes(AcksFor(ok, Duplicate(), "A", kNow)), c.on_success);
    EXPECT_EQ(Codes(AcksFor(ok, Unavailable(), "A", kNow)), c.on_unavailable);
    AckContext content = Context(Oru(msh, "OBX|1|NM|wbc^Wbc^L||7|x"));
    ASSERT_TRUE(content.error.has_value());
    EXPECT_EQ(Codes(AcksFor(content, Rejected(), "A", kNow)),
              c.on_content_error);
    AckContext reject = Context(Oru(std::string(msh).replace(
        msh.find("ORU^R01^ORU_R01"), 15, "ORM^O01^ORM_O01")));
    ASSERT_TRUE(reject.error.has_value());
    ASSERT_TRUE(reject.error->reject);
    EXPECT_EQ(Codes(AcksFor(reject, Rejected(), "A", kNow)), c.on_reject);
  }
}

TEST(AckBuilderTest, EnhancedModeCommitAckLayout) {
  AckContext ctx = Context(Oru(Msh("C1", "AL", "AL")));
  std::vector<std::string> acks = AcksFor(ctx, Accepted(), "ACK-5", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack commit(acks[0]);
  ASSERT_TRUE(commit.m.has_value());
  EXPECT_EQ(commit.Msa(1), "CA");
  EXPECT_EQ(commit.Msa(2), "C1");
  EXPECT_EQ(commit.Msh(10), "ACK-5");
  EXPECT_EQ(commit.Msh(9), "ACK^R01^ACK");
  EXPECT_EQ(commit.Msh(3), "IRAED");
  EXPECT_EQ(commit.Msh(5), "LABAPP");
  EXPECT_EQ(commit.Err(), nullptr);
}

TEST(AckBuilderTest, EnhancedModeErrorsCarryErr) {
  AckContext ctx =
      Context(Oru(Msh("C1", "AL", "AL"), "OBX|1|NM|wbc^Wbc^L||7|x"));
  std::vector<std::string> acks = AcksFor(ctx, Rejected(), "A", kNow);
  ASSERT_EQ(acks.size(), 1u);
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "CE");
  EXPECT_EQ(ack.Msa(2), "C1");
  EXPECT_EQ(ack.ErrValue(3), "101");
  EXPECT_EQ(ack.m->Field(*ack.Err(), 2), "OBX^1^11");
  // Storage trouble: CR with ERR 207.
  std::vector<std::string> down =
      AcksFor(Context(Oru(Msh("C1", "AL", "NE"))), Unavailable(), "A", kNow);
  ASSERT_EQ(down.size(), 1u);
  Ack cr(down[0]);
  ASSERT_TRUE(cr.m.has_value());
  EXPECT_EQ(cr.Msa(1), "CR");
  EXPECT_EQ(cr.ErrValue(3), "207");
}

TEST(AckBuilderTest, EnhancedModeCustomDelimiters) {
  // hapi_adt_a24_custom_delimiters.hl7 asks AL/AL with field '^'.
  const std::string raw =
      "MSH^~|\\&^SENDING^200M^RECEIVING^200^20120918173931-0500^^ADT~A01^"
      "2003582144^T^2.4^^^AL^AL^\r\n"
      "EVN^A01^20120918173931-0500^\r\n"
      "PID^1^^11111~~~FOO&&0363~MR~FACILITY ID&200M&L^^SMITH~JOHN~TEST^\r\n";
  AckContext ctx = Context(raw);
  ASSERT_FALSE(ctx.error.has_value()) << ctx.error->text;
  std::vector<std::string> acks = AcksFor(ctx, Accepted(), "A", kNow);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].substr(0, 9), "MSH^~|\\&^");
  Ack ack(acks[0]);
  ASSERT_TRUE(ack.m.has_value());
  EXPECT_EQ(ack.Msa(1), "CA");
  EXPECT_EQ(ack.Msa(2), "2003582144");
  EXPECT_EQ(ack.Msh(9), "ACK~A01~ACK");
}

}  // namespace
}  // namespace iraed::hl7
