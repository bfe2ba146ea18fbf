// Settings: the name on the account, the password, two-factor sign-in.

import * as api from './api.js';
import { h, field, notice, submitting } from './ui.js';

export async function settingsPage({ go }) {
  const account = await api.get('/api/v1/account');
  return {
    title: 'Settings',
    content: [
      h('h1', {}, 'Settings'),
      h('p', {}, `Signed in as ${account.email}.`),
      profileSection(account),
      passwordSection(go),
      twoFactorSection(),
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

function twoFactorSection() {
  const errors = notice('error');
  const body = h('div', { class: 'card form two-factor' });
  const start = () => body.replaceChildren(
    h('p', {}, 'With two-factor sign-in on, signing in also asks for a code from an authenticator app.'),
    errors,
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'primary', onclick: enrol }, 'Set up two-factor sign-in'),
      h('button', { type: 'button', class: 'secondary', onclick: turnOff }, 'Turn two-factor sign-in off')));

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
    errors.show('Two-factor sign-in is off.', 'success');
  }

  start();
  return h('section', { 'aria-labelledby': 'two-factor-heading' }, h('h2', { id: 'two-factor-heading' }, 'Two-factor sign-in'), body);
}
