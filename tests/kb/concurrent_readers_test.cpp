// Readers while a run writes: WAL lets a query read the knowledge base while `accord run`
// is writing it, and every reader sees the last committed state — the conclusions before
// the run or after it, never a mixture.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sys/wait.h>

#include "accord/kb/database.hpp"
#include "accord/kb/statement.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/temporary_directory.hpp"

namespace accord::testing {
namespace {

class ConcurrentReadersTest : public TemporaryDirectoryTest {};

TEST_F(ConcurrentReadersTest, ReadersSeeTheStateBeforeOrAfterARunNeverBetween) {
    const std::string kb = (directory_ / "accord.db").string(), rules = (directory_ / "chain.rules").string(),
                      edges = (directory_ / "edges.csv").string();
    std::ofstream(rules) << "relation edge(a: integer, b: integer)\npath(X, Y) if edge(X, Y).\npath(X, Z) if path(X, Y) and edge(Y, Z).\n";
    {
        std::ofstream out(edges);
        out << "a,b\n";
        for (int i = 0; i < 300; ++i) out << i << ',' << i + 1 << '\n';
    }
    const auto forever = std::chrono::seconds(600);
    ASSERT_EQ(runCli({"load", "--kb", kb, rules}, forever).status, 0);
    ASSERT_EQ(runCli({"import", "--kb", kb, edges, "--relation", "edge"}, forever).status, 0);
    ASSERT_EQ(runCli({"run", "--kb", kb, "--as-of", "2024-01-01"}, forever).status, 0);
    // Cutting the chain in the middle removes about three quarters of the paths.
    ASSERT_EQ(runCli({"retract", "--kb", kb, "edge(150, 151)."}, forever).status, 0);

    auto pathCount = [](kb::Database& database) {
        kb::Statement count = database.prepare("SELECT count(*) FROM path");
        count.step();
        return count.columnInteger(0);
    };
    kb::Database reader = kb::Database::open(kb, kb::Database::Mode::ReadOnly);
    const std::int64_t before = pathCount(reader);
    ASSERT_EQ(before, 300 * 301 / 2);

    pid_t writer = startCli({"run", "--kb", kb, "--as-of", "2024-01-01"});
    std::set<std::int64_t> seen;
    std::vector<pid_t> queries;
    int reads = 0;
    int status = 0;
    pid_t done = 0;
    for (; (done = waitpid(writer, &status, WNOHANG)) == 0; ++reads) {
        seen.insert(pathCount(reader));  // each read is its own snapshot
        if (reads % 50 == 0 && queries.size() < 8) queries.push_back(startCli({"query", "--kb", kb, "path(0, X)"}));
    }
    ASSERT_EQ(done, writer);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the run failed: status " << status;
    for (pid_t query : queries) EXPECT_EQ(waitCli(query), 0) << "a query failed while the run was writing";
    const std::int64_t after = pathCount(reader);
    EXPECT_EQ(after, 151 * 150 / 2 + 150 * 149 / 2);  // nodes 0..150 and 151..300
    for (std::int64_t count : seen) EXPECT_TRUE(count == before || count == after) << "a reader saw " << count << " paths";
    EXPECT_GT(reads, 10) << "the readers should have read while the run was writing";
    RecordProperty("reads_during_run", reads);
}

}  // namespace
}  // namespace accord::testing
