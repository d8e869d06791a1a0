export * from './entities';
export * from './database-options';
