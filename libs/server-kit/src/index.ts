export * from './error-response';
export * from './http-error.filter';
export * from './env';
export * from './process-guards';
export * from './redis-close';
export * from './ballot-seal';
export * from './redis-channel';
