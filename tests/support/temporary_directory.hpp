// A test fixture with a fresh directory of its own, removed afterwards: named after the
// process and the test, so parallel ctest runs never share one.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace accord::testing {

class TemporaryDirectoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = std::filesystem::temp_directory_path() / ("accord-test-" + std::to_string(::getpid()) + "-" +
                                                               ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() +
                                                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::filesystem::path directory_;
};

}  // namespace accord::testing
