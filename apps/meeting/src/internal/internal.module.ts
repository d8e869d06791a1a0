import { Module } from '@nestjs/common';
import { MediaControlsModule } from '../media-controls/media-controls.module';
import { FloorHolderService } from './floor-holder.service';
import { InternalController } from './internal.controller';
import { ServiceTokenGuard } from './service-token.guard';

@Module({ imports: [MediaControlsModule], controllers: [InternalController], providers: [FloorHolderService, ServiceTokenGuard] })
export class InternalModule {}
