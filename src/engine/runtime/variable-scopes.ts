import { TypedValue } from '../variables/typed-value';

export interface VariableRecord {
  readonly scopeId: string;
  readonly name: string;
  readonly value: TypedValue;
}

/** A write to persist: a value to store, or null when the variable was removed. */
export interface VariableChange {
  readonly scopeId: string;
  readonly name: string;
  readonly value: TypedValue | null;
}

/**
 * The variables of one process instance, by scope. Scopes are the process instance and the instances of
 * (event) subprocesses; `parentOf` walks that tree. Writes follow Camunda's rules (§2.8 of the contract):
 * a non-local write updates the nearest enclosing scope that already has the name, else the process
 * instance; a local write stays on the scope it is made on.
 */
export class VariableScopes {
  private readonly scopes = new Map<string, Map<string, TypedValue>>();
  private readonly changed = new Map<string, VariableChange>();

  constructor(
    records: readonly VariableRecord[],
    private readonly transient: Record<string, Record<string, TypedValue>>,
    private readonly parentOf: (scopeId: string) => string | null,
  ) {
    for (const r of records) this.scope(r.scopeId).set(r.name, r.value);
  }

  get(scopeId: string, name: string): TypedValue | undefined {
    for (let s: string | null = scopeId; s !== null; s = this.parentOf(s)) {
      const local = this.transient[s]?.[name] ?? this.scopes.get(s)?.get(name);
      if (local !== undefined) return local;
    }
    return undefined;
  }

  getLocal(scopeId: string, name: string): TypedValue | undefined {
    return this.transient[scopeId]?.[name] ?? this.scopes.get(scopeId)?.get(name);
  }

  /** Everything visible from a scope, inner scopes shadowing outer ones. */
  visible(scopeId: string): Record<string, TypedValue> {
    const chain: string[] = [];
    for (let s: string | null = scopeId; s !== null; s = this.parentOf(s)) chain.unshift(s);
    const result: Record<string, TypedValue> = {};
    for (const s of chain) {
      for (const [name, value] of this.scopes.get(s) ?? []) result[name] = value;
      Object.assign(result, this.transient[s] ?? {});
    }
    return result;
  }

  /** Every value held under a name, in any scope of the instance. */
  valuesNamed(name: string): TypedValue[] {
    const found: TypedValue[] = [];
    for (const scope of this.scopes.values()) {
      const value = scope.get(name);
      if (value !== undefined) found.push(value);
    }
    for (const scope of Object.values(this.transient)) if (scope[name] !== undefined) found.push(scope[name]);
    return found;
  }

  local(scopeId: string): Record<string, TypedValue> {
    return { ...Object.fromEntries(this.scopes.get(scopeId) ?? []), ...(this.transient[scopeId] ?? {}) };
  }

  set(scopeId: string, name: string, value: TypedValue): void {
    let target: string | null = scopeId;
    let root = scopeId;
    for (; target !== null; target = this.parentOf(target)) {
      if (this.scopes.get(target)?.has(name) || this.transient[target]?.[name] !== undefined) break;
      root = target;
    }
    this.setLocal(target ?? root, name, value);
  }

  setLocal(scopeId: string, name: string, value: TypedValue): void {
    if (value.valueInfo?.transient) {
      (this.transient[scopeId] ??= {})[name] = value;
      return;
    }
    this.scope(scopeId).set(name, value);
    this.changed.set(key(scopeId, name), { scopeId, name, value });
  }

  setAll(scopeId: string, values: Readonly<Record<string, TypedValue>> | undefined, local: boolean): void {
    for (const [name, value] of Object.entries(values ?? {})) {
      if (local) this.setLocal(scopeId, name, value);
      else this.set(scopeId, name, value);
    }
  }

  delete(scopeId: string, name: string): boolean {
    const existed = this.scopes.get(scopeId)?.delete(name) ?? false;
    if (existed) this.changed.set(key(scopeId, name), { scopeId, name, value: null });
    if (this.transient[scopeId]) delete this.transient[scopeId][name];
    return existed;
  }

  /** A scope that ends takes its local variables with it. */
  dropScope(scopeId: string): void {
    for (const name of [...(this.scopes.get(scopeId)?.keys() ?? [])]) this.delete(scopeId, name);
    this.scopes.delete(scopeId);
    delete this.transient[scopeId];
  }

  /** Drops all transient values: they last only until the continuation after their trigger has run. */
  clearTransient(): void {
    for (const scopeId of Object.keys(this.transient)) delete this.transient[scopeId];
  }

  changes(): VariableChange[] {
    return [...this.changed.values()];
  }

  private scope(scopeId: string): Map<string, TypedValue> {
    let scope = this.scopes.get(scopeId);
    if (!scope) this.scopes.set(scopeId, (scope = new Map()));
    return scope;
  }
}

function key(scopeId: string, name: string): string {
  return `${scopeId}\u0000${name}`;
}
