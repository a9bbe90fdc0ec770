import { openTestStore } from '@hp/testing-store';
import { dataQualityContract } from './data-quality.contract';

describe('data quality: embedded TimescaleDB', () => {
  dataQualityContract(() => openTestStore('embedded'));
});
