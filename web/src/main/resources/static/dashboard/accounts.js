// Accounts: sign-in (with the two-factor step), sign-up, and confirming the address with the mailed code.

import * as api from './api.js';
import { h, field, notice, submitting } from './ui.js';

const OIDC_ERRORS = {
  email_not_verified: 'Google has not verified that address, so it cannot sign you in.',
  account_suspended: 'This account is suspended.',
  totp_required: 'This account has two-factor sign-in on: sign in with your password and code instead.',
  sign_in_failed: 'Signing in with Google failed. Try again, or use your password.',
};

export async function signInPage({ url, message, go }) {
  const providers = await signInProviders();
  const errors = notice('error');
  const info = notice('info');
  if (message) {
    info.show(message.text, message.kind);
  } else if (url.searchParams.has('oidc_error')) {
    info.show(OIDC_ERRORS[url.searchParams.get('oidc_error')] || OIDC_ERRORS.sign_in_failed, 'error');
  }
  const next = safeNext(url.searchParams.get('next'));

  const totpStep = h('div', { class: 'totp-step', hidden: true },
    h('p', {}, 'Two-factor sign-in is on for this account. Enter the 6-digit code from your authenticator app, or one of your recovery codes.'),
    field('Authentication code', { name: 'totp', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 32 }));

  const form = h('form', { class: 'card form', novalidate: false },
    field('Email', { name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254 }),
    field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    totpStep,
    errors,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));

  submitting(form, errors, async (data) => {
    const totp = totpStep.hidden ? null : data.get('totp').trim();
    try {
      await api.signIn(data.get('email').trim(), data.get('password'), totp);
    } catch (error) {
      if (error instanceof api.ApiError && error.is('totp-required')) {
        if (totpStep.hidden) {
          totpStep.hidden = false;
          form.querySelector('[name=totp]').focus();
          return;
        }
        throw new api.ApiError(401, { detail: 'That code is not right (or was already used). Try the current one.' });
      }
      throw error;
    }
    go(next, { replace: true });
  });

  return {
    title: 'Sign in',
    content: [h('section', { class: 'narrow' },
      h('h1', {}, 'Sign in to MailSift'),
      info,
      form,
      providers.length ? h('div', { class: 'external-sign-in' },
        h('p', { class: 'or' }, 'or'),
        // a plain link: the browser leaves for the provider and comes back signed in (decisions/0016)
        providers.map((provider) => h('a', {
          href: provider.sign_in_url, class: `button secondary external-provider provider-${provider.id}`,
        }, `Sign in with ${provider.name}`))) : null,
      h('p', { class: 'aside' }, h('a', { href: '/reset-password' }, 'Forgot your password?')),
      h('p', { class: 'aside' }, 'New here? ', h('a', { href: '/sign-up' }, 'Create an account')))],
  };
}

/** Forgot the password: a code is mailed, and the code with a new password sets it. */
export function resetPasswordPage({ go }) {
  const errors = notice('error');
  const info = notice('info');
  const codeStep = h('div', { class: 'form', hidden: true },
    field('Code from the mail', { name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 32 }),
    field('New password (10 to 72 characters)', {
      name: 'new_password', type: 'password', autocomplete: 'new-password', minlength: 10, maxlength: 72,
    }));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Mail me a code');
  const form = h('form', { class: 'card form' },
    field('Email', { name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254 }),
    codeStep,
    errors,
    submit);
  submitting(form, errors, async (data) => {
    const email = data.get('email').trim();
    if (codeStep.hidden) {
      await api.post('/api/v1/auth/password-reset', { email }, { anonymous: true });
      info.show(`If ${email} has an account, a code is on its way there. It works for 30 minutes.`, 'info');
      codeStep.hidden = false;
      codeStep.querySelectorAll('input').forEach((input) => { input.required = true; });
      submit.textContent = 'Set new password';
      form.querySelector('[name=code]').focus();
      return;
    }
    await api.post('/api/v1/auth/password-reset/confirm',
      { email, code: data.get('code').trim(), new_password: data.get('new_password') }, { anonymous: true });
    go('/sign-in', { replace: true, message: { kind: 'success', text: 'Your password is reset. Sign in with the new one.' } });
  });
  return {
    title: 'Reset your password',
    content: [h('section', { class: 'narrow' },
      h('h1', {}, 'Reset your password'),
      info,
      form,
      h('p', { class: 'aside' }, h('a', { href: '/sign-in' }, 'Back to sign in')))],
  };
}

export function signUpPage({ go }) {
  const errors = notice('error');
  const form = h('form', { class: 'card form' },
    field('Email', { name: 'email', type: 'email', autocomplete: 'email', required: true, maxlength: 254 }),
    field('Password (10 to 72 characters)', {
      name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10, maxlength: 72,
    }),
    errors,
    h('button', { type: 'submit', class: 'primary' }, 'Create account'));

  submitting(form, errors, async (data) => {
    const email = data.get('email').trim();
    await api.post('/api/v1/users', { email, password: data.get('password') }, { anonymous: true });
    // an unconfirmed account may sign in and look around; confirming comes next
    await api.signIn(email, data.get('password'));
    go('/confirm-email');
  });

  return {
    title: 'Create an account',
    content: [h('section', { class: 'narrow' },
      h('h1', {}, 'Create your account'),
      form,
      h('p', { class: 'aside' }, 'Already have one? ', h('a', { href: '/sign-in' }, 'Sign in')))],
  };
}

export async function confirmEmailPage({ message, go }) {
  const account = await api.get('/api/v1/account');
  if (account.email_confirmed) {
    return {
      title: 'Email confirmed',
      content: [h('section', { class: 'narrow' }, h('h1', {}, 'Your email is confirmed'),
        h('p', {}, h('a', { href: '/' }, 'Go to your dashboard')))],
    };
  }
  const errors = notice('error');
  const info = notice('info');
  if (message) {
    info.show(message.text, message.kind);
  }
  const form = h('form', { class: 'card form' },
    field('Confirmation code', {
      name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6,
      required: true,
    }),
    errors,
    h('button', { type: 'submit', class: 'primary' }, 'Confirm email'));
  submitting(form, errors, async (data) => {
    await api.post('/api/v1/auth/confirm-email', { email: account.email, code: data.get('code').trim() },
      { anonymous: true });
    go('/', { replace: true, message: { kind: 'success', text: 'Your email is confirmed.' } });
  });
  const resend = h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      resend.disabled = true;
      try {
        await api.post('/api/v1/auth/confirm-email/resend', { email: account.email }, { anonymous: true });
        info.show(`If a new code may be sent now, it is on its way to ${account.email}.`, 'info');
      } finally {
        resend.disabled = false;
      }
    },
  }, 'Send a new code');

  return {
    title: 'Confirm your email',
    content: [h('section', { class: 'narrow' },
      h('h1', {}, 'Confirm your email'),
      h('p', {}, `Enter the 6-digit code we mailed to ${account.email}. Until then you can look around, but not verify lists.`),
      info,
      form,
      h('p', { class: 'aside' }, 'No mail? ', resend))],
  };
}

/** The external sign-ins the server offers (none unless Google sign-in is configured). */
async function signInProviders() {
  try {
    return (await api.send('GET', '/api/v1/auth/providers', undefined, { anonymous: true })).providers;
  } catch {
    return []; // the password form still works; its own call says if the server is unreachable
  }
}

/** Only a path of this site, so a crafted link cannot send the person elsewhere after signing in. */
function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
