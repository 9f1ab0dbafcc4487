import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import {
  CustodyStep,
  custodyEventTypes,
  CustodyEventType,
  itemCategories,
  ItemCategory,
  ItemStatus,
  itemStatuses,
  Placement,
  SiteAction,
  siteActions,
  stepRules,
  WitnessStep,
} from '../../libs/custody';
import { SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { ApiAnswers } from '../common/api-docs';
import { AppConfig } from '../config/app-config';
import { rolesThatCan } from './access';

class StepDoc {
  @ApiProperty({ enum: CustodyStep }) step: CustodyStep;
  @ApiProperty({ enum: CustodyEventType, description: 'The event each item gets' }) event: CustodyEventType;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string', enum: itemStatuses as string[] } },
      { type: 'string', enum: ['new'] },
    ],
    description: 'The statuses an item may be in for it; `new` for a step that creates items',
  })
  from: ItemStatus[] | 'new';
  @ApiProperty({ enum: [...itemStatuses, 'unchanged'] }) to: ItemStatus | 'unchanged';
  @ApiProperty({ enum: SiteAction, description: 'The site action it needs, at the site where it happens' }) action: SiteAction;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: [...Object.values(WitnessStep), 'always', null],
    description: 'Which WITNESS_STEPS entry puts its high-risk items under the two-person rule; `always` for a step that always needs a witness',
  })
  witness: WitnessStep | 'always' | null;
  @ApiProperty({ description: 'Whether this installation asks a witness for it (WITNESS_STEPS)' }) witnessed: boolean;
  @ApiProperty({ enum: Placement }) placement: Placement;
  @ApiProperty({ description: 'The item then belongs to the site where the step happened' }) changesSite: boolean;
  @ApiProperty({ type: [String], description: 'What its event records in `details`' }) records: string[];
  @ApiProperty() summary: string;
}

class CustodyPolicyDoc {
  @ApiProperty({ type: [StepDoc] }) steps: StepDoc[];
  @ApiProperty({ enum: ItemCategory, isArray: true, description: 'High-risk categories (WITNESS_CATEGORIES)' }) witnessCategories: ItemCategory[];
  @ApiProperty({ enum: WitnessStep, isArray: true, description: 'Steps under the two-person rule for them (WITNESS_STEPS)' }) witnessSteps: WitnessStep[];
  @ApiProperty({ enum: ItemCategory, isArray: true }) categories: ItemCategory[];
  @ApiProperty({ enum: ItemStatus, isArray: true }) statuses: ItemStatus[];
  @ApiProperty({ enum: CustodyEventType, isArray: true }) eventTypes: CustodyEventType[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', enum: Object.values(Role) } },
    description: 'For each site action, the roles that may do it (at their own site; auditors take inventory everywhere)',
  })
  actions: Record<SiteAction, Role[]>;
}

/** The custody steps and the two-person rule as data, for the screens: nothing about them is copied into the web application. */
@ApiTags('custody')
@Controller('custody')
export class CustodyController {
  constructor(private readonly config: AppConfig) {}

  @Get('steps')
  @ApiOperation({
    summary: 'Get the custody steps and their rules',
    description:
      'Every custody step as data: from which statuses, to which, which site action and roles it needs, whether it needs a witness here, and what its event records. The screens read it rather than copy it.',
  })
  @SignedIn()
  @ApiAnswers(
    { status: 200, type: CustodyPolicyDoc, description: 'Every custody step: from which statuses, to which, which site action, whether a witness is needed' },
    401,
  )
  policy(): CustodyPolicyDoc {
    const { categories: witnessCategories, steps: witnessSteps } = this.config.witnessPolicy;
    return {
      steps: Object.values(stepRules).map((rule) => ({
        ...rule,
        from: rule.from === 'new' ? 'new' : [...rule.from],
        records: [...rule.records],
        witnessed: rule.witness === 'always' || (rule.witness !== null && witnessSteps.includes(rule.witness)),
      })),
      witnessCategories: [...witnessCategories],
      witnessSteps: [...witnessSteps],
      categories: [...itemCategories],
      statuses: [...itemStatuses],
      eventTypes: [...custodyEventTypes],
      actions: Object.fromEntries(siteActions.map((action) => [action, rolesThatCan(action)])) as Record<SiteAction, Role[]>,
    };
  }
}
