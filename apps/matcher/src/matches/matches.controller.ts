import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@jobfair/platform';
import { ListMatchesQuery, RejectMatchDto } from './match.dto';
import { MatchesService } from './matches.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @Roles('admin', 'staff', 'employer')
  list(@Query() query: ListMatchesQuery, @CurrentActor() actor: Actor) {
    return this.matches.list(query, actor);
  }

  @Get(':id')
  @Roles('admin', 'staff', 'employer')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.matches.get(id, actor);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('admin', 'staff')
  approve(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.matches.approve(id, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'staff')
  reject(@Param('id') id: string, @Body() dto: RejectMatchDto, @CurrentActor() actor: Actor) {
    return this.matches.reject(id, dto.reason, actor);
  }
}
