import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { Optional } from '../../common/validators';
import { checkpointFormat } from '../../../libs/ledger';

const withoutNote = (dto: CheckpointDto) => dto.note === undefined || dto.note === null;
// the document's fields are checked when it comes without a note, or with its `format` beside the note
const asDocument = (dto: CheckpointDto) => withoutNote(dto) || dto.format !== undefined;

class CosignatureDoc {
  @ApiProperty({ example: 'witness.example.org/w1' }) witness: string;
  @ApiProperty({ example: '2026-12-02T09:00:03.000Z' }) cosignedAt: string;
  @ApiProperty({ description: 'The cosignature line, as it goes under the note (C2SP tlog-cosignature)' }) signatureLine: string;
}

/**
 * A checkpoint as GET /ledger/checkpoints/latest gives it, saved and sent back to be checked: the
 * JSON document (its `format`, `treeSize`, `rootHash`, `createdAt`, `keyId`, `signature`), or its
 * signed `note` alone.
 */
export class CheckpointDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'The same tree head as a C2SP signed note (tlog-checkpoint): verifies with standard transparency-log tools and GET /ledger/public-key’s verifierKey',
  })
  // a checkpoint made before notes was served with `note: null`: sent back so, it is the document that counts
  @ValidateIf((dto: CheckpointDto) => !withoutNote(dto))
  @IsString()
  @MaxLength(20_000)
  note?: string | null;

  @ApiPropertyOptional({ type: [CosignatureDoc], description: 'Witnesses’ cosignatures kept with it (answers only)' })
  @Optional()
  @IsArray()
  cosignatures?: CosignatureDoc[];

  @ApiProperty({ type: String, enum: [checkpointFormat], example: checkpointFormat })
  @ValidateIf(asDocument)
  @IsIn([checkpointFormat])
  format: typeof checkpointFormat;

  @ApiProperty({ example: 1204 })
  @ValidateIf(asDocument)
  @IsInt()
  @Min(0)
  treeSize: number;

  @ApiProperty({ example: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328' })
  @ValidateIf(asDocument)
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex characters' })
  rootHash: string;

  @ApiProperty({ example: '2026-11-23T20:00:00.000Z' })
  @ValidateIf(asDocument)
  @IsString()
  @MaxLength(40)
  createdAt: string;

  @ApiProperty({ example: '3f2a9c0d1e4b5a67' })
  @ValidateIf(asDocument)
  @IsString()
  @MaxLength(64)
  keyId: string;

  @ApiProperty({ description: 'Ed25519 signature, base64' })
  @ValidateIf(asDocument)
  @IsString()
  @MaxLength(200)
  signature: string;
}
