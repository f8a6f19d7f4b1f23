import { randomUUID } from 'node:crypto';

import { Global, Module } from '@nestjs/common';

import { BpmnParser, EXECUTABLE_TYPES, Engine, FeelExpressionEvaluator } from '../../engine';

/**
 * Wires the pure engine to the host: the system clock, UUIDs and the FEEL/JUEL evaluator. One engine and
 * one parser serve the whole process; both are stateless apart from caches of immutable data.
 */
@Global()
@Module({
  providers: [
    { provide: FeelExpressionEvaluator, useFactory: () => new FeelExpressionEvaluator() },
    {
      provide: Engine,
      inject: [FeelExpressionEvaluator],
      useFactory: (expressions: FeelExpressionEvaluator) =>
        new Engine({ clock: { now: () => new Date() }, ids: { next: () => randomUUID() }, expressions }),
    },
    {
      provide: BpmnParser,
      inject: [FeelExpressionEvaluator],
      useFactory: (expressions: FeelExpressionEvaluator) => new BpmnParser(EXECUTABLE_TYPES, expressions),
    },
  ],
  exports: [Engine, BpmnParser, FeelExpressionEvaluator],
})
export class EngineHostModule {}
