import { describe, expect, it } from 'vitest';
import { coerce, formValues, javaLiteral, parseForm, quoteJava, rewrite, type FormField } from '../../src/forms/annotations';

function only(source: string): FormField {
  const { fields } = parseForm(source);
  expect(fields).toHaveLength(1);
  return fields[0];
}

describe('form annotations', () => {
  it('reads a slider with the literal exactly where it is', () => {
    const source = 'int n = 3; //@param {type:"slider", min:1, max:10}\nSystem.out.println(n * n);';
    const field = only(source);
    expect(field).toMatchObject({ name: 'n', javaType: 'int', line: 0, literal: '3', value: 3, type: 'slider', min: 1, max: 10, step: 1 });
    expect(source.slice(field.from, field.to)).toBe('3');
  });

  it('reads every Colab type, and // @param with a space', () => {
    const source = [
      '//@title Training settings { display-mode: "form" }',
      '//@markdown Pick the **model**.',
      'int epochs = 5; //@param {type:"slider", min:1, max:20, step:1}',
      'String model = "cnn"; //@param ["cnn", "mlp", "linear"]',
      'boolean augment = true; // @param {type:"boolean"}',
      'double rate = 0.01; //@param {type:"number"}',
      'long seed = 42L; //@param {type:"integer"}',
      "String name = \"x\"; //@param {type:'string'}",
      'String day = "2024-05-01"; //@param {type:"date"}',
      'String size = "s"; //@param ["s", "m"] {allow-input: true}',
      'var steps = 10; //@param',
    ].join('\n');
    const form = parseForm(source);
    expect(form.title).toBe('Training settings');
    expect(form.markdown).toEqual(['Pick the **model**.']);
    expect(form.fields.map((f) => [f.name, f.type, f.value])).toEqual([
      ['epochs', 'slider', 5],
      ['model', 'dropdown', 'cnn'],
      ['augment', 'boolean', true],
      ['rate', 'number', 0.01],
      ['seed', 'integer', 42],
      ['name', 'string', 'x'],
      ['day', 'date', '2024-05-01'],
      ['size', 'dropdown', 's'],
      ['steps', 'integer', 10],
    ]);
    expect(form.fields[1].options).toEqual(['cnn', 'mlp', 'linear']);
    expect(form.fields[7].allowInput).toBe(true);
    expect(form.fields.map((f) => f.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('leaves malformed annotations as code', () => {
    const bad = [
      'int a = 3; //@param {type:"slider", min:1}',
      'int b = 3; //@param {type:"slider", min:5, max:1}',
      'int c = 3; //@param {type:"boolean"}',
      'String d = "x"; //@param {type:"number"}',
      'int e = 3; //@param {type:"nope"}',
      'int f = 3; //@param {type:"slider", min:1, max:10',
      'int g = 3; //@param ["a", ]x',
      'int h = 0x1F; //@param',
      'int i = compute(); //@param',
      'String j = "x"; //@param []',
      'return k = 3; //@param',
      'int l = 3; //@parameter',
      'String m = "2024-5-1"; //@param {type:"date"}',
      'int n = 3; // not a //@param',
    ];
    for (const line of bad) expect(parseForm(line).fields, line).toEqual([]);
  });

  it('finds spans on later lines, with CRLF line ends and escapes in strings', () => {
    const source = 'int x = 1;\r\nString s = "a \\"b\\"\\n"; //@param {type:"string"}\r\nfoo();';
    const field = only(source);
    expect(field.line).toBe(1);
    expect(field.value).toBe('a "b"\n');
    expect(source.slice(field.from, field.to)).toBe('"a \\"b\\"\\n"');
  });

  it('rewrites only the literal, byte for byte elsewhere', () => {
    const source = '  int n   =  3 ;   //@param {type:"slider", min:1, max:10}\nSystem.out.println(n * n);\r\n';
    const field = only(source);
    expect(rewrite(source, field, 7)).toBe('  int n   =  7 ;   //@param {type:"slider", min:1, max:10}\nSystem.out.println(n * n);\r\n');
  });

  it('writes values as valid Java of the declared type', () => {
    const field = (line: string) => only(line);
    expect(javaLiteral(field('double r = 0.5; //@param {type:"number"}'), 2)).toBe('2.0');
    expect(javaLiteral(field('double r = 0.5; //@param {type:"number"}'), 1e-7)).toBe('1e-7');
    expect(javaLiteral(field('float r = 0.5f; //@param {type:"number"}'), 0.25)).toBe('0.25f');
    expect(javaLiteral(field('float r = 1; //@param {type:"number"}'), 0.25)).toBe('0.25f');
    expect(javaLiteral(field('long s = 1L; //@param {type:"integer"}'), 5)).toBe('5L');
    expect(javaLiteral(field('int n = 1; //@param {type:"integer"}'), 2.5)).toBeNull();
    expect(javaLiteral(field('int n = 1; //@param {type:"integer"}'), -4)).toBe('-4');
    expect(javaLiteral(field('double d = 1; //@param {type:"slider", min:0, max:1, step:0.1}'), 0.3)).toBe('0.3');
    expect(javaLiteral(field('boolean b = false; //@param {type:"boolean"}'), true)).toBe('true');
    expect(javaLiteral(field('boolean b = false; //@param {type:"boolean"}'), 'yes')).toBeNull();
    expect(javaLiteral(field('String s = ""; //@param {type:"string"}'), 'say "hi"\\\n')).toBe('"say \\"hi\\"\\\\\\n"');
    expect(javaLiteral(field('int n = 1; //@param'), NaN)).toBeNull();
  });

  it('escapes control characters as octal, never \\u', () => {
    expect(quoteJava('a\u0001b\u007f')).toBe('"a\\001b\\177"');
  });

  it('round-trips: the rewritten source parses to the new value', () => {
    const source = 'String model = "cnn"; //@param ["cnn", "mlp", "linear"]\nprint(model);';
    const field = only(source);
    const changed = rewrite(source, field, 'mlp');
    expect(changed).toBe('String model = "mlp"; //@param ["cnn", "mlp", "linear"]\nprint(model);');
    expect(only(changed).value).toBe('mlp');
    expect(rewrite(source, field, 3)).toBe(source);
  });

  it('reads control text as the field type', () => {
    expect(coerce(only('int n = 1; //@param'), '7')).toBe(7);
    expect(coerce(only('int n = 1; //@param'), '')).toBeNull();
    expect(coerce(only('boolean b = true; //@param'), 'false')).toBe(false);
    expect(coerce(only('String s = "a"; //@param'), '7')).toBe('7');
  });
});

describe('dropdowns', () => {
  it('takes numbers for a number and refuses choices of another type', () => {
    expect(only('int batch = 32; //@param [16, 32, 64]').options).toEqual([16, 32, 64]);
    expect(parseForm('int batch = 32; //@param ["16", "32"]').fields).toEqual([]);
  });
});

describe('form values for a job', () => {
  it('takes the first field of each name across cells', () => {
    expect(formValues(['int n = 3; //@param\nint x = 1;', 'int n = 4; //@param\nString m = "a"; //@param ["a", "b"]'])).toEqual({ n: 3, m: 'a' });
  });
});
