// The concrete-syntax parser: the whole grammar of docs/language.md, with error recovery so one mistake does not
// hide the rest of the file. Token labels (`name`, `value`, …) are what cst-to-ast reads.
import { CstParser, type IOrAlt, type IParserErrorMessageProvider, type TokenType, type IToken } from 'chevrotain';
import { message, type MessageRef } from '../messages/index.js';
import type { AlternativesRule, Block, Expected, Home } from '../messages/kp-syntax.js';
import type { KeywordName } from './keywords.js';
import * as T from './tokens.js';

const K = T.keywordTokens;

/** What a rule expects when none of its alternatives fits (the words are in messages/kp-syntax.ts). */
const ALTERNATIVES_RULES = new Set<string>([
  'declaration', 'policyItem', 'typeExpr', 'missingTreatment', 'sectionDecl', 'sectionItem', 'indicatorItem', 'metaItem',
  'bonusItem', 'bonusDecl', 'tiersItem', 'tierRule', 'periodName', 'testDecl', 'adjustItem', 'primary', 'binaryOperator',
  'callArgument', 'linkDecl', 'warningItem', 'warningPeriod',
] satisfies AlternativesRule[]);

/** Blocks whose contents an item that does not belong there is told about (the parser then expected the `}`). */
const BLOCKS = new Set<string>([
  'policyDecl', 'entityDecl', 'recordDecl', 'inputDecl', 'sectionDecl', 'indicatorDecl', 'bonusDecl', 'tiersDecl', 'fixtureDecl', 'testDecl',
  'warningDecl',
] satisfies Block[]);

/** Where the items that start with a keyword belong (declarations other than `indicator` stand on their own). */
const ITEM_HOMES: Partial<Record<KeywordName, Home>> = {
  indicator: 'section',
  let: 'sectionIndicatorBonus',
  score: 'indicator',
  exempt: 'indicator',
  deduct: 'indicatorBonusLink',
  add: 'indicatorBonus',
  method: 'indicatorBonus',
  source: 'indicatorBonus',
  owner: 'indicatorBonus',
  period: 'indicatorBonus',
  type: 'indicatorBonus',
  doc: 'indicatorBonus',
  precision: 'indicatorHeader',
  evaluator: 'header',
  rounding: 'header',
  counts: 'bonus',
  each: 'link',
  ties: 'tiers',
  quota: 'tiers',
  gated: 'tiers',
  veto: 'tiers',
  expect: 'test',
};

/** "`score` does not belong in a section: …" — or null when the found token is not an item of another block. */
function misplacedItem(actual: IToken, ruleName: string): MessageRef | null {
  const keyword = T.keywordOf(actual.tokenType);
  if (!BLOCKS.has(ruleName) || !keyword) return null;
  const block = ruleName as Block;
  const home = ITEM_HOMES[keyword.english as KeywordName];
  if (home) return message('KP0003', 'misplaced', { found: actual.image, block, home });
  if (keyword.category !== 'declaration') return null;
  return message('KP0003', 'unclosed', { found: actual.image, block });
}

function foundToken(t: IToken | undefined): string | null {
  return !t || t.tokenType.name === 'EOF' ? null : t.image;
}

function expectedToken(t: TokenType): Expected {
  const keyword = T.keywordOf(t);
  if (keyword) return { kw: keyword.english as KeywordName };
  if (typeof t.PATTERN === 'string') return { symbol: t.PATTERN };
  return { token: t.name as Extract<Expected, { token: string }>['token'] };
}

const DECLARATION: Expected = { rule: 'declaration' };

/**
 * The parser's messages are catalogue sentences, passed through chevrotain as JSON text; parse() reads them back
 * and fills in the token before the error (recovery can leave the parser's own idea of it stale).
 */
export function encodeSyntaxMessage(text: MessageRef): string {
  return JSON.stringify(text);
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected.name === 'EOF') {
      return encodeSyntaxMessage(message('KP0005', 'expected', { expected: DECLARATION, after: null, within: null, found: foundToken(actual) }));
    }
    const misplaced = expected === T.RCurly && actual.tokenType.name !== 'EOF' ? misplacedItem(actual, ruleName) : null;
    if (misplaced) return encodeSyntaxMessage(misplaced);
    return encodeSyntaxMessage(message('KP0003', 'expected', { expected: expectedToken(expected), after: null, within: ruleName, found: foundToken(actual) }));
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encodeSyntaxMessage(message('KP0005', 'expected', { expected: DECLARATION, after: null, within: null, found: foundToken(firstRedundant) }));
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const expected: Expected = ALTERNATIVES_RULES.has(ruleName) ? { rule: ruleName as AlternativesRule } : { what: ruleName };
    return encodeSyntaxMessage(message('KP0004', 'expected', { expected, after: null, within: null, found: foundToken(actual[0]) }));
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const expected = ALTERNATIVES_RULES.has(ruleName) ? (ruleName as AlternativesRule) : null;
    return encodeSyntaxMessage(message('KP0004', 'atLeastOne', { expected, rule: ruleName, after: null, found: foundToken(actual[0]) }));
  },
};

export class KaopingParser extends CstParser {
  /**
   * `validate` checks the grammar itself (ambiguities, left recursion) while analysing it. The grammar is fixed,
   * so the parser every caller uses skips that (a tenth of a command's start-up) and a test validates it.
   */
  constructor({ validate = false } = {}) {
    super(T.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: errorMessages,
      maxLookahead: 3,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  /**
   * Each OR's alternatives, built on its first call and reused: a fresh array of closures per call is most
   * of the parser's allocation.
   */
  private readonly alternatives: Record<string, IOrAlt<unknown>[]> = {};

  policyFile = this.RULE('policyFile', () => {
    this.MANY(() => this.SUBRULE(this.declaration, { LABEL: 'decls' }));
  });

  declaration = this.RULE('declaration', () => {
    this.OR(this.alternatives.declaration ??= [
      { ALT: () => this.SUBRULE(this.policyDecl) },
      { ALT: () => this.SUBRULE(this.entityDecl) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.recordDecl) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.sectionDecl) },
      { ALT: () => this.SUBRULE(this.bonusDecl) },
      { ALT: () => this.SUBRULE(this.linkDecl) },
      { ALT: () => this.SUBRULE(this.individualDecl) },
      { ALT: () => this.SUBRULE(this.tiersDecl) },
      { ALT: () => this.SUBRULE(this.periodsDecl) },
      { ALT: () => this.SUBRULE(this.assertDecl) },
      { ALT: () => this.SUBRULE(this.fixtureDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
      { ALT: () => this.SUBRULE(this.warningDecl) },
      { ALT: () => this.SUBRULE(this.analysisDecl) },
      { ALT: () => this.SUBRULE(this.coverageDecl) },
    ]);
  });

  // policy "title" version "v" { evaluator "…" precision 2 rounding half_up }
  policyDecl = this.RULE('policyDecl', () => {
    this.CONSUME(K.policy);
    this.CONSUME(T.StringLiteral, { LABEL: 'title' });
    this.CONSUME(K.version);
    this.CONSUME2(T.StringLiteral, { LABEL: 'versionText' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.policyItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  policyItem = this.RULE('policyItem', () => {
    this.OR(this.alternatives.policyItem ??= [
      {
        ALT: () => {
          this.CONSUME(K.evaluator, { LABEL: 'key' });
          this.CONSUME(T.StringLiteral, { LABEL: 'string' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.precision, { LABEL: 'key' });
          this.CONSUME(T.NumberLiteral, { LABEL: 'number' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.rounding, { LABEL: 'key' });
          this.CONSUME(T.Identifier, { LABEL: 'name' });
        },
      },
    ]);
  });

  // entity KIND ["label"] [{ relation: KIND … }]
  entityDecl = this.RULE('entityDecl', () => {
    this.CONSUME(K.entity);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'label' }));
    this.OPTION2(() => {
      this.CONSUME(T.LCurly);
      this.MANY(() => this.SUBRULE(this.relation, { LABEL: 'relations' }));
      this.CONSUME(T.RCurly);
    });
  });

  relation = this.RULE('relation', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Identifier, { LABEL: 'target' });
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.nameList, { LABEL: 'members' });
    this.CONSUME(T.RCurly);
  });

  /** `a, b, c` with an optional trailing comma. */
  nameList = this.RULE('nameList', () => {
    this.CONSUME(T.Identifier, { LABEL: 'names' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Identifier, { LABEL: 'names' });
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(K.record);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.fieldDecl, { LABEL: 'fields' }));
    this.CONSUME(T.RCurly);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(K.input);
    this.CONSUME(T.Identifier, { LABEL: 'entity' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.fieldDecl, { LABEL: 'fields' }));
    this.CONSUME(T.RCurly);
  });

  // name: type ["label"] [missing …]
  fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr, { LABEL: 'valueType' });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'label' }));
    this.OPTION2(() => {
      this.CONSUME(K.missing);
      this.SUBRULE(this.missingTreatment, { LABEL: 'missing' });
    });
  });

  typeExpr = this.RULE('typeExpr', () => {
    this.OR(this.alternatives.typeExpr ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(K.points, { LABEL: 'pointsType' }) },
      {
        ALT: () => {
          this.CONSUME(K.enum, { LABEL: 'enumType' });
          this.CONSUME(T.LParen);
          this.SUBRULE(this.nameList, { LABEL: 'members' });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket, { LABEL: 'listType' });
          this.CONSUME2(T.Identifier, { LABEL: 'element' });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  missingTreatment = this.RULE('missingTreatment', () => {
    this.OR(this.alternatives.missingTreatment ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) }, // error | peer_mean
      { ALT: () => this.CONSUME(K.exempt, { LABEL: 'exempt' }) },
      {
        ALT: () => {
          this.CONSUME(K.default, { LABEL: 'default' });
          this.SUBRULE(this.expression, { LABEL: 'value' });
        },
      },
    ]);
  });

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(K.param);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  // section NAME [for KIND (, KIND)*] (points N | weight P) [cap] [when C] { … }
  sectionDecl = this.RULE('sectionDecl', () => {
    this.CONSUME(K.section);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.CONSUME2(T.Identifier, { LABEL: 'entity' });
      this.MANY2(() => {
        this.CONSUME(T.Comma);
        this.CONSUME3(T.Identifier, { LABEL: 'moreEntities' });
      });
    });
    this.OR(this.alternatives.sectionDecl ??= [
      {
        ALT: () => {
          this.CONSUME(K.points);
          this.SUBRULE(this.expression, { LABEL: 'points' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.weight);
          this.SUBRULE2(this.expression, { LABEL: 'weight' });
        },
      },
    ]);
    this.OPTION2(() => this.CONSUME(K.cap, { LABEL: 'cap' }));
    this.OPTION3(() => {
      this.CONSUME(K.when);
      this.SUBRULE3(this.expression, { LABEL: 'when' });
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.sectionItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  sectionItem = this.RULE('sectionItem', () => {
    this.OR(this.alternatives.sectionItem ??= [{ ALT: () => this.SUBRULE(this.indicatorDecl) }, { ALT: () => this.SUBRULE(this.letItem) }]);
  });

  indicatorDecl = this.RULE('indicatorDecl', () => {
    this.CONSUME(K.indicator);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(K.points);
    this.SUBRULE(this.expression, { LABEL: 'points' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.indicatorItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  indicatorItem = this.RULE('indicatorItem', () => {
    this.OR(this.alternatives.indicatorItem ??= [
      { ALT: () => this.SUBRULE(this.metaItem) },
      { ALT: () => this.SUBRULE(this.letItem) },
      { ALT: () => this.SUBRULE(this.scoreItem) },
      { ALT: () => this.SUBRULE(this.adjustItem) },
      { ALT: () => this.SUBRULE(this.exemptItem) },
    ]);
  });

  metaItem = this.RULE('metaItem', () => {
    this.OR(this.alternatives.metaItem ??= [
      { ALT: () => this.CONSUME(K.method, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.source, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.owner, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.period, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.type, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.doc, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.precision, { LABEL: 'key' }) },
    ]);
    this.OR2(this.alternatives.metaItem1 ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      // Adjacent strings are one text, so a long 说明 can be written over several lines.
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(T.StringLiteral, { LABEL: 'string' })) },
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'number' }) },
    ]);
    // `period monthly by sum`: how the item's scores in the parts of an aggregated period are combined.
    this.OPTION(() => {
      this.CONSUME(K.by);
      this.CONSUME2(T.Identifier, { LABEL: 'aggregate' });
    });
  });

  letItem = this.RULE('letItem', () => {
    this.CONSUME(K.let);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  scoreItem = this.RULE('scoreItem', () => {
    this.CONSUME(K.score);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  // (deduct | add) AMOUNT (per LIST [where C] [distinct FIELD] | when C) [cap C]
  adjustItem = this.RULE('adjustItem', () => {
    this.OR(this.alternatives.adjustItem ??= [
      { ALT: () => this.CONSUME(K.deduct, { LABEL: 'direction' }) },
      { ALT: () => this.CONSUME(K.add, { LABEL: 'direction' }) },
    ]);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.OR2(this.alternatives.adjustItem1 ??= [
      {
        ALT: () => {
          this.CONSUME(K.per);
          this.SUBRULE2(this.expression, { LABEL: 'per' });
          this.OPTION(() => {
            this.CONSUME(K.where);
            this.SUBRULE3(this.expression, { LABEL: 'where' });
          });
          this.OPTION3(() => {
            this.CONSUME(K.distinct);
            this.CONSUME(T.Identifier, { LABEL: 'distinctField' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.when);
          this.SUBRULE4(this.expression, { LABEL: 'when' });
        },
      },
    ]);
    this.OPTION2(() => {
      this.CONSUME(K.cap);
      this.SUBRULE5(this.expression, { LABEL: 'cap' });
    });
  });

  exemptItem = this.RULE('exemptItem', () => {
    this.CONSUME(K.exempt);
    this.CONSUME(K.when);
    this.SUBRULE(this.expression, { LABEL: 'when' });
  });

  // bonus NAME [for KIND] [cap C] { counts total|tiebreak; add …; deduct …; let …; meta }
  bonusDecl = this.RULE('bonusDecl', () => {
    this.CONSUME(K.bonus);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.CONSUME2(T.Identifier, { LABEL: 'entity' });
    });
    this.OPTION2(() => {
      this.CONSUME(K.cap);
      this.SUBRULE(this.expression, { LABEL: 'cap' });
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.bonusItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  bonusItem = this.RULE('bonusItem', () => {
    this.OR(this.alternatives.bonusItem ??= [
      {
        ALT: () => {
          this.CONSUME(K.counts, { LABEL: 'counts' });
          this.OR2(this.alternatives.bonusItem1 ??= [
            { ALT: () => this.CONSUME(K.total, { LABEL: 'total' }) },
            { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'mode' }) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE(this.adjustItem) },
      { ALT: () => this.SUBRULE(this.letItem) },
      { ALT: () => this.SUBRULE(this.metaItem) },
    ]);
  });

  // link NAME { each [LIST of] KIND [where C] deduct AMOUNT from REL.INDICATOR }
  linkDecl = this.RULE('linkDecl', () => {
    this.CONSUME(K.link);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.CONSUME(K.each);
    this.CONSUME2(T.Identifier, { LABEL: 'walked' });
    this.OPTION(() => {
      this.CONSUME(K.of);
      this.CONSUME3(T.Identifier, { LABEL: 'source' });
    });
    this.OPTION2(() => {
      this.CONSUME(K.where);
      this.SUBRULE(this.expression, { LABEL: 'where' });
    });
    this.CONSUME(K.deduct);
    this.SUBRULE2(this.expression, { LABEL: 'amount' });
    this.CONSUME(K.from);
    this.CONSUME4(T.Identifier, { LABEL: 'relation' });
    this.CONSUME(T.Dot);
    this.CONSUME5(T.Identifier, { LABEL: 'target' });
    this.CONSUME(T.RCurly);
  });

  // individual KIND from RELATION share EXPR
  individualDecl = this.RULE('individualDecl', () => {
    this.CONSUME(K.individual);
    this.CONSUME(T.Identifier, { LABEL: 'entity' });
    this.CONSUME(K.from);
    this.CONSUME2(T.Identifier, { LABEL: 'relation' });
    this.CONSUME(K.share);
    this.SUBRULE(this.expression, { LABEL: 'share' });
  });

  // tiers NAME [for KIND] by EXPR { … }
  tiersDecl = this.RULE('tiersDecl', () => {
    this.CONSUME(K.tiers);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.CONSUME2(T.Identifier, { LABEL: 'entity' });
    });
    this.CONSUME(K.by);
    this.SUBRULE(this.expression, { LABEL: 'by' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.tiersItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  tiersItem = this.RULE('tiersItem', () => {
    this.OR(this.alternatives.tiersItem ??= [
      {
        ALT: () => {
          this.CONSUME(K.ties, { LABEL: 'ties' });
          this.OR2(this.alternatives.tiersItem1 ??= [
            { ALT: () => this.CONSUME(K.shared, { LABEL: 'shared' }) },
            {
              ALT: () => {
                this.CONSUME(K.by);
                this.SUBRULE(this.expression, { LABEL: 'keys' });
                this.MANY(() => {
                  this.CONSUME(T.Comma);
                  this.SUBRULE2(this.expression, { LABEL: 'keys' });
                });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.quota, { LABEL: 'quota' });
          this.CONSUME(T.Identifier, { LABEL: 'mode' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.gated, { LABEL: 'gated' });
          this.CONSUME2(T.Identifier, { LABEL: 'mode' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.not, { LABEL: 'gate' });
          this.CONSUME3(T.Identifier, { LABEL: 'tier' });
          this.CONSUME(K.when);
          this.SUBRULE3(this.expression, { LABEL: 'when' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.veto, { LABEL: 'veto' });
          this.CONSUME2(K.when);
          this.SUBRULE4(this.expression, { LABEL: 'when' });
        },
      },
      { ALT: () => this.SUBRULE(this.tierRule, { LABEL: 'tier' }) },
    ]);
  });

  // NAME top P | NAME next P | NAME at_most P [when C] | NAME when C | NAME rest
  tierRule = this.RULE('tierRule', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OR(this.alternatives.tierRule ??= [
      {
        ALT: () => {
          this.OR2(this.alternatives.tierRule1 ??= [
            { ALT: () => this.CONSUME(K.top, { LABEL: 'quotaKind' }) },
            { ALT: () => this.CONSUME(K.next, { LABEL: 'quotaKind' }) },
            { ALT: () => this.CONSUME(K.at_most, { LABEL: 'quotaKind' }) },
          ]);
          this.SUBRULE(this.expression, { LABEL: 'share' });
          this.OPTION(() => {
            this.CONSUME(K.when);
            this.SUBRULE2(this.expression, { LABEL: 'when' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(K.when);
          this.SUBRULE3(this.expression, { LABEL: 'when' });
        },
      },
      { ALT: () => this.CONSUME(K.rest, { LABEL: 'rest' }) },
    ]);
  });

  // periods 2021 from 2021Q1, 2021Q2 by mean
  periodsDecl = this.RULE('periodsDecl', () => {
    this.CONSUME(K.periods);
    this.SUBRULE(this.periodName, { LABEL: 'period' });
    this.CONSUME(K.from);
    this.SUBRULE2(this.periodName, { LABEL: 'parts' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE3(this.periodName, { LABEL: 'parts' });
    });
    this.CONSUME(K.by);
    this.CONSUME(T.Identifier, { LABEL: 'aggregate' });
  });

  periodName = this.RULE('periodName', () => {
    this.OR(this.alternatives.periodName ??= [
      { ALT: () => this.CONSUME(T.PeriodName, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'name' }) },
    ]);
  });

  assertDecl = this.RULE('assertDecl', () => {
    this.CONSUME(K.assert);
    this.SUBRULE(this.expression, { LABEL: 'cond' });
  });

  fixtureDecl = this.RULE('fixtureDecl', () => {
    this.CONSUME(K.fixture);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(K.for);
    this.CONSUME2(T.Identifier, { LABEL: 'entity' });
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.fieldValues, { LABEL: 'fields' });
    this.CONSUME(T.RCurly);
  });

  testDecl = this.RULE('testDecl', () => {
    this.CONSUME(K.test);
    this.CONSUME(T.StringLiteral, { LABEL: 'title' });
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR(this.alternatives.testDecl ??= [
        { ALT: () => this.SUBRULE(this.testUnit, { LABEL: 'units' }) },
        { ALT: () => this.SUBRULE(this.expectItem, { LABEL: 'expects' }) },
      ]),
    );
    this.CONSUME(T.RCurly);
  });

  // coverage [indicator | branch] >= 90% — how much of the indicator tree the policy's tests must reach
  coverageDecl = this.RULE('coverageDecl', () => {
    this.CONSUME(K.coverage);
    this.OPTION(() =>
      this.OR(this.alternatives.coverageDecl ??= [
        { ALT: () => this.CONSUME(K.indicator, { LABEL: 'measure' }) },
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'measure' }) },
      ]),
    );
    this.CONSUME(T.GreaterEqual);
    this.SUBRULE(this.expression, { LABEL: 'minimum' });
  });

  // KIND NAME [like FIXTURE] { field: value, … }
  testUnit = this.RULE('testUnit', () => {
    this.CONSUME(T.Identifier, { LABEL: 'entity' });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.like);
      this.CONSUME3(T.Identifier, { LABEL: 'fixture' });
    });
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.fieldValues, { LABEL: 'fields' });
    this.CONSUME(T.RCurly);
  });

  // expect COMPARISON | expect UNIT.RESULT exempt
  expectItem = this.RULE('expectItem', () => {
    this.CONSUME(K.expect);
    this.SUBRULE(this.expression, { LABEL: 'cond' });
    this.OPTION(() => this.CONSUME(K.exempt, { LABEL: 'exempt' }));
  });

  /** `name: value` pairs separated by commas or line breaks. */
  fieldValues = this.RULE('fieldValues', () => {
    this.MANY(() => {
      this.SUBRULE(this.fieldValue, { LABEL: 'fields' });
      this.OPTION(() => this.CONSUME(T.Comma));
    });
  });

  fieldValue = this.RULE('fieldValue', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.dataValue, { LABEL: 'value' });
  });

  // Record values `{ … }` appear only as data (field values and list items), so that a stray `{` elsewhere
  // is reported where it stands instead of being read as a record.
  dataValue = this.RULE('dataValue', () => {
    this.OR(this.alternatives.dataValue ??= [
      { ALT: () => this.SUBRULE(this.recordLiteral, { LABEL: 'record' }) },
      { ALT: () => this.SUBRULE(this.expression, { LABEL: 'value' }) },
    ]);
  });

  // ── Expressions, loosest first ────────────────────────────────────────────

  // Operators are read flat (operand, operator, operand, …) and given their precedence in cst-to-ast: this keeps
  // the recursion per nesting level small, so deeply nested sources cannot exhaust the stack.
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand, { LABEL: 'operands' });
    this.MANY(() => {
      this.SUBRULE(this.binaryOperator, { LABEL: 'operators' });
      this.SUBRULE2(this.operand, { LABEL: 'operands' });
    });
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR(this.alternatives.binaryOperator ??= [
      { ALT: () => this.CONSUME(K.or, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(K.and, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(T.CompareOperator, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(T.Plus, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(T.Minus, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(T.Star, { LABEL: 'operator' }) },
      { ALT: () => this.CONSUME(T.Slash, { LABEL: 'operator' }) },
      {
        ALT: () => {
          this.CONSUME(K.in, { LABEL: 'operator' });
          this.OR2(this.alternatives.binaryOperator1 ??= [
            { ALT: () => this.CONSUME(K.top, { LABEL: 'position' }) },
            { ALT: () => this.CONSUME(K.bottom, { LABEL: 'position' }) },
          ]);
        },
      },
    ]);
  });

  // [-|not]* primary (.member)*
  operand = this.RULE('operand', () => {
    this.MANY(() =>
      this.OR(this.alternatives.operand ??= [
        { ALT: () => this.CONSUME(T.Minus, { LABEL: 'prefixes' }) },
        { ALT: () => this.CONSUME(K.not, { LABEL: 'prefixes' }) },
      ]),
    );
    this.SUBRULE(this.primary, { LABEL: 'primary' });
    this.MANY2(() => {
      this.CONSUME(T.Dot);
      this.OR2(this.alternatives.operand1 ??= [
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'members' }) },
        { ALT: () => this.CONSUME(K.total, { LABEL: 'members' }) },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR(this.alternatives.primary ??= [
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'number' }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(T.DateLiteral, { LABEL: 'date' }) },
      { ALT: () => this.CONSUME(K.true, { LABEL: 'true' }) },
      { ALT: () => this.CONSUME(K.false, { LABEL: 'false' }) },
      { ALT: () => this.CONSUME(K.total, { LABEL: 'total' }) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: 'name' });
          this.OPTION(() => {
            this.CONSUME(T.LParen, { LABEL: 'call' });
            this.OPTION2(() => {
              this.SUBRULE(this.callArgument, { LABEL: 'args' });
              this.MANY(() => {
                this.CONSUME(T.Comma);
                this.SUBRULE2(this.callArgument, { LABEL: 'args' });
              });
            });
            this.CONSUME(T.RParen);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.pointsCall) },
      {
        ALT: () => {
          this.CONSUME2(T.LParen, { LABEL: 'paren' });
          this.SUBRULE(this.expression, { LABEL: 'inner' });
          // (X where C) in top P: ranked among the units where C holds
          this.OPTION3(() => {
            this.CONSUME(K.where, { LABEL: 'innerWhere' });
            this.SUBRULE2(this.expression, { LABEL: 'innerCond' });
          });
          this.CONSUME2(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.bandExpr) },
      { ALT: () => this.SUBRULE(this.matchExpr) },
      { ALT: () => this.SUBRULE(this.listLiteral) },
    ]);
  });

  // expr [where C | -> E]
  callArgument = this.RULE('callArgument', () => {
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.OPTION(() =>
      this.OR(this.alternatives.callArgument ??= [
        {
          ALT: () => {
            this.CONSUME(K.where, { LABEL: 'where' });
            this.SUBRULE2(this.expression, { LABEL: 'cond' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Arrow, { LABEL: 'arrow' });
            this.SUBRULE3(this.expression, { LABEL: 'to' });
          },
        },
      ]),
    );
  });

  // points(NAME [method M, …]) — only meaningful in assertions
  pointsCall = this.RULE('pointsCall', () => {
    this.CONSUME(K.points, { LABEL: 'points' });
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { LABEL: 'subject' });
    this.OPTION(() => {
      this.CONSUME(K.method, { LABEL: 'method' });
      this.SUBRULE(this.nameList, { LABEL: 'methods' });
    });
    this.CONSUME(T.RParen);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(K.if);
    this.SUBRULE(this.expression, { LABEL: 'cond' });
    this.CONSUME(K.then);
    this.SUBRULE2(this.expression, { LABEL: 'then' });
    this.CONSUME(K.else);
    this.SUBRULE3(this.expression, { LABEL: 'else' });
  });

  // band X { >= 100%: 10分, …, else: 0分 }
  bandExpr = this.RULE('bandExpr', () => {
    this.CONSUME(K.band);
    this.SUBRULE(this.expression, { LABEL: 'subject' });
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.bandArm, { LABEL: 'arms' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.bandArm, { LABEL: 'arms' });
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RCurly);
  });

  bandArm = this.RULE('bandArm', () => {
    this.OR(this.alternatives.bandArm ??= [
      {
        ALT: () => {
          this.CONSUME(T.CompareOperator, { LABEL: 'operator' });
          this.SUBRULE(this.expression, { LABEL: 'bound' });
        },
      },
      { ALT: () => this.CONSUME(K.else, { LABEL: 'else' }) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expression, { LABEL: 'value' });
  });

  // match X { 优秀: 100, 称职, 基本称职: 80, else: 60 }
  matchExpr = this.RULE('matchExpr', () => {
    this.CONSUME(K.match);
    this.SUBRULE(this.expression, { LABEL: 'subject' });
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.matchArm, { LABEL: 'arms' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.matchArm, { LABEL: 'arms' });
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RCurly);
  });

  matchArm = this.RULE('matchArm', () => {
    this.OR(this.alternatives.matchArm ??= [
      {
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: 'labels' });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.CONSUME2(T.Identifier, { LABEL: 'labels' });
          });
        },
      },
      { ALT: () => this.CONSUME(K.else, { LABEL: 'else' }) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  listLiteral = this.RULE('listLiteral', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.dataValue, { LABEL: 'items' });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.dataValue, { LABEL: 'items' });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  recordLiteral = this.RULE('recordLiteral', () => {
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.fieldValues, { LABEL: 'fields' });
    this.CONSUME(T.RCurly);
  });

  // ── Warnings (预警) and analysis thresholds ──────────────────────────────

  // warning NAME [for KIND] level LEVEL [period P, …] { let … | when C | message "…" }
  warningDecl = this.RULE('warningDecl', () => {
    this.CONSUME(K.warning);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.CONSUME2(T.Identifier, { LABEL: 'entity' });
    });
    this.CONSUME(K.level);
    this.OR(this.alternatives.warningLevel ??= [
      { ALT: () => this.CONSUME3(T.Identifier, { LABEL: 'levelWord' }) },
      // 预警 is both the declaration's keyword and the middle level's word
      { ALT: () => this.CONSUME2(K.warning, { LABEL: 'levelWord' }) },
    ]);
    this.OPTION2(() => {
      this.CONSUME(K.period);
      this.SUBRULE(this.warningPeriod, { LABEL: 'periods' });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.warningPeriod, { LABEL: 'periods' });
      });
    });
    this.CONSUME(T.LCurly);
    this.MANY2(() => this.SUBRULE(this.warningItem, { LABEL: 'items' }));
    this.CONSUME(T.RCurly);
  });

  warningPeriod = this.RULE('warningPeriod', () => {
    this.OR(this.alternatives.warningPeriod ??= [
      { ALT: () => this.CONSUME(T.PeriodName, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
    ]);
  });

  warningItem = this.RULE('warningItem', () => {
    this.OR(this.alternatives.warningItem ??= [
      { ALT: () => this.SUBRULE(this.letItem, { LABEL: 'let' }) },
      {
        ALT: () => {
          this.CONSUME(K.when, { LABEL: 'when' });
          this.SUBRULE(this.expression, { LABEL: 'cond' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.message, { LABEL: 'message' });
          this.AT_LEAST_ONE(() => this.CONSUME(T.StringLiteral, { LABEL: 'string' }));
        },
      },
    ]);
  });

  // analysis { NAME: VALUE, … }
  analysisDecl = this.RULE('analysisDecl', () => {
    this.CONSUME(K.analysis);
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.fieldValues, { LABEL: 'fields' });
    this.CONSUME(T.RCurly);
  });
}

/** One parser instance serves every parse (Chevrotain parsers are reusable via `input`). */
export const parser = new KaopingParser();
