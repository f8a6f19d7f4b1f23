/**
 * A variable value that Camunda 7 would refuse, described the way its REST layer reports it.
 *
 * `exceptionType` is the simple Java class name of the exception Camunda raises at that point.
 * `prefixable` tells endpoints whether Camunda wraps the error with their own prefix (§2.4): only the
 * REST-layer conversion failures (`RestException`/`InvalidRequestException` raised while converting a
 * value) are wrapped; engine-side failures (`IllegalArgumentException`, `ProcessEngineException`, …)
 * and request-body mapping errors reach the client unchanged.
 */
export type VariableErrorStatus = 400 | 500;

export interface VariableConversionErrorInit {
  readonly status: VariableErrorStatus;
  readonly exceptionType: string;
  readonly message: string;
  readonly prefixable: boolean;
  /** Camunda's error `code`: 0 for engine exceptions, null otherwise (§1.3). */
  readonly code?: number | null;
}

export class VariableConversionError extends Error {
  readonly status: VariableErrorStatus;
  readonly exceptionType: string;
  readonly prefixable: boolean;
  readonly code: number | null;

  constructor(init: VariableConversionErrorInit) {
    super(init.message);
    this.name = 'VariableConversionError';
    this.status = init.status;
    this.exceptionType = init.exceptionType;
    this.prefixable = init.prefixable;
    this.code = init.code ?? null;
  }

  /** `Cannot convert value '<value>' of type '<type>' to java type <class>` (400). */
  static cannotConvert(renderedValue: string, typeAsSent: string, javaClass: string): VariableConversionError {
    return new VariableConversionError({
      status: 400,
      exceptionType: 'InvalidRequestException',
      message: `Cannot convert value '${renderedValue}' of type '${typeAsSent}' to java type ${javaClass}`,
      prefixable: true,
    });
  }

  /** `Unsupported value type '<type>'` (400, a plain RestException in Camunda). */
  static unsupportedType(typeAsSent: string): VariableConversionError {
    return new VariableConversionError({
      status: 400,
      exceptionType: 'RestException',
      message: `Unsupported value type '${typeAsSent}'`,
      prefixable: true,
    });
  }

  /** Object/Json/Xml given a non-string value (400). */
  static serializedValueRequired(typeAsSent: string): VariableConversionError {
    return new VariableConversionError({
      status: 400,
      exceptionType: 'InvalidRequestException',
      message: `Must provide 'null' or String value for value of SerializableValue type '${typeAsSent}'.`,
      prefixable: true,
    });
  }

  /**
   * Jackson could not bind the request body (wrong JSON type for a DTO field): Camunda answers 400 with
   * a deliberately empty message (§1.2), before any endpoint code runs.
   */
  static requestBodyMapping(): VariableConversionError {
    return new VariableConversionError({
      status: 400,
      exceptionType: 'InvalidRequestException',
      message: '',
      prefixable: false,
    });
  }

  /** A Java runtime exception thrown by Camunda's value types; not caught by the REST layer (500). */
  static javaRuntime(exceptionType: string, message: string): VariableConversionError {
    return new VariableConversionError({ status: 500, exceptionType, message, prefixable: false });
  }

  /** A plain `ProcessEngineException` (500, code 0). */
  static processEngine(message: string): VariableConversionError {
    return new VariableConversionError({
      status: 500,
      exceptionType: 'ProcessEngineException',
      message,
      prefixable: false,
      code: 0,
    });
  }
}
