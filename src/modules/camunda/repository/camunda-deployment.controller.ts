import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto, CamundaProcessDefinitionDto } from '../common/camunda-dto';
import { CamundaDeploymentService } from './camunda-deployment.service';
import { CamundaDeploymentDto, CamundaDeploymentFormDto, CamundaDeploymentWithDefinitionsDto, CamundaParseExceptionDto, CamundaResourceReportDto } from './deployment.dto';
import { ApiCamundaQuery, LIST_PARAMS } from './query-docs';

const DEPLOYMENT_FILTERS = ['id', 'name', 'nameLike', 'source', 'withoutSource', 'before', 'after', 'tenantIdIn', 'withoutTenantId', 'includeDeploymentsWithoutTenantId'];

@ApiTags('Camunda 7: Deployment')
@ApiExtraModels(CamundaProcessDefinitionDto, CamundaResourceReportDto)
@Controller('engine-rest/deployment')
export class CamundaDeploymentController {
  constructor(private readonly deployments: CamundaDeploymentService) {}

  @Post('create')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deploy resources (Camunda 7 POST /deployment/create)',
    description:
      'Multipart upload as Camunda Modeler sends it. Every part not named like a form field is a resource named by its file name. With ' +
      'enable-duplicate-filtering (or deploy-changed-only) and every resource unchanged, the existing deployment is returned with ' +
      'deployedProcessDefinitions null.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CamundaDeploymentFormDto })
  @ApiOkResponse({ type: CamundaDeploymentWithDefinitionsDto })
  @CamundaErrors(
    { status: 400, type: CamundaParseExceptionDto, description: 'No resources, a part without file name (InvalidRequestException), or unparsable BPMN (ParseException)' },
    { status: 500, description: 'ENGINE-01011: another process already starts on one of the start messages' },
  )
  createDeployment(@Req() request: FastifyRequest): Promise<CamundaDeploymentWithDefinitionsDto> {
    return this.deployments.create(request);
  }

  @Get()
  @ApiOperation({ summary: 'Query deployments (Camunda 7 GET /deployment)', description: 'Camunda Modeler checks its connection with maxResults=0.' })
  @ApiCamundaQuery([...DEPLOYMENT_FILTERS, ...LIST_PARAMS], 'id, name, deploymentTime, tenantId')
  @ApiOkResponse({ type: [CamundaDeploymentDto] })
  @CamundaErrors()
  getDeployments(@Query() query: Record<string, unknown>): Promise<CamundaDeploymentDto[]> {
    return this.deployments.list(query);
  }

  @Get('count')
  @ApiOperation({ summary: 'Count deployments (Camunda 7 GET /deployment/count)' })
  @ApiCamundaQuery(DEPLOYMENT_FILTERS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getDeploymentsCount(@Query() query: Record<string, unknown>): Promise<CamundaCountDto> {
    return this.deployments.count(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a deployment (Camunda 7 GET /deployment/{id})' })
  @ApiOkResponse({ type: CamundaDeploymentDto })
  @CamundaErrors(404)
  getDeployment(@Param('id') id: string): Promise<CamundaDeploymentDto> {
    return this.deployments.get(id);
  }
}
