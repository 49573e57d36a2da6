// Tables for the directory pages: a table with row actions, a searched and paged view of a list the API returns
// whole (/team/list, /organization/list, /customer/list, /budget/list), and the small pieces the pages share.
import {h, field, usd, errorBox, announce} from '../dom.js';

export const PAGE_SIZES = [25, 50, 100];

/** A query parameter of the page's hash (#/teams?team_id=...), which opens one object's detail view. */
export function hashParam(name) {
  return new URLSearchParams(window.location.hash.split('?')[1] || '').get(name);
}

/** A link to an object's detail view. */
export function detailLink(page, param, id, label) {
  return h('a', {href: `#/${page}?${param}=${encodeURIComponent(id)}`}, label || id);
}

/** Shows a done message in `slot` and reads it out. */
export function notice(slot, message) {
  slot.replaceChildren(h('p', {class: 'notice', role: 'status'}, message));
  announce(message);
}

/** Goes back to a list after its object was deleted, saying so (the live region outlives the page). */
export function leave(message, hash) {
  announce(message);
  window.location.hash = hash;
}

/** Shows an API error's message in `slot` (role=alert). */
export function failure(slot, error) {
  slot.replaceChildren(errorBox(error.message));
}

/** `spend / max` as the keys page shows it; ∞ without a budget. */
export function budgetText(spend, max) {
  return `${usd(spend ?? 0)} / ${max === null || max === undefined ? '∞' : usd(max)}`;
}

export function limitsText(rpm, tpm) {
  return `${rpm ?? '∞'} rpm · ${tpm ?? '∞'} tpm`;
}

export function modelsText(models) {
  return models && models.length ? models.join(', ') : 'all';
}

export function statusBadge(blocked) {
  return h('span', {class: blocked ? 'badge bad' : 'badge ok'}, blocked ? 'Blocked' : 'Active');
}

/** A definition list of [label, value] pairs (values may be nodes); empty values show as —. */
export function facts(pairs) {
  return h('dl', {class: 'inline-facts'}, pairs.map(([k, v]) => [h('dt', {}, k),
    h('dd', {'data-fact': k}, v === null || v === undefined || v === '' ? '—' : v)]));
}

/**
 * A row action button. `focusId` names it across re-renders, so focus comes back to the same button after the list
 * reloads (the dialog it opened returns focus to it, then the reload replaces it).
 */
export function actionButton(label, accessibleName, onclick, {danger = false, focusId} = {}) {
  return h('button', {type: 'button', class: danger ? 'danger small' : 'secondary small', 'aria-label': accessibleName,
    'data-focus-id': focusId || `${label}:${accessibleName}`, onclick}, label);
}

/** Runs `render` (which replaces part of the page) and puts focus back on the control that had it, if still there. */
export function keepFocus(render) {
  const before = document.activeElement?.getAttribute?.('data-focus-id');
  render();
  if (!before) return;
  const again = document.querySelector(`[data-focus-id="${CSS.escape(before)}"]`);
  if (again && !again.disabled) {
    again.focus();
  } else {
    document.querySelector('main h1')?.focus();
  }
}

/** A table with a caption, column headers and one row per item; `row(item)` gives {attrs, cells}. */
export function dataTable(caption, columns, items, row, empty = 'Nothing to show.') {
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, items.length === 0
      ? h('tr', {}, h('td', {colspan: columns.length, class: 'empty'}, empty))
      : items.map((item) => {
        const {attrs, cells} = row(item);
        return h('tr', attrs || {}, cells.map((cell) => h('td', {}, cell)));
      }))));
}

/** Previous / next buttons with "Page n of m". */
export function pager(label, page, pages, go) {
  return h('nav', {class: 'pager', 'aria-label': label},
    h('button', {type: 'button', class: 'secondary', disabled: page <= 1, 'data-focus-id': `${label}:prev`,
      onclick: () => go(page - 1)}, 'Previous'),
    h('span', {}, `Page ${page} of ${pages}`),
    h('button', {type: 'button', class: 'secondary', disabled: page >= pages, 'data-focus-id': `${label}:next`,
      onclick: () => go(page + 1)}, 'Next'));
}

/**
 * A list searched and paged in the browser, for APIs that return every row at once. `text(item)` is what the search
 * box matches (case-insensitive, anywhere). Returns {element, show(items)}.
 */
export function listView({noun, plural, columns, row, text, id}) {
  const state = {items: [], query: '', page: 1, size: PAGE_SIZES[0]};
  const query = h('input', {type: 'search', name: 'q', autocomplete: 'off'});
  const size = h('select', {name: 'size'}, PAGE_SIZES.map((n) => h('option', {value: n}, String(n))));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': `Filter ${plural}`},
    field(`Search ${plural}`, query), field('Per page', size),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Search'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, {query: query.value.trim().toLowerCase(), page: 1, size: Number(size.value)});
    render();
  });
  form.addEventListener('reset', () => {
    setTimeout(() => { Object.assign(state, {query: '', page: 1, size: PAGE_SIZES[0]}); render(); }, 0);
  });
  const slot = h('div', {id});

  function render() {
    const matching = state.query ? state.items.filter((i) => text(i).toLowerCase().includes(state.query)) : state.items;
    const pages = Math.max(1, Math.ceil(matching.length / state.size));
    state.page = Math.min(state.page, pages);
    const shown = matching.slice((state.page - 1) * state.size, state.page * state.size);
    const caption = matching.length === state.items.length
      ? `${matching.length} ${matching.length === 1 ? noun : plural}`
      : `${matching.length} of ${state.items.length} ${plural} match “${state.query}”`;
    const table = dataTable(caption, columns, shown, row, state.query ? `No ${plural} match.` : `No ${plural} yet.`);
    keepFocus(() => slot.replaceChildren(table,
      ...(pages > 1 ? [pager(`${noun} pages`, state.page, pages, (p) => { state.page = p; render(); })] : [])));
  }

  return {
    element: h('div', {}, form, slot),
    show(items) {
      state.items = items || [];
      render();
    },
  };
}
