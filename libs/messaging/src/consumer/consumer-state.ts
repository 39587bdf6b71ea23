import { Injectable } from '@nestjs/common';

/** What readiness needs to know about this service's consumer group membership. */
@Injectable()
export class ConsumerState {
  /** False for services that consume nothing: readiness then ignores the consumer. */
  enabled = false;
  joined = false;
  crashed?: string;
  /** Set by the transport so shutdown can leave the group before the outbox drains. */
  stop?: () => Promise<void>;
}
