import {
  CallHandler,
  CanActivate,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  OnModuleInit,
  Type,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { isObservable, map, filter, Observable } from 'rxjs';
import {
  AccessPolicy,
  accessOf,
  declaredRoutes,
  DomainError,
  parsedInputOf,
  requestShapeOf,
} from '@hp/contracts';
import { AccessClaims } from '../auth/jwt';
import { AuthService } from '../auth/auth.service';
import { checkAccessDeclarations, discoverParkServices, ParkServices } from './park-resolvers';

/** What the guard leaves on the request for the interceptor and the controllers. */
export interface RequestAccess {
  readonly claims: AccessClaims;
  readonly policy: AccessPolicy;
  /** The park codes of a park operator (empty for other roles). */
  readonly parkCodes: readonly string[];
  /** Whether the user is still enabled (a live stream asks as it goes, and closes when not). */
  readonly stillSignedIn: () => Promise<boolean>;
}

interface HttpRequest {
  method: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  access?: RequestAccess;
}

/**
 * Every HTTP request passes here (APP_GUARD): the @Access its handler declares (none: refused), the bearer
 * token (or a single-use `ticket` in the query of a /stream, which EventSource cannot give headers), the
 * role, and for park operators the park of the resource, found by the ParkResolver its feature registers.
 */
@Injectable()
export class AccessGuard implements CanActivate, OnModuleInit {
  private services: ParkServices | undefined;

  constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
  ) {}

  /** At start: every park-scoped route served has its resolver and declares its parameter, or no start. */
  onModuleInit(): void {
    this.services = discoverParkServices(this.discovery.getProviders());
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((metatype): metatype is Type => typeof metatype === 'function');
    checkAccessDeclarations(declaredRoutes(controllers), this.services);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // MQTT handlers are not HTTP
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const key = `${request.method.toUpperCase()} ${request.route?.path ?? ''}`;
    const policy = accessOf(context.getHandler());
    if (!policy) throw new DomainError('FORBIDDEN', `no access policy for ${key}`);
    // Parameters are parsed once, into the canonical typed values the handler reads too (400 when not).
    const shaped = requestShapeOf(context) !== undefined;
    if (policy.access === 'public') {
      if (shaped) parsedInputOf(context);
      return true;
    }
    const claims = await this.claims(request);
    if (policy.roles && !policy.roles.includes(claims.role)) {
      throw new DomainError('FORBIDDEN', `${claims.role} may not ${key}`);
    }
    const operator = claims.role === 'park_operator';
    if (policy.access === 'city' && operator)
      throw new DomainError('FORBIDDEN', 'park operators see only their own parks');
    let parkCodes: readonly string[] = [];
    if (operator) {
      const services = this.parkServices();
      parkCodes = (await services.directory?.codesOf(claims.parks)) ?? [];
      if (policy.access === 'park') {
        // A park-scoped route without a declared shape would leave the scope to raw text: deny.
        if (!shaped) throw new DomainError('FORBIDDEN', `${key} declares no request shape`);
        const input = parsedInputOf(context);
        const value = policy.param !== undefined ? input.path[policy.param] : input.query[policy.query];
        // An operator must name the resource (its route's shape declares the parameter: checked at start).
        const parkIds = value === undefined ? [] : await services.resolver(policy.kind).parksOf(value);
        if (
          (parkIds !== null || policy.unknown === 'refused') &&
          (parkIds === null || parkIds.length === 0 || parkIds.some((id) => !claims.parks.includes(id)))
        ) {
          throw new DomainError('FORBIDDEN', 'this belongs to a park you do not look after');
        }
      }
    }
    if (shaped) parsedInputOf(context);
    request.access = { claims, policy, parkCodes, stillSignedIn: () => this.auth.stillSignedIn(claims) };
    return true;
  }

  private parkServices(): ParkServices {
    if (!this.services)
      throw new Error('AccessGuard: park resolvers not discovered (module not initialised)');
    return this.services;
  }

  /**
   * Who is calling: the bearer token, or on a live stream (EventSource sends no headers) a single-use
   * ticket from POST /api/auth/stream-ticket. An access token in a URL is refused: URLs end up in logs,
   * proxies and browser history. The user's current state is checked on every request.
   */
  private async claims(request: HttpRequest): Promise<AccessClaims> {
    if (request.query['access_token'] !== undefined)
      throw new DomainError(
        'UNAUTHENTICATED',
        'an access token in the URL is refused: send it as Authorization: Bearer, or open a stream with ?ticket= from POST /api/auth/stream-ticket',
      );
    const header = request.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    const ticket = request.query['ticket'];
    const stream = request.method === 'GET' && request.route?.path?.endsWith('/stream') === true;
    if (!token && stream && ticket !== undefined) {
      const claims = typeof ticket === 'string' ? await this.auth.redeemStreamTicket(ticket) : null;
      if (!claims)
        throw new DomainError(
          'UNAUTHENTICATED',
          'the stream ticket is not valid, has expired or was used; ask POST /api/auth/stream-ticket for a new one',
        );
      return claims;
    }
    if (!token)
      throw new DomainError(
        'UNAUTHENTICATED',
        'sign in: an Authorization: Bearer <access token> header is required',
      );
    const claims = await this.auth.verify(token);
    if (!claims)
      throw new DomainError(
        'UNAUTHENTICATED',
        'the access token is not valid or has expired, or the account is disabled; refresh it or sign in again',
      );
    return claims;
  }
}

/** Filters the answer of a `list` route to a park operator's parks (arrays, and live streams). */
@Injectable()
export class AccessListInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const access = request.access;
    if (!access || access.policy.access !== 'list' || access.claims.role !== 'park_operator')
      return next.handle();
    const keep = access.policy.keep;
    const scope = { parkIds: access.claims.parks, parkCodes: access.parkCodes };
    return next.handle().pipe(
      map((body: unknown) => {
        if (Array.isArray(body)) return body.filter((item: Record<string, unknown>) => keep(item, scope));
        if (isObservable(body))
          return body.pipe(filter((event) => keep((event as { data: Record<string, unknown> }).data, scope)));
        return body;
      }),
      // A live stream arrives as single events through the same pipe.
      filter((event: unknown) => {
        const data = (event as { data?: unknown } | null)?.data;
        return (
          typeof data !== 'object' ||
          data === null ||
          Array.isArray(data) ||
          keep(data as Record<string, unknown>, scope)
        );
      }),
    );
  }
}
