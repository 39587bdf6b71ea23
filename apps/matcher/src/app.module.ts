import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { ReadModelsModule } from './read-models/read-models.module';
import { MATCHER_SERVICE } from './service-spec';

@Module({
  imports: [PlatformModule.forService(MATCHER_SERVICE), ReadModelsModule],
})
export class AppModule {}
