export { FeelExpressionEvaluator } from './feel-expression-evaluator';
export { isJuelExpression, translateJuel } from './juel-to-feel';
export type { JuelTranslation, JuelVariable } from './juel-to-feel';
