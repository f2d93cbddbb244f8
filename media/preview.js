// The report preview's script (runs inside the webview). It receives rendered HTML by message,
// keeps the scroll position in step with the editor (both ways, by source line, with a guard
// against feedback loops) and asks the extension to reveal a finding's place when it is clicked.
// Every message is checked for shape before it is used.
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('rl-root');
  const docStyle = document.getElementById('rl-doc-style');
  const stateEl = document.getElementById('rl-state');

  let state = { uri: '', version: -1, line: 0 };
  try {
    const initial = JSON.parse(stateEl ? stateEl.getAttribute('data-state') || '{}' : '{}');
    if (initial && typeof initial.uri === 'string' && Number.isInteger(initial.version)) {
      state = { uri: initial.uri, version: initial.version, line: Number.isInteger(initial.line) ? initial.line : 0 };
    }
  } catch (e) {
    // keep the defaults
  }
  const saved = vscode.getState();
  if (saved && saved.uri === state.uri && Number.isInteger(saved.line) && !Number.isInteger(state.line)) state.line = saved.line;

  const isLine = (n) => Number.isInteger(n) && n >= 0 && n < 10000000;
  const isOffset = isLine;

  /** Elements of the document (not the panels) that carry a source line, in page order. */
  let lineElements = [];
  function indexLines() {
    lineElements = Array.prototype.slice.call(root.querySelectorAll('.rl-doc:not(.rl-chrome) [data-line]')).filter((el) => el.children.length === 0 || !el.querySelector('[data-line]'));
  }

  function lineOf(el) {
    const n = Number(el.getAttribute('data-line'));
    return isLine(n) ? n : undefined;
  }

  // Loop guard: a scroll we caused ourselves is not reported back to the editor.
  let programmaticScrollUntil = 0;

  function scrollToLine(line) {
    if (!lineElements.length) return;
    // The last element starting at or before the line.
    let lo = 0;
    let hi = lineElements.length - 1;
    let best = lineElements[0];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const l = lineOf(lineElements[mid]);
      if (l !== undefined && l <= line) {
        best = lineElements[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    programmaticScrollUntil = Date.now() + 200;
    const top = best.getBoundingClientRect().top + window.scrollY - 8;
    window.scrollTo(0, Math.max(0, top));
  }

  /** The source line at the top of the viewport. */
  function topLine() {
    let lo = 0;
    let hi = lineElements.length - 1;
    let found;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const rect = lineElements[mid].getBoundingClientRect();
      if (rect.bottom > 0) {
        found = lineElements[mid];
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found ? lineOf(found) : undefined;
  }

  let scrollPending = false;
  window.addEventListener(
    'scroll',
    () => {
      if (Date.now() < programmaticScrollUntil) return;
      if (scrollPending) return;
      scrollPending = true;
      requestAnimationFrame(() => {
        scrollPending = false;
        const line = topLine();
        if (line === undefined) return;
        state.line = line;
        vscode.setState(state);
        vscode.postMessage({ type: 'scroll', line });
      });
    },
    { passive: true },
  );

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-start]') : null;
    if (!target || !root.contains(target)) return;
    const start = Number(target.getAttribute('data-start'));
    const line = Number(target.closest('[data-line]') ? target.closest('[data-line]').getAttribute('data-line') : NaN);
    if (!isOffset(start)) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', start, line: isLine(line) ? line : undefined });
  });

  document.addEventListener('dblclick', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-line]') : null;
    if (!target || !root.contains(target) || target.closest('[data-start]')) return;
    const line = lineOf(target);
    if (line !== undefined) vscode.postMessage({ type: 'reveal', line });
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'update') {
      if (typeof m.html !== 'string' || typeof m.uri !== 'string' || !Number.isInteger(m.version)) return;
      if (m.css !== undefined && typeof m.css !== 'string') return;
      // Drop an update older than what is shown.
      if (m.uri === state.uri && m.version < state.version) return;
      const keep = m.uri === state.uri ? topLine() : undefined;
      root.innerHTML = m.html;
      if (typeof m.css === 'string' && docStyle && docStyle.textContent !== m.css) docStyle.textContent = m.css;
      state.uri = m.uri;
      state.version = m.version;
      vscode.setState(state);
      fitWidth();
      indexLines();
      const line = isLine(m.line) ? m.line : keep;
      if (line !== undefined) scrollToLine(line);
    } else if (m.type === 'scrollTo') {
      if (!isLine(m.line)) return;
      state.line = m.line;
      vscode.setState(state);
      scrollToLine(m.line);
    }
  });

  // An A4 page is 210 mm wide: in a narrow editor group the pages shrink to fit instead of scrolling sideways.
  function fitWidth() {
    if (!root.querySelector('.rl-official')) return;
    const natural = (210 * 96) / 25.4;
    const scale = Math.min(1, (document.documentElement.clientWidth - 16) / natural);
    root.style.setProperty('--rl-zoom', String(Math.max(0.3, scale)));
  }
  window.addEventListener('resize', fitWidth);

  fitWidth();
  indexLines();
  if (isLine(state.line) && state.line > 0) scrollToLine(state.line);
  vscode.postMessage({ type: 'ready', version: state.version });
})();
