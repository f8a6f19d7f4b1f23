import { ApiProperty } from '@nestjs/swagger';

/** Camunda 7's ProcessEngineDto. */
export class CamundaEngineDto {
  @ApiProperty({ example: 'default' })
  name!: string;
}

/** Camunda 7's VersionDto. */
export class CamundaVersionDto {
  @ApiProperty({ example: '7.24.0' })
  version!: string;
}
