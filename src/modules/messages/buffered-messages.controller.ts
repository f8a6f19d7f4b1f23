import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { BufferedMessageDto, BufferedMessagePageDto, BufferedMessageQueryDto } from './dto/buffered-message.dto';
import { BufferedMessagesService } from './buffered-messages.service';

@ApiTags('Messages')
@Controller('messages/buffered')
export class BufferedMessagesController {
  constructor(private readonly buffered: BufferedMessagesService) {}

  @Get()
  @ApiOperation({ summary: 'List messages kept for a subscription that has not opened yet (unexpired, oldest first)' })
  @ApiOkResponse({ type: BufferedMessagePageDto })
  @ApiErrors()
  listBufferedMessages(@Query() query: BufferedMessageQueryDto): Promise<BufferedMessagePageDto> {
    return this.buffered.list(query);
  }

  @Get(':message_id')
  @ApiOperation({ summary: 'Get a buffered message' })
  @ApiOkResponse({ type: BufferedMessageDto })
  @ApiErrors(404)
  getBufferedMessage(@Param('message_id') id: string): Promise<BufferedMessageDto> {
    return this.buffered.get(id);
  }

  @Delete(':message_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a buffered message before it expires' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  deleteBufferedMessage(@Param('message_id') id: string): Promise<void> {
    return this.buffered.delete(id);
  }
}
