// File: hl7/read_support.h
//
// What the readers of HL7 v2 message types share (internal to hl7/):
// ERR-segment errors, field helpers, the Reader of patients and times by
// the site's rules, and the signature of a body reader. hl7_reader.cc
// reads the MSH and dispatches on MSH-9 to one body reader per message
// type: read_observations.cc (ORU^R01), read_patient_event.cc (ADT),
// read_administrations.cc (RAS^O17, VXU^V04).
#ifndef IRAED_HL7_READ_SUPPORT_H_
#define IRAED_HL7_READ_SUPPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "hl7/er7.h"
#include "hl7/hl7_reader.h"
#include "hl7/hl7_time.h"
#include "model/message.h"

namespace iraed::hl7::detail {

Hl7Error Error(std::string code, std::string code_text, std::string location,
               std::string text, bool reject = false);
// Code 101: `what` is empty.
Hl7Error Missing(const std::string& location, const std::string& what);

std::string Trim(std::string s);
// A decimal number and nothing else ("5.8", "-14", " 182 ").
std::optional<double> Number(std::string text);
// A field that carries a value: neither omitted nor the explicit null.
bool Present(std::string_view field);
// The ERR-2 location "SEG^seq^field" (with "^1^component" when given).
std::string Location(std::string_view segment, int seq, int field,
                     int component = 0);

// Reads patients and times of one message by the site's rules; quality
// notes (ambiguous local times) go to `notes`.
struct Reader {
  const Er7Message& m;
  const Hl7Options& options;
  std::vector<model::QualityNote>& notes;
  mutable std::string last_time_text = {};
  mutable std::optional<UnixMillis> last_time = {};

  // The patient of a PID segment by the site rule.
  // `seq`: which PID of the message (for the ERR location).
  // With the birth date of PID-7 (BirthDate).
  std::optional<model::PatientId> Patient(const Segment& pid, int seq,
                                          Hl7Error& error) const;
  // The identifier of the PID segment by the site rule.
  std::optional<model::PatientId> PatientIdentifier(const Segment& pid, int seq,
                                                    Hl7Error& error) const;
  // PID-7 as "YYYY-MM-DD" ("" when empty); one that is not a date (at
  // least YYYYMMDD) is noted ("unreadable_birth_date") and left out.
  std::string BirthDate(const Segment& pid) const;
  // PID-8 (HL7 table 0001) as "female", "male", "other" (O, A) or
  // "unknown" (U, N); "" when empty; any other code is noted
  // ("unreadable_sex") and left out.
  std::string Sex(const Segment& pid) const;
  // PID-29, the death date and time (a date without a time: the end of
  // that local day, so nothing charted that day falls after it); a death
  // indicator (PID-30 "Y") without it, or a PID-29 that is not a date/time,
  // is noted ("death_time_missing", "unreadable_death_time") and no death
  // is kept; PID-29 "" (HL7's delete) withdraws a death recorded before
  // (PID-30 "N" does not: many systems send it by default).
  void ReadDeath(const Segment& pid, model::PatientId& p) const;
  // PID-5 (the legal name's repetition, else the first) as "FAMILY, Given
  // Middle", and the ward (point of care) and "room-bed" of PV1-3 of the
  // PV1 that follows `pid` (read_name_location.cc). Empty: nothing kept;
  // HL7's delete (""): "" (the name or location is cleared); one over
  // model::kMaxPersonTextBytes is noted ("unreadable_name",
  // "unreadable_location") and left out.
  void ReadNameAndLocation(const Segment& pid, model::PatientId& p) const;
  // The patient of the message's (first) PID segment.
  std::optional<model::PatientId> MessagePatient(Hl7Error& error) const;
  // `name` ("OBX-14") for people, `location` (ERL) for the ERR segment.
  std::optional<UnixMillis> Time(std::string_view raw, const char* name,
                                 std::string location, Hl7Error& error) const;
  // A local time daylight saving made ambiguous or impossible is read by
  // the documented rule and noted (once per distinct value).
  void NoteResolution(const char* name, const std::string& text,
                      const Hl7Time& t) const;
};

// What a body reader makes of one message: its body kind (stored with the
// message even when it is answered with an error) and the body, or the
// error to answer with.
struct BodyReading {
  std::string kind;
  std::optional<model::Body> body;
  std::optional<Hl7Error> error;
};

// `trigger`: MSH-9.2, decoded.
using BodyReader = BodyReading (*)(const Reader& r, const std::string& trigger);

BodyReading ReadObservations(const Reader& r, const std::string& trigger);
BodyReading ReadPatientEvent(const Reader& r, const std::string& trigger);
BodyReading ReadAdministrations(const Reader& r, const std::string& trigger);

}  // namespace iraed::hl7::detail

#endif  // IRAED_HL7_READ_SUPPORT_H_
