import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import {
  DeclaredRoute,
  declaredShapeOf,
  ParkDirectory,
  ParkKind,
  ParkResolver,
  parkServiceOf,
} from '@hp/contracts';

/** The park resolvers and the park directory the features of an app register. */
export interface ParkServices {
  readonly resolvers: ReadonlyMap<ParkKind, ParkResolver>;
  /** Undefined when no feature of the app registers one (then every route must be public). */
  readonly directory: ParkDirectory | undefined;
  resolver(kind: ParkKind): ParkResolver;
}

/** Stops the app at start: an access declaration the app cannot enforce. */
export class AccessDeclarationError extends Error {}

/**
 * The providers marked @ParkResolverProvider / @ParkDirectoryProvider among an app's providers. A provider
 * aliased under a second token is one instance; two different providers for one kind stop the app.
 */
export function discoverParkServices(providers: readonly InstanceWrapper[]): ParkServices {
  const resolvers = new Map<ParkKind, ParkResolver>();
  const owners = new Map<ParkKind, unknown>();
  let directory: ParkDirectory | undefined;
  for (const wrapper of providers) {
    const marked = parkServiceOf(wrapper.metatype);
    if (!marked) continue;
    const instance: unknown = wrapper.instance;
    if (!wrapper.isDependencyTreeStatic() || !instance)
      throw new AccessDeclarationError(`${wrapper.name}: a park resolver must be a singleton provider`);
    if (marked === 'directory') {
      directory = instance as ParkDirectory;
      continue;
    }
    const resolver = instance as ParkResolver;
    const owner = owners.get(resolver.kind);
    if (owner !== undefined && owner !== wrapper.metatype)
      throw new AccessDeclarationError(
        `two park resolvers for "${resolver.kind}": ${String((owner as { name?: string }).name)} and ${wrapper.name}`,
      );
    owners.set(resolver.kind, wrapper.metatype);
    resolvers.set(resolver.kind, resolver);
  }
  return {
    resolvers,
    directory,
    resolver: (kind) => {
      const found = resolvers.get(kind);
      if (!found) throw new AccessDeclarationError(`no park resolver for "${kind}"`);
      return found;
    },
  };
}

/**
 * The routes of an app against its park services: a signed-in route needs the park directory (a park
 * operator's park codes); a park-scoped one needs the resolver of its kind, and its @RequestInput must
 * declare the parameter the park is read from (the guard reads the parsed value).
 * @throws AccessDeclarationError naming the route.
 */
export function checkAccessDeclarations(
  routes: readonly DeclaredRoute[],
  services: Pick<ParkServices, 'resolvers' | 'directory'>,
): void {
  const { resolvers } = services;
  for (const route of routes) {
    const access = route.access;
    const where = `${route.key} (${route.handler})`;
    if (access && access.access !== 'public' && !services.directory)
      throw new AccessDeclarationError(
        `${where} is for signed-in users, but no feature of this app registers the park directory`,
      );
    if (access?.access !== 'park') continue;
    if (!resolvers.has(access.kind))
      throw new AccessDeclarationError(
        `${where} is scoped by the park of a "${access.kind}", but no feature of this app registers a park resolver for it`,
      );
    const shape = declaredShapeOf(route.method);
    const declared = access.param !== undefined ? shape?.path?.[access.param] : shape?.query?.[access.query];
    if (!declared)
      throw new AccessDeclarationError(
        `${where} reads its park from ${access.param !== undefined ? `:${access.param}` : `?${access.query}`}, which its @RequestInput does not declare`,
      );
  }
}
