import { apiSchema, CODE_PATTERN, json, PARK_CODE_PATTERN } from '@hp/contracts';
import { DEVICE_KINDS, DEVICE_MESSAGE_KINDS } from '@hp/registry';
import { ROLE_SCHEMA } from '../auth/auth.schemas';
import { USER_ROLES, UserRole } from '../storage/users.repository';

/** The bodies and answers of the admin routes (served in OpenAPI). */

/** Usernames: letters, digits and `. _ @ -`, 3 to 64 of them. */
export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]{3,64}$';
/** Shortest password an admin may set (a generated one is longer). */
export const MIN_PASSWORD_LENGTH = 12;

export const SAVE_USER_BODY_SCHEMA = json.body(
  {
    username: json.string({ pattern: USERNAME_PATTERN, example: 'officer-2' }),
    name: json.text(),
    role: json.oneOf(USER_ROLES),
    parkCodes: json.array(json.string({ pattern: PARK_CODE_PATTERN })),
    password: json.string({
      minLength: MIN_PASSWORD_LENGTH,
      description: 'left out: one is generated and answered this once',
    }),
  },
  ['parkCodes', 'password'],
);

/** A user's new name, role or parks (a park operator needs at least one park); the password stays. */
export const USER_CHANGES_BODY_SCHEMA = json.body(
  {
    name: json.text(),
    role: json.oneOf(USER_ROLES),
    parkCodes: json.array(json.string({ pattern: PARK_CODE_PATTERN })),
  },
  ['name', 'role', 'parkCodes'],
);

export interface UserChangesBody {
  name?: string;
  role?: UserRole;
  parkCodes?: string[];
}

export interface SaveUserBody {
  username: string;
  name: string;
  role: UserRole;
  parkCodes?: string[];
  password?: string;
}

export const DEVICE_BODY_SCHEMA = json.body(
  {
    code: json.string({
      pattern: CODE_PATTERN,
      description: 'the MQTT username and part of topics',
      example: 'VSIP-GW-1',
    }),
    kind: json.oneOf(DEVICE_KINDS),
    station: json.string({ description: "an analyzer's station code" }),
    park: json.string({ pattern: PARK_CODE_PATTERN, description: "a gateway's or scale's park code" }),
  },
  ['station', 'park'],
);

export interface DeviceBody {
  code: string;
  kind: string;
  station?: string;
  park?: string;
}

export const USER_SCHEMA = apiSchema(
  'User',
  json.object({
    id: json.integer(),
    username: json.string(),
    name: json.string(),
    role: ROLE_SCHEMA,
    parkIds: json.array(json.integer()),
    disabled: json.boolean(),
  }),
);

export const SAVED_USER_SCHEMA = apiSchema(
  'SavedUser',
  json.object(
    {
      user: USER_SCHEMA,
      password: json.string({ description: 'the generated password, answered this once' }),
    },
    ['password'],
  ),
);

export const AUDIT_ENTRY_SCHEMA = apiSchema(
  'AuditEntry',
  json.object({
    id: json.integer(),
    at: json.dateTime(),
    actor: json.string(),
    action: json.string({ example: 'user.save' }),
    subject: json.string({ example: 'user:officer' }),
    before: { description: 'the subject before the change (JSON), null when created' },
    after: { description: 'the subject after the change (JSON)' },
  }),
);

export const ISSUED_DEVICE_SCHEMA = apiSchema(
  'IssuedDeviceCredentials',
  json.object({
    code: json.string(),
    kind: json.oneOf(DEVICE_KINDS),
    parkCode: json.string(),
    stationCode: json.nullable(json.string()),
    password: json.string({ description: 'shown once; only its hash is stored' }),
    existed: json.boolean(),
  }),
);

export const DEVICE_SCHEMA = apiSchema(
  'AdminDevice',
  json.object({
    code: json.string({ description: 'the MQTT username (and client id)' }),
    kind: json.oneOf(DEVICE_KINDS),
    parkCode: json.string(),
    stationCode: json.nullable(json.string()),
    hasCredential: {
      ...json.boolean(),
      description: 'false: revoked (or never issued), it cannot log in',
    },
    online: {
      ...json.nullable(json.boolean()),
      description: 'its last status message or last will; null: it never sent one',
    },
    presenceAt: json.nullable(json.dateTime()),
    lastMessageAt: {
      ...json.nullable(json.dateTime()),
      description: 'recorded every few seconds (DEVICE_ACTIVITY_FLUSH_MS), not live',
    },
    lastMessageKind: json.nullable(json.oneOf(DEVICE_MESSAGE_KINDS)),
    updatedAt: json.dateTime(),
  }),
);
