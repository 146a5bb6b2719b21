// File: grading/checkpoint_target.h
//
// What a checkpoint inhibitor blocks: the one enum of the drug catalogue,
// the native protocol's TherapyEvent.target and the stored therapies.
#ifndef IRAED_GRADING_CHECKPOINT_TARGET_H_
#define IRAED_GRADING_CHECKPOINT_TARGET_H_

#include <optional>
#include <string_view>

namespace iraed::grading {

// kNone: not a checkpoint inhibitor, or the sender did not say.
enum class CheckpointTarget { kNone, kPd1, kPdL1, kCtla4, kLag3 };

// Storage and configuration names: "PD-1", "PD-L1", "CTLA-4", "LAG-3"; ""
// for kNone.
std::string_view CheckpointTargetName(CheckpointTarget t);
// The inverse; nullopt for a name that is none of those.
std::optional<CheckpointTarget> CheckpointTargetFromName(std::string_view name);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CHECKPOINT_TARGET_H_
