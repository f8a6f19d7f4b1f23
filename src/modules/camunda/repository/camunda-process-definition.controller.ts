import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaErrorDto } from '../../../infrastructure/http/error-response.dto';
import { Idempotent } from '../../../infrastructure/http/idempotency/idempotent.decorator';
import { CamundaCountDto, CamundaProcessDefinitionDto } from '../common/camunda-dto';
import { CamundaProcessDefinitionService } from './camunda-process-definition.service';
import { CamundaProcessStartService } from './camunda-process-start.service';
import { CamundaProcessDefinitionDiagramDto, CamundaProcessInstanceWithVariablesDto, CamundaStartProcessInstanceDto } from './process-definition.dto';
import { ApiCamundaQuery, LIST_PARAMS } from './query-docs';

const DEFINITION_FILTERS = [
  'processDefinitionId', 'processDefinitionIdIn', 'category', 'name', 'nameLike', 'deploymentId', 'deployedAfter', 'deployedAt', 'key',
  'keysIn', 'keyLike', 'version', 'latestVersion', 'resourceName', 'resourceNameLike', 'active', 'suspended', 'tenantIdIn',
  'withoutTenantId', 'includeProcessDefinitionsWithoutTenantId', 'versionTag', 'versionTagLike', 'withoutVersionTag',
  'startableInTasklist', 'notStartableInTasklist',
];
const SORT_KEYS = 'category, key, id, name, version, deploymentId, deployTime, tenantId, versionTag';
const START_DESCRIPTION =
  'Answers once the new instance has reached its first wait states (or ended), as Camunda runs it synchronously up to there. ' +
  'startInstructions are refused; caseInstanceId, skipCustomListeners and skipIoMappings are ignored.';

@ApiTags('Camunda 7: Process Definition')
@Controller('engine-rest/process-definition')
export class CamundaProcessDefinitionController {
  constructor(
    private readonly definitions: CamundaProcessDefinitionService,
    private readonly starts: CamundaProcessStartService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Query process definitions (Camunda 7 GET /process-definition)', description: 'All versions unless latestVersion=true.' })
  @ApiCamundaQuery([...DEFINITION_FILTERS, ...LIST_PARAMS], SORT_KEYS)
  @ApiOkResponse({ type: [CamundaProcessDefinitionDto] })
  @CamundaErrors()
  getProcessDefinitions(@Query() query: Record<string, unknown>): Promise<CamundaProcessDefinitionDto[]> {
    return this.definitions.list(query);
  }

  @Get('count')
  @ApiOperation({ summary: 'Count process definitions (Camunda 7 GET /process-definition/count)' })
  @ApiCamundaQuery(DEFINITION_FILTERS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getProcessDefinitionsCount(@Query() query: Record<string, unknown>): Promise<CamundaCountDto> {
    return this.definitions.count(query);
  }

  @Get('key/:key')
  @ApiOperation({ summary: 'Latest version of a key without tenant' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDto })
  @CamundaErrors(404)
  getProcessDefinitionByKey(@Param('key') key: string): Promise<CamundaProcessDefinitionDto> {
    return this.definitions.get({ key });
  }

  @Get('key/:key/xml')
  @ApiOperation({ summary: 'BPMN XML of the latest version of a key without tenant' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDiagramDto })
  @CamundaErrors(404)
  getProcessDefinitionBpmn20XmlByKey(@Param('key') key: string): Promise<CamundaProcessDefinitionDiagramDto> {
    return this.definitions.xml({ key });
  }

  @Idempotent({ errorBody: CamundaErrorDto })
  @Post('key/:key/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the latest version of a key without tenant', description: START_DESCRIPTION })
  @ApiBody({ type: CamundaStartProcessInstanceDto, required: false })
  @ApiOkResponse({ type: CamundaProcessInstanceWithVariablesDto })
  @CamundaErrors(404)
  startProcessInstanceByKey(
    @Param('key') key: string,
    @Body() body: CamundaStartProcessInstanceDto,
    @Req() request: FastifyRequest,
  ): Promise<CamundaProcessInstanceWithVariablesDto> {
    return this.starts.start({ key }, body, request);
  }

  @Get('key/:key/tenant-id/:tenantId')
  @ApiOperation({ summary: 'Latest version of a key for a tenant' })
  @ApiParam({ name: 'tenantId', description: 'The path segment is tenant-id' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDto })
  @CamundaErrors(404)
  getLatestProcessDefinitionByTenantId(@Param('key') key: string, @Param('tenantId') tenantId: string): Promise<CamundaProcessDefinitionDto> {
    return this.definitions.get({ key, tenantId });
  }

  @Get('key/:key/tenant-id/:tenantId/xml')
  @ApiOperation({ summary: 'BPMN XML of the latest version of a key for a tenant' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDiagramDto })
  @CamundaErrors(404)
  getProcessDefinitionBpmn20XmlByKeyAndTenantId(@Param('key') key: string, @Param('tenantId') tenantId: string): Promise<CamundaProcessDefinitionDiagramDto> {
    return this.definitions.xml({ key, tenantId });
  }

  @Idempotent({ errorBody: CamundaErrorDto })
  @Post('key/:key/tenant-id/:tenantId/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the latest version of a key for a tenant', description: START_DESCRIPTION })
  @ApiBody({ type: CamundaStartProcessInstanceDto, required: false })
  @ApiOkResponse({ type: CamundaProcessInstanceWithVariablesDto })
  @CamundaErrors(404)
  startProcessInstanceByKeyAndTenantId(
    @Param('key') key: string,
    @Param('tenantId') tenantId: string,
    @Body() body: CamundaStartProcessInstanceDto,
    @Req() request: FastifyRequest,
  ): Promise<CamundaProcessInstanceWithVariablesDto> {
    return this.starts.start({ key, tenantId }, body, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a process definition by id' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDto })
  @CamundaErrors(404)
  getProcessDefinition(@Param('id') id: string): Promise<CamundaProcessDefinitionDto> {
    return this.definitions.get({ id });
  }

  @Get(':id/xml')
  @ApiOperation({ summary: 'BPMN XML of a process definition' })
  @ApiOkResponse({ type: CamundaProcessDefinitionDiagramDto })
  @CamundaErrors(404)
  getProcessDefinitionBpmn20Xml(@Param('id') id: string): Promise<CamundaProcessDefinitionDiagramDto> {
    return this.definitions.xml({ id });
  }

  @Idempotent({ errorBody: CamundaErrorDto })
  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a process instance (what Camunda Modeler calls)', description: START_DESCRIPTION })
  @ApiBody({ type: CamundaStartProcessInstanceDto, required: false })
  @ApiOkResponse({ type: CamundaProcessInstanceWithVariablesDto })
  @CamundaErrors({ status: 500, description: 'Unknown definition id, or the engine refused the start' })
  startProcessInstance(
    @Param('id') id: string,
    @Body() body: CamundaStartProcessInstanceDto,
    @Req() request: FastifyRequest,
  ): Promise<CamundaProcessInstanceWithVariablesDto> {
    return this.starts.start({ id }, body, request);
  }
}
