import { Module } from '@nestjs/common';
import { FloorHolderService } from './floor-holder.service';
import { InternalController } from './internal.controller';
import { ServiceTokenGuard } from './service-token.guard';

@Module({ controllers: [InternalController], providers: [FloorHolderService, ServiceTokenGuard] })
export class InternalModule {}
