// Settings: the name and picture on the account, the password, two-factor sign-in.

import * as api from './api.js';
import { h, field, notice, submitting, when, copyable, describe } from './ui.js';
import { historySection } from './history.js';
import * as avatar from './avatar.js';

export async function settingsPage({ go, signal }) {
  const [account, keys] = await Promise.all([api.get('/api/v1/account'), api.get('/api/v1/api-keys'),
    avatar.ensure()]);
  return {
    title: 'Settings',
    content: [
      h('h1', {}, 'Settings'),
      h('p', {}, `Signed in as ${account.email}.`),
      profileSection(account),
      avatarSection(signal),
      passwordSection(go),
      twoFactorSection(account.two_factor_enabled),
      apiKeysSection(keys.api_keys),
      h('section', { 'aria-labelledby': 'history-heading' },
        h('h2', { id: 'history-heading' }, 'History'),
        historySection('/api/v1/account/history', 'Everything recorded about your account', 'account-history')),
    ],
  };
}

function profileSection(account) {
  const errors = notice('error');
  const form = h('form', { class: 'card form' },
    field('First name', { name: 'first_name', autocomplete: 'given-name', maxlength: 100, value: account.first_name || '' }),
    field('Last name', { name: 'last_name', autocomplete: 'family-name', maxlength: 100, value: account.last_name || '' }),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Save name')));
  submitting(form, errors, async (data) => {
    await api.send('PATCH', '/api/v1/account',
      { first_name: data.get('first_name').trim(), last_name: data.get('last_name').trim() });
    errors.show('Your name is saved.', 'success');
  });
  return h('section', { 'aria-labelledby': 'profile-heading' }, h('h2', { id: 'profile-heading' }, 'Your name'), form);
}

/** The picture shown in the nav: uploaded (the API re-encodes it), shown, removed. */
function avatarSection(signal) {
  const errors = notice('error');
  const shown = h('div', { class: 'avatar-current' });
  const input = h('input', {
    type: 'file', name: 'file', id: 'avatar-file', accept: avatar.TYPES.join(','), required: true,
    'aria-describedby': 'avatar-hint',
  });
  const remove = h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      remove.disabled = true;
      errors.show('');
      try {
        await api.send('DELETE', '/api/v1/account/avatar');
        avatar.removed();
        errors.show('Your picture is removed.', 'success');
      } catch (error) {
        if (error instanceof api.SessionEnded) {
          throw error;
        }
        errors.show(describe(error));
      } finally {
        remove.disabled = false;
      }
    },
  }, 'Remove picture');
  const draw = () => {
    const url = avatar.current();
    shown.replaceChildren(url
      ? h('img', { class: 'avatar-large', src: url, alt: 'Your picture', width: 96, height: 96 })
      : h('p', { class: 'empty avatar-none' }, 'No picture yet.'));
    remove.hidden = !url;
  };
  avatar.onChange(draw, signal);
  draw();

  const form = h('form', { class: 'card form avatar-form' },
    shown,
    h('div', { class: 'field' },
      h('label', { for: 'avatar-file' }, 'Picture file'),
      input,
      h('p', { class: 'hint', id: 'avatar-hint' },
        'PNG, JPEG or GIF, up to 2 MB and 4,096 pixels a side; shown at most 512 by 512 pixels.')),
    errors,
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, 'Upload picture'), remove));
  submitting(form, errors, async () => {
    const file = input.files[0];
    // told at once, before a byte is sent; the server checks again and its answer is shown as it says
    if (file.size > avatar.MAX_BYTES) {
      errors.show(`That file is ${megabytes(file.size)}; a picture may be at most 2 MB.`);
      return;
    }
    if (file.type && !avatar.TYPES.includes(file.type)) {
      errors.show('Choose a PNG, JPEG or GIF picture.');
      return;
    }
    const body = new FormData();
    body.append('file', file);
    await api.send('PUT', '/api/v1/account/avatar', body);
    form.reset();
    await avatar.reload();
    errors.show('Your picture is saved.', 'success');
  });
  return h('section', { 'aria-labelledby': 'avatar-heading', class: 'avatar-section' },
    h('h2', { id: 'avatar-heading' }, 'Your picture'), form);
}

function megabytes(bytes) {
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

function passwordSection(go) {
  const errors = notice('error');
  const form = h('form', { class: 'card form' },
    field('Current password', { name: 'current_password', type: 'password', autocomplete: 'current-password', required: true }),
    field('New password (10 to 72 characters)', {
      name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10, maxlength: 72,
    }),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Change password')));
  submitting(form, errors, async (data) => {
    await api.post('/api/v1/account/password',
      { current_password: data.get('current_password'), new_password: data.get('new_password') });
    // a password change ends every session, this one too
    api.forget();
    go('/sign-in', { replace: true, message: { kind: 'success', text: 'Your password is changed. Sign in with the new one.' } });
  });
  return h('section', { 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, 'Password'),
    h('p', {}, 'Changing it signs you out everywhere, this browser included.'),
    form);
}

function twoFactorSection(enabled) {
  const errors = notice('error');
  const body = h('div', { class: 'card form two-factor' });
  const start = (on) => body.replaceChildren(
    h('p', {}, on
      ? 'Two-factor sign-in is on: signing in also asks for a code from your authenticator app.'
      : 'With two-factor sign-in on, signing in also asks for a code from an authenticator app.'),
    errors,
    h('div', { class: 'button-row' }, on
      ? h('button', { type: 'button', class: 'secondary', onclick: turnOff }, 'Turn two-factor sign-in off')
      : h('button', { type: 'button', class: 'primary', onclick: enrol }, 'Set up two-factor sign-in')));

  async function enrol() {
    errors.show('');
    let enrolment;
    try {
      enrolment = await api.post('/api/v1/account/totp');
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 409) {
        errors.show('Two-factor sign-in is already on. Turn it off first to set up a new app.');
        return;
      }
      throw error;
    }
    const confirmErrors = notice('error');
    const form = h('form', { class: 'form' },
      field('Code from the app', { name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, required: true }),
      confirmErrors,
      h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Turn on')));
    submitting(form, confirmErrors, async (data) => {
      const answer = await api.post('/api/v1/account/totp/confirm', { code: data.get('code').trim() });
      body.replaceChildren(
        h('p', { class: 'notice notice-success', role: 'status' }, 'Two-factor sign-in is on.'),
        h('p', {}, 'Keep these recovery codes somewhere safe. Each signs you in once if you lose the app; they are shown only now.'),
        h('ul', { class: 'recovery-codes' }, answer.recovery_codes.map((code) => h('li', {}, h('code', {}, code)))));
    });
    body.replaceChildren(
      h('p', {}, 'Scan this code with your authenticator app, or type the key below into it. Then enter the 6-digit code it shows.'),
      h('img', { class: 'qr', src: enrolment.qr_png, alt: 'QR code of the two-factor key', width: 200, height: 200 }),
      h('p', {}, 'Key: ', h('code', { class: 'totp-secret' }, enrolment.secret)),
      form);
    form.querySelector('input').focus();
  }

  async function turnOff() {
    errors.show('');
    await api.send('DELETE', '/api/v1/account/totp');
    start(false);
    errors.show('Two-factor sign-in is off.', 'success');
  }

  start(enabled);
  return h('section', { 'aria-labelledby': 'two-factor-heading' }, h('h2', { id: 'two-factor-heading' }, 'Two-factor sign-in'), body);
}

/** Keys for programs: made here, shown once, revoked here. */
function apiKeysSection(initialKeys) {
  const errors = notice('error');
  const created = h('div', { class: 'new-key', hidden: true });
  const list = h('div', {});
  const draw = (keys) => list.replaceChildren(keys.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'jobs api-keys' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, 'Key starts'), h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Last used'), h('th', { scope: 'col' }, 'Expires'), h('th', { scope: 'col' }, 'State'))),
      h('tbody', {}, keys.map((key) => h('tr', {},
        h('td', {}, key.label), h('td', {}, h('code', {}, key.prefix)), h('td', {}, when(key.created_at)),
        h('td', {}, when(key.last_used_at)), h('td', {}, key.expires_at ? when(key.expires_at) : 'never'),
        h('td', {}, key.revoked_at ? 'revoked' : h('button', {
          type: 'button', class: 'secondary small', 'aria-label': `Revoke ${key.label}`,
          onclick: async () => {
            await api.send('DELETE', `/api/v1/api-keys/${key.id}`);
            draw((await api.get('/api/v1/api-keys')).api_keys);
          },
        }, 'Revoke')))))))
    : h('p', { class: 'empty' }, 'No API keys yet.'));
  draw(initialKeys);

  const form = h('form', { class: 'card form' },
    field('Label for a new key', { name: 'label', required: true, maxlength: 100 }),
    errors,
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Create key')));
  submitting(form, errors, async (data) => {
    const key = await api.post('/api/v1/api-keys', { label: data.get('label').trim() });
    form.reset();
    created.replaceChildren(
      h('p', { class: 'notice notice-success', role: 'status' },
        `Key "${key.label}" created. Copy it now: it is not shown again.`),
      copyable(key.key, 'api-key-value', 'Copy key'));
    created.hidden = false;
    draw((await api.get('/api/v1/api-keys')).api_keys);
  });
  return h('section', { 'aria-labelledby': 'api-keys-heading' },
    h('h2', { id: 'api-keys-heading' }, 'API keys'),
    h('p', {}, 'Programs call the API with a key: send it as Authorization: Bearer <key> or X-API-Key.'),
    created, list, form);
}
