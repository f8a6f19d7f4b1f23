import { visibleTenants } from '../../../infrastructure/auth/request-context';
import { engineException, invalidRequest } from '../common/camunda-errors';
import {
  JsonObject,
  bodyObject,
  own,
  readBoolean,
  readInt,
  readLong,
  readObject,
  readObjectList,
  readString,
  readStringList,
} from './jackson-body';

/** Camunda refuses long polls longer than 30 minutes (FetchAndLockHandlerImpl.MAX_REQUEST_TIMEOUT). */
export const MAX_ASYNC_RESPONSE_TIMEOUT = 1_800_000;

export interface FetchTopic {
  readonly topicName: string;
  readonly lockDuration: number;
  /** Names of the variables to return; null: all. */
  readonly variables: readonly string[] | null;
  readonly localVariables: boolean;
  readonly businessKey: string | null;
  readonly processDefinitionId: string | null;
  readonly processDefinitionIdIn: readonly string[] | null;
  readonly processDefinitionKey: string | null;
  readonly processDefinitionKeyIn: readonly string[] | null;
  readonly processDefinitionVersionTag: string | null;
  /** Equality criteria on process variables, plain JSON values; any one matching suffices. */
  readonly processVariables: JsonObject | null;
  readonly withoutTenantId: boolean;
  readonly tenantIdIn: readonly string[] | null;
  readonly includeExtensionProperties: boolean;
}

export interface FetchSort {
  readonly column: 'created_at';
  readonly direction: 'ASC' | 'DESC';
}

/** A validated fetch-and-lock request: what one attempt (and every retry of a parked one) runs. */
export interface FetchRequest {
  readonly workerId: string;
  readonly maxTasks: number;
  readonly usePriority: boolean;
  readonly sorting: readonly FetchSort[];
  readonly asyncResponseTimeout: number | null;
  readonly topics: readonly FetchTopic[];
  /**
   * The tenants the caller may see (null: all), captured with the request: a parked request is retried
   * later, outside the request's context, and must still only lock tasks its caller may see.
   */
  readonly visibleTenants: readonly string[] | null;
}

interface RawTopic extends Omit<FetchTopic, 'topicName'> {
  readonly topicName: string | null;
}

/**
 * Binds and validates a fetch-and-lock body in Camunda's order: Jackson binding (400, empty message), the
 * long-poll timeout limit (400), the sorting (400 InvalidRequestException for unknown values, 400
 * NotValidException for a sortBy without sortOrder), then FetchExternalTasksCmd's checks (500): workerId,
 * maxTasks, and per topic its name and lock duration. Topics with the same name: the last one counts.
 */
export function readFetchRequest(body: unknown): FetchRequest {
  const b = bodyObject(body);
  const workerId = readString(own(b, 'workerId'));
  const maxTasks = readInt(own(b, 'maxTasks')) ?? 0;
  const usePriority = readBoolean(own(b, 'usePriority')) ?? false;
  const asyncResponseTimeout = readLong(own(b, 'asyncResponseTimeout'));
  // Bound like Camunda binds it, and like there without effect: only the topics' flags count.
  readBoolean(own(b, 'includeExtensionProperties'));
  const rawSorting = (readObjectList(own(b, 'sorting')) ?? []).map((s) => ({
    sortBy: readString(own(s ?? {}, 'sortBy')),
    sortOrder: readString(own(s ?? {}, 'sortOrder')),
  }));
  const rawTopics = (readObjectList(own(b, 'topics')) ?? []).map((t) => readTopic(t ?? {}));

  if (asyncResponseTimeout !== null && asyncResponseTimeout > MAX_ASYNC_RESPONSE_TIMEOUT) {
    throw invalidRequest(`The asynchronous response timeout cannot be set to a value greater than ${MAX_ASYNC_RESPONSE_TIMEOUT} milliseconds`);
  }
  const sorting = readSorting(rawSorting);

  if (workerId === null) throw engineException(500, 'NullValueException', 'workerId is null');
  if (maxTasks < 0) throw engineException(500, 'ProcessEngineException', 'maxResults is not greater than or equal to 0');
  const byName = new Map<string | null, RawTopic>();
  for (const topic of rawTopics) {
    byName.delete(topic.topicName);
    byName.set(topic.topicName, topic);
  }
  const topics: FetchTopic[] = [];
  for (const topic of byName.values()) {
    if (topic.topicName === null) throw engineException(500, 'NullValueException', 'topicName is null');
    if (topic.lockDuration <= 0) throw engineException(500, 'ProcessEngineException', 'lockTime is not greater than 0');
    topics.push({ ...topic, topicName: topic.topicName });
  }
  return { workerId, maxTasks, usePriority, sorting, asyncResponseTimeout, topics, visibleTenants: visibleTenants() };
}

function readTopic(t: JsonObject): RawTopic {
  // deserializeValues is bound (a wrong type fails as in Camunda), but values are always returned serialized.
  readBoolean(own(t, 'deserializeValues'));
  return {
    topicName: readString(own(t, 'topicName')),
    lockDuration: readLong(own(t, 'lockDuration')) ?? 0,
    variables: readStringList(own(t, 'variables')),
    localVariables: readBoolean(own(t, 'localVariables')) ?? false,
    businessKey: readString(own(t, 'businessKey')),
    processDefinitionId: readString(own(t, 'processDefinitionId')),
    processDefinitionIdIn: readStringList(own(t, 'processDefinitionIdIn')),
    processDefinitionKey: readString(own(t, 'processDefinitionKey')),
    processDefinitionKeyIn: readStringList(own(t, 'processDefinitionKeyIn')),
    processDefinitionVersionTag: readString(own(t, 'processDefinitionVersionTag')),
    processVariables: readObject(own(t, 'processVariables')),
    withoutTenantId: readBoolean(own(t, 'withoutTenantId')) ?? false,
    tenantIdIn: readStringList(own(t, 'tenantIdIn')),
    includeExtensionProperties: readBoolean(own(t, 'includeExtensionProperties')) ?? false,
  };
}

/**
 * FetchExternalTasksDto.SortMapper and FetchAndLockBuilderImpl: only `createTime` can be sorted by, with
 * `asc` or `desc`; a property without a direction makes the query invalid.
 */
function readSorting(entries: readonly { sortBy: string | null; sortOrder: string | null }[]): FetchSort[] {
  const sorts: { column: 'created_at'; direction: 'ASC' | 'DESC' | null }[] = [];
  for (const entry of entries) {
    if (entry.sortBy !== 'createTime') throw invalidRequest(`Cannot set query sortBy parameter to value ${String(entry.sortBy)}`);
    sorts.push({ column: 'created_at', direction: null });
    if (entry.sortOrder === null) continue;
    if (entry.sortOrder !== 'asc' && entry.sortOrder !== 'desc') throw invalidRequest(`Cannot set query sortOrder parameter to value ${entry.sortOrder}`);
    sorts[sorts.length - 1].direction = entry.sortOrder === 'asc' ? 'ASC' : 'DESC';
  }
  return sorts.map((s) => {
    if (s.direction === null) {
      throw engineException(400, 'NotValidException', 'Invalid query: call asc() or desc() after using orderByXX(): direction is null');
    }
    return { column: s.column, direction: s.direction };
  });
}
