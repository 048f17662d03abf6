// Aggregate values (see aggregate_value.hpp).
#include "accord/engine/eval/aggregate_value.hpp"

#include "accord/engine/eval/expression_eval.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {

std::optional<Value> aggregateValue(AggregateFunction function, const DistinctSet& elements, RuleId rule, const SymbolTable& symbols) {
    switch (function) {
        case AggregateFunction::Count: return Value::integer(static_cast<std::int64_t>(elements.size()));
        case AggregateFunction::Sum: {
            Value sum = Value::integer(0);
            for (std::size_t i = 0; i < elements.size(); ++i) sum = add(sum, elements.element(i)[0], rule);
            return sum;
        }
        case AggregateFunction::Mean: {
            if (elements.size() == 0) return std::nullopt;
            Value sum = aggregateValue(AggregateFunction::Sum, elements, rule, symbols).value();
            double total = sum.kind == ValueKind::Integer ? static_cast<double>(sum.asInteger()) : sum.asDecimal();
            return Value::decimal(total / static_cast<double>(elements.size()));
        }
        case AggregateFunction::Min:
        case AggregateFunction::Max: {
            if (elements.size() == 0) return std::nullopt;
            Value result = elements.element(0)[0];
            for (std::size_t i = 1; i < elements.size(); ++i) {
                int order = compareValues(elements.element(i)[0], result, symbols);
                if (function == AggregateFunction::Min ? order < 0 : order > 0) result = elements.element(i)[0];
            }
            return result;
        }
    }
    return std::nullopt;
}

}  // namespace accord::engine
