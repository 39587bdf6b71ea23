import { runService } from '@jobfair/platform';
import { AppModule } from './app.module';
import { EMPLOYERS_SERVICE } from './service-spec';

void runService(EMPLOYERS_SERVICE, AppModule);
