export * from './model';
export * from './audience';
export * from './errors';
export * from './realtime';
export * from './bus';
export * from './media';
export * from './jobs';
export * from './tokens';
