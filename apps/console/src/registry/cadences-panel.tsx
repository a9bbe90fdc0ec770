import { useQueryClient } from '@tanstack/react-query';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { StationDetailDto } from '../../../dashboard/public/api-types';
import { apiSend } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { DataTable } from '../ui/data-table';
import { ApiForm, Field, numberOf } from '../ui/form-fields';

type Cadence = StationDetailDto['cadences'][number];

const SOURCE_KEYS: Record<Cadence['source'], MessageKey> = {
  station: 'cadenceSourceStation',
  default: 'cadenceSourceDefault',
  station_interval: 'cadenceSourceInterval',
};

/**
 * Each parameter's measurement cadence at the station (its analyser's cycle), which data capture counts a
 * day against: shown for everyone, registered by the Authority (an empty field goes back to the default).
 */
export function CadencesPanel({ station, editable }: { station: StationDetailDto; editable: boolean }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const minutes = (seconds: number) => i18n.number(seconds / 60);
  return (
    <section className="panel" aria-labelledby="cadences-title" data-testid="cadences">
      <h2 id="cadences-title">{i18n.t('cadencesTitle')}</h2>
      <p className="intro">{i18n.t('cadencesIntro')}</p>
      <DataTable
        testId="cadences-table"
        caption={i18n.t('cadencesTitle')}
        rows={station.cadences}
        rowKey={(c) => c.parameterCode}
        rowProps={(c) => ({ 'data-parameter': c.parameterCode, 'data-seconds': c.cadenceSeconds })}
        columns={[
          { header: 'cadenceParameter', cell: (c) => c.parameterCode },
          {
            header: 'cadenceEvery',
            cell: (c) => i18n.t('cadenceMinutesValue', { minutes: minutes(c.cadenceSeconds) }),
          },
          {
            header: 'cadencePerDay',
            cell: (c) => i18n.number(Math.floor(86_400 / c.cadenceSeconds)),
          },
          { header: 'cadenceSource', cell: (c) => i18n.t(SOURCE_KEYS[c.source]) },
        ]}
      />
      {editable && (
        <ApiForm
          testId="cadence-form"
          submitLabel="save"
          submit={async (data) => {
            const parameter = String(data.get('cadenceParameter'));
            const value = numberOf(data, 'cadenceMinutes');
            await apiSend(
              'PUT',
              '/api/stations/{id}/cadences/{parameter}',
              { id: station.id, parameter },
              { cadenceSeconds: value === undefined ? null : Math.round(value * 60) },
            );
            await queryClient.invalidateQueries({ queryKey: ['registry', 'station', station.id] });
          }}
        >
          <RadioGroup name="cadenceParameter" isRequired orientation="horizontal" className="choice">
            <Label>{i18n.t('cadenceParameter')}</Label>
            {station.cadences.map((c) => (
              <Radio key={c.parameterCode} value={c.parameterCode} data-testid={`cadence-${c.parameterCode}`}>
                {c.parameterCode}
              </Radio>
            ))}
            <FieldError />
          </RadioGroup>
          <Field name="cadenceMinutes" label="cadenceMinutes" hint="cadenceMinutesHint" inputMode="decimal" />
        </ApiForm>
      )}
    </section>
  );
}
