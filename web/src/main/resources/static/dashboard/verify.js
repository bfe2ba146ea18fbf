// Verify one address: the verdict, its reason, flags and suggestion, in words.

import * as api from './api.js';
import { h, notice, submitting, count } from './ui.js';

const STATUSES = {
  deliverable: 'The mailbox exists and accepts mail. Safe to send.',
  risky: 'Mail may arrive, but something about this address makes it uncertain.',
  undeliverable: 'Mail to this address will not arrive. Do not send to it.',
  unknown: 'We could not tell this time. You were not charged; try again later.',
};

const REASONS = {
  accepted: 'The mail server accepted this mailbox.',
  mailbox_not_found: 'The mail server says this mailbox does not exist.',
  no_mx: 'The domain exists but has no mail server.',
  null_mx: 'The domain says it accepts no mail at all.',
  no_domain: 'The domain does not exist.',
  bad_syntax: 'This is not a well-formed email address.',
  unknown_tld: 'The address ends in a top-level domain that does not exist, so no mail can reach it.',
  catch_all: 'The domain accepts mail for any name, so its acceptance proves nothing about this mailbox.',
  disposable: 'This is a throwaway address from a disposable-mail service.',
  role_account: 'This is a role address (such as info@ or sales@) read by a team rather than a person.',
  mailbox_full: 'The mailbox exists but is full.',
  greylisted: 'The mail server asked us to come back later, and still did on a second try.',
  smtp_timeout: 'The mail server did not answer in time.',
  smtp_error: 'No mail server of the domain could be reached.',
  dns_error: 'The domain\'s name servers failed to answer.',
  blocked: 'The mail server refused to talk to us; that says nothing about the mailbox.',
  address_literal: 'The address names a server by its IP address instead of a domain.',
  quoted_local_part: 'The part before @ is in quotes: valid, but few systems handle it.',
  not_checked: 'The mailbox was not checked; only the address\'s form and lists were.',
};

const FLAGS = [
  ['disposable', 'Disposable (throwaway) address'],
  ['role', 'Role address, read by a team'],
  ['free_provider', 'Free mail provider (such as Gmail)'],
  ['catch_all', 'The domain accepts every name'],
  ['mailbox_full', 'The mailbox is full'],
  ['smtputf8', 'Uses international characters'],
];

export async function verifyPage() {
  const account = await api.get('/api/v1/account');
  const errors = notice('error');
  const result = h('section', { class: 'verdict', 'aria-live': 'polite', hidden: true });
  let available = account.credits_available;
  const balance = h('span', { class: 'verify-balance' }, count(available));
  const form = h('form', { class: 'card form verify-form' },
    h('div', { class: 'field' },
      h('label', { for: 'verify-email' }, 'Email address'),
      h('input', {
        type: 'text', name: 'email', id: 'verify-email', required: true, maxlength: 320, autocomplete: 'off',
        spellcheck: 'false', inputmode: 'email',
      })),
    errors,
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Verify address')));

  submitting(form, errors, async (data) => {
    const verdict = await api.post('/api/v1/verifications', { email: String(data.get('email')).trim() });
    result.replaceChildren(...explain(verdict));
    result.hidden = false;
    // what this verification cost (the account's read model catches up a moment later)
    available = Math.max(0, available - verdict.credits_charged);
    balance.textContent = count(available);
  });

  return {
    title: 'Verify an address',
    content: [
      h('h1', {}, 'Verify an address'),
      h('p', {}, 'Check one address at once. It costs one credit; an address we cannot judge, or one that is not '
        + 'an address at all, is free. You have ', balance, ' credits available.'),
      form,
      result,
    ],
  };
}

function explain(verdict) {
  const flags = FLAGS.filter(([name]) => verdict[name]).map(([, text]) => h('li', {}, text));
  const facts = [
    ['Address', verdict.email],
    ['Normalised', verdict.normalized_email],
    ['Mail server', verdict.mx_host],
    ['Provider', verdict.provider],
    ['Credits charged', count(verdict.credits_charged)],
  ].filter(([, value]) => value !== null && value !== undefined && value !== '');
  return [
    h('h2', {}, 'Verdict'),
    h('div', { class: `card verdict-card verdict-${verdict.status}` },
      h('p', { class: 'verdict-status' }, h('span', { class: `badge badge-verdict-${verdict.status}` }, verdict.status)),
      h('p', { class: 'verdict-meaning' }, STATUSES[verdict.status] ?? verdict.status),
      h('p', { class: 'verdict-reason' }, 'Why: ',
        REASONS[verdict.reason] ?? verdict.reason.replaceAll('_', ' '), h('span', { class: 'reason-code' },
          ` (${verdict.reason})`)),
      verdict.suggestion
        ? h('p', { class: 'verdict-suggestion' }, 'Did you mean ', h('strong', {}, verdict.suggestion), '?')
        : null,
      flags.length
        ? h('div', {}, h('h3', {}, 'Also worth knowing'), h('ul', { class: 'verdict-flags' }, flags))
        : null,
      h('dl', { class: 'facts' }, facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]))),
  ];
}
