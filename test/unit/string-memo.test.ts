// stringMemo: computes once per key, and empties itself at its limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringMemo } from '../../server/src/engine/stringMemo';

test('a key is computed once; the map is emptied when it reaches its limit', () => {
  const calls: string[] = [];
  const length = stringMemo((s) => (calls.push(s), s.length), 3);
  assert.equal(length('组织学习'), 4);
  assert.equal(length('组织学习'), 4);
  assert.equal(length(''), 0);
  assert.equal(length(''), 0, 'a falsy value is remembered too');
  assert.deepEqual(calls, ['组织学习', '']);
  length('a');
  length('bb'); // the fourth key: the three before it are forgotten
  length('组织学习');
  length('bb');
  assert.deepEqual(calls, ['组织学习', '', 'a', 'bb', '组织学习']);
});
