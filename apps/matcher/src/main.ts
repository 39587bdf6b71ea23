import { runService } from '@jobfair/platform';
import { AppModule } from './app.module';
import { MATCHER_SERVICE } from './service-spec';

void runService(MATCHER_SERVICE, AppModule);
