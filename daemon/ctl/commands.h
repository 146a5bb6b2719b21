// File: ctl/commands.h
//
// Runs one parsed iraectl command (ctl/command_line.h) and returns the
// process exit status (ctl/exit_status.h). Problems go to stderr as one
// "iraectl: ..." line; results to stdout.
#ifndef IRAED_CTL_COMMANDS_H_
#define IRAED_CTL_COMMANDS_H_

#include "ctl/command_line.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

int RunCommand(Command command, const CtlOptions& options);

// The commands that read a database (reports, backup, audit verify and
// explain, export, follow): ctl/database_commands.cc.
int RunDatabaseCommand(Command command, const CtlOptions& options);

// export, on the database RunDatabaseCommand opened:
// ctl/export_command.cc.
int RunExportCommand(store::Database& db, const CtlOptions& options);
// export --describe: the data dictionary, without a database.
int DescribeExport(const CtlOptions& options);

// The command that re-grades a database: ctl/replay_command.cc.
int RunReplayCommand(const CtlOptions& options);

// Writes "iraectl: MESSAGE" to stderr; returns status.
int Fail(const std::string& message, int status);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_COMMANDS_H_
