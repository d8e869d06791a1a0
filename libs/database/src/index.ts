export * from './entities';
export * from './database-options';
export * from './database-admin';
export * from './repositories/attendance-counts.repository';
export * from './repositories/draft-comments.repository';
export * from './repositories/consolidation.repository';
export * from './repositories/polls.repository';
