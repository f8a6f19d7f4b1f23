import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res, Type } from '@nestjs/common';
import { ApiBody, ApiBodyOptions, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { TYPED_VARIABLES_SCHEMA, TypedValueDto } from '../../../../common/dto/typed-value.dto';
import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaPatchVariablesDto } from '../dto/variables.dto';
import { sendBinary } from './binary-reply';
import { CamundaVariablesService } from './camunda-variables.service';
import { EXECUTION_LOCAL_VARIABLES, PROCESS_INSTANCE_VARIABLES, TASK_LOCAL_VARIABLES, TASK_VARIABLES, VariableTarget } from './variable-targets';

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

/** How one of Camunda's variable resources appears in the API: where, under which tag, and Camunda's operation ids. */
interface VariableResourceSpec {
  readonly name: string;
  readonly target: VariableTarget;
  readonly tag: string;
  /** Router path, e.g. engine-rest/task/:id/localVariables. */
  readonly path: string;
  /** Camunda's path for the summaries, e.g. /task/{id}/localVariables. */
  readonly camundaPath: string;
  /** "the variables of a process instance", … */
  readonly plural: string;
  /** "variable of a process instance", … */
  readonly singular: string;
  /** Where writes go, for the descriptions of the writing operations. */
  readonly writes: string;
  readonly operationIds: {
    readonly list: string;
    readonly modify: string;
    readonly get: string;
    readonly put: string;
    readonly remove: string;
    readonly getBinary: string;
    readonly setBinary: string;
  };
  readonly binaryDownloadNote?: string;
}

/**
 * Camunda's VariableResource (REST/sub/VariableResource.java) mounted for one owner: the same seven
 * operations on every variable resource, each delegating to the one service with the resource's target.
 * Built by a function because Nest routes are declared by decorators on a class, and the four resources
 * differ only in their path, tag, target and texts.
 */
function variablesController(spec: VariableResourceSpec): Type<unknown> {
  const { target, camundaPath: at, operationIds: ids } = spec;

  @ApiTags(spec.tag)
  @Controller(spec.path)
  class VariablesController {
    constructor(readonly variables: CamundaVariablesService) {}

    @Get()
    @ApiOperation({ operationId: ids.list, summary: `Get ${spec.plural} (Camunda 7 GET ${at})` })
    @ApiQuery({ name: 'deserializeValues', required: false, type: Boolean, description: 'Accepted; values are always returned in serialized form' })
    @ApiOkResponse({ schema: TYPED_VARIABLES_SCHEMA })
    @CamundaErrors()
    list(@Param('id') id: string): Promise<Record<string, unknown>> {
      return this.variables.getVariables(target, id);
    }

    @Post()
    @HttpCode(204)
    @ApiOperation({ operationId: ids.modify, summary: `Set and remove ${spec.plural} in one step (Camunda 7 POST ${at})`, description: spec.writes })
    @ApiNoContentResponse({ description: 'Updated' })
    @CamundaErrors()
    modify(@Param('id') id: string, @Body() patch: CamundaPatchVariablesDto): Promise<void> {
      return this.variables.modifyVariables(target, id, patch);
    }

    @Get(':varName')
    @ApiOperation({ operationId: ids.get, summary: `Get one ${spec.singular} (Camunda 7 GET ${at}/{varName})` })
    @ApiQuery({ name: 'deserializeValue', required: false, type: Boolean, description: 'Accepted; the value is always returned in serialized form' })
    @ApiOkResponse({ type: TypedValueDto })
    @CamundaErrors(404)
    get(@Param('id') id: string, @Param('varName') name: string): Promise<unknown> {
      return this.variables.getVariable(target, id, name);
    }

    @Put(':varName')
    @HttpCode(204)
    @ApiOperation({ operationId: ids.put, summary: `Set one ${spec.singular} (Camunda 7 PUT ${at}/{varName})`, description: spec.writes })
    @ApiBody({ type: TypedValueDto })
    @ApiNoContentResponse({ description: 'Set' })
    @CamundaErrors()
    put(@Param('id') id: string, @Param('varName') name: string, @Body() body: Record<string, unknown>): Promise<void> {
      return this.variables.putVariable(target, id, name, body);
    }

    @Delete(':varName')
    @HttpCode(204)
    @ApiOperation({ operationId: ids.remove, summary: `Remove one ${spec.singular} (Camunda 7 DELETE ${at}/{varName})` })
    @ApiNoContentResponse({ description: 'Removed (or there was none)' })
    @CamundaErrors()
    remove(@Param('id') id: string, @Param('varName') name: string): Promise<void> {
      return this.variables.deleteVariable(target, id, name);
    }

    @Get(':varName/data')
    @ApiOperation({
      operationId: ids.getBinary,
      summary: `Download the content of a Bytes or File ${spec.singular} (Camunda 7 GET ${at}/{varName}/data)`,
      description: spec.binaryDownloadNote,
    })
    @ApiProduces('application/octet-stream', '*/*')
    @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The raw content; a File with its MIME type and file name' })
    @CamundaErrors(404)
    async getBinary(@Param('id') id: string, @Param('varName') name: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
      return sendBinary(reply, await this.variables.getVariableData(target, id, name));
    }

    @Post(':varName/data')
    @HttpCode(204)
    @ApiOperation({
      operationId: ids.setBinary,
      summary: `Upload a Bytes or File ${spec.singular} (Camunda 7 POST ${at}/{varName}/data, multipart)`,
      description: spec.writes,
    })
    @ApiConsumes('multipart/form-data')
    @ApiBody(BINARY_FORM)
    @ApiNoContentResponse({ description: 'Set' })
    @CamundaErrors(415)
    setBinary(@Param('id') id: string, @Param('varName') name: string, @Req() request: FastifyRequest): Promise<void> {
      return this.variables.setBinaryVariable(target, id, name, request);
    }
  }

  // The class name shows in Nest's route log; the operation ids above are what the API document uses.
  Object.defineProperty(VariablesController, 'name', { value: spec.name });
  return VariablesController;
}

const NON_LOCAL_WRITES = 'A write updates the nearest enclosing scope that already has a variable of that name, else the process instance (Camunda 7 scoping).';

export const CamundaProcessInstanceVariablesController = variablesController({
  name: 'CamundaProcessInstanceVariablesController',
  target: PROCESS_INSTANCE_VARIABLES,
  tag: 'Camunda 7: Process Instance',
  path: 'engine-rest/process-instance/:id/variables',
  camundaPath: '/process-instance/{id}/variables',
  plural: 'the variables of a process instance',
  singular: 'variable of a process instance',
  writes: 'Writes go to the root scope of the instance.',
  operationIds: {
    list: 'getCamundaProcessInstanceVariables',
    modify: 'modifyProcessInstanceVariables',
    get: 'getProcessInstanceVariable',
    put: 'setProcessInstanceVariable',
    remove: 'deleteProcessInstanceVariable',
    getBinary: 'getProcessInstanceVariableBinary',
    setBinary: 'setProcessInstanceVariableBinary',
  },
});

export const CamundaExecutionLocalVariablesController = variablesController({
  name: 'CamundaExecutionLocalVariablesController',
  target: EXECUTION_LOCAL_VARIABLES,
  tag: 'Camunda 7: Execution',
  path: 'engine-rest/execution/:id/localVariables',
  camundaPath: '/execution/{id}/localVariables',
  plural: 'the local variables of an execution',
  singular: 'local variable of an execution',
  writes: 'Local to the execution (the process instance or a subprocess scope): enclosing scopes are not searched.',
  operationIds: {
    list: 'getLocalExecutionVariables',
    modify: 'modifyLocalExecutionVariables',
    get: 'getLocalExecutionVariable',
    put: 'putLocalExecutionVariable',
    remove: 'deleteLocalExecutionVariable',
    getBinary: 'getLocalExecutionVariableBinary',
    setBinary: 'setLocalExecutionVariableBinary',
  },
  binaryDownloadNote: 'The external task client downloads File variables here, with the process instance id as execution id.',
});

export const CamundaTaskVariablesController = variablesController({
  name: 'CamundaTaskVariablesController',
  target: TASK_VARIABLES,
  tag: 'Camunda 7: Task',
  path: 'engine-rest/task/:id/variables',
  camundaPath: '/task/{id}/variables',
  plural: 'the variables visible from a user task',
  singular: 'variable visible from a user task',
  writes: `A write updates the task's own (local) variable of that name if it has one; otherwise, from the task's execution: ${NON_LOCAL_WRITES}`,
  operationIds: {
    list: 'getTaskVariables',
    modify: 'modifyTaskVariables',
    get: 'getTaskVariable',
    put: 'putTaskVariable',
    remove: 'deleteTaskVariable',
    getBinary: 'getTaskVariableBinary',
    setBinary: 'setBinaryTaskVariable',
  },
});

export const CamundaTaskLocalVariablesController = variablesController({
  name: 'CamundaTaskLocalVariablesController',
  target: TASK_LOCAL_VARIABLES,
  tag: 'Camunda 7: Task',
  path: 'engine-rest/task/:id/localVariables',
  camundaPath: '/task/{id}/localVariables',
  plural: 'the local variables of a user task',
  singular: 'local variable of a user task',
  writes:
    "Local to the task: seen through the task's variables, gone when the task completes (they are not written to the process), " +
    "and, as in Camunda, never matched by a message's correlationKeys.",
  operationIds: {
    list: 'getTaskLocalVariables',
    modify: 'modifyTaskLocalVariables',
    get: 'getTaskLocalVariable',
    put: 'putTaskLocalVariable',
    remove: 'deleteTaskLocalVariable',
    getBinary: 'getTaskLocalVariableBinary',
    setBinary: 'setBinaryTaskLocalVariable',
  },
});
