#include "hl7/er7.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace iraed::hl7 {
namespace {

// A small ADT message in the default delimiters; segments joined by `eol`.
std::string Adt(std::string_view eol = "\r") {
  std::string out;
  for (std::string_view s :
       {"MSH|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20240115120000||ADT^A01^"
        "ADT_A01|CTRL-1|P|2.5.1",
        "EVN|A01|20240115115900",
        "PID|1||MRN123^^^HOSP&1.2.3&ISO^MR~999^^^SSA^SS||DOE^JOHN^Q||19800202|"
        "M",
        "PV1|1|I"}) {
    out += s;
    out += eol;
  }
  return out;
}

Er7Message ParseOk(std::string_view raw) {
  auto r = Er7Message::Parse(raw);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) {
    // A trivially valid message so that tests fail on expectations, not
    // on a crash.
    return Er7Message::Parse("MSH|^~\\&|").value();
  }
  return std::move(r).value();
}

std::vector<std::string> Names(const Er7Message& m) {
  std::vector<std::string> out;
  for (const Segment& s : m.segments()) out.emplace_back(s.name);
  return out;
}

// ---------------------------------------------------------------- delimiters

TEST(Er7Test, DefaultDelimiters) {
  Er7Message m = ParseOk(Adt());
  const Delimiters& d = m.delimiters();
  EXPECT_EQ(d.field, '|');
  EXPECT_EQ(d.component, '^');
  EXPECT_EQ(d.repetition, '~');
  EXPECT_EQ(d.escape, '\\');
  EXPECT_EQ(d.subcomponent, '&');
  EXPECT_EQ(d.encoding_characters, "^~\\&");
}

TEST(Er7Test, NonDefaultDelimitersAsInHapiA24Sample) {
  // Field '^', component '~', repetition '|', escape '\', subcomponent '&'
  // (hapi_adt_a24_custom_delimiters.hl7, shortened).
  const std::string raw =
      "MSH^~|\\&^SENDING^200M^RECEIVING^200^20120918173931-0500^^ADT~A24^"
      "2003582144^T^2.4^^^AL^AL^\r\n"
      "EVN^A24^20120918173931-0500^\r\n"
      "PID^1^^11111~~~FOO&&0363~NI~FACILITY ID&200M&L|33333~~~BAR^^SMITH~"
      "JOHN~TEST^\r\n";
  Er7Message m = ParseOk(raw);
  const Delimiters& d = m.delimiters();
  EXPECT_EQ(d.field, '^');
  EXPECT_EQ(d.component, '~');
  EXPECT_EQ(d.repetition, '|');
  EXPECT_EQ(d.escape, '\\');
  EXPECT_EQ(d.subcomponent, '&');
  EXPECT_EQ(d.encoding_characters, "~|\\&");
  EXPECT_EQ(Names(m), (std::vector<std::string>{"MSH", "EVN", "PID"}));

  const Segment& msh = m.msh();
  EXPECT_EQ(m.Field(msh, 1), "^");
  EXPECT_EQ(m.Field(msh, 2), "~|\\&");
  EXPECT_EQ(m.Field(msh, 3), "SENDING");
  EXPECT_EQ(m.Field(msh, 9), "ADT~A24");
  EXPECT_EQ(m.Value(msh, 9, 1), "ADT");
  EXPECT_EQ(m.Value(msh, 9, 2), "A24");
  EXPECT_EQ(m.Field(msh, 10), "2003582144");
  EXPECT_EQ(m.Field(msh, 15), "AL");
  EXPECT_EQ(m.Field(msh, 16), "AL");

  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  const std::string_view pid3 = m.Field(*pid, 3);
  auto reps = m.Repetitions(pid3);
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_EQ(m.Component(reps[0], 1), "11111");
  EXPECT_EQ(m.Component(reps[0], 4), "FOO&&0363");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 1), "FOO");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 2), "");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 3), "0363");
  EXPECT_EQ(m.Component(reps[0], 5), "NI");
  EXPECT_EQ(m.Value(*pid, 3, 6, 2), "200M");
  EXPECT_EQ(m.Value(*pid, 3, 1, 1, 1), "33333");
  EXPECT_EQ(m.Value(*pid, 3, 4, 1, 1), "BAR");
  EXPECT_EQ(m.Value(*pid, 5, 1), "SMITH");
  EXPECT_EQ(m.Value(*pid, 5, 2), "JOHN");
  EXPECT_EQ(m.Value(*pid, 5, 3), "TEST");
}

TEST(Er7Test, EscapesUseTheMessageDelimiters) {
  const std::string raw =
      "MSH^~|\\&^A^B^C^D^20240101^^ORU~R01^1^P^2.5\r"
      "NTE^1^^a\\F\\b\\S\\c\\R\\d\\T\\e\\E\\f\r";
  Er7Message m = ParseOk(raw);
  EXPECT_EQ(m.Value(*m.Find("NTE"), 3), "a^b~c|d&e\\f");
}

TEST(Er7Test, ThreeCharacterEncodingCharacters) {
  // hapi_bar_p01_three_encoding_chars.hl7: '^~}' - '}' is the escape
  // character, there is no subcomponent separator.
  const std::string raw =
      "MSH|^~}|ADMISSION|ADT1|RADIOLOGY|MIR1|19930502185327||BAR^P01|"
      "908594ADT30502185327|P|2.4||\r"
      "PID||^^|479305169^1^M10|A&B|CRESWELL^DEBORAH||x}F}y}S}z\r";
  Er7Message m = ParseOk(raw);
  const Delimiters& d = m.delimiters();
  EXPECT_EQ(d.component, '^');
  EXPECT_EQ(d.repetition, '~');
  EXPECT_EQ(d.escape, '}');
  EXPECT_EQ(d.subcomponent, '\0');
  EXPECT_EQ(d.encoding_characters, "^~}");
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  // '&' is data here, not a separator.
  EXPECT_EQ(m.Value(*pid, 4), "A&B");
  EXPECT_EQ(m.Subcomponent("A&B", 1), "A&B");
  EXPECT_EQ(m.Subcomponent("A&B", 2), "");
  EXPECT_EQ(m.Value(*pid, 3, 1), "479305169");
  EXPECT_EQ(m.Value(*pid, 7), "x|y^z");
  EXPECT_EQ(m.Field(m.msh(), 10), "908594ADT30502185327");
}

TEST(Er7Test, BraceAsSubcomponentSeparator) {
  // hapi_bar_p01_escape_char_brace.hl7: '^~\}'.
  Er7Message m = ParseOk(
      "MSH|^~\\}|ADMISSION|ADT1|RADIOLOGY|MIR1|19930502184808||BAR^P01|1|P|"
      "2.4\rPID|1||ID^^^NS}UNI}ISO^MR||A\\T\\B\r");
  EXPECT_EQ(m.delimiters().escape, '\\');
  EXPECT_EQ(m.delimiters().subcomponent, '}');
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(m.Value(*pid, 3, 4, 1), "NS");
  EXPECT_EQ(m.Value(*pid, 3, 4, 2), "UNI");
  EXPECT_EQ(m.Value(*pid, 3, 4, 3), "ISO");
  EXPECT_EQ(m.Value(*pid, 5), "A}B");
}

TEST(Er7Test, TwoEncodingCharactersHaveNoEscape) {
  Er7Message m = ParseOk(
      "MSH|^~|A|B|C|D|20240101||ADT^A01|1|P|2.5\r"
      "NTE|1||x\\F\\y\r");
  EXPECT_EQ(m.delimiters().escape, '\0');
  EXPECT_EQ(m.delimiters().subcomponent, '\0');
  EXPECT_EQ(m.Value(*m.Find("NTE"), 3), "x\\F\\y");
}

TEST(Er7Test, MangledDoubledEscapeInMsh2) {
  // l4h_adt_a01_crlf_mangled_msh2.hl7: MSH-2 written as ^~\\& .
  const std::string raw =
      "MSH|^~\\\\&|SE050|050|PACS|050|20120912011230||ADT^A01|102|T|2.6|||AL|"
      "NE\r\n"
      "PID|0010||PID1234^5^M11^A&B^MR^HOSP||DOE^JOHN^A^||19800202|F||A\\T\\E"
      "\r\n";
  Er7Message m = ParseOk(raw);
  const Delimiters& d = m.delimiters();
  EXPECT_EQ(d.component, '^');
  EXPECT_EQ(d.repetition, '~');
  EXPECT_EQ(d.escape, '\\');
  EXPECT_EQ(d.subcomponent, '&');
  // MSH-2 exactly as the sender wrote it.
  EXPECT_EQ(d.encoding_characters, "^~\\\\&");
  EXPECT_EQ(m.Field(m.msh(), 2), "^~\\\\&");
  EXPECT_EQ(m.Field(m.msh(), 3), "SE050");
  EXPECT_EQ(m.Field(m.msh(), 10), "102");
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(m.Value(*pid, 3, 4, 2), "B");
  EXPECT_EQ(m.Value(*pid, 10), "A&E");
}

TEST(Er7Test, UnusableDelimitersAreErrors) {
  EXPECT_FALSE(Er7Message::Parse("MSHA^~\\&|x|y|z").ok());    // letter
  EXPECT_FALSE(Er7Message::Parse("MSH1^~\\&|x|y|z").ok());    // digit
  EXPECT_FALSE(Er7Message::Parse("MSH ^~\\&|x|y|z").ok());    // space
  EXPECT_FALSE(Er7Message::Parse("MSH|^|A|B|C|D|E").ok());    // one char
  EXPECT_FALSE(Er7Message::Parse("MSH|^^\\&|A|B|C").ok());    // repeats
  EXPECT_FALSE(Er7Message::Parse("MSH|^~\\^|A|B|C").ok());    // repeats
  EXPECT_FALSE(Er7Message::Parse("MSH|A~\\&|A|B|C").ok());    // letter
  EXPECT_FALSE(Er7Message::Parse("MSH|^~\\&ab|A|B|C").ok());  // too long
}

// ------------------------------------------------------------ segment ends

TEST(Er7Test, SegmentTerminators) {
  for (std::string_view eol : {"\r", "\n", "\r\n"}) {
    Er7Message m = ParseOk(Adt(eol));
    EXPECT_EQ(Names(m), (std::vector<std::string>{"MSH", "EVN", "PID", "PV1"}))
        << "eol size " << eol.size();
    EXPECT_EQ(m.Field(m.msh(), 12), "2.5.1");
    EXPECT_EQ(m.Field(*m.Find("PV1"), 2), "I");
  }
}

TEST(Er7Test, MixedTerminatorsAndBlankSegments) {
  const std::string raw =
      "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r\n"
      "\r\n"
      "PID|1||X^^^^MR\n"
      "\n\n"
      "   \t\r"
      "OBR|1\r"
      "\r"
      "OBX|1|NM|C^T^L||5|mg|||||F\n"
      "\r\n\r\n";
  Er7Message m = ParseOk(raw);
  EXPECT_EQ(Names(m), (std::vector<std::string>{"MSH", "PID", "OBR", "OBX"}));
  EXPECT_EQ(m.Field(m.msh(), 12), "2.5");
  EXPECT_EQ(m.Field(*m.Find("OBX"), 11), "F");
}

TEST(Er7Test, LeadingBomAndNoise) {
  Er7Message m = ParseOk("\xEF\xBB\xBF" + Adt());
  EXPECT_EQ(m.Field(m.msh(), 3), "SENDAPP");
  EXPECT_EQ(m.segments().size(), 4u);
  Er7Message m2 = ParseOk("\xEF\xBB\xBF\r\n\n  " + Adt("\n"));
  EXPECT_EQ(m2.Field(m2.msh(), 10), "CTRL-1");
  EXPECT_EQ(StripLeadingNoise("\xEF\xBB\xBF\r\n MSH|"), "MSH|");
  EXPECT_EQ(StripLeadingNoise("MSH|"), "MSH|");
  EXPECT_EQ(StripLeadingNoise(""), "");
  EXPECT_EQ(StripLeadingNoise("\xEF\xBB"), "\xEF\xBB");
}

TEST(Er7Test, MissingFinalTerminator) {
  std::string raw = Adt();
  raw.pop_back();
  Er7Message m = ParseOk(raw);
  ASSERT_EQ(m.segments().size(), 4u);
  EXPECT_EQ(m.Field(*m.Find("PV1"), 2), "I");
  // MSH alone, without any terminator.
  Er7Message only = ParseOk("MSH|^~\\&|A|B|C|D|20240101||ADT^A01|77|P|2.5");
  ASSERT_EQ(only.segments().size(), 1u);
  EXPECT_EQ(only.Field(only.msh(), 10), "77");
  EXPECT_EQ(only.Field(only.msh(), 12), "2.5");
  EXPECT_EQ(only.Field(only.msh(), 13), "");
}

TEST(Er7Test, ShortestMessage) {
  Er7Message m = ParseOk("MSH|^~\\&");
  ASSERT_EQ(m.segments().size(), 1u);
  EXPECT_EQ(m.Field(m.msh(), 1), "|");
  EXPECT_EQ(m.Field(m.msh(), 2), "^~\\&");
  EXPECT_EQ(m.Field(m.msh(), 3), "");
  EXPECT_EQ(m.Value(m.msh(), 9, 2), "");
}

TEST(Er7Test, ZSegmentsAreKept) {
  Er7Message m = ParseOk(
      "MSH|^~\\&|A|B|C|D|20240101||ERP^Z99^ERP_R09|1|T|2.3.1\r"
      "ZNT|1|note^x\r"
      "Z01|a|b\r"
      "ZBX|1|\r");
  EXPECT_EQ(Names(m), (std::vector<std::string>{"MSH", "ZNT", "Z01", "ZBX"}));
  ASSERT_NE(m.Find("ZNT"), nullptr);
  EXPECT_EQ(m.Value(*m.Find("ZNT"), 2, 2), "x");
  EXPECT_EQ(m.Value(*m.Find("Z01"), 2), "b");
  EXPECT_EQ(m.Find("ZZZ"), nullptr);
}

TEST(Er7Test, GarbageIsAnError) {
  EXPECT_FALSE(Er7Message::Parse("").ok());
  EXPECT_FALSE(Er7Message::Parse("\xEF\xBB\xBF").ok());
  EXPECT_FALSE(Er7Message::Parse("hello world, this is not HL7").ok());
  EXPECT_FALSE(Er7Message::Parse("PID|1||123^^^^MR\rMSH|^~\\&|A").ok());
  EXPECT_FALSE(Er7Message::Parse("msh|^~\\&|A|B|C|D|E||ADT^A01|1|P|2.5").ok());
  EXPECT_FALSE(Er7Message::Parse("MSH").ok());
  EXPECT_FALSE(Er7Message::Parse("MSH|").ok());
  EXPECT_FALSE(Er7Message::Parse(std::string("\x00\x01\x02\x03MSH", 7)).ok());
  EXPECT_FALSE(Er7Message::Parse("FHS|^~\\&|||").ok());
  auto r = Er7Message::Parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.status().message().empty());
}

// --------------------------------------------------------------- numbering

TEST(Er7Test, MshFieldNumbering) {
  Er7Message m = ParseOk(Adt());
  const Segment& msh = m.msh();
  EXPECT_EQ(msh.name, "MSH");
  EXPECT_EQ(m.Field(msh, 0), "");
  EXPECT_EQ(m.Field(msh, -3), "");
  EXPECT_EQ(m.Field(msh, 1), "|");
  EXPECT_EQ(m.Field(msh, 2), "^~\\&");
  EXPECT_EQ(m.Field(msh, 3), "SENDAPP");
  EXPECT_EQ(m.Field(msh, 4), "SENDFAC");
  EXPECT_EQ(m.Field(msh, 5), "RECVAPP");
  EXPECT_EQ(m.Field(msh, 6), "RECVFAC");
  EXPECT_EQ(m.Field(msh, 7), "20240115120000");
  EXPECT_EQ(m.Field(msh, 8), "");
  EXPECT_EQ(m.Field(msh, 9), "ADT^A01^ADT_A01");
  EXPECT_EQ(m.Field(msh, 10), "CTRL-1");
  EXPECT_EQ(m.Field(msh, 11), "P");
  EXPECT_EQ(m.Field(msh, 12), "2.5.1");
  EXPECT_EQ(m.Field(msh, 13), "");
  // MSH-1 and MSH-2 are not split or decoded by Value.
  EXPECT_EQ(m.Value(msh, 1), "|");
  EXPECT_EQ(m.Value(msh, 2), "^~\\&");
  EXPECT_EQ(m.Value(msh, 9, 3), "ADT_A01");
  // parts[1] is MSH-2.
  ASSERT_GE(msh.parts.size(), 2u);
  EXPECT_EQ(msh.parts[0], "MSH");
  EXPECT_EQ(msh.parts[1], "^~\\&");
}

TEST(Er7Test, OtherSegmentsNumberFromOne) {
  Er7Message m = ParseOk(Adt());
  const Segment* evn = m.Find("EVN");
  ASSERT_NE(evn, nullptr);
  EXPECT_EQ(m.Field(*evn, 1), "A01");
  EXPECT_EQ(m.Field(*evn, 2), "20240115115900");
  EXPECT_EQ(m.Field(*evn, 3), "");
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(m.Field(*pid, 1), "1");
  EXPECT_EQ(m.Field(*pid, 2), "");
  EXPECT_EQ(m.Value(*pid, 5, 1), "DOE");
  EXPECT_EQ(m.Value(*pid, 8), "M");
}

TEST(Er7Test, RepetitionsComponentsSubcomponents) {
  Er7Message m = ParseOk(Adt());
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  const std::string_view pid3 = m.Field(*pid, 3);
  auto reps = m.Repetitions(pid3);
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_EQ(reps[0], "MRN123^^^HOSP&1.2.3&ISO^MR");
  EXPECT_EQ(reps[1], "999^^^SSA^SS");
  EXPECT_EQ(m.Component(reps[0], 1), "MRN123");
  EXPECT_EQ(m.Component(reps[0], 2), "");
  EXPECT_EQ(m.Component(reps[0], 4), "HOSP&1.2.3&ISO");
  EXPECT_EQ(m.Component(reps[0], 5), "MR");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 1), "HOSP");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 2), "1.2.3");
  EXPECT_EQ(m.Subcomponent(m.Component(reps[0], 4), 3), "ISO");
  EXPECT_EQ(m.Value(*pid, 3, 4, 2), "1.2.3");
  EXPECT_EQ(m.Value(*pid, 3, 1, 1, 1), "999");
  EXPECT_EQ(m.Value(*pid, 3, 5, 1, 1), "SS");
  // A subcomponent of a component without subcomponent separators.
  EXPECT_EQ(m.Subcomponent("plain", 1), "plain");
  EXPECT_EQ(m.Subcomponent("plain", 2), "");
  // Repetitions of an empty field: one empty repetition.
  auto none = m.Repetitions("");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0], "");
  auto trailing = m.Repetitions("a~~");
  ASSERT_EQ(trailing.size(), 3u);
  EXPECT_EQ(trailing[2], "");
}

TEST(Er7Test, NeverOutOfBounds) {
  Er7Message m = ParseOk(Adt());
  const Segment* pv1 = m.Find("PV1");
  ASSERT_NE(pv1, nullptr);
  EXPECT_EQ(m.Field(*pv1, 3), "");
  EXPECT_EQ(m.Field(*pv1, 1000), "");
  EXPECT_EQ(m.Value(*pv1, 1000, 7, 3, 9), "");
  EXPECT_EQ(m.Value(*pv1, 2, 2), "");
  EXPECT_EQ(m.Value(*pv1, 2, 1, 2), "");
  EXPECT_EQ(m.Value(*pv1, 2, 1, 1, 1), "");
  EXPECT_EQ(m.Value(*pv1, 2, 0), "");
  EXPECT_EQ(m.Value(*pv1, 2, 1, 0), "");
  EXPECT_EQ(m.Value(*pv1, 2, 1, 1, -1), "");
  EXPECT_EQ(m.Value(*pv1, 0), "");
  EXPECT_EQ(m.Value(m.msh(), 500), "");
  EXPECT_EQ(m.Component("a^b", 3), "");
  EXPECT_EQ(m.Component("a^b", 0), "");
  EXPECT_EQ(m.Component("a^b", -1), "");
  EXPECT_EQ(m.Component("", 1), "");
  EXPECT_EQ(m.Subcomponent("a&b", 5), "");
  EXPECT_EQ(m.Subcomponent("a&b", 0), "");
  EXPECT_EQ(m.Subcomponent("", 1), "");
  // A segment that is only a name.
  Er7Message bare = ParseOk("MSH|^~\\&|A\rNTE\rZZ1|\r");
  ASSERT_NE(bare.Find("NTE"), nullptr);
  EXPECT_EQ(bare.Field(*bare.Find("NTE"), 1), "");
  EXPECT_EQ(bare.Value(*bare.Find("NTE"), 3, 2, 2, 2), "");
  EXPECT_EQ(bare.Field(*bare.Find("ZZ1"), 1), "");
  EXPECT_EQ(bare.Field(*bare.Find("ZZ1"), 2), "");
}

TEST(Er7Test, ExplicitNull) {
  Er7Message m = ParseOk(
      "MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5\r"
      "PID|1||X^^^^MR||\"\"|\"\"^Y|\"\"\r");
  const Segment* pid = m.Find("PID");
  ASSERT_NE(pid, nullptr);
  EXPECT_TRUE(Er7Message::IsNull(m.Field(*pid, 5)));
  EXPECT_EQ(m.Field(*pid, 5), "\"\"");
  EXPECT_EQ(m.Value(*pid, 5), "");
  EXPECT_EQ(m.Value(*pid, 6, 1), "");
  EXPECT_EQ(m.Value(*pid, 6, 2), "Y");
  EXPECT_EQ(m.Value(*pid, 7), "");
  // Omitted is "" but not null.
  EXPECT_EQ(m.Field(*pid, 4), "");
  EXPECT_FALSE(Er7Message::IsNull(m.Field(*pid, 4)));
  EXPECT_FALSE(Er7Message::IsNull("\""));
  EXPECT_FALSE(Er7Message::IsNull("\"\"\""));
  EXPECT_FALSE(Er7Message::IsNull("\"x\""));
}

// ------------------------------------------------------------------ escapes

class Er7EscapeTest : public ::testing::Test {
 protected:
  Er7Message m_ = ParseOk("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r");
};

TEST_F(Er7EscapeTest, DelimiterEscapes) {
  EXPECT_EQ(m_.Decode("a\\F\\b"), "a|b");
  EXPECT_EQ(m_.Decode("a\\S\\b"), "a^b");
  EXPECT_EQ(m_.Decode("a\\T\\b"), "a&b");
  EXPECT_EQ(m_.Decode("a\\R\\b"), "a~b");
  EXPECT_EQ(m_.Decode("a\\E\\b"), "a\\b");
  EXPECT_EQ(m_.Decode("\\F\\\\S\\\\T\\\\R\\\\E\\"), "|^&~\\");
  EXPECT_EQ(m_.Decode("no escapes here"), "no escapes here");
  EXPECT_EQ(m_.Decode(""), "");
}

TEST_F(Er7EscapeTest, HexEscapes) {
  EXPECT_EQ(m_.Decode("a\\X0D\\b"), "a\rb");
  EXPECT_EQ(m_.Decode("a\\X0d0A\\b"), "a\r\nb");
  // Three hex digits / NUL high byte, as labs send: a CR.
  EXPECT_EQ(m_.Decode("line1\\X000d\\line2"), "line1\rline2");
  EXPECT_EQ(m_.Decode("line1\\X000D\\line2"), "line1\rline2");
  EXPECT_EQ(m_.Decode("\\X41424344\\"), "ABCD");
  EXPECT_EQ(m_.Decode("\\X00\\"), "");
}

TEST_F(Er7EscapeTest, FormattingEscapes) {
  EXPECT_EQ(m_.Decode("line1\\.br\\line2"), "line1\nline2");
  EXPECT_EQ(m_.Decode("a\\.sp\\b"), "a\nb");
  EXPECT_EQ(m_.Decode("a\\H\\bold\\N\\b"), "aboldb");
  EXPECT_EQ(m_.Decode("a\\.fi\\b\\.nf\\c\\.in2\\d\\.ce\\e"), "abcde");
}

TEST_F(Er7EscapeTest, LocalAndCharsetEscapesAreKept) {
  EXPECT_EQ(m_.Decode("a\\Zxx\\b"), "a\\Zxx\\b");
  EXPECT_EQ(m_.Decode("a\\Z1234\\b"), "a\\Z1234\\b");
  EXPECT_EQ(m_.Decode("a\\C2842\\b"), "a\\C2842\\b");
  EXPECT_EQ(m_.Decode("a\\M2442\\b"), "a\\M2442\\b");
}

TEST_F(Er7EscapeTest, UnterminatedOrMalformedEscapesAreKept) {
  EXPECT_EQ(m_.Decode("a\\Fb"), "a\\Fb");
  EXPECT_EQ(m_.Decode("50\\"), "50\\");
  EXPECT_EQ(m_.Decode("\\"), "\\");
  EXPECT_EQ(m_.Decode("a\\F\\b\\S"), "a|b\\S");
  EXPECT_EQ(m_.Decode("a\\XZZ\\b"), "a\\XZZ\\b");
  EXPECT_EQ(m_.Decode("C:\\\\temp"), "C:\\\\temp");
}

TEST_F(Er7EscapeTest, EscapesAreDecodedOnlyAfterSplitting) {
  Er7Message m = ParseOk(
      "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r"
      "OBX|1|ST|C^T^L||a\\F\\b\\S\\c\\R\\d\\T\\e|u\\S\\v|next\r");
  const Segment* obx = m.Find("OBX");
  ASSERT_NE(obx, nullptr);
  // The escaped separators split nothing.
  EXPECT_EQ(m.Field(*obx, 5), "a\\F\\b\\S\\c\\R\\d\\T\\e");
  EXPECT_EQ(m.Repetitions(m.Field(*obx, 5)).size(), 1u);
  EXPECT_EQ(m.Value(*obx, 5), "a|b^c~d&e");
  EXPECT_EQ(m.Value(*obx, 5, 2), "");
  EXPECT_EQ(m.Value(*obx, 6), "u^v");
  EXPECT_EQ(m.Value(*obx, 7), "next");
  EXPECT_EQ(m.Field(*obx, 8), "");
}

TEST_F(Er7EscapeTest, ValueDecodesEachLeaf) {
  Er7Message m = ParseOk(
      "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r"
      "NTE|1||x\\.br\\y^p\\T\\q&r\\X41\\~s\\E\\t\r");
  const Segment* nte = m.Find("NTE");
  ASSERT_NE(nte, nullptr);
  EXPECT_EQ(m.Value(*nte, 3, 1), "x\ny");
  EXPECT_EQ(m.Value(*nte, 3, 2, 1), "p&q");
  EXPECT_EQ(m.Value(*nte, 3, 2, 2), "rA");
  EXPECT_EQ(m.Value(*nte, 3, 1, 1, 1), "s\\t");
}

TEST(Er7Test, ContinuationLineStaysWithItsSegment) {
  // A line that is not a segment is a broken line inside the previous
  // segment; it must not become a segment of its own.
  Er7Message m = ParseOk(
      "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r"
      "NTE|1||first line\r"
      "second line of the same note\r"
      "PID|1||X^^^^MR\r");
  EXPECT_EQ(Names(m), (std::vector<std::string>{"MSH", "NTE", "PID"}));
  const Segment* nte = m.Find("NTE");
  ASSERT_NE(nte, nullptr);
  EXPECT_NE(m.Value(*nte, 3).find("first line"), std::string::npos);
  EXPECT_NE(m.Value(*nte, 3).find("second line"), std::string::npos);
  EXPECT_EQ(m.Value(*m.Find("PID"), 3, 1), "X");
}

TEST(Er7Test, ParsedMessageOwnsItsText) {
  std::string raw = Adt();
  auto r = Er7Message::Parse(raw);
  ASSERT_TRUE(r.ok());
  raw.assign(raw.size(), 'x');  // the caller's buffer is reused
  Er7Message m = std::move(*r);
  EXPECT_EQ(m.Field(m.msh(), 10), "CTRL-1");
  EXPECT_EQ(m.Value(*m.Find("PID"), 5, 2), "JOHN");
}

}  // namespace
}  // namespace iraed::hl7
