import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';

class HealthResponseDto {
  @ApiProperty({ enum: ['ok'], type: String }) status!: 'ok';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @Endpoint({ operationId: 'getHealth', summary: 'Up, with its database reachable.', response: HealthResponseDto, errors: [] })
  async check(): Promise<HealthResponseDto> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok' };
  }
}
