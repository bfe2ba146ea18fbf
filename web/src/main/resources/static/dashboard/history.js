// What happened to the account or a job, from its own events (GET …/history), oldest first, a page at a time.

import * as api from './api.js';
import { h, notice, describe, when } from './ui.js';

const PAGE = 50;

/** A collapsed section that reads the history when opened, with a button for the next page. */
export function historySection(path, heading, id) {
  const rows = h('tbody');
  const errors = notice('error');
  const more = h('button', { type: 'button', hidden: true }, 'Show more');
  let after = 0;
  let loaded = false;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await api.get(`${path}?limit=${PAGE}&after=${after}`);
      rows.append(...page.events.map(row));
      after = page.next_after;
      more.hidden = !page.more;
      if (!rows.children.length) {
        rows.append(h('tr', {}, h('td', { colspan: 3 }, 'Nothing recorded yet.')));
      }
    } catch (error) {
      errors.show(`The history could not be read (${describe(error)}).`);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  const details = h('details', { class: 'card history', id },
    h('summary', {}, heading),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'jobs' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'What'), h('th', {}, 'By'))), rows)),
    errors,
    more);
  details.addEventListener('toggle', () => {
    if (details.open && !loaded) {
      loaded = true;
      load();
    }
  });
  return details;
}

function row(event) {
  return h('tr', {},
    h('td', {}, h('time', { datetime: event.timestamp }, when(event.timestamp))),
    h('td', {}, words(event.type)),
    h('td', {}, actor(event.actor)));
}

/** CreditsGranted → "Credits granted"; ApiKeyIssued → "API key issued". */
function words(type) {
  const spaced = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
    .replace(/\bapi\b/g, 'API').replace(/\btotp\b/g, 'two-factor');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function actor(value) {
  if (!value) {
    return '—';
  }
  if (value.startsWith('user:')) {
    return 'you';
  }
  if (value.startsWith('api_key:')) {
    return 'an API key of yours';
  }
  return value === 'system' ? 'MailSift' : value;
}
