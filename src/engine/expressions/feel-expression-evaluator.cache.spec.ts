import * as juel from './juel-to-feel';
import { FeelExpressionEvaluator } from './feel-expression-evaluator';

jest.mock('./juel-to-feel', () => {
  const actual = jest.requireActual<typeof juel>('./juel-to-feel');
  return { ...actual, translateJuel: jest.fn(actual.translateJuel) };
});

const translateJuel = juel.translateJuel as jest.MockedFunction<typeof juel.translateJuel>;

describe('FeelExpressionEvaluator cache', () => {
  beforeEach(() => translateJuel.mockClear());

  it('translates a JUEL expression once, however often it is evaluated', () => {
    const evaluator = new FeelExpressionEvaluator();
    for (const amount of [1, 200, 300]) {
      expect(evaluator.evaluateCondition('${amount > 100}', { amount })).toEqual({ ok: true, value: amount > 100 });
    }
    expect(evaluator.validate('${amount > 100}')).toBeNull();
    expect(translateJuel).toHaveBeenCalledTimes(1);
  });

  it('keeps failures too, and stays bounded', () => {
    const evaluator = new FeelExpressionEvaluator({ cacheSize: 2 });
    evaluator.validate('${a.b()}');
    evaluator.validate('${a.b()}');
    expect(translateJuel).toHaveBeenCalledTimes(1);
    evaluator.validate('${x}');
    evaluator.validate('${y}');
    evaluator.validate('${a.b()}'); // evicted by the two above
    expect(translateJuel).toHaveBeenCalledTimes(4);
  });
});
