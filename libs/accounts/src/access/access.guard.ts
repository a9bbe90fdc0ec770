import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { isObservable, map, filter, Observable } from 'rxjs';
import { DomainError } from '@hp/contracts';
import { AlertsRepository, ParksRepository, StationsRepository, WasteLotsRepository } from '@hp/storage';
import { AccessClaims } from '../auth/jwt';
import { AuthService } from '../auth/auth.service';
import { ACCESS_POLICIES, AccessPolicy, ParkSource } from './access-policy';

/** What the guard leaves on the request for the interceptor and the controllers. */
export interface RequestAccess {
  readonly claims: AccessClaims;
  readonly policy: AccessPolicy;
  /** The park codes of a park operator (empty for other roles). */
  readonly parkCodes: readonly string[];
}

interface HttpRequest {
  method: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  access?: RequestAccess;
}

export function policyKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * Every HTTP request passes here (APP_GUARD): the route's policy from ACCESS_POLICIES (none: refused),
 * the bearer token (or `access_token` in the query of a /stream, which EventSource cannot give headers),
 * the role, and for park operators the park of the resource.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly parks: ParksRepository,
    private readonly stations: StationsRepository,
    private readonly lots: WasteLotsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // MQTT handlers are not HTTP
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const key = policyKey(request.method, request.route?.path ?? '');
    const policy = ACCESS_POLICIES[key];
    if (!policy) throw new DomainError('FORBIDDEN', `no access policy for ${key}`);
    if (policy.access === 'public') return true;
    const claims = this.claims(request);
    if (policy.roles && !policy.roles.includes(claims.role)) {
      throw new DomainError('FORBIDDEN', `${claims.role} may not ${key}`);
    }
    const operator = claims.role === 'park_operator';
    if (policy.access === 'city' && operator)
      throw new DomainError('FORBIDDEN', 'park operators see only their own parks');
    let parkCodes: string[] = [];
    if (operator) {
      const all = await this.parks.list();
      parkCodes = all.filter((p) => claims.parks.includes(p.id)).map((p) => p.code);
      if (policy.access === 'park') {
        const parkIds = await this.parkOf(policy.from, request);
        if (
          parkIds !== 'absent' &&
          (parkIds.length === 0 || parkIds.some((id) => id === null || !claims.parks.includes(id)))
        ) {
          throw new DomainError('FORBIDDEN', 'this belongs to a park you do not look after');
        }
      }
    }
    request.access = { claims, policy, parkCodes };
    return true;
  }

  private claims(request: HttpRequest): AccessClaims {
    const header = request.headers['authorization'];
    let token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token && request.method === 'GET' && request.route?.path?.endsWith('/stream')) {
      const q = request.query['access_token'];
      token = typeof q === 'string' ? q : null;
    }
    if (!token)
      throw new DomainError(
        'UNAUTHENTICATED',
        'sign in: an Authorization: Bearer <access token> header is required',
      );
    const claims = this.auth.verify(token);
    if (!claims)
      throw new DomainError(
        'UNAUTHENTICATED',
        'the access token is not valid or has expired; refresh it or sign in again',
      );
    return claims;
  }

  /** The park ids of the resource; 'absent' when it does not exist (the controller answers 404). */
  private async parkOf(source: ParkSource, request: HttpRequest): Promise<(number | null)[] | 'absent'> {
    const param = (name: string) => request.params[name];
    switch (source) {
      case 'parkCode': {
        const park = await this.parks.findByCode(param('code'));
        return park ? [park.id] : 'absent';
      }
      case 'stationId': {
        const ref = (await this.stations.listRefs()).find((s) => String(s.id) === param('id'));
        if (!ref) return 'absent';
        return [(await this.parks.findByCode(ref.parkCode))?.id ?? null];
      }
      case 'lotCode': {
        const lot = await this.lots.find(param('code'));
        return lot ? [lot.parkId] : 'absent';
      }
      case 'alertId': {
        const alert = /^\d+$/.test(param('id')) ? await this.alerts.find(Number(param('id'))) : null;
        return alert ? [alert.parkId] : 'absent';
      }
      case 'manifest': {
        const lots = await this.lots.listByManifest(String(request.query['number'] ?? ''));
        return lots.length > 0 ? lots.map((l) => l.parkId) : 'absent';
      }
      case 'parkQuery': {
        const code = request.query['park'];
        const id = request.query['parkId'];
        if (typeof id === 'string' && /^\d+$/.test(id)) return [Number(id)];
        if (typeof code === 'string') return [(await this.parks.findByCode(code))?.id ?? null];
        return []; // an operator must name the park
      }
    }
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
