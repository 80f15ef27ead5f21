// The compiler's diagnostic codes (the syntax stage has its own KP0xxx table in dsl/).
// Codes are stable: tools and documentation link them, so a code is never reused for another meaning.
import type { Span } from '../dsl/ast.js';
import type { Diagnostic, Severity } from '../dsl/diagnostics.js';

export const COMPILER_CODES = {
  // KP1xxx — names
  KP1001: 'duplicate name',
  KP1002: 'unknown name',
  KP1003: 'no policy header',
  KP1004: 'more than one policy header',
  KP1005: 'unknown entity kind',
  KP1006: 'unknown type',
  KP1007: 'unknown relation',
  KP1008: 'unknown value on the related kind',
  KP1009: 'duplicate field, input or relation',
  KP1010: 'no entity kind to apply to',
  KP1011: 'unknown indicator',
  KP1012: 'unknown function',
  // KP2xxx — types and dimensions
  KP2001: 'dimensions do not match',
  KP2002: 'cannot multiply or divide these dimensions',
  KP2003: 'values cannot be compared',
  KP2004: 'condition is not true/false',
  KP2005: 'a score must be points',
  KP2006: 'an amount or cap must be points',
  KP2007: 'missing else arm',
  KP2008: 'arms of different types',
  KP2009: 'not a value of the enum',
  KP2010: 'match needs an enum',
  KP2011: 'wrong arguments',
  KP2012: 'not a list of records',
  KP2013: 'population statistic misused',
  KP2014: 'unknown step mode',
  KP2015: 'interpolation anchors not ascending constants',
  KP2016: 'not a number',
  KP2017: 'construct out of place',
  KP2018: 'not a constant',
  KP2019: 'default value of the wrong type',
  KP2020: 'share is not a percent',
  KP2021: 'record type used as a value',
  // KP3xxx — structure and points
  KP3001: 'points do not add up',
  KP3002: 'weights do not sum to 100%',
  KP3003: 'section needs points or a weight',
  KP3004: 'invalid metadata value',
  KP3005: 'duplicate metadata or score',
  KP3006: 'points must be a non-negative constant',
  KP3007: 'tier share out of range',
  KP3008: 'misplaced rest tier',
  KP3009: 'gate names an undeclared tier',
  KP3010: 'individual performance ill-formed',
  KP3011: 'periods ill-formed',
  KP3012: 'weighted and pointed sections mixed',
  KP3013: 'invalid policy or tiers setting',
  KP3014: 'link ill-formed',
  KP3015: 'cycle among definitions',
  KP3016: 'tier quotas add up to more than 100%',
  KP3017: 'no tier for the units left over',
  KP3018: 'constant score outside the indicator\'s points',
  // KP4xxx — assertions, fixtures and tests
  KP4001: 'assertion fails',
  KP4002: 'assertion cannot be checked',
  KP4003: 'unknown field in test data',
  KP4004: 'test value of the wrong type',
  KP4005: 'duplicate or unknown test unit',
  KP4006: 'fixture of another kind',
  KP4007: 'expectation ill-formed',
  KP4008: 'division by zero in an assertion',
  // KP9999 — a bug in the compiler, reported instead of crashing
  KP9999: 'internal compiler error',
} as const;

export type CompilerCode = keyof typeof COMPILER_CODES;

export interface DiagnosticExtras {
  help?: string;
  related?: { message: string; span: Span }[];
  severity?: Severity;
}

export function diagnostic(code: CompilerCode, span: Span, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const d: Diagnostic = { code, severity: extras.severity ?? 'error', message, span };
  if (extras.help !== undefined) d.help = extras.help;
  if (extras.related !== undefined) d.related = extras.related;
  return d;
}
