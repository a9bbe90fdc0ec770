export * from './app-modules';
export * from './config.module';
export * from './boot/bootstrap';
export * from './boot/platform';
export * from './boot/run-main';
export * from './boot/cli';
export * from './http/http-app';
export * from './http/domain-error.filter';
