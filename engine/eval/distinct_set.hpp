// The distinct element tuples of an aggregate, with the best confidence of each, in the
// order first found. Flat storage and open addressing: adding an element allocates
// nothing once the set has grown (aggregates over millions of rows stay cheap).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "accord/engine/value.hpp"

namespace accord::engine {

class DistinctSet {
public:
    void reset(std::size_t width) {
        width_ = width;
        values_.clear();
        confidences_.clear();
        slots_.assign(16, kEmpty);
    }

    void add(std::span<const Value> element, double confidence) {
        if ((size() + 1) * 2 > slots_.size()) grow();
        std::size_t slot = find(element, hashTuple(element));
        if (slots_[slot] != kEmpty) {
            double& best = confidences_[slots_[slot]];
            if (confidence > best) best = confidence;
            return;
        }
        slots_[slot] = static_cast<std::uint32_t>(size());
        values_.insert(values_.end(), element.begin(), element.end());
        confidences_.push_back(confidence);
    }

    std::size_t size() const { return confidences_.size(); }
    TupleView element(std::size_t i) const { return {values_.data() + i * width_, width_}; }
    double confidence(std::size_t i) const { return confidences_[i]; }

private:
    static constexpr std::uint32_t kEmpty = UINT32_MAX;

    std::size_t find(std::span<const Value> element, std::uint64_t hash) const {
        std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            std::uint32_t id = slots_[slot];
            if (id == kEmpty) return slot;
            TupleView existing = element_(id);
            bool equal = true;
            for (std::size_t c = 0; c < width_ && equal; ++c) equal = existing[c] == element[c];
            if (equal) return slot;
        }
    }

    TupleView element_(std::uint32_t id) const { return {values_.data() + std::size_t(id) * width_, width_}; }

    void grow() {
        slots_.assign(slots_.size() * 2, kEmpty);
        for (std::uint32_t id = 0; id < size(); ++id) slots_[find(element_(id), hashTuple(element_(id)))] = id;
    }

    std::size_t width_ = 0;
    std::vector<Value> values_;
    std::vector<double> confidences_;
    std::vector<std::uint32_t> slots_;
};

}  // namespace accord::engine
