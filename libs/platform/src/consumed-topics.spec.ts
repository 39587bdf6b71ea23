import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { checkConsumedTopics, handledTopics } from './consumed-topics';

@Controller()
class OpeningEvents {
  @EventPattern('employers.opening.v1')
  onOpening(): void {}
}

@Controller()
class PlacementEvents {
  @EventPattern('matching.placement.v1')
  onPlacement(): void {}

  notAHandler(): void {}
}

@Module({ controllers: [PlacementEvents] })
class PlacementsModule {}

@Module({ imports: [PlacementsModule], controllers: [OpeningEvents] })
class AppModule {}

describe('the consumed topics of a service', () => {
  it('are found on the event handlers of every module of the application', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    expect(handledTopics(app)).toEqual(['employers.opening.v1', 'matching.placement.v1']);
    expect(() => checkConsumedTopics(app, 'demo', ['matching.placement.v1', 'employers.opening.v1'])).not.toThrow();
  });

  it('stop the start when the spec and the handlers disagree, naming both sides', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    expect(() => checkConsumedTopics(app, 'demo', ['employers.opening.v1', 'fairs.fair.v1'])).toThrow(
      "demo: its spec's consumed topics do not match its event handlers; handled but not listed: matching.placement.v1; listed but not handled: fairs.fair.v1",
    );
  });
});
