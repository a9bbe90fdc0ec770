import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { AdminDevice, User } from '../../../dashboard/public/api-types';
import { ApiError, apiGet, apiSend } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { hrefOf } from '../route';
import { DataTable } from '../ui/data-table';
import { ApiForm, Field, textOf } from '../ui/form-fields';
import { LoadState } from '../ui/load-state';

/**
 * The administration (admins only; the API refuses anyone else): device credentials (`#/admin/devices`) and
 * users (`#/admin/users`). A password the API answers once is shown once, in a marked box with a copy button.
 */
export function AdminScreen({ screen }: { screen: 'adminDevices' | 'adminUsers' }) {
  const i18n = useI18n();
  const tabs: { screen: 'adminDevices' | 'adminUsers'; label: MessageKey }[] = [
    { screen: 'adminDevices', label: 'adminDevicesTitle' },
    { screen: 'adminUsers', label: 'adminUsersTitle' },
  ];
  return (
    <div data-testid="admin">
      <h1>{i18n.t('adminTitle')}</h1>
      <nav aria-label={i18n.t('adminSections')} className="toolbar">
        {tabs.map((tab) => (
          <a
            key={tab.screen}
            href={hrefOf({ screen: tab.screen })}
            aria-current={screen === tab.screen ? 'page' : undefined}
            data-testid={`admin-tab-${tab.screen}`}
          >
            {i18n.t(tab.label)}
          </a>
        ))}
      </nav>
      {screen === 'adminDevices' ? <DevicesPanel /> : <UsersPanel />}
    </div>
  );
}

/** A secret the API answered this once: marked, with its account, a copy button and the warning. */
function OneTimeSecret({
  title,
  username,
  password,
  warning,
  onDone,
}: {
  title: string;
  username: string;
  password: string;
  warning: MessageKey;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the box, so a screen reader reads it and the keyboard is next to its buttons.
  useEffect(() => heading.current?.focus(), [password]);
  return (
    <section className="panel secret-box" aria-labelledby="secret-title" data-testid="one-time-secret">
      <h2 id="secret-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p className="secret-warning" data-testid="secret-warning">
        <strong>⚠ {i18n.t(warning)}</strong>
      </p>
      <dl className="secret-values">
        <dt>{i18n.t('adminSecretUsername')}</dt>
        <dd>
          <code>{username}</code>
        </dd>
        <dt>{i18n.t('adminSecretPassword')}</dt>
        <dd>
          <code data-testid="secret-password">{password}</code>
        </dd>
      </dl>
      <div className="toolbar">
        <Button
          className="button"
          data-testid="secret-copy"
          onPress={() =>
            void navigator.clipboard
              ?.writeText(password)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {i18n.t('adminCopy')}
        </Button>
        <span role="status">{copied ? i18n.t('adminCopied') : ''}</span>
        <Button className="button primary" data-testid="secret-done" onPress={onDone}>
          {i18n.t('adminSecretDone')}
        </Button>
      </div>
    </section>
  );
}

/** What a failed row action says (announced). */
function ActionError({ error }: { error: unknown }) {
  const i18n = useI18n();
  if (!error) return null;
  const message = error instanceof ApiError ? (error.body?.message ?? error.message) : String(error);
  return (
    <p role="alert" className="form-error" data-testid="admin-action-error">
      {i18n.t('adminActionFailed', { message })}
    </p>
  );
}

const RECENT_MS = 15 * 60_000;

/** Revoked; else the device's own presence; else recent messages; else never seen. */
function deviceStatus(device: AdminDevice): { key: MessageKey; tone: string; state: string } {
  if (!device.hasCredential) return { key: 'adminRevoked', tone: 'tone-bad', state: 'revoked' };
  const recent = device.lastMessageAt !== null && Date.now() - Date.parse(device.lastMessageAt) < RECENT_MS;
  if (device.online === true || (device.online === null && recent))
    return { key: 'adminOnline', tone: 'tone-good', state: 'online' };
  if (device.online === false || device.lastMessageAt !== null)
    return { key: 'adminOffline', tone: 'tone-warn', state: 'offline' };
  return { key: 'adminNeverSeen', tone: 'tone-none', state: 'never' };
}

function DevicesPanel() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  // Asked again every 5 s: a device's presence and last message change on their own.
  const devices = useQuery({
    queryKey: ['admin', 'devices'],
    queryFn: () => apiGet('/api/admin/devices'),
    refetchInterval: 5_000,
  });
  const [secret, setSecret] = useState<{ code: string; password: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'devices'] });
  const rotate = useMutation({
    mutationFn: (code: string) =>
      apiSend('POST', '/api/admin/devices/{code}/rotate', { code }, undefined as never),
    onSuccess: (issued) => {
      setSecret({ code: issued.code, password: issued.password });
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (code: string) =>
      apiSend('POST', '/api/admin/devices/{code}/revoke', { code }, undefined as never),
    onSuccess: () => void refresh(),
  });
  return (
    <>
      <h2>{i18n.t('adminDevicesTitle')}</h2>
      <p className="intro">{i18n.t('adminDevicesIntro')}</p>
      {secret && (
        <OneTimeSecret
          title={i18n.t('adminSecretTitle', { code: secret.code })}
          username={secret.code}
          password={secret.password}
          warning="adminSecretWarning"
          onDone={() => setSecret(null)}
        />
      )}
      <LoadState isError={devices.isError} isLoading={devices.isLoading} />
      <ActionError error={rotate.error ?? revoke.error} />
      <DataTable
        testId="admin-devices"
        caption={i18n.t('adminDevicesTitle')}
        rows={devices.data ?? []}
        rowKey={(d) => d.code}
        rowProps={(d) => ({
          'data-testid': 'device-row',
          'data-code': d.code,
          'data-status': deviceStatus(d).state,
        })}
        columns={[
          { header: 'adminDeviceCode', cell: (d) => <code>{d.code}</code> },
          { header: 'adminDeviceKind', cell: (d) => i18n.t(KIND_LABELS[d.kind]) },
          { header: 'adminPark', cell: (d) => d.parkCode },
          { header: 'adminStation', cell: (d) => d.stationCode ?? '—' },
          {
            header: 'adminStatus',
            cell: (d) => {
              const status = deviceStatus(d);
              return <span className={`badge ${status.tone}`}>{i18n.t(status.key)}</span>;
            },
          },
          {
            header: 'adminLastMessage',
            cell: (d) =>
              d.lastMessageAt ? (
                <span data-testid="last-message">
                  {i18n.time(d.lastMessageAt)}
                  {d.lastMessageKind && ` · ${i18n.t(`adminMessage_${d.lastMessageKind}`)}`}
                </span>
              ) : (
                i18n.t('adminNoMessage')
              ),
          },
          {
            header: 'adminActions',
            cell: (d) => (
              <span className="row-actions">
                <Button
                  className="button"
                  data-testid="device-rotate"
                  aria-label={i18n.t('adminRotateLabel', { code: d.code })}
                  isDisabled={rotate.isPending}
                  onPress={() => rotate.mutate(d.code)}
                >
                  {i18n.t('adminRotate')}
                </Button>
                {d.hasCredential && (
                  <Button
                    className="button"
                    data-testid="device-revoke"
                    aria-label={i18n.t('adminRevokeLabel', { code: d.code })}
                    isDisabled={revoke.isPending}
                    onPress={() => revoke.mutate(d.code)}
                  >
                    {i18n.t('adminRevoke')}
                  </Button>
                )}
              </span>
            ),
          },
        ]}
      />
      <section className="panel" aria-labelledby="issue-device-title">
        <h2 id="issue-device-title">{i18n.t('adminIssueTitle')}</h2>
        <ApiForm
          testId="device-form"
          submitLabel="adminIssue"
          submit={async (data) => {
            const issued = await apiSend(
              'POST',
              '/api/admin/devices',
              {},
              {
                code: textOf(data, 'code') ?? '',
                kind: (textOf(data, 'kind') ?? 'gateway') as AdminDevice['kind'],
                station: textOf(data, 'station'),
                park: textOf(data, 'park'),
              },
            );
            setSecret({ code: issued.code, password: issued.password });
            await refresh();
          }}
        >
          <Field name="code" label="adminDeviceCode" hint="adminDeviceCodeHint" isRequired />
          <RadioGroup
            name="kind"
            isRequired
            defaultValue="gateway"
            className="choice"
            orientation="horizontal"
          >
            <Label>{i18n.t('adminDeviceKind')}</Label>
            {(['analyzer', 'gateway', 'scale'] as const).map((kind) => (
              <Radio key={kind} value={kind} data-testid={`kind-${kind}`}>
                {i18n.t(KIND_LABELS[kind])}
              </Radio>
            ))}
            <FieldError />
          </RadioGroup>
          <Field name="station" label="adminDeviceStation" hint="adminDeviceStationHint" />
          <Field name="park" label="adminDevicePark" hint="adminDeviceParkHint" />
        </ApiForm>
      </section>
    </>
  );
}

const KIND_LABELS: Record<AdminDevice['kind'], MessageKey> = {
  analyzer: 'adminKindAnalyzer',
  gateway: 'adminKindGateway',
  scale: 'adminKindScale',
};

const ROLES = ['admin', 'officer', 'park_operator', 'manager'] as const;
type Role = (typeof ROLES)[number];

/** Park codes typed in one field, separated by commas or spaces. */
const parkCodesOf = (data: FormData): string[] =>
  (textOf(data, 'parkCodes') ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());

function RoleChoice({ defaultValue }: { defaultValue: Role }) {
  const i18n = useI18n();
  return (
    <RadioGroup name="role" isRequired defaultValue={defaultValue} className="choice">
      <Label>{i18n.t('adminRole')}</Label>
      {ROLES.map((role) => (
        <Radio key={role} value={role} data-testid={`role-${role}`}>
          {i18n.t(`adminRole_${role}`)}
        </Radio>
      ))}
      <FieldError />
    </RadioGroup>
  );
}

function UsersPanel() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => apiGet('/api/admin/users') });
  const parks = useQuery({ queryKey: ['registry', 'parks'], queryFn: () => apiGet('/api/parks') });
  const [editing, setEditing] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
  const codeOf = (id: number) => parks.data?.find((p) => p.id === id)?.code ?? String(id);
  const parkList = (user: User) => user.parkIds.map(codeOf).join(', ');
  const setDisabled = useMutation({
    mutationFn: ({ username, disabled }: { username: string; disabled: boolean }) =>
      disabled
        ? apiSend('POST', '/api/admin/users/{username}/disable', { username }, undefined as never)
        : apiSend('POST', '/api/admin/users/{username}/enable', { username }, undefined as never),
    onSuccess: () => void refresh(),
  });
  return (
    <>
      <h2>{i18n.t('adminUsersTitle')}</h2>
      <p className="intro">{i18n.t('adminUsersIntro')}</p>
      {secret && (
        <OneTimeSecret
          title={i18n.t('adminPasswordTitle', { username: secret.username })}
          username={secret.username}
          password={secret.password}
          warning="adminPasswordWarning"
          onDone={() => setSecret(null)}
        />
      )}
      <LoadState isError={users.isError} isLoading={users.isLoading} />
      <ActionError error={setDisabled.error} />
      <DataTable
        testId="admin-users"
        caption={i18n.t('adminUsersTitle')}
        rows={users.data ?? []}
        rowKey={(u) => u.username}
        rowProps={(u) => ({
          'data-testid': 'user-row',
          'data-username': u.username,
          'data-state': u.disabled ? 'disabled' : 'active',
        })}
        columns={[
          { header: 'adminUsername', cell: (u) => <code>{u.username}</code> },
          { header: 'adminName', cell: (u) => u.name },
          { header: 'adminRole', cell: (u) => i18n.t(`adminRole_${u.role}`) },
          {
            header: 'adminParkCodes',
            cell: (u) => (u.role === 'park_operator' ? parkList(u) : i18n.t('adminAllParks')),
          },
          {
            header: 'adminUserState',
            cell: (u) => (
              <span className={`badge ${u.disabled ? 'tone-bad' : 'tone-good'}`}>
                {i18n.t(u.disabled ? 'adminDisabled' : 'adminActive')}
              </span>
            ),
          },
          {
            header: 'adminActions',
            cell: (u) => (
              <span className="row-actions">
                <Button
                  className="button"
                  data-testid="user-edit"
                  aria-label={i18n.t('adminEditLabel', { username: u.username })}
                  onPress={() => setEditing(u)}
                >
                  {i18n.t('adminEdit')}
                </Button>
                <Button
                  className="button"
                  data-testid={u.disabled ? 'user-enable' : 'user-disable'}
                  aria-label={i18n.t(u.disabled ? 'adminEnableLabel' : 'adminDisableLabel', {
                    username: u.username,
                  })}
                  isDisabled={setDisabled.isPending}
                  onPress={() => setDisabled.mutate({ username: u.username, disabled: !u.disabled })}
                >
                  {i18n.t(u.disabled ? 'adminEnable' : 'adminDisable')}
                </Button>
              </span>
            ),
          },
        ]}
      />
      {editing && (
        <section className="panel" aria-labelledby="edit-user-title">
          <h2 id="edit-user-title">{i18n.t('adminEditUserTitle', { username: editing.username })}</h2>
          <ApiForm
            key={editing.username}
            testId="user-edit-form"
            submitLabel="adminSaveUser"
            submit={(data) => {
              const role = (textOf(data, 'role') ?? editing.role) as Role;
              return apiSend(
                'PATCH',
                '/api/admin/users/{username}',
                { username: editing.username },
                {
                  name: textOf(data, 'name'),
                  role,
                  parkCodes: role === 'park_operator' ? parkCodesOf(data) : [],
                },
              );
            }}
            onDone={() => {
              setEditing(null);
              void refresh();
            }}
          >
            <Field name="name" label="adminName" defaultValue={editing.name} isRequired />
            <RoleChoice defaultValue={editing.role} />
            <Field
              name="parkCodes"
              label="adminParkCodes"
              hint="adminParkCodesHint"
              defaultValue={editing.role === 'park_operator' ? parkList(editing) : ''}
            />
          </ApiForm>
          <Button className="button" onPress={() => setEditing(null)}>
            {i18n.t('adminCancel')}
          </Button>
        </section>
      )}
      <section className="panel" aria-labelledby="create-user-title">
        <h2 id="create-user-title">{i18n.t('adminCreateUserTitle')}</h2>
        <ApiForm
          testId="user-form"
          submitLabel="adminCreateUser"
          submit={async (data) => {
            const username = textOf(data, 'username') ?? '';
            // The API saves over an existing user (a password reset): creating here never does.
            if (users.data?.some((u) => u.username === username))
              throw new ApiError(409, i18n.t('adminUsernameTaken'), 'username');
            const role = (textOf(data, 'role') ?? 'officer') as Role;
            const saved = await apiSend(
              'POST',
              '/api/admin/users',
              {},
              {
                username,
                name: textOf(data, 'name') ?? '',
                role,
                parkCodes: role === 'park_operator' ? parkCodesOf(data) : undefined,
              },
            );
            if (saved.password) setSecret({ username, password: saved.password });
            await refresh();
          }}
        >
          <Field name="username" label="adminUsername" hint="adminUsernameHint" isRequired />
          <Field name="name" label="adminName" isRequired />
          <RoleChoice defaultValue="officer" />
          <Field name="parkCodes" label="adminParkCodes" hint="adminParkCodesHint" />
        </ApiForm>
      </section>
    </>
  );
}
