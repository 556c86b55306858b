// The stack builder's choice (components/stack_choice_core.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  choiceFrom,
  pairingsFor,
  queryFor,
} from "../../stack_explorer/components/stack_choice_core.js";

const OPTIONS = { frontend: ["react", "vue"], backend: ["fastapi", "django"], database: ["postgresql", "mongodb"] };
const DEFAULTS = { frontend: "react", backend: "fastapi", database: "postgresql" };
const TITLES = { react: "React", vue: "Vue", fastapi: "FastAPI", django: "Django", postgresql: "PostgreSQL", mongodb: "MongoDB" };
const PAIRINGS = [
  { parts: ["mongodb", "fastapi"], fit: "workable", note: "Async drivers.", glue: "Motor" },
  { parts: ["django", "mongodb"], fit: "unusual", note: "The ORM expects SQL.", glue: "Djongo" },
];

test("the address gives one option per layer, defaults for the rest", () => {
  assert.deepEqual(choiceFrom("?frontend=vue&database=mongodb", OPTIONS, DEFAULTS), {
    frontend: "vue",
    backend: "fastapi",
    database: "mongodb",
  });
  assert.deepEqual(choiceFrom("", OPTIONS, DEFAULTS), DEFAULTS);
});

test("an unknown option or layer in the address is ignored", () => {
  const choice = choiceFrom("?frontend=cobol&backend=django&os=plan9", OPTIONS, DEFAULTS);
  assert.deepEqual(choice, { frontend: "react", backend: "django", database: "postgresql" });
});

test("a choice written to the address reads back the same", () => {
  const choice = { frontend: "vue", backend: "django", database: "mongodb" };
  assert.equal(queryFor(choice), "frontend=vue&backend=django&database=mongodb");
  assert.deepEqual(choiceFrom(`?${queryFor(choice)}`, OPTIONS, DEFAULTS), choice);
});

test("notes are given for the chosen pairs the content describes, whatever their order", () => {
  const notes = pairingsFor({ frontend: "react", backend: "fastapi", database: "mongodb" }, PAIRINGS, TITLES);
  assert.deepEqual(notes, [{ pair: "FastAPI + MongoDB", fit: "workable", note: "Async drivers.", glue: "Motor" }]);
  assert.deepEqual(pairingsFor(DEFAULTS, PAIRINGS, TITLES), []);
});
