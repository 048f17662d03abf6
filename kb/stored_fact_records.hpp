// Fact records read from a knowledge base's stored conclusions (see
// engine/explain/fact_records.hpp): explanations in a later process, from the file alone.
#pragma once

#include "accord/engine/explain/fact_records.hpp"
#include "accord/kb/database.hpp"

namespace accord::kb {

class StoredFactRecords : public engine::FactRecords {
public:
    /// `engine` holds the stored program (KnowledgeBase::loadProgram), for names and rules;
    /// `asOf` is the date of the run that stored the conclusions.
    StoredFactRecords(Database& database, engine::Engine& engine, std::int32_t asOf) : database_(database), engine_(engine), asOf_(asOf) {}
    std::optional<engine::FactRecord> find(const engine::FactKey& key) override;

private:
    /// The program's statement that gave a fact as the run saw it: valid on the run's date,
    /// with the stored confidence, the first of such (as the evaluator keeps the first).
    const engine::FactPlan* programFact(const engine::FactKey& key, double confidence) const;

    Database& database_;
    engine::Engine& engine_;
    std::int32_t asOf_;
};

}  // namespace accord::kb
