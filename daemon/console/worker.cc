#include "console/worker.h"

#include "common/logging.h"

namespace iraed::console {

Worker::Worker() : thread_([this] { Run(); }) {}

Worker::~Worker() { Stop(); }

bool Worker::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || tasks_.size() >= kMaxQueued) return false;
    tasks_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

void Worker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::size_t Worker::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tasks_.size();
}

void Worker::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping and drained
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task();
    } catch (const std::exception& e) {
      Logger("console")->error("console task failed: {}", e.what());
    }
  }
}

}  // namespace iraed::console
