// Deterministic, seeded data for the side-by-side benchmark (bench/run.sh).
//
// For each workload it writes, into one folder: the facts as tab-separated files, the
// Accord rules, an SQLite script, a SWI-Prolog program and a Soufflé program computing the
// same relation, so that all of them read the same data and print the size of the same
// output.
//
//   generate_data OUT_DIR
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// splitmix64: a tiny, fixed generator, so data never depends on the standard library.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

using Rows = std::vector<std::vector<std::uint64_t>>;

void writeFile(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

void writeRows(const fs::path& path, const Rows& rows) {
    std::ofstream out(path);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "\t" : "") << row[c];
        out << '\n';
    }
}

/// Prolog facts for one relation, as a consultable file.
void writeProlog(const fs::path& path, const std::string& name, const Rows& rows) {
    std::ofstream out(path);
    for (const auto& row : rows) {
        out << name << '(';
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << row[c];
        out << ").\n";
    }
}

struct Workload {
    std::string name;
    std::vector<std::pair<std::string, Rows>> relations;  ///< name -> rows (all integer columns)
    std::string accordRules;  ///< declarations and rules; facts come from --facts
    std::string output;  ///< the relation whose size is printed
    std::string sqlQuery;  ///< prints the output size
    std::string prologRules;  ///< defines main/0, which prints the output size; empty: not run
    std::string souffleRules;  ///< declarations of the derived relations and the rules; inputs and output added
};

/// Soufflé's declarations and inputs for the fact relations (tab-separated files in the
/// fact directory, `-F`), then the rules, then the output's size (`.printsize`).
std::string souffleProgram(const Workload& w) {
    std::string out;
    for (const auto& [name, rows] : w.relations) {
        std::size_t arity = rows.empty() ? 1 : rows.front().size();
        out += ".decl " + name + "(";
        for (std::size_t c = 0; c < arity; ++c) out += (c ? ", c" : "c") + std::to_string(c) + ": number";
        out += ")\n.input " + name + "(IO=file, filename=\"" + name + ".tsv\", delimiter=\"\\t\")\n";
    }
    return out + w.souffleRules + ".printsize " + w.output + "\n";
}

void write(const fs::path& root, const Workload& w) {
    fs::path dir = root / w.name;
    fs::create_directories(dir);
    std::string sql = ".mode tabs\n";
    std::string consult;
    std::string facts;
    for (const auto& [name, rows] : w.relations) {
        writeRows(dir / (name + ".tsv"), rows);
        if (!w.prologRules.empty()) writeProlog(dir / (name + ".pl"), name, rows);
        std::size_t arity = rows.empty() ? 1 : rows.front().size();
        sql += "CREATE TABLE " + name + "(";
        for (std::size_t c = 0; c < arity; ++c) sql += (c ? ", c" : "c") + std::to_string(c) + " INTEGER";
        sql += ");\n.import " + (dir / (name + ".tsv")).string() + " " + name + "\n";
        consult += ":- consult('" + (dir / (name + ".pl")).string() + "').\n";
        facts += " --facts " + name + "=" + (dir / (name + ".tsv")).string();
    }
    writeFile(dir / "program.rules", w.accordRules);
    writeFile(dir / "program.sql", sql + w.sqlQuery + "\n");
    if (!w.prologRules.empty()) writeFile(dir / "program.pl", consult + w.prologRules + "\n:- initialization((main, halt)).\n");
    writeFile(dir / "program.dl", souffleProgram(w));
    writeFile(dir / "accord.args", "program.rules" + facts + "\n" + w.output + "\n");
}

std::string intDecl(const std::string& name, int arity) {
    std::string out = "relation " + name + "(";
    for (int c = 0; c < arity; ++c) out += (c ? ", c" : "c") + std::to_string(c) + ": integer";
    return out + ")\n";
}

const char* kPathRules = "path(X, Y) if edge(X, Y).\npath(X, Z) if path(X, Y) and edge(Y, Z).\n";
const char* kPathSql =
    "WITH RECURSIVE path(a, b) AS (SELECT c0, c1 FROM edge UNION SELECT path.a, edge.c1 FROM path JOIN edge ON path.b = edge.c0)\n"
    "SELECT count(*) FROM path;";
const char* kPathProlog =
    ":- table path/2.\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
    "main :- aggregate_all(count, path(_, _), N), writeln(N).";
const char* kPathSouffle = ".decl path(a: number, b: number)\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n";

Workload chain() {
    Rows edges;
    for (std::uint64_t i = 0; i + 1 < 3000; ++i) edges.push_back({i, i + 1});
    return {"tc_chain", {{"edge", edges}}, intDecl("edge", 2) + kPathRules, "path", kPathSql, kPathProlog, kPathSouffle};
}

Workload randomGraph() {
    Random random{42};
    Rows edges;
    for (int i = 0; i < 3750; ++i) edges.push_back({random.below(2500), random.below(2500)});
    return {"tc_random", {{"edge", edges}}, intDecl("edge", 2) + kPathRules, "path", kPathSql, kPathProlog, kPathSouffle};
}

Workload sameGeneration() {
    // A tree of 10,000 nodes where each node's parent is one of the 100 nodes before it:
    // about 200 generations of about 50 nodes.
    Random random{7};
    Rows parent;
    for (std::uint64_t i = 1; i < 10000; ++i) {
        std::uint64_t back = 1 + random.below(std::min<std::uint64_t>(i, 100));
        parent.push_back({i, i - back});
    }
    return {"same_generation",
            {{"parent", parent}},
            intDecl("parent", 2) +
                "sg(X, Y) if parent(X, P) and parent(Y, P) and X != Y.\n"
                "sg(X, Y) if parent(X, A) and sg(A, B) and parent(Y, B).\n",
            "sg",
            "WITH RECURSIVE sg(x, y) AS (\n"
            "  SELECT p1.c0, p2.c0 FROM parent p1 JOIN parent p2 ON p1.c1 = p2.c1 WHERE p1.c0 != p2.c0\n"
            "  UNION SELECT p1.c0, p2.c0 FROM sg JOIN parent p1 ON p1.c1 = sg.x JOIN parent p2 ON p2.c1 = sg.y)\n"
            "SELECT count(*) FROM sg;",
            ":- table sg/2.\nsg(X, Y) :- parent(X, P), parent(Y, P), X \\== Y.\n"
            "sg(X, Y) :- parent(X, A), sg(A, B), parent(Y, B).\n"
            "main :- aggregate_all(count, sg(_, _), N), writeln(N).",
            ".decl sg(x: number, y: number)\nsg(X, Y) :- parent(X, P), parent(Y, P), X != Y.\n"
            "sg(X, Y) :- parent(X, A), sg(A, B), parent(Y, B).\n"};
}

Workload negation() {
    // Reachability from node 0 in a sparse random graph (200k nodes, 300k edges), then the
    // nodes and edges it misses.
    Random random{99};
    Rows edges, nodes, source{{0}};
    for (std::uint64_t i = 0; i < 200000; ++i) nodes.push_back({i});
    for (int i = 0; i < 300000; ++i) edges.push_back({random.below(200000), random.below(200000)});
    return {"stratified_negation",
            {{"edge", edges}, {"node", nodes}, {"source", source}},
            intDecl("edge", 2) + intDecl("node", 1) + intDecl("source", 1) +
                "reach(X) if source(X).\nreach(Y) if reach(X) and edge(X, Y).\n"
                "unreached(X) if node(X) and not reach(X).\n"
                "dead_edge(X, Y) if edge(X, Y) and not reach(X).\n"
                "missed(X) if unreached(X).\nmissed(X) if dead_edge(_, X) and not reach(X).\n",
            "missed",
            "CREATE INDEX edge_from ON edge(c0);\n"
            "CREATE TABLE reach AS WITH RECURSIVE r(x) AS (SELECT c0 FROM source UNION SELECT edge.c1 FROM r JOIN edge ON edge.c0 = r.x) "
            "SELECT x FROM r;\n"
            "CREATE INDEX reach_x ON reach(x);\n"
            "SELECT count(*) FROM (SELECT c0 FROM node WHERE c0 NOT IN (SELECT x FROM reach)\n"
            "  UNION SELECT c1 FROM edge WHERE c0 NOT IN (SELECT x FROM reach) AND c1 NOT IN (SELECT x FROM reach));",
            ":- table reach/1.\nreach(X) :- source(X).\nreach(Y) :- reach(X), edge(X, Y).\n"
            "unreached(X) :- node(X), \\+ reach(X).\ndead_edge(X, Y) :- edge(X, Y), \\+ reach(X).\n"
            ":- table missed/1.\nmissed(X) :- unreached(X).\nmissed(X) :- dead_edge(_, X), \\+ reach(X).\n"
            "main :- aggregate_all(count, missed(_), N), writeln(N).",
            ".decl reach(x: number)\n.decl unreached(x: number)\n.decl dead_edge(x: number, y: number)\n.decl missed(x: number)\n"
            "reach(X) :- source(X).\nreach(Y) :- reach(X), edge(X, Y).\n"
            "unreached(X) :- node(X), !reach(X).\ndead_edge(X, Y) :- edge(X, Y), !reach(X).\n"
            "missed(X) :- unreached(X).\nmissed(X) :- dead_edge(_, X), !reach(X).\n"};
}

Workload threeWayJoin() {
    Random random{2024};
    Rows a, b, c;
    for (std::uint64_t i = 0; i < 200000; ++i) {
        a.push_back({i, random.below(200000)});
        b.push_back({random.below(200000), random.below(200000)});
        c.push_back({random.below(200000), i});
    }
    return {"three_way_join",
            {{"a", a}, {"b", b}, {"c", c}},
            intDecl("a", 2) + intDecl("b", 2) + intDecl("c", 2) + "r(X, W) if a(X, Y) and b(Y, Z) and c(Z, W).\n",
            "r",
            "CREATE INDEX b_c0 ON b(c0);\nCREATE INDEX c_c0 ON c(c0);\n"
            "SELECT count(*) FROM (SELECT DISTINCT a.c0, c.c1 FROM a JOIN b ON b.c0 = a.c1 JOIN c ON c.c0 = b.c1);",
            ":- table r/2.\nr(X, W) :- a(X, Y), b(Y, Z), c(Z, W).\nmain :- aggregate_all(count, r(_, _), N), writeln(N).",
            ".decl r(x: number, w: number)\nr(X, W) :- a(X, Y), b(Y, Z), c(Z, W).\n"};
}

Workload aggregate() {
    Random random{5};
    Rows sales, groups;
    for (std::uint64_t g = 0; g < 1000; ++g) groups.push_back({g});
    for (std::uint64_t i = 0; i < 2000000; ++i) sales.push_back({random.below(1000), i, 1 + random.below(1000)});
    return {"aggregate",
            {{"sale", sales}, {"grp", groups}},
            intDecl("sale", 3) + intDecl("grp", 1) +
                "total(G, S, N) if grp(G) and S = sum { A, I : sale(G, I, A) } and N = count { I : sale(G, I, _) }.\n",
            "total",
            "SELECT count(*) FROM (SELECT c0, sum(c2), count(*) FROM sale GROUP BY c0);",
            "total(G, S, N) :- grp(G), aggregate_all(sum(A), sale(G, _, A), S), aggregate_all(count, sale(G, _, _), N).\n"
            "main :- aggregate_all(count, total(_, _, _), N), writeln(N).",
            ".decl total(g: number, s: number, n: number)\n"
            "total(G, S, N) :- grp(G), S = sum A : { sale(G, _, A) }, N = count : { sale(G, _, _) }.\n"};
}

Workload policy() {
    // The NATO model's shape at scale: 10,000 allies, 200 candidates; an ally approves a
    // candidate unless it objects, and only when each of its conditions is met by the
    // candidate or waived for it (negation and a `for all`); a candidate is blocked by
    // any ally that does not approve, appointable when nobody blocks it.
    Random random{1949};
    Rows allies, candidates, conditions, satisfied, waived, objections;
    const std::uint64_t allyCount = 10000, candidateCount = 200, conditionKinds = 50;
    for (std::uint64_t a = 0; a < allyCount; ++a) allies.push_back({a});
    for (std::uint64_t c = 0; c < candidateCount; ++c) candidates.push_back({c});
    for (std::uint64_t a = 0; a < allyCount; ++a) {
        for (int k = 0; k < 3; ++k) conditions.push_back({a, random.below(conditionKinds)});
    }
    for (std::uint64_t c = 0; c < candidateCount; ++c) {
        for (std::uint64_t k = 0; k < conditionKinds; ++k) {
            if (random.below(10) < 8) satisfied.push_back({c, k});
        }
    }
    for (int i = 0; i < 1500000; ++i)
        waived.push_back({random.below(allyCount), random.below(candidateCount), random.below(conditionKinds)});
    for (int i = 0; i < 100000; ++i) objections.push_back({random.below(allyCount), random.below(candidateCount)});
    return {"policy",
            {{"ally", allies},
             {"candidate", candidates},
             {"condition", conditions},
             {"satisfied", satisfied},
             {"waived", waived},
             {"objection", objections}},
            intDecl("ally", 1) + intDecl("candidate", 1) + intDecl("condition", 2) + intDecl("satisfied", 2) + intDecl("waived", 3) +
                intDecl("objection", 2) +
                "approves(A, C) if ally(A) and candidate(C) and not objection(A, C) and\n"
                "    for all condition(A, K): (satisfied(C, K) or waived(A, C, K)).\n"
                "blocked(C) if candidate(C) and ally(A) and not approves(A, C).\n"
                "appointable(C) if candidate(C) and not blocked(C).\n",
            "approves",
            "CREATE INDEX objection_ac ON objection(c0, c1);\nCREATE INDEX condition_a ON condition(c0);\n"
            "CREATE INDEX satisfied_ck ON satisfied(c0, c1);\nCREATE INDEX waived_ack ON waived(c0, c1, c2);\n"
            "SELECT count(*) FROM ally, candidate WHERE\n"
            "  NOT EXISTS (SELECT 1 FROM objection o WHERE o.c0 = ally.c0 AND o.c1 = candidate.c0) AND\n"
            "  NOT EXISTS (SELECT 1 FROM condition k WHERE k.c0 = ally.c0 AND\n"
            "    NOT EXISTS (SELECT 1 FROM satisfied s WHERE s.c0 = candidate.c0 AND s.c1 = k.c1) AND\n"
            "    NOT EXISTS (SELECT 1 FROM waived w WHERE w.c0 = ally.c0 AND w.c1 = candidate.c0 AND w.c2 = k.c1));",
            "unmet(A, C) :- condition(A, K), \\+ satisfied(C, K), \\+ waived(A, C, K).\n"
            "approves(A, C) :- ally(A), candidate(C), \\+ objection(A, C), \\+ unmet(A, C).\n"
            "main :- aggregate_all(count, approves(_, _), N), writeln(N).",
            ".decl unmet(a: number, c: number)\n.decl approves(a: number, c: number)\n.decl blocked(c: number)\n"
            ".decl appointable(c: number)\n"
            "unmet(A, C) :- condition(A, K), candidate(C), !satisfied(C, K), !waived(A, C, K).\n"
            "approves(A, C) :- ally(A), candidate(C), !objection(A, C), !unmet(A, C).\n"
            "blocked(C) :- candidate(C), ally(A), !approves(A, C).\n"
            "appointable(C) :- candidate(C), !blocked(C).\n"};
}

Workload existenceChecks() {
    // Atoms whose variables are used nowhere else (`b(_, _, _)`, `d(Y, _)`) only ask
    // whether a tuple exists: an engine that loops over them multiplies the work by their
    // size. Written with the checks first, as people write them.
    Random random{31};
    Rows a, b, c, d;
    for (std::uint64_t i = 0; i < 200000; ++i) a.push_back({i, random.below(100000)});
    for (std::uint64_t i = 0; i < 20; ++i) b.push_back({i, random.below(100), random.below(100)});
    for (std::uint64_t i = 0; i < 10; ++i) c.push_back({i});
    for (std::uint64_t i = 0; i < 500000; ++i) d.push_back({random.below(100000), i});
    return {
        "exists_checks",
        {{"a", a}, {"b", b}, {"c", c}, {"d", d}},
        intDecl("a", 2) + intDecl("b", 3) + intDecl("c", 1) + intDecl("d", 2) + "r(X, Y) if b(_, _, _) and c(_) and a(X, Y) and d(Y, _).\n",
        "r",
        "CREATE INDEX d_c0 ON d(c0);\n"
        "SELECT count(*) FROM (SELECT DISTINCT a.c0, a.c1 FROM a WHERE EXISTS (SELECT 1 FROM b) AND EXISTS (SELECT 1 FROM c)\n"
        "  AND EXISTS (SELECT 1 FROM d WHERE d.c0 = a.c1));",
        "",  // SWI-Prolog enumerates every b × c × d match: hours
        ".decl r(x: number, y: number)\nr(X, Y) :- b(_, _, _), c(_), a(X, Y), d(Y, _).\n"};
}

Workload independentSubBody() {
    // A part of the body that shares no variable with the rest (`b(Y, Z), c(Z, W), W > Y`)
    // holds or not whatever `a(X)` is: it needs evaluating once, not once per `a` tuple.
    Random random{77};
    Rows a, b, c;
    for (std::uint64_t i = 0; i < 5000; ++i) a.push_back({i});
    for (std::uint64_t i = 0; i < 20000; ++i) b.push_back({random.below(1000000), random.below(5000)});
    for (std::uint64_t i = 0; i < 5000; ++i) c.push_back({i, random.below(1000000)});
    return {"independent_subbody",
            {{"a", a}, {"b", b}, {"c", c}},
            intDecl("a", 1) + intDecl("b", 2) + intDecl("c", 2) + "r(X) if a(X) and b(Y, Z) and c(Z, W) and W > Y.\n",
            "r",
            "CREATE INDEX c_c0 ON c(c0);\n"
            "SELECT count(*) FROM (SELECT DISTINCT a.c0 FROM a WHERE EXISTS (SELECT 1 FROM b JOIN c ON c.c0 = b.c1 WHERE c.c1 > b.c0));",
            "",  // SWI-Prolog enumerates the sub-body for every `a`: hours
            ".decl r(x: number)\nr(X) :- a(X), b(Y, Z), c(Z, W), W > Y.\n"};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: generate_data OUT_DIR\n";
        return 2;
    }
    fs::path root = argv[1];
    for (const Workload& workload : {chain(), randomGraph(), sameGeneration(), negation(), threeWayJoin(), aggregate(), policy(),
                                     existenceChecks(), independentSubBody()}) {
        write(root, workload);
        std::cout << workload.name << '\n';
    }
    return 0;
}
