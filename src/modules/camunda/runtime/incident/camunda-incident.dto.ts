import { ApiProperty } from '@nestjs/swagger';

/** Camunda 7's IncidentDto (GET /incident, GET /incident/{id}). */
export class CamundaIncidentDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The execution (element instance) that failed; the process instance for a failed continuation' })
  executionId!: string | null;

  @ApiProperty({ example: '2013-01-23T13:42:42.000+0000' })
  incidentTimestamp!: string;

  @ApiProperty({ example: 'failedJob', description: 'failedJob: every incident here comes from a continuation (an asynchronous job in Camunda terms)' })
  incidentType!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The element where the continuation failed, when known' })
  activityId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  failedActivityId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The incident itself: incidents here have no cause incident' })
  causeIncidentId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The incident itself: incidents here have no cause incident' })
  rootCauseIncidentId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'For a failed continuation: its job (outbox row) id' })
  configuration!: string | null;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'CONDITION_ERROR: …', description: 'The failure, prefixed by the engine failure kind when it has one' })
  incidentMessage!: string | null;

  @ApiProperty({ nullable: true, type: String })
  jobDefinitionId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  annotation!: string | null;
}
