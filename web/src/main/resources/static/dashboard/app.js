// The dashboard: one page whose routes are rendered in the browser from the JSON API.
// A route renders only once all it shows has loaded, so an ended session leads to the sign-in page, never to a
// half-filled one.

import * as api from './api.js';
import { h } from './ui.js';
import { signInPage, signUpPage, confirmEmailPage, resetPasswordPage } from './accounts.js';
import { homePage, uploadPage, jobsPage, jobPage } from './jobs.js';
import { verifyPage } from './verify.js';
import { billingPage } from './billing.js';
import { settingsPage } from './settings.js';
import { adminPage } from './admin.js';
import { webhooksPage, webhookPage } from './webhooks.js';
import { mayAudit, auditStreamPage, auditAggregatePage, auditStatePage, auditIntegrityPage, auditProcessorsPage } from './audit.js';
import * as avatar from './avatar.js';

const routes = [
  { path: /^\/$/, page: homePage },
  { path: /^\/sign-in$/, page: signInPage, anonymous: true },
  { path: /^\/sign-up$/, page: signUpPage, anonymous: true },
  { path: /^\/reset-password$/, page: resetPasswordPage, anonymous: true },
  { path: /^\/confirm-email$/, page: confirmEmailPage },
  { path: /^\/upload$/, page: uploadPage },
  { path: /^\/jobs$/, page: jobsPage },
  { path: /^\/jobs\/([A-Za-z0-9_-]{1,64})$/, page: jobPage },
  { path: /^\/verify$/, page: verifyPage },
  { path: /^\/billing$/, page: billingPage },
  { path: /^\/settings$/, page: settingsPage },
  { path: /^\/webhooks$/, page: webhooksPage },
  { path: /^\/webhooks\/([A-Za-z0-9_-]{1,64})$/, page: webhookPage },
  { path: /^\/admin$/, page: adminPage },
  { path: /^\/audit$/, page: auditStreamPage },
  { path: /^\/audit\/aggregate$/, page: auditAggregatePage },
  { path: /^\/audit\/state$/, page: auditStatePage },
  { path: /^\/audit\/integrity$/, page: auditIntegrityPage },
  { path: /^\/audit\/processors$/, page: auditProcessorsPage },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let leaving = new AbortController();

/** Goes to a route of the dashboard; message is shown on the page it lands on. */
export function go(url, { replace = false, message = null } = {}) {
  history[replace ? 'replaceState' : 'pushState']({ message }, '', url);
  render();
}

async function render() {
  leaving.abort(); // ends the previous page's live streams
  leaving = new AbortController();
  const url = new URL(location.href);
  const route = routes.find((candidate) => candidate.path.test(url.pathname));
  const context = {
    url,
    params: route ? route.path.exec(url.pathname).slice(1) : [],
    message: history.state?.message || null,
    signal: leaving.signal,
    go,
  };
  if (!route) {
    show('Page not found', [h('h1', {}, 'Page not found'),
      h('p', {}, 'There is nothing at this address. ', h('a', { href: '/' }, 'Go to your dashboard.'))]);
    return;
  }
  if (url.searchParams.has('oidc_error') && url.pathname !== '/sign-in') { // Google sign-in came back refused
    go(`/sign-in?oidc_error=${encodeURIComponent(url.searchParams.get('oidc_error'))}`, { replace: true });
    return;
  }
  if (route.anonymous && api.signedIn()) {
    go('/', { replace: true });
    return;
  }
  if (!route.anonymous && !api.signedIn()) {
    sessionEnded(`${url.pathname}${url.search}`);
    return;
  }
  if (api.role() === 'AUDITOR' && url.pathname === '/') { // an auditor reads the history and has no jobs
    go('/audit', { replace: true, message: context.message });
    return;
  }
  const signal = leaving.signal;
  try {
    const view = await route.page(context);
    if (!signal.aborted) {
      show(view.title, view.content);
      view.started?.();
      avatar.ensure(); // the nav shows the picture once it is read
    }
  } catch (error) {
    if (error instanceof api.SessionEnded) {
      sessionEnded(`${url.pathname}${url.search}`, error);
    } else if (!signal.aborted) {
      show('Something went wrong', [h('h1', {}, 'Something went wrong'),
        h('p', { role: 'alert', class: 'notice notice-error' },
          error instanceof api.ApiError ? error.message : 'The server could not be reached. Try again in a moment.'),
        h('p', {}, h('a', { href: url.pathname + url.search }, 'Try again'))]);
    }
  }
}

function show(title, content) {
  document.title = `${title} · MailSift`;
  renderNav();
  main.replaceChildren(...content.filter(Boolean));
  // move the focus to the new page's heading, as a full page load would
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function renderNav() {
  const current = location.pathname;
  const link = (href, ...text) => h('a', {
    href, 'aria-current': (href === '/' ? current === '/' : current.startsWith(href)) ? 'page' : false,
  }, ...text);
  const picture = avatar.current(); // decorative beside the link's own text, so no alternative text
  if (!api.signedIn()) {
    nav.replaceChildren(link('/sign-in', 'Sign in'), link('/sign-up', 'Create an account'));
    return;
  }
  // an auditor may only read the history and keep their own account: the API refuses them the rest
  const auditor = api.role() === 'AUDITOR';
  nav.replaceChildren(...[
    ...(auditor ? [] : [link('/', 'Home'), link('/upload', 'Upload a list'), link('/jobs', 'Jobs'),
      link('/verify', 'Verify an address'), link('/billing', 'Credits'), link('/webhooks', 'Webhooks')]),
    link('/settings', picture ? h('img', { class: 'nav-avatar', src: picture, alt: '', width: 24, height: 24 }) : null,
      'Settings'),
    mayAudit() ? link('/audit', 'Audit') : null,
    api.role() === 'ADMIN' ? link('/admin', 'Admin') : null,
    h('button', { type: 'button', class: 'link-button', onclick: signOut }, 'Sign out'),
  ].filter(Boolean));
}

async function signOut() {
  await api.signOut();
  go('/sign-in', { message: { kind: 'info', text: 'You have signed out.' } });
}

/** The session is over (or never was): to sign-in, saying why, and back to where the person was afterwards. */
function sessionEnded(returnTo, error = null) {
  const ended = api.hadSession();
  api.forget();
  if (error instanceof api.AccountSuspended) {
    go('/sign-in', {
      replace: true,
      message: { kind: 'error', text: 'Your account is suspended: you have been signed out. Contact support to have it reinstated.' },
    });
    return;
  }
  const next = returnTo && returnTo !== '/' ? `?next=${encodeURIComponent(returnTo)}` : '';
  go(`/sign-in${next}`, {
    replace: true,
    message: ended ? { kind: 'error', text: 'Your session has ended. Please sign in again.' } : null,
  });
}

/**
 * An open page learns that its session ended or its account was suspended when it next calls the API; a page
 * that calls nothing by itself asks when the person comes back to it, and once a minute while it is shown.
 */
async function checkStanding() {
  if (!api.signedIn() || document.visibilityState !== 'visible') {
    return;
  }
  try {
    await api.get('/api/v1/account');
  } catch (error) {
    if (error instanceof api.SessionEnded) {
      sessionEnded(location.pathname + location.search, error);
    } // anything else (the server unreachable for a moment) is for the page's own calls to report
  }
}

// links inside the dashboard change the route without reloading the page
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || event.defaultPrevented || event.button !== 0
      || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const url = new URL(link.href, location.href);
  if (url.hash && url.pathname === location.pathname) {
    return; // an anchor on this page (the skip link)
  }
  if (url.origin === location.origin && routes.some((route) => route.path.test(url.pathname))) {
    event.preventDefault();
    go(url.pathname + url.search);
  }
});

window.addEventListener('popstate', render);
avatar.onChange(() => renderNav());

// a form handler or live stream that found the session over
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof api.SessionEnded) {
    event.preventDefault();
    sessionEnded(location.pathname + location.search, event.reason);
  }
});

document.addEventListener('visibilitychange', checkStanding);
setInterval(checkStanding, 60_000);

try {
  await api.refresh(); // a session from before this page load, if any
} catch {
  // the server is unreachable: the route says so when its own calls fail
}
render();
