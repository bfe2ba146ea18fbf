// Buying credits: the catalogue, Stripe Checkout, and the page Checkout sends the person back to.

import * as api from './api.js';
import { h, notice, count, money, describe, when } from './ui.js';

/** While a returning checkout's payment clears, it is asked about again this often, for at most ten minutes. */
const PAYMENT_POLL_MS = 3000;
const PAYMENT_POLLS = 200;

export async function billingPage({ url, signal, go }) {
  const checkoutId = url.searchParams.get('checkout');
  // the checkout first: reading a paid one records the purchase
  const checkout = checkoutId && checkoutId !== 'cancelled' ? await readCheckout(checkoutId) : null;
  const [account, catalogue, ledger] = await Promise.all([
    api.get('/api/v1/account'),
    api.get('/api/v1/billing/catalogue'),
    api.get('/api/v1/billing/ledger?size=20'),
  ]);
  const errors = notice('error');
  const outcome = notice('info');
  if (checkoutId === 'cancelled') {
    outcome.show('Checkout cancelled: nothing was charged.', 'info');
  } else if (checkout) {
    outcome.show(checkout.text, checkout.kind);
  }

  /** offer: {pack: id} or {plan: id} */
  const buy = async (offer, button) => {
    button.disabled = true;
    errors.show('');
    try {
      const session = await api.post('/api/v1/billing/checkout', offer);
      location.assign(session.url); // Stripe Checkout, which sends the browser back to /billing?checkout=…
    } catch (error) {
      button.disabled = false;
      if (error instanceof api.SessionEnded) {
        throw error;
      }
      errors.show(error instanceof api.ApiError && error.is('billing-not-configured')
        ? 'Buying credits is not available on this server: no payment provider is configured. '
          + 'Ask the operator to set up Stripe, or to grant you credits.'
        : describe(error));
    }
  };

  return {
    title: 'Credits',
    // a payment still clearing: the page shows the credits when they come, without a reload
    started: () => {
      if (checkout?.pending) {
        waitForPayment(checkoutId, signal, go);
      } else if (checkout?.pack && !ledger.entries.some((entry) => entry.reference === packGrant(checkoutId))) {
        waitForGrant(checkoutId, signal, go);
      }
    },
    content: [
      h('h1', {}, 'Credits'),
      outcome,
      h('section', { class: 'tiles', 'aria-label': 'Your balance' },
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, 'Credits available'),
          h('p', { class: 'tile-value credits-available' }, count(account.credits_available))),
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, 'Reserved by running jobs'),
          h('p', { class: 'tile-value credits-reserved' }, count(account.credits_reserved)))),
      h('h2', {}, 'Buy a pack'),
      h('p', {}, 'One credit verifies one address. Pack credits never expire.'),
      errors,
      h('div', { class: 'packs' }, catalogue.packs.map((pack) => {
        const button = h('button', {
          type: 'button', class: 'primary', 'aria-label': `Buy ${count(pack.credits)} credits`,
          onclick: () => buy({ pack: pack.id }, button),
        }, 'Buy');
        return h('article', { class: 'card pack' },
          h('h3', {}, `${count(pack.credits)} credits`),
          h('p', { class: 'price' }, money(pack.amount, pack.currency)),
          h('p', { class: 'per-credit' }, `${money(pack.amount * 1000 / pack.credits, pack.currency)} per 1,000 addresses`),
          button);
      })),
      catalogue.plans?.length ? [
        h('h2', {}, 'Or subscribe'),
        h('p', {}, 'Credits arrive with every paid period; the ones you do not use roll over.'),
        h('div', { class: 'packs' }, catalogue.plans.map((plan) => {
          const button = h('button', {
            type: 'button', class: 'secondary',
            'aria-label': `Subscribe to ${count(plan.credits_per_period)} credits a ${plan.interval}`,
            onclick: () => buy({ plan: plan.id }, button),
          }, 'Subscribe');
          return h('article', { class: 'card pack plan' },
            h('h3', {}, `${count(plan.credits_per_period)} credits a ${plan.interval}`),
            h('p', { class: 'price' }, `${money(plan.amount, plan.currency)} / ${plan.interval}`),
            h('p', { class: 'per-credit' },
              `${money(plan.amount * 1000 / plan.credits_per_period, plan.currency)} per 1,000 addresses`),
            button);
        }))] : null,
      statement(ledger),
    ].flat(),
  };
}

const KINDS = {
  granted: 'Added', reserved: 'Reserved', captured: 'Charged', released: 'Given back', expired: 'Hold expired',
  revoked: 'Taken back', written_off: 'Written off (already spent)', lapsed: 'Lapsed at period end',
};
const SOURCES = {
  operator: 'by an operator', sign_up: 'trial credits', pack_purchase: 'pack bought',
  subscription_period: 'subscription', job: 'list', refund: 'refund', dispute: 'lost dispute',
};

/** The latest movements of the balance, and all of them as a CSV file. */
function statement(ledger) {
  const errors = notice('error');
  const button = h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      button.disabled = true;
      errors.show('');
      try {
        await api.download('/api/v1/billing/ledger', 'credit-statement.csv', 'text/csv');
      } catch (error) {
        if (error instanceof api.SessionEnded) {
          throw error;
        }
        errors.show(describe(error));
      } finally {
        button.disabled = false;
      }
    },
  }, 'Download statement (CSV)');
  return h('section', { 'aria-labelledby': 'statement-heading' },
    h('div', { class: 'heading-row' }, h('h2', { id: 'statement-heading' }, 'Statement'),
      ledger.entries.length ? button : null),
    errors,
    ledger.entries.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'jobs statement' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'For'),
          h('th', { scope: 'col', class: 'number' }, 'Credits'), h('th', { scope: 'col', class: 'number' }, 'Available after'))),
        h('tbody', {}, ledger.entries.map((entry) => h('tr', {},
          h('td', {}, when(entry.time)),
          h('td', {}, KINDS[entry.kind] || entry.kind),
          h('td', {}, entry.source === 'job' && entry.reference
            ? h('a', { href: `/jobs/${entry.reference}` }, SOURCES.job)
            : SOURCES[entry.source] || entry.source || ''),
          h('td', { class: 'number' }, count(entry.amount)),
          h('td', { class: 'number' }, count(entry.available_after)))))))
      : h('p', { class: 'empty' }, 'No movements yet.'));
}

/** What the checkout Stripe sent the person back from came to. */
async function readCheckout(id) {
  try {
    const checkout = await api.get(`/api/v1/billing/checkout/${encodeURIComponent(id)}`);
    if (checkout.fulfilled) {
      return {
        kind: 'success', pack: !checkout.plan,
        text: checkout.plan
          ? `Subscribed: ${count(checkout.credits)} credits are added now and with every paid period.`
          : `Payment received: ${count(checkout.credits)} credits are added to your balance.`,
      };
    }
    if (checkout.payment_status === 'unpaid' && checkout.status === 'complete') {
      return {
        kind: 'info', pending: true,
        text: 'Your payment is being processed; the credits are added as soon as it clears.',
      };
    }
    if (checkout.status === 'expired') {
      return { kind: 'error', text: 'This checkout expired before it was paid; nothing was charged.' };
    }
    return { kind: 'info', pending: true, text: 'This checkout is not paid yet.' };
  } catch (error) {
    if (error instanceof api.ApiError) {
      return {
        kind: 'error',
        text: error.status === 404
          ? 'We could not find this checkout: nothing was bought with it.'
          : `We could not look up this checkout: ${error.message}`,
      };
    }
    throw error;
  }
}

/**
 * Asks about a checkout whose payment is clearing until Stripe has it paid (its signed webhook adds the credits, and
 * so does reading a paid checkout, once either way) or expired; then the page is drawn again with the outcome.
 */
async function waitForPayment(id, signal, go) {
  for (let attempt = 0; attempt < PAYMENT_POLLS; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, PAYMENT_POLL_MS));
    if (signal.aborted) {
      return;
    }
    let checkout;
    try {
      checkout = await api.get(`/api/v1/billing/checkout/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof api.SessionEnded) {
        throw error; // the app sends the person to sign in
      }
      continue; // asked again at the next turn
    }
    if (!signal.aborted && (checkout.fulfilled || checkout.status === 'expired')) {
      go(`/billing?checkout=${encodeURIComponent(id)}`, { replace: true });
      return;
    }
  }
}

/** The statement's reference of a pack's credits: the grant is keyed by its checkout. */
function packGrant(checkoutId) {
  return `checkout/${checkoutId}`;
}

/**
 * A pack's credits follow its purchase a moment later: until the statement shows them, the balance read with the
 * purchase may not include them yet, so the page is drawn again once it does (or left as it is after half a minute,
 * for a purchase whose credits are simply older than the statement's latest rows).
 */
async function waitForGrant(id, signal, go) {
  for (let attempt = 0; attempt < 30; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (signal.aborted) {
      return;
    }
    try {
      const ledger = await api.get('/api/v1/billing/ledger?size=20');
      if (ledger.entries.some((entry) => entry.reference === packGrant(id))) {
        if (!signal.aborted) {
          go(`/billing?checkout=${encodeURIComponent(id)}`, { replace: true });
        }
        return;
      }
    } catch (error) {
      if (error instanceof api.SessionEnded) {
        throw error;
      }
    }
  }
}
