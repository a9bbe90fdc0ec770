import { apiSchema, json } from '../http/api-schemas';
import { SCHEMA_PROBLEM_EXAMPLES } from './quarantine-reasons';
import { REASON_CODES } from './reasons';

/** One schema problem of PAYLOAD_SCHEMA_INVALID: a field's path, the rule it breaks and that rule's values. */
const SCHEMA_PROBLEM_API_SCHEMA = apiSchema('SchemaProblem', {
  ...json.object({ path: json.string(), rule: json.oneOf(Object.keys(SCHEMA_PROBLEM_EXAMPLES)) }),
  additionalProperties: { oneOf: [json.string(), json.number()] },
});

/**
 * A reason as the API serves it: a code with its parameters (the dashboard words it through the
 * catalogue); a list parameter holds schema problems.
 */
export const REASON_API_SCHEMA = apiSchema(
  'Reason',
  json.object({
    code: json.oneOf(REASON_CODES),
    params: json.record({
      nullable: true,
      oneOf: [json.string(), json.number(), json.boolean(), json.array(SCHEMA_PROBLEM_API_SCHEMA)],
    }),
  }),
);
