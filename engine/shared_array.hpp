// A fixed-size array whose copies share their elements until one of them writes (copy on
// write). A relation that adopts a file's rows (Relation::loadRows) reads the rows' set this
// way: no second copy of millions of slots unless the relation adds a tuple of its own.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace accord::engine {

template <typename T>
class SharedArray {
public:
    SharedArray() = default;
    explicit SharedArray(std::vector<T> values) : owner_(std::make_shared<std::vector<T>>(std::move(values))) { pointAtOwner(); }
    SharedArray(const SharedArray&) = default;
    SharedArray& operator=(const SharedArray&) = default;
    SharedArray(SharedArray&& other) noexcept { *this = std::move(other); }
    SharedArray& operator=(SharedArray&& other) noexcept {
        owner_ = std::move(other.owner_);
        pointAtOwner();
        other.pointAtOwner();
        return *this;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    /// Element `i`, to write: copies the elements first when another array shares them.
    /// (Copies that share elements must be written and copied on one thread: the count read
    /// here orders no other thread's reads. A run split across threads only reads relations
    /// on its other threads, and writes only the rule's head, which they do not read.)
    T& writable(std::size_t i) {
        if (owner_.use_count() > 1) {
            owner_ = std::make_shared<std::vector<T>>(*owner_);
            pointAtOwner();
        }
        return data_[i];
    }

private:
    void pointAtOwner() {
        data_ = owner_ ? owner_->data() : nullptr;
        size_ = owner_ ? owner_->size() : 0;
    }

    std::shared_ptr<std::vector<T>> owner_;
    T* data_ = nullptr;  ///< owner_'s elements: a read is one step from the array
    std::size_t size_ = 0;
};

}  // namespace accord::engine
