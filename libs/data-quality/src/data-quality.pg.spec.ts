import { openTestStore } from '@hp/testing-store';
import { dataQualityContract } from './data-quality.contract';

describe('data quality: pg driver on PostgreSQL', () => {
  dataQualityContract(() => openTestStore('pg'));
});
