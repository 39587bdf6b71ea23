import type { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  DataKeyKind,
  OutboxRelay,
  OwnedDataKeySchema,
  OwnedDataKeys,
  ReceivedDataKeySchema,
  ReceivedDataKeys,
  WaitingEventSchema,
  keyEncryptionKey,
} from '@jobfair/messaging';
import { CentreServiceConfig, ServiceConfig } from './config/service-config';

function kek(config: ServiceConfig): Buffer {
  if (!(config instanceof CentreServiceConfig)) throw new Error('personal data keys need a CentreServiceConfig (PERSONAL_DATA_KEY)');
  return keyEncryptionKey(config.personalDataKey);
}

/** The keys this service issues for its subjects (in `kind.collection`, with their outbox). */
export function ownedDataKeysProvider(kind: DataKeyKind): Provider {
  return {
    provide: OwnedDataKeys,
    inject: [getConnectionToken(), OutboxRelay, ServiceConfig],
    useFactory: (connection: Connection, relay: OutboxRelay, config: ServiceConfig) =>
      new OwnedDataKeys(connection.model(kind.collection, OwnedDataKeySchema, kind.collection), relay, kind, kek(config)),
  };
}

/**
 * The keys this service receives from another's key topic (in `kind.collection`; events waiting for
 * theirs beside), with the subjects of events already waiting marked before any key is received.
 */
export function receivedDataKeysProvider(kind: DataKeyKind): Provider {
  return {
    provide: ReceivedDataKeys,
    inject: [getConnectionToken(), ServiceConfig],
    useFactory: async (connection: Connection, config: ServiceConfig) => {
      const keys = new ReceivedDataKeys(
        connection.model(kind.collection, ReceivedDataKeySchema, kind.collection),
        connection.model(`${kind.collection}_waiting`, WaitingEventSchema, `${kind.collection}_waiting`),
        kek(config),
      );
      await keys.markAwaited();
      return keys;
    },
  };
}
