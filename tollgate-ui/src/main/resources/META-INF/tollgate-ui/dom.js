// Small DOM helpers: elements are built with textContent only, so API data is never parsed as HTML.

/** h('button', {type: 'button', onclick: fn}, 'Label') — attributes, listeners and children in one call. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'value') {
      el.value = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

let nextId = 0;
/** A unique id for label/input pairs. */
export function uid(prefix = 'f') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form control: <div class="field"><label for=id>…</label><input id=id …><small>hint</small></div>. */
export function field(label, control, hint) {
  if (!control.id) control.id = uid();
  const children = [h('label', {for: control.id}, label), control];
  if (hint) {
    const hintId = uid('hint');
    control.setAttribute('aria-describedby', hintId);
    children.push(h('small', {id: hintId, class: 'hint'}, hint));
  }
  return h('div', {class: 'field'}, children);
}

/** An error message read out by screen readers at once. */
export function errorBox(message) {
  return h('div', {class: 'error', role: 'alert'}, message);
}

/** Tells screen readers about a change that happened without a focus move. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = message;
}

export function usd(value) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  if (n === 0) return '$0';
  return n < 0.01 ? `$${n.toPrecision(3)}` : `$${n.toFixed(4)}`;
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** A table with a caption, header cells with scope, and one row per item. */
export function table(caption, columns, rows, rowCells) {
  return h('div', {class: 'table-wrap'},
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows.length === 0
        ? h('tr', {}, h('td', {colspan: columns.length, class: 'empty'}, 'Nothing to show.'))
        : rows.map((row) => h('tr', {}, rowCells(row).map((cell) => h('td', {}, cell)))))));
}

/** Today's date (UTC) as YYYY-MM-DD, minus `daysBack` days. */
export function isoDay(daysBack = 0) {
  const d = new Date(Date.now() - daysBack * 86400000);
  return d.toISOString().slice(0, 10);
}
