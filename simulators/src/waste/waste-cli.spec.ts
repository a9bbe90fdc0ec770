import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli';
import { parseWasteCliArgs, runWasteSimulator } from './waste-cli';

describe('waste simulator command line', () => {
  it('reads its flags, with defaults for the rest', () => {
    expect(parseWasteCliArgs(['--parks', 'A,B , C', '--lots', '7', '--no-publish'])).toEqual({
      help: false,
      parks: ['A', 'B', 'C'],
      generators: 3,
      lots: 7,
      untracked: 1,
      seed: null,
      referenceOut: null,
      expectedOut: null,
      publish: false,
    });
  });

  it.each([
    [['--lots', '0'], '--lots must be a whole number from 1 to 999, got "0"'],
    [['--generators', 'x'], '--generators must be a whole number from 1 to 99, got "x"'],
    [['--parks', 'a b'], '--parks: "a b" is not a park code'],
    [['--seed'], '--seed needs a value'],
    [['--untracked', 'x'], '--untracked must be a whole number from 0 to 99, got "x"'],
    [['--untracked', '100'], '--untracked must be a whole number from 0 to 99, got "100"'],
    [['--publish'], 'unknown argument "--publish"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWasteCliArgs(argv)).toThrow(new UsageError(message));
  });

  it('writes the parties file and the ground truth without publishing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-waste-sim-'));
    try {
      const args = {
        ...parseWasteCliArgs(['--parks', 'P1', '--generators', '1', '--lots', '12', '--no-publish']),
        referenceOut: join(dir, 'parties.json'),
        expectedOut: join(dir, 'truth.json'),
      };
      expect(await runWasteSimulator(args, {}, new Date('2026-11-28T00:00:00Z'))).toBe(
        '12 lots (9 with violations) of 1 generators; not published',
      );
      const parties = JSON.parse(readFileSync(args.referenceOut, 'utf8')) as {
        parties: { code: string; kind: string; declarations?: { year: number; generatedKg: number }[] }[];
      };
      // The factory with lots and the one reporting none, each declaring this year and last.
      const generators = parties.parties.filter((p) => p.kind === 'generator');
      expect(generators.map((g) => g.code)).toEqual(['P1-F01', 'P1-U01']);
      for (const g of generators) {
        expect(g.declarations?.map((d) => d.year)).toEqual([2025, 2026]);
        for (const d of g.declarations!) expect(d.generatedKg).toBeGreaterThan(0);
      }
      const truth = JSON.parse(readFileSync(args.expectedOut, 'utf8')) as {
        kind: string;
        expected: string[];
      }[];
      expect(truth.find((t) => t.kind === 'never_received')?.expected).toEqual([
        'manifest_overdue',
        'treatment_unconfirmed',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
