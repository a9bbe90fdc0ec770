// @ts-check
// The sign-in screen.

import { ApiError, login } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { langSwitch } from '../ui.js';

/**
 * @param {{ notice: string, onSignedIn: () => void, onLangChange: () => void }} o
 */
export function loginView(o) {
  const username = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
    'data-testid': 'login-username',
  });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const submit = h(
    'button',
    { class: 'button primary block', type: 'submit', 'data-testid': 'login-submit' },
    t('loginButton'),
  );
  const message = h(
    'p',
    { class: 'form-error', role: 'alert', 'data-testid': 'login-error', hidden: !o.notice },
    o.notice,
  );
  if (o.notice) message.classList.add('notice');

  const form = h(
    'form',
    {
      class: 'login-form',
      'data-testid': 'login-form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        void signIn();
      },
    },
    h('label', { for: 'login-username' }, t('username')),
    username,
    h('label', { for: 'login-password' }, t('password')),
    password,
    message,
    submit,
  );

  async function signIn() {
    if (!username.value.trim() || !password.value) {
      showError(t('loginFailed'));
      return;
    }
    submit.disabled = true;
    submit.textContent = t('loginBusy');
    try {
      await login(username.value.trim(), password.value);
      o.onSignedIn();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) showError(t('loginFailed'));
      else if (error instanceof ApiError && error.status === 429) showError(t('loginTooMany'));
      else showError(t('loginError', { message: error instanceof Error ? error.message : String(error) }));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('loginButton');
    }
  }

  /** @param {string} text */
  function showError(text) {
    message.classList.remove('notice');
    message.textContent = text;
    message.hidden = false;
  }

  queueMicrotask(() => username.focus());
  return h(
    'div',
    { class: 'login-page' },
    h(
      'div',
      { class: 'login-card', 'data-testid': 'login-page' },
      h(
        'div',
        { class: 'login-top' },
        h('div', { class: 'login-mark', 'aria-hidden': 'true' }, 'HP'),
        langSwitch(o.onLangChange),
      ),
      h('h1', {}, t('appTitle')),
      h('p', { class: 'lead' }, t('loginIntro')),
      h('h2', { class: 'login-heading' }, t('loginTitle')),
      form,
    ),
    h('p', { class: 'login-foot' }, t('appSubtitle')),
    // Decree 08/2022 Art. 102: the monitoring results anyone may read, one step from the sign-in.
    h(
      'p',
      { class: 'login-foot' },
      h('a', { href: 'disclosure.html', 'data-testid': 'public-disclosure-link' }, t('publicDisclosure')),
    ),
  );
}
