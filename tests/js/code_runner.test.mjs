// What Run and Check show for each kind of result (stack_explorer/runtime/code_runner.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { describeCheck, describeRun } from "../../stack_explorer/runtime/code_runner.js";

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
