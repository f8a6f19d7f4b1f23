import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('deployment')
@Index('idx_deployment_name', ['name', 'source', 'tenantId'])
export class DeploymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  source!: string | null;

  /** '' means "no tenant": an empty string keeps equality and unique indexes simple on both drivers. */
  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'deployed_at', type: 'bigint' })
  deployedAt!: number;
}
