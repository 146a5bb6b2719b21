// File: common/json.h
//
// The one JSON library of iraed: nlohmann::json (Debian nlohmann-json3-dev),
// for everything iraed and iraectl write or read as JSON (finding evidence,
// feed event details, audit details, reports, the ready file). Chosen over
// RapidJSON and JsonCpp (both also in Debian) because it is header-only,
// keeps insertion order (ordered_json: evidence reads in the order it was
// built) and its dump() can replace ill-formed UTF-8 instead of failing.
//
// Contract: text produced here is always valid UTF-8 (ill-formed bytes in a
// string become U+FFFD); nothing is built by concatenation and nothing is
// read by substring search.
#ifndef IRAED_COMMON_JSON_H_
#define IRAED_COMMON_JSON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/json_fwd.h"
#include "common/status.h"

namespace iraed {

// Compact JSON text (no spaces), valid UTF-8.
std::string DumpJson(const Json& value);

// Parses JSON text. Ill-formed UTF-8 inside it (rows written by an iraed
// before issue 11) is repaired to U+FFFD first. InvalidArgument on a syntax
// error, naming the byte offset.
Result<Json> ParseJson(std::string_view text);

// A measured or computed number as evidence shows it: rounded to
// `significant` significant digits (grading::FormatNumber's rule, so that
// no binary noise such as 38.50000000000001 is stored) and written as a
// whole number when it is one.
Json JsonNumber(double v, int significant = 12);
// JsonNumber, or null.
Json JsonNumber(std::optional<double> v, int significant = 12);

// `text` (JSON) with object keys sorted and no spaces: two texts with the
// same content compare equal whatever their key order or spacing (replay
// compares evidence this way). Text that is not JSON is returned as is.
std::string CanonicalJson(std::string_view text);

}  // namespace iraed

#endif  // IRAED_COMMON_JSON_H_
