// File: tests/support/fault_vfs.h
//
// A SQLite VFS that forwards to the default one and fails writes or syncs on
// demand, as a full or failing disk would (LevelDB's SpecialEnv idea).
// Register once; open databases with vfs name kFaultVfsName.
#ifndef IRAED_TESTS_SUPPORT_FAULT_VFS_H_
#define IRAED_TESTS_SUPPORT_FAULT_VFS_H_

#include <atomic>

namespace iraed::testing {

inline constexpr const char* kFaultVfsName = "iraed-fault";

struct FaultSwitches {
  // A SQLite result code every xWrite returns instead of writing (e.g.
  // SQLITE_FULL, SQLITE_IOERR_WRITE); 0 writes normally.
  std::atomic<int> write_error{0};
  // Likewise for xSync (SQLITE_IOERR_FSYNC).
  std::atomic<int> sync_error{0};
  // Milliseconds every xSync sleeps first: a hung disk (0: none).
  std::atomic<int> sync_delay_ms{0};
  std::atomic<long> writes_failed{0};
  std::atomic<long> syncs_failed{0};
};

// Registers the VFS (idempotent) and returns its switches.
FaultSwitches& InstallFaultVfs();

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_FAULT_VFS_H_
