const RAW_JSON_KEYS = Symbol('rawJsonKeys');

/**
 * Marks a free-form JSON object field (a variable map, a payload) to be passed on exactly as it arrived.
 * class-transformer would rebuild such objects and lose keys like `constructor` or `__proto__`, which are
 * perfectly good variable names; the validation pipe validates a placeholder in their place instead.
 */
export function RawJson(): PropertyDecorator {
  return (target, key) => {
    const keys: string[] = Reflect.getMetadata(RAW_JSON_KEYS, target.constructor) ?? [];
    Reflect.defineMetadata(RAW_JSON_KEYS, [...keys, String(key)], target.constructor);
  };
}

export function rawJsonKeys(type: unknown): readonly string[] {
  return typeof type === 'function' ? (Reflect.getMetadata(RAW_JSON_KEYS, type) ?? []) : [];
}
