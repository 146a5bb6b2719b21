// File: hl7/hl7_reader.h
//
// One HL7 v2 message to the domain model (model/message.h), with what its
// acknowledgement needs. Pure: the site's time zone and default character
// set are passed in Hl7Options.
//
// Text: the message's bytes are read in the character set MSH-18 names
// (hl7/charset.h), or the site default when MSH-18 is empty, and converted
// to UTF-8 before parsing; what the message carries is always valid UTF-8.
// Bytes invalid in that character set become U+FFFD and the message gets a
// quality note (`invalid_characters`, with the count); an MSH-18 iraed
// does not read is read as the site default with a note
// (`unknown_charset`). Local times made ambiguous or impossible by daylight
// saving get a note too (`ambiguous_local_time`, `nonexistent_local_time`;
// hl7_time.h). The acknowledgement echoes the sender's MSH fields as
// received.
//
// Supported (hl7-mllp.md section 4, v2.1 to v2.8):
//   ORU^R01     results and flowsheet vitals: one patient per message, every
//               OBX of every OBR group -> model::ObservationBatch
//   ADT^A01 A04 A05 A14 A28 (registered), A02 A06 A07 A08 A31 (updated),
//   A03 (discharged), A40 (merged, MRG-1 the retired identifier)
//               -> model::PatientEvent
//   RAS^O17, VXU^V04  medication administrations, one per RXA:
//               RXA-5 drug (the catalogue matches code or name), RXA-3/4
//               start and end, RXA-6/7 dose, RXA-12 rate ("102ml/hr"),
//               RXR-1 route; RXA-21 D -> entered in error, RXA-20 NA/RE ->
//               not given, no end but a rate -> infusion in progress,
//               else completed; administration id = ORC-3 (else ORC-2) |
//               RXA-5 code, so rate changes and stops of one order match
//               -> model::MedicationAdministrationBatch
// Anything else is answered AR with ERR 200/201 (unsupported type/event).
//
// Mapping rules (README "HL7 v2 mapping"):
//   - patient: the PID-3 repetition whose identifier type (CX-5) and
//     assigning authority (CX-4) match the site rule; by default type MR,
//     else the first repetition with an identifier, else PID-2 or PID-4
//     (older senders); the strict rule answers AE instead;
//   - an ORU without OBX is accepted (nothing to grade); an OBX without
//     OBX-3 (narrative lines) is kept with an empty code, never graded;
//   - OBX-3 code^text^system with the alternate triplet (components 4-6);
//     an empty coding system is "L" (HL7 table 0396: local);
//   - OBX-5 by OBX-2: NM and numeric-looking ST/blank -> number ("<0.5"
//     keeps the comparator), SN comparator^number (a range or ratio is kept
//     as text), CE/CWE -> the text component (else the code), others text;
//     a repeated value uses the first repetition;
//   - OBX-6 unit: component 1 (else 2); a count unit with an unescaped
//     caret ("10^3/uL" read as "10" and "3/uL") is joined again; OBX-7
//     range as text and, when it
//     reads as one, low/high; OBX-8 first flag;
//   - OBX-11: F V U -> final, C A B -> corrected, P R S I -> preliminary,
//     X -> cancelled, D W -> entered in error; O and N OBX are skipped;
//     an ED, RP, TX or FT OBX without a status is kept as preliminary (it
//     is never graded); any other OBX without a status is answered AE;
//   - time: OBX-14, else OBR-7, else MSH-7;
//   - result id: OBX-21 if sent, else OBR-3 (filler order) | OBX-3 code |
//     OBX-4 sub-id.
#ifndef IRAED_HL7_HL7_READER_H_
#define IRAED_HL7_HL7_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/time_zone.h"
#include "hl7/er7.h"
#include "model/message.h"

namespace iraed::hl7 {

struct Hl7Options {
  // PID-3 rule: the identifier type (CX-5) and assigning authority (CX-4
  // namespace) that make the patient key; "" accepts any.
  std::string patient_id_type = "MR";
  std::string patient_id_authority;
  // Without a matching repetition: false takes the first repetition with
  // an identifier; true answers AE.
  bool strict_patient_id = false;
  // MSH-11 processing ids accepted; others are answered AR (202).
  std::vector<std::string> processing_ids = {"P", "T", "D"};
  // The zone of timestamps sent without an offset.
  TimeZone zone = TimeZone::Utc();
  // The character set of messages whose MSH-18 is empty: an MSH-18 value or
  // one of the spellings hl7/charset.h reads ("UNICODE UTF-8",
  // "WINDOWS-1252", "8859/1").
  std::string default_charset = "UNICODE UTF-8";
};

// An error for the ERR segment (HL7 table 0357 code).
struct Hl7Error {
  std::string code;       // "101"
  std::string code_text;  // "Required field missing"
  std::string location;   // ERR-2 ERL: "PID^1^3"
  std::string text;       // for a person; never patient data
  bool reject = false;    // AR (type, version, processing id) vs AE
};

// What the acknowledgement of a message needs (raw MSH fields).
struct AckContext {
  bool msh_readable = false;  // false: answered with default delimiters
  Delimiters delimiters;
  std::string sending_application, sending_facility;      // MSH-3, MSH-4
  std::string receiving_application, receiving_facility;  // MSH-5, MSH-6
  std::string message_code, trigger;                      // MSH-9.1, 9.2
  std::string control_id;                                 // MSH-10
  std::string processing_id, version;                     // MSH-11, 12
  std::string accept_ack_type, application_ack_type;      // MSH-15, 16
  std::optional<Hl7Error> error;
};

struct Hl7Reading {
  AckContext ack;
  // The dedupe key: (source, message_id) = (MSH-3|MSH-4, MSH-10).
  std::string source;
  std::string message_id;
  // "observations", "patient_event", "medication_administration", ""
  std::string body_kind;
  std::optional<UnixMillis> sent_at;  // MSH-7
  // Set exactly when ack.error is empty.
  std::optional<model::Message> message;
};

Hl7Reading ReadHl7Message(std::string_view payload, const Hl7Options& options);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_HL7_READER_H_
