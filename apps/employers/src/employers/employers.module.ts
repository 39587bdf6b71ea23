import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Employer, EmployerSchema } from './employer.schema';
import { EmployersController } from './employers.controller';
import { EmployersService } from './employers.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Employer.name, schema: EmployerSchema }])],
  controllers: [EmployersController],
  providers: [EmployersService],
  exports: [EmployersService],
})
export class EmployersModule {}
