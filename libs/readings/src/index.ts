export * from './readings.module';
export * from './readings.service';
export * from './readings.dto';
export * from './readings-query';
export * from './corrections/reading-corrections.service';
export * from './corrections/reading-corrections.dto';
export * from './corrections/correction-request';
