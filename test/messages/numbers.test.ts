// Hand-computed cases for numbers as people read them (messages/numbers.ts).
import { describe, expect, it } from 'vitest';
import { expectedAndActual, showNumber } from '../../messages/numbers.js';

const zh = (x: number, dim?: Parameters<typeof showNumber>[1], places = 2) => showNumber(x, dim, 'zh', places);

describe('showNumber', () => {
  it('shows rates as percent at the policy\'s places, marking a value rounding changed', () => {
    expect(zh(0.995102040816, 'percent')).toEqual({ text: '99.51%', approx: true });
    expect(zh(0.986, 'percent')).toEqual({ text: '98.6%', approx: false });
    expect(zh(1, 'percent')).toEqual({ text: '100%', approx: false });
  });
  it('shows money in 万元 from 10 000 yuan, in 元 below, with separators; in yuan in English', () => {
    expect(zh(487_600_000, 'money').text).toBe('48,760万元');
    expect(zh(487_612_345, 'money')).toEqual({ text: '48,761.23万元', approx: true });
    expect(zh(9300, 'money').text).toBe('9,300元');
    expect(showNumber(487_600_000, 'money', 'en', 2).text).toBe('487,600,000 yuan');
  });
  it('shows points with 分, rounding ties half up on the decimal, never showing float noise', () => {
    expect(zh(18, 'points').text).toBe('18分');
    expect(zh(0.015, 'points', 2).text).toBe('0.02分');
    expect(zh(1.005, 'points', 2).text).toBe('1.01分');
    expect(zh(0.1 + 0.2, 'points')).toEqual({ text: '0.3分', approx: false });
    expect(zh(0.8200000000000001)).toEqual({ text: '0.82', approx: false });
    expect(showNumber(1, 'points', 'en', 2).text).toBe('1 point');
    expect(zh(-0.004, 'points').text).toBe('0分');
  });
});

describe('a failing test\'s values', () => {
  it('read at the places of what is compared, with more only where they would read alike', () => {
    expect(expectedAndActual({ expected: 0.81, actual: 0.8200000000000001, dim: 'points', places: 2 }, 'zh')).toEqual({ expected: '0.81分', actual: '0.82分' });
    expect(expectedAndActual({ expected: 0.9951, actual: 0.995102040816, dim: 'percent', places: 2 }, 'en')).toEqual({ expected: '99.51%', actual: 'about 99.5102%' });
    expect(expectedAndActual({ expected: '第一段', actual: null, dim: null, places: 2 }, 'zh')).toEqual({ expected: '第一段', actual: '（无）' });
  });
});
