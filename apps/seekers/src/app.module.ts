import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { SeekersModule } from './seekers/seekers.module';
import { SEEKERS_SERVICE } from './service-spec';

@Module({
  imports: [PlatformModule.forService(SEEKERS_SERVICE), SeekersModule],
})
export class AppModule {}
