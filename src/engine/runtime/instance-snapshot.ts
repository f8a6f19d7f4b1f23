import { EngineError, EngineErrorCode } from '../errors/engine-error';
import { InstanceState, STATE_VERSION } from './instance-state';

/**
 * Instance state is stored as versioned JSON. Readers upgrade older versions step by step, so instances
 * that were waiting across an upgrade of the engine resume unchanged. Add an upgrader per version bump.
 */
const UPGRADERS: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {};

export function toSnapshot(state: InstanceState): string {
  return JSON.stringify(state);
}

export function fromSnapshot(json: string): InstanceState {
  let data = JSON.parse(json) as Record<string, unknown>;
  let version = Number(data.version);
  if (!Number.isInteger(version) || version < 1 || version > STATE_VERSION) {
    throw new EngineError(EngineErrorCode.INVALID_STATE, `Unknown instance snapshot version ${String(data.version)}`);
  }
  while (version < STATE_VERSION) {
    data = UPGRADERS[version](data);
    version += 1;
  }
  return data as unknown as InstanceState;
}
