import { useState, type ReactNode } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';

/** A text or number field: its label, an optional hint, and the error the API named it in (announced). */
export function Field({
  name,
  label,
  hint,
  defaultValue,
  isRequired,
  type = 'text',
  inputMode,
  isDisabled,
  labelValues,
}: {
  name: string;
  label: MessageKey;
  labelValues?: Record<string, string>;
  hint?: MessageKey;
  defaultValue?: string | number | null;
  isRequired?: boolean;
  type?: 'text' | 'date' | 'url' | 'email' | 'datetime-local';
  inputMode?: 'decimal' | 'text';
  isDisabled?: boolean;
}) {
  const i18n = useI18n();
  return (
    <TextField
      name={name}
      type={type}
      isRequired={isRequired}
      isDisabled={isDisabled}
      defaultValue={defaultValue == null ? '' : String(defaultValue)}
      className="field"
    >
      <Label>{i18n.t(label, labelValues)}</Label>
      <Input data-testid={`field-${name}`} inputMode={inputMode} />
      {hint && <Text slot="description">{i18n.t(hint)}</Text>}
      <FieldError />
    </TextField>
  );
}

/** A decimal from a field, a comma or a point as its separator; undefined when empty, NaN when not a number. */
export function numberOf(data: FormData, name: string): number | undefined {
  const text = String(data.get(name) ?? '').trim();
  return text === '' ? undefined : Number(text.replace(',', '.'));
}

export function textOf(data: FormData, name: string): string | undefined {
  const text = String(data.get(name) ?? '').trim();
  return text === '' ? undefined : text;
}

/**
 * A form that sends its values to the API: a refused answer naming one of its fields shows beside that field
 * (React Aria's validationErrors), any other as an alert above the submit button.
 */
export function ApiForm({
  testId,
  submit,
  submitLabel,
  onDone,
  children,
}: {
  testId: string;
  submit: (data: FormData) => Promise<unknown>;
  submitLabel: MessageKey;
  onDone?: () => void;
  children: ReactNode;
}) {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      className="admin-form"
      data-testid={testId}
      validationErrors={fieldErrors}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        setBusy(true);
        setError(null);
        setFieldErrors({});
        submit(data)
          .then(() => onDone?.())
          .catch((e: unknown) => {
            const refusal = e instanceof ApiError ? e : null;
            // `limits/0/max` names the permit's limits, which have no one field: those go to the alert.
            const field = refusal?.field?.split(/[./[]/)[0];
            const input = field
              ? form.querySelector<HTMLInputElement>(`input[name="${CSS.escape(field)}"]`)
              : null;
            if (refusal && field && input) {
              setFieldErrors({ [field]: refusal.message });
              input.focus();
            } else if (refusal?.status === 409) setError(i18n.t('codeTaken'));
            else if (refusal?.status === 403) setError(i18n.t('forbidden'));
            else setError(refusal ? refusal.message : i18n.t('saveFailed'));
          })
          .finally(() => setBusy(false));
      }}
    >
      {/* A field the API refused is valid again once edited (else its custom validity blocks the next submit). */}
      <div
        className="form-body"
        onInput={(event) => {
          const name = (event.target as HTMLInputElement).name;
          if (name in fieldErrors)
            setFieldErrors((errors) =>
              Object.fromEntries(Object.entries(errors).filter(([key]) => key !== name)),
            );
        }}
      >
        {children}
      </div>
      {error && (
        <p role="alert" className="form-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      {Object.keys(fieldErrors).length > 0 && (
        <p role="alert" className="form-error">
          {i18n.t('fixFields')}
        </p>
      )}
      <Button type="submit" className="button primary" isDisabled={busy} data-testid={`${testId}-submit`}>
        {busy ? i18n.t('saving') : i18n.t(submitLabel)}
      </Button>
    </Form>
  );
}
