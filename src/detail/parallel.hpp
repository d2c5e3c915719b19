// parallel_for / parallel_blocks: the evaluator's only threading. Tasks never share
// output slots, so which thread runs a task cannot change the result.
#pragma once

#include "tiaodu/evaluate.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tiaodu::detail {

// The threads an evaluation of `orgs` organizations uses (and its rendering): as many as
// asked (0: one per hardware thread), but no more than one per options.orgs_per_thread
// organizations.
inline unsigned thread_count(const Options& options, std::size_t orgs) {
  const unsigned asked =
      options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  const std::size_t per_thread = std::max<std::size_t>(1, options.orgs_per_thread);
  return static_cast<unsigned>(std::clamp<std::size_t>(orgs / per_thread, 1, asked));
}

// Runs task(0..n-1) on up to `threads` threads; rethrows the first exception.
template <class Task>
void parallel_for(std::size_t n, unsigned threads, Task&& task) {
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Runs body(begin, end) over [0, n) cut into blocks of `block` elements.
template <class Body>
void parallel_blocks(std::size_t n, std::size_t block, unsigned threads, Body&& body) {
  parallel_for((n + block - 1) / block, threads, [&](std::size_t b) {
    body(b * block, std::min(n, (b + 1) * block));
  });
}

}  // namespace tiaodu::detail
