// File: store/durability.h
//
// How durable a commit is (SQLite's `synchronous`; the contract of each
// level is in store/message_store.h). A plain value, so that config/ can
// hold it without depending on the store.
#ifndef IRAED_STORE_DURABILITY_H_
#define IRAED_STORE_DURABILITY_H_

#include <string_view>

namespace iraed::store {

enum class Synchronous { kOff, kNormal, kFull, kExtra };

// "OFF", "NORMAL", "FULL", "EXTRA": the PRAGMA value and the config name.
constexpr std::string_view ToString(Synchronous s) {
  switch (s) {
    case Synchronous::kOff:
      return "OFF";
    case Synchronous::kNormal:
      return "NORMAL";
    case Synchronous::kFull:
      return "FULL";
    case Synchronous::kExtra:
      return "EXTRA";
  }
  return "FULL";
}

}  // namespace iraed::store

#endif  // IRAED_STORE_DURABILITY_H_
