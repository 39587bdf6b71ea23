import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, OpeningSnapshot } from '@jobfair/contracts';
import { applyIfNewer } from '@jobfair/messaging';
import { Opening } from './opening.schema';

@Injectable()
export class OpeningsService {
  constructor(@InjectModel(Opening.name) private readonly openings: Model<Opening>) {}

  async apply(event: EventEnvelope<OpeningSnapshot>): Promise<void> {
    const { employerId, positions, status } = event.data;
    await applyIfNewer(this.openings, event, { employerId, positions, status });
  }

  find(ids: string[]): Promise<Opening[]> {
    return ids.length ? this.openings.find({ _id: { $in: ids } }).lean() : Promise.resolve([]);
  }
}
