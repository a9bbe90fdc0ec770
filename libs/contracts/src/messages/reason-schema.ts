import { apiSchema, json } from '../http/api-schemas';
import { REASON_CODES } from './reasons';

/** A reason as the API serves it: a code with its parameters (the dashboard words it through the catalogue). */
export const REASON_API_SCHEMA = apiSchema(
  'Reason',
  json.object({
    code: json.oneOf(REASON_CODES),
    params: json.record({ nullable: true, oneOf: [json.string(), json.number(), json.boolean()] }),
  }),
);
