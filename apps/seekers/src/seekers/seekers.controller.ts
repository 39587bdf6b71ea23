import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { DistinctPairDto, ListDuplicatesQuery, ListSeekersQuery, MergeSeekersDto, RegisterSeekerDto, UpdateSeekerDto } from './seeker.dto';
import { SeekersService } from './seekers.service';

/** Centre staff register and keep seekers; employers never reach these routes. */
@ApiTags('seekers')
@ApiBearerAuth()
@Controller('seekers')
@Roles('admin', 'staff')
export class SeekersController {
  constructor(private readonly seekers: SeekersService) {}

  @Post()
  register(@Body() dto: RegisterSeekerDto) {
    return this.seekers.register(dto);
  }

  @Get()
  list(@Query() query: ListSeekersQuery) {
    return this.seekers.list(query);
  }

  /** Records that may be one person, with a score and why: the review list (before `:id`, which would take the word). */
  @Get('duplicates')
  duplicates(@Query() query: ListDuplicatesQuery) {
    return this.seekers.duplicates(query);
  }

  /** Two records judged to be two people: the pair leaves the review list. */
  @Post('duplicates/distinct')
  @HttpCode(200)
  markDistinct(@Body() dto: DistinctPairDto) {
    return this.seekers.markDistinct(dto.a, dto.b);
  }

  /** Staff merge a duplicate into this record (the survivor); answers the survivor. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(@Param('id') id: string, @Body() dto: MergeSeekersDto) {
    return this.seekers.merge(id, dto.duplicateId);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.seekers.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateSeekerDto) {
    return this.seekers.update(id, dto);
  }

  /** Erasure on request; afterwards the seeker is "not found" here and forgotten by the other services. */
  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'erased' })
  erase(@Param('id') id: string) {
    return this.seekers.erase(id);
  }
}
