import { openTestStore } from '@hp/testing-store';
import { goldenCadence } from './golden-cadence';
import { goldenSetAside } from './golden-set-aside';
import { goldenKpi, goldenSet } from './golden-set';

const open = () => openTestStore('embedded');

describe('compliance golden set: embedded TimescaleDB', () => {
  goldenSet(open);
  goldenKpi(open);
  goldenCadence(open);
  goldenSetAside(open);
});
