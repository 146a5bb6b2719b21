// Character sets at the door (issue 11): MSH-18 honoured, the site default
// when it is empty, every text converted to UTF-8, invalid bytes replaced
// and counted, the acknowledgement echoing the sender's bytes.
#include "hl7/charset.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "common/utf8.h"
#include "hl7/hl7_reader.h"

namespace iraed::hl7 {
namespace {

const std::string kFffd = "\xef\xbf\xbd";

// A RAS^O17 whose drug text (RXA-5.2) is `drug` and MSH-18 `charset`
// (MSH-13 to MSH-17 empty).
std::string Ras(const std::string& charset, const std::string& drug) {
  return "MSH|^~\\&|MAR|ICU|IRAED|ONC|20260922100000+0000||RAS^O17|R-1|P|"
         "2.5.1||||||" +
         charset +
         "\r"
         "PID|1||MRN1^^^HOSP^MR||M\xfcller^J\xfcrgen\r"
         "ORC|RE|O1|F1\r"
         "RXA|0|1|20260922100000+0000||5555^" +
         drug + "^99PHARM|200|mg\r";
}

const model::MedicationAdministration& Admin(const Hl7Reading& r) {
  return std::get<model::MedicationAdministrationBatch>(r.message->body)
      .administrations.front();
}

TEST(CharsetTest, FindsTable0211NamesAndRealWorldSpellings) {
  EXPECT_EQ(FindCharset("8859/1")->iconv, "ISO-8859-1");
  EXPECT_EQ(FindCharset("8859/15")->iconv, "ISO-8859-15");
  EXPECT_EQ(FindCharset("8859/2")->name, "8859/2");
  EXPECT_EQ(FindCharset("UNICODE UTF-8")->iconv, "UTF-8");
  EXPECT_EQ(FindCharset("unicode utf-8")->iconv, "UTF-8");
  EXPECT_EQ(FindCharset("ASCII")->iconv, "ASCII");
  EXPECT_EQ(FindCharset("ISO IR6")->iconv, "ASCII");
  EXPECT_EQ(FindCharset("ISO-8859-1")->iconv, "ISO-8859-1");
  EXPECT_EQ(FindCharset("UTF8")->iconv, "UTF-8");
  EXPECT_EQ(FindCharset("WINDOWS-1252")->iconv, "CP1252");
  EXPECT_EQ(FindCharset("cp1250")->iconv, "CP1250");
  EXPECT_EQ(FindCharset("GB 18030-2000")->iconv, "GB18030");
  EXPECT_EQ(FindCharset("BIG-5")->iconv, "BIG5");
  EXPECT_FALSE(FindCharset("UNICODE UTF-16"));
  EXPECT_FALSE(FindCharset("ISO IR87"));
  EXPECT_FALSE(FindCharset("8859/12"));
  EXPECT_FALSE(FindCharset("8859/17"));
  EXPECT_FALSE(FindCharset("8859/"));
  EXPECT_FALSE(FindCharset(""));
  EXPECT_FALSE(FindCharset("EBCDIC"));
}

TEST(CharsetTest, ConvertsEachCharsetToUtf8) {
  auto latin1 = ToUtf8("Keytruda\xae", *FindCharset("8859/1"));
  EXPECT_EQ(latin1.text, "Keytruda\xc2\xae");
  EXPECT_EQ(latin1.replaced, 0u);
  // 0xA4 is the currency sign in 8859/1 and the euro in 8859/15.
  EXPECT_EQ(ToUtf8("\xa4", *FindCharset("8859/15")).text, "\xe2\x82\xac");
  // Windows-1252: 0x80 euro, 0x92 right single quote.
  EXPECT_EQ(ToUtf8("\x80 \x92", *FindCharset("WINDOWS-1252")).text,
            "\xe2\x82\xac \xe2\x80\x99");
  // 8859/2: 0xB9 is s with caron.
  EXPECT_EQ(ToUtf8("\xb9", *FindCharset("8859/2")).text, "\xc5\xa1");
}

TEST(CharsetTest, BytesInvalidInTheCharsetAreReplacedAndCounted) {
  // 0x81 is not defined in Windows-1252.
  auto cp = ToUtf8("a\x81z", *FindCharset("WINDOWS-1252"));
  EXPECT_EQ(cp.text, "a" + kFffd + "z");
  EXPECT_EQ(cp.replaced, 1u);
  auto ascii = ToUtf8("caf\xe9!", *FindCharset("ASCII"));
  EXPECT_EQ(ascii.text, "caf" + kFffd + "!");
  EXPECT_EQ(ascii.replaced, 1u);
  auto utf8 = ToUtf8("Keytruda\xae", *FindCharset("UNICODE UTF-8"));
  EXPECT_EQ(utf8.text, "Keytruda" + kFffd);
  EXPECT_EQ(utf8.replaced, 1u);
  // 8859/3 leaves 0xA5 undefined.
  auto iso3 = ToUtf8("\xa5", *FindCharset("8859/3"));
  EXPECT_EQ(iso3.text, kFffd);
  EXPECT_EQ(iso3.replaced, 1u);
}

TEST(Hl7CharsetTest, Latin1DeclaredInMsh18IsReadAsLatin1) {
  Hl7Reading r = ReadHl7Message(Ras("8859/1", "Keytruda\xae"), Hl7Options{});
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  EXPECT_EQ(Admin(r).drug.display, "Keytruda\xc2\xae");
  EXPECT_TRUE(r.message->quality_notes.empty());
}

TEST(Hl7CharsetTest, InvalidByteInTheDeclaredCharsetIsReplacedAndNoted) {
  // MSH-18 empty: the site default, UTF-8, where a lone 0xAE is invalid.
  const std::string raw = Ras("", "Keytruda\xae");
  Hl7Reading r = ReadHl7Message(raw, Hl7Options{});
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(Admin(r).drug.display, "Keytruda" + kFffd);
  // The patient name in PID has two more (0xFC twice): three in all.
  ASSERT_EQ(r.message->quality_notes.size(), 1u);
  EXPECT_EQ(r.message->quality_notes[0].issue, "invalid_characters");
  EXPECT_EQ(r.message->quality_notes[0].detail.rfind("3 byte sequence", 0), 0u)
      << r.message->quality_notes[0].detail;
  EXPECT_NE(r.message->quality_notes[0].detail.find("UNICODE UTF-8"),
            std::string::npos);
}

TEST(Hl7CharsetTest, AMessageUnreadableAfterConversionIsNotedNotSilent) {
  // The component separator is 0xA7 ("\u00a7" in 8859/1): one byte as sent,
  // two once converted to UTF-8, so the converted text would split
  // differently: the message is read as received, and that is noted.
  std::string raw = Ras("8859/1", "Keytruda");
  raw.replace(raw.find("|^~"), 3, "|\xa7~");
  for (std::size_t at = raw.find('^', 20); at != std::string::npos;
       at = raw.find('^', at + 1)) {
    raw[at] = '\xa7';
  }
  Hl7Reading r = ReadHl7Message(raw, Hl7Options{});
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  EXPECT_EQ(Admin(r).drug.display, "Keytruda");
  bool noted = false;
  for (const model::QualityNote& n : r.message->quality_notes) {
    if (n.issue == "invalid_characters" &&
        n.detail.find("could not be read the same way") != std::string::npos) {
      noted = true;
      EXPECT_NE(n.detail.find("8859/1"), std::string::npos) << n.detail;
    }
  }
  EXPECT_TRUE(noted);
}

TEST(Hl7CharsetTest, SiteDefaultAppliesOnlyWhenMsh18IsEmpty) {
  Hl7Options o;
  o.default_charset = "WINDOWS-1252";
  Hl7Reading r = ReadHl7Message(Ras("", "Opdivo\x99"), o);  // 0x99 = TM
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(Admin(r).drug.display, "Opdivo\xe2\x84\xa2");
  EXPECT_TRUE(r.message->quality_notes.empty());
  // MSH-18 wins over the default.
  Hl7Reading utf8 =
      ReadHl7Message(Ras("UNICODE UTF-8", "Opdivo\xe2\x84\xa2"), o);
  ASSERT_TRUE(utf8.message.has_value());
  EXPECT_EQ(Admin(utf8).drug.display, "Opdivo\xe2\x84\xa2");
}

TEST(Hl7CharsetTest, UnknownCharsetIsReadAsTheDefaultAndNoted) {
  Hl7Reading r =
      ReadHl7Message(Ras("UNICODE UTF-16", "Keytruda"), Hl7Options{});
  ASSERT_TRUE(r.message.has_value());
  ASSERT_FALSE(r.message->quality_notes.empty());
  EXPECT_EQ(r.message->quality_notes[0].issue, "unknown_charset");
  EXPECT_NE(r.message->quality_notes[0].detail.find("UNICODE UTF-16"),
            std::string::npos);
}

TEST(Hl7CharsetTest, EveryTextIsValidUtf8) {
  Hl7Reading r = ReadHl7Message(Ras("ASCII", "Pembro\xff\xfe"), Hl7Options{});
  ASSERT_TRUE(r.message.has_value());
  const auto& a = Admin(r);
  EXPECT_TRUE(IsValidUtf8(a.drug.display));
  EXPECT_TRUE(IsValidUtf8(a.patient.id));
}

TEST(Hl7CharsetTest, HexEscapesAreBytesOfTheMessageCharset) {
  // \XE9\ is e acute in 8859/1.
  Hl7Reading r =
      ReadHl7Message(Ras("8859/1", "caf\\XE9\\ cr\\XE8\\me"), Hl7Options{});
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(Admin(r).drug.display, "caf\xc3\xa9 cr\xc3\xa8me");
  EXPECT_TRUE(r.message->quality_notes.empty());
  // In UTF-8 a lone \XE9\ is ill-formed: replaced and noted.
  Hl7Reading u = ReadHl7Message(Ras("", "caf\\XE9\\"), Hl7Options{});
  ASSERT_TRUE(u.message.has_value());
  EXPECT_EQ(Admin(u).drug.display, "caf" + kFffd);
  ASSERT_FALSE(u.message->quality_notes.empty());
  EXPECT_EQ(u.message->quality_notes.back().issue, "invalid_characters");
}

TEST(Hl7CharsetTest, AcknowledgementEchoesTheControlIdAsReceived) {
  std::string raw = Ras("8859/1", "x");
  raw.replace(raw.find("R-1"), 3, "R-\xe9");
  Hl7Reading r = ReadHl7Message(raw, Hl7Options{});
  ASSERT_TRUE(r.message.has_value());
  EXPECT_EQ(r.ack.control_id, "R-\xe9");  // verbatim for MSA-2
  EXPECT_EQ(r.message_id, "R-\xc3\xa9");  // stored as UTF-8
}

TEST(Hl7TimeZoneTest, DaylightSavingTimesAreNotedOncePerValue) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  if (!berlin.ok()) GTEST_SKIP() << "no tz database";
  Hl7Options o;
  o.zone = *berlin;
  const std::string oru =
      "MSH|^~\\&|LAB|HOSP|IRAED|SITE|20261025040000+0100||ORU^R01|M-1|P|2.5.1"
      "\rPID|1||MRN1^^^HOSP^MR\rOBR|1||F1|1742-6^ALT^LN\r"
      "OBX|1|NM|1742-6^ALT^LN||40|U/L|7-56||||F|||20261025023000\r"
      "OBX|2|NM|1920-8^AST^LN||40|U/L|7-40||||F|||20261025023000\r"
      "OBX|3|NM|1975-2^Bili^LN||1|mg/dL|0.2-1.2||||F|||20260329023000\r";
  Hl7Reading r = ReadHl7Message(oru, o);
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  const auto& obs = std::get<model::ObservationBatch>(r.message->body);
  EXPECT_EQ(obs.observations[0].observed_at, 1792888200000);  // earlier
  EXPECT_EQ(obs.observations[2].observed_at, 1774747800000);  // shifted
  ASSERT_EQ(r.message->quality_notes.size(), 2u);
  EXPECT_EQ(r.message->quality_notes[0].issue, "ambiguous_local_time");
  EXPECT_NE(r.message->quality_notes[0].detail.find("2026-10-25T00:30:00"),
            std::string::npos);
  EXPECT_EQ(r.message->quality_notes[1].issue, "nonexistent_local_time");
  EXPECT_NE(r.message->quality_notes[1].detail.find("Europe/Berlin"),
            std::string::npos);
}

// A \X..\ escape whose byte is not a character of the declared charset
// (0xA5 is undefined in ISO 8859-3) is replaced, counted and noted.
TEST(Hl7CharsetTest, AnEscapedByteInvalidInTheCharsetIsNoted) {
  Hl7Reading r = ReadHl7Message(Ras("8859/3", "Opdivo\\XA5\\"), Hl7Options{});
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  EXPECT_EQ(Admin(r).drug.display, "Opdivo\xef\xbf\xbd");
  bool noted = false;
  for (const auto& n : r.message->quality_notes) {
    if (n.issue == "invalid_characters" &&
        n.detail.find("escapes not valid in 8859/3") != std::string::npos) {
      noted = true;
    }
  }
  EXPECT_TRUE(noted);
  // The same escape in Latin-1 is a character (yen sign): nothing to note.
  Hl7Reading ok = ReadHl7Message(Ras("8859/1", "Opdivo\\XA5\\"), Hl7Options{});
  ASSERT_TRUE(ok.message.has_value());
  EXPECT_EQ(Admin(ok).drug.display, "Opdivo\xc2\xa5");
  EXPECT_TRUE(ok.message->quality_notes.empty());
}

TEST(Hl7TimeZoneTest, AnAmbiguousMessageTimeIsNotedToo) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  if (!berlin.ok()) GTEST_SKIP() << "no tz database";
  Hl7Options o;
  o.zone = *berlin;
  const std::string oru =
      "MSH|^~\\&|LAB|HOSP|IRAED|SITE|20261025023000||ORU^R01|M-1|P|2.5.1"
      "\rPID|1||MRN1^^^HOSP^MR\rOBR|1||F1|1742-6^ALT^LN\r"
      "OBX|1|NM|1742-6^ALT^LN||40|U/L|7-56||||F|||20261025043000+0100\r";
  Hl7Reading r = ReadHl7Message(oru, o);
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  ASSERT_EQ(r.message->quality_notes.size(), 1u);
  EXPECT_EQ(r.message->quality_notes[0].issue, "ambiguous_local_time");
  EXPECT_EQ(r.message->quality_notes[0].detail.rfind("MSH-7 '", 0), 0u)
      << r.message->quality_notes[0].detail;
  EXPECT_EQ(r.message->sent_at, 1792888200000);  // the earlier instant
}

// A UTF-8 byte-order mark before a message declared in another charset is
// dropped, not converted into text before MSH.
TEST(Hl7CharsetTest, ByteOrderMarkBeforeALatin1MessageIsDropped) {
  Hl7Reading r = ReadHl7Message("\xef\xbb\xbf" + Ras("8859/1", "Keytruda\xae"),
                                Hl7Options{});
  ASSERT_TRUE(r.message.has_value()) << r.ack.error->text;
  EXPECT_EQ(Admin(r).drug.display, "Keytruda\xc2\xae");
  EXPECT_TRUE(r.message->quality_notes.empty());
}

// OBX-6: a count unit whose caret the sender did not escape is joined
// again; a proper coded unit keeps its first component.
TEST(Hl7UnitTest, UnescapedCaretInACountUnitIsJoined) {
  auto unit_of = [](const std::string& obx6) {
    const std::string oru =
        "MSH|^~\\&|LAB|HOSP|IRAED|SITE|20240315120000+0000||ORU^R01|M-1|P|"
        "2.5.1\rPID|1||MRN1^^^HOSP^MR\rOBR|1||F1|57021-8^CBC^LN\r"
        "OBX|1|NM|751-8^ANC^LN||1.2|" +
        obx6 + "|||||F|||20240315100000+0000\r";
    Hl7Reading r = ReadHl7Message(oru, Hl7Options{});
    EXPECT_TRUE(r.message.has_value());
    if (!r.message) return std::string("?");
    return std::get<model::ObservationBatch>(r.message->body)
        .observations.front()
        .unit;
  };
  EXPECT_EQ(unit_of("10^3/uL"), "10^3/uL");
  EXPECT_EQ(unit_of("x10^9/L"), "x10^9/L");
  EXPECT_EQ(unit_of("10\\S\\3/uL"), "10^3/uL");  // escaped, as HL7 wants
  EXPECT_EQ(unit_of("10*3/uL^^UCUM"), "10*3/uL");
  EXPECT_EQ(unit_of("mg/dL^milligram per deciliter^UCUM"), "mg/dL");
  EXPECT_EQ(unit_of("^mg/dL"), "mg/dL");
  EXPECT_EQ(unit_of("10^ten"), "10");  // not a count unit: left as sent
}

}  // namespace
}  // namespace iraed::hl7
