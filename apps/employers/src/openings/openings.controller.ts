import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@jobfair/platform';
import { ListOpeningsQuery, PostOpeningDto, UpdateOpeningDto } from './opening.dto';
import { OpeningsService } from './openings.service';

@ApiTags('openings')
@ApiBearerAuth()
@Controller('openings')
@Roles('admin', 'staff', 'employer')
export class OpeningsController {
  constructor(private readonly openings: OpeningsService) {}

  @Post()
  post(@Body() dto: PostOpeningDto, @CurrentActor() actor: Actor) {
    return this.openings.post(dto, actor);
  }

  @Get()
  list(@Query() query: ListOpeningsQuery, @CurrentActor() actor: Actor) {
    return this.openings.list(query, actor);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.openings.get(id, actor);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateOpeningDto, @CurrentActor() actor: Actor) {
    return this.openings.update(id, dto, actor);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.openings.close(id, actor);
  }
}
