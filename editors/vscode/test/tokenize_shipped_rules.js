// Tokenises every rule file the project ships (rules/, examples/ and the test suite's)
// with the extension's grammar, as VS Code would, and fails when the grammar leaves a
// visible character without a scope of its own (only `source.accord`) or a line in a
// state it does not return from: the grammar must understand everything the project
// itself writes, in both spellings, tests included.
"use strict";

const fs = require("fs");
const path = require("path");
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const repository = path.resolve(__dirname, "..", "..", "..");
const grammarPath = path.resolve(__dirname, "..", "syntaxes", "accord.tmLanguage.json");

function ruleFiles(directory, found = []) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) ruleFiles(full, found);
    else if (entry.name.endsWith(".rules")) found.push(full);
  }
  return found;
}

async function main() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  const grammar = await registry.loadGrammar("source.accord");
  const files = ["rules", "examples", "tests"].flatMap((folder) => ruleFiles(path.join(repository, folder)));
  let problems = 0, lines = 0;
  for (const file of files) {
    let state = textmate.INITIAL;
    let depthAtStart = null;
    fs.readFileSync(file, "utf8").split("\n").forEach((line, index) => {
      lines++;
      const result = grammar.tokenizeLine(line, state);
      for (const token of result.tokens) {
        const text = line.slice(token.startIndex, token.endIndex);
        if (token.scopes.length === 1 && text.trim() !== "") {
          problems++;
          if (problems <= 20) console.log(`${path.relative(repository, file)}:${index + 1}:${token.startIndex + 1}: no scope for '${text}'`);
        }
      }
      state = result.ruleStack;
      if (depthAtStart === null) depthAtStart = state.depth;
    });
    if (state.depth !== depthAtStart) {
      problems++;
      console.log(`${path.relative(repository, file)}: the grammar ends the file inside a construct`);
    }
  }
  console.log(`tokenised ${files.length} shipped rule files (${lines} lines): ${problems} problems`);
  process.exit(problems === 0 && files.length > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
