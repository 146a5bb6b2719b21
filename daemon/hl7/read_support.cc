#include "hl7/read_support.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/time_format.h"

namespace iraed::hl7::detail {

Hl7Error Error(std::string code, std::string code_text, std::string location,
               std::string text, bool reject) {
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

// A field that carries a value: neither omitted nor the explicit null.
bool Present(std::string_view field) {
  return !field.empty() && !Er7Message::IsNull(field);
}

std::string Location(std::string_view segment, int seq, int field,
                     int component) {
  std::string out = std::string(segment) + "^" + std::to_string(seq) + "^" +
                    std::to_string(field);
  if (component > 0) out += "^1^" + std::to_string(component);
  return out;
}

// The patient of a PID segment by the site rule.
// `seq`: which PID of the message (for the ERR location).
std::optional<model::PatientId> Reader::Patient(const Segment& pid, int seq,
                                                Hl7Error& error) const {
  std::optional<model::PatientId> p = PatientIdentifier(pid, seq, error);
  if (p) {
    p->birth_date = BirthDate(pid);
    p->sex = Sex(pid);
    ReadDeath(pid, *p);
    ReadNameAndLocation(pid, *p);
  }
  return p;
}

std::string Reader::Sex(const Segment& pid) const {
  const std::string code =
      Trim(m.Decode(m.Component(m.FirstRepetition(m.Field(pid, 8)), 1)));
  if (code.empty() || Er7Message::IsNull(m.Field(pid, 8))) return "";
  if (code == "F") return "female";
  if (code == "M") return "male";
  if (code == "O" || code == "A") return "other";
  if (code == "U" || code == "N") return "unknown";
  model::QualityNote note;
  note.issue = "unreadable_sex";
  note.detail =
      "PID-8 is not a code of HL7 table 0001 (F, M, O, U, A, N): "
      "the patient's sex is left out of the export";
  notes.push_back(std::move(note));
  return "";
}

void Reader::ReadDeath(const Segment& pid, model::PatientId& p) const {
  const std::string text =
      Trim(m.Decode(m.Component(m.FirstRepetition(m.Field(pid, 29)), 1)));
  const std::string indicator =
      Trim(m.Decode(m.Component(m.FirstRepetition(m.Field(pid, 30)), 1)));
  // Only HL7's explicit delete withdraws a death: many systems send PID-30
  // "N" by default on every message, whatever the patient master says.
  if (Er7Message::IsNull(m.Field(pid, 29))) {
    p.death_withdrawn = true;
    return;
  }
  model::QualityNote note;
  if (text.empty()) {
    if (indicator != "Y") return;
    note.issue = "death_time_missing";
    note.detail =
        "PID-30 says the patient died but PID-29 gives no time: "
        "no adverse-event episode is marked fatal";
  } else if (auto t = ParseHl7Time(text, options.zone)) {
    NoteResolution("PID-29", text, *t);
    p.died_at = t->at;
    if (text.size() == 8) {  // a date: the end of that local day
      LocalDateTime end{std::stoi(text.substr(0, 4)),
                        std::stoi(text.substr(4, 2)),
                        std::stoi(text.substr(6, 2)),
                        23,
                        59,
                        59,
                        999};
      p.died_at = options.zone.ToInstant(end).at;
    }
    return;
  } else {
    note.issue = "unreadable_death_time";
    note.detail =
        "PID-29 is not an HL7 date/time: the death is left out "
        "(no adverse-event episode is marked fatal)";
  }
  notes.push_back(std::move(note));
}

std::string Reader::BirthDate(const Segment& pid) const {
  const std::string text =
      Trim(m.Decode(m.Component(m.FirstRepetition(m.Field(pid, 7)), 1)));
  if (text.empty() || Er7Message::IsNull(m.Field(pid, 7))) return "";
  std::string date;
  if (text.size() >= 8 &&
      std::all_of(text.begin(), text.begin() + 8,
                  [](char c) { return c >= '0' && c <= '9'; })) {
    date =
        text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  }
  if (date.empty() || !ParseUtcMillis(date)) {
    model::QualityNote note;
    note.issue = "unreadable_birth_date";
    // The text itself is not kept: a birth date identifies a patient.
    note.detail =
        "PID-7 is not a date (YYYYMMDD): the birth date is left out (ICANS "
        "grades by ICE, age unknown)";
    notes.push_back(std::move(note));
    return "";
  }
  return date;
}

std::optional<model::PatientId> Reader::PatientIdentifier(
    const Segment& pid, int seq, Hl7Error& error) const {
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
    const bool type_ok =
        options.patient_id_type.empty() || p.id_type == options.patient_id_type;
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
      p.assigning_authority = m.Decode(m.Subcomponent(m.Component(rep, 4), 1));
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
std::optional<model::PatientId> Reader::MessagePatient(Hl7Error& error) const {
  const Segment* pid = m.Find("PID");
  if (!pid) {
    error = Missing("PID^1^3", "PID segment (patient)");
    return std::nullopt;
  }
  return Patient(*pid, 1, error);
}

// `name` ("OBX-14") for people, `location` (ERL) for the ERR segment.
std::optional<UnixMillis> Reader::Time(std::string_view raw, const char* name,
                                       std::string location,
                                       Hl7Error& error) const {
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
void Reader::NoteResolution(const char* name, const std::string& text,
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

}  // namespace iraed::hl7::detail
