import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('process_definition')
@Index('uq_definition_version', ['key', 'tenantId', 'version'], { unique: true })
@Index('idx_definition_deployment', ['deploymentId'])
export class ProcessDefinitionEntity {
  /** `<key>:<version>:<uuid>`, or the bare uuid when that would exceed 64 characters (as Camunda does). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'deployment_id', type: 'varchar', length: 64 })
  deploymentId!: string;

  @Column({ name: 'resource_name', type: 'varchar', length: 255 })
  resourceName!: string;

  @Column({ name: 'resource_hash', type: 'varchar', length: 64 })
  resourceHash!: string;

  @Column({ name: 'version_tag', type: 'varchar', length: 255, nullable: true })
  versionTag!: string | null;

  @Column({ name: 'history_ttl', type: 'varchar', length: 64, nullable: true })
  historyTimeToLive!: string | null;

  @Column({ type: 'boolean' })
  startable!: boolean;

  /** The parsed process model as JSON, so instances never need the XML parsed again. */
  @Column({ type: 'text' })
  model!: string;

  /** Per-model options set at deployment (JSON). */
  @Column({ type: 'text', nullable: true })
  options!: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;
}
