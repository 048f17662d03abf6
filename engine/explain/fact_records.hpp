// Where proofs get their facts from: the record of one fact — its confidence, origin,
// citation, validity, and for a derived fact the rule and premises of its best derivation.
// Records come from an engine's last run (EngineFactRecords, here) or from a knowledge
// base's stored conclusions (kb/stored_fact_records.hpp).
#pragma once

#include <optional>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/proof.hpp"

namespace accord::engine {

/// A fact by value: a relation and its tuple (a keyed relation's value last).
struct FactKey {
    RelationId relation = 0;
    Tuple tuple;
    friend bool operator==(const FactKey&, const FactKey&) = default;
};

struct FactRecord {
    double confidence = 1;
    FactOrigin origin = FactOrigin::Unknown;
    std::string source;
    std::string location;
    Validity validity;
    std::optional<RuleId> rule;  ///< derived facts
    std::vector<FactKey> premises;  ///< derived facts
};

class FactRecords {
public:
    virtual ~FactRecords() = default;
    /// The record of a fact that holds; nullopt when it does not.
    virtual std::optional<FactRecord> find(const FactKey& key) = 0;
};

/// Records from an engine's last run (its relations, derivations and program facts).
class EngineFactRecords : public FactRecords {
public:
    explicit EngineFactRecords(const Engine& engine) : engine_(engine) {}
    std::optional<FactRecord> find(const FactKey& key) override;

private:
    const Engine& engine_;
};

}  // namespace accord::engine
