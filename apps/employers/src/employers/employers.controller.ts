import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@jobfair/platform';
import { EmployersService } from './employers.service';
import { ListEmployersQuery, RegisterEmployerDto } from './employer.dto';

@ApiTags('employers')
@ApiBearerAuth()
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Post()
  @Roles('admin', 'staff')
  register(@Body() dto: RegisterEmployerDto) {
    return this.employers.register(dto);
  }

  @Get()
  @Roles('admin', 'staff')
  list(@Query() query: ListEmployersQuery) {
    return this.employers.list(query);
  }

  @Get(':id')
  @Roles('admin', 'staff', 'employer')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.employers.get(id, actor);
  }
}
