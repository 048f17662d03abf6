// The models a server answers from: one per request answered at once, since a model answers
// one question at a time. Each keeps its last evaluation (by date and minimum confidence), so
// a request goes to a model that has evaluated its date when one is free: the pool is also
// the server's bounded cache of evaluations. A write changes every model, with none in use.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/engine/api/model.hpp"

namespace accord::server {

class ModelPool {
public:
    /// `size` models: `first` and clones of it.
    ModelPool(Model first, std::size_t size);

    /// A model lent to one request, given back when the lease ends.
    class Lease {
    public:
        Lease(ModelPool& pool, std::size_t slot) : pool_(&pool), slot_(slot) {}
        Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Model& model() const;

    private:
        ModelPool* pool_;
        std::size_t slot_;
    };

    /// A free model, preferring one whose last question was asked `when` (its evaluation is
    /// kept); nullopt when none is free within `wait` (the server is busy). `when` nullopt:
    /// the question leaves no evaluation to keep (a timeline, a what-if), and takes the
    /// least recently used model.
    std::optional<Lease> acquire(const std::optional<AsOf>& when, std::chrono::milliseconds wait);

    /// Runs `change` on every model once none is in use (new requests wait meanwhile). It
    /// should not throw (try the change on a clone first): the models would differ.
    void changeEach(const std::function<void(Model&)>& change);
    /// Replaces every model by `fresh` and its clones (e.g. reloaded from a knowledge base).
    void replaceAll(Model fresh);

    std::size_t size() const { return slots_.size(); }
    /// How many models are lent now (for /v1/health).
    std::size_t inUse() const;

private:
    struct Slot {
        explicit Slot(Model lent) : model(std::move(lent)) {}
        Model model;
        bool lent = false;
        std::string lastAsked;  ///< the date and minimum of its last question ("" none)
        std::uint64_t lastUsed = 0;
    };
    static std::string keyOf(const AsOf& when);
    std::optional<std::size_t> pickFree(const std::string& key) const;
    std::size_t lentCount() const;  ///< with mutex_ held
    void giveBack(std::size_t slot);

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Slot> slots_;
    bool writing_ = false;
    std::uint64_t clock_ = 0;
};

}  // namespace accord::server
