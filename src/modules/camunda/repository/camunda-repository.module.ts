import { Module } from '@nestjs/common';

/** Camunda 7 repository routes: deployments, process definitions, engine and version. */
@Module({})
export class CamundaRepositoryModule {}
