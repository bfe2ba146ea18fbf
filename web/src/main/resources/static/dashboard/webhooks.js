// Webhooks: the account's endpoints, each with its settings, its delivery log, tests, replays and its secret.
// Everything goes through /api/v1/webhooks (docs/webhooks.md).

import * as api from './api.js';
import { h, field, notice, submitting, count, when, describe, copyable } from './ui.js';
import { historySection } from './history.js';

const LOG_PAGE = 20;
/** How long the log is re-read after a send, waiting for its outcome (attempts time out after 15 s). */
const FOLLOW_MS = 30_000;

export async function webhooksPage({ message }) {
  const answer = await api.get('/api/v1/webhooks');
  const info = notice('info');
  if (message) {
    info.show(message.text, message.kind);
  }
  const list = h('div', {});
  const draw = (endpoints) => list.replaceChildren(endpoints.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'jobs webhook-endpoints' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Endpoint'), h('th', { scope: 'col' }, 'Events'), h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Added'))),
      h('tbody', {}, endpoints.map((endpoint) => h('tr', {},
        h('td', {}, h('a', { href: `/webhooks/${endpoint.id}`, class: 'endpoint-url' }, endpoint.url),
          endpoint.description ? h('span', { class: 'endpoint-description' }, endpoint.description) : null),
        h('td', {}, eventsText(endpoint.event_types)),
        h('td', {}, stateBadge(endpoint)),
        h('td', {}, when(endpoint.created_at)))))))
    : h('p', { class: 'empty' }, 'No endpoints yet: add one below and MailSift posts to it when something happens.'));
  draw(answer.webhooks);

  const created = h('div', { class: 'new-secret', hidden: true });
  const errors = notice('error');
  const form = h('form', { class: 'card form' },
    field('Endpoint URL', { name: 'url', type: 'url', required: true, maxlength: 2000, placeholder: 'https://example.com/mailsift' }),
    field('Description (optional)', { name: 'description', maxlength: 500 }),
    eventTypeChoices(answer.event_types, [], 'new'),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Add endpoint')));
  submitting(form, errors, async (data) => {
    const endpoint = await api.post('/api/v1/webhooks', {
      url: data.get('url').trim(),
      description: data.get('description').trim() || null,
      event_types: data.getAll('event_type'),
    });
    form.reset();
    created.replaceChildren(h('p', { class: 'notice notice-success', role: 'status' },
      `Endpoint ${endpoint.url} added. Copy its signing secret now: it is not shown again.`),
    copyable(endpoint.secret, 'webhook-secret', 'Copy secret'),
    h('p', {}, h('a', { href: `/webhooks/${endpoint.id}` }, 'Open the endpoint to send it a test message')));
    created.hidden = false;
    draw((await api.get('/api/v1/webhooks')).webhooks);
    created.querySelector('button')?.focus();
  });

  return {
    title: 'Webhooks',
    content: [
      h('h1', {}, 'Webhooks'),
      info,
      h('p', {}, 'MailSift posts signed JSON messages to your endpoints when a job finishes, credits arrive and more; '
        + 'up to 10 endpoints. Each message is retried for about a day and a half until your endpoint answers 2xx.'),
      list,
      created,
      h('section', { 'aria-labelledby': 'add-endpoint-heading' },
        h('h2', { id: 'add-endpoint-heading' }, 'Add an endpoint'), form),
      historySection('/api/v1/webhooks/history', 'Who changed your endpoints, and when', 'webhooks-history'),
    ],
  };
}

export async function webhookPage({ params: [id], signal, go }) {
  const [endpoint, catalogue, firstLog] = await Promise.all([
    api.get(`/api/v1/webhooks/${id}`),
    api.get('/api/v1/webhooks'),
    api.get(`/api/v1/webhooks/${id}/deliveries?size=${LOG_PAGE}`),
  ]);
  const outcome = notice('info');
  const secret = h('div', { class: 'new-secret', hidden: true });
  const summary = h('dl', { class: 'facts endpoint-facts' });
  const drawSummary = (current) => summary.replaceChildren(
    h('dt', {}, 'URL'), h('dd', { class: 'endpoint-url' }, current.url),
    h('dt', {}, 'Description'), h('dd', {}, current.description || '—'),
    h('dt', {}, 'Events'), h('dd', {}, eventsText(current.event_types)),
    h('dt', {}, 'State'), h('dd', {}, stateBadge(current),
      current.disabled_reason ? ` ${current.disabled_reason}` : ''),
    h('dt', {}, 'Added'), h('dd', {}, when(current.created_at)));
  drawSummary(endpoint);

  const log = deliveryLog(id, firstLog, outcome, signal);

  /** Runs a button's call with the button disabled and the outcome (or the failure) shown above. */
  const act = (label, options, handler) => {
    const button = h('button', { type: 'button', ...options }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      outcome.show('');
      try {
        await handler();
      } catch (error) {
        if (error instanceof api.SessionEnded) {
          throw error;
        }
        outcome.show(describe(error), 'error');
      } finally {
        button.disabled = false;
      }
    });
    return button;
  };

  const sendTest = act('Send a test message', { class: 'primary' }, async () => {
    const sent = await api.post(`/api/v1/webhooks/${id}/test`);
    outcome.show('A test message is on its way; its delivery shows in the log below.', 'success');
    await log.follow(sent.message_id);
  });

  const rotate = act('Rotate the secret', { class: 'secondary' }, async () => {
    if (!window.confirm('Make a new signing secret? For 24 hours messages are signed with the old and the new one.')) {
      return;
    }
    const rotated = await api.post(`/api/v1/webhooks/${id}/rotate-secret`);
    secret.replaceChildren(h('p', { class: 'notice notice-success', role: 'status' },
      'New signing secret made. Copy it now: it is not shown again. The previous one keeps signing for 24 hours.'),
    copyable(rotated.secret, 'webhook-secret', 'Copy secret'));
    secret.hidden = false;
    secret.querySelector('button')?.focus();
  });

  const remove = act('Delete endpoint', { class: 'danger' }, async () => {
    if (!window.confirm(`Delete the endpoint ${endpoint.url}? Nothing more is sent to it.`)) {
      return;
    }
    await api.send('DELETE', `/api/v1/webhooks/${id}`);
    go('/webhooks', { message: { kind: 'success', text: `The endpoint ${endpoint.url} is deleted.` } });
  });

  return {
    title: 'Webhook endpoint',
    content: [
      h('p', { class: 'crumbs' }, h('a', { href: '/webhooks' }, 'Webhooks'), ' / ', endpoint.description || endpoint.url),
      h('h1', {}, 'Webhook endpoint'),
      outcome,
      secret,
      h('div', { class: 'card endpoint-summary' }, summary,
        h('div', { class: 'button-row' }, sendTest, rotate, remove)),
      log.section,
      settingsForm(endpoint, catalogue.event_types, (changed) => {
        drawSummary(changed);
        outcome.show('Your changes are saved.', 'success');
      }),
      recoverForm(id, log),
    ],
    started: () => log.follow(),
  };
}

/** The event types as tick boxes; none ticked means every type. */
function eventTypeChoices(types, chosen, prefix) {
  return h('fieldset', { class: 'download-choices event-types' },
    h('legend', {}, 'Event types (none ticked: every type)'),
    h('div', { class: 'choices' }, types.map((type) => {
      const id = `${prefix}-event-${type.replace(/[^a-z0-9]+/gi, '-')}`;
      return h('div', { class: 'choice' },
        h('input', { type: 'checkbox', name: 'event_type', value: type, id, checked: chosen.includes(type) }),
        h('label', { for: id, class: 'event-type' }, type));
    })));
}

function settingsForm(endpoint, types, saved) {
  const errors = notice('error');
  const form = h('form', { class: 'card form' },
    field('Endpoint URL', { name: 'url', type: 'url', required: true, maxlength: 2000, value: endpoint.url, id: 'edit-url' }),
    field('Description', { name: 'description', maxlength: 500, value: endpoint.description || '', id: 'edit-description' }),
    eventTypeChoices(types, endpoint.event_types || [], 'edit'),
    h('div', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'enabled', id: 'edit-enabled', checked: endpoint.enabled }),
      h('label', { for: 'edit-enabled', class: 'sentence' }, 'Enabled: messages are sent to this endpoint')),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Save changes')));
  submitting(form, errors, async (data) => {
    const changed = await api.send('PATCH', `/api/v1/webhooks/${endpoint.id}`, {
      url: data.get('url').trim(),
      description: data.get('description').trim(),
      event_types: data.getAll('event_type'),
      enabled: data.get('enabled') === 'on',
    });
    saved(changed);
  });
  return h('section', { 'aria-labelledby': 'endpoint-settings-heading' },
    h('h2', { id: 'endpoint-settings-heading' }, 'Settings'), form);
}

function recoverForm(id, log) {
  const errors = notice('error');
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
  const local = new Date(dayAgo.getTime() - dayAgo.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const form = h('form', { class: 'card form' },
    h('p', {}, 'Sends again, with their original ids, the messages since a time that failed or were dropped '
      + '(for instance while the endpoint was disabled). The log keeps 30 days.'),
    field('Since (your time)', { name: 'since', type: 'datetime-local', required: true, value: local }),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'secondary' }, 'Send failed messages again')));
  submitting(form, errors, async (data) => {
    const answer = await api.post(`/api/v1/webhooks/${id}/recover`, { since: new Date(data.get('since')).toISOString() });
    errors.show(answer.messages === 0 ? 'Nothing failed or was dropped since then.'
      : `${count(answer.messages)} ${answer.messages === 1 ? 'message is' : 'messages are'} being sent again.`, 'success');
    await log.follow();
  });
  return h('section', { 'aria-labelledby': 'recover-heading' },
    h('h2', { id: 'recover-heading' }, 'Send failed messages again'), form);
}

/** The delivery log, newest first; re-read while messages wait for an attempt. */
function deliveryLog(id, firstPage, outcome, signal) {
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show older messages');
  const table = h('div', { class: 'table-scroll' }, h('table', { class: 'jobs deliveries' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Made'), h('th', { scope: 'col' }, 'Event'), h('th', { scope: 'col' }, 'State'),
      h('th', { scope: 'col' }, 'Attempts'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    rows));
  const empty = h('p', { class: 'empty' }, 'No messages yet. Send a test message to see one here.');
  let shown = 0;
  let following = false;

  const draw = (deliveries, append) => {
    // the attempts a person opened stay open while the log is re-read
    const open = new Set([...rows.querySelectorAll('details[open]')].map((details) => details.closest('tr').dataset.message));
    const drawn = deliveries.map((delivery) => deliveryRow(id, delivery, retry, open.has(delivery.message_id)));
    if (append) {
      rows.append(...drawn);
    } else {
      rows.replaceChildren(...drawn);
    }
    empty.hidden = rows.children.length > 0;
    table.hidden = rows.children.length === 0;
  };
  const drawPage = (page, append) => {
    draw(page.deliveries, append);
    shown = append ? shown + page.deliveries.length : page.deliveries.length;
    more.hidden = shown >= page.total;
    return page;
  };
  drawPage(firstPage, false);

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = Math.floor(shown / LOG_PAGE);
      drawPage(await api.get(`/api/v1/webhooks/${id}/deliveries?size=${LOG_PAGE}&page=${page}`), true);
    } catch (error) {
      if (error instanceof api.SessionEnded) {
        throw error;
      }
      outcome.show(describe(error), 'error');
    } finally {
      more.disabled = false;
    }
  });

  /** Re-reads the newest page until no message on it waits for an attempt it is about to get, or a while passes. */
  const follow = async (expected = null) => {
    if (following) {
      return;
    }
    following = true;
    try {
      const until = Date.now() + FOLLOW_MS;
      for (;;) {
        const page = await api.get(`/api/v1/webhooks/${id}/deliveries?size=${Math.max(LOG_PAGE, shown)}`);
        if (signal.aborted) {
          return;
        }
        drawPage(page, false);
        const waiting = page.deliveries.some((delivery) => delivery.state === 'pending'
          && (!delivery.next_attempt_at || Date.parse(delivery.next_attempt_at) < Date.now() + 10_000));
        const arrived = !expected || page.deliveries.some((delivery) => delivery.message_id === expected);
        if ((!waiting && arrived) || Date.now() > until) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    } finally {
      following = false;
    }
  };

  async function retry(delivery, button) {
    button.disabled = true;
    outcome.show('');
    try {
      await api.post(`/api/v1/webhooks/${id}/deliveries/${delivery.message_id}/retry`);
      outcome.show(`The ${delivery.event_type} message is being sent again, with the same id.`, 'success');
      await follow();
    } catch (error) {
      button.disabled = false;
      if (error instanceof api.SessionEnded) {
        throw error;
      }
      outcome.show(describe(error), 'error');
    }
  }

  return {
    section: h('section', { 'aria-labelledby': 'deliveries-heading' },
      h('h2', { id: 'deliveries-heading' }, 'Deliveries'),
      h('p', {}, 'Every message to this endpoint, newest first, with each attempt: its answer, how long it took, '
        + 'and the start of what your endpoint said.'),
      empty, table, more),
    follow,
  };
}

function deliveryRow(id, delivery, retry, open) {
  const attempts = delivery.attempts || [];
  const last = attempts[attempts.length - 1];
  const send = h('button', {
    type: 'button', class: 'secondary small', 'aria-label': `Send again the ${delivery.event_type} message`,
    onclick: () => retry(delivery, send),
  }, 'Send again');
  return h('tr', { 'data-message': delivery.message_id },
    h('td', {}, h('time', { datetime: delivery.created_at }, when(delivery.created_at))),
    h('td', {}, h('code', {}, delivery.event_type)),
    h('td', {}, h('span', { class: `badge delivery-${delivery.state}` }, delivery.state),
      delivery.state === 'pending' && delivery.next_attempt_at
        ? h('span', { class: 'next-attempt' }, `next attempt ${when(delivery.next_attempt_at)}`) : null),
    h('td', { class: 'attempts' }, attempts.length
      ? h('details', { open },
        h('summary', {}, `${count(attempts.length)} ${attempts.length === 1 ? 'attempt' : 'attempts'}: `, attemptText(last)),
        h('ol', { class: 'attempt-list' }, attempts.map((attempt) => h('li', {},
          h('span', {}, `${when(attempt.attempted_at)}: `, attemptText(attempt)),
          attempt.response_body ? h('pre', { class: 'answer' }, attempt.response_body) : null))))
      : h('span', { class: 'empty' }, 'none yet')),
    h('td', {}, send));
}

function attemptText(attempt) {
  const outcome = attempt.status_code ? `HTTP ${attempt.status_code}` : attempt.error || 'no answer';
  return `${outcome} in ${count(attempt.latency_ms)} ms`
    + (attempt.status_code && attempt.error ? ` (${attempt.error})` : '');
}

function eventsText(types) {
  return types && types.length ? types.join(', ') : 'every event type';
}

function stateBadge(endpoint) {
  return h('span', { class: `badge ${endpoint.enabled ? 'badge-active' : 'badge-suspended'}` },
    endpoint.enabled ? 'enabled' : 'disabled');
}
