// The auditors' pages: the event stream, one aggregate's history, an account or a job as it was at an instant, the
// history's integrity and the event processors (with an operator's rebuild of a read model). The API answers them to
// auditors and operators only; the pages tell anyone else so in words instead of failing.

import * as api from './api.js';
import { h, field, notice, describe, count } from './ui.js';

const PAGE = 50;
const AGGREGATE_TYPES = ['User', 'BatchJob', 'ValidationChunk', 'WebhookEndpoints', 'BillingCustomer'];
const AUDIT_PAGES = [
  ['/audit', 'Event stream'], ['/audit/state', 'State as of'], ['/audit/integrity', 'Integrity'],
  ['/audit/processors', 'Processors'],
];
/** The stream's filters as the URL and the API name them. */
const FILTERS = ['aggregate_id', 'aggregate_type', 'type', 'actor', 'correlation_id', 'from', 'to', 'after'];

/** Whether the signed-in person may read the audit history (the nav shows the link only then). */
export function mayAudit() {
  return api.role() === 'AUDITOR' || api.role() === 'ADMIN';
}

function notAllowed(title) {
  return {
    title,
    content: [h('h1', {}, title), h('p', { class: 'notice notice-error not-allowed', role: 'alert' },
      'Only auditors and operators can read the audit history. An operator can grant your account the auditor role.'),
    h('p', {}, h('a', { href: '/' }, 'Go to your dashboard.'))],
  };
}

/**
 * Builds an audit page, or says the person may not see it: by the token's role first, and by the API's 403 when the
 * role was revoked after the token was minted (the API reads the role on every request).
 */
async function guarded(title, build) {
  if (!mayAudit()) {
    return notAllowed(title);
  }
  try {
    return await build();
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 403) {
      return notAllowed(title);
    }
    throw error;
  }
}

function auditNav(current) {
  return h('nav', { class: 'audit-nav', 'aria-label': 'Audit pages' },
    AUDIT_PAGES.map(([href, text]) => h('a', { href, 'aria-current': href === current ? 'page' : false }, text)));
}

// ——— the event stream ———

export async function auditStreamPage({ url, go }) {
  return guarded('Event stream', async () => {
    const filters = Object.fromEntries(FILTERS.map((name) => [name, (url.searchParams.get(name) || '').trim()])
      .filter(([, value]) => value));
    const errors = notice('error');
    const exported = notice('info');
    const table = eventTable({ withAggregate: true, path: '/api/v1/audit/events', filters, errors });
    try {
      await table.load();
    } catch (error) {
      if (!(error instanceof api.ApiError) || error.status !== 400) {
        throw error;
      }
      errors.show(`These filters cannot be applied: ${describe(error)}`);
    }

    const form = h('form', { class: 'card audit-filters', role: 'search', 'aria-label': 'Filter the events' },
      h('div', { class: 'audit-fields' },
        field('Aggregate id', { name: 'aggregate_id', value: filters.aggregate_id || '', maxlength: 200, autocomplete: 'off' }),
        choice('Aggregate type', 'aggregate_type', [['', 'Any type'], ...AGGREGATE_TYPES.map((type) => [type, type])],
          filters.aggregate_type || ''),
        field('Event types (comma-separated)', {
          name: 'type', value: filters.type || '', placeholder: 'CreditsGranted, JobCompleted', autocomplete: 'off',
        }),
        field('Actor', { name: 'actor', value: filters.actor || '', placeholder: 'user:…, api_key:…, system', autocomplete: 'off' }),
        field('Correlation id', { name: 'correlation_id', value: filters.correlation_id || '', autocomplete: 'off' }),
        field(`From (${zone()})`, { name: 'from', type: 'datetime-local', step: 1, value: localInput(filters.from) }),
        field(`Until, not included (${zone()})`, { name: 'to', type: 'datetime-local', step: 1, value: localInput(filters.to) }),
        field('After position', { name: 'after', type: 'number', min: 0, step: 1, value: filters.after || '', inputmode: 'numeric' })),
      h('div', { class: 'button-row' },
        h('button', { type: 'submit', class: 'primary' }, 'Filter'),
        h('a', { href: '/audit', class: 'button secondary' }, 'Clear filters'),
        h('button', {
          type: 'button', class: 'secondary',
          onclick: (event) => exportEvents(event.currentTarget, '/api/v1/audit/events', filters, exported),
        }, 'Export NDJSON')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const query = new URLSearchParams();
      for (const name of FILTERS) {
        let value = String(data.get(name) || '').trim();
        if (value && (name === 'from' || name === 'to')) {
          value = new Date(value).toISOString(); // the person's local time, as the instant the API takes
        }
        if (value) {
          query.set(name, value);
        }
      }
      const text = query.toString();
      go(text ? `/audit?${text}` : '/audit');
    });

    return {
      title: 'Event stream',
      content: [
        auditNav('/audit'),
        h('h1', {}, 'Event stream'),
        h('p', {}, 'Every event stored, oldest first, with who caused it and why. Filters combine; a page holds up to '
          + `${PAGE} events and “Load more” follows with later ones.`),
        form,
        exported,
        errors,
        table.element,
      ],
    };
  });
}

/** Downloads every event matching the filters as NDJSON (the API streams it; the token rules out a plain link). */
async function exportEvents(button, path, filters, status) {
  button.disabled = true;
  status.show('Exporting…', 'info');
  try {
    const query = new URLSearchParams(filters).toString();
    const name = await api.download(query ? `${path}?${query}` : path, 'mailsift-events.ndjson', 'application/x-ndjson');
    status.show(`Downloaded ${name}: every event matching these filters, one JSON object per line.`, 'success');
  } catch (error) {
    if (error instanceof api.SessionEnded) {
      throw error;
    }
    status.show(`The export failed: ${describe(error)}`, 'error');
  } finally {
    button.disabled = false;
  }
}

/**
 * A table of events read page by page from path with filters, each row expandable to its payload.
 * load() reads the next page; the first call's errors are the caller's to show, later ones go to errors.
 */
function eventTable({ withAggregate, path, filters, errors }) {
  const rows = h('tbody');
  const status = h('p', { class: 'audit-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const columns = ['Position', 'Time', 'Event', withAggregate ? 'Aggregate' : null, 'Actor', 'Correlation id', 'Payload']
    .filter(Boolean);
  let after = filters.after || 0;
  let shown = 0;
  const load = async () => {
    const query = new URLSearchParams({ ...filters, after: String(after), limit: String(PAGE) });
    const page = await api.get(`${path}?${query}`);
    for (const event of page.events) {
      rows.append(...eventRows(event, withAggregate, columns.length));
    }
    shown += page.events.length;
    after = page.next_after;
    more.hidden = !page.more;
    status.textContent = shown === 0
      ? (page.more ? 'No matching events in this stretch of the history yet: load more to look further.'
        : 'No events match.')
      : `${count(shown)} ${shown === 1 ? 'event' : 'events'} shown${page.more ? '; there are later ones.'
        : ', up to the newest recorded.'}`;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    errors.show('');
    try {
      await load();
    } catch (error) {
      if (error instanceof api.SessionEnded) {
        throw error;
      }
      errors.show(`The next page could not be read: ${describe(error)}`);
    } finally {
      more.disabled = false;
    }
  });
  const element = h('section', { class: 'audit-events', 'aria-label': 'Events' },
    status,
    h('div', { class: 'table-scroll' }, h('table', { class: 'jobs audit-table' },
      h('thead', {}, h('tr', {}, columns.map((name) => h('th', { scope: 'col' }, name)))), rows)),
    more);
  return { element, load };
}

/** An event's row, and the hidden row under it with its payload and the rest of what is stored about it. */
function eventRows(event, withAggregate, width) {
  const detailsId = `event-${event.position}`;
  const toggle = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': detailsId },
    h('span', { class: 'toggle-word' }, 'Show'), h('span', { class: 'visually-hidden' }, ` payload of event ${event.position}`));
  const details = h('tr', { class: 'audit-payload', id: detailsId, hidden: true },
    h('td', { colspan: width }, payloadDetails(event)));
  toggle.addEventListener('click', () => {
    const open = details.hidden;
    details.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.querySelector('.toggle-word').textContent = open ? 'Hide' : 'Show';
  });
  const row = h('tr', { 'data-position': event.position },
    h('td', { class: 'number' }, String(event.position)),
    h('td', { class: 'audit-time' }, instant(event.timestamp)),
    h('td', {}, h('span', { class: 'event-name' }, event.type),
      event.revision ? h('span', { class: 'revision' }, ` rev. ${event.revision}`) : null),
    withAggregate ? h('td', { class: 'audit-aggregate' }, aggregateLink(event.aggregate_type, event.aggregate_id)) : null,
    h('td', { class: 'audit-actor', title: event.actor || false }, event.actor ? shortId(event.actor) : '—'),
    h('td', { class: 'audit-id' }, event.correlation_id
      ? h('a', { href: `/audit?${new URLSearchParams({ correlation_id: event.correlation_id })}`,
        title: `Everything correlation ${event.correlation_id} caused` }, shortId(event.correlation_id))
      : '—'),
    h('td', {}, toggle));
  return [row, details];
}

function payloadDetails(event) {
  const kind = stateKind(event.aggregate_type);
  return h('div', { class: 'audit-payload-body' },
    h('dl', { class: 'facts' },
      h('dt', {}, 'Event id'), h('dd', {}, h('code', {}, event.event_id)),
      h('dt', {}, 'Aggregate'), h('dd', {}, `${event.aggregate_type} `, h('code', {}, event.aggregate_id),
        `, sequence ${event.sequence}`),
      h('dt', {}, 'Revision'), h('dd', {}, event.stored_revision === event.revision
        ? (event.revision || 'first form')
        : `${event.revision || 'first form'} (stored as ${event.stored_revision || 'first form'}, upcast)`),
      h('dt', {}, 'Client address'), h('dd', {}, event.client_address || '—'),
      h('dt', {}, 'Caused by message'), h('dd', {}, event.causation_id ? h('code', {}, event.causation_id) : '—')),
    // the payload is text: JSON.stringify escapes nothing, textContent shows it as it is
    h('pre', { class: 'audit-json', tabindex: 0, role: 'region', 'aria-label': `Payload of event ${event.position}` },
      JSON.stringify(event.payload, null, 2)),
    kind ? h('p', {}, h('a', {
      href: `/audit/state?${new URLSearchParams({ kind, id: stateId(event), as_of: event.timestamp })}`,
    }, kind === 'user' ? 'The account right after this event' : 'The job right after this event')) : null);
}

function aggregateLink(type, id) {
  return h('a', { href: `/audit/aggregate?${new URLSearchParams({ type, id })}`, title: `History of ${type} ${id}` },
    h('span', { class: 'aggregate-type' }, type), ' ', shortId(id));
}

/**
 * A long id shortened to its first characters for the table (the row's details and the title show it whole); screen
 * readers get it whole.
 */
function shortId(value) {
  const prefix = /^[a-z_]+:/.exec(value)?.[0] || ''; // user:…, api_key:…
  if (value.length - prefix.length <= 12) {
    return h('span', { class: 'short-id' }, value);
  }
  return h('span', { class: 'short-id' },
    h('span', { 'aria-hidden': 'true' }, `${value.slice(0, prefix.length + 8)}…`),
    h('span', { class: 'visually-hidden' }, value));
}

/** Which as-of state an aggregate has: the account's or the job's (a job's chunks fold into the job). */
function stateKind(type) {
  return type === 'User' ? 'user' : type === 'BatchJob' || type === 'ValidationChunk' ? 'job' : null;
}

function stateId(event) {
  return event.aggregate_type === 'ValidationChunk' ? event.aggregate_id.split('/')[0] : event.aggregate_id;
}

// ——— one aggregate ———

export async function auditAggregatePage({ url, go }) {
  return guarded('Aggregate history', async () => {
    const type = url.searchParams.get('type') || '';
    const id = (url.searchParams.get('id') || '').trim();
    const picker = h('form', { class: 'card audit-pick', 'aria-label': 'Open an aggregate' },
      h('div', { class: 'audit-fields' },
        choice('Aggregate type', 'type', AGGREGATE_TYPES.map((name) => [name, name]), type || 'User'),
        field('Aggregate id', { name: 'id', value: id, required: true, maxlength: 200, autocomplete: 'off' })),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Open history')));
    picker.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(picker);
      go(`/audit/aggregate?${new URLSearchParams({ type: data.get('type'), id: String(data.get('id')).trim() })}`);
    });
    if (!AGGREGATE_TYPES.includes(type) || !id) {
      return {
        title: 'Aggregate history',
        content: [auditNav(null), h('h1', {}, 'Aggregate history'),
          h('p', {}, 'Every event of one account, job, chunk of a job, set of webhook endpoints or billing customer.'),
          picker],
      };
    }
    const errors = notice('error');
    const exported = notice('info');
    // by the stream's filters rather than the aggregate's path: a job's chunk ids hold a slash
    const filters = { aggregate_type: type, aggregate_id: id };
    const table = eventTable({ withAggregate: false, path: '/api/v1/audit/events', filters, errors });
    await table.load();
    const kind = stateKind(type);
    return {
      title: `${type} history`,
      content: [
        auditNav(null),
        h('p', { class: 'crumbs' }, h('a', { href: '/audit' }, 'Event stream'), ' / ', type),
        h('h1', {}, `${type} history`),
        h('p', { class: 'aggregate-heading-id' }, 'Aggregate id ', h('code', {}, id)),
        h('div', { class: 'button-row audit-actions' },
          kind ? h('a', { class: 'button secondary', href: `/audit/state?${new URLSearchParams({ kind, id: id.split('/')[0] })}` },
            kind === 'user' ? 'The account as of an instant' : 'The job as of an instant') : null,
          h('button', {
            type: 'button', class: 'secondary',
            onclick: (event) => exportEvents(event.currentTarget, '/api/v1/audit/events', filters, exported),
          }, 'Export NDJSON')),
        exported,
        errors,
        table.element,
        details(picker, 'Open another aggregate'),
      ],
    };
  });
}

function details(content, summary) {
  return h('details', { class: 'audit-other' }, h('summary', {}, summary), content);
}

// ——— state as of an instant ———

export async function auditStatePage({ url, go }) {
  return guarded('State as of an instant', async () => {
    const kind = url.searchParams.get('kind') === 'job' ? 'job' : 'user';
    const id = (url.searchParams.get('id') || '').trim();
    const asOf = url.searchParams.get('as_of') || '';
    const precise = asOf && new Date(asOf).getMilliseconds() !== 0;
    const form = h('form', { class: 'card audit-state-form', 'aria-label': 'Which state' },
      h('div', { class: 'audit-fields' },
        choice('Of', 'kind', [['user', 'An account'], ['job', 'A job']], kind),
        field('Account or job id', { name: 'id', value: id, required: true, maxlength: 100, autocomplete: 'off' }),
        field(`As of (${zone()}; empty for now)`, {
          name: 'as_of', type: 'datetime-local', step: precise ? 0.001 : 1, value: localInput(asOf, precise),
        })),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Show the state')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const query = new URLSearchParams({ kind: data.get('kind'), id: String(data.get('id')).trim() });
      const local = String(data.get('as_of') || '');
      if (local) {
        query.set('as_of', new Date(local).toISOString());
      }
      go(`/audit/state?${query}`);
    });

    const content = [auditNav('/audit/state'), h('h1', {}, 'State as of an instant'),
      h('p', {}, 'An account or a job as it was at an instant, folded from its own events up to and including that '
        + 'instant (never from a read model).'), form];
    if (id) {
      const answer = notice('error');
      content.push(answer);
      try {
        const path = `/api/v1/audit/${kind === 'job' ? 'jobs' : 'users'}/${encodeURIComponent(id)}/state`;
        const state = await api.get(asOf ? `${path}?${new URLSearchParams({ as_of: asOf })}` : path);
        content.push(kind === 'job' ? jobState(state) : accountState(state));
      } catch (error) {
        if (!(error instanceof api.ApiError) || (error.status !== 404 && error.status !== 400)) {
          throw error;
        }
        answer.show(describe(error));
      }
    }
    return { title: 'State as of an instant', content };
  });
}

function accountState(state) {
  const subscription = state.subscription;
  return h('section', { class: 'card audit-state', 'aria-labelledby': 'state-heading' },
    h('h2', { id: 'state-heading' }, 'The account as of ', instant(state.as_of)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Credits available'), h('dd', { class: 'state-available' }, count(state.credits_available)),
      h('dt', {}, 'Credits reserved'), h('dd', { class: 'state-reserved' }, count(state.credits_reserved)),
      h('dt', {}, 'Standing'), h('dd', {}, words(state.standing)),
      h('dt', {}, 'Role'), h('dd', {}, words(state.role)),
      h('dt', {}, 'Subscription'), h('dd', {}, ...(subscription
        ? [`${subscription.plan_id}, ${words(subscription.status)}`,
          subscription.paid_through ? ', paid through ' : ', no payment recorded yet',
          subscription.paid_through ? instant(subscription.paid_through) : null]
        : ['none'])),
      h('dt', {}, 'Events folded'), h('dd', {}, count(state.events_applied)),
      h('dt', {}, 'Last of them'), h('dd', {}, state.last_event_at ? instant(state.last_event_at) : '—')),
    h('p', {}, h('a', { href: `/audit/aggregate?${new URLSearchParams({ type: 'User', id: state.user_id })}` },
      'The account’s events')));
}

function jobState(state) {
  return h('section', { class: 'card audit-state', 'aria-labelledby': 'state-heading' },
    h('h2', { id: 'state-heading' }, 'The job as of ', instant(state.as_of)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', { class: 'state-status' }, words(state.status)),
      h('dt', {}, 'Credits reserved'), h('dd', { class: 'state-reserved' }, count(state.credits_reserved)),
      h('dt', {}, 'Addresses to verify'), h('dd', {}, count(state.addresses_to_verify)),
      h('dt', {}, 'Chunks verified'), h('dd', {}, `${count(state.chunks_validated)} of ${count(state.chunk_count)}`),
      h('dt', {}, 'Rows verified'), h('dd', {}, count(state.rows_validated)),
      h('dt', {}, 'Billable rows'), h('dd', {}, count(state.billable_rows)),
      h('dt', {}, 'Partial results recorded'), h('dd', {}, state.partial_results_recorded ? 'yes' : 'no'),
      h('dt', {}, 'Account'), h('dd', {}, aggregateLink('User', state.user_id)),
      h('dt', {}, 'Events folded'), h('dd', {}, count(state.events_applied)),
      h('dt', {}, 'Last of them'), h('dd', {}, state.last_event_at ? instant(state.last_event_at) : '—')),
    h('p', {}, h('a', { href: `/audit/aggregate?${new URLSearchParams({ type: 'BatchJob', id: state.job_id })}` },
      'The job’s events')));
}

// ——— integrity ———

const FAILURES = {
  payload_changed: 'the event stored there is not the one that was sealed there (its payload, metadata, type or time changed)',
  missing: 'a sealed event is gone',
  reordered: 'the event stored there was sealed at another position',
  inserted: 'an event sits at a position the chain had passed without one',
  bad_signature: 'a checkpoint’s signature does not verify, or it was made by a key the service does not trust',
  checkpoint_mismatch: 'a correctly signed checkpoint no longer matches the events before it: they were altered and '
    + 'their seals recomputed',
};

export async function auditIntegrityPage({ go }) {
  return guarded('Integrity', async () => {
    const report = await api.get('/api/v1/audit/integrity');
    const downloaded = notice('info');
    const checkpoint = report.last_checkpoint;
    const failure = report.first_failure;
    const verdict = report.ok
      ? h('p', { class: 'integrity-verdict integrity-ok', role: 'status' }, h('strong', {}, 'Intact. '),
        `Every one of the ${count(report.checked)} sealed events matches its seal and the signed checkpoints.`)
      : h('p', { class: 'integrity-verdict integrity-broken', role: 'alert' }, h('strong', {}, 'Not intact. '),
        failure ? `The history was changed at position ${failure.position}: ${FAILURES[failure.reason] || failure.reason}.`
          : 'The chain does not verify.');
    return {
      title: 'Integrity',
      content: [
        auditNav('/audit/integrity'),
        h('h1', {}, 'Integrity'),
        h('p', {}, 'Every stored event is sealed into a hash chain whose head is signed now and then (a checkpoint). '
          + 'This check recomputes the whole chain from the stored events.'),
        verdict,
        h('dl', { class: 'facts card integrity-facts' },
          h('dt', {}, 'Events checked'), h('dd', {}, count(report.checked)),
          h('dt', {}, 'Sealed through position'), h('dd', {}, count(report.sealed_through)),
          h('dt', {}, 'Not sealed yet'), h('dd', {}, `${count(report.unsealed)} (appended in the last second or so)`),
          h('dt', {}, 'Head seal'), h('dd', {}, report.head ? h('code', { class: 'hash' }, report.head) : '—'),
          h('dt', {}, 'Checked in'), h('dd', {}, `${count(report.elapsed_ms)} ms`)),
        failure ? h('section', { class: 'card integrity-failure', 'aria-labelledby': 'failure-heading' },
          h('h2', { id: 'failure-heading' }, 'First failure'),
          h('p', {}, `At position ${failure.position}: ${FAILURES[failure.reason] || failure.reason}.`),
          failure.detail ? h('p', { class: 'failure-detail' }, failure.detail) : null,
          h('p', {}, 'Verification stops there; ', h('a', { href: `/audit?${new URLSearchParams({ after: String(Math.max(0, failure.position - 1)) })}` },
            'the events from that position'), '.')) : null,
        h('section', { 'aria-labelledby': 'checkpoint-heading' },
          h('h2', { id: 'checkpoint-heading' }, 'Last checkpoint'),
          checkpoint ? h('div', { class: 'card integrity-checkpoint' },
            h('dl', { class: 'facts' },
              h('dt', {}, 'Position'), h('dd', {}, count(checkpoint.position)),
              h('dt', {}, 'Events sealed'), h('dd', {}, count(checkpoint.sealed_count)),
              h('dt', {}, 'Signed'), h('dd', {}, instant(checkpoint.created_at)),
              h('dt', {}, 'Algorithm'), h('dd', {}, checkpoint.algorithm),
              h('dt', {}, 'Public key'), h('dd', {}, h('code', { class: 'hash' }, checkpoint.public_key))),
            h('p', {}, 'Keep a copy where the database’s administrators cannot change it; ',
              h('code', {}, './mailsift audit verify --checkpoint FILE'), ' checks the history against it.'),
            downloaded,
            h('button', {
              type: 'button', class: 'secondary', onclick: (event) => downloadCheckpoint(event.currentTarget, downloaded),
            }, 'Download the latest checkpoint'))
            : h('p', { class: 'empty' }, 'No checkpoint has been signed yet.')),
        h('p', { class: 'aside' }, h('button', {
          type: 'button', class: 'secondary', onclick: () => go('/audit/integrity', { replace: true }),
        }, 'Check again')),
      ],
    };
  });
}

async function downloadCheckpoint(button, status) {
  button.disabled = true;
  try {
    const name = await api.download('/api/v1/audit/checkpoints/latest', 'mailsift-checkpoint.json', 'application/json');
    status.show(`Downloaded ${name}.`, 'success');
  } catch (error) {
    if (error instanceof api.SessionEnded) {
      throw error;
    }
    status.show(`The checkpoint could not be downloaded: ${describe(error)}`, 'error');
  } finally {
    button.disabled = false;
  }
}

// ——— event processors ———

const KINDS = {
  pooled_streaming: 'streaming (pooled)',
  tracking: 'streaming (tracking)',
  subscribing: 'subscribing',
  not_on_this_node: 'not on this node',
};

export async function auditProcessorsPage({ signal }) {
  return guarded('Event processors', async () => {
    const operator = api.role() === 'ADMIN';
    const outcome = notice('info');
    const panel = h('div', { class: 'admin-panel', hidden: true });
    const list = h('div', {});
    let polling = false;
    const closePanel = () => {
      panel.hidden = true;
      panel.replaceChildren();
    };
    const draw = (overview) => {
      list.replaceChildren(
        h('p', { class: 'audit-status', role: 'status' }, `The event store’s head is at position ${count(overview.head)}.`),
        h('div', { class: 'table-scroll' }, h('table', { class: 'jobs processors' },
          h('thead', {}, h('tr', {}, ['Processor', 'Kind', 'Position', 'Lag', 'Segments', 'State']
            .map((name) => h('th', { scope: 'col' }, name)),
          operator ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
          h('tbody', {}, overview.processors.map((processor) => processorRow(processor, operator, confirmRebuild))))));
      if (overview.processors.some((processor) => processor.replaying)) {
        poll();
      }
    };
    const reload = async () => draw(await api.get('/api/v1/audit/processors'));
    // a streaming read model catches up after the answer: the list follows it until it has
    const poll = () => {
      if (polling) {
        return;
      }
      polling = true;
      setTimeout(async () => {
        polling = false;
        if (!signal.aborted) {
          try {
            await reload();
          } catch (error) {
            if (error instanceof api.SessionEnded) {
              throw error;
            }
            outcome.show(`The list could not be refreshed: ${describe(error)}`, 'error');
          }
        }
      }, 2000);
    };

    function confirmRebuild(processor) {
      outcome.show('');
      const errors = notice('error');
      const streaming = processor.kind !== 'subscribing';
      const rebuild = h('button', { type: 'button', class: 'danger' }, `Yes, rebuild ${processor.name}`);
      rebuild.addEventListener('click', async () => {
        rebuild.disabled = true;
        try {
          const answer = await api.post(`/api/v1/admin/processors/${encodeURIComponent(processor.name)}/replay`);
          closePanel();
          outcome.show(answer.replaying
            ? `Accepted: ${answer.name} is being rebuilt from the first event. The list shows when it has caught up.`
            : `Done: ${answer.name} is rebuilt from the first event.`, 'success');
          await reload();
        } catch (error) {
          rebuild.disabled = false;
          if (error instanceof api.SessionEnded) {
            throw error;
          }
          errors.show(error instanceof api.ApiError && error.status === 409
            ? `Not rebuilt: ${error.message}` : `Not rebuilt: ${describe(error)}`);
        }
      });
      panel.replaceChildren(
        h('h2', { id: 'rebuild-heading' }, `Rebuild the ${processor.name} read model?`),
        h('div', { class: 'card form', role: 'group', 'aria-labelledby': 'rebuild-heading' },
          h('p', {}, streaming
            ? 'Its tables are emptied and refilled from the first event while the rest of the service goes on; '
              + 'until it has caught up, what it shows is incomplete.'
            : 'It is rebuilt in one transaction: reads see the old rows until then, and writes to it wait. Nothing '
              + 'is mailed, charged or notified.'),
          errors,
          h('div', { class: 'button-row' }, rebuild,
            h('button', { type: 'button', class: 'secondary', onclick: closePanel }, 'Cancel'))));
      panel.hidden = false;
      rebuild.focus();
    }

    draw(await api.get('/api/v1/audit/processors'));
    return {
      title: 'Event processors',
      content: [
        auditNav('/audit/processors'),
        h('h1', {}, 'Event processors'),
        h('p', {}, 'What reads the event stream: where each processor stands and how far it lags behind the head. '
          + (operator ? 'A read model can be rebuilt from the history; the processors that act on what they read '
            + '(mail, credits, webhooks, the pipeline) cannot.' : 'Operators can rebuild a read model from here.')),
        outcome,
        panel,
        list,
      ],
    };
  });
}

function processorRow(processor, operator, confirmRebuild) {
  const segments = processor.segments || [];
  const state = processor.replaying ? h('span', { class: 'badge badge-validating' }, 'replaying')
    : processor.running ? h('span', { class: 'badge badge-active' }, 'running')
      : h('span', { class: 'badge' }, 'not running here');
  return h('tr', { 'data-processor': processor.name },
    h('td', { class: 'processor-name' }, processor.name),
    h('td', {}, KINDS[processor.kind] || processor.kind),
    h('td', { class: 'number' }, processor.position === undefined || processor.position === null ? '—' : count(processor.position)),
    h('td', { class: 'number processor-lag' }, processor.lag === undefined || processor.lag === null ? '—' : count(processor.lag)),
    h('td', { class: 'processor-segments' }, processor.kind === 'subscribing' ? 'none: it handles each event as it is appended'
      : segments.length
      ? h('ul', { class: 'segment-list' }, segments.map((segment) => h('li', {},
        `#${segment.segment}: ${segment.position === undefined || segment.position === null ? 'no position'
          : `at ${count(segment.position)}`}${segment.owner ? `, held by ${segment.owner}` : ', not held'}`
          + (segment.replaying ? ', replaying' : ''))))
      : '—'),
    h('td', { class: 'processor-state' }, state),
    operator ? h('td', {}, processor.replayable
      ? h('button', { type: 'button', class: 'secondary small', onclick: () => confirmRebuild(processor) },
        'Rebuild', h('span', { class: 'visually-hidden' }, ` ${processor.name}`))
      : h('span', { class: 'not-replayable' }, 'not a read model')) : null);
}

// ——— small helpers ———

/** A labelled select. */
function choice(label, name, options, selected) {
  const id = `field-${name}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, options.map(([value, text]) => h('option', { value, selected: value === selected }, text))));
}

/** An instant in the browser's locale and time zone, to the second; the exact value is the element's datetime. */
function instant(iso) {
  return h('time', { datetime: iso, title: iso },
    new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
}

/** ACTIVE → "active", SUSPENDED → "suspended", past_due → "past due". */
function words(value) {
  return value ? String(value).toLowerCase().replace(/_/g, ' ') : '—';
}

/** The browser's time zone, which the date-time inputs are in. */
function zone() {
  return `your time, ${Intl.DateTimeFormat().resolvedOptions().timeZone}`;
}

/** An ISO instant as a datetime-local value in the browser's time zone. */
function localInput(iso, withMillis = false) {
  if (!iso) {
    return '';
  }
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) {
    return '';
  }
  const pad = (value, width = 2) => String(value).padStart(width, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`
    + `:${pad(at.getSeconds())}${withMillis ? `.${pad(at.getMilliseconds(), 3)}` : ''}`;
}
