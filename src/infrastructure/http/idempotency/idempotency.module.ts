import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** Idempotency-Key support for the routes marked @Idempotent. */
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
