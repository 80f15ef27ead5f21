// A wrong and a fixed example per code, for its documentation page. The test compiles each KP example: the
// wrong one must report its code and the fixed one must not.
export interface CodeExample {
  wrong: string;
  fixed: string;
}

/** The declarations most examples build on. */
const PRELUDE = `体系 "示例" 版本 "2021" { }
实体 省局
输入 省局 {
  收入: money
  目标: money
  完成率: percent
  事故: count
}
`;
const kp = (body: string) => PRELUDE + body;
const section = (indicator: string, points = 10) => kp(`板块 改革 分值 ${points} {\n${indicator}}\n`);
const indicator = (lines: string, points = 10) => section(`  指标 组织收入 分值 ${points} {\n${lines}  }\n`, points);

const tiers = (lines: string) => section('  指标 组织收入 分值 10 { 得分 = 完成率 * 10分 }\n') + `分段 等次 适用 省局 依据 总分 {\n${lines}}\n`;

export const CODE_EXAMPLES: Record<string, CodeExample> = {
  KP0001: { wrong: indicator('    得分 = 如果 完成率 >= 100% 则 10分 否则 完成率 ＊ 10分\n'), fixed: indicator('    得分 = 如果 完成率 >= 100% 则 10分 否则 完成率 * 10分\n') },
  KP0002: { wrong: kp('参数 说明文字 = "未闭合\n'), fixed: kp('参数 说明文字 = "已闭合"\n') },
  KP0003: { wrong: indicator('    得分 = 限幅(完成率 * 10分, 0分, 10分\n'), fixed: indicator('    得分 = 限幅(完成率 * 10分, 0分, 10分)\n') },
  KP0004: { wrong: kp('板块 改革, 分值 10 {\n}\n'), fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') },
  KP0005: { wrong: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '}\n', fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') },
  KP0008: { wrong: kp('参数 说明文字 = "第一行\\n第二行"\n'), fixed: kp('参数 说明文字 = "第一行 第二行"\n') },
  KP0009: { wrong: kp('参数 截止日 = 2021-02-30\n'), fixed: kp('参数 截止日 = 2021-02-28\n') },
  KP0010: { wrong: PRELUDE.replace('{ }', '{ 精度 2.5 }'), fixed: PRELUDE.replace('{ }', '{ 精度 2 }') },
  KP0011: { wrong: kp('参数 权重 = 1\n'), fixed: kp('参数 权重项 = 1\n') },
  KP1001: { wrong: kp('参数 基数 = 1\n参数 基数 = 2\n'), fixed: kp('参数 基数 = 1\n参数 基数二 = 2\n') },
  KP1002: { wrong: indicator('    得分 = 完成度 * 10分\n'), fixed: indicator('    得分 = 完成率 * 10分\n') },
  KP1003: { wrong: '实体 省局\n', fixed: '体系 "示例" 版本 "2021" { }\n实体 省局\n' },
  KP1004: { wrong: kp('体系 "又一个" 版本 "2022" { }\n'), fixed: kp('') },
  KP1005: { wrong: kp('板块 改革 适用 市局 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 10分 }\n}\n'), fixed: kp('板块 改革 适用 省局 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 10分 }\n}\n') },
  KP1006: { wrong: kp('输入 省局 { 等级: 等次 }\n'), fixed: kp('枚举 等次 { 优秀, 称职 }\n输入 省局 { 等级: 等次 }\n') },
  KP1009: { wrong: PRELUDE.replace('  事故: count\n', '  事故: count\n  收入: money\n'), fixed: PRELUDE },
  KP1012: { wrong: indicator('    得分 = 求和(完成率, 1) * 10分\n'), fixed: indicator('    得分 = 最小(完成率, 1) * 10分\n') },
  KP1013: {
    wrong: section('  指标 组织收入 分值 5 {\n    令 收入完成率 = 收入 / 目标\n    得分 = 收入完成率 * 5分\n  }\n  指标 收入质量 分值 5 { 得分 = 组织收入.完成率 * 5分 }\n'),
    fixed: section('  指标 组织收入 分值 5 {\n    令 收入完成率 = 收入 / 目标\n    得分 = 收入完成率 * 5分\n  }\n  指标 收入质量 分值 5 { 得分 = 组织收入.收入完成率 * 5分 }\n'),
  },
  KP2001: { wrong: indicator('    得分 = (收入 + 完成率) / 目标 * 10分\n'), fixed: indicator('    得分 = 收入 / 目标 * 10分\n') },
  KP2002: { wrong: indicator('    得分 = 收入 * 目标 / 目标 * 10分\n'), fixed: indicator('    得分 = 收入 / 目标 * 10分\n') },
  KP2003: { wrong: indicator('    得分 = 如果 收入 >= 100% 则 10分 否则 0分\n'), fixed: indicator('    得分 = 如果 收入 >= 目标 则 10分 否则 0分\n') },
  KP2004: { wrong: indicator('    得分 = 如果 事故 则 0分 否则 10分\n'), fixed: indicator('    得分 = 如果 事故 > 0 则 0分 否则 10分\n') },
  KP2005: { wrong: indicator('    得分 = 收入\n'), fixed: indicator('    得分 = 收入 / 目标 * 10分\n') },
  KP2006: { wrong: indicator('    扣 事故 当 事故 > 0\n'), fixed: indicator('    扣 1分 当 事故 > 0\n') },
  KP2007: { wrong: indicator('    得分 = 分档 完成率 { >= 100%: 10分, >= 90%: 6分 }\n'), fixed: indicator('    得分 = 分档 完成率 { >= 100%: 10分, >= 90%: 6分, 否则: 0分 }\n') },
  KP2008: { wrong: indicator('    得分 = 如果 完成率 >= 100% 则 10分 否则 完成率\n'), fixed: indicator('    得分 = 如果 完成率 >= 100% 则 10分 否则 完成率 * 10分\n') },
  KP2012: { wrong: indicator('    扣 1分 每 事故\n'), fixed: indicator('    扣 1分 当 事故 > 0\n') },
  KP2016: { wrong: indicator('    得分 = 如果 是 - 1 > 0 则 10分 否则 0分\n'), fixed: indicator('    得分 = 如果 事故 - 1 > 0 则 0分 否则 10分\n') },
  KP2018: { wrong: kp('参数 基数 = 最大(1, 2)\n'), fixed: kp('参数 基数 = 2\n') },
  KP3001: {
    wrong: section('  指标 组织收入 分值 6 { 得分 = 完成率 * 6分 }\n  指标 税收执法 分值 5 { 得分 = 5分 }\n', 10),
    fixed: section('  指标 组织收入 分值 5 { 得分 = 完成率 * 5分 }\n  指标 税收执法 分值 5 { 得分 = 5分 }\n', 10),
  },
  KP3005: { wrong: indicator('    得分 = 10分\n    得分 = 完成率 * 10分\n'), fixed: indicator('    得分 = 完成率 * 10分\n') },
  KP3015: { wrong: kp('参数 甲 = 乙 + 1\n参数 乙 = 甲 + 1\n'), fixed: kp('参数 甲 = 1\n参数 乙 = 甲 + 1\n') },
  KP3019: { wrong: indicator('    方式 机考\n'), fixed: indicator('    方式 机考\n    得分 = 完成率 * 10分\n') },
  KP3018: { wrong: indicator('    得分 = 12分\n'), fixed: indicator('    得分 = 10分\n') },
  KP1007: { wrong: indicator('    得分 = 目标.总额 / 收入 * 10分\n'), fixed: indicator('    得分 = 目标 / 收入 * 10分\n') },
  KP1010: { wrong: '体系 "示例" 版本 "2021" { }\n实体 省局\n板块 改革 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 10分 }\n}\n', fixed: '体系 "示例" 版本 "2021" { }\n实体 省局\n板块 改革 适用 省局 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 10分 }\n}\n' },
  KP2009: {
    wrong: kp('枚举 等次 { 优秀, 称职 }\n输入 省局 { 等级: 等次 }\n板块 改革 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 匹配 等级 { 良好: 10分, 否则: 0分 } }\n}\n'),
    fixed: kp('枚举 等次 { 优秀, 称职 }\n输入 省局 { 等级: 等次 }\n板块 改革 分值 10 {\n  指标 组织收入 分值 10 { 得分 = 匹配 等级 { 优秀: 10分, 否则: 0分 } }\n}\n'),
  },
  KP2010: { wrong: indicator('    得分 = 匹配 完成率 { 优秀: 10分, 否则: 0分 }\n'), fixed: indicator('    得分 = 分档 完成率 { >= 100%: 10分, 否则: 0分 }\n') },
  KP2011: { wrong: indicator('    得分 = 限幅(完成率 * 10分, 0分)\n'), fixed: indicator('    得分 = 限幅(完成率 * 10分, 0分, 10分)\n') },
  KP2014: { wrong: indicator('    得分 = 10分 - 1分 * 步数(100% - 完成率, 1%, 取整)\n'), fixed: indicator('    得分 = 10分 - 1分 * 步数(100% - 完成率, 1%, 整步)\n') },
  KP2015: { wrong: indicator('    得分 = 插值(完成率, 100% -> 10分, 60% -> 0分)\n'), fixed: indicator('    得分 = 插值(完成率, 60% -> 0分, 100% -> 10分)\n') },
  KP2019: { wrong: PRELUDE.replace('  事故: count\n', '  事故: count\n  舆情: bool 缺失 默认 0\n'), fixed: PRELUDE.replace('  事故: count\n', '  事故: count\n  舆情: bool 缺失 默认 否\n') },
  KP2021: { wrong: kp('记录 发现 { 金额: money }\n输入 省局 { 单个发现: 发现 }\n'), fixed: kp('记录 发现 { 金额: money }\n输入 省局 { 发现清单: [发现] }\n') },
  KP3006: { wrong: section('  指标 组织收入 分值 完成率 { 得分 = 10分 }\n'), fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') },
  KP3007: { wrong: tiers('  第一段 前 130%\n  第二段 其余\n'), fixed: tiers('  第一段 前 30%\n  第二段 其余\n') },
  KP3008: { wrong: tiers('  第二段 其余\n  第一段 前 30%\n'), fixed: tiers('  第一段 前 30%\n  第二段 其余\n') },
  KP3016: { wrong: tiers('  第一段 前 60%\n  第二段 次 50%\n  第三段 其余\n'), fixed: tiers('  第一段 前 50%\n  第二段 次 50%\n  第三段 其余\n') },
  KP3017: { wrong: tiers('  第一段 前 30%\n  第二段 次 50%\n'), fixed: tiers('  第一段 前 30%\n  第二段 次 50%\n  第三段 其余\n') },
  KP2022: {
    wrong: indicator('    得分 = 如果 排名(收入 其中 完成率 >= 100%) <= 3 则 10分 否则 5分\n'),
    fixed: indicator('    得分 = 如果 完成率 >= 100% 则 (如果 排名(收入 其中 完成率 >= 100%) <= 3 则 10分 否则 5分) 否则 0分\n'),
  },
  KP3020: {
    wrong: indicator('    周期 月度 依据 合计\n    得分 = 完成率 * 10分\n') + '期间 2021 从 2021Q1, 2021Q2, 2021Q3, 2021Q4 依据 均值\n',
    fixed: indicator('    周期 季度 依据 合计\n    得分 = 完成率 * 10分\n') + '期间 2021 从 2021Q1, 2021Q2, 2021Q3, 2021Q4 依据 均值\n',
  },
  KP3011: { wrong: kp('期间 2021 从 2021Q1, 2021Q2, 2021Q3, 2022Q4 依据 合计\n'), fixed: kp('期间 2021 从 2021Q1, 2021Q2, 2021Q3, 2021Q4 依据 合计\n') },
  KP4001: { wrong: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) >= 20分\n', fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) >= 10分\n' },
  KP4002: { wrong: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) >= 收入\n', fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) >= 10分\n' },
  KP4008: { wrong: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) / 0 >= 1\n', fixed: section('  指标 组织收入 分值 10 { 得分 = 10分 }\n') + '断言 分值(改革) / 10分 >= 100%\n' },
  KP5001: {
    wrong: kp('预警 收入过半 适用 省局 级别 紧急 周期 2021M06 {\n  当 收入 < 50% * 目标\n  消息 "累计收入{收入}未过半"\n}\n'),
    fixed: kp('预警 收入过半 适用 省局 级别 严重 周期 2021M06 {\n  当 收入 < 50% * 目标\n  消息 "累计收入{收入}未过半"\n}\n'),
  },
  KP5002: {
    wrong: indicator('    得分 = 如果 连降(完成率, 3) 则 0分 否则 10分\n'),
    fixed: indicator('    得分 = 完成率 * 10分\n') + '预警 完成率连降 适用 省局 级别 预警 周期 月度 {\n  当 连降(完成率, 3)\n  消息 "完成率连续三期下降，本期{完成率}"\n}\n',
  },
  KP5003: { wrong: kp('绩效分析 {\n  绩效趋同: 0.95\n}\n'), fixed: kp('绩效分析 {\n  绩效趋同: 95%\n}\n') },
  KP4003: { wrong: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100%, 费用: 1元 }\n  预期 甲.组织收入 == 10分\n}\n', fixed: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  预期 甲.组织收入 == 10分\n}\n' },
  KP4004: { wrong: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100万元 }\n  预期 甲.组织收入 == 10分\n}\n', fixed: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  预期 甲.组织收入 == 10分\n}\n' },
  KP4005: { wrong: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  省局 甲 { 完成率: 90% }\n  预期 甲.组织收入 == 10分\n}\n', fixed: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  省局 乙 { 完成率: 90% }\n  预期 甲.组织收入 == 10分\n}\n' },
  KP4006: { wrong: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 参照 标准 { }\n  预期 甲.组织收入 == 10分\n}\n', fixed: indicator('    得分 = 完成率 * 10分\n') + '样例 标准 适用 省局 { 完成率: 100% }\n测试 "满分" {\n  省局 甲 参照 标准 { }\n  预期 甲.组织收入 == 10分\n}\n' },
  KP4020: { wrong: kp('测试覆盖 >= 0.9\n'), fixed: kp('测试覆盖 >= 90%\n') },
  KP4007: { wrong: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  预期 乙.组织收入 == 10分\n}\n', fixed: indicator('    得分 = 完成率 * 10分\n') + '测试 "满分" {\n  省局 甲 { 完成率: 100% }\n  预期 甲.组织收入 == 10分\n}\n' },
};
