import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseAddress, normaliseName } from './normalise.ts';
import { scoreAnswers, type Instrument } from './risk.ts';
import { RISK_INSTRUMENTS } from './rules.ts';
import { isSchoolDay, nextSchoolDayStart } from './school-calendar.ts';

const at = (local: string) => new Date(`${local}+05:00`);
const eightOn = (date: string) => new Date(`${date}T08:00:00+05:00`).toISOString();

test('next school day: Friday evening → Monday 08:00 local', () => {
  assert.equal(nextSchoolDayStart(at('2026-02-06T19:00:00')).toISOString(), eightOn('2026-02-09'));
  assert.equal(eightOn('2026-02-09'), '2026-02-09T03:00:00.000Z');
  // Saturday and Sunday, any hour
  assert.equal(nextSchoolDayStart(at('2026-02-07T10:00:00')).toISOString(), eightOn('2026-02-09'));
  assert.equal(nextSchoolDayStart(at('2026-02-08T05:00:00')).toISOString(), eightOn('2026-02-09'));
});

test('next school day: the day before a public holiday → the day after the holiday', () => {
  // 16 December (Independence Day) is a Wednesday in 2026
  assert.equal(isSchoolDay('2026-12-16'), false);
  assert.equal(nextSchoolDayStart(at('2026-12-15T18:00:00')).toISOString(), eightOn('2026-12-17'));
  // 7 May (Defender of the Fatherland Day, Thursday 2026) then Friday 8 May
  assert.equal(nextSchoolDayStart(at('2026-05-06T21:00:00')).toISOString(), eightOn('2026-05-08'));
});

test('next school day: a school holiday week is skipped', () => {
  // autumn holidays 26 October – 1 November 2026
  assert.equal(nextSchoolDayStart(at('2026-10-23T20:00:00')).toISOString(), eightOn('2026-11-02'));
  assert.equal(nextSchoolDayStart(at('2026-10-28T09:00:00')).toISOString(), eightOn('2026-11-02'));
  // winter holidays into January 2027, then a weekend
  assert.equal(nextSchoolDayStart(at('2026-12-29T15:00:00')).toISOString(), eightOn('2027-01-11'));
});

test('next school day: recorded before 08:00 on a school day → the same day', () => {
  assert.equal(nextSchoolDayStart(at('2026-02-10T06:30:00')).toISOString(), eightOn('2026-02-10'));
  assert.equal(nextSchoolDayStart(at('2026-02-10T07:59:00')).toISOString(), eightOn('2026-02-10'));
  // at or after 08:00 the school day has started: the next one
  assert.equal(nextSchoolDayStart(at('2026-02-10T08:00:00')).toISOString(), eightOn('2026-02-11'));
  // 03:30 local on Tuesday is still Monday in UTC: the local day counts
  assert.equal(nextSchoolDayStart(new Date('2026-02-09T22:30:00Z')).toISOString(), eightOn('2026-02-10'));
});

test('names and addresses are compared normalised', () => {
  assert.equal(normaliseName(' Иванова ', 'Алёна'), normaliseName('ИВАНОВА', 'алена'));
  assert.equal(normaliseAddress('г. Алматы, улица Абая, дом 5, квартира 3'), normaliseAddress('г Алматы  ул. Абая д. 5 кв. 3'));
  assert.notEqual(normaliseAddress('ул. Абая, д. 5'), normaliseAddress('ул. Абая, д. 6'));
});

test('risk score is the sum of yes weights; bands by the region thresholds', () => {
  const v = RISK_INSTRUMENTS[0]!;
  const th = (region: string) => v.thresholds.find((t) => t.region === region) ?? v.thresholds.find((t) => t.region === '*')!;
  const instrument = (region: string): Instrument => ({
    version: v.version,
    items: v.items.map((i) => ({ code: i.code, weight: i.weight, text: { kk: i.kk, ru: i.ru, en: i.en } })),
    thresholds: { mediumFrom: th(region).mediumFrom, highFrom: th(region).highFrom },
    thresholdRegion: null,
  });
  const none = Object.fromEntries(v.items.map((i) => [i.code, false]));
  assert.deepEqual(scoreAnswers(instrument('*'), none), { score: 0, band: 'standard' });
  const some = {
    ...none,
    strangulation: true,
    threat_to_kill: true,
    weapon_access: true,
    injury_now: true,
    prior_breach: true,
    escalation: true,
  };
  // 5 + 4 + 3 + 3 + 3 + 3 = 21
  assert.deepEqual(scoreAnswers(instrument('*'), some), { score: 21, band: 'high' });
  const mid = { ...none, strangulation: true, threat_to_kill: true };
  assert.equal(scoreAnswers(instrument('KZ-10'), mid).band, 'standard');
  assert.equal(scoreAnswers(instrument('KZ-75'), mid).band, 'medium');
});
