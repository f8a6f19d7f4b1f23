import { InitialSchema1732000000000 } from './1732000000000-initial-schema';
import { ExternalTasks1732000000001 } from './1732000000001-external-tasks';
import { BufferedMessagesAndIdempotency1732000000002 } from './1732000000002-buffered-messages-and-idempotency';
import { History1732000000003 } from './1732000000003-history';
import { SubscriptionBusinessKey1732000000004 } from './1732000000004-subscription-business-key';
import { TaskVariables1732000000005 } from './1732000000005-task-variables';

/** Every migration, in order; listed as classes so they run the same from sources and from dist/. */
export const MIGRATIONS = [InitialSchema1732000000000, ExternalTasks1732000000001, BufferedMessagesAndIdempotency1732000000002, History1732000000003, SubscriptionBusinessKey1732000000004, TaskVariables1732000000005];
