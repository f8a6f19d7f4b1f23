import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { tenantFilter } from '../../infrastructure/auth/request-context';
import { Database, Row } from '../../infrastructure/persistence/database';
import { PageQueryDto } from './dto/instance.dto';
import { iso } from './instance-views';

/** An incident: a continuation that kept failing, or an element whose run-time failure stopped its token. */
export class IncidentListItemDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'CONDITION_ERROR', description: 'failedJob (a continuation kept failing) or the engine failure kind' })
  incidentType!: string;

  @ApiProperty({ nullable: true, type: String, description: 'BPMN element where the token stopped, when known' })
  elementId!: string | null;

  @ApiProperty()
  message!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ example: 'order-process' })
  processModelKey!: string;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty({ nullable: true, type: String })
  correlationId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentListItemDto] })
  items!: IncidentListItemDto[];

  @ApiProperty({ description: 'Number of incidents matching the filters' })
  total!: number;
}

export class IncidentQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  processInstanceId?: string;

  @ApiPropertyOptional({ example: 'order-process' })
  @IsOptional()
  @IsString()
  processModelKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  correlationId?: string;

  @ApiPropertyOptional({ example: 'CONDITION_ERROR' })
  @IsOptional()
  @IsString()
  incidentType?: string;

  @ApiPropertyOptional({ description: 'BPMN element id', example: 'CheckAmount' })
  @IsOptional()
  @IsString()
  elementId?: string;
}

const FROM = 'incident i LEFT JOIN process_instance p ON p.id = i.process_instance_id';
const COLUMNS = 'i.*, p.process_definition_key AS process_model_key, p.correlation_id AS correlation_id';

/** Incidents across instances, oldest first (the same rows GET /process_instances/{id} lists per instance). */
@Injectable()
export class IncidentsService {
  constructor(private readonly db: Database) {}

  list(query: IncidentQueryDto): Promise<IncidentPageDto> {
    const conditions: [string, string | undefined][] = [
      ['i.process_instance_id = ?', query.processInstanceId],
      ['p.process_definition_key = ?', query.processModelKey],
      ['p.correlation_id = ?', query.correlationId],
      ['i.incident_type = ?', query.incidentType],
      ['i.activity_id = ?', query.elementId],
    ];
    const given = conditions.filter(([, value]) => value !== undefined);
    const visible = tenantFilter('i.tenant_id');
    const where = `WHERE ${[...given.map(([clause]) => clause), visible.sql].join(' AND ')}`;
    const params = [...given.map(([, value]) => value), ...visible.params];
    return this.db.read(async (sql) => {
      const [{ total }] = await sql.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM ${FROM} ${where}`, params);
      const rows = await sql.query(`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY i.created_at, i.id LIMIT ? OFFSET ?`, [
        ...params,
        query.limit ?? 50,
        query.offset ?? 0,
      ]);
      return { total: Number(total), items: rows.map(incidentItem) };
    });
  }

  async get(id: string): Promise<IncidentListItemDto> {
    const visible = tenantFilter('i.tenant_id');
    const [row] = await this.db.read((sql) => sql.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE i.id = ? AND ${visible.sql}`, [id, ...visible.params]));
    if (!row) throw new ApiError(ErrorCode.NOT_FOUND, `Incident ${id} does not exist`);
    return incidentItem(row);
  }
}

function incidentItem(row: Row): IncidentListItemDto {
  return {
    id: String(row.id),
    incidentType: String(row.incident_type),
    elementId: (row.activity_id as string | null) ?? null,
    message: String(row.message),
    processInstanceId: String(row.process_instance_id),
    processModelKey: row.process_model_key ? String(row.process_model_key) : '',
    processDefinitionId: String(row.process_definition_id),
    correlationId: row.correlation_id ? String(row.correlation_id) : null,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    createdAt: iso(Number(row.created_at)),
  };
}
