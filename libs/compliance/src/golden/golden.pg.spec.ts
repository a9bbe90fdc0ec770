import { openTestStore } from '@hp/testing-store';
import { goldenCadence } from './golden-cadence';
import { goldenSetAside } from './golden-set-aside';
import { goldenKpi, goldenSet } from './golden-set';

const open = () => openTestStore('pg');

describe('compliance golden set: pg driver on PostgreSQL', () => {
  goldenSet(open);
  goldenKpi(open);
  goldenCadence(open);
  goldenSetAside(open);
});
