// File: common/json_fwd.h
//
// The Json type of common/json.h without nlohmann's full header, for
// headers that only declare functions taking or returning it.
#ifndef IRAED_COMMON_JSON_FWD_H_
#define IRAED_COMMON_JSON_FWD_H_

#include <nlohmann/json_fwd.hpp>

namespace iraed {

// Objects keep the order their keys were added in.
using Json = nlohmann::ordered_json;

}  // namespace iraed

#endif  // IRAED_COMMON_JSON_FWD_H_
