import { AuthService } from '@hp/accounts';
import { RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

// pdf-parse's index.js runs a debug self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/** The report download on the real API app: signed in, as a file, refused with reasons. */
describe('GET /api/reports/progress', () => {
  let api: SeededApi;
  const bearer = (role: 'officer' | 'park_operator', parkIds: number[] = []) => ({
    authorization: `Bearer ${api.app.get(AuthService).accessToken({ id: 0, username: `spec-${role}`, role, parkIds })}`,
  });

  beforeAll(async () => {
    api = await startSeededApi();
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('downloads a Vietnamese PDF with its file name, and lists the run', async () => {
    const response = await fetch(`${api.url}/reports/progress?period=2026-10&kind=month&lang=vi&format=pdf`, {
      headers: bearer('officer'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('filename="progress-2026-10-vi.pdf"');
    const { text } = await pdfParse(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Báo cáo tiến độ');
    expect(text).toContain('Khu công nghiệp');
    const runs = (await (await fetch(`${api.url}/reports/runs`, { headers: bearer('officer') })).json()) as {
      period: string;
      requestedBy: string;
    }[];
    expect(runs[0]).toMatchObject({ period: '2026-10', requestedBy: 'spec-officer' });
  }, 60_000);

  it('names the bad parameter and its accepted form', async () => {
    const response = await fetch(`${api.url}/reports/progress?period=10-2026&kind=month`, {
      headers: bearer('officer'),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'period' },
      message: expect.stringContaining('YYYY-MM (e.g. 2026-10)'),
    });
  });

  it("gives a park operator its own park's report only", async () => {
    const park = (await api.app.get(RegistryReader).parks.findByCode('VSIP-HP'))!;
    const headers = bearer('park_operator', [park.id]);
    expect((await fetch(`${api.url}/reports/progress?period=2026-10`, { headers })).status).toBe(403);
    expect(
      (await fetch(`${api.url}/reports/progress?period=2026-10&park=DEEPC-HP1`, { headers })).status,
    ).toBe(403);
    const own = await fetch(`${api.url}/reports/progress?period=2026-10&park=VSIP-HP&format=csv`, {
      headers,
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('progress-2026-10-vi-VSIP-HP.csv');
  }, 60_000);
});
