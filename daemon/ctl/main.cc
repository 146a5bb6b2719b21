// iraectl: the command-line tool of iraed. Reads open the database
// read-only; staff and notifier writes go through the daemon's protocol.
// The command line is ctl/command_line.h; the commands ctl/commands.h.
#include "common/private_files.h"
#include "ctl/command_line.h"
#include "ctl/commands.h"

int main(int argc, char** argv) {
  // Backups, exports and replay scratch databases hold patient data.
  iraed::RestrictNewFilesToOwner();
  iraed::ctl::CtlCommandLine command_line;
  if (int done = command_line.Parse(argc, argv); done >= 0) return done;
  return iraed::ctl::RunCommand(command_line.command(), command_line.options());
}
