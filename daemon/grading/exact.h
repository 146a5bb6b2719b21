// File: grading/exact.h
//
// Comparisons at CTCAE boundaries without binary floating-point surprises.
// In doubles 1.5 x 1.2 is 1.7999999999999998, so a bilirubin of 1.8 with ULN
// 1.2 would wrongly compare above 1.5 x ULN. Every value and every threshold
// (including products such as multiplier x ULN) is rounded to 12 significant
// decimal digits before comparing (admiral does the same with 15 digits;
// CTCAE5 section 1 point 5 of the reference). Pure.
#ifndef IRAED_GRADING_EXACT_H_
#define IRAED_GRADING_EXACT_H_

namespace iraed::grading {

// `x` rounded to 12 significant decimal digits.
double Round12(double x);

// Threshold `multiplier` x `reference`, rounded (1.5 x 1.2 == 1.8).
double Times(double multiplier, double reference);

// Comparisons after rounding both sides.
bool Gt(double a, double b);
bool Ge(double a, double b);
bool Lt(double a, double b);
bool Le(double a, double b);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_EXACT_H_
