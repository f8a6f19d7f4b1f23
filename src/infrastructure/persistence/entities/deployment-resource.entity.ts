import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('deployment_resource')
@Index('idx_resource_deployment', ['deploymentId'])
export class DeploymentResourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'deployment_id', type: 'varchar', length: 64 })
  deploymentId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'text' })
  content!: string;

  /** sha256 of the content, to tell an unchanged redeployment from a new version. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
