// File: model/message.h
//
// The domain form of one received message, independent of the wire format:
// the protobuf decoder (and later the HL7 v2 decoder) produce these plain
// structs, the store writes them, grading reads them. No behaviour, no I/O.
// All times are UnixMillis (UTC).
#ifndef IRAED_MODEL_MESSAGE_H_
#define IRAED_MODEL_MESSAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "grading/checkpoint_target.h"

namespace iraed::model {

// The longest name, ward or bed kept (PatientId): longer than any a person
// reads; beyond it the text is left out (and noted), never cut mid-character.
inline constexpr std::size_t kMaxPersonTextBytes = 200;

struct PatientId {
  std::string id;
  std::string assigning_authority;
  std::string id_type;
  // "YYYY-MM-DD" (HL7 PID-7, the native PatientId.birth_date); "" when the
  // message gives none. Not part of the patient key.
  std::string birth_date;
  // "female", "male", "other" or "unknown" (HL7 PID-8, the native
  // PatientId.sex); "" when the message gives none.
  std::string sex;
  // When the patient died (HL7 PID-29, the native PatientId.died_at), when
  // the message says so. The export marks an episode still open then as
  // fatal (pv/episodes.h).
  std::optional<UnixMillis> died_at;
  // The message deletes the death (HL7 PID-29 ""): a death recorded
  // earlier is withdrawn.
  bool death_withdrawn = false;
  // The patient's name as people read it ("FAMILY, Given Middle": HL7 PID-5,
  // the native PatientId.name), the ward or unit (PV1-3 point of care,
  // PatientId.ward) and the room and bed ("12-2": PV1-3 room and bed,
  // PatientId.bed). Not part of the patient key. nullopt: the message gives
  // none (what is on record stays); "": the message deletes it (HL7 "").
  std::optional<std::string> name;
  std::optional<std::string> ward;
  std::optional<std::string> bed;
};

struct Code {
  std::string system;
  std::string code;
  std::string display;
};

// DO NOT CHANGE THE STORAGE NAMES (ToString below): they are stored in the
// database and checked by its CHECK constraints.
enum class ResultStatus {
  kFinal,
  kCorrected,
  kPreliminary,
  kCancelled,
  kEnteredInError
};

struct ReferenceRange {
  std::optional<double> low;
  std::optional<double> high;
  std::string text;
};

struct Observation {
  Code code;
  std::vector<Code> alternate_codes;
  std::optional<double> numeric;  // at most one of numeric and text
  std::optional<std::string> text;
  std::string comparator;  // "", "<", "<=", ">", ">="
  std::string unit;
  ReferenceRange reference_range;
  std::string abnormal_flag;
  ResultStatus status = ResultStatus::kFinal;
  UnixMillis observed_at = 0;
  std::string result_id;
};

struct ObservationBatch {
  PatientId patient;
  std::vector<Observation> observations;
};

enum class AdministrationStatus {
  kInProgress,
  kCompleted,
  kStopped,
  kNotGiven,
  kEnteredInError
};

struct MedicationAdministration {
  PatientId patient;
  Code drug;
  std::optional<double> dose;
  std::string dose_unit;
  std::optional<double> rate;
  std::string rate_unit;
  std::string route;
  UnixMillis started_at = 0;
  std::optional<UnixMillis> ended_at;
  std::string administration_id;
  AdministrationStatus status = AdministrationStatus::kCompleted;
};

// Several administrations in one message (an HL7 RAS^O17 with several RXA
// segments), all of one patient.
struct MedicationAdministrationBatch {
  std::vector<MedicationAdministration> administrations;
};

enum class TherapyKind {
  kCarTInfusion,
  kBispecificTCellEngager,
  kCheckpointInhibitorDose
};

using CheckpointTarget = grading::CheckpointTarget;

struct TherapyEvent {
  PatientId patient;
  TherapyKind kind = TherapyKind::kCarTInfusion;
  Code product;
  CheckpointTarget target = CheckpointTarget::kNone;
  UnixMillis administered_at = 0;
  std::string event_id;
  bool entered_in_error = false;
};

enum class PatientEventKind { kRegistered, kUpdated, kDischarged, kMerged };

struct PatientEvent {
  PatientId patient;
  PatientEventKind kind = PatientEventKind::kRegistered;
  std::optional<PatientId> merged_from;  // set exactly when kind == kMerged
  UnixMillis occurred_at = 0;
};

// A person acknowledges or resolves an alert (through iraectl).
enum class AlertActionKind { kAcknowledge, kResolve };

struct AlertAction {
  std::int64_t alert_id = 0;
  AlertActionKind kind = AlertActionKind::kAcknowledge;
  std::string by;
  std::string note;
};

// A notifier delivered every alert-feed event up to `through_event`; or,
// with `register_start`, a new consumer starts after `through_event` (0:
// before the first event).
struct FeedConfirmation {
  std::string consumer;
  std::int64_t through_event = 0;
  bool register_start = false;
};

using Body =
    std::variant<ObservationBatch, MedicationAdministration, TherapyEvent,
                 PatientEvent, MedicationAdministrationBatch, AlertAction,
                 FeedConfirmation>;

// Something iraed had to repair or assume to read a message (bytes invalid
// in its character set, a daylight-saving local time ...). Stored as a
// data_quality row of the message: never silent.
struct QualityNote {
  std::string issue;   // "invalid_characters", "ambiguous_local_time" ...
  std::string detail;  // for a person; never patient data
};

// One accepted-for-storage message: validated, every required field present.
struct Message {
  std::string message_id;
  std::string source;
  std::optional<UnixMillis> sent_at;
  Body body;
  std::vector<QualityNote> quality_notes;
};

// Makes every text of `m` valid UTF-8 (common/utf8.h) and returns how many
// ill-formed sequences were replaced by U+FFFD (0: nothing changed).
std::size_t RepairText(Message& m);

// Storage names ("observations", "final", "car_t_infusion", "PD-1", ...).
std::string_view BodyKindName(const Body& body);
std::string_view ToString(ResultStatus s);
std::string_view ToString(AdministrationStatus s);
std::string_view ToString(TherapyKind k);
std::string_view ToString(PatientEventKind k);
std::string_view ToString(AlertActionKind k);  // "acknowledged", "resolved"

}  // namespace iraed::model

#endif  // IRAED_MODEL_MESSAGE_H_
