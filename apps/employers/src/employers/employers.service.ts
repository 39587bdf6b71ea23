import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { EmployerRegistered, EmployerSnapshot, HOME_COUNTRY } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { Actor, Page, employerScope, findPage } from '@jobfair/platform';
import { Employer, employerSnapshot } from './employer.schema';
import { ListEmployersQuery, RegisterEmployerDto } from './employer.dto';

@Injectable()
export class EmployersService {
  private readonly employers: AggregateRepository<Employer, EmployerSnapshot>;

  constructor(@InjectModel(Employer.name) model: Model<Employer>, relay: OutboxRelay) {
    this.employers = new AggregateRepository(model, relay, employerSnapshot);
  }

  async register(dto: RegisterEmployerDto): Promise<EmployerSnapshot> {
    const employer = await this.employers.create(
      {
        _id: uuidv7(),
        name: dto.name,
        kind: dto.kind,
        licenceNumber: dto.licenceNumber,
        country: dto.country ?? HOME_COUNTRY,
        province: dto.province,
      },
      EmployerRegistered,
    );
    return employerSnapshot(employer);
  }

  list(query: ListEmployersQuery): Promise<Page<EmployerSnapshot>> {
    return findPage(this.employers.model, query.kind ? { kind: query.kind } : {}, query, employerSnapshot);
  }

  /** An employer user sees only its own employer; anything else is "not found". */
  async get(id: string, actor: Actor): Promise<EmployerSnapshot> {
    const scope = employerScope(actor);
    const employer = scope !== undefined && scope !== id ? null : await this.employers.model.findById(id).lean();
    if (!employer) throw new NotFoundException(`employer ${id} not found`);
    return employerSnapshot(employer);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.employers.model.exists({ _id: id })) !== null;
  }
}
