import { CamundaError } from '../../../../common/errors/api-error';
import { TypedValue, VariableConversionError, fromCamundaValue } from '../../../../engine';
import { invalidRequest, restException } from '../../common/camunda-errors';
import { FormPart, parameters } from './multipart-form';

/** The raw content of a Bytes or File variable, as Camunda's VariableResponseProvider sends it. */
export interface BinaryContent {
  readonly contentType: string;
  readonly disposition: string | null;
  readonly body: Buffer;
}

export function binaryContent(value: TypedValue, resourceId: string): BinaryContent {
  const body = Buffer.from(typeof value.value === 'string' ? value.value : '', 'base64');
  if (value.type === 'Bytes') return { contentType: 'application/octet-stream', disposition: null, body };
  if (value.type !== 'File') throw invalidRequest(`Value of variable with id ${resourceId} is not a binary value.`);
  const info = value.valueInfo ?? {};
  const contentType = `${info.mimeType ?? 'application/octet-stream'}${info.encoding !== undefined ? `; charset=${info.encoding}` : ''}`;
  return { contentType, disposition: attachment(info.filename ?? 'null'), body };
}

/**
 * URLEncodingUtil#buildAttachmentValue: `attachment; filename="<name>"; filename*=UTF-8''<url-encoded>`.
 * Characters an HTTP header cannot carry are replaced in the plain form; the encoded form keeps them.
 */
function attachment(filename: string): string {
  const plain = filename.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
  return `attachment; filename="${plain}"; filename*=UTF-8''${javaUrlEncode(filename)}`;
}

/** java.net.URLEncoder (UTF-8) with `+` turned into `%20`, as Camunda does. */
function javaUrlEncode(text: string): string {
  let result = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    result += /[A-Za-z0-9.*_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return result;
}

/**
 * AbstractVariablesResource#setBinaryVariable: part `data` holds the content; a legacy `type` part names
 * the Java class of a JSON-serialized object; otherwise `valueType` (default Bytes) is the value type, and
 * a File takes its file name, MIME type and `encoding=`/`transient=` parameters from the data part.
 * `putPrefix` is Camunda's "Cannot put <resource> variable <name>: ", used for engine-side failures only.
 */
export function binaryVariableFromForm(parts: readonly FormPart[], putPrefix: string): TypedValue {
  const part = (name: string) => parts.find((p) => p.name === name);
  const data = part('data');
  const objectType = part('type');
  if (objectType) {
    if (!data?.contentType?.toLowerCase().includes('application/json')) {
      throw invalidRequest(`Unrecognized content type for serialized java type: ${data?.contentType ?? null}`);
    }
    const text = data.data.toString('utf8');
    try {
      JSON.parse(text);
    } catch (error) {
      throw invalidRequest(`Could not deserialize JSON object: ${(error as Error).message}`, 500);
    }
    return { type: 'Object', value: text, valueInfo: { objectTypeName: objectType.data.toString('utf8'), serializationDataFormat: 'application/json' } };
  }
  const valueTypeName = part('valueType')?.data.toString('utf8') ?? 'Bytes';
  if (!data) {
    throw new CamundaError(
      500,
      'NullPointerException',
      'Cannot invoke "org.camunda.bpm.engine.rest.mapper.MultipartFormData$FormPart.getBinaryContent()" because "binaryDataFormPart" is null',
      null,
    );
  }
  const dto: { type: string; value: string; valueInfo?: Record<string, unknown> } = { type: valueTypeName, value: data.data.toString('base64') };
  if (valueTypeName.length > 0 && `${valueTypeName[0].toLowerCase()}${valueTypeName.slice(1)}` === 'file') dto.valueInfo = fileInfo(data);
  try {
    return fromCamundaValue(dto);
  } catch (error) {
    if (!(error instanceof VariableConversionError)) throw error;
    // Only engine exceptions are caught and prefixed here; REST-layer conversion errors pass unchanged.
    if (error.exceptionType === 'ProcessEngineException') throw restException(500, `${putPrefix}${error.message}`);
    throw new CamundaError(error.status, error.exceptionType, error.message, error.code);
  }
}

function fileInfo(data: FormPart): Record<string, unknown> {
  const contentType = data.contentType ?? 'application/octet-stream';
  const base = /^\s*([^\s/;]+)\/([^\s;]+)\s*(;.*)?$/.exec(contentType);
  if (!base) throw restException(400, 'Invalid mime type given', null);
  const info: Record<string, unknown> = { filename: data.filename, mimeType: `${base[1]}/${base[2]}`.toLowerCase() };
  const params = parameters(base[3] ?? '');
  if (params.encoding !== undefined) info.encoding = params.encoding;
  if (params.transient?.toLowerCase() === 'true') info.transient = true;
  return info;
}
