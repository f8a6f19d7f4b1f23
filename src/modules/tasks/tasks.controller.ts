import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Idempotent } from '../../infrastructure/http/idempotency/idempotent.decorator';
import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { CompleteTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('Tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'List open user tasks' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors()
  listTasks(@Query() query: TaskQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(query);
  }

  @Get(':task_id')
  @ApiOperation({ summary: 'Get an open user task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(404)
  getTask(@Param('task_id') id: string): Promise<TaskDto> {
    return this.tasks.get(id);
  }

  @Idempotent()
  @Post(':task_id/complete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Complete a user task',
    description: 'Send `payload` (plain JSON) or `variables` (typed), not both. Answers once committed; the token moves on asynchronously.',
  })
  @ApiNoContentResponse({ description: 'Completed' })
  @ApiErrors(404)
  completeTask(@Param('task_id') id: string, @Body() body: CompleteTaskDto): Promise<void> {
    return this.tasks.complete(id, body);
  }
}
