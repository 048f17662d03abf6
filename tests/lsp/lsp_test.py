#!/usr/bin/env python3
"""The language server, driven by a scripted client over real LSP messages: diagnostics
as text is opened and changed (unsaved), hover, definition, references, document
symbols, formatting and completion on a copy of the NATO model; malformed messages get
JSON-RPC errors and the server keeps answering; shutdown and exit end it.

Usage: lsp_test.py ACCORD REPOSITORY"""

import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LspClient, file_uri  # noqa: E402

ACCORD, REPOSITORY = None, None


def json_frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def position_of(text, needle, nth=0):
    """The LSP position (UTF-16 characters) of the nth occurrence of needle."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return {"line": line, "character": len(text[line_start:at].encode("utf-16-le")) // 2}


class LanguageServerTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="accord-lsp-")
        self.model = os.path.join(self.directory, "nato")
        shutil.copytree(os.path.join(REPOSITORY, "rules", "nato"), self.model)
        self.client = LspClient(ACCORD, cwd=self.directory)
        self.client.seen = []
        response = self.client.request("initialize", {"processId": None, "rootUri": file_uri(self.directory), "capabilities": {}})
        self.capabilities = response["result"]["capabilities"]
        self.client.notify("initialized", {})

    def tearDown(self):
        try:
            self.client.kill()
        finally:
            shutil.rmtree(self.directory)

    def open(self, name, text=None):
        path = os.path.join(self.model, name)
        if text is None:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        uri = file_uri(path)
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "accord", "version": 1, "text": text}})
        return uri, text

    def change(self, uri, text, version=2):
        self.client.notify("textDocument/didChange",
                           {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def at(self, method, uri, position, **extra):
        params = {"textDocument": {"uri": uri}, "position": position}
        params.update(extra)
        return self.client.request(method, params)

    def test_capabilities(self):
        for capability in ["hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
                           "documentFormattingProvider", "completionProvider", "textDocumentSync"]:
            self.assertIn(capability, self.capabilities)

    def test_diagnostics_follow_unsaved_text_and_match_check(self):
        uri, text = self.open("turkey.rules")
        self.assertEqual(self.client.diagnostics_for(uri), [])
        # A typo in a condition, unsaved: the unknown relation, where it is, with a hint.
        broken = text + "\nworried(A) if demnd(A, eu_neutrality).\n"
        self.change(uri, broken)
        diagnostics = self.client.diagnostics_for(uri)
        unknown = [d for d in diagnostics if d.get("code") == "unknown-relation"]
        self.assertEqual(len(unknown), 1, diagnostics)
        self.assertEqual(unknown[0]["severity"], 2)
        self.assertEqual(unknown[0]["range"]["start"], position_of(broken, "demnd("))
        self.assertIn("did you mean 'demand'?", unknown[0]["message"])
        # The file on disk is untouched; `accord check` on it reports nothing.
        with open(os.path.join(self.model, "turkey.rules"), encoding="utf-8") as handle:
            self.assertEqual(handle.read(), text)
        # A syntax error: an error diagnostic at the place, and the server goes on.
        self.change(uri, text + "\nworried(A) if demand(A, .\n", version=3)
        errors = [d for d in self.client.diagnostics_for(uri) if d["severity"] == 1]
        self.assertEqual(len(errors), 1)
        self.assertIn("expected", errors[0]["message"])
        # A lint, with its name; fixed again, the diagnostics are cleared.
        self.change(uri, text + "\nodd(A) if demand(A, _) and A != A.\n", version=4)
        codes = [d.get("code") for d in self.client.diagnostics_for(uri)]
        self.assertIn("constant-comparison", codes)
        self.change(uri, text, version=5)
        self.assertEqual(self.client.diagnostics_for(uri), [])

    def test_a_change_in_one_file_reports_in_the_model_file_it_breaks(self):
        uri, text = self.open("votes.rules")
        self.client.diagnostics_for(uri)
        # Declaring `demand` with one column makes every fact of it in turkey.rules an error there.
        self.change(uri, text.replace("fixed relation demand(ally: symbol, condition: symbol)", "fixed relation demand(ally: symbol)"))
        turkey = file_uri(os.path.join(self.model, "turkey.rules"))
        errors = [d for d in self.client.diagnostics_for(turkey) if d["severity"] == 1]
        self.assertTrue(errors and all("demand" in d["message"] for d in errors), errors)
        self.change(uri, text, version=3)
        self.assertEqual(self.client.diagnostics_for(turkey), [])

    def test_hover_definition_and_references(self):
        uri, text = self.open("turkey.rules")
        self.client.diagnostics_for(uri)
        position = position_of(text, "demand(turkey", 0)
        hover = self.at("textDocument/hover", uri, position)["result"]
        value = hover["contents"]["value"]
        self.assertIn("fixed relation demand(ally: symbol, condition: symbol)", value)
        self.assertIn("needs", value)  # from its ## comment in votes.rules
        first_doc_line = value.split("```")[-1].strip().split("\n")[0]
        self.assertEqual(value.count(first_doc_line), 1, value)  # the comment once, not in the declaration too
        definition = self.at("textDocument/definition", uri, position)["result"]
        self.assertTrue(definition["uri"].endswith("/votes.rules"), definition)
        with open(os.path.join(self.model, "votes.rules"), encoding="utf-8") as handle:
            votes = handle.read()
        self.assertEqual(definition["range"]["start"], position_of(votes, "demand(ally"))
        references = self.at("textDocument/references", uri, position, context={"includeDeclaration": True})["result"]
        total = 0
        for name in os.listdir(self.model):
            if name.endswith(".rules") and not name.endswith(".test.rules"):
                with open(os.path.join(self.model, name), encoding="utf-8") as handle:
                    total += sum(1 for line in handle if not line.lstrip().startswith("#")
                                 for _ in range(line.count("demand(")))
        self.assertEqual(len(references), total)
        without = self.at("textDocument/references", uri, position, context={"includeDeclaration": False})["result"]
        self.assertEqual(len(without), total - 1)
        # Nothing under the cursor: null, not an error.
        self.assertIsNone(self.at("textDocument/hover", uri, {"line": 0, "character": 0})["result"])

    def test_rule_names_hover_with_their_comment(self):
        uri, text = self.open("appointment.rules")
        self.client.diagnostics_for(uri)
        hover = self.at("textDocument/hover", uri, position_of(text, "blockers:"))["result"]
        self.assertIn("rule **blockers**", hover["contents"]["value"])
        self.assertIn("blocker(A, C) if vote(A, C) = block.", hover["contents"]["value"])
        comment = text[:text.index("rule blockers")].rstrip("\n").split("\n")[-1]
        self.assertTrue(comment.startswith("## "), comment)
        self.assertIn(comment[3:], hover["contents"]["value"])

    def test_positions_count_utf16_characters(self):
        # Before the name on its line: characters of two and four bytes in UTF-8, one of two
        # UTF-16 units; a converter counting bytes or code points would miss the name.
        text = "relation ally(name: symbol)\nally('Ünï 🙂🙂').\nfriend('é🙂', A) if ally(A).\n"
        uri, _ = self.open("unicode.rules", text)
        self.client.diagnostics_for(uri)
        friend = position_of(text, "ally(A)")
        self.assertEqual(friend, {"line": 2, "character": 20})  # 6 + 'é🙂' (1 + 2) + 11 others
        hover = self.at("textDocument/hover", uri, friend)["result"]
        self.assertEqual(hover["range"], {"start": friend, "end": {"line": 2, "character": 24}})
        self.assertIn("relation ally(name: symbol)", hover["contents"]["value"])
        # A position inside the surrogate pair's second unit is no name.
        self.assertIsNone(self.at("textDocument/hover", uri, {"line": 2, "character": 9})["result"])

    def test_paths_with_spaces_and_other_characters(self):
        folder = os.path.join(self.directory, "my model #1")
        os.mkdir(folder)
        path = os.path.join(folder, "café.rules")
        text = "relation ally(name: symbol)\nally(x).\nfriend(A) if ally(A) and enemy(A).\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        uri = file_uri(path)
        self.assertIn("%20", uri)
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "accord", "version": 1, "text": text}})
        codes = [d.get("code") for d in self.client.diagnostics_for(uri)]
        self.assertIn("unknown-relation", codes)
        definition = self.at("textDocument/definition", uri, position_of(text, "ally(A)"))["result"]
        self.assertEqual(definition["uri"], uri)

    def test_document_symbols(self):
        uri, text = self.open("votes.rules")
        symbols = self.client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
        names = [s["name"] for s in symbols]
        self.assertIn("demand", names)
        self.assertIn("vote", names)
        self.assertIn("implied_by_endorsement", names)
        # Statements that parse are still listed while another is broken.
        self.change(uri, text + "\nbroken(A) if .\n")
        again = self.client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
        self.assertEqual([s["name"] for s in again], names)

    def test_formatting(self):
        uri, _ = self.open("scratch.rules", "relation ally(name: symbol)\nfriend(A)   :-  ally(A) ,ally(A).\nally(x).\n")
        edits = self.client.request("textDocument/formatting",
                                    {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True}})["result"]
        self.assertEqual(len(edits), 1)
        self.assertIn("friend(A) if ally(A) and ally(A).", edits[0]["newText"])
        self.change(uri, edits[0]["newText"])
        again = self.client.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {}})["result"]
        self.assertEqual(again, [])
        self.change(uri, "friend(A) if .\n", version=3)
        failed = self.client.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {}})
        self.assertEqual(failed["error"]["code"], -32803)

    def test_completion(self):
        uri, text = self.open("turkey.rules")
        items = self.at("textDocument/completion", uri, {"line": 0, "character": 0})["result"]
        labels = {item["label"]: item for item in items}
        self.assertEqual(len(labels), len(items), "a label offered twice")
        self.assertIn("demand", labels)
        self.assertIn("fixed relation demand", labels["demand"]["detail"])
        self.assertIn("vote", labels)
        self.assertIn("years_between", labels)
        self.assertIn("resolve", labels)
        # Nothing is offered inside a comment.
        comment_line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("# ")))
        self.assertEqual(self.at("textDocument/completion", uri, {"line": comment_line, "character": 5})["result"], [])

    def test_test_files_get_their_own_diagnostics(self):
        uri, text = self.open("nato.test.rules")
        self.assertEqual(self.client.diagnostics_for(uri), [])
        self.change(uri, text + "\ntest broken as of 2024-13-45\n  expect vote(turkey, rutte) = approve.\n")
        diagnostics = self.client.diagnostics_for(uri)
        self.assertTrue(any(d["severity"] == 1 for d in diagnostics), diagnostics)
        # The facts and conditions of its tests are read against the model, as `accord test` does.
        wrong = text + ("\ntest wrong as of 2024-06-19\n  given nope(turkey).\n  expect ally(turkey, x)\n"
                        "  expect vote(turkey, rutte\n  expect needs appointable(rutte) finds + backs(romania)\n")
        self.change(uri, wrong, version=3)
        errors = [d for d in self.client.diagnostics_for(uri) if d["severity"] == 1]
        lines = sorted(d["range"]["start"]["line"] for d in errors)
        first = wrong.count("\n", 0, wrong.index("test wrong"))
        self.assertEqual(lines, [first + 1, first + 2, first + 3, first + 4], errors)

    def test_malformed_messages_get_errors_and_the_server_goes_on(self):
        client = self.client
        client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        client.send_raw(b"Content-Type: x\r\n\r\n")
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        client.send_raw(b"garbage without a colon\r\n\r\n")
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        client.send([1, 2, 3])
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32600)
        client.send({"jsonrpc": "2.0", "id": {"no": 1}, "method": "shutdown"})
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32600)
        self.assertEqual(client.request("no/such/method", {})["error"]["code"], -32601)
        self.assertEqual(client.request("textDocument/hover", {"textDocument": {}})["error"]["code"], -32602)
        self.assertEqual(client.request("textDocument/hover", {"textDocument": {"uri": 5}, "position": {}})["error"]["code"], -32602)
        self.assertEqual(client.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.rules"},
                                                               "position": {"line": 0, "character": 0}})["error"]["code"], -32803)
        self.assertEqual(client.request("textDocument/hover", [])["error"]["code"], -32602)
        client.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never-opened.rules"}, "contentChanges": []})
        client.notify("no/such/notification", {})
        # Positions far outside the text are clamped, not a crash.
        uri, _ = self.open("turkey.rules")
        self.assertIsNone(self.at("textDocument/hover", uri, {"line": 100000, "character": 100000})["result"])
        # A frame that claims more than the server accepts is refused and skipped.
        client.send_raw(b"Content-Length: 99999999999\r\n\r\n")
        self.assertIn("error", client.wait_for(lambda m: "error" in m))
        self.assertEqual(client.process.poll(), None)

    def test_a_broken_frame_costs_one_error_and_the_next_frames_are_read(self):
        client = self.client
        hover = {"textDocument": {"uri": "file:///nowhere.rules"}, "position": {"line": 0, "character": 0}}
        good = json_frame({"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover", "params": hover})
        for broken in [b"Content-Length: 40\r\n\r\n{\"jsonrpc\": \"2.0\"",    # shorter than it says
                       b"Content-Lenght: 2\r\n\r\n{}",                         # a misspelt header
                       b"Content-Length: 5\r\n\r\n{\"jsonrpc\": \"2.0\"}"]:     # longer than it says
            client.send_raw(broken + good)
            answer = client.wait_for(lambda m: m.get("id") == 900)
            self.assertEqual(answer["error"]["code"], -32803, answer)  # the request after the broken frame is answered
        self.assertEqual(self.client.request("shutdown")["result"], None)

    def test_positions_beyond_the_protocols_range_are_invalid_params(self):
        uri, _ = self.open("turkey.rules")
        for position in [{"line": 2**32 + 1, "character": 0}, {"line": 0, "character": 2**32 + 8}, {"line": -1, "character": 0}]:
            self.assertEqual(self.at("textDocument/hover", uri, position)["error"]["code"], -32602)

    def test_files_changed_on_disk_are_checked_again(self):
        uri, text = self.open("turkey.rules")
        self.assertEqual(self.client.diagnostics_for(uri), [])
        with open(os.path.join(self.model, "slovakia.rules"), "a", encoding="utf-8") as handle:
            handle.write("\nworried(A) if demnd(A, x).\n")
        self.client.notify("workspace/didChangeWatchedFiles",
                           {"changes": [{"uri": file_uri(os.path.join(self.model, "slovakia.rules")), "type": 2}]})
        slovakia = self.client.diagnostics_for(file_uri(os.path.join(self.model, "slovakia.rules")))
        self.assertTrue(any(d.get("code") == "unknown-relation" for d in slovakia), slovakia)

    def test_a_directory_included_from_above_belongs_to_the_model_above(self):
        os.mkdir(os.path.join(self.directory, "m"))
        os.mkdir(os.path.join(self.directory, "m", "conditions"))
        with open(os.path.join(self.directory, "m", "main.rules"), "w", encoding="utf-8") as handle:
            handle.write('relation ally(name: symbol)\nally(x).\ninclude "conditions/turkey.rules".\n')
        path = os.path.join(self.directory, "m", "conditions", "turkey.rules")
        text = "wary(A) if ally(A).\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        uri = file_uri(path)
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "accord", "version": 1, "text": text}})
        self.assertEqual(self.client.diagnostics_for(uri), [])
        definition = self.at("textDocument/definition", uri, position_of(text, "ally(A)"))["result"]
        self.assertTrue(definition["uri"].endswith("/m/main.rules"), definition)

    def test_a_new_file_not_saved_yet_is_checked_with_its_model(self):
        uri, text = self.open("new.rules", "relation worry(a: symbol)\nworry(A) if ally(A) and demand(A, eu_neutrality).\n")
        self.assertEqual([d for d in self.client.diagnostics_for(uri) if d.get("code") == "unknown-relation"], [])
        definition = self.at("textDocument/definition", uri, position_of(text, "ally(A)"))["result"]
        self.assertTrue(definition["uri"].endswith("/allies.rules"), definition)

    def test_messages_that_would_break_a_careless_server(self):
        client = self.client
        client.send({"jsonrpc": 2, "id": 5, "method": "initialize"})
        self.assertEqual(client.wait_for(lambda m: "error" in m)["error"]["code"], -32600)
        depth = 100000  # parameters 100,000 objects deep, written out (Python's encoder would recurse)
        body = b'{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": ' + b'{"a": ' * depth + b"{}" + b"}" * depth + b"}"
        client.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.assertEqual(client.wait_for(lambda m: m.get("id") == 6)["error"]["code"], -32602)
        client.send_raw(b"X-Long: " + b"x" * 3_000_000 + b"\r\n\r\n")
        self.assertEqual(client.wait_for(lambda m: "error" in m and m.get("id") is None)["error"]["code"], -32700)
        self.assertIsNone(client.request("shutdown")["result"])

    def test_an_untitled_document_is_checked_alone(self):
        uri = "untitled:Untitled-1"
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "accord", "version": 1,
                                                                     "text": "p(X) if q(X).\nq(a).\nr(X) if p(X) and X != X.\n"}})
        message = self.client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        self.assertEqual(message["params"]["uri"], uri)  # the first, and only, file published
        self.assertEqual([d.get("code") for d in message["params"]["diagnostics"]], ["constant-comparison"])
        self.assertEqual(self.client.request("shutdown")["result"], None)
        published = [m["params"]["uri"] for m in self.client.seen if m.get("method") == "textDocument/publishDiagnostics"]
        self.assertEqual(published, [uri])

    def test_a_test_file_keeps_its_diagnostics_while_its_model_is_edited(self):
        test_uri, text = self.open("nato.test.rules")
        self.client.diagnostics_for(test_uri)
        self.change(test_uri, text + "\ntest wrong as of 2024-06-19\n  expect nope(turkey)\n")
        self.assertEqual(len(self.client.diagnostics_for(test_uri)), 1)
        votes, votes_text = self.open("votes.rules")
        self.client.diagnostics_for(votes)
        self.change(votes, votes_text + "\n")
        self.client.diagnostics_for(votes)
        later = [m for m in self.client.seen if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == test_uri]
        self.assertEqual(len(later[-1]["params"]["diagnostics"]), 1)  # not cleared by the model's analysis

    def test_closing_a_new_unsaved_file_leaves_the_models_diagnostics(self):
        votes, text = self.open("votes.rules")
        self.client.diagnostics_for(votes)
        self.change(votes, text + "\nworried(A) if demnd(A, x).\n")
        self.assertEqual(len(self.client.diagnostics_for(votes)), 1)
        new, _ = self.open("new.rules", "calm(A) if ally(A).\n")
        self.client.diagnostics_for(new)
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": new}})
        self.client.request("shutdown")
        last = [m for m in self.client.seen if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == votes]
        self.assertEqual(len(last[-1]["params"]["diagnostics"]), 1)  # still there after the close

    def test_an_open_test_file_is_checked_again_when_its_model_changes(self):
        folder = os.path.join(self.directory, "m")
        os.mkdir(folder)
        files = {"model.rules": "ally(x).\nwary(A) if ally(A).\n", "m.test.rules": "test t as of 2024-01-01\n  expect wary(x)\n"}
        for name, text in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
        uris = {name: file_uri(os.path.join(folder, name)) for name in files}
        for name, text in files.items():
            self.client.notify("textDocument/didOpen",
                               {"textDocument": {"uri": uris[name], "languageId": "accord", "version": 1, "text": text}})
            self.assertEqual(self.client.diagnostics_for(uris[name]), [])
        self.change(uris["model.rules"], files["model.rules"].replace("wary(A)", "wary2(A)"))
        diagnostics = self.client.diagnostics_for(uris["m.test.rules"])
        self.assertTrue(any("wary" in d["message"] for d in diagnostics), diagnostics)

    def test_requests_before_initialize_are_refused(self):
        fresh = LspClient(ACCORD, cwd=self.directory)
        fresh.seen = []
        try:
            self.assertEqual(fresh.request("textDocument/hover", {})["error"]["code"], -32002)
            fresh.request("initialize", {"capabilities": {}})
            self.assertIsNone(fresh.request("shutdown")["result"])
            self.assertEqual(fresh.request("textDocument/hover", {})["error"]["code"], -32600)
            fresh.notify("exit", None)
            self.assertEqual(fresh.process.wait(timeout=20), 0)
        finally:
            fresh.kill()

    def test_exit_without_shutdown_and_a_vanished_client_end_with_status_1(self):
        self.client.notify("exit", None)
        self.assertEqual(self.client.process.wait(timeout=20), 1)
        other = LspClient(ACCORD, cwd=self.directory)
        self.assertEqual(other.close(), 1)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ACCORD, REPOSITORY = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
