import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../handler/errors.ts';
import { MAX_REPORTED } from '../handler/invalid.ts';
import { MAX_ITEMS, observablesSchema, tileDataSchema, tileSchema, triggerSchema, validate, type Schema } from '../handler/schema.ts';

async function fieldErrors(schema: Schema<unknown>, body: unknown): Promise<unknown> {
  try {
    await validate(schema, body);
  } catch (error) {
    assert.instance(error, RelayError);
    const message = (error as RelayError).message;
    assert.ok(message.startsWith('Invalid JSON payload received. ') && message.endsWith('.'), message);
    return JSON.parse(message.slice('Invalid JSON payload received. '.length, -1));
  }
  return 'valid';
}

const schema = suite('validate');

schema('returns the valid value itself', async () => {
  const body = [{ type: 'ip', value: '1.1.1.1' }];
  assert.is(validate(observablesSchema, body), body);
});

schema('every failing item, by index, and only those', async () => {
  assert.equal(await fieldErrors(observablesSchema, [
    { type: 'ip', value: '1.1.1.1' },
    { type: '', value: 2 },
    'ip',
    { type: 'ip', value: 'x' },
    {},
  ]), {
    1: { type: ['Field may not be blank.'], value: ['Not a valid string.'] },
    2: { _schema: ['Invalid input type.'] },
    4: { type: ['Missing data for required field.'], value: ['Missing data for required field.'] },
  });
});

schema('declared fields in schema order, then unknown ones in the order received', async () => {
  const errors = await fieldErrors(tileDataSchema, { zeta: 1, period: null, alpha: 2 }) as Record<string, unknown>;
  assert.equal(Object.keys(errors), ['tile_id', 'period', 'zeta', 'alpha']);
});

schema('unknown fields are the item\'s own keys, integer-like ones first, as Object.keys lists them', async () => {
  // An inherited enumerable key is not the client's: only a caller's object can have one (never JSON).
  const inherited = Object.assign(Object.create({ inherited: 1 }) as object, { type: 'ip', value: 'x' });
  assert.is(await fieldErrors(observablesSchema, [inherited]), 'valid');
  const errors = await fieldErrors(tileSchema, JSON.parse('{"zeta":1,"tile_id":"t","2":0,"alpha":2,"1":0}')) as Record<string, unknown>;
  assert.equal(Object.entries(errors), [['1', ['Unknown field.']], ['2', ['Unknown field.']], ['zeta', ['Unknown field.']], ['alpha', ['Unknown field.']]]);
});

schema('a key named __proto__ is reported, never assigned to a prototype', async () => {
  const body = JSON.parse('[{"type":"ip","value":"x","__proto__":{"polluted":true}}]') as unknown;
  const errors = await fieldErrors(observablesSchema, body) as Record<string, Record<string, unknown>>;
  assert.ok(Object.hasOwn(errors['0'] ?? {}, '__proto__'));
  assert.equal(Object.getOwnPropertyDescriptor(errors['0'], '__proto__')?.value, ['Unknown field.']);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

schema('the trigger form keeps its extra keys', async () => {
  const form = { 'action-id': 'a', observable_type: 'ip', observable_value: 'v', 'query-param': { deep: 1 } };
  assert.equal(validate(triggerSchema, form), form);
  assert.equal(await fieldErrors(triggerSchema, []), { _schema: ['Invalid input type.'] });
  assert.equal(await fieldErrors(triggerSchema, null), { _schema: ['Invalid input type.'] });
});

schema('the wrong top-level type', async () => {
  for (const body of [undefined, null, {}, 'x', 1, true]) {
    assert.equal(await fieldErrors(observablesSchema, body), { _schema: ['Invalid input type.'] });
  }
});

schema('more items than XDR ever sends are refused at once, in marshmallow\'s words', async () => {
  const items = Array.from({ length: MAX_ITEMS + 1 }, () => ({ type: 'ip', value: '1.1.1.1' }));
  assert.equal(await fieldErrors(observablesSchema, items), { _schema: [`Longer than maximum length ${MAX_ITEMS}.`] });
  assert.is(await fieldErrors(observablesSchema, items.slice(1)), 'valid');
});

schema('at most 20 field errors, then a count: the answer stays small whatever the body', async () => {
  assert.is(MAX_REPORTED, 20);
  const items = Array.from({ length: MAX_ITEMS }, () => ({}));
  const errors = await fieldErrors(observablesSchema, items) as Record<string, unknown>;
  // Two errors per item: ten items fill the 20, the other 990 items' 1,980 are counted.
  assert.equal(Object.keys(errors), [...Array.from({ length: 10 }, (_, i) => String(i)), '_more']);
  assert.equal(errors['_more'], ['1980 more errors not shown.']);
  const message = JSON.stringify(errors);
  assert.ok(message.length < 2000, `${message.length} characters`);
  // Non-objects count the same way.
  const strings = await fieldErrors(observablesSchema, Array.from({ length: 25 }, () => 'x')) as Record<string, unknown>;
  assert.equal(strings['_more'], ['5 more errors not shown.']);
  assert.equal(strings['19'], { _schema: ['Invalid input type.'] });
});

schema('unknown keys: at most 20 reported, each cut to 64 characters', async () => {
  const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`${String(i).padStart(4, '0')}${'k'.repeat(100)}`, 1]));
  const errors = await fieldErrors(tileSchema, body) as Record<string, unknown>;
  const keys = Object.keys(errors);
  assert.is(keys.length, 21);
  assert.is(keys[0], 'tile_id');
  assert.is(keys[1], `0000${'k'.repeat(60)}…`);
  assert.equal(errors['_more'], ['4981 more errors not shown.']);
});

schema.run();
