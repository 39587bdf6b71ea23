import { runService } from '@jobfair/platform';
import { AppModule } from './app.module';
import { FAIRS_SERVICE } from './service-spec';

void runService(FAIRS_SERVICE, AppModule);
