import { useQuery } from '@tanstack/react-query';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { Severity } from '../../../dashboard/public/api-types';
import { apiGet } from '../api/client';
import { useI18n, type MessageKey, type Translator } from '../i18n/i18n';

/** What the alert settings and "notify me" share: the severities, worded and chosen, and the parks. */
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export const severityLabel = (i18n: Translator, severity: Severity): string =>
  i18n.t(`alertingSeverity_${severity}` as MessageKey);

export function useParks() {
  return useQuery({ queryKey: ['registry', 'parks'], queryFn: () => apiGet('/api/parks') });
}

export function SeverityChoice({
  name,
  label,
  defaultValue,
}: {
  name: string;
  label: MessageKey;
  defaultValue: Severity;
}) {
  const i18n = useI18n();
  return (
    <RadioGroup
      name={name}
      isRequired
      defaultValue={defaultValue}
      orientation="horizontal"
      className="choice"
    >
      <Label>{i18n.t(label)}</Label>
      {SEVERITIES.map((severity) => (
        <Radio key={severity} value={severity} data-testid={`${name}-${severity}`}>
          {severityLabel(i18n, severity)}
        </Radio>
      ))}
      <FieldError />
    </RadioGroup>
  );
}
