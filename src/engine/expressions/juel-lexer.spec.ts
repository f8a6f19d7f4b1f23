import { JuelSyntaxError, lexExpressionBody, splitTemplate } from './juel-lexer';

const lex = (body: string) => lexExpressionBody(`${body}}`, 0).tokens.map((t) => `${t.type}:${t.value}`);

describe('lexExpressionBody', () => {
  it('reads identifiers, keywords, numbers and operators, ending at the closing brace', () => {
    expect(lex('a.b >= 10 and not empty $x_1')).toEqual([
      'identifier:a', 'operator:.', 'identifier:b', 'operator:>=', 'number:10', 'keyword:and',
      'keyword:not', 'keyword:empty', 'identifier:$x_1', 'end:}',
    ]);
  });

  it('reads a leading-dot number only where an operand may start', () => {
    expect(lex('.5 + a.b')).toEqual(['number:.5', 'operator:+', 'identifier:a', 'operator:.', 'identifier:b', 'end:}']);
    expect(lex('1.5e3')).toEqual(['number:1.5e3', 'end:}']);
  });

  it('unescapes the three EL string escapes and keeps other backslashes', () => {
    const tokens = lexExpressionBody(String.raw`'it\'s' "say \"hi\"" 'a\\b' 'c\nd'}`, 0).tokens;
    expect(tokens.filter((t) => t.type === 'string').map((t) => t.value)).toEqual([
      "it's", 'say "hi"', 'a\\b', 'c\\nd',
    ]);
  });

  it('does not end at a brace inside a string or a nested literal', () => {
    const text = "'}' == {1} } tail";
    const { end } = lexExpressionBody(text, 0);
    expect(text.slice(end)).toBe(' tail');
  });

  it.each([
    ['a > 1', "missing closing '}'"],
    ["'abc}", 'unterminated string literal'],
    ['a & b}', "unexpected character '&'"],
  ])('rejects %p', (text, message) => {
    expect(() => lexExpressionBody(text, 0)).toThrow(JuelSyntaxError);
    expect(() => lexExpressionBody(text, 0)).toThrow(message);
  });
});

describe('splitTemplate', () => {
  it('splits literal text and expressions', () => {
    const segments = splitTemplate('order-${id}-#x');
    expect(segments.map((s) => (s.kind === 'text' ? s.text : s.source))).toEqual(['order-', '${id}', '-#x']);
  });

  it('accepts #{...} like ${...}', () => {
    expect(splitTemplate('#{a}')).toMatchObject([{ kind: 'expression', source: '#{a}' }]);
  });

  it('reads \\${ as literal text', () => {
    expect(splitTemplate('cost: \\${x}')).toEqual([{ kind: 'text', text: 'cost: ${x}' }]);
  });

  it('rejects mixing ${} and #{}', () => {
    expect(() => splitTemplate('${a}#{b}')).toThrow('cannot be mixed');
  });
});
