// The server's models (see model_pool.hpp).
#include "server/model_pool.hpp"

#include <fmt/format.h>

#include "accord/dsl/date.hpp"

namespace accord::server {

ModelPool::ModelPool(Model first, std::size_t size) {
    slots_.reserve(std::max<std::size_t>(size, 1));
    for (std::size_t i = 1; i < size; ++i) slots_.emplace_back(first.clone());
    slots_.emplace_back(std::move(first));
}

ModelPool::Lease::~Lease() {
    if (pool_) pool_->giveBack(slot_);
}

Model& ModelPool::Lease::model() const { return pool_->slots_[slot_].model; }

std::string ModelPool::keyOf(const AsOf& when) {
    std::string date = when.asOf.empty() ? dsl::formatDate(dsl::today()) : when.asOf;
    return when.minConfidence ? fmt::format("{}@{}", date, *when.minConfidence) : date;
}

std::optional<std::size_t> ModelPool::pickFree(const std::string& key) const {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        const Slot& slot = slots_[i];
        if (slot.lent) continue;
        if (!key.empty() && slot.lastAsked == key) return i;
        if (!best || slot.lastUsed < slots_[*best].lastUsed) best = i;  // the least recently used evaluation goes first
    }
    return best;
}

std::optional<ModelPool::Lease> ModelPool::acquire(const std::optional<AsOf>& when, std::chrono::milliseconds wait) {
    std::string key = when ? keyOf(*when) : "";
    std::unique_lock lock(mutex_);
    std::optional<std::size_t> slot;
    bool free = changed_.wait_for(lock, wait, [&] {
        if (writing_) return false;
        slot = pickFree(key);
        return slot.has_value();
    });
    if (!free) return std::nullopt;
    slots_[*slot].lent = true;
    slots_[*slot].lastAsked = key;
    slots_[*slot].lastUsed = ++clock_;
    return std::optional<Lease>(std::in_place, *this, *slot);
}

void ModelPool::giveBack(std::size_t slot) {
    {
        std::lock_guard lock(mutex_);
        slots_[slot].lent = false;
    }
    changed_.notify_all();
}

std::size_t ModelPool::lentCount() const {
    std::size_t lent = 0;
    for (const Slot& slot : slots_) lent += slot.lent ? 1 : 0;
    return lent;
}

std::size_t ModelPool::inUse() const {
    std::lock_guard lock(mutex_);
    return lentCount();
}

void ModelPool::changeEach(const std::function<void(Model&)>& change) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !writing_; });
    writing_ = true;  // no new lease from here on, so the models are all the same again after
    changed_.wait(lock, [&] { return lentCount() == 0; });
    struct Reopen {
        ModelPool& pool;
        ~Reopen() {
            pool.writing_ = false;
            pool.changed_.notify_all();
        }
    } reopen{*this};
    for (Slot& slot : slots_) {
        change(slot.model);
        slot.lastAsked.clear();
    }
}

void ModelPool::replaceAll(Model fresh) {
    std::vector<Model> models;  // made before the pool is held: loading takes time
    for (std::size_t i = 1; i < slots_.size(); ++i) models.push_back(fresh.clone());
    models.push_back(std::move(fresh));
    std::size_t next = 0;
    changeEach([&](Model& model) { model = std::move(models[next++]); });
}

}  // namespace accord::server
