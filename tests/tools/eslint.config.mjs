// ESLint for the app's hand-written JavaScript (asset files beside the Python modules
// that load them, and the Node tests), run by `make lint`.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["stack_explorer/**/*.js", "tests/js/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
      eqeqeq: "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["stack_explorer/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
];
