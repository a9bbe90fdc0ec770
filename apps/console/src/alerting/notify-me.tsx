import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { NotificationPreferences, Severity } from '../../../dashboard/public/api-types';
import { apiGet, apiSend, ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { bilingualName } from '../registry/registry-pages';
import { hrefOf } from '../route';
import { ApiForm, Field, textOf } from '../ui/form-fields';
import { LoadState } from '../ui/load-state';
import { SeverityChoice, severityLabel, useParks } from './alerting-ui';

/**
 * "Notify me" (#/me/notifications): every signed-in user chooses for themselves which alerts they are told of
 * (every park they may see or some of them, the topics, the lowest severity) and how: in the notification
 * centre, and by e-mail to the address they give (GET/PUT /api/me/notification-preferences).
 */
type Topic = NotificationPreferences['topics'][number];
const TOPICS: readonly Topic[] = ['exceedance', 'no_data', 'waste', 'data_quality'];

function NotifyMeForm({ current }: { current: NotificationPreferences }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const parks = useParks();
  const [allParks, setAllParks] = useState(current.parkIds === null);
  const [byEmail, setByEmail] = useState(current.email !== null);
  const [saved, setSaved] = useState(false);
  return (
    <ApiForm
      testId="notify-me-form"
      submitLabel="save"
      onDone={() => setSaved(true)}
      submit={async (data) => {
        setSaved(false);
        const email = textOf(data, 'email');
        if (byEmail && !email) throw new ApiError(400, i18n.t('alertingEmailNeeded'), 'email');
        const answer = await apiSend(
          'PUT',
          '/api/me/notification-preferences',
          {},
          {
            parkIds: allParks ? null : data.getAll('parkIds').map(Number),
            topics: data.getAll('topics').map(String) as Topic[],
            minSeverity: String(data.get('minSeverity')) as Severity,
            inApp: data.get('inApp') !== null,
            email: byEmail ? (email ?? null) : null,
          },
        );
        queryClient.setQueryData(['alerting', 'me'], answer);
      }}
    >
      <RadioGroup
        name="parksMode"
        value={allParks ? 'all' : 'chosen'}
        onChange={(value) => setAllParks(value === 'all')}
        className="choice"
      >
        <Label>{i18n.t('alertingNotifyParks')}</Label>
        <Radio value="all" data-testid="notify-parks-all">
          {i18n.t('alertingNotifyAllParks')}
        </Radio>
        <Radio value="chosen" data-testid="notify-parks-chosen">
          {i18n.t('alertingNotifyChosenParks')}
        </Radio>
      </RadioGroup>
      {!allParks && (
        <CheckboxGroup
          name="parkIds"
          isRequired
          defaultValue={(current.parkIds ?? []).map(String)}
          className="choice park-choices"
        >
          <Label>{i18n.t('alertingNotifyParksList')}</Label>
          {(parks.data ?? []).map((park) => (
            <Checkbox key={park.id} value={String(park.id)} data-testid={`notify-park-${park.code}`}>
              {bilingualName(i18n, park)}
            </Checkbox>
          ))}
          <FieldError />
        </CheckboxGroup>
      )}
      <CheckboxGroup name="topics" defaultValue={current.topics} className="choice">
        <Label>{i18n.t('alertingNotifyTopics')}</Label>
        {TOPICS.map((topic) => (
          <Checkbox key={topic} value={topic} data-testid={`notify-topic-${topic}`}>
            {i18n.t(`alertingTopic_${topic}` as MessageKey)}
          </Checkbox>
        ))}
        <Text slot="description">{i18n.t('alertingNotifyTopicsHint')}</Text>
      </CheckboxGroup>
      <SeverityChoice name="minSeverity" label="alertingMinSeverity" defaultValue={current.minSeverity} />
      <fieldset className="own-limits">
        <legend>{i18n.t('alertingNotifyChannels')}</legend>
        <div className="choice">
          <Checkbox name="inApp" value="true" defaultSelected={current.inApp} data-testid="notify-in-app">
            {i18n.t('alertingNotifyInApp')}
          </Checkbox>
          <Checkbox isSelected={byEmail} onChange={setByEmail} data-testid="notify-by-email">
            {i18n.t('alertingNotifyByEmail')}
          </Checkbox>
        </div>
        {byEmail && (
          <Field
            name="email"
            label="alertingEmail"
            hint="alertingNotifyEmailHint"
            type="email"
            defaultValue={current.email}
          />
        )}
      </fieldset>
      {saved && (
        <p role="status" className="status-line" data-testid="notify-me-saved">
          {i18n.t('alertingNotifySaved')}
        </p>
      )}
    </ApiForm>
  );
}

export function NotifyMePage() {
  const i18n = useI18n();
  const preferences = useQuery({
    queryKey: ['alerting', 'me'],
    queryFn: () => apiGet('/api/me/notification-preferences'),
  });
  const current = preferences.data;
  return (
    <div className="alerting" data-testid="notify-me">
      <h1>{i18n.t('alertingNotifyMeTitle')}</h1>
      <p className="intro">{i18n.t('alertingNotifyMeIntro')}</p>
      <LoadState isError={preferences.isError} isLoading={preferences.isLoading} />
      {current && (
        <p className="status-line" data-testid="notify-me-summary" data-subscribed={current.subscribed}>
          {current.subscribed
            ? i18n.t('alertingNotifySummary', {
                topics: current.topics.map((t) => i18n.t(`alertingTopic_${t}` as MessageKey)).join(', '),
                severity: severityLabel(i18n, current.minSeverity),
              })
            : i18n.t('alertingNotifyNone')}
        </p>
      )}
      {current && (
        <section className="panel" aria-labelledby="notify-me-form-title">
          <h2 id="notify-me-form-title">{i18n.t('alertingNotifyFormTitle')}</h2>
          <NotifyMeForm current={current} />
        </section>
      )}
      <p>
        <a href={hrefOf({ screen: 'notifications' })}>{i18n.t('alertingToNotifications')}</a>
      </p>
    </div>
  );
}
