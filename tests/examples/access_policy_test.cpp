// The access-policy example (examples/access_policy/policy.rules) against a direct C++
// implementation of the same policy — group closure by search, resource ancestry by
// walking parents, then deny / allow / no grant — on random organisations: every
// decision, every separation-of-duties conflict and every admin count must agree.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "accord/engine/engine.hpp"
#include "accord/engine/value_format.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

const std::vector<std::string> kPermissions = {"read", "write", "set_policy", "create_payment", "approve_payment"};
const std::map<std::string, std::vector<std::string>> kRoles = {{"viewer", {"read"}},
                                                                {"editor", {"read", "write"}},
                                                                {"owner", {"read", "write", "set_policy"}},
                                                                {"clerk", {"create_payment"}},
                                                                {"approver", {"approve_payment", "read"}}};

struct Organisation {
    int users = 0, groups = 0, resources = 0;
    std::set<std::pair<std::string, std::string>> members;  // who, group
    std::map<int, int> parent;  // resource -> parent resource
    std::set<std::tuple<std::string, std::string, int>> bindings, denies;  // who, role|permission, resource
    std::set<std::string> sensitive;
    std::set<int> mfa;

    static std::string user(int i) { return "u" + std::to_string(i); }
    static std::string group(int i) { return "g" + std::to_string(i); }
    static std::string resource(int i) { return "r" + std::to_string(i); }

    static Organisation random(std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        Organisation org;
        org.users = 2 + pick(5), org.groups = 1 + pick(4), org.resources = 1 + pick(7);
        auto principal = [&]() { return pick(3) == 0 ? group(pick(org.groups)) : user(pick(org.users)); };
        for (int i = 0, n = pick(10); i < n; ++i) org.members.insert({principal(), group(pick(org.groups))});  // cycles allowed
        for (int r = 1; r < org.resources; ++r) {
            if (pick(4) != 0) org.parent[r] = pick(r);
        }
        std::vector<std::string> roles;
        for (const auto& [role, permissions] : kRoles) roles.push_back(role);
        for (int i = 0, n = 1 + pick(8); i < n; ++i) org.bindings.insert({principal(), roles[pick(5)], pick(org.resources)});
        for (int i = 0, n = pick(3); i < n; ++i) org.denies.insert({principal(), kPermissions[pick(5)], pick(org.resources)});
        for (const std::string& permission : kPermissions) {
            if (pick(3) == 0) org.sensitive.insert(permission);
        }
        for (int u = 0; u < org.users; ++u) {
            if (pick(2) == 0) org.mfa.insert(u);
        }
        return org;
    }

    std::string facts() const {
        std::string out;
        for (int u = 0; u < users; ++u) out += "user(" + user(u) + ").\n";
        for (int g = 0; g < groups; ++g) out += "group(" + group(g) + ").\n";
        for (int r = 0; r < resources; ++r) out += "resource(" + resource(r) + ").\n";
        for (const auto& [who, g] : members) out += "member(" + who + ", " + g + ").\n";
        for (const auto& [r, p] : parent) out += "parent(" + resource(r) + ", " + resource(p) + ").\n";
        for (const auto& [role, permissions] : kRoles) {
            for (const std::string& permission : permissions) out += "grants(" + role + ", " + permission + ").\n";
        }
        for (const auto& [who, role, r] : bindings) out += "binding(" + who + ", " + role + ", " + resource(r) + ").\n";
        for (const auto& [who, permission, r] : denies) out += "deny(" + who + ", " + permission + ", " + resource(r) + ").\n";
        for (const std::string& permission : sensitive) out += "sensitive(" + permission + ").\n";
        for (int u : mfa) out += "mfa_enrolled(" + user(u) + ").\n";
        return out;
    }

    /// The user itself and every group it reaches through memberships.
    std::set<std::string> identities(int u) const {
        std::set<std::string> seen{user(u)};
        std::vector<std::string> todo{user(u)};
        while (!todo.empty()) {
            std::string who = todo.back();
            todo.pop_back();
            for (const auto& [member, g] : members) {
                if (member == who && seen.insert(g).second) todo.push_back(g);
            }
        }
        return seen;
    }

    /// The resource and everything above it.
    std::set<int> scopes(int r) const {
        std::set<int> out{r};
        for (auto it = parent.find(r); it != parent.end(); it = parent.find(it->second)) out.insert(it->second);
        return out;
    }

    std::string decide(int u, const std::string& permission, int r) const {
        std::set<std::string> who = identities(u);
        std::set<int> scope = scopes(r);
        for (const auto& [w, p, s] : denies) {
            if (who.count(w) && p == permission && scope.count(s)) return "deny";
        }
        bool granted = false;
        for (const auto& [w, role, s] : bindings) {
            const auto& permissions = kRoles.at(role);
            if (who.count(w) && scope.count(s) && std::find(permissions.begin(), permissions.end(), permission) != permissions.end()) {
                granted = true;
            }
        }
        if (granted && !(sensitive.count(permission) && !mfa.count(u))) return "allow";
        return "no_grant";
    }
};

std::set<std::string> rows(engine::Engine& engine, const std::string& query) {
    dsl::Diagnostics diagnostics;
    auto result = engine.query(query, diagnostics);
    EXPECT_TRUE(result.has_value()) << query;
    std::set<std::string> out;
    for (const auto& row : result.value_or(std::vector<engine::QueryRow>{})) {
        std::string line;
        for (const auto& value : row.values) line += engine::formatValue(value, engine.symbols()) + " ";
        out.insert(line);
    }
    return out;
}

TEST(AccessPolicyExample, AgreesWithADirectImplementationOnRandomOrganisations) {
    const std::string policy = readRepositoryFile("examples/access_policy/policy.rules");
    int allowed = 0, denied = 0, conflicts = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        Organisation org = Organisation::random(seed);
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        ASSERT_TRUE(engine.loadText("policy.rules", policy + org.facts(), diagnostics))
            << ::testing::PrintToString(describe(diagnostics, engine.sources()));
        engine.run({});
        std::set<std::string> decisions, expectedConflicts, expectedAdmins;
        std::set<std::string> permissions;  // the ones some role includes: all of kPermissions
        for (int u = 0; u < org.users; ++u) {
            for (int r = 0; r < org.resources; ++r) {
                for (const std::string& permission : kPermissions) {
                    std::string decision = org.decide(u, permission, r);
                    decisions.insert(Organisation::user(u) + " " + permission + " " + Organisation::resource(r) + " " + decision + " ");
                    allowed += decision == "allow";
                    denied += decision == "deny";
                }
                if (org.decide(u, "create_payment", r) == "allow" && org.decide(u, "approve_payment", r) == "allow") {
                    expectedConflicts.insert(Organisation::user(u) + " " + Organisation::resource(r) + " ");
                    ++conflicts;
                }
            }
        }
        for (int r = 0; r < org.resources; ++r) {
            int admins = 0;
            for (int u = 0; u < org.users; ++u) admins += org.decide(u, "set_policy", r) == "allow";
            expectedAdmins.insert(Organisation::resource(r) + " " + std::to_string(admins) + " ");
        }
        ASSERT_EQ(rows(engine, "access(U, P, R) = D"), decisions) << "seed " << seed << "\n" << org.facts();
        ASSERT_EQ(rows(engine, "conflict(U, R)"), expectedConflicts) << "seed " << seed;
        ASSERT_EQ(rows(engine, "admin_count(R, N)"), expectedAdmins) << "seed " << seed;
    }
    // The random organisations exercise every outcome, not only "no grant".
    EXPECT_GT(allowed, 500);
    EXPECT_GT(denied, 50);
    EXPECT_GT(conflicts, 5);
}

}  // namespace
}  // namespace accord::testing
