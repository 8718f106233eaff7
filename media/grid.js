// Script of the zwgk-report grid webview (在表格中编辑 / Edit Tables), loaded with the page's CSP
// nonce; no other script runs. The text document is the one source of truth: this script only
// sends what the user typed ({ type: 'edit' | 'delete' | 'paste', version, … }) and shows the
// tables the extension renders from the text ({ type: 'update', version, html }).
//
// Keyboard: arrows move; Tab / Shift+Tab move right / left; Enter moves down (Shift+Enter up);
// typing replaces the cell's figure (Enter, Tab or an arrow up/down commits it, Escape cancels);
// F2 edits the figure as written; Delete / Backspace clears; Ctrl+V pastes a block copied from a
// spreadsheet from the cell; Ctrl+C copies the cell's figure; Ctrl+Z / Ctrl+Y undo / redo in the
// text editor.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('zw-root');
  const status = document.getElementById('zw-status');
  const auto = document.getElementById('zw-auto');
  let l10n = {};
  try {
    l10n = JSON.parse(document.getElementById('zw-l10n').textContent || '{}');
  } catch (e) {
    l10n = {};
  }
  let version = Number(document.body.getAttribute('data-version'));
  /** Id of the cell with the focus (kept across updates). */
  let active = null;
  /** The cell being edited: { id, input, original }. */
  let editing = null;
  /** Per table: rows (sorted by r), each { r, cells: [{ c, el }] sorted by c }. */
  let index = new Map();

  function cellEl(id) {
    if (!id || !root) return null;
    for (const el of root.querySelectorAll('td[data-cell]')) if (el.getAttribute('data-cell') === id) return el;
    return null;
  }

  function place(el) {
    return { t: Number(el.getAttribute('data-t')), r: Number(el.getAttribute('data-r')), c: Number(el.getAttribute('data-c')) };
  }

  function buildIndex() {
    index = new Map();
    if (!root) return;
    for (const el of root.querySelectorAll('td[data-cell]')) {
      const p = place(el);
      if (!index.has(p.t)) index.set(p.t, new Map());
      const rows = index.get(p.t);
      if (!rows.has(p.r)) rows.set(p.r, []);
      rows.get(p.r).push({ c: p.c, el: el });
    }
    for (const [t, rows] of index) {
      const list = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([r, cells]) => ({ r: r, cells: cells.sort((a, b) => a.c - b.c) }));
      index.set(t, list);
    }
  }

  function tablesInOrder() {
    return [...index.keys()].sort((a, b) => a - b);
  }

  function say(text, isError) {
    if (!status) return;
    status.textContent = text || '';
    status.classList.toggle('error', !!isError);
  }

  function focusCell(el) {
    if (!el) return;
    for (const other of root.querySelectorAll('td[data-cell][tabindex="0"]')) if (other !== el) other.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    active = el.getAttribute('data-cell');
    el.focus({ preventScroll: false });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // a marked cell (a total that does not add up, …): its message, for the keyboard and screen readers
    const message = el.getAttribute('data-msg');
    if (message) say(message, el.getAttribute('data-severity') === 'error');
  }

  /** The cell `dr` rows and `dc` columns away (Tab wraps to the next row, and to the next table). */
  function neighbour(el, dr, dc, wrap) {
    const p = place(el);
    const order = tablesInOrder();
    let ti = order.indexOf(p.t);
    let rows = index.get(p.t);
    let ri = rows.findIndex((x) => x.r === p.r);
    if (dc !== 0) {
      const cells = rows[ri].cells;
      const ci = cells.findIndex((x) => x.el === el);
      if (cells[ci + dc]) return cells[ci + dc].el;
      if (!wrap) return null;
      // next / previous row (or table)
      ri += dc;
      if (ri < 0 || ri >= rows.length) {
        ti += dc;
        if (ti < 0 || ti >= order.length) return null;
        rows = index.get(order[ti]);
        ri = dc > 0 ? 0 : rows.length - 1;
      }
      const cs = rows[ri].cells;
      return (dc > 0 ? cs[0] : cs[cs.length - 1]).el;
    }
    ri += dr;
    if (ri < 0 || ri >= rows.length) {
      ti += dr;
      if (ti < 0 || ti >= order.length) return null;
      rows = index.get(order[ti]);
      ri = dr > 0 ? 0 : rows.length - 1;
    }
    // the nearest column in that row
    let best = null;
    for (const x of rows[ri].cells) if (!best || Math.abs(x.c - p.c) < Math.abs(best.c - p.c)) best = x;
    return best ? best.el : null;
  }

  function move(dr, dc, wrap) {
    const el = cellEl(active);
    if (!el) return;
    const next = neighbour(el, dr, dc, wrap);
    if (next) focusCell(next);
  }

  function readOnly(el) {
    return el.getAttribute('aria-readonly') === 'true';
  }

  function startEdit(el, initial, keepText) {
    if (!el) return;
    if (readOnly(el)) {
      say(l10n.readOnly, true);
      return;
    }
    stopEdit(false);
    const original = (el.textContent || '').trim();
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'zw-edit';
    input.setAttribute('aria-label', el.getAttribute('aria-label') || '');
    input.setAttribute('inputmode', 'decimal');
    input.value = keepText ? original : initial;
    el.textContent = '';
    el.appendChild(input);
    el.classList.add('editing');
    editing = { id: el.getAttribute('data-cell'), input: input, original: original };
    input.focus();
    const end = input.value.length;
    input.setSelectionRange(end, end);
    input.addEventListener('keydown', onEditKey);
    input.addEventListener('blur', function () {
      if (editing && editing.input === input) stopEdit(true);
    });
    input.addEventListener('paste', function (e) {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''))) {
        // a block from a spreadsheet: paste it from this cell
        e.preventDefault();
        const id = editing.id;
        stopEdit(false);
        pasteAt(id, text);
      }
    });
  }

  /** Ends editing; `commit` sends the figure when it changed. */
  function stopEdit(commit) {
    if (!editing) return;
    const e = editing;
    editing = null;
    const el = e.input.parentElement;
    const value = e.input.value;
    e.input.remove();
    if (el) {
      el.classList.remove('editing');
      el.textContent = commit && value.trim() !== e.original ? value.trim() : e.original;
      if (commit && value.trim() !== e.original) {
        el.classList.add('pending');
        vscode.postMessage({ type: 'edit', version: version, id: e.id, value: value });
      }
    }
  }

  function onEditKey(e) {
    if (e.isComposing) return;
    const key = e.key;
    if (key === 'Escape') {
      e.preventDefault();
      const id = editing.id;
      stopEdit(false);
      focusCell(cellEl(id));
    } else if (key === 'Enter' || key === 'Tab' || key === 'ArrowUp' || key === 'ArrowDown') {
      e.preventDefault();
      const id = editing.id;
      stopEdit(true);
      active = id;
      const el = cellEl(id);
      if (!el) return;
      focusCell(el);
      if (key === 'Tab') move(0, e.shiftKey ? -1 : 1, true);
      else if (key === 'ArrowUp' || (key === 'Enter' && e.shiftKey)) move(-1, 0);
      else move(1, 0);
    }
    e.stopPropagation();
  }

  function pasteAt(id, text) {
    if (!id || typeof text !== 'string' || !text) return;
    vscode.postMessage({ type: 'paste', version: version, anchor: id, text: text });
  }

  document.addEventListener('keydown', function (e) {
    if (editing || e.isComposing) return;
    if (e.target === auto) return;
    const el = cellEl(active);
    if (!el) {
      if (e.key.startsWith('Arrow') || e.key === 'Tab') {
        const first = root && root.querySelector('td[data-cell]');
        if (first) {
          e.preventDefault();
          focusCell(first);
        }
      }
      return;
    }
    const k = e.key;
    // Ctrl+Z / Ctrl+Y, Ctrl+Shift+Z: the text editor's undo and redo (the text is the source of truth)
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (k === 'z' || k === 'Z' || k === 'y' || k === 'Y')) {
      e.preventDefault();
      vscode.postMessage({ type: (k === 'y' || k === 'Y' || e.shiftKey) ? 'redo' : 'undo' });
      return;
    }
    if (k === 'ArrowUp') { e.preventDefault(); move(-1, 0); }
    else if (k === 'ArrowDown') { e.preventDefault(); move(1, 0); }
    else if (k === 'ArrowLeft') { e.preventDefault(); move(0, -1, false); }
    else if (k === 'ArrowRight') { e.preventDefault(); move(0, 1, false); }
    else if (k === 'Tab') { e.preventDefault(); move(0, e.shiftKey ? -1 : 1, true); }
    else if (k === 'Enter') { e.preventDefault(); move(e.shiftKey ? -1 : 1, 0); }
    else if (k === 'F2') { e.preventDefault(); startEdit(el, '', true); }
    else if (k === 'Delete' || k === 'Backspace') {
      e.preventDefault();
      if (readOnly(el)) { say(l10n.readOnly, true); return; }
      el.classList.add('pending');
      vscode.postMessage({ type: 'delete', version: version, id: active });
    } else if (k === 'Process') {
      // an input method starts composing (全角 digits…): let the composition go into the editor
      startEdit(el, '', false);
    } else if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEdit(el, k, false);
    }
  });

  document.addEventListener('paste', function (e) {
    if (editing) return;
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!active || !text) return;
    e.preventDefault();
    pasteAt(active, text);
  });

  document.addEventListener('copy', function (e) {
    if (editing || !active || !e.clipboardData) return;
    const el = cellEl(active);
    if (!el) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', (el.textContent || '').trim());
  });

  document.addEventListener('mousedown', function (e) {
    const el = e.target instanceof Element ? e.target.closest('td[data-cell]') : null;
    if (!el || (editing && el.contains(e.target))) return;
    stopEdit(true);
    e.preventDefault();
    focusCell(el);
  });

  document.addEventListener('dblclick', function (e) {
    const el = e.target instanceof Element ? e.target.closest('td[data-cell]') : null;
    if (el) startEdit(el, '', true);
  });

  document.addEventListener('focusin', function (e) {
    const el = e.target instanceof Element ? e.target.closest('td[data-cell]') : null;
    if (el && !editing) active = el.getAttribute('data-cell');
  });

  if (auto) {
    auto.addEventListener('change', function () {
      vscode.postMessage({ type: 'autoTotals', on: !!auto.checked });
    });
  }

  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update' && typeof m.html === 'string' && Number.isInteger(m.version) && root) {
      version = m.version;
      if (auto && typeof m.autoTotals === 'boolean') auto.checked = m.autoTotals;
      // keep an edit in progress: put its input back into the new cell
      // (editing is cleared first: removing the input must not commit what is half typed)
      const kept = editing;
      editing = null;
      if (kept) kept.input.remove();
      const hadFocus = document.activeElement && root.contains(document.activeElement);
      root.innerHTML = m.html; // rendered by the extension, every piece of report text escaped
      buildIndex();
      const el = cellEl(kept ? kept.id : active);
      if (kept && el && !readOnly(el)) {
        startEdit(el, kept.input.value, false);
        editing.original = kept.original;
      } else {
        if (el) {
          el.setAttribute('tabindex', '0');
          if (hadFocus || kept) el.focus({ preventScroll: true });
        } else {
          const first = root.querySelector('td[data-cell]');
          if (first) first.setAttribute('tabindex', '0');
        }
      }
      if (m.note) say(m.note, false);
      return;
    }
    if (m.type === 'refused' && Array.isArray(m.messages)) {
      say(m.messages.filter((x) => typeof x === 'string').join('；'), true);
      return;
    }
    if (m.type === 'focus' && typeof m.id === 'string') {
      const el = cellEl(m.id);
      if (el) focusCell(el);
      return;
    }
    if (m.type === 'state' && typeof m.uri === 'string') vscode.setState({ uri: m.uri });
  });

  buildIndex();
  const first = root && root.querySelector('td[data-cell]');
  if (first) first.setAttribute('tabindex', '0');
  vscode.postMessage({ type: 'ready' });
}());
