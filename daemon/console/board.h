// File: console/board.h
//
// The alert board: the alerts still to be dealt with (open, escalated,
// acknowledged), worst grade first and, within a grade, newest first,
// filtered by ward and syndrome; per alert the patient (name where a feed
// gave one, identifier), ward and bed, syndrome, grade in words and colour,
// provisional badge, time since raised, escalation step and who the alert is
// with (the role paged last, or who acknowledged it), the one-line summary and
// the action with its source.
#ifndef IRAED_CONSOLE_BOARD_H_
#define IRAED_CONSOLE_BOARD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "store/sqlite_db.h"

namespace iraed::console {

struct BoardAlert {
  std::int64_t id = 0;
  std::string patient_authority;
  std::string patient_identifier;
  std::string patient_name;  // "" when no feed gave one
  std::string ward;          // "" when no feed gave one
  std::string bed;
  std::string syndrome;
  int grade = 0;
  bool provisional = false;
  UnixMillis raised_ms = 0;
  std::string state;  // open | acknowledged
  int escalations = 0;
  std::string with;  // the role paged last, or who acknowledged
  std::string summary;
  std::string action;
};

struct BoardFilter {
  std::string syndrome;  // "" = every syndrome
  std::string ward;      // "" = every ward; kNoWard = patients without one
};
// The ward filter's value for alerts of patients no feed placed on a ward.
inline constexpr std::string_view kNoWard = "-";

// The alerts on the board, in board order, and the syndromes and wards of
// all of them (for the filters), read from `db`.
struct Board {
  std::vector<BoardAlert> alerts;
  std::vector<std::string> syndromes;
  std::vector<std::string> wards;  // kNoWard among them when one has none
};
Result<Board> ReadBoard(store::Database& db, const BoardFilter& filter);

// The board's table body (one <tr> per alert, or one saying there are
// none), as the page and its live refresh show it. Pure.
std::string RenderBoardRows(const Board& board, UnixMillis now,
                            const TimeZone& zone);

// The board's part of the page: the filter form, the live-connection
// status and the table.
std::string RenderBoardMain(const Board& board, const BoardFilter& filter,
                            UnixMillis now, const TimeZone& zone);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_BOARD_H_
