#include "ingest/credential_scrub.h"

#include <gtest/gtest.h>

#include "iraed/v1/ingest.pb.h"

namespace iraed::ingest {
namespace {

iraed::v1::Envelope Action() {
  iraed::v1::Envelope env;
  env.set_message_id("m-1");
  env.set_source("iraectl@ward7");
  env.mutable_sent_at()->set_seconds(1764748800);
  auto* a = env.mutable_alert_action();
  a->set_alert_id(42);
  a->set_kind(iraed::v1::ALERT_ACTION_KIND_ACKNOWLEDGE);
  a->set_by("rn.jones");
  return env;
}

TEST(CredentialScrubTest, RemovesTheTokenAndKeepsEveryOtherByte) {
  const std::string without = Action().SerializeAsString();
  iraed::v1::Envelope with = Action();
  with.set_auth_token("iraed-" + std::string(64, 'f'));
  const std::string sent = with.SerializeAsString();
  ASSERT_NE(sent.find(std::string(64, 'f')), std::string::npos);
  // Fields are written in number order, so the token-less serialisation is
  // exactly the sent bytes without field 4.
  EXPECT_EQ(WithoutAuthToken(sent), without);
  iraed::v1::Envelope back;
  ASSERT_TRUE(back.ParseFromString(WithoutAuthToken(sent)));
  EXPECT_TRUE(back.auth_token().empty());
  EXPECT_EQ(back.alert_action().by(), "rn.jones");
}

TEST(CredentialScrubTest, NothingToRemoveLeavesTheBytesAlone) {
  const std::string bytes = Action().SerializeAsString();
  EXPECT_EQ(WithoutAuthToken(bytes), bytes);
  EXPECT_EQ(WithoutAuthToken(""), "");
}

TEST(CredentialScrubTest, EveryCopyGoesAndACorruptTailIsKeptAsIs) {
  // Field 4 twice (a hostile sender), then bytes that are not wire format.
  std::string token = "\x22\x06secret";  // field 4, length 6
  std::string bytes = Action().SerializeAsString();
  const std::string tail = "\x0f\xff\xff";  // wire type 7: not protobuf
  const std::string sent = token + bytes + token + tail;
  const std::string kept = WithoutAuthToken(sent);
  EXPECT_EQ(kept, bytes + tail);
  EXPECT_EQ(kept.find("secret"), std::string::npos);
  // A token announced longer than the frame: what follows its tag may be
  // part of it, so it goes too (the frame is rejected as undecodable).
  const std::string truncated = bytes + "\x22\x7f" + "abc";
  EXPECT_EQ(WithoutAuthToken(truncated), bytes);
}

TEST(CredentialScrubTest, TokensBehindGroupsCorruptBytesOrAnEmptyCopyGoToo) {
  const std::string bytes = Action().SerializeAsString();
  const std::string token = "\x22\x46iraed-" + std::string(64, 'a');
  // An unknown group (field 9: start tag 0x4b, end tag 0x4c) holding a
  // varint, before the token: protobuf skips it, so must the scrub.
  const std::string group = "\x4b\x08\x01\x4c";
  iraed::v1::Envelope parsed;
  ASSERT_TRUE(parsed.ParseFromString(group + token + bytes));
  ASSERT_FALSE(parsed.auth_token().empty());
  EXPECT_EQ(WithoutAuthToken(group + token + bytes), group + bytes);
  // A second, empty copy (the decoder then reads ""): both go.
  EXPECT_EQ(WithoutAuthToken(token + bytes + std::string("\x22\x00", 2)),
            bytes);
  // A corrupt byte first (wire type 7): kept, but not the token's text.
  const std::string corrupt = "\x07" + token + bytes;
  const std::string kept = WithoutAuthToken(corrupt);
  EXPECT_EQ(kept.find("iraed-"), std::string::npos);
  EXPECT_EQ(kept.find(std::string(64, 'a')), std::string::npos);
  EXPECT_EQ(kept, "\x07\x22\x46");
}

}  // namespace
}  // namespace iraed::ingest
