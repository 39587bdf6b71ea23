import { Controller, Get, Param } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  MatchPromoted,
  MatchProposed,
  PlacementCancelled,
  PlacementDeparted,
  PlacementHired,
  PlacementReturned,
  Topics,
} from '@jobfair/contracts';
import { EventBatch, EventDispatcher, onBatch } from '@jobfair/messaging';
import { Roles } from '@jobfair/platform';
import { StatsService } from './stats.service';

@ApiTags('fairs')
@ApiBearerAuth()
@Controller('fairs/:id/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @Roles('admin', 'staff')
  get(@Param('id') id: string) {
    return this.stats.forFair(id);
  }
}

/** Matches proposed and placements standing at a fair, each counted once. */
@Controller()
export class StatsEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly stats: StatsService,
  ) {}

  @EventPattern(Topics.match)
  onMatch(@Payload() batch: EventBatch) {
    const count = (events: Parameters<StatsService['countMatches']>[0]) => this.stats.countMatches(events);
    return this.events.dispatch(batch, [onBatch(MatchProposed, count), onBatch(MatchPromoted, count)]);
  }

  @EventPattern(Topics.placement)
  onPlacement(@Payload() batch: EventBatch) {
    // One handler for the four: a placement's events in one batch are counted in one go.
    const count = (events: Parameters<StatsService['countPlacements']>[0]) => this.stats.countPlacements(events);
    return this.events.dispatch(batch, [
      onBatch(PlacementHired, count),
      onBatch(PlacementDeparted, count),
      onBatch(PlacementReturned, count),
      onBatch(PlacementCancelled, count),
    ]);
  }
}
