// Load: reader processes (`accord query`, `accord why`) run without pause against one
// knowledge base while a writer process asserts a fact and runs, over and over. Every
// reader must see a committed state (the two conclusions it reads agree), fail only with
// the documented busy error, and at the end the knowledge base must equal a from-scratch
// evaluation of what was asserted.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "accord/kb/database.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/kb_dump.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

class LoadTest : public TemporaryDirectoryTest {
protected:
    std::string path(const std::string& name) const { return (directory_ / name).string(); }

    static std::string contentsOf(const std::string& file) {
        std::ifstream in(file);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }
};

/// A reader's output is acceptable when it succeeded, or failed with the busy error.
bool busyError(const std::string& output) {
    return output.find("is busy") != std::string::npos || output.find("locked") != std::string::npos;
}

TEST_F(LoadTest, ReadersSeeCommittedStatesWhileAWriterAssertsAndRunsInALoop) {
    const std::string kb = path("accord.db"), rules = path("items.rules");
    std::ofstream(rules) << "relation item(n: integer)\n"
                            "relation state(key: symbol) -> value: integer\n"
                            "rule total: state(total) = N if N = count { I : item(I) }.\n"
                            "rule newest: state(newest) = M if M = max { I : item(I) }.\n"
                            "rule doubled: doubled(D) if item(I) and D = I * 2.\n";
    const auto forever = std::chrono::seconds(600);
    ASSERT_EQ(runCli({"load", "--kb", kb, rules}, forever).status, 0);

    // The writer: assert item(i), run; each step one process, as a user would.
    constexpr int kSteps = 25;
    pid_t writer = fork();
    if (writer == 0) {
        for (int i = 0; i < kSteps; ++i) {
            if (waitCli(startCli({"assert", "--kb", kb, "item(" + std::to_string(i) + ")."})) != 0) _exit(1);
            if (waitCli(startCli({"run", "--kb", kb, "--as-of", "2024-01-01"})) != 0) _exit(2);
        }
        _exit(0);
    }

    // The readers: two queries and a why at a time, until the writer is done.
    // `query` prints a table row (`total  3`), `why` the fact (`state(total) = 3`).
    const std::regex totalRow(R"(total\)?(?:\s+|\s*=\s*)(\d+))"), newestRow(R"(newest\)?(?:\s+|\s*=\s*)(\d+))");
    int reads = 0, consistent = 0, busy = 0;
    std::vector<std::string> problems;
    int writerStatus = 0;
    for (int round = 0; waitpid(writer, &writerStatus, WNOHANG) == 0; ++round) {
        std::vector<std::pair<pid_t, std::string>> readers;
        for (int r = 0; r < 3; ++r) {
            std::string output = path("reader" + std::to_string(r) + ".out");
            std::vector<std::string> arguments = r < 2 ? std::vector<std::string>{"query", "--kb", kb, "state(K) = V"}
                                                       : std::vector<std::string>{"why", "--kb", kb, "state(K) = V"};
            readers.push_back({startCli(arguments, output), output});
        }
        for (const auto& [reader, output] : readers) {
            int status = waitCli(reader);
            std::string text = contentsOf(output);
            ++reads;
            bool beforeTheFirstRun = status == 1 && text.find("no run has stored conclusions") != std::string::npos;
            if (status != 0 && !beforeTheFirstRun) {
                if (busyError(text)) {
                    ++busy;
                } else {
                    problems.push_back("exit " + std::to_string(status) + ":\n" + text);
                }
                continue;
            }
            std::smatch total, newest;
            bool hasTotal = std::regex_search(text, total, totalRow), hasNewest = std::regex_search(text, newest, newestRow);
            if (beforeTheFirstRun) {
                ++consistent;
            } else if (hasTotal && hasNewest && std::stoi(total[1]) == std::stoi(newest[1]) + 1) {
                ++consistent;  // items 0..n: total n + 1, newest n
            } else if (hasTotal != hasNewest) {
                problems.push_back("half a state:\n" + text);
            } else {
                problems.push_back("total and newest disagree:\n" + text);
            }
        }
    }
    ASSERT_TRUE(WIFEXITED(writerStatus) && WEXITSTATUS(writerStatus) == 0) << "the writer failed: status " << writerStatus;
    for (const std::string& problem : problems) ADD_FAILURE() << problem;
    EXPECT_GT(reads, 3 * 5) << "the readers should have read while the writer was writing";
    RecordProperty("reads", reads);
    RecordProperty("busy", busy);

    // The final state equals a from-scratch evaluation of the same facts.
    fs::copy_file(kb, path("scratch.db"));
    ASSERT_EQ(runCli({"run", "--kb", path("scratch.db"), "--as-of", "2024-01-01", "--from-scratch"}, forever).status, 0);
    kb::Database incremental = kb::Database::open(kb, kb::Database::Mode::ReadOnly);
    kb::Database scratch = kb::Database::open(path("scratch.db"), kb::Database::Mode::ReadOnly);
    EXPECT_EQ(dumpDifference(dumpRelationTables(scratch), dumpRelationTables(incremental)), "");
    TableDump tables = dumpRelationTables(incremental);
    EXPECT_EQ(tables["doubled"].size(), static_cast<std::size_t>(kSteps));
    std::printf("%d reads during %d assert+run steps: %d consistent, %d busy\n", reads, kSteps, consistent, busy);
}

}  // namespace
}  // namespace accord::testing
