import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';

import { CockpitAssets } from './cockpit-assets';
import { COCKPIT_PATH, CockpitController } from './cockpit.controller';

/** Serves the browser cockpit (built from src/cockpit-ui into dist/cockpit) at /cockpit. */
@Module({
  controllers: [CockpitController],
  providers: [{ provide: CockpitAssets, useFactory: () => new CockpitAssets() }],
})
export class CockpitModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Nest drops trailing slashes from controller paths; `/cockpit/`, as people type it, goes to the page. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.get) return;
    fastify.get(`${COCKPIT_PATH}/`, (_request, reply) => reply.redirect(COCKPIT_PATH, 301));
  }
}
