import { localDayOf } from '@hp/contracts';
import type { PartyWithLicences, WasteFinding, WasteLotRecord, WastePartyKind } from '@hp/storage';
import { WastePolicy } from './waste-policy';

const DAY_MS = 86_400_000;

/** Where a lot stands in the "collected and treated per regulation" count: exactly one of three. */
export const LOT_STANDINGS = ['treated_conforming', 'non_conforming', 'in_progress'] as const;
export type LotStanding = (typeof LOT_STANDINGS)[number];

export interface LotVerdict {
  readonly lot: WasteLotRecord;
  /** The mass the lot counts with: weighed at generation, else the first mass reported. */
  readonly kg: number;
  readonly standing: LotStanding;
  /** Findings of the events and the rules judged here; empty for a conforming lot. */
  readonly violations: readonly WasteFinding[];
  /** When the lot must be handed over / its manifest closed (null when not applicable). */
  readonly storageDeadline: Date | null;
  readonly manifestDeadline: Date | null;
}

export interface JudgementContext {
  /** Registered parties named by lots, by code, with their licences. */
  readonly parties: ReadonlyMap<string, PartyWithLicences>;
  readonly policy: WastePolicy;
  /** The instant deadlines are judged at (now, or a report's date). */
  readonly asOf: Date;
}

/**
 * Judges one lot: its event findings, then the licences of the transporter and the facility for its
 * waste code on the day they took it, the mass received against the mass handed over, the storage time
 * and the manifest deadline. A lot with any violation is non-conforming; one treated without violation is
 * collected and treated per regulation; any other is in progress (within its deadlines).
 */
export function judgeLot(lot: WasteLotRecord, context: JudgementContext): LotVerdict {
  const { policy, asOf } = context;
  const violations: WasteFinding[] = [...lot.findings];
  if (lot.generatorCode !== null) {
    const generator = context.parties.get(lot.generatorCode);
    if (!generator || generator.party.kind !== 'generator') {
      violations.push({
        code: 'unregistered_generator',
        reason: generator
          ? `${lot.generatorCode} is a ${generator.party.kind}, not a generator`
          : `generator ${lot.generatorCode} is not registered`,
      });
    }
  }
  if (lot.handedOverAt && lot.transporterCode) {
    const problem = licenceProblem(
      context,
      'transporter',
      lot.transporterCode,
      lot.wasteCode,
      lot.handedOverAt,
    );
    if (problem) violations.push(problem);
  }
  const facilityDay = lot.receivedAt ?? lot.handedOverAt;
  if (facilityDay && lot.facilityCode) {
    const problem = licenceProblem(
      context,
      'treatment_facility',
      lot.facilityCode,
      lot.wasteCode,
      facilityDay,
    );
    if (problem) violations.push(problem);
  }
  if (lot.handedOverKg !== null && lot.receivedKg !== null) {
    const off = Math.abs(lot.receivedKg - lot.handedOverKg) / lot.handedOverKg;
    if (off > policy.massTolerance + 1e-12) {
      violations.push({
        code: 'mass_mismatch',
        reason: `received ${kg(lot.receivedKg)} kg of ${kg(lot.handedOverKg)} kg handed over: ${percent(off)} off, beyond the ${percent(policy.massTolerance)} tolerance`,
      });
    }
  }
  const storageDeadline = lot.generatedAt
    ? new Date(lot.generatedAt.getTime() + policy.maxStorageDays * DAY_MS)
    : null;
  if (storageDeadline && lot.generatedAt) {
    // The lot left storage at its first later step (a missing handover event is a chain gap already).
    const end = lot.handedOverAt ?? lot.receivedAt ?? lot.treatedAt ?? asOf;
    if (end > storageDeadline) {
      const days = Math.floor((end.getTime() - lot.generatedAt.getTime()) / DAY_MS);
      violations.push({
        code: 'storage_overdue',
        reason:
          end !== asOf
            ? `stored ${days} days before leaving storage on ${localDayOf(end)}, beyond the ${policy.maxStorageDays}-day maximum`
            : `in storage for ${days} days on ${localDayOf(asOf)}, beyond the ${policy.maxStorageDays}-day maximum`,
      });
    }
  }
  const manifestDeadline = lot.handedOverAt
    ? new Date(lot.handedOverAt.getTime() + policy.manifestCloseDays * DAY_MS)
    : null;
  if (manifestDeadline && lot.handedOverAt) {
    const manifest = lot.manifestNumber ?? '(no number)';
    if (lot.treatedAt && lot.treatedAt > manifestDeadline) {
      violations.push({
        code: 'manifest_overdue',
        reason: `manifest ${manifest} closed ${wholeDays(lot.treatedAt, lot.handedOverAt)} days after handover, beyond ${policy.manifestCloseDays} days`,
      });
    } else if (!lot.treatedAt && asOf > manifestDeadline) {
      violations.push({
        code: 'manifest_overdue',
        reason: `manifest ${manifest} still open ${wholeDays(asOf, lot.handedOverAt)} days after handover, beyond ${policy.manifestCloseDays} days`,
      });
      violations.push({
        code: 'treatment_unconfirmed',
        reason: lot.receivedAt
          ? `received by ${lot.facilityCode} on ${localDayOf(lot.receivedAt)}; treatment never confirmed`
          : `handed over to ${lot.transporterCode} on ${localDayOf(lot.handedOverAt)}; never received, treatment never confirmed`,
      });
    }
  }
  const standing: LotStanding =
    violations.length > 0 ? 'non_conforming' : lot.state === 'treated' ? 'treated_conforming' : 'in_progress';
  return {
    lot,
    kg: lot.generatedKg ?? lot.handedOverKg ?? lot.receivedKg ?? 0,
    standing,
    violations,
    storageDeadline: lot.state === 'stored' ? storageDeadline : null,
    manifestDeadline: lot.treatedAt ? null : manifestDeadline,
  };
}

const KIND_TEXT: Record<WastePartyKind, string> = {
  generator: 'generator',
  transporter: 'transporter',
  treatment_facility: 'treatment facility',
};

/** Why a party may not take this waste on this day, or null when a licence covers it. */
function licenceProblem(
  context: JudgementContext,
  kind: WastePartyKind,
  code: string,
  wasteCode: string | null,
  at: Date,
): WasteFinding | null {
  const role = KIND_TEXT[kind];
  const entry = context.parties.get(code);
  if (!entry) return { code: 'party_not_licensed', reason: `${role} ${code} is not registered` };
  if (entry.party.kind !== kind) {
    return {
      code: 'party_not_licensed',
      reason: `${code} is a ${KIND_TEXT[entry.party.kind]}, not a ${role}`,
    };
  }
  const day = localDayOf(at);
  const covering = entry.licences.filter((l) => wasteCode === null || l.wasteCodes.includes(wasteCode));
  if (covering.some((l) => l.validFrom <= day && (l.validTo === null || l.validTo > day))) return null;
  const what = wasteCode ?? 'this lot';
  const ended = covering.filter((l) => l.validTo !== null && l.validTo <= day);
  if (ended.length > 0) {
    const last = ended.reduce((a, b) => (a.validTo! > b.validTo! ? a : b));
    return {
      code: 'licence_expired',
      reason: `${role} ${code}'s licence ${last.licenceNumber} for ${what} ended on ${last.validTo}, before ${day}`,
    };
  }
  return { code: 'party_not_licensed', reason: `${role} ${code} holds no licence for ${what} on ${day}` };
}

function wholeDays(later: Date, earlier: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / DAY_MS);
}

function kg(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`;
}
