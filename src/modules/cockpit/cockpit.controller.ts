import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { CockpitAssets } from './cockpit-assets';

export const COCKPIT_PATH = '/cockpit';

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Cockpit not built</title>' +
  '<p>The cockpit has not been built: run <code>npm run build</code> (it builds the server and the cockpit into dist/).</p>';

/**
 * The browser cockpit at /cockpit: one page and its hashed, immutable assets. Public like the API
 * documentation: the page holds no data; it calls the API with the token the user types into it.
 */
@ApiExcludeController()
@Controller('cockpit')
export class CockpitController {
  constructor(private readonly assets: CockpitAssets) {}

  @Get()
  page(@Res() reply: FastifyReply): void {
    const page = this.assets.page();
    void reply
      .status(page ? 200 : 503)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(page ?? NOT_BUILT);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.asset(file);
    if (!asset) {
      void reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
      return;
    }
    void reply.header('content-type', asset.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  }
}
