// File: console/worker.h
//
// The console's own thread: password checks (Argon2id, about 50 ms each)
// and database reads run here, never on the HTTP thread, one task at a
// time in the order posted.
//
// Thread-safety: Post and Stop may be called from any thread.
#ifndef IRAED_CONSOLE_WORKER_H_
#define IRAED_CONSOLE_WORKER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace iraed::console {

class Worker {
 public:
  Worker();
  ~Worker();  // Stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Queues `task`; false (the task dropped) once stopping or when
  // kMaxQueued tasks wait already: the caller answers "busy".
  bool Post(std::function<void()> task);
  static constexpr std::size_t kMaxQueued = 256;
  // Runs what is queued, then joins the thread. Idempotent.
  void Stop();
  std::size_t queued() const;

 private:
  void Run();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_WORKER_H_
