import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskCardNumbers, requestLogSerializer } from './log-mask.ts';

test('card-like digit runs in logged URLs keep only their last four digits', () => {
  assert.equal(maskCardNumbers('/api/payments/accounts/4400430012345678/score'), '/api/payments/accounts/****5678/score');
  assert.equal(maskCardNumbers('/x?card=4400%204300%201234%205678&y=1'), '/x?card=****5678&y=1');
  assert.equal(maskCardNumbers('/x/4400-4300-1234-5678'), '/x/****5678');
  // phone numbers, ids and short numbers stay as they are
  assert.equal(maskCardNumbers('/accounts/+77991234567/network?hops=2'), '/accounts/+77991234567/network?hops=2');
  assert.equal(maskCardNumbers('/api/items?page=20&pageSize=100'), '/api/items?page=20&pageSize=100');
  const logged = requestLogSerializer({ method: 'GET', url: '/api/payments/accounts/5555555555554444/score', ip: '127.0.0.1' });
  assert.equal(logged.url, '/api/payments/accounts/****4444/score');
  assert.ok(!JSON.stringify(logged).includes('5555555555554444'));
});
