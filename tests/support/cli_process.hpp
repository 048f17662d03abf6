// Running the `accord` command line as a child process (for crash and concurrency tests).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace accord::testing {

struct CliOutcome {
    bool killed = false;  ///< false: the command finished before the signal
    int status = 0;  ///< exit status when it finished
};

/// Starts `accord ARGUMENTS...` with its output (standard output and error) written to
/// `outputFile`, discarded by default; returns the child's pid.
pid_t startCli(const std::vector<std::string>& arguments, const std::string& outputFile = "/dev/null");

/// Runs `accord ARGUMENTS...`, killing it (SIGKILL) after `killAfter` unless it finished.
CliOutcome runCli(const std::vector<std::string>& arguments, std::chrono::microseconds killAfter);

/// Waits for a child started by startCli: its exit status (-1 if it did not exit normally).
int waitCli(pid_t child);

}  // namespace accord::testing
