import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodeKind } from '../../libs/codes';

export class ScanResultDoc {
  @ApiProperty({
    enum: CodeKind,
    description:
      'What the code names; the rest of the body is that item, location (its own kind as `locationKind`) seizure or transfer, as its own endpoint gives it',
  })
  kind: CodeKind;

  @ApiProperty({ example: 'I000000022X', description: 'The code, normalised' })
  code: string;

  @ApiPropertyOptional({ example: 'POL-BRU', description: 'The site of the item, location or seizure' })
  site?: string;

  @ApiPropertyOptional({ example: 'Evidence room › Shelf A', description: 'A location’s place in its site, room first' })
  path?: string;
}
