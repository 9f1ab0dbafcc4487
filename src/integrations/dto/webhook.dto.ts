import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { custodyEventTypes } from '../../../libs/custody';
import { PageQuery } from '../../common/pagination';
import { NoControlCharacters, Optional } from '../../common/validators';

const eventTypesProblem = `each must be one of ${custodyEventTypes.join(', ')}`;

export class CreateWebhookDto {
  @ApiProperty({ example: 'POL-BRU', description: 'The site whose custody events it is told of (and those of transfers on their way to it)' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site: string;

  @ApiProperty({ example: 'https://records.example/custody-hook', description: 'Where each event is POSTed: an http or https URL without credentials' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ example: 'Records management system of the Brussels police' })
  @Optional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['received', 'dispatched'], description: 'The event types it is told of; every type when left out' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsIn(custodyEventTypes, { each: true, message: eventTypesProblem })
  eventTypes?: string[];
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://records.example/custody-hook' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  description?: string;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: every type' })
  // null is a value here: back to every type
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsIn(custodyEventTypes, { each: true, message: eventTypesProblem })
  eventTypes?: string[] | null;

  @ApiPropertyOptional({ description: 'false stops deliveries (pending ones fail); true resumes with the events that come next' })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] })
  @Optional()
  @IsIn(['pending', 'delivered', 'failed'])
  status?: 'pending' | 'delivered' | 'failed';
}
