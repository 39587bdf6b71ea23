import { Controller, Get, Param } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MatchProposed, PlacementCancelled, PlacementDeparted, PlacementHired, PlacementReturned, Topics } from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
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
  onMatch(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return this.events.dispatch(context, payload, [on(MatchProposed, (e) => this.stats.countMatch(e))]);
  }

  @EventPattern(Topics.placement)
  onPlacement(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const count = (e: Parameters<StatsService['countPlacement']>[0]) => this.stats.countPlacement(e);
    return this.events.dispatch(context, payload, [
      on(PlacementHired, count),
      on(PlacementDeparted, count),
      on(PlacementReturned, count),
      on(PlacementCancelled, count),
    ]);
  }
}
