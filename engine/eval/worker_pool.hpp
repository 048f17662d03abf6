// Threads that run the parts of one task side by side (a rule's run split across cores:
// evaluator.cpp), on Boost.Asio's thread pool.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace accord::engine {

class WorkerPool {
public:
    /// `threads` in all: the calling thread and threads - 1 of the pool's.
    explicit WorkerPool(std::size_t threads) : pool_(threads > 1 ? threads - 1 : 1), threads_(threads) {}
    ~WorkerPool() { pool_.join(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    std::size_t threads() const { return threads_; }

    /// Runs part(0), ..., part(parts - 1): part 0 on the calling thread, the others on the
    /// pool's. Returns when every part is done, rethrowing the exception of the first part
    /// (in order) that threw, so that which error a run reports does not depend on timing.
    void run(std::size_t parts, const std::function<void(std::size_t)>& part) {
        std::vector<std::exception_ptr> errors(parts);
        std::mutex mutex;
        std::condition_variable allDone;
        std::size_t running = parts - 1;
        auto attempt = [&](std::size_t i) {
            try {
                part(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        };
        for (std::size_t i = 1; i < parts; ++i) {
            boost::asio::post(pool_, [&, i] {
                attempt(i);
                std::lock_guard lock(mutex);
                if (--running == 0) allDone.notify_one();
            });
        }
        attempt(0);
        {
            std::unique_lock lock(mutex);
            allDone.wait(lock, [&] { return running == 0; });
        }
        for (const std::exception_ptr& error : errors) {
            if (error) std::rethrow_exception(error);
        }
    }

private:
    boost::asio::thread_pool pool_;
    std::size_t threads_;
};

}  // namespace accord::engine
