// A code cell's editor: CodeMirror, loaded the first time the learner reaches a cell
// (code_runner.js imports this file on demand, so a page that is only read never
// downloads it). The cell's <textarea> stays in the page, hidden, holding the same
// text: Run, Check, drafts and resets keep reading and writing it.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";

// The classes the build-time highlighter gives code blocks (assets/styles.css colours
// them for light and dark), so a cell looks like the code around it.
const highlight = HighlightStyle.define([
  { tag: tags.comment, class: "tk-c" },
  { tag: [tags.keyword, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword], class: "tk-k" },
  { tag: [tags.string, tags.special(tags.string)], class: "tk-s" },
  { tag: [tags.number, tags.bool, tags.null], class: "tk-n" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], class: "tk-f" },
  { tag: tags.standard(tags.variableName), class: "tk-b" },
  { tag: tags.meta, class: "tk-d" },
]);

/**
 * Put an editor in place of `textarea`, with its text and accessible name.
 * `onChange(code)` follows every edit; `onRun()` is Ctrl+Enter (Cmd+Enter).
 * Returns the editor's view; `setCode(view, code)` replaces its text.
 */
export function createEditor(textarea, { onChange, onRun }) {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        history(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(highlight),
        EditorState.tabSize.of(4),
        indentUnit.of("    "), // PEP 8's four spaces, not CodeMirror's default two
        keymap.of([
          { key: "Mod-Enter", run: () => (onRun(), true) },
          indentWithTab, // Escape, then Tab, leaves the editor (CodeMirror's rule)
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") ?? "Code" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const code = update.state.doc.toString();
          textarea.value = code;
          onChange(code);
        }),
      ],
    }),
  });
  view.dom.classList.add("cell-code-editor");
  textarea.after(view.dom);
  textarea.hidden = true;
  // One accessible name: the editor's. The hidden box keeps only the text.
  textarea.removeAttribute("aria-label");
  return view;
}

export function setCode(view, code) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}
