// File: grading/reference_range.h
//
// Reference ranges in the shapes real feeds write them (HL7 OBX-7):
// "7-56", "3.5 - 5.0", "<1.2", "<=1.2", ">60", ">= 60", "70_105",
// "4.3 to 6.2", "-1.0-2.0". Pure.
#ifndef IRAED_GRADING_REFERENCE_RANGE_H_
#define IRAED_GRADING_REFERENCE_RANGE_H_

#include <optional>
#include <string_view>

namespace iraed::grading {

struct Range {
  std::optional<double> low;   // LLN
  std::optional<double> high;  // ULN
};

// nullopt when the text is not a range we can read with certainty.
std::optional<Range> ParseRange(std::string_view text);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_REFERENCE_RANGE_H_
