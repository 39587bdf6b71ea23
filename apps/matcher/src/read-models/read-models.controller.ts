import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OpeningSnapshot } from '@jobfair/contracts';
import { Roles } from '@jobfair/platform';
import { ReadModelsService } from './read-models.service';

/** What the matcher currently knows of an opening: lets staff see whether an update has reached matching yet. */
@ApiTags('matching')
@ApiBearerAuth()
@Controller('matching/openings')
export class ReadModelsController {
  constructor(private readonly readModels: ReadModelsService) {}

  @Get(':id')
  @Roles('admin', 'staff')
  async opening(@Param('id') id: string): Promise<OpeningSnapshot & { knownVersion: number }> {
    const view = await this.readModels.openings.findById(id).lean();
    if (!view) throw new NotFoundException(`the matcher does not know opening ${id} (yet)`);
    return { ...view.opening, knownVersion: view.version };
  }
}
