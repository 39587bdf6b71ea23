import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@jobfair/platform';
import { ChangePlacementStatusDto, HireDto, ListPlacementsQuery, PlacementView } from './placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
@Roles('admin', 'staff', 'employer')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  /**
   * 201 with the new placement; 200 with the same placement when the match was already hired (a retry);
   * 409 when the match is not approved or the opening (or the match's quota) is full.
   */
  @Post()
  @ApiCreatedResponse({ type: PlacementView, description: 'hired' })
  @ApiOkResponse({ type: PlacementView, description: 'the match was already hired: its placement, unchanged' })
  async hire(@Body() dto: HireDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const { created, placement } = await this.placements.hire(dto, actor);
    response.status(created ? 201 : 200);
    return placement;
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: PlacementView })
  changeStatus(@Param('id') id: string, @Body() dto: ChangePlacementStatusDto, @CurrentActor() actor: Actor) {
    return this.placements.changeStatus(id, dto, actor);
  }

  @Get()
  list(@Query() query: ListPlacementsQuery, @CurrentActor() actor: Actor) {
    return this.placements.list(query, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlacementView })
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.placements.get(id, actor);
  }
}
