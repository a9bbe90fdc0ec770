export * from './readings.module';
export * from './readings.service';
export * from './readings.dto';
export * from './readings-query';
