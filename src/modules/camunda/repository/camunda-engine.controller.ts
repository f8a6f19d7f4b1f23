import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaEngineDto, CamundaVersionDto } from './camunda-engine.dto';

/** The REST API version Camunda 7.24 reports; Camunda Modeler reads it to pick its feature set. */
const CAMUNDA_REST_VERSION = '7.24.0';

@ApiTags('Camunda 7: Engine')
@Controller('engine-rest')
export class CamundaEngineController {
  @Get('engine')
  @ApiOperation({ summary: 'List the process engines (Camunda 7 GET /engine)', description: 'There is exactly one engine, named default.' })
  @ApiOkResponse({ type: [CamundaEngineDto] })
  @CamundaErrors()
  getProcessEngineNames(): CamundaEngineDto[] {
    return [{ name: 'default' }];
  }

  @Get('version')
  @ApiOperation({ summary: 'The Camunda REST API version this server is compatible with (Camunda 7 GET /version)' })
  @ApiOkResponse({ type: CamundaVersionDto })
  @CamundaErrors()
  getRestAPIVersion(): CamundaVersionDto {
    return { version: CAMUNDA_REST_VERSION };
  }
}
