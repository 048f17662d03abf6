// What a knowledge base holds, for `accord status`: its program, its relations with their
// rows by origin, its last runs, and whether the stored conclusions are current — like the
// SQLite shell's .tables and .schema, or `git status`, in one read transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/kb/knowledge_base.hpp"

namespace accord::kb {

struct KnowledgeBaseStatus {
    struct RuleFile {
        std::string path, hash, loadedAt;
    };
    struct RelationRows {
        std::string name;
        std::int64_t asserted = 0, assertedHeld = 0, program = 0, derived = 0;
    };
    struct Run {
        RunRecord record;
        std::int64_t facts = 0;
        double seconds = 0;
        std::optional<std::int64_t> recomputed;  ///< relations evaluated (incremental runs)
    };
    std::string path;
    int schemaVersion = 0;
    std::string created;
    std::vector<RuleFile> files;
    std::int64_t rules = 0;
    std::vector<RelationRows> relations;
    std::vector<Run> runs;  ///< the latest first
    std::int64_t totalRuns = 0;
    std::string staleness;  ///< "" when the stored conclusions follow from what is stored
};

/// Reads the status; `maxRuns` of the latest runs.
KnowledgeBaseStatus readStatus(KnowledgeBase& knowledgeBase, std::size_t maxRuns = 5);

}  // namespace accord::kb
