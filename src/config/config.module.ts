import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig, loadConfiguration } from './configuration';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated configuration everywhere; tests pass their own instead of the environment's. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfiguration()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
