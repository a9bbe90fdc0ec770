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
      const parties = JSON.parse(readFileSync(args.referenceOut, 'utf8')) as { parties: { kind: string }[] };
      expect(parties.parties.filter((p) => p.kind === 'generator')).toHaveLength(1);
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
