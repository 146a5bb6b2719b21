#include "hl7/hl7_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/time_format.h"
#include "common/utf8.h"
#include "grading/reference_range.h"
#include "hl7/charset.h"
#include "hl7/hl7_time.h"

namespace iraed::hl7 {
namespace {

Hl7Error Error(std::string code, std::string code_text, std::string location,
               std::string text, bool reject = false) {
  return Hl7Error{std::move(code), std::move(code_text), std::move(location),
                  std::move(text), reject};
}

Hl7Error Missing(const std::string& location, const std::string& what) {
  return Error("101", "Required field missing", location, what + " is empty");
}

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// A decimal number and nothing else ("5.8", "-14", " 182 ").
std::optional<double> Number(std::string text) {
  text = Trim(std::move(text));
  if (text.empty()) return std::nullopt;
  double v = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// "<0.5", "> 200", "<=1": comparator and number.
bool ComparatorNumber(const std::string& text, std::string& comparator,
                      double& value) {
  const std::string t = Trim(text);
  for (const char* c : {"<=", ">=", "<", ">", "="}) {
    const std::string_view cv(c);
    if (t.rfind(cv, 0) == 0) {
      if (auto v = Number(t.substr(cv.size()))) {
        comparator = cv == "=" ? "" : std::string(cv);
        value = *v;
        return true;
      }
      return false;
    }
  }
  return false;
}

// A field that carries a value: neither omitted nor the explicit null.
bool Present(std::string_view field) {
  return !field.empty() && !Er7Message::IsNull(field);
}

std::string Location(std::string_view segment, int seq, int field,
                     int component = 0) {
  std::string out = std::string(segment) + "^" + std::to_string(seq) + "^" +
                    std::to_string(field);
  if (component > 0) out += "^1^" + std::to_string(component);
  return out;
}

struct Reader {
  const Er7Message& m;
  const Hl7Options& options;
  std::vector<model::QualityNote>& notes;
  mutable std::string last_time_text = {};
  mutable std::optional<UnixMillis> last_time = {};

  // The patient of a PID segment by the site rule.
  // `seq`: which PID of the message (for the ERR location).
  std::optional<model::PatientId> Patient(const Segment& pid, int seq,
                                          Hl7Error& error) const {
    const std::string where = Location(pid.name, seq, 3);
    const std::string_view field = m.Field(pid, 3);
    std::optional<model::PatientId> first;
    for (std::string_view rep : m.Repetitions(field)) {
      model::PatientId p;
      p.id = Trim(m.Decode(m.Component(rep, 1)));
      if (p.id.empty() || Er7Message::IsNull(m.Component(rep, 1))) continue;
      const std::string_view authority = m.Component(rep, 4);
      p.assigning_authority = m.Decode(m.Subcomponent(authority, 1));
      if (p.assigning_authority.empty()) {
        p.assigning_authority = m.Decode(m.Subcomponent(authority, 2));
      }
      p.id_type = m.Decode(m.Component(rep, 5));
      const bool type_ok = options.patient_id_type.empty() ||
                           p.id_type == options.patient_id_type;
      const bool authority_ok =
          options.patient_id_authority.empty() ||
          p.assigning_authority == options.patient_id_authority;
      if (type_ok && authority_ok) return p;
      if (!first) first = p;
    }
    if (first && !options.strict_patient_id) return first;
    // Older senders still put the identifier in PID-2 or PID-4 (kept for
    // backward compatibility in v2.5) and leave PID-3 blank.
    if (!first && !options.strict_patient_id) {
      for (int n : {2, 4}) {
        const std::string_view rep = m.FirstRepetition(m.Field(pid, n));
        model::PatientId p;
        p.id = Trim(m.Decode(m.Component(rep, 1)));
        if (p.id.empty() || Er7Message::IsNull(m.Component(rep, 1))) continue;
        p.assigning_authority =
            m.Decode(m.Subcomponent(m.Component(rep, 4), 1));
        if (p.assigning_authority.empty()) {
          p.assigning_authority =
              m.Decode(m.Subcomponent(m.Component(rep, 4), 2));
        }
        p.id_type = m.Decode(m.Component(rep, 5));
        return p;
      }
    }
    error = first ? Error("204", "Unknown key identifier", where,
                          "PID-3 has no identifier of the configured type "
                          "and assigning authority")
                  : Missing(where, "PID-3 patient identifier");
    return std::nullopt;
  }

  // The patient of the message's (first) PID segment.
  std::optional<model::PatientId> MessagePatient(Hl7Error& error) const {
    const Segment* pid = m.Find("PID");
    if (!pid) {
      error = Missing("PID^1^3", "PID segment (patient)");
      return std::nullopt;
    }
    return Patient(*pid, 1, error);
  }

  // `name` ("OBX-14") for people, `location` (ERL) for the ERR segment.
  std::optional<UnixMillis> Time(std::string_view raw, const char* name,
                                 std::string location, Hl7Error& error) const {
    const std::string text = m.Decode(m.Component(m.FirstRepetition(raw), 1));
    // The results of one message usually share their time: read it once.
    if (text == last_time_text) return last_time;
    auto t = ParseHl7Time(text, options.zone);
    if (!t) {
      error =
          Error("102", "Data type error", std::move(location),
                std::string(name) + ": '" + text + "' is not an HL7 date/time");
      return std::nullopt;
    }
    NoteResolution(name, text, *t);
    last_time_text = text;
    last_time = t->at;
    return t->at;
  }

  // A local time daylight saving made ambiguous or impossible is read by
  // the documented rule and noted (once per distinct value).
  void NoteResolution(const char* name, const std::string& text,
                      const Hl7Time& t) const {
    if (t.resolution == TimeZone::Resolution::kUnique) return;
    const bool ambiguous =
        t.resolution == TimeZone::Resolution::kAmbiguousEarlier;
    model::QualityNote note;
    note.issue = ambiguous ? "ambiguous_local_time" : "nonexistent_local_time";
    note.detail =
        std::string(name) + " '" + text + "' " +
        (ambiguous ? "happens twice in " + options.zone.name() +
                         " (daylight saving ends): read as the earlier "
                         "instant, "
                   : "does not exist in " + options.zone.name() +
                         " (daylight saving starts): shifted forward to ") +
        FormatUtcMillis(t.at);
    for (const model::QualityNote& n : notes) {
      if (n.detail == note.detail) return;
    }
    notes.push_back(std::move(note));
  }
};

std::optional<model::ResultStatus> StatusOf(std::string_view code, bool& skip) {
  skip = false;
  if (code == "F" || code == "V" || code == "U") {
    return model::ResultStatus::kFinal;
  }
  if (code == "C" || code == "A" || code == "B") {
    return model::ResultStatus::kCorrected;
  }
  if (code == "P" || code == "R" || code == "S" || code == "I") {
    return model::ResultStatus::kPreliminary;
  }
  if (code == "X") return model::ResultStatus::kCancelled;
  if (code == "D" || code == "W") return model::ResultStatus::kEnteredInError;
  if (code == "O" || code == "N") {
    skip = true;
    return model::ResultStatus::kPreliminary;
  }
  return std::nullopt;
}

void ReadValue(const Er7Message& m, const Segment& obx, model::Observation& o) {
  const std::string type = Trim(m.Value(obx, 2));
  const std::string_view field = m.Field(obx, 5);
  if (field.empty() || Er7Message::IsNull(field)) return;
  const std::string_view rep = m.FirstRepetition(field);
  if (type == "SN") {
    const std::string comparator = Trim(m.Decode(m.Component(rep, 1)));
    const std::string num1 = m.Decode(m.Component(rep, 2));
    const std::string separator = m.Decode(m.Component(rep, 3));
    const std::string num2 = m.Decode(m.Component(rep, 4));
    auto v = Number(num1);
    const bool comparator_ok = comparator.empty() || comparator == "<" ||
                               comparator == ">" || comparator == "<=" ||
                               comparator == ">=" || comparator == "=" ||
                               comparator == "<>";
    if (v && separator.empty() && num2.empty() && comparator_ok &&
        comparator != "<>") {
      o.numeric = *v;
      o.comparator = comparator == "=" ? "" : comparator;
      return;
    }
    o.text = comparator + num1 + separator + num2;
    return;
  }
  if (type == "CE" || type == "CWE" || type == "CNE" || type == "CF") {
    std::string text = m.Decode(m.Component(rep, 2));
    if (text.empty()) text = m.Decode(m.Component(rep, 1));
    o.text = std::move(text);
    return;
  }
  const std::string text = m.Decode(rep);
  if (type == "NM" || type == "ST" || type.empty()) {
    if (auto v = Number(text)) {
      o.numeric = *v;
      return;
    }
    std::string comparator;
    double value = 0;
    if (ComparatorNumber(text, comparator, value)) {
      o.numeric = value;
      o.comparator = comparator;
      return;
    }
  }
  o.text = text;
}

// OBX-6: component 1, else 2. A count unit sent with an unescaped caret
// ("10^3/uL" read as the components "10" and "3/uL") is joined again: a
// component 1 of just "10" (or "x10") followed by one that starts with a
// digit and holds a '/' can only be that (grading/units.h then reads it
// strictly, or not at all).
std::string ReadUnit(const Er7Message& m, std::string_view field) {
  const std::string first = Trim(m.Decode(m.Component(field, 1)));
  const std::string second = Trim(m.Decode(m.Component(field, 2)));
  if ((first == "10" || first == "x10" || first == "X10") && !second.empty() &&
      std::isdigit(static_cast<unsigned char>(second[0])) &&
      second.find('/') != std::string::npos) {
    return first + "^" + second;
  }
  return first.empty() ? second : first;
}

}  // namespace

namespace {

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
  std::optional<Er7Message> converted;
  // ASCII reads the same in every character set iraed reads: only a
  // message with other bytes is converted (and parsed again).
  if (!IsAscii(payload)) {
    // A UTF-8 byte-order mark is not text of any charset: dropped before
    // the conversion (the parser drops it too).
    Utf8Text text = ToUtf8(StripLeadingNoise(payload), charset);
    if (text.replaced > 0) {
      notes.push_back(
          {"invalid_characters", std::to_string(text.replaced) +
                                     " byte sequence(s) not valid in " +
                                     charset.name + " replaced by U+FFFD"});
    }
    auto reparsed = Er7Message::Parse(text.text);
    // A delimiter that is not ASCII (legal, rare) becomes several bytes in
    // UTF-8, so the converted text splits differently: then the message
    // is read as received (bytes not UTF-8 are replaced later, counted),
    // and never silently.
    std::string problem;
    if (!reparsed.ok()) {
      problem = reparsed.status().message();
    } else if (!SameDelimiters(reparsed->delimiters(), parsed->delimiters())) {
      problem = "its delimiters (MSH-1, MSH-2) are not ASCII";
    } else {
      converted = std::move(*reparsed);
    }
    if (!problem.empty()) {
      notes.push_back({"invalid_characters",
                       "the text converted from " + charset.name +
                           " could not be read the same way (" + problem +
                           "); read as received, bytes not valid UTF-8 "
                           "replaced by U+FFFD"});
    }
  }
  Er7Message& content = converted ? *converted : *parsed;
  content.UseCharset(charset);
  const Er7Message& raw = *parsed;
  const Segment& raw_msh = raw.msh();
  const Er7Message& m = content;
  const Segment& msh = m.msh();
  ack.msh_readable = true;
  ack.delimiters = raw.delimiters();
  ack.sending_application = std::string(raw.Field(raw_msh, 3));
  ack.sending_facility = std::string(raw.Field(raw_msh, 4));
  ack.receiving_application = std::string(raw.Field(raw_msh, 5));
  ack.receiving_facility = std::string(raw.Field(raw_msh, 6));
  const std::string_view type_field = raw.Field(raw_msh, 9);
  ack.message_code = std::string(raw.Component(type_field, 1));
  ack.trigger = std::string(raw.Component(type_field, 2));
  ack.control_id = std::string(raw.Field(raw_msh, 10));
  ack.processing_id = std::string(raw.Component(raw.Field(raw_msh, 11), 1));
  ack.version = std::string(raw.Component(raw.Field(raw_msh, 12), 1));
  ack.accept_ack_type = Trim(std::string(raw.Field(raw_msh, 15)));
  ack.application_ack_type = Trim(std::string(raw.Field(raw_msh, 16)));
  // The dedupe key as stored: valid UTF-8 like all stored text.
  out.source =
      std::string(m.Field(msh, 3)) + "|" + std::string(m.Field(msh, 4));
  out.message_id = std::string(m.Field(msh, 10));

  // Required MSH fields, then what iraed supports.
  std::vector<std::string> missing;
  if (m.Field(msh, 9).empty()) missing.push_back("MSH-9");
  if (ack.control_id.empty()) missing.push_back("MSH-10");
  if (ack.processing_id.empty()) missing.push_back("MSH-11");
  if (ack.version.empty()) missing.push_back("MSH-12");
  if (!missing.empty()) {
    std::string list;
    for (const std::string& f : missing) list += (list.empty() ? "" : ",") + f;
    ack.error = Error("101", "Required field missing",
                      "MSH^1^" + missing.front().substr(4),
                      "required MSH field(s) empty: " + list, true);
    return out;
  }
  if (Present(m.Field(msh, 7))) {
    if (auto t = ParseHl7Time(m.Value(msh, 7), options.zone)) {
      out.sent_at = t->at;
    }
  }
  if (std::find(options.processing_ids.begin(), options.processing_ids.end(),
                ack.processing_id) == options.processing_ids.end()) {
    ack.error = Error(
        "202", "Unsupported processing id", "MSH^1^11",
        "processing id '" + ack.processing_id + "' is not accepted here", true);
    return out;
  }
  if (ack.version.size() < 3 || ack.version.rfind("2.", 0) != 0) {
    ack.error = Error("203", "Unsupported version id", "MSH^1^12",
                      "HL7 version '" + ack.version + "' is not v2.x", true);
    return out;
  }

  Reader r{m, options, notes};
  // MSH-7 read in the site zone: a daylight-saving adjustment is noted
  // like any other time's.
  if (Present(m.Field(msh, 7))) {
    const std::string text = m.Value(msh, 7);
    if (auto t = ParseHl7Time(text, options.zone)) {
      r.NoteResolution("MSH-7", text, *t);
    }
  }
  const std::string code = m.Decode(ack.message_code);
  const std::string trigger = m.Decode(ack.trigger);
  model::Message message;
  message.message_id = out.message_id;
  message.source = out.source;
  message.sent_at = out.sent_at;
  Hl7Error error;

  if (code == "ORU" && trigger == "R01") {
    out.body_kind = "observations";
    model::ObservationBatch batch;
    bool have_patient = false;
    const Segment* obr = nullptr;
    int obr_seq = 0;
    int pid_seq = 0;
    int obx_seq = 0;
    for (const Segment& s : m.segments()) {
      if (s.name == "PID") {
        ++pid_seq;
        auto p = r.Patient(s, pid_seq, error);
        if (!p) {
          ack.error = error;
          return out;
        }
        if (have_patient &&
            (p->id != batch.patient.id ||
             p->assigning_authority != batch.patient.assigning_authority)) {
          ack.error = Error("100", "Segment sequence error",
                            Location("PID", pid_seq, 3),
                            "more than one patient in one ORU^R01: send one "
                            "message per patient");
          return out;
        }
        batch.patient = *p;
        have_patient = true;
      } else if (s.name == "OBR") {
        obr = &s;
        ++obr_seq;
      } else if (s.name == "OBX") {
        ++obx_seq;
        model::Observation o;
        const std::string_view id = m.Field(s, 3);
        o.code.code = Trim(m.Decode(m.Component(id, 1)));
        o.code.display = m.Decode(m.Component(id, 2));
        o.code.system = Trim(m.Decode(m.Component(id, 3)));
        const std::string alt_code = Trim(m.Decode(m.Component(id, 4)));
        if (!alt_code.empty()) {
          model::Code alt;
          alt.code = alt_code;
          alt.display = m.Decode(m.Component(id, 5));
          alt.system = Trim(m.Decode(m.Component(id, 6)));
          if (alt.system.empty()) alt.system = "L";
          o.alternate_codes.push_back(std::move(alt));
        }
        // An OBX without an identifier (narrative text lines) is kept with
        // an empty code: stored, never graded.
        if (o.code.system.empty()) o.code.system = "L";
        bool skip = false;
        const std::string status = Trim(m.Value(s, 11));
        auto st = StatusOf(status, skip);
        // Attachments and narrative (never graded) are kept even without a
        // status, as preliminary; a gradable value needs its status.
        const std::string value_type = Trim(m.Value(s, 2));
        if (!st && status.empty() &&
            (value_type == "ED" || value_type == "RP" || value_type == "TX" ||
             value_type == "FT")) {
          st = model::ResultStatus::kPreliminary;
        }
        if (!st) {
          ack.error = status.empty()
                          ? Missing(Location("OBX", obx_seq, 11),
                                    "OBX-11 result status")
                          : Error("103", "Table value not found",
                                  Location("OBX", obx_seq, 11),
                                  "OBX-11 '" + status +
                                      "' is not a result status (table "
                                      "0085)");
          return out;
        }
        if (skip) continue;
        o.status = *st;
        ReadValue(m, s, o);
        o.unit = ReadUnit(m, m.Field(s, 6));
        o.reference_range.text = Trim(m.Value(s, 7));
        if (auto range = grading::ParseRange(o.reference_range.text)) {
          o.reference_range.low = range->low;
          o.reference_range.high = range->high;
        }
        o.abnormal_flag = Trim(m.Value(s, 8));
        // Observation time: OBX-14, else OBR-7, else MSH-7.
        std::optional<UnixMillis> at;
        if (Present(m.Field(s, 14))) {
          at = r.Time(m.Field(s, 14), "OBX-14", Location("OBX", obx_seq, 14),
                      error);
        } else if (obr && Present(m.Field(*obr, 7))) {
          at = r.Time(m.Field(*obr, 7), "OBR-7", Location("OBR", obr_seq, 7),
                      error);
        } else if (Present(m.Field(msh, 7))) {
          at = r.Time(m.Field(msh, 7), "MSH-7", "MSH^1^7", error);
        } else {
          error = Missing(Location("OBX", obx_seq, 14),
                          "OBX-14, OBR-7 and MSH-7 (observation time)");
        }
        if (!at) {
          ack.error = error;
          return out;
        }
        o.observed_at = *at;
        o.result_id = Trim(m.Value(s, 21));
        if (o.result_id.empty()) {
          const std::string filler =
              obr ? Trim(m.Decode(m.Component(m.Field(*obr, 3), 1))) : "";
          o.result_id = filler + "|" + o.code.code + "|" + Trim(m.Value(s, 4));
        }
        batch.observations.push_back(std::move(o));
      }
    }
    if (!have_patient) {
      ack.error = Missing("PID^1^3", "PID segment (patient)");
      return out;
    }
    message.body = std::move(batch);
  } else if (code == "ADT") {
    model::PatientEvent e;
    static const char* kRegistered[] = {"A01", "A04", "A05", "A14", "A28"};
    static const char* kUpdated[] = {"A02", "A06", "A07", "A08", "A31"};
    bool known = false;
    for (const char* t : kRegistered) {
      if (trigger == t) {
        e.kind = model::PatientEventKind::kRegistered;
        known = true;
      }
    }
    for (const char* t : kUpdated) {
      if (trigger == t) {
        e.kind = model::PatientEventKind::kUpdated;
        known = true;
      }
    }
    if (trigger == "A03") {
      e.kind = model::PatientEventKind::kDischarged;
      known = true;
    }
    if (trigger == "A40") {
      e.kind = model::PatientEventKind::kMerged;
      known = true;
    }
    if (!known) {
      ack.error = Error("201", "Unsupported event code", "MSH^1^9^1^2",
                        "ADT event '" + trigger + "' is not supported", true);
      return out;
    }
    out.body_kind = "patient_event";
    auto p = r.MessagePatient(error);
    if (!p) {
      ack.error = error;
      return out;
    }
    e.patient = *p;
    if (e.kind == model::PatientEventKind::kMerged) {
      const Segment* mrg = m.Find("MRG");
      if (!mrg) {
        ack.error = Missing("MRG^1^1", "MRG segment (merged identifier)");
        return out;
      }
      // MRG-1 is a CX list like PID-3: read it with the same rule.
      Segment as_pid;
      as_pid.name = "PID";
      as_pid.parts = {"PID", "", "", m.Field(*mrg, 1)};
      auto from = r.Patient(as_pid, 1, error);
      if (!from) {
        error.location = "MRG^1^1";
        ack.error = error;
        return out;
      }
      e.merged_from = *from;
    }
    // When it happened: EVN-6, else EVN-2, else MSH-7.
    const Segment* evn = m.Find("EVN");
    std::optional<UnixMillis> at;
    if (evn && Present(m.Field(*evn, 6))) {
      at = r.Time(m.Field(*evn, 6), "EVN-6", "EVN^1^6", error);
    } else if (evn && Present(m.Field(*evn, 2))) {
      at = r.Time(m.Field(*evn, 2), "EVN-2", "EVN^1^2", error);
    } else if (Present(m.Field(msh, 7))) {
      at = r.Time(m.Field(msh, 7), "MSH-7", "MSH^1^7", error);
    } else {
      error = Missing("EVN^1^2", "EVN-2 and MSH-7 (event time)");
    }
    if (!at) {
      ack.error = error;
      return out;
    }
    e.occurred_at = *at;
    message.body = std::move(e);
  } else if ((code == "RAS" && trigger == "O17") ||
             (code == "VXU" && trigger == "V04")) {
    out.body_kind = "medication_administration";
    auto p = r.MessagePatient(error);
    if (!p) {
      ack.error = error;
      return out;
    }
    model::MedicationAdministrationBatch batch;
    const Segment* orc = nullptr;
    int rxa_seq = 0;
    for (const Segment& s : m.segments()) {
      if (s.name == "ORC") {
        orc = &s;
      } else if (s.name == "RXR" && !batch.administrations.empty()) {
        std::string route = Trim(m.Value(s, 1, 1));
        if (route.empty()) route = Trim(m.Value(s, 1, 2));
        batch.administrations.back().route = route;
      } else if (s.name == "RXA") {
        ++rxa_seq;
        model::MedicationAdministration a;
        a.patient = *p;
        const std::string_view drug = m.Field(s, 5);
        a.drug.code = Trim(m.Decode(m.Component(drug, 1)));
        a.drug.display = Trim(m.Decode(m.Component(drug, 2)));
        a.drug.system = Trim(m.Decode(m.Component(drug, 3)));
        if (a.drug.code.empty() && a.drug.display.empty()) {
          ack.error =
              Missing(Location("RXA", rxa_seq, 5), "RXA-5 administered code");
          return out;
        }
        if (!Present(m.Field(s, 3))) {
          ack.error = Missing(Location("RXA", rxa_seq, 3),
                              "RXA-3 start of administration");
          return out;
        }
        auto start =
            r.Time(m.Field(s, 3), "RXA-3", Location("RXA", rxa_seq, 3), error);
        if (!start) {
          ack.error = error;
          return out;
        }
        a.started_at = *start;
        if (Present(m.Field(s, 4))) {
          auto end = r.Time(m.Field(s, 4), "RXA-4", Location("RXA", rxa_seq, 4),
                            error);
          if (!end) {
            ack.error = error;
            return out;
          }
          if (*end > a.started_at) a.ended_at = *end;
        }
        if (auto dose = Number(m.Value(s, 6))) a.dose = *dose;
        a.dose_unit = Trim(m.Value(s, 7, 1));
        // RXA-12 "Administered Per (Time Unit)", e.g. "102ml/hr".
        const std::string per = Trim(m.Value(s, 12));
        if (!per.empty()) {
          std::size_t digits = 0;
          while (digits < per.size() &&
                 (std::isdigit(static_cast<unsigned char>(per[digits])) ||
                  per[digits] == '.')) {
            ++digits;
          }
          if (auto rate = Number(per.substr(0, digits))) {
            a.rate = *rate;
            a.rate_unit = Trim(per.substr(digits));
          } else {
            a.rate_unit = per;
          }
        }
        // The order and drug identify an administration across updates.
        std::string order =
            orc ? Trim(m.Decode(m.Component(m.Field(*orc, 3), 1))) : "";
        if (order.empty() && orc) {
          order = Trim(m.Decode(m.Component(m.Field(*orc, 2), 1)));
        }
        a.administration_id = order.empty() ? "" : order + "|" + a.drug.code;
        const std::string completion = Trim(m.Value(s, 20));
        const std::string action = Trim(m.Value(s, 21));
        if (action == "D") {
          a.status = model::AdministrationStatus::kEnteredInError;
        } else if (completion == "NA" || completion == "RE") {
          a.status = model::AdministrationStatus::kNotGiven;
        } else if (!a.ended_at && a.rate) {
          a.status = model::AdministrationStatus::kInProgress;  // running
        } else {
          a.status = model::AdministrationStatus::kCompleted;
        }
        batch.administrations.push_back(std::move(a));
      }
    }
    if (batch.administrations.empty()) {
      ack.error = Missing("RXA^1^1", "RXA segment (administration)");
      return out;
    }
    message.body = std::move(batch);
  } else {
    ack.error = Error(
        "200", "Unsupported message type", "MSH^1^9",
        "message type '" + code + "^" + trigger + "' is not one iraed takes",
        true);
    return out;
  }
  // \X..\ escapes can still yield ill-formed UTF-8: every text is made
  // valid, and the count joins the message's note.
  message.quality_notes = std::move(notes);
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
  out.message = std::move(message);
  return out;
}

}  // namespace iraed::hl7
