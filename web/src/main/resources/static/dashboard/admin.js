// Operators: the accounts, found by a part of their address; suspending, reinstating, granting credits.
// The API refuses all of it to anyone but an operator; the page only spares others a dead end.

import * as api from './api.js';
import { h, field, notice, submitting, count, when } from './ui.js';

const PAGE_SIZE = 20;

export async function adminPage({ url, go }) {
  if (api.role() !== 'ADMIN') {
    return {
      title: 'Admin',
      content: [h('h1', {}, 'Admin'), h('p', { class: 'notice notice-error', role: 'alert' },
        'Only operators can use this page.')],
    };
  }
  const search = (url.searchParams.get('email') || '').slice(0, 254);
  const page = Math.max(0, Number.parseInt(url.searchParams.get('page') || '0', 10) || 0);
  const path = () => `/api/v1/admin/users?size=${PAGE_SIZE}&page=${page}`
    + (search ? `&email=${encodeURIComponent(search)}` : '');
  const found = await api.get(path());

  const outcome = notice('info');
  const panel = h('div', { class: 'admin-panel', hidden: true });
  const list = h('div', {});
  const closePanel = () => {
    panel.hidden = true;
    panel.replaceChildren();
  };
  const reload = async () => draw(await api.get(path()));
  const draw = (answer) => {
    const pages = Math.max(1, Math.ceil(answer.total / answer.size));
    list.replaceChildren(...[
      h('p', { class: 'admin-total', role: 'status' }, search
        ? `${count(answer.total)} ${answer.total === 1 ? 'account' : 'accounts'} with “${search}” in the address.`
        : `${count(answer.total)} ${answer.total === 1 ? 'account' : 'accounts'}.`),
      answer.users.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'jobs admin-users' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Address'), h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'Standing'),
          h('th', { scope: 'col' }, 'Registered'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, answer.users.map((user) => userRow(user, { openGrant, openSuspend, reinstate })))))
        : null,
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages of accounts' },
        page > 0 ? h('a', { href: pageLink(search, page - 1) }, 'Previous') : null,
        h('span', {}, `Page ${page + 1} of ${pages}`),
        page + 1 < pages ? h('a', { href: pageLink(search, page + 1) }, 'Next') : null) : null,
    ].filter(Boolean));
  };

  /** A form for one account above the list; the focus moves into it, and back to the list when it closes. */
  const openPanel = (heading, form) => {
    outcome.show('');
    panel.replaceChildren(h('h2', { id: 'admin-panel-heading' }, heading), form);
    panel.hidden = false;
    form.querySelector('input')?.focus();
  };

  function openGrant(user) {
    const errors = notice('error');
    // one key per form: a submit repeated after a lost answer grants once
    const key = crypto.randomUUID();
    const form = h('form', { class: 'card form', 'aria-labelledby': 'admin-panel-heading' },
      field('Credits to grant', { name: 'amount', type: 'number', min: 1, max: 100000000, step: 1, required: true, inputmode: 'numeric' }),
      field('Reason (recorded on the account)', { name: 'reason', required: true, maxlength: 500 }),
      errors,
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'primary' }, 'Grant credits'),
        h('button', { type: 'button', class: 'secondary', onclick: closePanel }, 'Cancel')));
    submitting(form, errors, async (data) => {
      const answer = await api.post(`/api/v1/admin/users/${encodeURIComponent(user.id)}/credits`,
        { amount: Number(data.get('amount')), reason: data.get('reason').trim() }, { headers: { 'Idempotency-Key': key } });
      closePanel();
      outcome.show(`Granted ${count(answer.amount)} credits to ${user.email}: ${count(answer.credits_available)} available now.`,
        'success');
    });
    openPanel(`Grant credits to ${user.email}`, form);
  }

  function openSuspend(user) {
    const errors = notice('error');
    const form = h('form', { class: 'card form', 'aria-labelledby': 'admin-panel-heading' },
      h('p', {}, 'Every request of this account is refused from now on, its sessions end and its unfinished jobs are cancelled.'),
      field('Reason (optional, recorded on the account)', { name: 'reason', maxlength: 500 }),
      errors,
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'danger' }, 'Suspend account'),
        h('button', { type: 'button', class: 'secondary', onclick: closePanel }, 'Cancel')));
    submitting(form, errors, async (data) => {
      const reason = data.get('reason').trim();
      await api.post(`/api/v1/admin/users/${encodeURIComponent(user.id)}/suspend`, reason ? { reason } : {});
      closePanel();
      outcome.show(`${user.email} is suspended.`, 'success');
      await reload();
    });
    openPanel(`Suspend ${user.email}`, form);
  }

  async function reinstate(user, button) {
    button.disabled = true;
    outcome.show('');
    try {
      await api.post(`/api/v1/admin/users/${encodeURIComponent(user.id)}/reinstate`);
      outcome.show(`${user.email} is reinstated: the account can sign in and work again.`, 'success');
      await reload();
    } catch (error) {
      button.disabled = false;
      if (error instanceof api.SessionEnded) {
        throw error;
      }
      outcome.show(error instanceof api.ApiError ? error.message : 'The server could not be reached.', 'error');
    }
  }

  draw(found);
  const searchForm = h('form', { class: 'search-form', role: 'search', 'aria-label': 'Accounts' },
    field('Address contains', { name: 'email', type: 'search', maxlength: 254, value: search, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    go(pageLink(new FormData(searchForm).get('email').trim(), 0));
  });

  return {
    title: 'Admin',
    content: [
      h('h1', {}, 'Accounts'),
      h('p', {}, 'Find an account by a part of its address; suspend or reinstate it, or grant it credits.'),
      searchForm,
      outcome,
      panel,
      list,
    ],
  };
}

function pageLink(search, page) {
  const query = new URLSearchParams();
  if (search) {
    query.set('email', search);
  }
  if (page > 0) {
    query.set('page', String(page));
  }
  const text = query.toString();
  return text ? `/admin?${text}` : '/admin';
}

function userRow(user, { openGrant, openSuspend, reinstate }) {
  const standing = user.suspended
    ? h('span', {}, h('span', { class: 'badge badge-suspended' }, 'suspended'),
      user.suspension_reason ? h('span', { class: 'suspension-reason' }, ` ${user.suspension_reason}`) : null)
    : h('span', { class: `badge ${user.email_confirmed ? 'badge-active' : 'badge-unconfirmed'}` },
      user.email_confirmed ? 'active' : 'unconfirmed');
  const actions = h('div', { class: 'row-actions' });
  actions.append(
    h('button', {
      type: 'button', class: 'secondary small', 'aria-label': `Grant credits to ${user.email}`, onclick: () => openGrant(user),
    }, 'Grant credits'));
  if (user.id !== api.userId()) { // the API refuses an operator's suspending their own account
    if (user.suspended) {
      const button = h('button', {
        type: 'button', class: 'secondary small', 'aria-label': `Reinstate ${user.email}`,
        onclick: () => reinstate(user, button),
      }, 'Reinstate');
      actions.append(button);
    } else {
      actions.append(h('button', {
        type: 'button', class: 'danger small', 'aria-label': `Suspend ${user.email}`, onclick: () => openSuspend(user),
      }, 'Suspend'));
    }
  }
  return h('tr', { 'data-user': user.email },
    h('td', { class: 'admin-email' }, user.email),
    h('td', {}, user.role.toLowerCase()),
    h('td', { class: 'admin-standing' }, standing),
    h('td', {}, when(user.registered_at)),
    h('td', {}, actions));
}
