import { EngineHarness } from '../helpers/engine-harness';
import { bpmn, flow, msg } from '../helpers/bpmn';

describe('Feature: start and end events', () => {
  it('Scenario: a none start event runs through tasks and a none end event completes the instance', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn(
        'straight',
        `<bpmn:startEvent id="S" /><bpmn:task id="T" /><bpmn:manualTask id="M" />
         <bpmn:intermediateThrowEvent id="Milestone" /><bpmn:endEvent id="E" />
         ${flow('a', 'S', 'T')}${flow('b', 'T', 'M')}${flow('c', 'M', 'Milestone')}${flow('d', 'Milestone', 'E')}`,
      ),
    );
    const pi = engine.start('straight');
    expect(engine.state(pi).status).toBe('completed');
    expect(engine.trail(pi)).toEqual(['S', 'T', 'M', 'Milestone', 'E', 'straight']);
  });

  it('Scenario: a terminate end event ends every other token of the process', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn(
        'terminate',
        `<bpmn:startEvent id="S" /><bpmn:parallelGateway id="Fork" />
         <bpmn:userTask id="Slow" /><bpmn:intermediateCatchEvent id="Wait">${msg('go')}</bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="Kill"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="E" />
         ${flow('a', 'S', 'Fork')}${flow('b', 'Fork', 'Slow')}${flow('c', 'Fork', 'Wait')}
         ${flow('d', 'Wait', 'Kill')}${flow('e', 'Slow', 'E')}`,
        ['go'],
      ),
    );
    const pi = engine.start('terminate');
    expect(engine.openTasks(pi)).toEqual(['Slow']);
    engine.message('go', { processInstanceId: pi });
    expect(engine.state(pi).status).toBe('completed');
    expect(engine.openTasks(pi)).toEqual([]);
    expect(engine.trail(pi)).toEqual(['S', 'Fork', 'Wait', 'x:Slow', 'Kill', 'terminate']);
  });

  it('Scenario: a terminate end event in a subprocess ends only the subprocess', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn(
        'terminate-sub',
        `<bpmn:startEvent id="S" />
         <bpmn:subProcess id="Sub">
           <bpmn:startEvent id="SS" /><bpmn:parallelGateway id="Fork" /><bpmn:userTask id="Inner" />
           <bpmn:endEvent id="Kill"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="SE" />
           ${flow('s1', 'SS', 'Fork')}${flow('s2', 'Fork', 'Inner')}${flow('s3', 'Fork', 'Kill')}${flow('s4', 'Inner', 'SE')}
         </bpmn:subProcess>
         <bpmn:userTask id="After" /><bpmn:endEvent id="E" />
         ${flow('a', 'S', 'Sub')}${flow('b', 'Sub', 'After')}${flow('c', 'After', 'E')}`,
      ),
    );
    const pi = engine.start('terminate-sub');
    expect(engine.openTasks(pi)).toEqual(['After']);
    expect(engine.state(pi).status).toBe('running');
  });

  it('Scenario: a message start event starts an instance with the message payload', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn('by-message', `<bpmn:startEvent id="S">${msg('hello')}</bpmn:startEvent><bpmn:userTask id="T" />${flow('a', 'S', 'T')}`, ['hello']),
    );
    const [pi] = engine.message('hello', {}, { greeting: 'hi' });
    expect(engine.openTasks(pi)).toEqual(['T']);
    expect(engine.variable(pi, 'greeting')).toBe('hi');
  });

  it('Scenario: cancelling an instance removes its tasks and subscriptions', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn(
        'cancel',
        `<bpmn:startEvent id="S" /><bpmn:parallelGateway id="F" /><bpmn:userTask id="T" />
         <bpmn:intermediateCatchEvent id="W">${msg('m')}</bpmn:intermediateCatchEvent>
         ${flow('a', 'S', 'F')}${flow('b', 'F', 'T')}${flow('c', 'F', 'W')}`,
        ['m'],
      ),
    );
    const pi = engine.start('cancel');
    engine.cancel(pi);
    expect(engine.state(pi).status).toBe('terminated');
    expect(engine.openTasks(pi)).toEqual([]);
    expect(engine.waitingFor(pi)).toEqual([]);
    expect(engine.state(pi).elements).toEqual({});
  });

  it('Scenario: a loop without a wait state becomes an incident instead of running forever', async () => {
    const engine = new EngineHarness();
    await engine.deploy(
      bpmn('loop', `<bpmn:startEvent id="S" /><bpmn:task id="A" /><bpmn:task id="B" />${flow('a', 'S', 'A')}${flow('b', 'A', 'B')}${flow('c', 'B', 'A')}`),
    );
    const pi = engine.start('loop');
    const [incident] = Object.values(engine.state(pi).incidents);
    expect(incident.failure.message).toContain('without reaching a wait state');
  });
});
