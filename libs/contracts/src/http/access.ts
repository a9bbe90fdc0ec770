import { RequestMethod, SetMetadata, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/**
 * Access is declared on each route handler, beside its path and parameters (`@Access.park('station',
 * { param: 'id' })`); the access guard (libs/accounts) reads it from the handler and refuses a route that
 * declares none. The park of a resource is found by the ParkResolver its owning feature registers.
 */

/** The roles of the platform's users (the accounts store holds one per user): the one list. */
export const ACCESS_ROLES = ['admin', 'officer', 'park_operator', 'manager'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The resources whose park a park operator's access depends on; each has one ParkResolver. */
export type ParkKind = 'park' | 'station' | 'permit' | 'lot' | 'manifest' | 'alert' | 'report-submission';

/** Keeps the items of a list a park operator may see. */
export type ListFilter = (
  item: Record<string, unknown>,
  scope: { parkIds: readonly number[]; parkCodes: readonly string[] },
) => boolean;

/** Where a park-scoped route names its resource: a route parameter, or a query parameter. */
export type ParkParameter =
  { readonly param: string; readonly query?: never } | { readonly query: string; readonly param?: never };

export type AccessPolicy =
  | { readonly access: 'public' }
  /** Any signed-in user (reference data, the user's own session). */
  | { readonly access: 'any'; readonly roles?: readonly AccessRole[] }
  /** The whole city: every role but park operators. */
  | { readonly access: 'city'; readonly roles?: readonly AccessRole[] }
  /**
   * One park's resource: park operators only for their parks. The parameter is read as @RequestInput
   * parsed it. An operator who omits it is refused. An unknown resource goes on to the handler (its 404),
   * unless `unknown: 'refused'` (a parameter narrowing a city-wide answer to one park, which an operator
   * must name and own).
   */
  | ({
      readonly access: 'park';
      readonly kind: ParkKind;
      readonly unknown: 'not-found' | 'refused';
      readonly roles?: readonly AccessRole[];
    } & ParkParameter)
  /** A list that park operators get filtered to their parks. */
  | { readonly access: 'list'; readonly keep: ListFilter; readonly roles?: readonly AccessRole[] };

interface RoleOption {
  readonly roles?: readonly AccessRole[];
}

/** The regulator's editors: they record what changes a park's data or judgement. */
export const EDITORS: readonly AccessRole[] = ['admin', 'officer'];

/** List items naming their park by id (`parkId`). */
export const keepByParkId: ListFilter = (item, scope) =>
  typeof item['parkId'] === 'number' && scope.parkIds.includes(item['parkId']);
/** List items naming their park by code (`parkCode`, or `code` for parks themselves). */
export const keepByParkCode: ListFilter = (item, scope) =>
  scope.parkCodes.includes(String(item['parkCode'] ?? item['code'] ?? ''));

const ACCESS = 'hp:access';

function declare(policy: AccessPolicy): MethodDecorator {
  return (target, key, descriptor) => {
    if (descriptor.value && Reflect.getMetadata(ACCESS, descriptor.value))
      throw new Error(`${target.constructor.name}.${String(key)}: one @Access per handler`);
    SetMetadata(ACCESS, policy)(target, key, descriptor);
  };
}

/** Who may call a route; every HTTP handler carries exactly one (lint and a test hold it). */
export const Access = {
  /** No sign-in (open data, health, sign-in itself). */
  public: (): MethodDecorator => declare({ access: 'public' }),
  /** Any signed-in user, or only these roles. */
  any: (options: RoleOption = {}): MethodDecorator => declare({ access: 'any', ...options }),
  /** The whole city: park operators refused. */
  city: (options: RoleOption = {}): MethodDecorator => declare({ access: 'city', ...options }),
  /** One park's resource of this kind, named by `param` (route) or `query`. */
  park: (
    kind: ParkKind,
    options: ParkParameter & RoleOption & { readonly unknown?: 'not-found' | 'refused' },
  ): MethodDecorator => declare({ access: 'park', kind, unknown: 'not-found', ...options }),
  /** A list (array or live stream) filtered to a park operator's parks. */
  list: (keep: ListFilter, options: RoleOption = {}): MethodDecorator =>
    declare({ access: 'list', keep, ...options }),
};

/** The access a handler declares; undefined when none (the guard refuses it). */
export function accessOf(handler: object): AccessPolicy | undefined {
  return Reflect.getMetadata(ACCESS, handler) as AccessPolicy | undefined;
}

/**
 * Finds the parks of one kind of resource; registered by the feature that owns the resource (a provider
 * marked @ParkResolverProvider), found by the access guard at start.
 */
export interface ParkResolver {
  readonly kind: ParkKind;
  /**
   * The ids of the parks the resource named by `value` (as @RequestInput parsed it) belongs to; null when
   * there is no such resource; empty when it belongs to no known park (refused).
   */
  parksOf(value: unknown): Promise<readonly number[] | null>;
}

/** The codes of parks by id (the registry's), for filtering a park operator's lists by park code. */
export interface ParkDirectory {
  codesOf(parkIds: readonly number[]): Promise<string[]>;
}

const PARK_SERVICE = 'hp:park-service';

/** Marks a provider as a ParkResolver for the access guard to find at start. */
export function ParkResolverProvider(): ClassDecorator {
  return (target) => Reflect.defineMetadata(PARK_SERVICE, 'resolver', target);
}

/** Marks the provider that is the ParkDirectory (one per app serving park-scoped lists). */
export function ParkDirectoryProvider(): ClassDecorator {
  return (target) => Reflect.defineMetadata(PARK_SERVICE, 'directory', target);
}

/** What a provider class is marked as, for the access guard. */
export function parkServiceOf(metatype: unknown): 'resolver' | 'directory' | undefined {
  return typeof metatype === 'function'
    ? (Reflect.getMetadata(PARK_SERVICE, metatype) as 'resolver' | 'directory' | undefined)
    : undefined;
}

/** One HTTP route of a controller, with the access its handler declares. */
export interface DeclaredRoute {
  /** `METHOD /controller/path` (without the app's global prefix). */
  readonly key: string;
  /** `Controller.method`, for messages. */
  readonly handler: string;
  readonly access: AccessPolicy | undefined;
  readonly method: object;
}

function joined(...parts: unknown[]): string {
  const segments = parts
    .flatMap((p) => (Array.isArray(p) ? p.slice(0, 1) : [p]))
    .map((p) => (typeof p === 'string' ? p.replace(/^\/+|\/+$/g, '') : ''))
    .filter((p) => p !== '');
  return `/${segments.join('/')}`;
}

/** The HTTP routes of these controllers (handlers with a request-method decorator), as Nest maps them. */
export function declaredRoutes(controllers: readonly Type[]): DeclaredRoute[] {
  return controllers.flatMap((controller) => {
    const base: unknown = Reflect.getMetadata(PATH_METADATA, controller);
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const method = prototype[name];
      if (name === 'constructor' || typeof method !== 'function') return [];
      const verb = Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod | undefined;
      if (verb === undefined) return [];
      const path: unknown = Reflect.getMetadata(PATH_METADATA, method);
      return [
        {
          key: `${RequestMethod[verb]} ${joined(base, path)}`,
          handler: `${controller.name}.${name}`,
          access: accessOf(method),
          method,
        },
      ];
    });
  });
}

/** The request as the access guard leaves it: who is signed in (the actor of the audit log). */
export interface SignedIn {
  access?: { claims: { username: string } };
}

/** Who made a change, for the audit log. */
export function actorOf(request: SignedIn): string {
  return request.access?.claims.username ?? 'unknown';
}
