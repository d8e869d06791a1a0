export * from './entities';
export * from './database-options';
export * from './database-admin';
