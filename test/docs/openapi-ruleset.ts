import type { RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';

/** Spectral's recommended OpenAPI rules, all of them: a rule switched off goes here, with why. */
export const openApiRuleset: RulesetDefinition = {
  extends: [[oas as RulesetDefinition, 'recommended']],
  rules: {},
};
