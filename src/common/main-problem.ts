// When a value breaks several rules, the most basic one says best what is wrong: a missing string is "must be a string".
const basicRules = [
  'whitelistValidation',
  'unknownValue',
  'isDefined',
  'isObject',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isEnum',
  'isIn',
  'isUuid',
  'isDateString',
  'isIso8601',
];

export function mainProblem(constraints: Record<string, string>): string | undefined {
  const basic = basicRules.find((rule) => rule in constraints);
  // otherwise the rule written first, which class-validator lists last
  return basic ? constraints[basic] : Object.values(constraints).at(-1);
}
