import { Module } from '@nestjs/common';

/** Camunda 7 runtime routes: process instances and their variables, executions, event subscriptions, tasks. */
@Module({})
export class CamundaRuntimeModule {}
