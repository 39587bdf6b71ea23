import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { GATEWAY_SERVICE } from './service-spec';
import { UsersModule } from './users/users.module';

@Module({
  imports: [PlatformModule.forService(GATEWAY_SERVICE), UsersModule],
})
export class AppModule {}
