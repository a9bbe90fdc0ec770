import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type {
  AlertRecipient,
  AlertRule,
  AlertSilence,
  ParkDto,
  Severity,
} from '../../../dashboard/public/api-types';
import { apiGet, apiSend, ApiError } from '../api/client';
import { useI18n, type MessageKey, type Translator } from '../i18n/i18n';
import { bilingualName, canEditRegistry } from '../registry/registry-pages';
import { hrefOf, type AlertingRoute } from '../route';
import { DataTable } from '../ui/data-table';
import { ApiForm, Field, numberOf, textOf } from '../ui/form-fields';
import { LoadState } from '../ui/load-state';
import { NotifyMePage } from './notify-me';
import { SeverityChoice, severityLabel, useParks } from './alerting-ui';

/**
 * The alert settings (issue 18.2, 18.7): rules (edit, disable), recipients (add, edit, remove) and silences
 * (add, end early), edited by officers and admins (the API refuses anyone else, and the forms are not
 * offered); and each user's own "notify me" (notify-me.tsx).
 */

type RuleKind = AlertRule['kind'];
const RULE_KINDS: readonly RuleKind[] = [
  'threshold',
  'window_mean',
  'rate_of_change',
  'daily_exceedance',
  'no_data',
  'device_offline',
  'status_stuck',
  'waste_violation',
  'data_quality',
];
type SettingName =
  'forSeconds' | 'clearForSeconds' | 'windowMinutes' | 'maxChangePerMinute' | 'minutes' | 'max' | 'min';
/** The settings an operator sets per kind (the rest keep their defaults). */
const SETTINGS_OF_KIND: Readonly<Record<RuleKind, readonly SettingName[]>> = {
  threshold: ['forSeconds', 'clearForSeconds', 'max', 'min'],
  window_mean: ['windowMinutes', 'clearForSeconds', 'max', 'min'],
  rate_of_change: ['maxChangePerMinute', 'clearForSeconds'],
  no_data: ['minutes'],
  device_offline: ['minutes'],
  status_stuck: ['minutes'],
  waste_violation: [],
  daily_exceedance: [],
  data_quality: [],
};

const kindLabel = (i18n: Translator, kind: RuleKind): string => i18n.t(`alertingKind_${kind}` as MessageKey);

function parkName(i18n: Translator, parks: readonly ParkDto[] | undefined, id: number | null): string {
  if (id === null) return i18n.t('alertingEveryPark');
  const park = parks?.find((p) => p.id === id);
  return park ? bilingualName(i18n, park) : `#${id}`;
}

/** The three settings screens, as links (the current one marked). */
function AlertingTabs({ current }: { current: AlertingRoute['screen'] }) {
  const i18n = useI18n();
  const tabs: { screen: AlertingRoute['screen']; label: MessageKey }[] = [
    { screen: 'alert-rules', label: 'alertingRulesTitle' },
    { screen: 'alert-recipients', label: 'alertingRecipientsTitle' },
    { screen: 'alert-silences', label: 'alertingSilencesTitle' },
  ];
  return (
    <nav className="sub-nav" aria-label={i18n.t('alertingNav')}>
      {tabs.map((tab) => (
        <a
          key={tab.screen}
          href={hrefOf({ screen: tab.screen })}
          aria-current={tab.screen === current ? 'page' : undefined}
          data-testid={`tab-${tab.screen}`}
        >
          {i18n.t(tab.label)}
        </a>
      ))}
    </nav>
  );
}

/** A choice among few options, or none ("every"), as the platform's select with its label. */
function Select({
  name,
  label,
  options,
  defaultValue,
  emptyLabel,
}: {
  name: string;
  label: MessageKey;
  options: readonly { value: string | number; label: string }[];
  defaultValue?: string | number | null;
  emptyLabel?: string;
}) {
  const i18n = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{i18n.t(label)}</label>
      <select
        id={id}
        name={name}
        className="select"
        defaultValue={defaultValue == null ? '' : String(defaultValue)}
        data-testid={`field-${name}`}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ParkSelect({ defaultValue }: { defaultValue?: number | null }) {
  const i18n = useI18n();
  const parks = useParks();
  return (
    <Select
      name="parkId"
      label="park"
      emptyLabel={i18n.t('alertingEveryPark')}
      defaultValue={defaultValue}
      options={(parks.data ?? []).map((park) => ({ value: park.id, label: bilingualName(i18n, park) }))}
    />
  );
}

/** A number from a field (empty: undefined), refused beside the field when it is not one. */
function checkedNumber(i18n: Translator, data: FormData, name: string): number | undefined {
  const value = numberOf(data, name);
  if (value !== undefined && !Number.isFinite(value))
    throw new ApiError(400, i18n.t('alertingNotANumber'), name);
  return value;
}

const parkIdOf = (data: FormData): number | null => {
  const value = String(data.get('parkId') ?? '');
  return value === '' ? null : Number(value);
};

/** An action on a row of a settings list; the list is read again after it. */
function useRowAction<T>(list: string, action: (row: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerting', list] }),
  });
}

/** A settings list: its load state, a failed row action announced, the panel with its title, or why it is empty. */
function ListPanel<Row>({
  id,
  title,
  empty,
  list,
  failed,
  children,
}: {
  id: string;
  title: MessageKey;
  empty?: MessageKey;
  list: { data?: Row[]; isError: boolean; isLoading: boolean };
  failed: boolean;
  children: (rows: Row[]) => ReactNode;
}) {
  const i18n = useI18n();
  return (
    <>
      <LoadState isError={list.isError} isLoading={list.isLoading} />
      {failed && (
        <p role="alert" className="form-error">
          {i18n.t('actionFailed')}
        </p>
      )}
      {list.data && (
        <section className="panel" aria-labelledby={id}>
          <h2 id={id}>{i18n.t(title)}</h2>
          {list.data.length === 0 && empty ? <p className="empty">{i18n.t(empty)}</p> : children(list.data)}
        </section>
      )}
    </>
  );
}

function settingsSummary(i18n: Translator, rule: AlertRule): string {
  const names = SETTINGS_OF_KIND[rule.kind].filter((name) => rule.settings[name] !== undefined);
  return names.length === 0
    ? i18n.t('alertingDefaults')
    : names
        .map((name) =>
          i18n.t(`alertingSettingShort_${name}` as MessageKey, { value: i18n.number(rule.settings[name]) }),
        )
        .join(', ');
}

function scopeOf(i18n: Translator, parks: readonly ParkDto[] | undefined, rule: AlertRule): string {
  const parts = [parkName(i18n, parks, rule.parkId)];
  if (rule.stationId !== null) parts.push(i18n.t('alertingStationNumber', { id: rule.stationId }));
  if (rule.parameter) parts.push(rule.parameter);
  return parts.join(' · ');
}

function RuleEditForm({ rule, onDone }: { rule: AlertRule; onDone: () => void }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const names = SETTINGS_OF_KIND[rule.kind];
  return (
    <section className="panel" aria-labelledby="rule-edit-title" data-testid="rule-edit">
      <h2 id="rule-edit-title">{i18n.t('alertingRuleEditTitle', { code: rule.code })}</h2>
      <ApiForm
        testId="rule-form"
        submitLabel="save"
        onDone={onDone}
        submit={async (data) => {
          const settings: Record<string, number> = {};
          for (const [name, value] of Object.entries(rule.settings))
            if (!names.includes(name as SettingName)) settings[name] = value;
          for (const name of names) {
            const value = checkedNumber(i18n, data, name);
            if (value !== undefined) settings[name] = value;
          }
          await apiSend(
            'PATCH',
            '/api/alerts/rules/{id}',
            { id: rule.id },
            { severity: String(data.get('severity')) as Severity, settings },
          );
          await queryClient.invalidateQueries({ queryKey: ['alerting', 'rules'] });
        }}
      >
        <SeverityChoice name="severity" label="alertingSeverity" defaultValue={rule.severity} />
        {names.length > 0 && (
          <div className="field-row">
            {names.map((name) => (
              <Field
                key={name}
                name={name}
                label={`alertingSetting_${name}` as MessageKey}
                hint="alertingSettingHint"
                inputMode="decimal"
                defaultValue={rule.settings[name]}
              />
            ))}
          </div>
        )}
      </ApiForm>
      <Button className="button" onPress={onDone}>
        {i18n.t('alertingCancel')}
      </Button>
    </section>
  );
}

function RulesPage({ editable }: { editable: boolean }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ['alerting', 'rules'], queryFn: () => apiGet('/api/alerts/rules') });
  const parks = useParks();
  const [editing, setEditing] = useState<number | null>(null);
  const toggle = useRowAction('rules', (rule: AlertRule) =>
    apiSend('PATCH', '/api/alerts/rules/{id}', { id: rule.id }, { enabled: !rule.enabled }),
  );
  const edited = rules.data?.find((rule) => rule.id === editing);
  return (
    <>
      <ListPanel id="rules-list-title" title="alertingRulesListTitle" list={rules} failed={toggle.isError}>
        {(rows) => (
          <DataTable
            testId="rules-table"
            rows={rows}
            rowKey={(rule) => rule.id}
            rowProps={(rule) => ({
              'data-rule': rule.code,
              'data-enabled': String(rule.enabled),
              'aria-current': rule.id === editing ? 'true' : undefined,
            })}
            columns={[
              { header: 'alertingRuleCode', cell: (rule) => rule.code },
              { header: 'alertingRuleKind', cell: (rule) => kindLabel(i18n, rule.kind) },
              { header: 'alertingScope', cell: (rule) => scopeOf(i18n, parks.data, rule) },
              {
                header: 'alertingSeverity',
                cell: (rule) => (
                  <span className={`severity severity-${rule.severity}`}>
                    {severityLabel(i18n, rule.severity)}
                  </span>
                ),
              },
              { header: 'alertingSettings', cell: (rule) => settingsSummary(i18n, rule) },
              {
                header: 'alertingRuleState',
                cell: (rule) => i18n.t(rule.enabled ? 'alertingEnabled' : 'alertingDisabled'),
              },
              ...(editable
                ? [
                    {
                      header: 'alertingActions' as const,
                      cell: (rule: AlertRule) => (
                        <span className="actions">
                          <Button
                            className="button"
                            data-testid={`rule-edit-${rule.code}`}
                            aria-label={i18n.t('alertingEditLabel', { name: rule.code })}
                            onPress={() => setEditing(rule.id)}
                          >
                            {i18n.t('alertingEdit')}
                          </Button>
                          <Button
                            className="button"
                            data-testid={`rule-toggle-${rule.code}`}
                            aria-label={i18n.t(
                              rule.enabled ? 'alertingDisableLabel' : 'alertingEnableLabel',
                              {
                                name: rule.code,
                              },
                            )}
                            isDisabled={toggle.isPending}
                            onPress={() => toggle.mutate(rule)}
                          >
                            {i18n.t(rule.enabled ? 'alertingDisable' : 'alertingEnable')}
                          </Button>
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </ListPanel>
      {editable && edited && <RuleEditForm key={edited.id} rule={edited} onDone={() => setEditing(null)} />}
      {editable && (
        <section className="panel" aria-labelledby="rule-new-title">
          <h2 id="rule-new-title">{i18n.t('alertingRuleNewTitle')}</h2>
          <ApiForm
            testId="rule-new-form"
            submitLabel="alertingCreate"
            submit={async (data) => {
              await apiSend(
                'POST',
                '/api/alerts/rules',
                {},
                {
                  code: String(data.get('code')).trim(),
                  kind: String(data.get('kind')) as RuleKind,
                  severity: String(data.get('newSeverity')) as Severity,
                  parkId: parkIdOf(data),
                  stationId: checkedNumber(i18n, data, 'stationId') ?? null,
                  parameter: textOf(data, 'parameter') ?? null,
                },
              );
              await queryClient.invalidateQueries({ queryKey: ['alerting', 'rules'] });
            }}
          >
            <div className="field-row">
              <Field name="code" label="alertingRuleCode" hint="alertingRuleCodeHint" isRequired />
              <Select
                name="kind"
                label="alertingRuleKind"
                defaultValue="threshold"
                options={RULE_KINDS.map((kind) => ({ value: kind, label: kindLabel(i18n, kind) }))}
              />
            </div>
            <SeverityChoice name="newSeverity" label="alertingSeverity" defaultValue="warning" />
            <div className="field-row">
              <ParkSelect />
              <Field
                name="stationId"
                label="alertingStationId"
                hint="alertingStationIdHint"
                inputMode="decimal"
              />
              <Field name="parameter" label="alertingParameter" hint="alertingParameterHint" />
            </div>
          </ApiForm>
        </section>
      )}
    </>
  );
}

const channelsOf = (i18n: Translator, r: AlertRecipient): string =>
  [
    r.email && `${i18n.t('alertingChannelEmail')}: ${r.email}`,
    r.webhookUrl && `${i18n.t('alertingChannelWebhook')}: ${r.webhookUrl}`,
    r.userId !== null && i18n.t('alertingChannelUser', { id: r.userId }),
  ]
    .filter(Boolean)
    .join('; ');

function RecipientForm({ recipient, onDone }: { recipient: AlertRecipient | null; onDone: () => void }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const testId = recipient ? 'recipient-form' : 'recipient-new-form';
  return (
    <section className="panel" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>
        {recipient
          ? i18n.t('alertingRecipientEditTitle', { name: recipient.name })
          : i18n.t('alertingRecipientNewTitle')}
      </h2>
      <ApiForm
        testId={testId}
        submitLabel={recipient ? 'save' : 'alertingCreate'}
        onDone={onDone}
        submit={async (data) => {
          const body = {
            name: String(data.get('name')).trim(),
            role: String(data.get('role')).trim(),
            parkId: parkIdOf(data),
            level: checkedNumber(i18n, data, 'level') ?? 0,
            minSeverity: String(data.get('minSeverity')) as Severity,
            email: textOf(data, 'email') ?? null,
            webhookUrl: textOf(data, 'webhookUrl') ?? null,
            userId: recipient?.userId ?? null,
          };
          if (recipient) await apiSend('PUT', '/api/alerts/recipients/{id}', { id: recipient.id }, body);
          else await apiSend('POST', '/api/alerts/recipients', {}, body);
          await queryClient.invalidateQueries({ queryKey: ['alerting', 'recipients'] });
        }}
      >
        <div className="field-row">
          <Field name="name" label="alertingRecipientName" isRequired defaultValue={recipient?.name} />
          <Field
            name="role"
            label="alertingRecipientRole"
            hint="alertingRecipientRoleHint"
            isRequired
            defaultValue={recipient?.role}
          />
        </div>
        <div className="field-row">
          <ParkSelect defaultValue={recipient?.parkId} />
          <Field
            name="level"
            label="alertingLevel"
            hint="alertingLevelHint"
            inputMode="decimal"
            defaultValue={recipient?.level ?? 0}
          />
        </div>
        <SeverityChoice
          name="minSeverity"
          label="alertingMinSeverity"
          defaultValue={recipient?.minSeverity ?? 'warning'}
        />
        <div className="field-row">
          <Field name="email" label="alertingEmail" defaultValue={recipient?.email} />
          <Field
            name="webhookUrl"
            label="alertingWebhook"
            hint="alertingWebhookHint"
            type="url"
            defaultValue={recipient?.webhookUrl}
          />
        </div>
      </ApiForm>
      {recipient && (
        <Button className="button" onPress={onDone}>
          {i18n.t('alertingCancel')}
        </Button>
      )}
    </section>
  );
}

function RecipientsPage({ editable }: { editable: boolean }) {
  const i18n = useI18n();
  const recipients = useQuery({
    queryKey: ['alerting', 'recipients'],
    queryFn: () => apiGet('/api/alerts/recipients'),
  });
  const parks = useParks();
  const [editing, setEditing] = useState<number | null>(null);
  const remove = useRowAction('recipients', (id: number) =>
    apiSend('DELETE', '/api/alerts/recipients/{id}', { id }, undefined as never),
  );
  const edited = recipients.data?.find((r) => r.id === editing);
  return (
    <>
      <ListPanel
        id="recipients-list-title"
        title="alertingRecipientsListTitle"
        empty="alertingRecipientsEmpty"
        list={recipients}
        failed={remove.isError}
      >
        {(rows) => (
          <DataTable
            testId="recipients-table"
            rows={rows}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-recipient': r.name })}
            columns={[
              { header: 'alertingRecipientName', cell: (r) => r.name },
              { header: 'alertingRecipientRole', cell: (r) => r.role },
              { header: 'park', cell: (r) => parkName(i18n, parks.data, r.parkId) },
              { header: 'alertingLevel', cell: (r) => r.level },
              { header: 'alertingMinSeverity', cell: (r) => severityLabel(i18n, r.minSeverity) },
              { header: 'alertingChannels', cell: (r) => channelsOf(i18n, r), className: 'document-ref' },
              ...(editable
                ? [
                    {
                      header: 'alertingActions' as const,
                      cell: (r: AlertRecipient) => (
                        <span className="actions">
                          <Button
                            className="button"
                            aria-label={i18n.t('alertingEditLabel', { name: r.name })}
                            onPress={() => setEditing(r.id)}
                          >
                            {i18n.t('alertingEdit')}
                          </Button>
                          <Button
                            className="button"
                            aria-label={i18n.t('alertingRemoveLabel', { name: r.name })}
                            isDisabled={remove.isPending}
                            onPress={() => remove.mutate(r.id)}
                          >
                            {i18n.t('alertingRemove')}
                          </Button>
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </ListPanel>
      {editable && edited && (
        <RecipientForm key={edited.id} recipient={edited} onDone={() => setEditing(null)} />
      )}
      {editable && <RecipientForm recipient={null} onDone={() => undefined} />}
    </>
  );
}

/** `datetime-local`'s value (the browser's local time, Hai Phong's for its users) `offset` ms from now. */
function localInputValue(offset: number): string {
  const at = new Date(Date.now() + offset);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function isoOf(i18n: Translator, data: FormData, name: string): string {
  const value = String(data.get(name) ?? '');
  const at = new Date(value);
  if (!value || Number.isNaN(at.getTime())) throw new ApiError(400, i18n.t('alertingNotATime'), name);
  return at.toISOString();
}

function silenceScope(i18n: Translator, parks: readonly ParkDto[] | undefined, s: AlertSilence): string {
  const parts = [parkName(i18n, parks, s.parkId)];
  if (s.stationId !== null) parts.push(i18n.t('alertingStationNumber', { id: s.stationId }));
  parts.push(s.ruleKind ? kindLabel(i18n, s.ruleKind) : i18n.t('alertingEveryKind'));
  return parts.join(' · ');
}

function SilencesPage({ editable }: { editable: boolean }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const silences = useQuery({
    queryKey: ['alerting', 'silences'],
    queryFn: () => apiGet('/api/alerts/silences'),
  });
  const parks = useParks();
  const end = useRowAction('silences', (id: number) =>
    apiSend('POST', '/api/alerts/silences/{id}/end', { id }, undefined as never),
  );
  return (
    <>
      <ListPanel
        id="silences-list-title"
        title="alertingSilencesListTitle"
        empty="alertingSilencesEmpty"
        list={silences}
        failed={end.isError}
      >
        {(rows) => (
          <DataTable
            testId="silences-table"
            rows={rows}
            rowKey={(s) => s.id}
            rowProps={(s) => ({ 'data-silence': s.id, 'data-state': s.state })}
            columns={[
              { header: 'alertingScope', cell: (s) => silenceScope(i18n, parks.data, s) },
              { header: 'alertingStartsAt', cell: (s) => i18n.time(s.startsAt) },
              { header: 'alertingEndsAt', cell: (s) => i18n.time(s.endsAt) },
              { header: 'alertingReason', cell: (s) => s.reason },
              { header: 'alertingCreatedBy', cell: (s) => s.createdBy ?? '' },
              {
                header: 'alertingSilenceState',
                cell: (s) => i18n.t(`alertingSilence_${s.state}` as MessageKey),
              },
              ...(editable
                ? [
                    {
                      header: 'alertingActions' as const,
                      cell: (s: AlertSilence) =>
                        s.state === 'active' || s.state === 'upcoming' ? (
                          <Button
                            className="button"
                            data-testid="silence-end"
                            aria-label={i18n.t(
                              s.state === 'active'
                                ? 'alertingEndSilenceLabel'
                                : 'alertingWithdrawSilenceLabel',
                              { reason: s.reason },
                            )}
                            isDisabled={end.isPending}
                            onPress={() => end.mutate(s.id)}
                          >
                            {i18n.t(s.state === 'active' ? 'alertingEndSilence' : 'alertingWithdrawSilence')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </ListPanel>
      {editable && (
        <section className="panel" aria-labelledby="silence-new-title">
          <h2 id="silence-new-title">{i18n.t('alertingSilenceNewTitle')}</h2>
          <p className="hint">{i18n.t('alertingSilenceIntro')}</p>
          <ApiForm
            testId="silence-form"
            submitLabel="alertingCreate"
            submit={async (data) => {
              const ruleKind = String(data.get('ruleKind') ?? '');
              await apiSend(
                'POST',
                '/api/alerts/silences',
                {},
                {
                  parkId: parkIdOf(data),
                  stationId: checkedNumber(i18n, data, 'stationId') ?? null,
                  ruleKind: ruleKind === '' ? null : (ruleKind as RuleKind),
                  startsAt: isoOf(i18n, data, 'startsAt'),
                  endsAt: isoOf(i18n, data, 'endsAt'),
                  reason: String(data.get('reason')).trim(),
                },
              );
              await queryClient.invalidateQueries({ queryKey: ['alerting', 'silences'] });
            }}
          >
            <div className="field-row">
              <ParkSelect />
              <Field
                name="stationId"
                label="alertingStationId"
                hint="alertingStationIdHint"
                inputMode="decimal"
              />
              <Select
                name="ruleKind"
                label="alertingRuleKind"
                emptyLabel={i18n.t('alertingEveryKind')}
                options={RULE_KINDS.map((kind) => ({ value: kind, label: kindLabel(i18n, kind) }))}
              />
            </div>
            <div className="field-row">
              <Field
                name="startsAt"
                label="alertingStartsAt"
                type="datetime-local"
                isRequired
                defaultValue={localInputValue(0)}
              />
              <Field
                name="endsAt"
                label="alertingEndsAt"
                type="datetime-local"
                isRequired
                defaultValue={localInputValue(2 * 3_600_000)}
              />
            </div>
            <Field name="reason" label="alertingReason" hint="alertingReasonHint" isRequired />
          </ApiForm>
        </section>
      )}
    </>
  );
}

const TITLES: Record<Exclude<AlertingRoute['screen'], 'notify-me'>, MessageKey> = {
  'alert-rules': 'alertingRulesTitle',
  'alert-recipients': 'alertingRecipientsTitle',
  'alert-silences': 'alertingSilencesTitle',
};

/** The alerting screens by route: the settings (with their tabs) or the user's own "notify me". */
export function AlertingScreen({ route }: { route: AlertingRoute }) {
  const i18n = useI18n();
  if (route.screen === 'notify-me') return <NotifyMePage />;
  const editable = canEditRegistry();
  return (
    <div className="alerting" data-testid={route.screen}>
      <h1>{i18n.t(TITLES[route.screen])}</h1>
      <AlertingTabs current={route.screen} />
      <p className="intro">{i18n.t(editable ? 'alertingIntro' : 'alertingIntroReadOnly')}</p>
      {route.screen === 'alert-rules' ? (
        <RulesPage editable={editable} />
      ) : route.screen === 'alert-recipients' ? (
        <RecipientsPage editable={editable} />
      ) : (
        <SilencesPage editable={editable} />
      )}
    </div>
  );
}
