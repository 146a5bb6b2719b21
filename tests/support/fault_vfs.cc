#include "support/fault_vfs.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace iraed::testing {
namespace {

FaultSwitches& Switches() {
  static FaultSwitches* s = new FaultSwitches();
  return *s;
}

sqlite3_vfs* RealVfs() {
  static sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  return real;
}

struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;  // points just after this struct
};

sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<FaultFile*>(f)->real;
}

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (int err = Switches().write_error.load()) {
    ++Switches().writes_failed;
    return err;
  }
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (int ms = Switches().sync_delay_ms.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }
  if (int err = Switches().sync_error.load()) {
    ++Switches().syncs_failed;
    return err;
  }
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int l) {
  return Real(f)->pMethods->xLock(Real(f), l);
}
int Unlock(sqlite3_file* f, int l) {
  return Real(f)->pMethods->xUnlock(Real(f), l);
}
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) {
  return Real(f)->pMethods->xSectorSize(Real(f));
}
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
  return Real(f)->pMethods->xShmMap(Real(f), pg, sz, extend, pp);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int del) {
  return Real(f)->pMethods->xShmUnmap(Real(f), del);
}
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, pp);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Read,
                                     Write,
                                     Truncate,
                                     Sync,
                                     FileSize,
                                     Lock,
                                     Unlock,
                                     CheckReservedLock,
                                     FileControl,
                                     SectorSize,
                                     DeviceCharacteristics,
                                     ShmMap,
                                     ShmLock,
                                     ShmBarrier,
                                     ShmUnmap,
                                     Fetch,
                                     Unfetch};

int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
         int* out_flags) {
  auto* ff = reinterpret_cast<FaultFile*>(file);
  ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
  int rc = RealVfs()->xOpen(RealVfs(), name, ff->real, flags, out_flags);
  // SQLite calls xClose only when pMethods is set, so set it only on success.
  file->pMethods =
      (rc == SQLITE_OK && ff->real->pMethods) ? &kMethods : nullptr;
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return RealVfs()->xDelete(RealVfs(), name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return RealVfs()->xAccess(RealVfs(), name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return RealVfs()->xFullPathname(RealVfs(), name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return RealVfs()->xDlOpen(RealVfs(), name);
}
void DlError(sqlite3_vfs*, int n, char* msg) {
  RealVfs()->xDlError(RealVfs(), n, msg);
}
void (*DlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
  return RealVfs()->xDlSym(RealVfs(), h, sym);
}
void DlClose(sqlite3_vfs*, void* h) { RealVfs()->xDlClose(RealVfs(), h); }
int Randomness(sqlite3_vfs*, int n, char* out) {
  return RealVfs()->xRandomness(RealVfs(), n, out);
}
int Sleep(sqlite3_vfs*, int us) { return RealVfs()->xSleep(RealVfs(), us); }
int CurrentTime(sqlite3_vfs*, double* t) {
  return RealVfs()->xCurrentTime(RealVfs(), t);
}
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return RealVfs()->xGetLastError(RealVfs(), n, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) {
  return RealVfs()->xCurrentTimeInt64(RealVfs(), t);
}

}  // namespace

FaultSwitches& InstallFaultVfs() {
  static bool installed = [] {
    static sqlite3_vfs vfs;
    std::memset(&vfs, 0, sizeof vfs);
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + RealVfs()->szOsFile;
    vfs.mxPathname = RealVfs()->mxPathname;
    vfs.zName = kFaultVfsName;
    vfs.xOpen = Open;
    vfs.xDelete = Delete;
    vfs.xAccess = Access;
    vfs.xFullPathname = FullPathname;
    vfs.xDlOpen = DlOpen;
    vfs.xDlError = DlError;
    vfs.xDlSym = DlSym;
    vfs.xDlClose = DlClose;
    vfs.xRandomness = Randomness;
    vfs.xSleep = Sleep;
    vfs.xCurrentTime = CurrentTime;
    vfs.xGetLastError = GetLastError;
    vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
  }();
  (void)installed;
  return Switches();
}

}  // namespace iraed::testing
