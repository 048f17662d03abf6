// Child processes of the command line (see cli_process.hpp).
#include "tests/support/cli_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

namespace accord::testing {

pid_t startCli(const std::vector<std::string>& arguments, const std::string& outputFile) {
    pid_t child = fork();
    if (child == 0) {
        std::vector<char*> argv;
        std::string program = ACCORD_CLI_PATH;
        argv.push_back(program.data());
        for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        int output = ::open(outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(output, 1);
        dup2(output, 2);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    return child;
}

int waitCli(pid_t child) {
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

CliOutcome runCli(const std::vector<std::string>& arguments, std::chrono::microseconds killAfter) {
    pid_t child = startCli(arguments);
    auto deadline = std::chrono::steady_clock::now() + killAfter;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(child, &status, WNOHANG) == child) return {false, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    return {WIFSIGNALED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace accord::testing
