import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ExpiriesController } from './expiries.controller';
import { ExpiriesService } from './expiries.service';

@Module({
  imports: [ReadModelsModule],
  controllers: [ExpiriesController],
  providers: [ExpiriesService],
})
export class ExpiriesModule {}
