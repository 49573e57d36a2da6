// Logs: the spend log (/spend/logs) with filters, newest first, and a detail view of one request.
import {h, field, errorBox, usd, when, isoDay} from '../dom.js';
import {api} from '../api.js';
import {openDialog} from '../dialog.js';

export async function logsPage(main) {
  const key = h('input', {type: 'search', name: 'api_key', autocomplete: 'off'});
  const model = h('input', {type: 'search', name: 'model', autocomplete: 'off'});
  const status = h('select', {name: 'status'}, h('option', {value: ''}, 'Any'),
    h('option', {value: 'success'}, 'Success'), h('option', {value: 'failure'}, 'Failure'));
  const from = h('input', {type: 'date', name: 'start_date', value: isoDay(6)});
  const to = h('input', {type: 'date', name: 'end_date', value: isoDay(0)});
  const limit = h('select', {name: 'limit'}, [100, 500, 1000].map((n) => h('option', {value: n}, String(n))));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter logs'},
    field('Key or hash', key), field('Model group', model), field('Status', status),
    field('From (UTC)', from), field('To (UTC)', to), field('Rows', limit),
    h('div', {class: 'field buttons'}, h('button', {type: 'submit'}, 'Search')));
  const messages = h('div', {class: 'status-slot'});
  const list = h('div', {id: 'logs-list'});
  main.append(h('h1', {}, 'Logs'), form, messages, list);
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });

  async function load() {
    messages.replaceChildren();
    try {
      const rows = await api('/spend/logs', {query: {api_key: key.value.trim(), model: model.value.trim(),
        start_date: from.value, end_date: to.value, limit: 100000}});
      const shown = (rows || []).filter((r) => !status.value || r.status === status.value)
        .reverse().slice(0, Number(limit.value));
      list.replaceChildren(render(shown));
    } catch (err) {
      messages.replaceChildren(errorBox(err.message));
    }
  }

  function render(rows) {
    return h('div', {class: 'table-wrap'}, h('table', {},
      h('caption', {}, `${rows.length} request${rows.length === 1 ? '' : 's'}, newest first`),
      h('thead', {}, h('tr', {}, ['Time', 'Model', 'Key', 'Status', 'Tokens', 'Cost', 'Duration', 'Details']
        .map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', {colspan: 8, class: 'empty'}, 'No requests match.'))
        : rows.map((r) => h('tr', {'data-request-id': r.request_id},
          h('td', {}, when(r.startTime)), h('td', {}, r.model_group || r.model || '—'),
          h('td', {}, h('code', {}, String(r.api_key || '').slice(0, 12))),
          h('td', {}, h('span', {class: r.status === 'success' ? 'badge ok' : 'badge bad'}, r.status)),
          h('td', {}, r.total_tokens ?? 0), h('td', {class: 'spend'}, usd(r.spend)),
          h('td', {}, r.request_duration_ms == null ? '—' : `${r.request_duration_ms} ms`),
          h('td', {}, h('button', {type: 'button', class: 'secondary small', 'aria-label': `Details of ${r.request_id}`,
            onclick: () => details(r)}, 'Details')))))));
  }

  await load();
}

function details(row) {
  const facts = [['Request id', row.request_id], ['Call type', row.call_type], ['Status', row.status],
    ['Model group', row.model_group], ['Model', row.model], ['Provider', row.custom_llm_provider],
    ['Deployment', row.model_id], ['Key hash', row.api_key], ['User', row.user], ['Team', row.team_id],
    ['End user', row.end_user], ['Start', when(row.startTime)], ['End', when(row.endTime)],
    ['Prompt tokens', row.prompt_tokens], ['Completion tokens', row.completion_tokens], ['Cost', usd(row.spend)]];
  const error = row.metadata?.error_information;
  const body = h('div', {class: 'details'},
    h('dl', {}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '—' : String(v))])),
    error ? h('p', {class: 'error'}, `${error.error_code || ''} ${error.error_class || ''}: ${error.error_message || ''}`) : null,
    h('h3', {}, 'Raw row'),
    h('pre', {class: 'raw', tabindex: '0'}, JSON.stringify(row, null, 2)));
  const close = h('button', {type: 'button', onclick: (e) => e.target.closest('dialog').close()}, 'Close');
  openDialog(`Request ${row.request_id}`, body, {buttons: [close]});
}
