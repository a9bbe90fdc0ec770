// Issue 16 golden set for public disclosure, on the embedded driver (cases in disclosure-golden.ts).
import { openTestStore } from '@hp/testing-store';
import { disclosureGolden } from './disclosure-golden';

const open = () => openTestStore('embedded');

describe('disclosure golden set: embedded TimescaleDB', () => {
  disclosureGolden(open);
});
