// Read-only lists of teams (/team/list) and users (/user/list). Models have their own page (models.js).
import {h, errorBox, table, usd} from '../dom.js';
import {api} from '../api.js';

async function listPage(main, title, load) {
  main.append(h('h1', {}, title));
  try {
    main.append(await load());
  } catch (e) {
    main.append(errorBox(e.message));
  }
}

export function teamsPage(main) {
  return listPage(main, 'Teams', async () => {
    const reply = await api('/team/list');
    const teams = Array.isArray(reply) ? reply : (reply?.teams || []);
    return table(`${teams.length} teams`, ['Team', 'Id', 'Members', 'Models', 'Spend / budget', 'Status'], teams, (t) => [
      t.team_alias || '—', h('code', {}, t.team_id), (t.members_with_roles || []).length,
      (t.models || []).length ? t.models.join(', ') : 'all',
      `${usd(t.spend)} / ${t.max_budget == null ? '∞' : usd(t.max_budget)}`, t.blocked ? 'Blocked' : 'Active']);
  });
}

export function usersPage(main) {
  return listPage(main, 'Users', async () => {
    const reply = await api('/user/list', {query: {page_size: 100}});
    const users = reply?.users || [];
    return table(`${reply?.total ?? users.length} users (first 100)`, ['User', 'E-mail', 'Role', 'Spend / budget'], users, (u) => [
      h('code', {}, u.user_id), u.user_email || '—', u.user_role || '—',
      `${usd(u.spend)} / ${u.max_budget == null ? '∞' : usd(u.max_budget)}`]);
  });
}
