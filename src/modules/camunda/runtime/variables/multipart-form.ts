import { FastifyRequest } from 'fastify';

import { CamundaError } from '../../../../common/errors/api-error';
import { unsupportedMediaType } from '../../../../infrastructure/http/jax-rs-errors';

/** One part of a multipart/form-data body, with the parameters of its own Content-Type kept. */
export interface FormPart {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string | null;
  readonly data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Reads a multipart/form-data body completely. Camunda reads the `encoding=` and `transient=` parameters
 * of a file part's Content-Type, which the streaming multipart plugin does not expose, so the (small)
 * body is parsed here. The multipart plugin registered for the app leaves the raw request unread.
 */
export async function readMultipartForm(request: FastifyRequest, limitBytes: number): Promise<FormPart[]> {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  // What Jersey (Camunda Run) answers when a @Consumes(multipart/form-data) resource receives another media type.
  if (!boundary) throw unsupportedMediaType();
  const body = await readBody(request, limitBytes);
  return parseParts(body, boundary[1] ?? boundary[2]);
}

async function readBody(request: FastifyRequest, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limitBytes) throw new CamundaError(413, 'InvalidRequestException', `Request body exceeds ${limitBytes} bytes`, null);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseParts(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerStart = afterDelimiter + CRLF.length;
    const headerEnd = body.indexOf(HEADER_END, headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd);
    if (next === -1) break;
    const headers = parseHeaders(body.subarray(headerStart, headerEnd).toString('utf8'));
    const disposition = parameters(headers['content-disposition'] ?? '');
    if (disposition.name !== undefined) {
      parts.push({
        name: disposition.name,
        filename: disposition.filename ?? null,
        contentType: headers['content-type'] ?? null,
        data: body.subarray(headerEnd + HEADER_END.length, next),
      });
    }
    position = next + CRLF.length;
  }
  return parts;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `a/b; key=value; other="quoted"` → the parameters, keys lower-cased. */
export function parameters(header: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of header.matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = match[2].trim();
    result[match[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return result;
}
