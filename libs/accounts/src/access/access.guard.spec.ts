import { Controller, ExecutionContext, Get, Injectable, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  Access,
  DomainError,
  input,
  ParkDirectory,
  ParkDirectoryProvider,
  ParkResolver,
  ParkResolverProvider,
  PathParam,
  QueryParam,
  RequestInput,
} from '@hp/contracts';
import { AuthService } from '../auth/auth.service';
import { AccessClaims } from '../auth/jwt';
import { AccessGuard } from './access.guard';
import { AccessDeclarationError } from './park-resolvers';

/**
 * The guard reads each handler's @Access and the parks from the resolvers the features register: a route
 * without @Access is refused, a park operator reaches only its parks' resources, and an app whose routes
 * name a park kind no feature resolves does not start, naming the route.
 */
const STATION_PARK: Record<number, number> = { 1: 10, 2: 20 };

@Injectable()
@ParkResolverProvider()
class FakeStationResolver implements ParkResolver {
  readonly kind = 'station';
  async parksOf(id: unknown): Promise<readonly number[] | null> {
    const park = STATION_PARK[id as number];
    return park === undefined ? null : [park];
  }
}

@Injectable()
@ParkResolverProvider()
class FakeParkResolver implements ParkResolver {
  readonly kind = 'park';
  async parksOf(code: unknown): Promise<readonly number[] | null> {
    return code === 'P10' ? [10] : code === 'P20' ? [20] : null;
  }
}

@Injectable()
@ParkDirectoryProvider()
class FakeDirectory implements ParkDirectory {
  async codesOf(ids: readonly number[]): Promise<string[]> {
    return ids.map((id) => `P${id}`);
  }
}

@Controller('probe')
class ProbeController {
  @Get('open')
  @Access.public()
  open(): string {
    return 'ok';
  }

  @Get('undeclared')
  @RequestInput({})
  undeclared(): string {
    return 'ok';
  }

  @Get('stations/:id')
  @Access.park('station', { param: 'id' })
  @RequestInput({ path: { id: input.id() } })
  station(@PathParam('id') id: number): number {
    return id;
  }

  @Get('report')
  @Access.park('park', { query: 'park', unknown: 'refused' })
  @RequestInput({ query: { park: input.parkCode() } })
  report(@QueryParam('park') park?: string): string {
    return park ?? 'city';
  }
}

@Controller('lots')
class LotsController {
  @Get(':code')
  @Access.park('lot', { param: 'code' })
  @RequestInput({ path: { code: input.code() } })
  lot(): string {
    return 'lot';
  }
}

const OPERATOR: AccessClaims = { sub: 1, username: 'op', role: 'park_operator', parks: [10], iat: 0, exp: 0 };
const OFFICER: AccessClaims = { ...OPERATOR, username: 'officer', role: 'officer', parks: [] };
const fakeAuth = {
  verify: async (token: string) => (token === 'op' ? OPERATOR : token === 'officer' ? OFFICER : null),
  stillSignedIn: async () => true,
};

async function guardOf(controllers: Type[], providers: Type[]): Promise<AccessGuard> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [{ provide: AuthService, useValue: fakeAuth }, AccessGuard, ...providers],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(AccessGuard);
}

function call(
  guard: AccessGuard,
  handler: keyof ProbeController,
  token: string | null,
  params: Record<string, string> = {},
  query: Record<string, string> = {},
): Promise<boolean> {
  const request = {
    method: 'GET',
    route: { path: `/probe/${handler}` },
    headers: token ? { authorization: `Bearer ${token}` } : {},
    params,
    query,
  };
  const context = {
    getType: () => 'http',
    getHandler: () => ProbeController.prototype[handler],
    getClass: () => ProbeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return guard.canActivate(context);
}

const refused = (code: string) => expect.objectContaining({ code }) as DomainError;

describe('AccessGuard with @Access and the features’ park resolvers', () => {
  const ALL = [FakeStationResolver, FakeParkResolver, FakeDirectory];

  it('refuses a route whose handler declares no @Access (deny by default), even to an officer', async () => {
    const guard = await guardOf([ProbeController], ALL);
    await expect(call(guard, 'open', null)).resolves.toBe(true);
    await expect(call(guard, 'undeclared', 'officer')).rejects.toEqual(refused('FORBIDDEN'));
    await expect(call(guard, 'undeclared', null)).rejects.toEqual(refused('FORBIDDEN'));
  });

  it('lets a park operator reach its own park’s station and refuses another park’s, from the parsed :id', async () => {
    const guard = await guardOf([ProbeController], ALL);
    await expect(call(guard, 'station', 'op', { id: '1' })).resolves.toBe(true);
    await expect(call(guard, 'station', 'op', { id: '2' })).rejects.toEqual(refused('FORBIDDEN'));
    // Another spelling of the same id is a 400 before any scope is decided.
    await expect(call(guard, 'station', 'op', { id: '01' })).rejects.toEqual(refused('INVALID_ARGUMENT'));
    // An unknown station goes on to the handler's 404; an officer sees every park.
    await expect(call(guard, 'station', 'op', { id: '3' })).resolves.toBe(true);
    await expect(call(guard, 'station', 'officer', { id: '2' })).resolves.toBe(true);
  });

  it('makes a park operator name one of its parks where a query narrows a city-wide answer', async () => {
    const guard = await guardOf([ProbeController], ALL);
    await expect(call(guard, 'report', 'op', {}, { park: 'P10' })).resolves.toBe(true);
    for (const query of [{}, { park: 'P20' }, { park: 'P99' }] as Record<string, string>[])
      await expect(call(guard, 'report', 'op', {}, query)).rejects.toEqual(refused('FORBIDDEN'));
    await expect(call(guard, 'report', 'officer', {}, {})).resolves.toBe(true);
  });

  it('does not start when a route names a park kind no feature resolves, naming the route', async () => {
    await expect(guardOf([ProbeController, LotsController], ALL)).rejects.toThrow(
      new AccessDeclarationError(
        'GET /lots/:code (LotsController.lot) is scoped by the park of a "lot", but no feature of this app registers a park resolver for it',
      ),
    );
    await expect(guardOf([ProbeController], [FakeParkResolver, FakeDirectory])).rejects.toThrow(
      /GET \/probe\/stations\/:id \(ProbeController\.station\).*"station"/,
    );
  });

  it('does not start when signed-in routes are served without the park directory', async () => {
    await expect(guardOf([ProbeController], [FakeStationResolver, FakeParkResolver])).rejects.toThrow(
      /no feature of this app registers the park directory/,
    );
  });
});
