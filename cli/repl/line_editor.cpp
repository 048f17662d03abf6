// Line editing (see line_editor.hpp). libedit keeps its state in globals, as GNU readline
// does, so the completer reaches the session's words through one static pointer.
#include "cli/repl/line_editor.hpp"

#include <editline/readline.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace accord::cli {
namespace {

LineEditor::Words currentWords;  ///< of the one editor there is at a time
std::vector<std::string> pending;  ///< the completions being handed to libedit, one per call

char* nextCompletion(const char* prefix, int state) {
    if (state == 0) pending = LineEditor::completions(prefix, currentWords ? currentWords() : std::vector<std::string>{});
    if (pending.empty()) return nullptr;
    std::string next = pending.front();
    pending.erase(pending.begin());
    return strdup(next.c_str());  // libedit frees it
}

char** complete(const char* prefix, int, int) {
    rl_attempted_completion_over = 1;  // no file names when no word matches
    return rl_completion_matches(prefix, nextCompletion);
}

}  // namespace

LineEditor::LineEditor(std::string historyPath, Words words) : historyPath_(std::move(historyPath)), interactive_(isatty(STDIN_FILENO)) {
    currentWords = std::move(words);
    if (!interactive_) return;
    rl_readline_name = "accord";
    // `:why-not` is one word to complete: only blanks, brackets and operators break words.
    rl_basic_word_break_characters = " \t\n(),=!?";
    rl_attempted_completion_function = complete;
    read_history(historyPath_.c_str());
}

LineEditor::~LineEditor() {
    if (interactive_) write_history(historyPath_.c_str());
    currentWords = nullptr;
}

std::optional<std::string> LineEditor::readLine(const char* prompt) {
    if (!interactive_) {  // libedit would echo a piped line; a script reads better without
        std::string line;
        if (!std::getline(std::cin, line)) return std::nullopt;
        return line;
    }
    char* raw = readline(prompt);
    if (!raw) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (!line.empty()) add_history(line.c_str());
    return line;
}

std::vector<std::string> LineEditor::completions(const std::string& prefix, std::vector<std::string> words) {
    std::erase_if(words, [&](const std::string& word) { return !word.starts_with(prefix); });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

}  // namespace accord::cli
