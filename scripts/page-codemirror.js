// The parts of CodeMirror 6 the page's editor uses (www/js/editor.js), bundled by esbuild in
// scripts/build-page.sh into www/pkg/codemirror.js (git-ignored): one same-origin ES module, no
// CDN, nothing fetched at run time.
//
// CSP: CodeMirror injects its base styles through style-mod, which for a document (as opposed
// to a shadow root) writes them into a <style> element. The page's policy (style-src 'self', no
// 'unsafe-inline', no nonce: a static page has no per-response nonce to give) blocks that
// element's rules and reports a violation. So StyleModule.mount is replaced, before any view
// exists, by one that puts the same rules, in the same order, into a constructed stylesheet
// adopted by the document: CSSOM, which style-src does not govern (the same path style-mod
// itself takes for shadow roots). A browser without document.adoptedStyleSheets keeps the
// original behaviour.
import { StyleModule } from 'style-mod';

const originalMount = StyleModule.mount;
/** Per document: its constructed sheet and the modules mounted into it, in order. */
const sheets = new WeakMap();

StyleModule.mount = function mount(root, modules, options) {
  const doc = root.ownerDocument || root;
  const win = doc.defaultView;
  if (root !== doc || !('adoptedStyleSheets' in doc) || !win?.CSSStyleSheet) return originalMount.call(this, root, modules, options);
  let set = sheets.get(doc);
  if (!set) {
    set = { sheet: new win.CSSStyleSheet(), modules: [] };
    sheets.set(doc, set);
  }
  const { sheet } = set;
  const list = Array.isArray(modules) ? modules : [modules];
  // style-mod's own StyleSet.mount, for a sheet: each module once, in the order given; one
  // mounted again out of order has its rules inserted again where it now belongs.
  let pos = 0;
  let j = 0;
  for (const mod of list) {
    let index = set.modules.indexOf(mod);
    if (index < j && index > -1) {
      set.modules.splice(index, 1);
      j--;
      index = -1;
    }
    if (index === -1) {
      set.modules.splice(j++, 0, mod);
      for (const rule of mod.rules) sheet.insertRule(rule, pos++);
    } else {
      while (j < index) pos += set.modules[j++].rules.length;
      pos += mod.rules.length;
      j++;
    }
  }
  if (!doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [sheet, ...doc.adoptedStyleSheets];
};

export { Annotation, EditorSelection, EditorState, StateEffect } from '@codemirror/state';
export { Decoration, EditorView, ViewPlugin, keymap, placeholder } from '@codemirror/view';
export { history, historyKeymap, insertNewline, isolateHistory, redo, redoDepth, standardKeymap, undo, undoDepth } from '@codemirror/commands';
