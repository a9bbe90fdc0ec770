import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { ParkDto, StationDetailDto } from '../../../dashboard/public/api-types';
import { apiGet, apiSend, currentSession } from '../api/client';
import { VerdictBadge } from '../board/verdict';
import { useI18n, type MessageKey, type Translator } from '../i18n/i18n';
import { DataTable } from '../ui/data-table';
import { ApiForm, Field, numberOf, textOf } from '../ui/form-fields';
import { localDay } from '../ui/days';
import { LoadState } from '../ui/load-state';
import { CadencesPanel } from './cadences-panel';
import { PermitsPanel } from './permits-panel';
import { hrefOf } from '../route';

/** Officers and admins change the registry; the API refuses anyone else, and the forms are not offered. */
export const canEditRegistry = (): boolean => {
  const role = currentSession()?.user.role;
  return role === 'admin' || role === 'officer';
};

export const bilingualName = (i18n: Translator, item: { name: string; nameVi: string | null }): string =>
  i18n.language === 'vi' ? (item.nameVi ?? item.name) : item.name;

const coordinates = (i18n: Translator, item: { latitude: number | null; longitude: number | null }) =>
  item.latitude === null || item.longitude === null
    ? i18n.t('noCoordinates')
    : `${item.latitude.toFixed(4)}, ${item.longitude.toFixed(4)}`;

export function Breadcrumbs({ trail }: { trail: { href: string; label: string }[] }) {
  const i18n = useI18n();
  return (
    <nav aria-label={i18n.t('breadcrumbs')} className="breadcrumbs">
      <ol>
        <li>
          <a href={hrefOf({ screen: 'parks' })}>{i18n.t('registryTitle')}</a>
        </li>
        {trail.map((step) => (
          <li key={step.href}>
            <a href={step.href}>{step.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function CoordinateFields({ item }: { item?: { latitude: number | null; longitude: number | null } }) {
  return (
    <div className="field-row">
      <Field
        name="latitude"
        label="latitude"
        hint="latitudeHint"
        inputMode="decimal"
        defaultValue={item?.latitude}
      />
      <Field
        name="longitude"
        label="longitude"
        hint="longitudeHint"
        inputMode="decimal"
        defaultValue={item?.longitude}
      />
    </div>
  );
}

interface Named {
  name: string;
  nameVi: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A park's or a station's names and coordinates, corrected in place (an emptied coordinate is cleared). */
function NamesEditForm({
  testId,
  title,
  item,
  save,
  onSaved,
}: {
  testId: string;
  title: 'parkEditTitle' | 'stationEditTitle';
  item: Named;
  save: (body: {
    nameVi?: string;
    name?: string;
    latitude: number | null;
    longitude: number | null;
  }) => Promise<unknown>;
  onSaved: () => void;
}) {
  const i18n = useI18n();
  return (
    <section className="panel" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{i18n.t(title)}</h2>
      <ApiForm
        testId={testId}
        submitLabel="save"
        onDone={onSaved}
        submit={(data) =>
          save({
            nameVi: textOf(data, 'nameVi'),
            name: textOf(data, 'name'),
            latitude: numberOf(data, 'latitude') ?? null,
            longitude: numberOf(data, 'longitude') ?? null,
          })
        }
      >
        <Field name="nameVi" label="nameVi" isRequired defaultValue={item.nameVi} />
        <Field name="name" label="nameEn" defaultValue={item.name} />
        <CoordinateFields item={item} />
      </ApiForm>
    </section>
  );
}

/** A new item leaves an empty coordinate out. */
const coordinatesOf = (data: FormData) => ({
  latitude: numberOf(data, 'latitude'),
  longitude: numberOf(data, 'longitude'),
});

export function ParksPage() {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const parks = useQuery({ queryKey: ['registry', 'parks'], queryFn: () => apiGet('/api/parks') });
  const editable = canEditRegistry();
  return (
    <div className="registry" data-testid="registry-parks">
      <h1>{i18n.t('registryTitle')}</h1>
      <p className="intro">{i18n.t(editable ? 'registryIntro' : 'registryIntroReadOnly')}</p>
      <LoadState isError={parks.isError} isLoading={parks.isLoading} />
      {parks.data && (
        <section className="panel" aria-labelledby="parks-list-title">
          <h2 id="parks-list-title">{i18n.t('parksListTitle')}</h2>
          <DataTable
            testId="parks-table"
            rows={parks.data}
            rowKey={(park) => park.code}
            rowProps={(park) => ({ 'data-park': park.code })}
            columns={[
              {
                header: 'code',
                cell: (park) => <a href={hrefOf({ screen: 'park', code: park.code })}>{park.code}</a>,
              },
              { header: 'park', cell: (park) => bilingualName(i18n, park) },
              { header: 'plantsCount', cell: (park) => park.treatmentPlants.length },
              {
                header: 'stationsCount',
                cell: (park) => park.treatmentPlants.reduce((n, p) => n + p.stations.length, 0),
              },
              { header: 'coordinates', cell: (park) => coordinates(i18n, park) },
            ]}
          />
        </section>
      )}
      {editable && (
        <section className="panel" aria-labelledby="park-new-title">
          <h2 id="park-new-title">{i18n.t('parkNewTitle')}</h2>
          <ApiForm
            testId="park-form"
            submitLabel="register"
            submit={async (data) => {
              const park = await apiSend(
                'POST',
                '/api/parks',
                {},
                {
                  code: String(data.get('code')).trim(),
                  nameVi: String(data.get('nameVi')).trim(),
                  name: textOf(data, 'name'),
                  ...coordinatesOf(data),
                },
              );
              await queryClient.invalidateQueries({ queryKey: ['registry'] });
              window.location.hash = hrefOf({ screen: 'park', code: park.code });
            }}
          >
            <Field name="code" label="code" hint="codeHint" isRequired />
            <Field name="nameVi" label="nameVi" isRequired />
            <Field name="name" label="nameEn" hint="nameEnHint" />
            <CoordinateFields />
          </ApiForm>
        </section>
      )}
    </div>
  );
}

export function ParkPage({ code }: { code: string }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const park = useQuery({
    queryKey: ['registry', 'park', code],
    queryFn: () => apiGet('/api/parks/{code}', { params: { code } }),
  });
  const editable = canEditRegistry();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['registry'] });
  const data = park.data;
  return (
    <div className="registry" data-testid="registry-park">
      <Breadcrumbs trail={data ? [{ href: hrefOf({ screen: 'park', code }), label: code }] : []} />
      <h1>{data ? bilingualName(i18n, data) : code}</h1>
      <LoadState isError={park.isError} isLoading={park.isLoading} />
      {data && (
        <>
          <dl className="facts">
            <dt>{i18n.t('code')}</dt>
            <dd>{data.code}</dd>
            <dt>{i18n.t('nameVi')}</dt>
            <dd lang="vi">{data.nameVi ?? '—'}</dd>
            <dt>{i18n.t('nameEn')}</dt>
            <dd lang="en">{data.name}</dd>
            <dt>{i18n.t('coordinates')}</dt>
            <dd>{coordinates(i18n, data)}</dd>
          </dl>
          {data.treatmentPlants.map((plant) => (
            <section
              key={plant.code}
              className="panel"
              aria-labelledby={`plant-${plant.id}`}
              data-plant={plant.code}
            >
              <h2 id={`plant-${plant.id}`}>
                {i18n.t('plant')}: {bilingualName(i18n, plant)} ({plant.code})
              </h2>
              {plant.stations.length === 0 ? (
                <p className="note">{i18n.t('noStationsYet')}</p>
              ) : (
                <DataTable
                  rows={plant.stations}
                  rowKey={(station) => station.id}
                  rowProps={(station) => ({ 'data-station': station.code })}
                  columns={[
                    {
                      header: 'code',
                      cell: (station) => (
                        <a href={hrefOf({ screen: 'station', id: station.id })}>{station.code}</a>
                      ),
                    },
                    { header: 'station', cell: (station) => bilingualName(i18n, station) },
                    {
                      header: 'kind',
                      cell: (station) => i18n.t(station.kind === 'outlet' ? 'kindOutlet' : 'kindInlet'),
                    },
                    {
                      header: 'stationState',
                      cell: (station) =>
                        station.retiredOn
                          ? i18n.t('retiredOn', { day: station.retiredOn })
                          : i18n.t('inService'),
                    },
                  ]}
                />
              )}
            </section>
          ))}
          {editable && <ParkForms park={data} onSaved={() => void refresh()} />}
        </>
      )}
    </div>
  );
}

function ParkForms({ park, onSaved }: { park: ParkDto; onSaved: () => void }) {
  const i18n = useI18n();
  return (
    <>
      <section className="panel" aria-labelledby="plant-new-title">
        <h2 id="plant-new-title">{i18n.t('plantNewTitle')}</h2>
        <ApiForm
          key={park.treatmentPlants.length /* a fresh, empty form once a plant is added */}
          testId="plant-form"
          submitLabel="register"
          onDone={onSaved}
          submit={(data) =>
            apiSend(
              'POST',
              '/api/parks/{code}/treatment-plants',
              { code: park.code },
              {
                code: String(data.get('code')).trim(),
                nameVi: String(data.get('nameVi')).trim(),
                name: textOf(data, 'name'),
                designCapacityM3PerDay: numberOf(data, 'designCapacityM3PerDay'),
              },
            )
          }
        >
          <Field name="code" label="code" isRequired />
          <Field name="nameVi" label="nameVi" isRequired />
          <Field name="name" label="nameEn" hint="nameEnHint" />
          <Field name="designCapacityM3PerDay" label="designCapacity" inputMode="decimal" />
        </ApiForm>
      </section>
      {park.treatmentPlants.length > 0 && (
        <section className="panel" aria-labelledby="station-new-title">
          <h2 id="station-new-title">{i18n.t('stationNewTitle')}</h2>
          <StationForm park={park} />
        </section>
      )}
      <NamesEditForm
        testId="park-edit-form"
        title="parkEditTitle"
        item={park}
        onSaved={onSaved}
        save={(body) => apiSend('PATCH', '/api/parks/{code}', { code: park.code }, body)}
      />
    </>
  );
}

function StationForm({ park }: { park: ParkDto }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  return (
    <ApiForm
      testId="station-form"
      submitLabel="register"
      submit={async (data) => {
        const station = await apiSend(
          'POST',
          '/api/stations',
          {},
          {
            plantCode: String(data.get('plantCode')),
            code: String(data.get('code')).trim(),
            kind: data.get('kind') === 'inlet' ? 'inlet' : 'outlet',
            nameVi: String(data.get('nameVi')).trim(),
            name: textOf(data, 'name'),
            ...coordinatesOf(data),
          },
        );
        await queryClient.invalidateQueries({ queryKey: ['registry'] });
        window.location.hash = hrefOf({ screen: 'station', id: station.id });
      }}
    >
      <RadioGroup name="plantCode" isRequired defaultValue={park.treatmentPlants[0]?.code} className="choice">
        <Label>{i18n.t('plant')}</Label>
        {park.treatmentPlants.map((plant) => (
          <Radio key={plant.code} value={plant.code}>
            {bilingualName(i18n, plant)} ({plant.code})
          </Radio>
        ))}
        <FieldError />
      </RadioGroup>
      <Field name="code" label="code" hint="codeHint" isRequired />
      <Field name="nameVi" label="nameVi" isRequired />
      <Field name="name" label="nameEn" hint="nameEnHint" />
      <RadioGroup name="kind" isRequired defaultValue="outlet" className="choice" orientation="horizontal">
        <Label>{i18n.t('kind')}</Label>
        <Radio value="outlet" data-testid="kind-outlet">
          {i18n.t('kindOutlet')}
        </Radio>
        <Radio value="inlet">{i18n.t('kindInlet')}</Radio>
        <FieldError />
      </RadioGroup>
      <CoordinateFields />
    </ApiForm>
  );
}

export function StationPage({ id }: { id: number }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const station = useQuery({
    queryKey: ['registry', 'station', id],
    queryFn: () => apiGet('/api/stations/{id}', { params: { id } }),
  });
  const editable = canEditRegistry();
  const data = station.data;
  return (
    <div className="registry" data-testid="registry-station">
      <Breadcrumbs
        trail={
          data
            ? [
                { href: hrefOf({ screen: 'park', code: data.parkCode }), label: data.parkCode },
                { href: hrefOf({ screen: 'station', id }), label: data.code },
              ]
            : []
        }
      />
      <h1>{data ? bilingualName(i18n, data) : i18n.t('station')}</h1>
      <LoadState isError={station.isError} isLoading={station.isLoading} />
      {data && (
        <>
          <dl className="facts">
            <dt>{i18n.t('code')}</dt>
            <dd>{data.code}</dd>
            <dt>{i18n.t('plant')}</dt>
            <dd>{data.plantCode}</dd>
            <dt>{i18n.t('kind')}</dt>
            <dd>{i18n.t(data.kind === 'outlet' ? 'kindOutlet' : 'kindInlet')}</dd>
            <dt>{i18n.t('coordinates')}</dt>
            <dd>{coordinates(i18n, data)}</dd>
            <dt>{i18n.t('stationState')}</dt>
            <dd data-testid="station-state">
              {data.retiredOn ? i18n.t('retiredOn', { day: data.retiredOn }) : i18n.t('inService')}
            </dd>
          </dl>
          <p>
            <a href={hrefOf({ screen: 'stationData', id })} data-testid="station-data-link">
              {i18n.t('dataOpen')}
            </a>
          </p>
          <JudgedDays stationId={id} />
          <PermitsPanel stationId={id} editable={editable} />
          <CadencesPanel station={data} editable={editable} />
          {editable && (
            <StationForms
              station={data}
              onSaved={() => void queryClient.invalidateQueries({ queryKey: ['registry'] })}
            />
          )}
        </>
      )}
    </div>
  );
}

function StationForms({ station, onSaved }: { station: StationDetailDto; onSaved: () => void }) {
  const i18n = useI18n();
  const [retiring, setRetiring] = useState(false);
  return (
    <>
      <NamesEditForm
        testId="station-edit-form"
        title="stationEditTitle"
        item={station}
        onSaved={onSaved}
        save={(body) => apiSend('PATCH', '/api/stations/{id}', { id: station.id }, body)}
      />
      {station.active && (
        <section className="panel" aria-labelledby="station-retire-title">
          <h2 id="station-retire-title">{i18n.t('retireTitle')}</h2>
          <p className="note">{i18n.t('retireNote')}</p>
          {retiring ? (
            <ApiForm
              testId="retire-form"
              submitLabel="retire"
              onDone={onSaved}
              submit={(data) =>
                apiSend(
                  'POST',
                  '/api/stations/{id}/retire',
                  { id: station.id },
                  {
                    retiredOn: textOf(data, 'retiredOn'),
                    reason: String(data.get('reason')).trim(),
                  },
                )
              }
            >
              <Field name="retiredOn" label="retiredOnField" type="date" defaultValue={localDay()} />
              <Field name="reason" label="reason" isRequired />
            </ApiForm>
          ) : (
            <Button className="button" onPress={() => setRetiring(true)}>
              {i18n.t('retire')}
            </Button>
          )}
        </section>
      )}
    </>
  );
}

/**
 * The station's days as the compliance worker judged them, newest first: those of `days` ([from, to) local
 * days), by default the last month and a half.
 */
export function JudgedDays({
  stationId,
  days: span,
  title = 'judgedDaysTitle',
}: {
  stationId: number;
  days?: { from: string; to: string };
  title?: MessageKey;
}) {
  const i18n = useI18n();
  const from = span?.from ?? localDay(-45);
  const to = span?.to ?? localDay(1);
  const days = useQuery({
    queryKey: ['registry', 'station-days', stationId, from, to],
    queryFn: () =>
      apiGet('/api/stations/{id}/compliance', {
        params: { id: stationId },
        query: { from, to },
      }),
    refetchInterval: 15_000,
  });
  const judged = [...(days.data?.days ?? [])].reverse();
  return (
    <section className="panel" aria-labelledby="judged-days-title">
      <h2 id="judged-days-title">{i18n.t(title)}</h2>
      <LoadState isError={days.isError} isLoading={days.isLoading} />
      {days.data && judged.length === 0 && <p className="note">{i18n.t('noJudgedDays')}</p>}
      {judged.length > 0 && (
        <div className="grid-scroll">
          <table className="data-table" data-testid="judged-days">
            <thead>
              <tr>
                <th scope="col">{i18n.t('day')}</th>
                <th scope="col">{i18n.t('verdict')}</th>
                <th scope="col">{i18n.t('permitColumn')}</th>
                <th scope="col">{i18n.t('reasonsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {judged.map((day) => (
                <tr key={day.day} data-day={day.day} data-verdict={day.verdict}>
                  <td>{day.day}</td>
                  <td>
                    <VerdictBadge status={day.verdict} provisional={day.provisional ?? false} />
                  </td>
                  <td>{day.permitId === null ? '—' : `#${day.permitId}`}</td>
                  <td>
                    {day.reasons.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="reasons">
                        {day.reasons.map((reason, i) => (
                          <li key={i}>{i18n.reason(reason)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
