import { ApiError, CamundaError, ErrorCode } from '../../common/errors/api-error';
import { correlatedInstanceIds, failedCorrelationOutcome, messageFace } from './correlation-outcome';

const MISMATCH = 'org.camunda.bpm.engine.MismatchingMessageCorrelationException: ';

describe('correlation outcomes for the metrics', () => {
  it('knows the two message routes by face', () => {
    expect(messageFace('POST', '/messages')).toBe('native');
    expect(messageFace('POST', '/engine-rest/message')).toBe('camunda');
    expect(messageFace('GET', '/messages')).toBeUndefined();
    expect(messageFace('POST', '/engine-rest/execution/:id/messageSubscriptions/:name/trigger')).toBeUndefined();
    expect(messageFace('POST', undefined)).toBeUndefined();
  });

  it('reads no-match and ambiguous from native error codes and Camunda exception texts', () => {
    expect(failedCorrelationOutcome(new ApiError(ErrorCode.MESSAGE_NOT_CORRELATED, 'x'))).toBe('no-match');
    expect(failedCorrelationOutcome(new ApiError(ErrorCode.MESSAGE_AMBIGUOUS, 'x'))).toBe('ambiguous');
    expect(failedCorrelationOutcome(new ApiError(ErrorCode.VALIDATION_ERROR, 'x'))).toBeUndefined();
    expect(failedCorrelationOutcome(new CamundaError(400, 'RestException', `${MISMATCH}Cannot correlate message 'm': No process definition or execution matches the parameters`, 0))).toBe('no-match');
    expect(failedCorrelationOutcome(new CamundaError(400, 'RestException', `${MISMATCH}ENGINE-13031 Cannot correlate a message with name 'm' to a single execution.`, 0))).toBe('ambiguous');
    expect(failedCorrelationOutcome(new CamundaError(400, 'RestException', `${MISMATCH}ENGINE-13030 Cannot correlate a message with name 'm' to a single process definition.`, 0))).toBe('ambiguous');
    expect(failedCorrelationOutcome(new CamundaError(400, 'InvalidRequestException', 'No message name supplied', null))).toBeUndefined();
    expect(failedCorrelationOutcome(new Error('boom'))).toBeUndefined();
  });

  it('finds the instance ids in either face’s answer', () => {
    expect(correlatedInstanceIds('native', { correlated: [{ processInstanceId: 'a' }, { processInstanceId: 'b' }, { processInstanceId: 'a' }] })).toEqual(['a', 'b']);
    expect(
      correlatedInstanceIds('camunda', [
        { resultType: 'Execution', execution: { processInstanceId: 'a' }, processInstance: null },
        { resultType: 'ProcessDefinition', execution: null, processInstance: { id: 'c' } },
      ]),
    ).toEqual(['a', 'c']);
    expect(correlatedInstanceIds('camunda', undefined)).toEqual([]);
  });
});
