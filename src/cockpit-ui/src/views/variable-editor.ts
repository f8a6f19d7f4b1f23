import { h, nextId } from '../dom';
import { TypedVariables } from '../types';

const TYPES = ['String', 'Boolean', 'Integer', 'Long', 'Double', 'Json', 'Date', 'Null'] as const;

export interface VariableEditor {
  readonly element: HTMLElement;
  /** The rows as Camunda typed variables; throws with a readable message when a value does not fit its type. */
  read(): TypedVariables | undefined;
  set(rows: { name: string; type: string; value: string }[]): void;
  clear(): void;
}

/** Rows of name, type and value, each control labelled; values are converted to their type before sending. */
export function variableEditor(legend: string, prefix: string): VariableEditor {
  const rows = h('div', { class: 'var-rows' });
  const element = h(
    'fieldset',
    { class: 'var-editor' },
    h('legend', null, legend),
    rows,
    h('button', { type: 'button', class: 'secondary', onclick: () => addRow().querySelector('input')!.focus() }, 'Add variable'),
  );

  function addRow(name = '', type = 'String', value = ''): HTMLElement {
    const index = rows.children.length + 1;
    const ids = { name: nextId(`${prefix}-name`), type: nextId(`${prefix}-type`), value: nextId(`${prefix}-value`) };
    const typeSelect = h('select', { id: ids.type, class: 'var-type-input' }, ...TYPES.map((t) => h('option', { value: t, selected: t === type }, t)));
    const row = h(
      'div',
      { class: 'var-row' },
      h('label', { for: ids.name }, `Variable ${index} name`),
      h('input', { id: ids.name, class: 'var-name-input', value: name, spellcheck: 'false' }),
      h('label', { for: ids.type }, `Variable ${index} type`),
      typeSelect,
      h('label', { for: ids.value }, `Variable ${index} value`),
      h('input', { id: ids.value, class: 'var-value-input', value, spellcheck: 'false' }),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove variable ${index}`, onclick: () => row.remove() }, '×'),
    );
    rows.append(row);
    return row;
  }

  return {
    element,
    read() {
      const result: TypedVariables = {};
      for (const row of rows.querySelectorAll<HTMLElement>('.var-row')) {
        const name = row.querySelector<HTMLInputElement>('.var-name-input')!.value.trim();
        const type = row.querySelector<HTMLSelectElement>('.var-type-input')!.value;
        const text = row.querySelector<HTMLInputElement>('.var-value-input')!.value;
        if (!name) {
          if (text.trim() === '') continue;
          throw new Error('A variable has a value but no name');
        }
        result[name] = { value: convert(name, type, text), type };
      }
      return Object.keys(result).length > 0 ? result : undefined;
    },
    set(values) {
      rows.replaceChildren();
      for (const v of values) addRow(v.name, v.type, v.value);
    },
    clear() {
      rows.replaceChildren();
    },
  };
}

function convert(name: string, type: string, text: string): unknown {
  const fail = (what: string) => new Error(`Variable '${name}': '${text}' is not ${what}`);
  switch (type) {
    case 'Boolean':
      if (!/^(true|false)$/i.test(text.trim())) throw fail('true or false');
      return text.trim().toLowerCase() === 'true';
    case 'Integer':
    case 'Long': {
      if (!/^-?\d+$/.test(text.trim())) throw fail('a whole number');
      const value = Number(text.trim());
      if (type === 'Integer' && (value > 2147483647 || value < -2147483648)) throw fail('within the Integer range (use Long)');
      if (!Number.isSafeInteger(value)) throw fail('a whole number JavaScript can send exactly');
      return value;
    }
    case 'Double': {
      const value = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(value)) throw fail('a number');
      return value;
    }
    case 'Json':
      try {
        JSON.parse(text);
      } catch {
        throw fail('valid JSON');
      }
      return text;
    case 'Null':
      return null;
    default:
      return text;
  }
}
