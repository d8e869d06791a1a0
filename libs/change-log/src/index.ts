export * from './change-writer';
export * from './change-relay';
export * from './state-relay';
export * from './outbox-deliverer';
export * from './group-queue';
