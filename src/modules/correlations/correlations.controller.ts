import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { TYPED_VARIABLES_SCHEMA } from '../../common/dto/typed-value.dto';
import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { CorrelationsService } from './correlations.service';
import { CorrelationDto, CorrelationPageDto, CorrelationQueryDto, InstanceDetailDto, VariablesQueryDto } from './dto/instance.dto';

@ApiTags('Correlations')
@Controller()
export class CorrelationsController {
  constructor(private readonly correlations: CorrelationsService) {}

  @Get('correlations')
  @ApiOperation({ summary: 'List correlations (business cases), newest first' })
  @ApiOkResponse({ type: CorrelationPageDto })
  @ApiErrors()
  listCorrelations(@Query() query: CorrelationQueryDto): Promise<CorrelationPageDto> {
    return this.correlations.list(query);
  }

  @Get('correlations/:correlation_id')
  @ApiOperation({ summary: 'Get a correlation and its process instances' })
  @ApiOkResponse({ type: CorrelationDto })
  @ApiErrors(404)
  getCorrelation(@Param('correlation_id') correlationId: string): Promise<CorrelationDto> {
    return this.correlations.get(correlationId);
  }

  @Get('process_models/:process_model_key/correlations/:correlation_id')
  @ApiOperation({ summary: 'Get a correlation, only its instances of one process model' })
  @ApiOkResponse({ type: CorrelationDto })
  @ApiErrors(404)
  getProcessModelCorrelation(
    @Param('process_model_key') key: string,
    @Param('correlation_id') correlationId: string,
  ): Promise<CorrelationDto> {
    return this.correlations.get(correlationId, key);
  }
}

@ApiTags('Process instances')
@Controller('process_instances')
export class ProcessInstancesController {
  constructor(private readonly correlations: CorrelationsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a process instance: state, active elements, waiting events, open tasks, incidents' })
  @ApiOkResponse({ type: InstanceDetailDto })
  @ApiErrors(404)
  getProcessInstance(@Param('id') id: string): Promise<InstanceDetailDto> {
    return this.correlations.instance(id);
  }

  @Get(':id/variables')
  @ApiOperation({ summary: 'Get the variables of a process instance, typed' })
  @ApiOkResponse({ schema: TYPED_VARIABLES_SCHEMA })
  @ApiErrors(404)
  getProcessInstanceVariables(@Param('id') id: string, @Query() query: VariablesQueryDto): Promise<Record<string, unknown>> {
    return this.correlations.variables(id, query.scope);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a running process instance; its wait states disappear' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiErrors(404, 409)
  cancelProcessInstance(@Param('id') id: string): Promise<void> {
    return this.correlations.cancel(id);
  }
}
