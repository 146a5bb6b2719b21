// File: grading/format.h
//
// Numbers in rule texts, reasons and evidence. Pure.
#ifndef IRAED_GRADING_FORMAT_H_
#define IRAED_GRADING_FORMAT_H_

#include <string>

namespace iraed::grading {

// `v` with at most `significant` significant digits, no trailing zeros
// ("%.Ng"): FormatNumber(1.8) == "1.8", FormatNumber(38.04, 4) == "38.04".
std::string FormatNumber(double v, int significant = 12);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_FORMAT_H_
