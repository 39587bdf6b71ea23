import { Injectable } from '@nestjs/common';

/** What readiness needs to know about this service's consumer group membership. */
@Injectable()
export class ConsumerState {
  /** False for services that consume nothing: readiness then ignores the consumer. */
  enabled = false;
  joined = false;
  crashed?: string;
  /** Set while a handler waits out a transient failure (its partition does not move on): readiness is down. */
  stalled?: string;
  /** Aborted at shutdown, so a handler waiting for a dependency gives up and leaves its offset uncommitted. */
  readonly stopping = new AbortController();
  /** Set by the transport so shutdown can leave the group before the outbox drains. */
  stop?: () => Promise<void>;
}
