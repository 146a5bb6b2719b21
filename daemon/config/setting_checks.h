// File: config/setting_checks.h
//
// The checks shared by the config readers. Each message starts with the
// origin (the file, or "options") and the setting's dotted name.
#ifndef IRAED_CONFIG_SETTING_CHECKS_H_
#define IRAED_CONFIG_SETTING_CHECKS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::config {

// "ORIGIN: SETTING: VALUE is out of range LO..HI" unless lo <= value <= hi.
Status CheckRange(const std::string& origin, std::string_view setting,
                  std::uint64_t value, std::uint64_t lo, std::uint64_t hi);

// "ORIGIN: SETTING: required" for an empty value (unless `may_be_empty`),
// else the endpoint parser's message for something that is not HOST:PORT.
Status CheckListen(const std::string& origin, std::string_view setting,
                   const std::string& value, bool may_be_empty);

}  // namespace iraed::config

#endif  // IRAED_CONFIG_SETTING_CHECKS_H_
