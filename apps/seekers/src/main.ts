import { runService } from '@jobfair/platform';
import { AppModule } from './app.module';
import { SEEKERS_SERVICE } from './service-spec';

void runService(SEEKERS_SERVICE, AppModule);
