import { TypedValue } from '../../variables/typed-value';

type VariableMap = Readonly<Record<string, TypedValue>>;

/** The variables a message (or an event trigger) delivers, scoped as in Camunda's POST /message. */
export interface MessagePayload {
  /** Written with normal scoping: the nearest scope that already has the name, else the process instance. */
  readonly processVariables?: VariableMap;
  /** Written locally on the execution that held the subscription. */
  readonly processVariablesLocal?: VariableMap;
  /** Handed to the scope the trigger creates (event subprocess), or local on the catching execution. */
  readonly processVariablesToTriggeredScope?: VariableMap;
}
