import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { Idempotent } from '../../infrastructure/http/idempotency/idempotent.decorator';
import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { DeploymentUploadReader } from './deployment-upload.reader';
import { DeployModelDto, DeployModelResponseDto, DeploymentErrorDto, ProcessModelSummaryDto } from './dto/deploy-model.dto';
import { ModelQueryDto, ModelVersionQueryDto, ProcessModelDetailDto } from './dto/process-model.dto';
import { StartProcessModelDto, StartProcessModelResponseDto } from './dto/start-model.dto';
import { ModelsService } from './models.service';

@ApiTags('Process models')
@Controller('process_models')
export class ModelsController {
  constructor(
    private readonly models: ModelsService,
    private readonly uploads: DeploymentUploadReader,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Deploy BPMN XML',
    description:
      'Deploys BPMN XML, as JSON `{ xml, name?, tenantId? }` or as a multipart upload (file parts plus optional `name` and `tenantId`). ' +
      'Answers 201 with the versions created, or 200 with the existing versions when the XML is unchanged. A model that uses an element or ' +
      'attribute the engine cannot execute is refused with 400 and one problem per offending element.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: DeployModelDto })
  @ApiCreatedResponse({ type: DeployModelResponseDto, description: 'New versions were created' })
  @ApiOkResponse({ type: DeployModelResponseDto, description: 'Nothing changed; the existing versions' })
  @ApiErrors(409, { status: 400, type: DeploymentErrorDto, description: 'The BPMN is malformed or uses what the engine cannot execute' })
  async deployProcessModel(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeployModelResponseDto> {
    const result = await this.models.deploy(await this.uploads.read(request));
    void reply.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'List process models (latest versions)' })
  @ApiOkResponse({ type: [ProcessModelSummaryDto] })
  @ApiErrors()
  listProcessModels(@Query() query: ModelQueryDto): Promise<ProcessModelSummaryDto[]> {
    return this.models.list(query.tenantId);
  }

  @Get(':process_model_key')
  @ApiOperation({ summary: 'Get a process model: its start events and the messages it waits for' })
  @ApiOkResponse({ type: ProcessModelDetailDto })
  @ApiErrors(404)
  getProcessModel(@Param('process_model_key') key: string, @Query() query: ModelVersionQueryDto): Promise<ProcessModelDetailDto> {
    return this.models.get(key, query.version, query.tenantId);
  }

  @Get(':process_model_key/xml')
  @Header('content-type', 'application/xml')
  @ApiOperation({ summary: 'Get the BPMN XML of a process model as deployed' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The BPMN XML' })
  @ApiErrors(404)
  getProcessModelXml(@Param('process_model_key') key: string, @Query() query: ModelVersionQueryDto): Promise<string> {
    return this.models.xml(key, query.version, query.tenantId);
  }

  @Idempotent()
  @Post(':process_model_key/start')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start a process instance',
    description: 'Creates the instance and answers at once; the instance runs to its first wait states asynchronously (continuation).',
  })
  @ApiCreatedResponse({ type: StartProcessModelResponseDto })
  @ApiErrors(404, { status: 409, description: 'The model allows one running instance per business key, and this business key has one' })
  startProcessModel(@Param('process_model_key') key: string, @Body() body: StartProcessModelDto): Promise<StartProcessModelResponseDto> {
    return this.models.start(key, body);
  }
}
