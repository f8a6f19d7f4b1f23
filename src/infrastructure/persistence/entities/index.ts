import { BufferedMessageEntity } from './buffered-message.entity';
import { DeploymentResourceEntity } from './deployment-resource.entity';
import { DeploymentEntity } from './deployment.entity';
import { EventSubscriptionEntity } from './event-subscription.entity';
import { ExternalTaskEntity } from './external-task.entity';
import { HistoryEventEntity } from './history-event.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IncidentEntity } from './incident.entity';
import { OutboxEntity } from './outbox.entity';
import { ProcessDefinitionEntity } from './process-definition.entity';
import { ProcessInstanceEntity } from './process-instance.entity';
import { TaskVariableEntity } from './task-variable.entity';
import { UserTaskEntity } from './user-task.entity';
import { VariableEntity } from './variable.entity';

export const ENTITIES = [
  DeploymentEntity,
  DeploymentResourceEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  EventSubscriptionEntity,
  ExternalTaskEntity,
  VariableEntity,
  UserTaskEntity,
  TaskVariableEntity,
  OutboxEntity,
  IncidentEntity,
  BufferedMessageEntity,
  IdempotencyKeyEntity,
  HistoryEventEntity,
];

export {
  BufferedMessageEntity,
  DeploymentEntity,
  DeploymentResourceEntity,
  EventSubscriptionEntity,
  ExternalTaskEntity,
  HistoryEventEntity,
  IdempotencyKeyEntity,
  IncidentEntity,
  OutboxEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  TaskVariableEntity,
  UserTaskEntity,
  VariableEntity,
};
