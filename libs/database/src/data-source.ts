// Standalone DataSource for the TypeORM CLI (migration:run, migration:generate).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options';

export default new DataSource(
  dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hoinghi' }),
);
