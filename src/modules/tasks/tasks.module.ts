import { Module } from '@nestjs/common';

import { CompleteTaskCommand } from './commands/complete-task.command';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** User tasks: the work people do inside processes. */
@Module({
  controllers: [TasksController],
  exports: [CompleteTaskCommand, TasksService],
  providers: [CompleteTaskCommand, TasksService],
})
export class TasksModule {}
