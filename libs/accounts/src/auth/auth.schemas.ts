import { apiSchema, json } from '@hp/contracts';
import { USER_ROLES } from '../storage/users.repository';

/** The bodies and answers of the sign-in routes (served in OpenAPI; the dashboard's types come from them). */

export const LOGIN_BODY_SCHEMA = json.body({
  username: json.string({ minLength: 1, example: 'officer' }),
  password: json.string({ minLength: 1 }),
});

export const REFRESH_BODY_SCHEMA = json.body({ refreshToken: json.string({ minLength: 1 }) });

export const ROLE_SCHEMA = apiSchema('Role', json.oneOf(USER_ROLES));

export const SESSION_USER_SCHEMA = apiSchema(
  'SessionUser',
  json.object({
    username: json.string(),
    name: json.string(),
    role: ROLE_SCHEMA,
    parkCodes: json.array(
      json.string({
        description: 'parks a park operator looks after; empty for the roles that see every park',
      }),
    ),
  }),
);

export const TOKEN_PAIR_SCHEMA = apiSchema(
  'TokenPair',
  json.object({
    accessToken: json.string(),
    expiresIn: json.integer({ description: 'seconds' }),
    refreshToken: json.string(),
    user: SESSION_USER_SCHEMA,
  }),
);

export const STREAM_TICKET_SCHEMA = apiSchema(
  'StreamTicket',
  json.object({ ticket: json.string(), expiresIn: json.integer({ description: 'seconds' }) }),
);
