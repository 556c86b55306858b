// What Run and Check show for each kind of result (stack_explorer/runtime/code_runner.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  checkedWork,
  describeCheck,
  describeRun,
  newerCode,
  parseDraft,
} from "../../stack_explorer/runtime/code_runner.js";

test("a run shows output, then the value, then the error, each styled", () => {
  const lines = describeRun({ stdout: "hi\n", stderr: "warn\n", result: "42", error: "ZeroDivisionError" });
  assert.deepEqual(
    lines.map((line) => line.className),
    ["cell-stdout", "cell-stderr", "cell-result", "cell-error"],
  );
  assert.equal(lines[2].text, "42");
});

test("a run with nothing to show says so, and None is not shown as a value", () => {
  assert.deepEqual(describeRun({ stdout: "", stderr: "", result: null, error: null }), [
    { text: "(no output)", className: "cell-note" },
  ]);
});

test("code stopped at the limit says how long it ran", () => {
  const [line] = describeRun({ stopped: true, after: 5000 });
  assert.match(line.text, /^Stopped after 5 s: /);
  assert.match(describeCheck({ stopped: true, after: 10000 }).summary.text, /^Stopped after 10 s: /);
});

test("a check counts what passes and names each failing check with its message", () => {
  const shown = describeCheck({
    passed: false,
    error: null,
    checks: [
      { name: "Ids count up", passed: true, message: "" },
      { name: "A new generator starts again", passed: false, message: "got INV-0004" },
    ],
  });
  assert.equal(shown.summary.text, "1 of 2 checks pass.");
  assert.deepEqual(shown.checks[1], {
    text: "✗ A new generator starts again: got INV-0004",
    className: "check-failed",
  });
});

test("a solved exercise says so; broken code shows its error and no checks", () => {
  const solved = describeCheck({ passed: true, error: null, checks: [{ name: "A", passed: true, message: "" }] });
  assert.equal(solved.summary.text, "Solved: the check passes.");
  const broken = describeCheck({ passed: false, error: "SyntaxError on line 2: expected ':'", checks: [] });
  assert.deepEqual(broken, { summary: { text: "SyntaxError on line 2: expected ':'", className: "cell-error" }, checks: [] });
});

test("a finished check becomes the learner's work; a stopped or broken one does not", () => {
  const cell = { topic: "flask", exercise: "book-404-json" };
  assert.deepEqual(checkedWork(cell, "code", { passed: true, checks: [] }), {
    slug: "flask",
    exercise: "book-404-json",
    code: "code",
    solved: true,
  });
  assert.equal(checkedWork(cell, "code", { passed: false, checks: [] }).solved, false);
  assert.equal(checkedWork(cell, "code", { stopped: true, after: 10000 }), null);
  assert.equal(checkedWork(cell, "code", { error: "SyntaxError" }), null);
  assert.equal(checkedWork({}, "code", { passed: true, checks: [] }), null);
});

test("drafts keep their time; a draft from before times counts as oldest", () => {
  assert.deepEqual(parseDraft(JSON.stringify({ code: "x = 1", at: 5 })), { code: "x = 1", at: 5 });
  assert.deepEqual(parseDraft("print('old draft')"), { code: "print('old draft')", at: 0 });
  assert.deepEqual(parseDraft("42"), { code: "42", at: 0 });
  assert.equal(parseDraft(null), null);
});

test("the editor shows the newer of the browser's draft and the saved code", () => {
  const draft = { code: "draft", at: 2000 };
  assert.equal(newerCode(draft, "saved", "1000"), "draft");
  assert.equal(newerCode(draft, "saved", "3000"), "saved");
  assert.equal(newerCode(null, "saved", "1000"), "saved");
  assert.equal(newerCode(draft, "", "0"), "draft");
  assert.equal(newerCode(null, "", "0"), null);
});
