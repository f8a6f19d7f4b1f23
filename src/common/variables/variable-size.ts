import { TypedValue } from '../../engine';

const DEFAULT_MAX_VARIABLE_BYTES = 1024 * 1024;

let maxVariableBytes = DEFAULT_MAX_VARIABLE_BYTES;

/**
 * Sets the largest single variable value accepted from a request (VARIABLE_MAX_BYTES), once at start-up
 * when the HTTP layer is configured. It is one setting per process: every app in a process shares it.
 */
export function setMaxVariableBytes(bytes: number): void {
  maxVariableBytes = bytes;
}

export function currentMaxVariableBytes(): number {
  return maxVariableBytes;
}

/** Size of a value as stored: UTF-8 bytes of text (JSON, XML, serialized objects), decoded bytes of binary content. */
export function variableBytes(value: TypedValue): number {
  if (typeof value.value !== 'string') return 8;
  if (value.type === 'Bytes' || value.type === 'File') {
    const base64 = value.value;
    const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
    return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
  }
  return Buffer.byteLength(value.value, 'utf8');
}

/** The first value above the limit, with its size, or null when all fit. */
export function oversizedVariable(values: Readonly<Record<string, TypedValue>> | undefined): { name: string; bytes: number; limit: number } | null {
  if (!values) return null;
  for (const [name, value] of Object.entries(values)) {
    const bytes = variableBytes(value);
    if (bytes > maxVariableBytes) return { name, bytes, limit: maxVariableBytes };
  }
  return null;
}
