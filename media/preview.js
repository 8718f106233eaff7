// Script of the zwgk-report preview webview (loaded with the page's CSP nonce; no other script runs).
// - Hover over a marked cell: shows its message (moved out of the `title` attribute, so that the
//   browser's own tooltip does not show it twice).
// - Click on an element with data-line/data-character: asks the extension to reveal that place.
// - Messages from the extension: { type: 'update', html } replaces the rendered report (the HTML
//   comes from the extension's renderer, which escapes all report text); { type: 'state', uri }
//   is kept with vscode.setState, so that the preview is restored after a reload.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('zw-root');

  const tip = document.createElement('div');
  tip.className = 'zw-tooltip';
  tip.hidden = true;
  tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);

  function marked(target) {
    return target instanceof Element ? target.closest('[data-msg]') : null;
  }

  function showTip(el, x, y) {
    tip.textContent = el.getAttribute('data-msg') || '';
    tip.classList.toggle('warning', el.getAttribute('data-severity') === 'warning');
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const left = Math.max(4, Math.min(x + 12, window.innerWidth - w - 4));
    const top = y + 18 + h > window.innerHeight ? Math.max(4, y - h - 10) : y + 18;
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }

  document.addEventListener('mouseover', function (e) {
    const el = marked(e.target);
    if (!el) {
      tip.hidden = true;
      return;
    }
    if (el.hasAttribute('title')) el.removeAttribute('title');
    showTip(el, e.clientX, e.clientY);
  });
  document.addEventListener('mousemove', function (e) {
    const el = marked(e.target);
    if (el) showTip(el, e.clientX, e.clientY);
    else tip.hidden = true;
  });
  document.addEventListener('mouseleave', function () {
    tip.hidden = true;
  });
  window.addEventListener('scroll', function () {
    tip.hidden = true;
  }, { passive: true });

  document.addEventListener('click', function (e) {
    if (!(e.target instanceof Element)) return;
    // Let the <summary> of the problems box open and close it.
    if (e.target.closest('summary')) return;
    const el = e.target.closest('[data-line]');
    if (!el) return;
    const line = Number(el.getAttribute('data-line'));
    const character = Number(el.getAttribute('data-character') || '0');
    if (!Number.isInteger(line) || line < 0 || !Number.isInteger(character) || character < 0) return;
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', line: line, character: character });
  });

  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'state' && typeof m.uri === 'string') {
      // kept by VS Code with the panel: which report to show when the window is reloaded
      vscode.setState({ uri: m.uri });
      return;
    }
    if (m.type === 'update' && typeof m.html === 'string' && root) {
      // Keep the problems box open or closed as the user left it.
      const before = root.querySelector('details.problems');
      const wasOpen = before ? before.open : null;
      root.innerHTML = m.html;
      const after = root.querySelector('details.problems');
      if (after && wasOpen !== null) after.open = wasOpen;
      tip.hidden = true;
    }
  });

  // { type: 'scrollTo', line }: the editor scrolled; show the block that holds that source line at the top.
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || m.type !== 'scrollTo' || !Number.isInteger(m.line) || !root) return;
    let best = null;
    const blocks = root.querySelectorAll('h1[data-line], h2[data-line], h3[data-line], h4[data-line], h5[data-line], p[data-line], tr[data-line], table[data-line]');
    for (const el of blocks) {
      const line = Number(el.getAttribute('data-line'));
      if (line > m.line) break;
      best = el;
    }
    if (m.line === 0 || !best) window.scrollTo(0, 0);
    else best.scrollIntoView({ block: 'start' });
  });

  vscode.postMessage({ type: 'ready' });
}());
