import { runService } from '@jobfair/platform';
import { AppModule } from './app.module';
import { GATEWAY_SERVICE } from './service-spec';

void runService(GATEWAY_SERVICE, AppModule);
