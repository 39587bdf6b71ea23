import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Every model's indexes are built before the application's start-up work runs (seeding the
 * administrator, the outbox sweep): the local database stand-in fails a query on a collection
 * while one of its indexes is being added (a ConcurrentModificationException, answered as
 * "Unknown error: null"), which stopped a gateway's start once in CI.
 */
@Injectable()
export class IndexesBuilt implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    await Promise.all(Object.values(this.connection.models).map((model) => model.init()));
  }
}
