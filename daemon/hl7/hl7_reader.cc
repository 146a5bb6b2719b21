#include "hl7/hl7_reader.h"

#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "hl7/charset.h"
#include "hl7/hl7_time.h"
#include "hl7/read_support.h"

namespace iraed::hl7 {
namespace {

using detail::Error;
using detail::Present;
using detail::Trim;

// The character set to read `raw` in (MSH-18, else the site default), with
// a note when MSH-18 names one iraed does not read.
Charset ChooseCharset(const Er7Message& raw, const Hl7Options& options,
                      std::vector<model::QualityNote>& notes) {
  const Charset utf8{"UNICODE UTF-8", "UTF-8"};
  Charset fallback = FindCharset(options.default_charset).value_or(utf8);
  // The first repetition names the message's character set; further ones
  // are ISO 2022 alternates (MSH-20), which iraed does not switch to.
  const std::string declared = Trim(raw.Value(raw.msh(), 18));
  if (declared.empty()) return fallback;
  if (auto c = FindCharset(declared)) return *c;
  notes.push_back(
      {"unknown_charset", "MSH-18 '" + ReplaceInvalidUtf8(declared) +
                              "' is not a character set iraed reads; read as " +
                              fallback.name + " (the site default)"});
  return fallback;
}

bool SameDelimiters(const Delimiters& a, const Delimiters& b) {
  return a.field == b.field && a.component == b.component &&
         a.repetition == b.repetition && a.escape == b.escape &&
         a.subcomponent == b.subcomponent;
}

// The message as text converted to UTF-8 from `charset` and parsed again,
// or nullopt when it is ASCII (reads the same) or cannot be read the same
// way (then it is read as received; noted).
std::optional<Er7Message> ConvertedContent(
    std::string_view payload, const Er7Message& parsed, const Charset& charset,
    std::vector<model::QualityNote>& notes) {
  // ASCII reads the same in every character set iraed reads: only a
  // message with other bytes is converted (and parsed again).
  if (IsAscii(payload)) return std::nullopt;
  // A UTF-8 byte-order mark is not text of any charset: dropped before the
  // conversion (the parser drops it too).
  Utf8Text text = ToUtf8(StripLeadingNoise(payload), charset);
  if (text.replaced > 0) {
    notes.push_back(
        {"invalid_characters", std::to_string(text.replaced) +
                                   " byte sequence(s) not valid in " +
                                   charset.name + " replaced by U+FFFD"});
  }
  auto reparsed = Er7Message::Parse(text.text);
  // A delimiter that is not ASCII (legal, rare) becomes several bytes in
  // UTF-8, so the converted text splits differently: then the message is
  // read as received (bytes not UTF-8 are replaced later, counted), and
  // never silently.
  std::string problem;
  if (!reparsed.ok()) {
    problem = reparsed.status().message();
  } else if (!SameDelimiters(reparsed->delimiters(), parsed.delimiters())) {
    problem = "its delimiters (MSH-1, MSH-2) are not ASCII";
  } else {
    return std::move(*reparsed);
  }
  notes.push_back({"invalid_characters",
                   "the text converted from " + charset.name +
                       " could not be read the same way (" + problem +
                       "); read as received, bytes not valid UTF-8 replaced "
                       "by U+FFFD"});
  return std::nullopt;
}

// The MSH fields the acknowledgement echoes, as received.
void ReadAckFields(const Er7Message& raw, AckContext& ack) {
  const Segment& msh = raw.msh();
  ack.msh_readable = true;
  ack.delimiters = raw.delimiters();
  ack.sending_application = std::string(raw.Field(msh, 3));
  ack.sending_facility = std::string(raw.Field(msh, 4));
  ack.receiving_application = std::string(raw.Field(msh, 5));
  ack.receiving_facility = std::string(raw.Field(msh, 6));
  const std::string_view type_field = raw.Field(msh, 9);
  ack.message_code = std::string(raw.Component(type_field, 1));
  ack.trigger = std::string(raw.Component(type_field, 2));
  ack.control_id = std::string(raw.Field(msh, 10));
  ack.processing_id = std::string(raw.Component(raw.Field(msh, 11), 1));
  ack.version = std::string(raw.Component(raw.Field(msh, 12), 1));
  ack.accept_ack_type = Trim(std::string(raw.Field(msh, 15)));
  ack.application_ack_type = Trim(std::string(raw.Field(msh, 16)));
}

// The required MSH fields (AR 101).
std::optional<Hl7Error> CheckRequiredMsh(const Er7Message& m,
                                         const AckContext& ack) {
  std::vector<std::string> missing;
  if (m.Field(m.msh(), 9).empty()) missing.push_back("MSH-9");
  if (ack.control_id.empty()) missing.push_back("MSH-10");
  if (ack.processing_id.empty()) missing.push_back("MSH-11");
  if (ack.version.empty()) missing.push_back("MSH-12");
  if (missing.empty()) return std::nullopt;
  std::string list;
  for (const std::string& f : missing) list += (list.empty() ? "" : ",") + f;
  return Error("101", "Required field missing",
               "MSH^1^" + missing.front().substr(4),
               "required MSH field(s) empty: " + list, true);
}

// What iraed supports: the processing ids accepted here (AR 202) and HL7
// v2.x (AR 203).
std::optional<Hl7Error> CheckSupportedMsh(const AckContext& ack,
                                          const Hl7Options& options) {
  if (std::find(options.processing_ids.begin(), options.processing_ids.end(),
                ack.processing_id) == options.processing_ids.end()) {
    return Error(
        "202", "Unsupported processing id", "MSH^1^11",
        "processing id '" + ack.processing_id + "' is not accepted here", true);
  }
  if (ack.version.size() < 3 || ack.version.rfind("2.", 0) != 0) {
    return Error("203", "Unsupported version id", "MSH^1^12",
                 "HL7 version '" + ack.version + "' is not v2.x", true);
  }
  return std::nullopt;
}

// The message types iraed takes, by MSH-9 (code, trigger; "" = any
// trigger, the reader then judges it), and the reader of each body.
struct Route {
  std::string_view code;
  std::string_view trigger;
  detail::BodyReader read;
};
constexpr Route kRoutes[] = {
    {"ORU", "R01", detail::ReadObservations},
    {"ADT", "", detail::ReadPatientEvent},
    {"RAS", "O17", detail::ReadAdministrations},
    {"VXU", "V04", detail::ReadAdministrations},
};

detail::BodyReader RouteOf(const std::string& code,
                           const std::string& trigger) {
  for (const Route& route : kRoutes) {
    if (route.code == code &&
        (route.trigger.empty() || route.trigger == trigger)) {
      return route.read;
    }
  }
  return nullptr;
}

// \X..\ escapes can still yield ill-formed UTF-8: every text is made
// valid, and the count joins the message's notes.
void RepairText(const Er7Message& m, const Charset& charset,
                model::Message& message) {
  if (const std::size_t escaped = m.escape_replacements(); escaped > 0) {
    message.quality_notes.push_back(
        {"invalid_characters", std::to_string(escaped) +
                                   " byte(s) of \\X..\\ escapes not valid in " +
                                   charset.name + " replaced by U+FFFD"});
  }
  if (const std::size_t fixed = model::RepairText(message); fixed > 0) {
    message.quality_notes.push_back(
        {"invalid_characters", std::to_string(fixed) +
                                   " ill-formed UTF-8 sequence(s) from "
                                   "escapes replaced by U+FFFD"});
  }
}

}  // namespace

Hl7Reading ReadHl7Message(std::string_view payload, const Hl7Options& options) {
  Hl7Reading out;
  AckContext& ack = out.ack;
  auto parsed = Er7Message::Parse(payload);
  if (!parsed.ok()) {
    ack.error = Error("100", "Segment sequence error", "MSH^1^1",
                      parsed.status().message());
    return out;
  }
  // The acknowledgement echoes the MSH fields as received (parsed); the
  // content is read from the text converted to UTF-8 (content).
  std::vector<model::QualityNote> notes;
  const Charset charset = ChooseCharset(*parsed, options, notes);
  std::optional<Er7Message> converted =
      ConvertedContent(payload, *parsed, charset, notes);
  Er7Message& content = converted ? *converted : *parsed;
  content.UseCharset(charset);
  const Er7Message& m = content;
  const Segment& msh = m.msh();
  ReadAckFields(*parsed, ack);
  // The dedupe key as stored: valid UTF-8 like all stored text.
  out.source =
      std::string(m.Field(msh, 3)) + "|" + std::string(m.Field(msh, 4));
  out.message_id = std::string(m.Field(msh, 10));
  ack.error = CheckRequiredMsh(m, ack);
  if (ack.error) return out;
  std::optional<Hl7Time> sent;
  if (Present(m.Field(msh, 7)))
    sent = ParseHl7Time(m.Value(msh, 7), options.zone);
  if (sent) out.sent_at = sent->at;
  ack.error = CheckSupportedMsh(ack, options);
  if (ack.error) return out;

  detail::Reader r{m, options, notes};
  // MSH-7 read in the site zone: a daylight-saving adjustment is noted
  // like any other time's.
  if (sent) r.NoteResolution("MSH-7", m.Value(msh, 7), *sent);
  const std::string code = m.Decode(ack.message_code);
  const std::string trigger = m.Decode(ack.trigger);
  const detail::BodyReader read = RouteOf(code, trigger);
  if (read == nullptr) {
    ack.error = Error(
        "200", "Unsupported message type", "MSH^1^9",
        "message type '" + code + "^" + trigger + "' is not one iraed takes",
        true);
    return out;
  }
  detail::BodyReading body = read(r, trigger);
  out.body_kind = std::move(body.kind);
  if (body.error) {
    ack.error = std::move(body.error);
    return out;
  }
  model::Message message;
  message.message_id = out.message_id;
  message.source = out.source;
  message.sent_at = out.sent_at;
  message.body = std::move(*body.body);
  message.quality_notes = std::move(notes);
  RepairText(m, charset, message);
  out.message = std::move(message);
  return out;
}

}  // namespace iraed::hl7
