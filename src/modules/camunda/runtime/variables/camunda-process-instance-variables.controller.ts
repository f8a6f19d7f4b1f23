import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiBodyOptions, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { TYPED_VARIABLES_SCHEMA, TypedValueDto } from '../../../../common/dto/typed-value.dto';
import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaPatchVariablesDto } from '../dto/variables.dto';
import { sendBinary } from './binary-reply';
import { CamundaVariablesService } from './camunda-variables.service';

const BINARY_FORM: ApiBodyOptions = {
  schema: {
    type: 'object',
    properties: {
      data: { type: 'string', format: 'binary', description: 'The content' },
      valueType: { type: 'string', description: 'Bytes (default) or File; a File takes its name and MIME type from the data part' },
    },
    required: ['data'],
  },
};

/** Camunda 7's /process-instance/{id}/variables resource: the variables of the instance's root scope. */
@ApiTags('Camunda 7: Process Instance')
@Controller('engine-rest/process-instance/:id/variables')
export class CamundaProcessInstanceVariablesController {
  constructor(private readonly variables: CamundaVariablesService) {}

  @Get()
  @ApiOperation({ summary: 'Get the variables of a process instance (Camunda 7 GET /process-instance/{id}/variables)' })
  @ApiQuery({ name: 'deserializeValues', required: false, type: Boolean, description: 'Accepted; values are always returned in serialized form' })
  @ApiOkResponse({ schema: TYPED_VARIABLES_SCHEMA })
  @CamundaErrors()
  getCamundaProcessInstanceVariables(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.variables.getVariables('process instance', id);
  }

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set and remove variables of a process instance in one step (Camunda 7 POST /process-instance/{id}/variables)' })
  @ApiNoContentResponse({ description: 'Updated' })
  @CamundaErrors()
  modifyProcessInstanceVariables(@Param('id') id: string, @Body() patch: CamundaPatchVariablesDto): Promise<void> {
    return this.variables.modifyVariables(id, patch);
  }

  @Get(':varName')
  @ApiOperation({ summary: 'Get one variable of a process instance (Camunda 7 GET /process-instance/{id}/variables/{varName})' })
  @ApiQuery({ name: 'deserializeValue', required: false, type: Boolean, description: 'Accepted; the value is always returned in serialized form' })
  @ApiOkResponse({ type: TypedValueDto })
  @CamundaErrors(404)
  getProcessInstanceVariable(@Param('id') id: string, @Param('varName') name: string): Promise<unknown> {
    return this.variables.getVariable('process instance', id, name);
  }

  @Put(':varName')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set one variable of a process instance (Camunda 7 PUT /process-instance/{id}/variables/{varName})' })
  @ApiBody({ type: TypedValueDto })
  @ApiNoContentResponse({ description: 'Set' })
  @CamundaErrors()
  setProcessInstanceVariable(@Param('id') id: string, @Param('varName') name: string, @Body() body: Record<string, unknown>): Promise<void> {
    return this.variables.putVariable(id, name, body);
  }

  @Delete(':varName')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one variable of a process instance (Camunda 7 DELETE /process-instance/{id}/variables/{varName})' })
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  @CamundaErrors()
  deleteProcessInstanceVariable(@Param('id') id: string, @Param('varName') name: string): Promise<void> {
    return this.variables.deleteVariable(id, name);
  }

  @Get(':varName/data')
  @ApiOperation({ summary: 'Download the content of a Bytes or File variable (Camunda 7 GET /process-instance/{id}/variables/{varName}/data)' })
  @ApiProduces('application/octet-stream', '*/*')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The raw content; a File with its MIME type and file name' })
  @CamundaErrors(404)
  async getProcessInstanceVariableBinary(
    @Param('id') id: string,
    @Param('varName') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendBinary(reply, await this.variables.getVariableData('process instance', id, name));
  }

  @Post(':varName/data')
  @HttpCode(204)
  @ApiOperation({ summary: 'Upload a Bytes or File variable (Camunda 7 POST /process-instance/{id}/variables/{varName}/data, multipart)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(BINARY_FORM)
  @ApiNoContentResponse({ description: 'Set' })
  @CamundaErrors(415)
  setProcessInstanceVariableBinary(@Param('id') id: string, @Param('varName') name: string, @Req() request: FastifyRequest): Promise<void> {
    return this.variables.setBinaryVariable(id, name, request);
  }
}
