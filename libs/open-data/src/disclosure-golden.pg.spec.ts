// Issue 16 golden set for public disclosure, on the pg driver over PostgreSQL (cases in disclosure-golden.ts).
import { openTestStore } from '@hp/testing-store';
import { disclosureGolden } from './disclosure-golden';

const open = () => openTestStore('pg');

describe('disclosure golden set: pg driver on PostgreSQL', () => {
  disclosureGolden(open);
});
