import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { InstanceHistoryDto } from './dto/history.dto';
import { HistoryService } from './history.service';

@ApiTags('History')
@Controller('process_instances')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'The history of a process instance (running or ended)',
    description:
      'Its element instances (entered, ended, how: completed or terminated and by what), and every step in order, including which ' +
      'message or event moved each wait state and through which route.',
  })
  @ApiOkResponse({ type: InstanceHistoryDto })
  @ApiErrors(404)
  getProcessInstanceHistory(@Param('id') id: string): Promise<InstanceHistoryDto> {
    return this.history.instanceHistory(id);
  }
}
