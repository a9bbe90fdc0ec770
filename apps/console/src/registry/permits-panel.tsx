import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { StationPermitDto } from '../../../dashboard/public/api-types';
import { WATER_PARAMETER_CODES } from '../../../../libs/contracts/src/telemetry/parameters';
import { apiGet, apiSend, type SendBody } from '../api/client';
import { useI18n, type Translator } from '../i18n/i18n';
import { ApiForm, Field, numberOf, textOf } from '../ui/form-fields';

type PermitBody = SendBody<'POST', '/api/stations/{id}/permits'>;
type ParameterCode = PermitBody['parameters'][number];
const PARAMETERS: readonly ParameterCode[] = WATER_PARAMETER_CODES;
const STANDARD = 'QCVN40:2011';

const limitText = (i18n: Translator, limit: { min: number | null; max: number | null }) =>
  limit.min !== null && limit.max !== null
    ? i18n.t('limitRange', { min: limit.min, max: limit.max })
    : limit.min !== null
      ? i18n.t('limitMin', { min: limit.min })
      : limit.max !== null
        ? i18n.t('limitMax', { max: limit.max })
        : '—';

/** A station's permits, every version kept (a superseded one applies to no day), and the forms to record one. */
export function PermitsPanel({ stationId, editable }: { stationId: number; editable: boolean }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const permits = useQuery({
    queryKey: ['registry', 'permits', stationId],
    queryFn: () => apiGet('/api/stations/{id}/permits', { params: { id: stationId } }),
  });
  const [correcting, setCorrecting] = useState<StationPermitDto | null>(null);
  const [recording, setRecording] = useState(false);
  const saved = () => {
    setCorrecting(null);
    setRecording(false);
    void queryClient.invalidateQueries({ queryKey: ['registry'] });
  };
  return (
    <section className="panel" aria-labelledby="permits-title">
      <h2 id="permits-title">{i18n.t('permitsTitle')}</h2>
      {permits.data?.length === 0 && <p className="note">{i18n.t('noPermits')}</p>}
      {permits.data && permits.data.length > 0 && (
        <div className="grid-scroll">
          <table className="data-table" data-testid="permits-table">
            <caption className="visually-hidden">{i18n.t('permitsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('permitNumber')}</th>
                <th scope="col">{i18n.t('standardColumn')}</th>
                <th scope="col">Kq · Kf</th>
                <th scope="col">{i18n.t('parametersJudged')}</th>
                <th scope="col">{i18n.t('validity')}</th>
                <th scope="col">{i18n.t('documentRef')}</th>
                <th scope="col">{i18n.t('versionState')}</th>
              </tr>
            </thead>
            <tbody>
              {permits.data.map((permit) => (
                <tr key={permit.id} data-permit={permit.id} data-superseded={permit.supersededAt !== null}>
                  <th scope="row">
                    #{permit.id} {permit.permitNumber ?? '—'}
                  </th>
                  <td>
                    {permit.standardVersion} · {i18n.t('column', { column: permit.columnCode })}
                  </td>
                  <td>
                    {i18n.number(permit.kq ?? 1)} · {i18n.number(permit.kf ?? 1)}
                    {permit.permittedFlowM3PerDay !== null && (
                      <div className="note">
                        {i18n.t('permittedFlowValue', { flow: permit.permittedFlowM3PerDay })}
                      </div>
                    )}
                  </td>
                  <td>
                    <ul className="reasons">
                      {permit.parameters.map((code) => {
                        const own = permit.limits.find((l) => l.parameterCode === code);
                        return (
                          <li key={code}>
                            {code}
                            {own && ` ${limitText(i18n, own)}`}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                  <td>
                    {permit.effectiveTo
                      ? i18n.t('validFromTo', { from: permit.effectiveFrom, to: permit.effectiveTo })
                      : i18n.t('validFrom', { from: permit.effectiveFrom })}
                  </td>
                  <td className="document-ref">{permit.documentRef ?? '—'}</td>
                  <td>
                    {permit.supersededAt
                      ? i18n.t('supersededAt', { time: i18n.time(permit.supersededAt) })
                      : i18n.t('inForce')}
                    {permit.supersedes !== null && (
                      <div className="note">{i18n.t('correctsPermit', { id: permit.supersedes })}</div>
                    )}
                    {editable && permit.supersededAt === null && (
                      <Button
                        className="button"
                        data-testid={`supersede-${permit.id}`}
                        onPress={() => {
                          setRecording(false);
                          setCorrecting(permit);
                        }}
                      >
                        {i18n.t('supersede')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && !recording && !correcting && (
        <Button className="button" data-testid="permit-record" onPress={() => setRecording(true)}>
          {i18n.t('permitNew')}
        </Button>
      )}
      {editable && recording && (
        <div aria-labelledby="permit-new-title" role="group">
          <h3 id="permit-new-title">{i18n.t('permitNewTitle')}</h3>
          <PermitForm
            testId="permit-form"
            onDone={saved}
            submit={(body) => apiSend('POST', '/api/stations/{id}/permits', { id: stationId }, body)}
          />
        </div>
      )}
      {editable && correcting && (
        <div aria-labelledby="permit-supersede-title" role="group">
          <h3 id="permit-supersede-title">{i18n.t('supersedeTitle', { id: correcting.id })}</h3>
          <p className="note">{i18n.t('supersedeNote')}</p>
          <PermitForm
            testId="supersede-form"
            permit={correcting}
            onDone={saved}
            submit={(body, reason) =>
              apiSend(
                'POST',
                '/api/permits/{id}/supersede',
                { id: correcting.id },
                { ...body, reason: reason ?? '' },
              )
            }
          />
        </div>
      )}
    </section>
  );
}

/** Record a permit, or (given `permit`) its corrected version with a reason. */
function PermitForm({
  testId,
  permit,
  submit,
  onDone,
}: {
  testId: string;
  permit?: StationPermitDto;
  submit: (body: PermitBody, reason?: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const [judged, setJudged] = useState<string[]>(permit?.parameters ?? ['pH', 'TSS', 'COD', 'NH4']);
  const own = (code: string) => permit?.limits.find((l) => l.parameterCode === code);
  return (
    <ApiForm
      testId={testId}
      submitLabel={permit ? 'supersede' : 'register'}
      onDone={onDone}
      submit={(data) => {
        const parameters = judged as ParameterCode[];
        const limits = parameters
          .map((code) => ({
            parameterCode: code,
            min: numberOf(data, `min-${code}`),
            max: numberOf(data, `max-${code}`),
          }))
          .filter((l) => l.min !== undefined || l.max !== undefined);
        const flow = numberOf(data, 'permittedFlowM3PerDay');
        const kf = numberOf(data, 'kf');
        const body: PermitBody = {
          permitNumber: String(data.get('permitNumber')).trim(),
          standardVersion: String(data.get('standardVersion')).trim(),
          columnCode: (String(data.get('columnCode')) || 'B') as PermitBody['columnCode'],
          kq: numberOf(data, 'kq') ?? null,
          ...(kf !== undefined
            ? { kf, kfReason: textOf(data, 'kfReason') }
            : { permittedFlowM3PerDay: flow }),
          parameters,
          limits,
          effectiveFrom: String(data.get('effectiveFrom')),
          effectiveTo: textOf(data, 'effectiveTo') ?? null,
          documentRef: textOf(data, 'documentRef') ?? null,
        };
        return submit(body, textOf(data, 'reason'));
      }}
    >
      <Field
        name="permitNumber"
        label="permitNumber"
        hint="permitNumberHint"
        isRequired
        defaultValue={permit?.permitNumber}
      />
      <div className="field-row">
        <Field
          name="standardVersion"
          label="standardVersion"
          isRequired
          defaultValue={permit?.standardVersion ?? STANDARD}
        />
        <RadioGroup
          name="columnCode"
          isRequired
          defaultValue={permit?.columnCode ?? 'B'}
          orientation="horizontal"
          className="choice"
        >
          <Label>{i18n.t('columnField')}</Label>
          {(['A', 'B', 'C'] as const).map((column) => (
            <Radio key={column} value={column} data-testid={`column-${column}`}>
              {column}
            </Radio>
          ))}
          <FieldError />
        </RadioGroup>
      </div>
      <div className="field-row">
        <Field name="kq" label="kq" hint="kqHint" inputMode="decimal" defaultValue={permit?.kq} />
        <Field
          name="permittedFlowM3PerDay"
          label="permittedFlow"
          hint="permittedFlowHint"
          inputMode="decimal"
          defaultValue={permit?.permittedFlowM3PerDay}
        />
        <Field
          name="kf"
          label="kfExplicit"
          hint="kfExplicitHint"
          inputMode="decimal"
          defaultValue={permit?.kfSource === 'explicit' ? permit.kf : undefined}
        />
        <Field name="kfReason" label="kfReason" defaultValue={permit?.kfReason} />
      </div>
      <CheckboxGroup
        name="parameters"
        value={judged}
        onChange={setJudged}
        isRequired
        className="choice parameters"
      >
        <Label>{i18n.t('parametersJudged')}</Label>
        {PARAMETERS.map((code) => (
          <Checkbox key={code} value={code} data-testid={`parameter-${code}`}>
            {code}
          </Checkbox>
        ))}
        <FieldError />
      </CheckboxGroup>
      {judged.length > 0 && (
        <fieldset className="own-limits">
          <legend>{i18n.t('ownLimits')}</legend>
          <p className="note">{i18n.t('ownLimitsNote')}</p>
          {PARAMETERS.filter((code) => judged.includes(code)).map((code) => (
            <div className="field-row" key={code}>
              <Field
                name={`min-${code}`}
                label="limitMinField"
                hint={undefined}
                inputMode="decimal"
                defaultValue={own(code)?.min}
                labelValues={{ parameter: code }}
              />
              <Field
                name={`max-${code}`}
                label="limitMaxField"
                inputMode="decimal"
                defaultValue={own(code)?.max}
                labelValues={{ parameter: code }}
              />
            </div>
          ))}
        </fieldset>
      )}
      <div className="field-row">
        <Field
          name="effectiveFrom"
          label="effectiveFrom"
          type="date"
          isRequired
          defaultValue={permit?.effectiveFrom}
        />
        <Field
          name="effectiveTo"
          label="effectiveTo"
          hint="effectiveToHint"
          type="date"
          defaultValue={permit?.effectiveTo}
        />
      </div>
      <Field
        name="documentRef"
        label="documentRef"
        hint="documentRefHint"
        defaultValue={permit?.documentRef}
      />
      {permit && <Field name="reason" label="supersedeReason" isRequired />}
    </ApiForm>
  );
}
