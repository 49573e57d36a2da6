// Users: /user/list paged on the server and filtered there (part of the e-mail or id, any case; role; team); create,
// edit and delete for proxy admins. A user id in the hash (#/users?user_id=) opens the user's detail view
// (user-detail.js).
import {h, field} from '../dom.js';
import {api} from '../api.js';
import {canManage, roleLabel} from '../roles.js';
import {teams} from './choices.js';
import {dataTable, pager, keepFocus, budgetText, modelsText, actionButton, detailLink, hashParam, notice, failure,
  PAGE_SIZES} from './entity-list.js';
import {createUser, editUser, deleteUser, userName, USER_ROLES} from './user-forms.js';
import {userDetail} from './user-detail.js';

export async function usersPage(main, session) {
  const userId = hashParam('user_id');
  if (userId) {
    await userDetail(main, userId, session);
    return;
  }
  const manage = canManage(session.role);
  const state = {page: 1, page_size: PAGE_SIZES[0], user_email: '', user_ids: '', role: '', team: ''};
  const email = h('input', {type: 'search', name: 'user_email', autocomplete: 'off'});
  const id = h('input', {type: 'search', name: 'user_ids', autocomplete: 'off'});
  const role = h('select', {name: 'role'}, h('option', {value: ''}, 'Any role'),
    USER_ROLES.map(([v, label]) => h('option', {value: v}, label)));
  const team = h('select', {name: 'team'}, h('option', {value: ''}, 'Any team'));
  const size = h('select', {name: 'page_size'}, PAGE_SIZES.map((n) => h('option', {value: n}, String(n))));
  const filters = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter users'},
    field('E-mail contains', email), field('User id contains', id, 'Or a comma-separated list of exact ids'),
    field('Role', role), field('Team', team), field('Per page', size),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Search'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, {page: 1, page_size: Number(size.value), user_email: email.value.trim(),
      user_ids: id.value.trim(), role: role.value, team: team.value});
    load();
  });
  filters.addEventListener('reset', () => {
    Object.assign(state, {page: 1, page_size: PAGE_SIZES[0], user_email: '', user_ids: '', role: '', team: ''});
    setTimeout(load, 0);
  });
  teams().then((list) => team.append(...list.map((t) => h('option', {value: t.team_id}, t.team_alias || t.team_id))));

  const messages = h('div', {class: 'status-slot'});
  const slot = h('div', {id: 'users-list'});
  main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Users'),
      manage ? h('button', {type: 'button', id: 'create-user', onclick: async () => {
        const created = await createUser();
        if (created) done(`User ${userName(created)} created.`);
      }}, 'Create user') : null),
    filters, messages, slot);

  async function load() {
    slot.setAttribute('aria-busy', 'true');
    try {
      const {page, page_size, user_email, user_ids, role: r, team: t} = state;
      const reply = await api('/user/list', {query: {page, page_size, user_email, user_ids, role: r, team: t}});
      keepFocus(() => slot.replaceChildren(render(reply)));
    } catch (e) {
      failure(messages, e);
    } finally {
      slot.removeAttribute('aria-busy');
    }
  }

  function render(reply) {
    const users = reply.users || [];
    const total = reply.total ?? users.length;
    return h('div', {},
      dataTable(`${total} user${total === 1 ? '' : 's'}`, ['User', 'E-mail', 'Name', 'Role', 'Teams', 'Models',
        'Spend / budget', h('span', {class: 'visually-hidden'}, 'Actions')], users, (u) => ({
        attrs: {'data-user-id': u.user_id, 'data-user-email': u.user_email || ''},
        cells: [detailLink('users', 'user_id', u.user_id), u.user_email || '—', u.user_alias || '—',
          roleLabel(u.user_role) || '—', (u.teams || []).length, modelsText(u.models), budgetText(u.spend, u.max_budget),
          h('div', {class: 'row-actions'}, manage ? actions(u) : [])],
      }), state.user_email || state.user_ids || state.role || state.team ? 'No users match.' : 'No users yet.'),
      pager('User pages', state.page, Math.max(1, reply.total_pages || 1), (p) => { state.page = p; load(); }));
  }

  function actions(u) {
    const name = userName(u);
    return [
      actionButton('Edit', `Edit ${name}`, async () => {
        if (await editUser(u)) done(`User ${name} saved.`);
      }),
      actionButton('Delete', `Delete ${name}`, async () => {
        try {
          if (await deleteUser(u)) done(`User ${name} deleted.`);
        } catch (e) {
          failure(messages, e);
        }
      }, {danger: true}),
    ];
  }

  async function done(message) {
    notice(messages, message);
    await load();
  }

  await load();
}
