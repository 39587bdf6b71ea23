import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { EmployersModule } from './employers/employers.module';
import { OpeningsModule } from './openings/openings.module';
import { EMPLOYERS_SERVICE } from './service-spec';

@Module({
  imports: [PlatformModule.forService(EMPLOYERS_SERVICE), EmployersModule, OpeningsModule],
})
export class AppModule {}
