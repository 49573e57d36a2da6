// The read-only list of models (/model/info); teams and users have pages of their own (teams.js, users.js).
import {h, errorBox, table} from '../dom.js';
import {api} from '../api.js';

async function listPage(main, title, load) {
  main.append(h('h1', {}, title));
  try {
    main.append(await load());
  } catch (e) {
    main.append(errorBox(e.message));
  }
}

export function modelsPage(main) {
  return listPage(main, 'Models', async () => {
    const reply = await api('/model/info');
    const models = reply?.data || [];
    return table(`${models.length} deployments`, ['Model group', 'Upstream model', 'Id', 'Input $/1M', 'Output $/1M', 'Stored'], models, (m) => [
      m.model_name, h('code', {}, m.litellm_params?.model || ''), m.model_info?.id || '—',
      perMillion(m.model_info?.input_cost_per_token), perMillion(m.model_info?.output_cost_per_token),
      m.model_info?.db_model ? 'API' : 'config']);
  });
}

function perMillion(perToken) {
  return perToken == null ? '—' : `$${(Number(perToken) * 1e6).toFixed(2)}`;
}
