import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError, signIn } from '../api/client';
import { useI18n } from '../i18n/i18n';

export function SignIn() {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{i18n.t('signInTitle')}</h1>
      <Form
        data-testid="login-form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          signIn(String(data.get('username')), String(data.get('password'))).catch((e: unknown) => {
            setBusy(false);
            const status = e instanceof ApiError ? e.status : 0;
            setError(status === 401 ? i18n.t('signInFailed') : i18n.t('signInError', { status }));
          });
        }}
      >
        <TextField name="username" isRequired autoComplete="username">
          <Label>{i18n.t('username')}</Label>
          <Input data-testid="login-username" />
          <FieldError />
        </TextField>
        <TextField name="password" type="password" isRequired autoComplete="current-password">
          <Label>{i18n.t('password')}</Label>
          <Input data-testid="login-password" />
          <FieldError />
        </TextField>
        {error && (
          <p role="alert" className="form-error" data-testid="login-error">
            {error}
          </p>
        )}
        <Button type="submit" className="button primary" isDisabled={busy} data-testid="login-submit">
          {busy ? i18n.t('signingIn') : i18n.t('signIn')}
        </Button>
      </Form>
    </section>
  );
}
