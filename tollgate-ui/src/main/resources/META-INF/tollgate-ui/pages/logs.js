// Logs: the spend log a page at a time from /spend/logs/ui, filtered and paged on the server (key, team, model,
// status, date range), newest first; Details opens one request (log-details.js).
import {h, field, errorBox, usd, when, isoDay} from '../dom.js';
import {api} from '../api.js';
import {logDetails} from './log-details.js';

const PAGE_SIZES = [25, 50, 100];

export async function logsPage(main) {
  const key = h('input', {type: 'search', name: 'api_key', autocomplete: 'off'});
  const team = h('input', {type: 'search', name: 'team_id', autocomplete: 'off'});
  const model = h('input', {type: 'search', name: 'model', autocomplete: 'off'});
  const status = h('select', {name: 'status'}, h('option', {value: ''}, 'Any'),
    h('option', {value: 'success'}, 'Success'), h('option', {value: 'failure'}, 'Failure'));
  const from = h('input', {type: 'date', name: 'start_date', value: isoDay(6)});
  const to = h('input', {type: 'date', name: 'end_date', value: isoDay(0)});
  const size = h('select', {name: 'page_size'}, PAGE_SIZES.map((n) => h('option', {value: n}, String(n))));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter logs'},
    field('Key or hash', key), field('Team id', team), field('Model', model), field('Status', status),
    field('From (UTC)', from), field('To (UTC)', to), field('Per page', size),
    h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Search')));
  const messages = h('div', {class: 'status-slot'});
  const list = h('div', {id: 'logs-list'});
  main.append(h('h1', {}, 'Logs'), form, messages, list);
  let page = 1;
  form.addEventListener('submit', (e) => { e.preventDefault(); page = 1; load(); });
  status.addEventListener('change', () => { page = 1; load(); });

  async function load() {
    messages.replaceChildren();
    if (!from.value || !to.value || from.value > to.value) {
      messages.replaceChildren(errorBox('Pick a start date on or before the end date.'));
      return;
    }
    list.setAttribute('aria-busy', 'true');
    try {
      const reply = await api('/spend/logs/ui', {query: {start_date: `${from.value} 00:00:00`,
        end_date: `${to.value} 23:59:59`, page, page_size: size.value, api_key: key.value.trim(),
        team_id: team.value.trim(), model: model.value.trim(), status_filter: status.value}});
      list.replaceChildren(render(reply));
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  function render(reply) {
    const rows = reply.data || [];
    const pages = Math.max(1, reply.total_pages || 1);
    return h('div', {},
      h('div', {class: 'table-wrap'}, h('table', {},
        h('caption', {}, `${reply.total} request${reply.total === 1 ? '' : 's'}, newest first`),
        h('thead', {}, h('tr', {}, ['Time', 'Model', 'Key', 'Team', 'Status', 'Tokens', 'Cost', 'Duration', 'Cache',
          'Details'].map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', {colspan: 10, class: 'empty'}, 'No requests match.'))
          : rows.map((r) => h('tr', {'data-request-id': r.request_id, 'data-status': r.status},
            h('td', {}, when(r.startTime)), h('td', {}, r.model_group || r.model || '—'),
            h('td', {}, r.metadata?.user_api_key_alias || h('code', {}, String(r.api_key || '').slice(0, 12))),
            h('td', {}, r.team_id || '—'),
            h('td', {}, h('span', {class: r.status === 'failure' ? 'badge bad' : 'badge ok'}, r.status || 'success')),
            h('td', {}, r.total_tokens ?? 0), h('td', {class: 'spend'}, usd(r.spend)),
            h('td', {}, r.request_duration_ms == null ? '—' : `${r.request_duration_ms} ms`),
            h('td', {}, String(r.cache_hit) === 'True' ? 'hit' : '—'),
            h('td', {}, h('button', {type: 'button', class: 'secondary small', 'aria-label': `Details of ${r.request_id}`,
              onclick: () => logDetails(r)}, 'Details'))))))),
      h('nav', {class: 'pager', 'aria-label': 'Log pages'},
        h('button', {type: 'button', class: 'secondary', disabled: page <= 1,
          onclick: () => { page -= 1; load(); }}, 'Previous'),
        h('span', {}, `Page ${reply.page} of ${pages}`),
        h('button', {type: 'button', class: 'secondary', disabled: page >= pages,
          onclick: () => { page += 1; load(); }}, 'Next')));
  }

  await load();
}
