import { Global, Module } from '@nestjs/common';
import { BusPublisher } from './bus-publisher';

@Global()
@Module({ providers: [BusPublisher], exports: [BusPublisher] })
export class BusModule {}
